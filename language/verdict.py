"""A screening verdict worded for a phone screen: what was asked first, with its reason, then the rest.

1. the benefit(s) the user asked about: ✅ yes (only on confirmed facts), ❌ no with the reason in the
   user's own terms, ⏱ ended, or ❓ not decided with what is still missing;
2. the other benefits the facts make eligible;
3. at most one near miss (when nothing was asked about);
4. the 2020 windows that have closed, as one line;
then where to apply and the one citation line. Details come on request (怎么申请 / 原文).
"""

from __future__ import annotations

from language.answers import DISCLAIMER as FOOTER  # one wording of the 2020 note and the hotline
from language.reading import show_fact
from policy_kb.facts import FACTS
from policy_kb.rules import RULES
from policy_kb.screening import Verdict


def _amount(result) -> str:
    return f"（{result.amount.text}）" if result.amount and result.amount.text and result.amount.value else ""


def _reason(result, facts: dict) -> str:
    used = RULES[result.rule].facts_used()
    shown = [show_fact(n, v) for n, v in facts.items() if n in used]
    return "、".join(shown)


def _line(result, facts: dict, confirmed: bool) -> str:
    if result.status.value == "eligible":
        if not confirmed:  # facts not confirmed: no tick, a conditional word
            return (f"· {result.name}{_amount(result)}：按您说的情况（{_reason(result, facts)}）可能符合，"
                    f"以审核为准（{result.citation}）。")
        return f"✅ {result.name}{_amount(result)}：符合。理由：{_reason(result, facts)}（{result.citation}）。"
    if not result.window_open:
        also = f"；按您说的，当时也不符合“{result.failed}”" if result.conditions_status.value == "not_eligible" else ""
        return f"⏱ {result.name}：这是2020年的阶段性政策，实施期限{result.window}，已结束{also}（{result.citation}）。"
    if result.status.value == "unknown":
        need = "、".join(FACTS[n].description.removeprefix("是否") for n in result.missing[:3])
        return f"❓ {result.name}：还不能确定，还需确认：{need}（{result.citation}）。"
    detail = (result.failed_detail or "").removeprefix("您的回答：")
    because = f"：{detail}" if detail else ""
    return f"❌ {result.name}：不符合“{result.failed}”{because}（{result.citation}）。"


def verdict_text(verdict: Verdict, asked: Verdict | None = None, confirmed: bool = False,
                 skipped: list[str] | None = None) -> str:
    facts = verdict.facts
    lines: list[str] = []
    asked_ids: set[str] = set()
    if asked is not None:
        lines.append("关于您问的政策：")
        for result in asked.results[:3]:
            asked_ids.add(result.rule)
            lines.append(_line(result, facts, confirmed))
    others = [r for r in verdict.eligible if r.rule not in asked_ids]
    if others:
        if confirmed:
            lines.append("您还符合：" if asked is not None else "根据您提供的情况，您符合：")
        else:
            lines.append("按您说的情况，可能还符合：" if asked is not None else "根据您提供的情况，可能符合：")
        lines += [_line(r, facts, confirmed) for r in others[:4]]
    if asked is None and not verdict.eligible:
        lines.append("根据您提供的情况，暂未发现您现在就能享受的政策。")
        if verdict.near_misses:
            lines.append("差一点符合的：" + _line(verdict.near_misses[0], facts, confirmed).removeprefix("❌ "))
        if verdict.undecided:
            lines.append(_line(verdict.undecided[0], facts, confirmed))
    open_ = [r for r in verdict.undecided if r.rule not in asked_ids]
    if open_ and asked is None and verdict.eligible:
        names = "、".join(r.name for r in open_[:2]) + (f"等{len(open_)}项" if len(open_) > 2 else "")
        need = "、".join(dict.fromkeys(FACTS[n].description.removeprefix("是否") for r in open_ for n in r.missing[:1]))
        lines.append(f"❓ 还不能确定：{names}（还需确认：{need}）。")
    if asked is None and verdict.closed:
        lines.append(f"⏱ 另有{len(verdict.closed)}项2020年的阶段性政策已到期，不再列出。")
    if skipped:
        lines.append("您说不清楚的：" + "、".join(FACTS[n].description.removeprefix("是否") for n in skipped[:4])
                     + "，可向受理部门确认。")
    eligible = [r for r in (asked.eligible if asked else []) + others]
    if eligible:
        first = eligible[0]
        lines.append(f"怎么申请{first.name}：{first.how_to_apply}。")
        deferred = [d.split("——")[0] for d in first.deferred]
        if deferred:
            lines.append("ℹ 本文件没有具体规定：" + "；".join(deferred) + "，按上级规定认定。")
    lines.append(FOOTER)
    return "\n".join(lines)

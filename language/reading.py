"""A personal reading of a measure's rules, from the facts a question states.

"按您说的（2026年毕业、低保家庭），符合（十三）一次性求职创业补贴的条件…；还需确认：…" — the same
three-valued rules a screening uses, applied to what the message says, with what is still to confirm.
It is a reading, not a verdict: a verdict comes from a screening, after the facts are confirmed.
"""

from __future__ import annotations

import datetime as dt
import re

from language import qtype as Q
from policy_kb.facts import FACTS
from policy_kb.rules import RULES
from policy_kb.rules.base import Status
from policy_kb.topics import topic_rules, topics

AMOUNT_SHOWN = 40  # characters of an amount without a figure that a reading still shows


def short_amount(text: str) -> str:
    """The figure of an amount, without the list that follows it (每户每年12000元为限额，依次扣减…增值税、城市维护
    建设税… → 每户每年12000元为限额): the reading gives the figure, the clause sentence below gives the rest."""
    if len(text) <= AMOUNT_SHOWN:
        return text
    head = re.split(r"[，；]", text)[0]
    if re.search(r"\d", head) and len(head) <= AMOUNT_SHOWN:
        return head
    from language.compose import MONEY

    ends = [m.end() for m in MONEY.finditer(text) if m.end() <= AMOUNT_SHOWN]  # 2人 × 每人每年6000元 = 每年12,000元
    return text[:ends[-1]] + "…" if ends else text


MET_SHOWN = 40  # characters of the met conditions a reading lists: the clause sentence below gives the whole


def met_conditions(met: list[str]) -> str:
    """The conditions a reading found met, short: each up to its first bracket (是高校毕业生（含…） → 是高校毕业生),
    without those of alternatives (A，或B: which one is met the stated facts above say), the ones another already
    says left out, as many as fit a phone line."""
    short = [m.split("（")[0] for m in met if "或" not in m]
    short = [s for i, s in enumerate(short) if s and not any(s != o and s in o for o in short) and s not in short[:i]]
    shown: list[str] = []
    for s in short:
        if len("、".join([*shown, s])) > MET_SHOWN and shown:
            break
        shown.append(s)
    return "、".join(shown)


def reading_rules(rule_ids: list[str], stated: dict) -> list[str]:
    """The rules a reading speaks about: those using a stated fact (two at most)."""
    return [i for i in rule_ids if RULES[i].facts_used() & set(stated)][:2]


def show_fact(name: str, value) -> str:
    """A fact as the user would say it back: 2026年毕业, 低保家庭, 是高校毕业生."""
    fact = FACTS[name]
    if name == "graduation_year":
        return f"{value}年毕业"
    if isinstance(value, bool):
        label = fact.description.removeprefix("是否")
        return label if value else f"不是{label}" if not label.startswith("已") else f"未{label[1:]}"
    if fact.type in ("int", "number"):
        return f"{fact.description}{value:g}" if isinstance(value, float) else f"{fact.description}{value}"
    return str(value)


def rules_to_offer(number: str, topic: str | None, facts: dict) -> list[str]:
    """The rules of the measure (or of the topic that led to it) a screening would check, for whoever asks."""
    if topic in topics() and number in topics()[topic].measures:
        ids = topic_rules(topics()[topic])
    else:
        ids = [r.id for r in RULES.values() if r.measure == number]
    applicant = {"个人": "person", "企业": "enterprise"}.get(facts.get("applicant_type"))
    return [i for i in ids if applicant in (None, RULES[i].applicant)]


def personal_reading(rule_ids: list[str], facts: dict, stated: dict, on: dt.date | None = None, query: str = "") -> str:
    """What the rules say about the stated facts; empty when none of the rules uses them. A question asking for
    how long (最多补几年) also gets each rule's period (最长不超过3年)."""
    from policy_kb.facts import Facts

    on = on or dt.date.today()
    relevant = reading_rules(rule_ids, stated)
    if not relevant:
        return ""
    known = Facts.of(facts, on)
    said = "、".join(show_fact(n, v) for n, v in stated.items() if n in set().union(*(RULES[i].facts_used() for i in relevant)))
    lines = [f"按您说的（{said}）："]
    for rule_id in relevant:
        rule = RULES[rule_id]
        result = rule.evaluate(known)
        # a figure, or a short rule; a long description of how it is paid is the clause's to give (原文)
        amount = short_amount(result.amount.text) if result.amount and result.amount.text and (
            result.amount.value or len(result.amount.text) <= AMOUNT_SHOWN) else ""
        if Q.ASKS_DURATION.search(query) and result.period and result.period not in amount:
            period = result.period if "期" in result.period else f"期限{result.period}"
            amount = f"{amount}；{period}" if amount else period
        amount = f"（{amount}）" if amount else ""
        if result.status is Status.ELIGIBLE:
            met = met_conditions(result.met)
            lines.append(f"· {rule.name}{amount}：条件都满足{f'（{met}）' if met else ''}，办理时以审核为准。")
        elif result.status is Status.UNKNOWN:
            need = "、".join(FACTS[n].description.removeprefix("是否") for n in result.missing[:3])
            hint = f"（{'；'.join(result.hints)}）" if result.hints else ""
            lines.append(f"· {rule.name}{amount}：目前没有不符合的条件，还需确认：{need}{hint}。")
        elif not result.window_open:
            then = f"当时按您说的情况：{result.amount.text}。" if result.amount and result.amount.value else ""
            if result.conditions_status is Status.NOT_ELIGIBLE:  # ended, and the facts would not have met it
                then = f"按您说的，当时也不符合“{result.failed}”。"
            lines.append(f"· {rule.name}：2020年的阶段性政策，实施期限{result.window}，已结束。{then}")
        else:
            reason = (result.failed_detail or "").removeprefix("您的回答：")
            lines.append(f"· {rule.name}：不符合“{result.failed}”{('：' + reason) if reason else ''}。")
    return "\n".join(lines)

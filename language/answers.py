"""Plain-Chinese answers built from the structured policy: measures, follow-ups, the annex, verdicts.

Every text here is assembled from the clause text, the parameters and the rule results, so an answer
never states a figure that policy_kb does not hold. Each answer ends with its citation and the note that
it follows the 2020 document.
"""

from __future__ import annotations

import datetime as dt
import re

from policy_kb import annex
from policy_kb.document import DOCUMENT_NUMBER, GENERAL, citation, measure, measures
from policy_kb.facts import FACTS
from policy_kb.parameters import parameters
from policy_kb.rules import RULES
from policy_kb.rules.base import HOTLINE
from policy_kb.screening import Verdict
from policy_kb.topics import topics

DISCLAIMER = f"（依据2020年印发的{DOCUMENT_NUMBER}，现行政策以{HOTLINE}答复为准）"
_KEY = re.compile(r"\d|补贴|贷款|给予|免征|缓缴|扣减|返还|奖补|补助|延长|期限|条件")


def _windows(number: str) -> list:
    seen, out = set(), []
    for p in parameters().values():
        w = p.window
        if p.measure == number and (w.start or w.end) and (w.start, w.end) not in seen:
            seen.add((w.start, w.end))
            out.append(p)
    return out


def window_notes(number: str, on: dt.date | None = None, focus: list[str] | None = None) -> list[str]:
    """Time limits the measure states, and whether each is still open on the date.

    With focus words (a topic's keywords), only the windows whose sentence mentions them, if any do.
    """
    on = on or dt.date.today()
    notes = []
    windows = _windows(number)
    focused = [p for p in windows if any(f in p.sentence for f in focus or [])]
    for p in focused or windows:
        state = "仍在实施期内" if p.window.contains(on) else "已结束"
        notes.append(f"“{p.quote}”——实施期限{p.window.describe()}，{state}")
    return notes


def key_sentences(number: str, focus: list[str] | None = None, limit: int = 4, max_chars: int = 360) -> list[str]:
    """The measure's sentences that carry its substance: the figures rules use, benefits, the focus words."""
    m = measure(number)
    sentences = m.sentences()
    body = sentences[1:] if m.index and len(sentences) > 1 else sentences  # the first is the lead title
    focus = [f for f in (focus or []) if f]
    quotes = [p.quote for p in parameters().values() if p.measure == number]

    def score(s: str) -> float:
        return (len(_KEY.findall(s)) * 0.2 + sum(6 for f in focus if f in s)
                + (5 if any(q in s for q in quotes) else 0))

    ranked = sorted(range(len(body)), key=lambda i: (-score(body[i]), i))
    chosen, total = [], 0
    for i in ranked:
        # a sentence stating an amount of the measure that no chosen sentence states is kept whatever its length
        new_amount = any(a in body[i] and not any(a in body[j] for j in chosen) for a in m.amounts)
        if len(chosen) >= limit or (chosen and total + len(body[i]) > max_chars and not new_amount):
            continue
        chosen.append(i)
        total += len(body[i])
    return [body[i].rstrip("；。") + "。" for i in sorted(chosen)]


def _departments_line(number: str) -> str:
    m = measure(number)
    if not m.departments:
        return "本条未列明责任部门，由各乡镇政府、街道办事处和市直有关部门负责落实；具体可咨询" + HOTLINE + "。"
    return f"负责部门：{'、'.join(m.departments)}（按职责分工负责）。"


def measure_answer(number: str, topic: str | None = None, query: str = "", on: dt.date | None = None) -> str:
    """Short answer about one measure: what, to whom, how much, when, who; with the citation."""
    m = measure(number)
    focus = list(topics()[topic].keywords) if topic in topics() else []
    focus += [w for w in re.findall(r"[\u4e00-\u9fff]{2,}", query or "") if len(w) <= 6]
    lines = [f"【{m.label if m.index else ''}{m.title}】" if m.index else f"【{GENERAL}】"]
    lines += key_sentences(number, focus)
    for note in window_notes(number, on, list(topics()[topic].keywords) if topic in topics() else None):
        lines.append("⏱ " + note + "。")
    lines.extend(_deferred_lines(number, topic))
    lines.append(_departments_line(number))
    lines.append(f"依据：{citation(number)}。{DISCLAIMER}")
    return "\n".join(lines)


def _deferred_lines(number: str, topic: str | None) -> list[str]:
    """What the measure leaves to higher-level rules, said plainly instead of guessed."""
    from policy_kb.topics import topic_rules

    ids = topic_rules(topics()[topic]) if topic in topics() else [r.id for r in _rules_of(number)]
    terms: list[str] = []
    for rule_id in ids:
        if RULES[rule_id].measure == number:
            terms.extend(t for t in RULES[rule_id].deferred if t not in terms)
    if not terms:
        return []
    return [f"ℹ 本文件没有具体规定：{'；'.join(terms)}。按上级规定执行，请向{HOTLINE}确认。"]


def topic_answer(topic_id: str, query: str = "", on: dt.date | None = None) -> str:
    topic = topics()[topic_id]
    return "\n\n".join(measure_answer(n, topic_id, query, on) for n in topic.measures)


def full_text(number: str) -> str:
    m = measure(number)
    return f"{m.text}\n——{citation(number)}原文。{DISCLAIMER}"


def departments_answer(number: str) -> str:
    return f"{measure(number).label}{_departments_line(number)}政策咨询电话12333。依据：{citation(number)}。{DISCLAIMER}"


def _rules_of(number: str) -> list:
    return [r for r in RULES.values() if r.measure == number]


def how_to_apply_answer(number: str) -> str:
    m = measure(number)
    lines = [f"{m.label}{m.title}怎么申请："]
    rules = _rules_of(number)
    for r in rules:
        lines.append(f"· {r.name}：{r.how_to_apply}。")
    if not rules:
        lines.append("本条没有规定个人或企业直接申领的事项和流程。")
    lines.append(_departments_line(number))
    lines.append(f"依据：{citation(number)}。{DISCLAIMER}")
    return "\n".join(lines)


def materials_answer(number: str) -> str:
    m = measure(number)
    depts = "、".join(m.departments[:3]) or "市人社局"
    lines = [f"{DOCUMENT_NUMBER}没有列出{m.label}{m.title}的申请材料清单。"]
    for r in _rules_of(number):
        if r.how_to_apply:
            lines.append(f"· {r.name}：{r.how_to_apply}。")
    lines.append(f"所需材料以受理部门要求为准，请事先向{depts}咨询（电话12333）。依据：{citation(number)}。{DISCLAIMER}")
    return "\n".join(lines)


def amount_answer(number: str) -> str:
    m = measure(number)
    params = [p for p in parameters().values() if p.measure == number and p.unit != "window"]
    if not params:
        return (f"{m.label}{m.title}没有规定具体金额或标准。{_departments_line(number)}"
                f"依据：{citation(number)}。{DISCLAIMER}")
    seen, lines = set(), [f"{m.label}{m.title}中的标准："]
    for p in params:
        sentence = p.sentence.rstrip("；。")
        if sentence not in seen:
            seen.add(sentence)
            lines.append(f"· {sentence}。")
    lines.append(f"依据：{citation(number)}。{DISCLAIMER}")
    return "\n".join(lines)


def deadline_answer(number: str, on: dt.date | None = None) -> str:
    m = measure(number)
    notes = window_notes(number, on)
    if not notes:
        return (f"{m.label}{m.title}在文件中没有规定单独的实施期限；文件是2020年印发的，目前是否仍在执行、"
                f"如何执行，请向{HOTLINE}确认。依据：{citation(number)}。{DISCLAIMER}")
    return "\n".join([f"{m.label}{m.title}的期限："] + [f"· {n}。" for n in notes]
                     + [f"依据：{citation(number)}。{DISCLAIMER}"])


# --- the annex --------------------------------------------------------------------------------------

ANNEX_NAME = "附件《新密市2020年城乡就业创业工作目标任务分解表》"


def _value(indicator: str, v: int | None) -> str:
    return "无此项任务" if v is None else f"{v}{annex.unit_of_measure(indicator)}"


def annex_answer(text: str) -> str:
    """Answer an annex question from its wording: a unit, an indicator, a ranking, a total or a bank."""
    unit, indicator, bank = annex.find_unit(text), annex.find_indicator(text), annex.find_bank(text)
    least = any(w in text for w in ("最少", "最低", "最小", "垫底", "倒数"))
    most = any(w in text for w in ("最多", "最高", "最大", "第一", "排名", "排第", "前几"))
    total = any(w in text for w in ("合计", "总共", "一共", "全市", "总数", "总任务", "加起来"))
    named_banks = annex.find_banks(text)
    if len(named_banks) > 1:
        body = "；".join(f"{b.name}{b.task_wan_yuan:g}万元" for b in named_banks)
        if total:
            body += f"；各承贷银行合计{sum(b.task_wan_yuan for b in annex.banks()):g}万元"
        return f"2020年创业担保贷款任务：{body}。\n依据：{DOCUMENT_NUMBER}{ANNEX_NAME}备注。{DISCLAIMER}"
    if bank or (("银行" in text) and not unit):
        return banks_answer(bank.name if bank else None)
    indicators = annex.find_indicators(text)
    if unit and len(indicators) > 1:
        row = annex.unit_targets(unit)
        body = f"{unit}2020年目标任务：" + "；".join(f"{i}{_value(i, row[i])}" for i in indicators) + "。"
    elif unit and indicator:
        v = annex.unit_targets(unit)[indicator]
        body = f"{unit}2020年“{indicator}”目标任务：{_value(indicator, v)}。"
    elif unit:
        body = unit_answer(unit)
    elif len(indicators) > 1 and total:
        body = "全市合计：" + "；".join(f"{i}{_value(i, annex.totals()[i])}" for i in indicators) + "。"
    elif indicator and (most or least):
        ext = annex.extremes(indicator, largest=not least)
        names = "、".join(u for u, _ in ext)
        word = "最少" if least else "最多"
        body = f"“{indicator}”任务{word}的是{names}（{_value(indicator, ext[0][1])}）。"
        none = annex.no_task_units(indicator)
        if none:
            body += f"{'、'.join(none)}没有此项任务。"
    elif indicator:
        body = indicator_answer(indicator)
    elif total:
        body = "全市合计：" + "；".join(f"{k}{_value(k, v)}" for k, v in annex.totals().items()) + "。"
    else:
        body = (f"{ANNEX_NAME}列出了18个乡镇（街道、管委）的10项目标任务：{'、'.join(annex.INDICATORS)}。"
                "您可以问某个乡镇的任务、某项指标各乡镇的任务、哪个最多/最少，或全市合计。")
    return f"{body}\n依据：{DOCUMENT_NUMBER}{ANNEX_NAME}。{DISCLAIMER}"


def unit_answer(unit: str) -> str:
    row = annex.unit_targets(unit)
    return f"{unit}2020年目标任务：" + "；".join(f"{k}{_value(k, v)}" for k, v in row.items()) + "。"


def indicator_answer(indicator: str) -> str:
    values = annex.indicator_across_units(indicator)
    parts = [f"{u}{_value(indicator, v)}" for u, v in values.items()]
    return (f"“{indicator}”各单位目标任务：" + "；".join(parts)
            + f"。全市合计{annex.totals()[indicator]}{annex.unit_of_measure(indicator)}。")


def banks_answer(name: str | None = None) -> str:
    banks = annex.banks()
    if name:
        b = next(b for b in banks if b.name == name)
        body = f"{b.name}2020年创业担保贷款任务{b.task_wan_yuan:g}万元。"
    else:
        body = "各承贷银行2020年创业担保贷款任务：" + "，".join(f"{b.name}{b.task_wan_yuan:g}万元" for b in banks) + \
            f"，合计{sum(b.task_wan_yuan for b in banks):g}万元。"
    return f"{body}\n依据：{DOCUMENT_NUMBER}{ANNEX_NAME}备注。{DISCLAIMER}"


# --- verdicts -------------------------------------------------------------------------------------------

def _result_line(r) -> str:
    amount = f"，{r.amount.text}" if r.amount and r.amount.text else ""
    return f"{r.name}{amount}（{r.citation}）"


def verdict_text(v: Verdict) -> str:
    """A screening verdict in the order a resident needs it."""
    lines: list[str] = []
    if v.eligible:
        lines.append("✅ 根据您提供的情况，您符合以下政策的条件：")
        for r in v.eligible:
            lines.append(f"· {_result_line(r)}")
            lines.append(f"  理由：{'；'.join(r.met)}。")
            if r.period:
                lines.append(f"  期限：{r.period}。")
            lines.append(f"  怎么申请：{r.how_to_apply}。负责部门：{'、'.join(r.departments)}。")
    else:
        lines.append("根据您提供的情况，暂未发现您现在就能享受的政策。")
    if v.near_misses:
        lines.append("❌ 差一点符合，但有一个条件不满足：")
        for r in v.near_misses:
            lines.append(f"· {r.name}（{r.citation}）：不满足“{r.failed}”。{r.failed_detail or ''}")
    if v.closed:
        lines.append("⏱ 以下是2020年的阶段性政策，实施期限已过：")
        for r in v.closed:
            how_much = f"当时的标准：{r.amount.text}。" if r.amount and r.amount.text else ""
            lines.append(f"· {r.name}（{r.citation}）：实施期限{r.window}，已结束。{how_much}")
    if v.undecided:
        lines.append("❓ 还需要更多信息才能判断：")
        for r in v.undecided:
            need = "、".join(FACTS[n].description for n in r.missing[:3])
            lines.append(f"· {r.name}（{r.citation}）：还需确认{need}。")
    deferred = v.deferred_terms()
    if deferred:
        lines.append("ℹ 需要向主管部门确认的事项：")
        lines.extend(f"· {d}" for d in deferred)
    lines.append(DISCLAIMER)
    return "\n".join(lines)


def overview() -> str:
    items = "；".join(f"{m.label}{m.title}" for m in measures().values() if m.index)
    return f"{DOCUMENT_NUMBER}《关于进一步做好稳就业工作的实施意见》共26条措施：{items}。{DISCLAIMER}"

"""Answers about the annex (目标任务分解表), the list of measures and the measures' time limits.

Every text here is assembled from policy_kb's annex table, clauses and parameters, so an answer never
states a figure policy_kb does not hold. Questions about a measure are answered by ``compose``, verdicts
are worded by ``verdict``.
"""

from __future__ import annotations

import datetime as dt
import re

from language.contact import HOTLINE
from policy_kb import annex
from policy_kb.document import DOCUMENT_NUMBER, measures
from policy_kb.parameters import windows_of

DISCLAIMER = f"（依据2020年印发的{DOCUMENT_NUMBER}，现行政策以{HOTLINE}答复为准）"


def window_notes(number: str, on: dt.date | None = None, focus: list[str] | None = None) -> list[str]:
    """Time limits the measure states, and whether each is still open on the date.

    With focus words (a topic's keywords), only the windows whose sentence mentions them, if any do.
    """
    on = on or dt.date.today()
    notes = []
    windows = windows_of(number)
    focused = [p for p in windows if any(f in p.sentence for f in focus or [])]
    for p in focused or windows:
        state = "仍在实施期内" if p.contains(on) else "已结束"
        notes.append(f"“{p.quote}”——实施期限{p.describe()}，{state}")
    return notes


# --- the annex --------------------------------------------------------------------------------------

ANNEX_NAME = "附件《新密市2020年城乡就业创业工作目标任务分解表》"


def _value(indicator: str, v: int | None) -> str:
    return "表中该栏为空，附件没有列出此项任务" if v is None else f"{v}{annex.unit_of_measure(indicator)}"


def annex_answer(text: str) -> str:
    """Answer an annex question from its wording: a unit, an indicator, a ranking, a total or a bank."""
    unit, indicator, bank = annex.find_unit(text), annex.find_indicator(text), annex.find_bank(text)
    least = any(w in text for w in ("最少", "最低", "最小", "垫底", "倒数"))
    most = any(w in text for w in ("最多", "最高", "最大", "第一", "排名", "排第", "前几"))
    total = any(w in text for w in ("合计", "总共", "一共", "全市", "总数", "总任务", "加起来"))
    if UNIT_OF_MEASURE_ASKED.search(text):
        return (f"{ANNEX_NAME}的数字，表头注明“单位：人”；创业担保贷款一栏单位为{annex.unit_of_measure('创业担保贷款')}。"
                f"\n依据：{DOCUMENT_NUMBER}{ANNEX_NAME}。{DISCLAIMER}")
    named_banks = annex.find_banks(text)
    if len(named_banks) > 1:
        body = "；".join(f"{b.name}{b.task_wan_yuan:g}万元" for b in named_banks)
        if total:
            body += f"；各承贷银行合计{sum(b.task_wan_yuan for b in annex.banks()):g}万元"
        return f"2020年创业担保贷款任务：{body}。\n依据：{DOCUMENT_NUMBER}{ANNEX_NAME}备注。{DISCLAIMER}"
    if bank or (("银行" in text) and (not unit or WHICH_BANK.search(text))):  # 俺在大隗镇 能找哪些银行办
        return banks_answer(bank.name if bank else None)
    indicators = annex.find_indicators(text) or indicators_by_fragment(text)
    if not indicator and len(indicators) == 1:
        indicator = indicators[0]
    several = annex.find_units(text)
    if len(several) > 1 and (total or COMPARES.search(text) or len(several) < len(annex.units()) // 2):
        body = units_answer(several, indicators, total, bool(COMPARES.search(text)))
    elif unit and len(indicators) > 1:
        row = annex.unit_targets(unit)
        body = f"{unit}2020年目标任务：" + "；".join(f"{i}{_value(i, row[i])}" for i in indicators) + "。"
    elif unit and indicator:
        v = annex.unit_targets(unit)[indicator]
        body = f"{unit}2020年“{indicator}”目标任务：{_value(indicator, v)}。"
    elif unit:
        body = unit_answer(unit)
    elif len(indicators) > 1 and total:
        body = "全市合计：" + "；".join(f"{i}{_value(i, annex.totals()[i])}" for i in indicators) + "。"
    elif len(indicators) > 1:  # several indicators, no unit: their totals, and how to ask for one unit's
        body = ("附件中相关的目标任务（全市合计）：" + "；".join(f"{i}{_value(i, annex.totals()[i])}" for i in indicators)
                + f"。各乡镇、街道的分解可以直接问，如“曲梁镇{indicators[0]}任务”。")
    elif indicator and total:
        body = f"“{indicator}”全市合计{_value(indicator, annex.totals()[indicator])}（各乡镇、街道的分解可以直接问，如“曲梁镇{indicator}任务”）。"
    elif indicator and (most or least):
        among = annex.units_of_kind(text)
        ext = annex.extremes(indicator, largest=not least, among=among)
        names = "、".join(u for u, _ in ext)
        word = "最少" if least else "最多"
        body = f"“{indicator}”任务{word}的是{names}（{_value(indicator, ext[0][1])}）。"
        none = [u for u in annex.no_task_units(indicator) if among is None or u in among]
        if none:
            body += f"{'、'.join(none)}没有此项任务。"
    elif indicator:
        body = indicator_answer(indicator)
    elif UNITS_ASKED.search(text):  # 一共给多少个乡镇分了任务: the units themselves
        body = f"{ANNEX_NAME}给{len(annex.units())}个乡镇（街道、管委）分解了任务：{'、'.join(annex.units())}。"
    elif total:
        body = "全市合计：" + "；".join(f"{k}{_value(k, v)}" for k, v in annex.totals().items()) + "。"
    else:
        body = (f"{ANNEX_NAME}列出了{len(annex.units())}个乡镇（街道、管委）的10项目标任务：{'、'.join(annex.INDICATORS)}。"
                "您可以问某个乡镇的任务、某项指标各乡镇的任务、哪个最多/最少，或全市合计。")
    return f"{body}\n依据：{DOCUMENT_NUMBER}{ANNEX_NAME}。{DISCLAIMER}"


UNITS_ASKED = re.compile(r"(多少|几)个(乡镇|单位|街道|地方)|(哪些|哪几个)(乡镇|单位|街道|地方)")
UNIT_OF_MEASURE_ASKED = re.compile(r"(按|以)(啥|什么|哪个)单位|(啥|什么)单位(算|计)|单位是(啥|什么)|按人算还是|按人次|数字(的)?单位")
WHICH_BANK = re.compile(r"(哪些|哪家|哪个|哪几家|什么|啥)银行|(找|去|到)[^，。？?]{0,3}银行")
COMPARES = re.compile(r"不一样|不同|区别|差别|差多少|相比|比较|谁多|哪个多|一样吗|一样不")


def units_answer(units: list[str], indicators: list[str], total: bool, compare: bool) -> str:
    """Several units' targets (新华路和青屏街, 四个街道加起来): the indicators asked, or all; their sum when asked;
    for a comparison without an indicator, the indicators in which they differ."""
    rows = {u: annex.unit_targets(u) for u in units}
    asked = indicators or list(annex.INDICATORS)
    if compare and not indicators:
        differ = [i for i in asked if len({rows[u][i] for u in units}) > 1]
        if not differ:
            return f"{'、'.join(units)}2020年各项目标任务相同：" + unit_answer(units[0]).split("：", 1)[1]
        same = [i for i in asked if i not in differ]
        body = "；".join(f"{i}（" + "，".join(f"{u}{_value(i, rows[u][i])}" for u in units) + "）" for i in differ)
        tail = f"其余各项（{'、'.join(same)}）相同。" if same else ""
        return f"{'、'.join(units)}2020年目标任务不同的是：{body}。{tail}"
    lines = []
    for i in asked:
        values = "，".join(f"{u}{_value(i, rows[u][i])}" for u in units)
        line = f"{i}：{values}"
        if total:
            known = [rows[u][i] for u in units if rows[u][i] is not None]
            line += f"；合计{sum(known)}{annex.unit_of_measure(i)}" if known else ""
        lines.append(line)
    return "2020年目标任务——" + "。".join(lines) + "。"


def indicators_by_fragment(text: str) -> list[str]:
    """The indicators whose names hold a four-character piece of the question (技能培训 → the three training
    indicators), when it names none whole."""
    text = annex.squeeze(text)
    pieces = {text[i:i + 4] for i in range(len(text) - 3)}
    return [name for name in annex.INDICATORS if any(p in name for p in pieces)]


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
        body = f"2020年创业担保贷款任务：{b.name}{b.task_wan_yuan:g}万元。"
    else:
        body = "各承贷银行2020年创业担保贷款任务：" + "，".join(f"{b.name}{b.task_wan_yuan:g}万元" for b in banks) + \
            f"，合计{sum(b.task_wan_yuan for b in banks):g}万元。"
    return f"{body}\n依据：{DOCUMENT_NUMBER}{ANNEX_NAME}备注。{DISCLAIMER}"


def overview() -> str:
    items = "；".join(f"{m.label}{m.title}" for m in measures().values() if m.index)
    return f"{DOCUMENT_NUMBER}《关于进一步做好稳就业工作的实施意见》共26条措施：{items}。{DISCLAIMER}"

"""What the staff console shows, as plain JSON-able data: measures, rules, the annex, records, statistics.

Everything comes from policy_kb (the single source of truth) and actions.records; the pages
(``console.pages``) and the JSON endpoints (``console.channel``) render the same dictionaries.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from language import answers
from language.search import search
from policy_kb import annex, explain
from policy_kb.document import GENERAL, NUMERALS, citation, measure, measures
from policy_kb.explain import APPLICANTS, STATUS  # the console labels as the measure pages do
from policy_kb.facts import FACTS
from policy_kb.parameters import Window
from policy_kb.rules import RULES

GROUPS = {
    "eligible": "符合条件",
    "near_misses": "差一个条件",
    "closed": "实施期限已过",
    "undecided": "还需信息",
    "not_eligible": "不符合",
}
CHANNELS = {"rest": "网页对话", "wechat": "微信公众号", "staff": "热线坐席代查", "unknown": "未知渠道"}
OUTCOMES = {
    "ok": "编号和验证码正确",
    "legacy": "旧编号（管理员查看）",
    "legacy_refused": "旧编号，非管理员，拒绝",
    "not_found": "编号不存在",
    "no_verification": "未填验证码，拒绝",
    "wrong_verification": "验证码错误，拒绝",
    "limited": "错误次数过多，拒绝",
    "saved": "已保存",
    "": "—",
}
_CITED = re.compile(r"（(" + "|".join(sorted(NUMERALS, key=len, reverse=True)) + r")）")


# --- which measure an answer cites -------------------------------------------------------------------


def cited_measures(text: str) -> list[str]:
    """Measures an answer cites, in order: （十一）… and 总体要求."""
    found: list[str] = []
    for match in _CITED.finditer(text or ""):
        if match.group(1) not in found:
            found.append(match.group(1))
    if ("·" + GENERAL in (text or "") or f"【{GENERAL}】" in (text or "")) and GENERAL not in found:
        found.append(GENERAL)
    return found


def focus_measure(reply: str, slot: str | None) -> str | None:
    """The measure to show beside an answer: the dialogue's current measure when the answer cites it,
    else the first one cited; None when the answer cites no measure (an annex answer, a greeting, a
    question back): the pane then shows no clause rather than the previous one."""
    cited = cited_measures(reply)
    if slot and slot in cited:
        return slot
    return cited[0] if cited else None


def cites_annex(reply: str) -> bool:
    """Whether an answer is about the annex (目标任务分解表)."""
    return answers.ANNEX_NAME in (reply or "") or "附件" in (reply or "")


# --- measures ----------------------------------------------------------------------------------------


def standard_answer(number: str, query: str = "", on: dt.date | None = None) -> str:
    """标准答复口径: the assistant's answer for the measure, with how to apply, its citation and disclaimer."""
    from language.compose import measure_reply
    from language.normalize import normalize
    from language.qtype import WHAT, question_type

    query = normalize(query)
    text = measure_reply(number, query, question_type(query) if query else WHAT, on)
    rules = [r for r in RULES.values() if r.measure == number]
    if rules:
        head, sep, tail = text.rpartition("\n依据：")
        ask = f"文件未规定具体申请流程，请向{'、'.join(measure(number).departments[:2]) or '市人社局'}咨询（12333）"
        steps = "\n".join(f"· {r.name}：{r.how_to_apply or ask}。" for r in rules)
        text = f"{head}\n怎么申请：\n{steps}{sep}{tail}" if sep else f"{text}\n怎么申请：\n{steps}"
    return text


def measure_summary(number: str) -> dict:
    m = measure(number)
    return {"number": m.number, "label": m.label, "title": m.title, "section": m.section}


def measure_detail(number: str, query: str = "", on: dt.date | None = None) -> dict:
    """The measure's page (policy_kb.explain, the same structure docs/measures/ is written from), with what
    only the console adds: whether each period is still open on ``on`` and the standard answer."""
    on = on or dt.date.today()
    m = measure(number)
    page = explain.page(m.number)
    for w in page["windows"]:
        w["open"] = Window(*(dt.date.fromisoformat(d) if d else None for d in (w["start"], w["end"]))).contains(on)
    for r in page["rules"]:
        window = RULES[r["id"]].window_of
        r["window_open"] = window.contains(on) if window else True
    return {**page, "amounts": list(m.amounts), "standard_answer": standard_answer(m.number, query, on)}


def clause_panel(number: str, query: str = "") -> dict:
    """What the chat pane shows beside an answer: full text, departments, the standard answer."""
    m = measure(number)
    return {
        **measure_summary(m.number),
        "citation": citation(m.number),
        "text": m.text,
        "departments": list(m.departments)
        or ["本条未列明责任部门（由各乡镇政府、街道办事处和市直有关部门负责落实）"],
        "rules": [r.name for r in RULES.values() if r.measure == m.number],
        "standard_answer": standard_answer(m.number, query),
    }


def measure_list(query: str = "") -> dict:
    items = [measure_summary(n) for n in measures()]
    hits = (
        [
            {
                "number": h.number,
                "label": h.label,
                "title": h.title,
                "score": round(h.score, 3),
                "snippet": h.snippet,
            }
            for h in search(query, 8)
        ]
        if query.strip()
        else []
    )
    return {"query": query, "measures": items, "hits": hits}


def annex_data() -> dict:
    return {
        "name": answers.ANNEX_NAME,
        "indicators": [{"name": i, "unit": annex.unit_of_measure(i)} for i in annex.INDICATORS],
        "rows": [
            {"unit": u, "values": [row[i] for i in annex.INDICATORS]} for u, row in annex.table().items()
        ],
        "totals": [annex.totals()[i] for i in annex.INDICATORS],
        "banks": [{"name": b.name, "task_wan_yuan": b.task_wan_yuan} for b in annex.banks()],
        "banks_total": sum(b.task_wan_yuan for b in annex.banks()),
        "note": annex.note(),
    }


# --- the fact vocabulary for the staff-run screening form --------------------------------------------


def fact_fields(applicant: str) -> list[dict]:
    fields = []
    for f in FACTS.values():
        if f.name == "applicant_type" or f.applicant not in (applicant, "both"):
            continue
        widget = {"bool": "yesno", "enum": "select"}.get(f.type, "number")
        fields.append(
            {
                "name": f.name,
                "type": f.type,
                "widget": widget,
                "label": f.description,
                "question": f.question,
                "values": list(f.values),
                "minimum": f.minimum,
                "maximum": f.maximum,
                "step": "any" if f.type == "number" else "1",
            }
        )
    return fields


def facts_from_form(applicant: str, form: dict) -> dict:
    """The answered facts of a staff form (empty and 不知道 left out); values coerced later by policy_kb."""
    facts: dict = {"applicant_type": APPLICANTS[applicant]}
    for field in fact_fields(applicant):
        raw = form.get(field["name"])
        if isinstance(raw, list):
            raw = raw[0] if raw else None
        if raw is None or str(raw).strip() in ("", "unknown", "不知道"):
            continue
        facts[field["name"]] = raw if not isinstance(raw, str) else raw.strip()
    return facts


# --- screening records -------------------------------------------------------------------------------


def fact_rows(facts: dict) -> list[dict]:
    rows = []
    for name, value in facts.items():
        f = FACTS.get(name)
        shown = ("是" if value else "否") if isinstance(value, bool) else value
        rows.append({"name": name, "label": f.description if f else name, "value": shown})
    return rows


def explain_results(results: dict) -> list[dict]:
    """The verdict's groups, each result with its trace (met, failed with the applicant's value, missing)."""
    groups = []
    for key, title in GROUPS.items():
        items = []
        for r in results.get(key) or []:
            amount = r.get("amount") or {}
            items.append(
                {
                    "rule": r.get("rule"),
                    "name": r.get("name"),
                    "citation": r.get("citation"),
                    "status": STATUS.get(r.get("status"), r.get("status")),
                    "met": r.get("met") or [],
                    "failed": r.get("failed"),
                    "failed_detail": r.get("failed_detail"),
                    "missing": [FACTS[n].description if n in FACTS else n for n in r.get("missing") or []],
                    "amount": amount.get("text") if isinstance(amount, dict) else None,
                    "period": r.get("period"),
                    "window": r.get("window"),
                    "window_open": r.get("window_open"),
                    "departments": r.get("departments") or [],
                    "how_to_apply": r.get("how_to_apply"),
                    "deferred": r.get("deferred") or [],
                    "sentence": r.get("sentence"),
                }
            )
        groups.append({"key": key, "title": title, "results": items})
    return groups


def record_view(record) -> dict:
    results = json.loads(record.results)
    facts = json.loads(record.facts)
    return {
        "code": record.code,
        "created_at": record.created_at.isoformat(sep=" ", timespec="seconds"),
        "channel": record.channel,
        "channel_label": CHANNELS.get(record.channel, record.channel),
        "applicant": APPLICANTS.get(record.applicant or "", record.applicant or "未说明"),
        "policy_version": record.policy_version,
        "evaluated_on": results.get("on"),
        "facts": fact_rows(facts),
        "eligible": [RULES[r].name if r in RULES else r for r in json.loads(record.eligible)],
        "groups": explain_results(results),
        "deferred": results.get("deferred") or [],
    }


def normalize_code(code: str) -> str | None:
    from records.codes import normalize

    return normalize(code)


# --- statistics ---------------------------------------------------------------------------------------


def statistics_view(stats: dict, days: int, today: dt.date | None = None) -> dict:
    """actions.records.statistics as a day-by-day series with every day present and readable names."""
    today = today or dt.date.today()
    series_days = [(today - dt.timedelta(days=days - 1 - i)).isoformat() for i in range(days)]
    per_measure: dict[str, int] = {}
    per_benefit: dict[str, int] = {}
    daily = []
    for day in series_days:
        questions = stats["questions"].get(day, {})
        qualified = stats["qualified"].get(day, {})
        for k, v in questions.items():
            per_measure[k] = per_measure.get(k, 0) + v
        for k, v in qualified.items():
            per_benefit[k] = per_benefit.get(k, 0) + v
        daily.append(
            {
                "day": day,
                "questions": sum(questions.values()),
                "screenings": stats["screenings"].get(day, 0),
                "qualified": sum(qualified.values()),
                "questions_by_measure": {_measure_label(k): v for k, v in questions.items()},
                "qualified_by_benefit": {_rule_name(k): v for k, v in qualified.items()},
            }
        )
    order = list(measures())
    return {
        "days": days,
        "from": series_days[0],
        "to": series_days[-1],
        "daily": daily,
        "questions_by_measure": [
            {"measure": k, "label": _measure_label(k), "count": v}
            for k, v in sorted(
                per_measure.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99
            )
        ],
        "qualified_by_benefit": [
            {"rule": k, "name": _rule_name(k), "count": v}
            for k, v in sorted(per_benefit.items(), key=lambda kv: -kv[1])
        ],
        "totals": {
            "questions": sum(per_measure.values()),
            "screenings": sum(d["screenings"] for d in daily),
            "qualified": sum(per_benefit.values()),
        },
    }


def _measure_label(number: str) -> str:
    if number == "附件":
        return "附件：目标任务分解表"
    try:
        m = measure(number)
    except KeyError:
        return number
    return f"{m.label}{m.title}" if m.index else GENERAL


def _rule_name(rule_id: str) -> str:
    return RULES[rule_id].name if rule_id in RULES else rule_id

"""The law beside the code, in the manner of Catala: for each measure its text, the parameters quoted from it,
the rules that use them, the facts those rules read and the rule cases that test them.

Everything is derived: which parameters a rule uses is what it reads while its cases are evaluated; which
rules read a fact is found in the rules' conditions; the cases are ``tests/policy_kb/cases/*.yaml``. The
structure (``page``) is rendered as Markdown here (``docs/measures/``, ``python -m policy_kb explain 十三``)
and as HTML by the staff console, so both show the same content. Visible text holds no internal names.
"""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache
from pathlib import Path

import yaml

from policy_kb.document import GENERAL, citation, measure, measures
from policy_kb.facts import FACTS, Facts
from policy_kb.parameters import series, windows_of
from policy_kb.rules import RULES, Rule
from policy_kb.rules.base import HOTLINE, AllOf, AnyOf, Condition, Derived, FactCondition

CASES_DIR = Path(__file__).resolve().parent.parent / "tests" / "policy_kb" / "cases"
APPLICANTS = {"person": "个人", "enterprise": "企业"}
KINDS = {"subsidy": "补贴", "loan": "贷款", "tax": "税收优惠", "insurance": "社会保险", "service": "服务", "award": "奖补"}
STATUS = {"eligible": "符合", "not_eligible": "不符合", "unknown": "待确认"}
CHOOSES_POLICIES = "决定按个人政策还是企业政策为您筛查"  # applicant_type: read by the screening, not by a rule


# --- which rules read a fact ----------------------------------------------------------------------------


def leaves(condition: Condition) -> list[Condition]:
    if isinstance(condition, (AllOf, AnyOf)):
        return [leaf for part in condition.parts for leaf in leaves(part)]
    return [condition]


def _reads(leaf: Condition) -> tuple[str, ...]:
    if isinstance(leaf, FactCondition):
        return leaf.facts
    return leaf.needs if isinstance(leaf, Derived) else ()


def conditions_reading(rule: Rule, name: str) -> list[str]:
    """The wording (the policy's) of each condition of ``rule`` that reads fact ``name``."""
    return [leaf.text for leaf in leaves(rule.condition) if name in _reads(leaf)]


class _Reading(Facts):
    """Facts that note which of them are read (by a rule's amount or period)."""

    def get(self, name: str):
        self.__dict__.setdefault("read", set()).add(name)
        return super().get(name)


@cache
def read_for_amount_or_period(rule_id: str) -> frozenset[str]:
    """The facts a rule's amount or period is worked out from, found by working them out for its cases."""
    rule, read = RULES[rule_id], set()
    for case in cases_of(rule):
        facts = Facts.of(case["facts"], _case_date(case))
        reading = _Reading(facts.values, facts.on)
        rule.amount(reading)
        if callable(rule.period):
            rule.period(reading)
        read |= reading.__dict__.get("read", set())
    return frozenset(read)


def readers(name: str) -> list[tuple[Rule, list[str]]]:
    """The rules that read fact ``name``, each with the conditions that read it (the policy's words), or
    with what it works out when only the amount or period reads it."""
    found = []
    for r in RULES.values():
        texts = conditions_reading(r, name)
        if not texts and name in read_for_amount_or_period(r.id):
            texts = ["据此确定补贴金额或期限"]
        if texts:
            found.append((r, texts))
    return found


def short_name(rule: Rule) -> str:
    return rule.name.split("（")[0]


def decides(name: str) -> str:
    """What a fact decides, said when the user does not know it: the rules reading it and their conditions."""
    found = readers(name)
    if not found:
        return CHOOSES_POLICIES
    parts = [f"{short_name(r)}（{r.measure}）{'' if texts[0].startswith('据此') else '要求'}{'、'.join(texts)}"
             for r, texts in found]
    description = FACTS[name].description
    deferred = {t for r, _ in found for t in r.deferred if t.split("（")[0] in description}
    tail = "".join(f"；{t}按上级规定执行，请向{HOTLINE}确认" for t in sorted(deferred))
    return "；".join(parts) + tail


# --- rule cases and the parameters a rule reads -----------------------------------------------------------


@lru_cache(maxsize=1)
def load_cases() -> tuple[dict, ...]:
    """The rule cases, each with its file name; ``on`` as written (a date or ``today``)."""
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            if True in case:  # YAML 1.1 reads the bare key `on` as the boolean true
                case["on"] = case.pop(True)
            case["file"] = path.name
            cases.append(case)
    return tuple(cases)


def cases_of(rule: Rule) -> list[dict]:
    return [c for c in load_cases() if c["rule"] == rule.id]


def _case_date(case: dict) -> dt.date:
    return dt.date.today() if case["on"] == "today" else case["on"]


@cache
def parameters_used(rule_id: str) -> tuple[str, ...]:
    """The parameters a rule reads while its cases (and an empty screening) are evaluated, in file order."""
    rule = RULES[rule_id]
    read: set[str] = set()
    for facts in [Facts.of({}, rule.end or dt.date(2025, 6, 1))] + [
            Facts.of(c["facts"], _case_date(c)) for c in cases_of(rule)]:
        read.update(p.name for p in rule.evaluate(facts).parameters)
    return tuple(name for name in series() if name in read)


# --- the page of one measure -------------------------------------------------------------------------


def _rule_entry(rule: Rule) -> dict:
    w = rule.window_of
    facts = sorted(rule.facts_used(), key=list(FACTS).index)
    return {
        "id": rule.id,
        "name": rule.name,
        "applicant": APPLICANTS.get(rule.applicant, rule.applicant),
        "kind": KINDS.get(rule.kind, rule.kind),
        "sentence": rule.sentence,
        "citation": citation(rule.measure),
        "window": w.describe() if w else "文件未规定期限",
        "parameters": [_latest(n) for n in parameters_used(rule.id)],
        "facts": [{"description": FACTS[n].description, "question": FACTS[n].question,
                   "conditions": conditions_reading(rule, n)} for n in facts],
        "deferred": list(rule.deferred),
        "cases": [{"name": c["name"], "on": str(c["on"]), "status": STATUS[c["status"]], "file": c["file"]}
                  for c in cases_of(rule)],
    }


def _latest(name: str) -> dict:
    """A parameter as a rule card shows it: its latest value (the page lists every dated value)."""
    v = series()[name].values[-1]
    return {"value": v.text(), "quote": v.quote, "citation": v.citation, "measure": v.measure}


def page(number: str | int) -> dict:
    """Everything a reviewer checks for one measure (``十三``, ``13`` or ``（十三）``), as plain data."""
    m = measure(number)
    rules = [r for r in RULES.values() if r.measure == m.number]
    params = []
    for s in series().values():
        if s.measure != m.number:
            continue
        users = [short_name(r) + f"（{r.measure}）" for r in RULES.values() if s.name in parameters_used(r.id)]
        params.append({
            "unit": s.unit,
            "values": [{"value": v.text(), "since": v.describe_since(), "quote": v.quote, "sentence": v.sentence,
                        "citation": v.citation} for v in s.values],
            "rules": users,
        })
    periods = [{"period": w.describe(), "quote": w.quote, "sentence": w.sentence,
                "rules": [short_name(r) for r in rules if r.window == w.name]} for w in windows_of(m.number)]
    return {
        "number": m.number,
        "label": m.label,
        "title": m.title,
        "heading": m.label + (m.title if m.label != m.title else ""),
        "section": m.section,
        "citation": citation(m.number),
        "text": m.text,
        "departments": list(m.departments),
        "parameters": params,
        "windows": periods,
        "rules": [_rule_entry(r) for r in rules],
    }


def page_name(number: str) -> str:
    """The file of a measure's page in docs/measures/: 00_总体要求.md, 13.md …"""
    m = measure(number)
    return "00_总体要求.md" if m.number == GENERAL else f"{m.index:02d}.md"


def pages() -> list[dict]:
    return [page(n) for n in measures()]


# --- Markdown -------------------------------------------------------------------------------------------

GENERATED = "<!-- Generated by `python -m bot.generate` from policy_kb (policy_kb/explain.py): do not edit by hand. -->"


def _cell(text: str) -> str:
    return str(text).replace("|", "｜").replace("\n", " ")


def _quote_block(text: str) -> list[str]:
    return [f"> {line}" if line.strip() else ">" for line in text.splitlines()]


def markdown(p: dict) -> str:
    """A measure's page as Markdown, for docs/measures/ and ``python -m policy_kb explain``."""
    out = [GENERATED, "", f"# {p['heading']}", "", f"{p['citation']} · {p['section']}", "",
           f"负责部门：{'、'.join(p['departments']) or '未列明'}", "", "## 条文", "", *_quote_block(p["text"]), ""]
    out += ["## 参数（取值与原文）", ""]
    if p["parameters"]:
        out += ["| 取值 | 施行 | 原文 | 依据 | 使用它的规则 |", "|---|---|---|---|---|"]
        for prm in p["parameters"]:
            for v in prm["values"]:
                out.append(f"| {_cell(v['value'])} | {_cell(v['since'])} | “{_cell(v['quote'])}” | {v['citation']} | "
                           f"{_cell('、'.join(prm['rules']) or '（仅用于答复）')} |")
    else:
        out.append("本条没有可计算的金额或标准参数。")
    out += ["", "## 实施期限", ""]
    out += [f"- {w['period']}：“{w['quote']}”" + (f"（{'、'.join(w['rules'])}）" if w["rules"] else "")
            for w in p["windows"]] or ["本条未规定单独的实施期限。"]
    out += ["", f"## 资格规则（{len(p['rules'])}条）", ""]
    if not p["rules"]:
        out += ["本条没有个人或企业直接申领的资格规则。", ""]
    for r in p["rules"]:
        out += [f"### {r['name']}", "", f"- 适用对象：{r['applicant']}（{r['kind']}）", f"- 实施期限：{r['window']}",
                f"- 依据：{r['citation']}“{r['sentence']}”"]
        out += [f"- 使用参数：{prm['value']}（“{prm['quote']}”，{prm['citation']}）" for prm in r["parameters"]]
        out += [f"- 按上级规定：{t}" for t in r["deferred"]]
        out += ["", "需要的事实（提问，及规则中读取它的条件——文件原话）：", "", "| 事实 | 提问 | 条件 |", "|---|---|---|"]
        out += [f"| {_cell(f['description'])} | {_cell(f['question'])} | {_cell('；'.join(f['conditions']))} |"
                for f in r["facts"]]
        out += ["", f"规则案例（tests/policy_kb/cases/{r['cases'][0]['file'] if r['cases'] else ''}）：", ""]
        out += [f"- {c['status']}｜{c['on']}｜{c['name']}" for c in r["cases"]]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def annex_markdown() -> str:
    from policy_kb import annex

    head = ["单位", *annex.INDICATORS]
    out = [GENERATED, "", "# 附件：新密市2020年城乡就业创业工作目标任务分解表", "",
           "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for unit, row in annex.table().items():
        out.append("| " + " | ".join([unit, *("—" if row[i] is None else str(row[i]) for i in annex.INDICATORS)]) + " |")
    out.append("| 合计 | " + " | ".join(str(annex.totals()[i]) for i in annex.INDICATORS) + " |")
    out += ["", "单位：" + "；".join(f"{i}（{annex.unit_of_measure(i)}）" for i in annex.INDICATORS), "",
            "## 备注：金融机构创业担保贷款任务", ""]
    out += [f"- {b.name}：{b.task_wan_yuan}万元" for b in annex.banks()]
    out += ["", annex.note()]
    return "\n".join(out).rstrip() + "\n"


def index_markdown() -> str:
    out = [GENERATED, "", "# 新密政〔2020〕4号：条文、参数、规则与规则案例", "",
           "每页列出一条措施的原文、从中引用的参数（逐条带原文）、使用这些参数的资格规则、规则读取的事实和测试规则的案例。", "",
           "| 条文 | 参数 | 规则 | 案例 |", "|---|---|---|---|"]
    for p in pages():
        cases = sum(len(r["cases"]) for r in p["rules"])
        out.append(f"| [{p['heading']}]({page_name(p['number'])}) | {sum(len(x['values']) for x in p['parameters'])} | "
                   f"{len(p['rules'])} | {cases} |")
    out += ["", "[附件：目标任务分解表](annex.md)"]
    return "\n".join(out) + "\n"


def documents() -> dict[str, str]:
    """docs/measures/: file name → Markdown."""
    return {"README.md": index_markdown(), **{page_name(n): markdown(page(n)) for n in measures()},
            "annex.md": annex_markdown()}

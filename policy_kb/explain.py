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


def condition_tree(condition: Condition) -> dict:
    """A rule's conditions as the policy words them: 同时满足 / 满足其一 over the conditions on facts."""
    if isinstance(condition, (AllOf, AnyOf)):
        kind, default = ("all", "同时满足") if isinstance(condition, AllOf) else ("any", "满足其一")
        return {"kind": kind, "text": condition.text or default, "parts": [condition_tree(p) for p in condition.parts]}
    return {"kind": "test", "text": condition.text, "facts": [FACTS[f].description for f in _reads(condition)],
            "parts": []}


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
        "period": rule.period if isinstance(rule.period, str) else "视申请人情况而定",
        "how_to_apply": rule.how_to_apply or f"文件未规定具体申请流程，请向{HOTLINE}咨询",
        "conditions": condition_tree(rule.condition),
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
    periods = [{"period": w.describe(), "quote": w.quote, "sentence": w.sentence, "citation": w.citation,
                "start": w.start.isoformat() if w.start else None, "end": w.end.isoformat() if w.end else None,
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

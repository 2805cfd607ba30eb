"""Rule cases as data: ``cases/*.yaml``, one file per rule family, each case named as a sentence.

A case gives the rule, the date it is evaluated on (``today`` for the date the suite runs), the facts,
and what must come out:

- ``status``: eligible / not_eligible / unknown (required);
- ``missing``: the facts still missing, exactly and in the order a dialogue asks them (required when unknown),
  or ``missing_includes``: some of them;
- ``failed_contains``: text (or a list of texts) found in the failed condition or its explanation;
- ``amount_value`` (元), ``amount_contains``, ``period_contains``, ``met_contains``, ``deferred_contains``,
  ``window_open``, ``citation``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from policy_kb.document import measure
from policy_kb.explain import CASES_DIR, load_cases
from policy_kb.facts import Facts
from policy_kb.rules import RULES, assistance, enterprises, entrepreneurship, graduates, social_insurance

assert CASES_DIR == Path(__file__).parent / "cases"
REQUIRED = {"name", "rule", "on", "facts", "status"}
OPTIONAL = {"missing", "missing_includes", "failed_contains", "amount_value", "amount_contains", "period_contains",
            "met_contains", "deferred_contains", "window_open", "citation"}
STATUSES = {"eligible", "not_eligible", "unknown"}
FAMILIES = {m.__name__.rsplit(".", 1)[1]: m for m in (graduates, entrepreneurship, social_insurance, enterprises, assistance)}


CASES = list(load_cases())  # the same cases the measure pages list (policy_kb.explain)


def _texts(value) -> list[str]:
    return [str(v) for v in (value if isinstance(value, list) else [value])]


def test_every_case_is_well_formed_and_named_uniquely():
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]
    for case in CASES:
        keys = set(case) - {"file"}
        assert REQUIRED <= keys, (case["name"], REQUIRED - keys)
        assert keys <= REQUIRED | OPTIONAL, (case["name"], keys - REQUIRED - OPTIONAL)
        assert case["rule"] in RULES, case["name"]
        assert case["status"] in STATUSES, case["name"]
        assert case["on"] == "today" or isinstance(case["on"], dt.date), case["name"]
        if case["status"] == "unknown":
            assert "missing" in case or "missing_includes" in case, f"{case['name']}: say which facts are missing"


def test_every_rule_has_eligible_not_eligible_and_unknown_cases():
    seen = {(c["rule"], c["status"]) for c in CASES}
    lacking = [(r, s) for r in RULES for s in sorted(STATUSES) if (r, s) not in seen]
    assert not lacking, lacking


def test_each_case_file_holds_the_cases_of_one_rule_family():
    assert {c["file"] for c in CASES} == {f"{family}.yaml" for family in FAMILIES}
    for case in CASES:
        family = FAMILIES[case["file"].removesuffix(".yaml")]
        assert case["rule"] in {r.id for r in family.RULES}, (case["file"], case["name"])


@pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
def test_every_result_explains_itself_with_sentence_departments_and_how_to_apply(rule):
    window = rule.window_of
    on = window.end if window else dt.date(2025, 6, 1)
    result = rule.evaluate(Facts.of({}, on))
    m = measure(rule.measure)
    assert result.sentence in m.sentences()
    assert result.citation == f"新密政〔2020〕4号（{rule.measure}）"
    assert result.departments == m.departments and result.departments
    assert result.how_to_apply
    assert result.window_open and result.status.value == "unknown" and result.missing
    assert result.to_dict()["status"] == "unknown"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_rule_case(case):
    on = dt.date.today() if case["on"] == "today" else case["on"]
    result = RULES[case["rule"]].evaluate(Facts.of(case["facts"], on))
    assert result.status.value == case["status"], (result.failed, result.failed_detail, result.missing)

    if "missing" in case:
        assert result.missing == case["missing"]
    for name in case.get("missing_includes", []):
        assert name in result.missing
    if result.status.value != "unknown":
        assert result.missing == [], "a decided rule asks nothing"
    if result.status.value == "not_eligible":
        assert result.failed, "a rule that is not met says which condition failed"
    failed = f"{result.failed or ''}｜{result.failed_detail or ''}"
    for text in _texts(case.get("failed_contains", [])):
        assert text in failed, failed
    if "amount_value" in case:
        assert result.amount is not None and result.amount.value == case["amount_value"], result.amount
    for text in _texts(case.get("amount_contains", [])):
        assert text in result.amount.text
    for text in _texts(case.get("period_contains", [])):
        assert text in result.period
    for text in _texts(case.get("met_contains", [])):
        assert any(text in m for m in result.met), result.met
    for text in _texts(case.get("deferred_contains", [])):
        assert any(text in d and "12333" in d for d in result.deferred), result.deferred
    if "window_open" in case:
        assert result.window_open is case["window_open"]
    if "citation" in case:
        assert result.citation == case["citation"]

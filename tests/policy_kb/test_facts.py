"""The fact vocabulary: the README documents exactly the facts the rules use, and values are checked."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from policy_kb.explain import decides, readers
from policy_kb.facts import FACTS, FactError, Facts, coerce
from policy_kb.rules import RULES

README = Path(__file__).resolve().parents[2] / "policy_kb" / "README.md"


def _table(heading: str) -> list[list[str]]:
    """The rows of the first table under a ``## heading`` of the README, cells unescaped."""
    text = README.read_text(encoding="utf-8")
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        if line.startswith("| `"):
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            cells[0] = cells[0].strip("`")
            rows.append(cells)
    return rows


def test_the_readme_fact_vocabulary_names_exactly_the_facts_in_facts_py():
    names = [row[0] for row in _table("Fact vocabulary")]
    assert len(names) == len(set(names)), "a fact is documented twice"
    assert set(names) == set(FACTS), {"undocumented": set(FACTS) - set(names), "not a fact": set(names) - set(FACTS)}


def test_the_readme_gives_each_fact_its_type_values_applicant_and_question():
    for name, type_, values, applicant, question in _table("Fact vocabulary"):
        f = FACTS[name]
        assert (type_, applicant, question) == (f.type, f.applicant, f.question), name
        if f.type == "enum":
            assert values.split(" / ") == list(f.values), name


def test_the_readme_lists_every_rule_with_its_measure():
    rows = _table("Rules")
    assert [row[0] for row in rows] == list(RULES)
    for rule_id, name, number, applicant, kind in rows:
        r = RULES[rule_id]
        assert (name, number, applicant, kind) == (r.name, f"（{r.measure}）", r.applicant, r.kind), rule_id


def test_every_fact_decides_some_rule_but_the_applicant_type_and_the_years_to_retirement():
    used = set().union(*(r.facts_used() for r in RULES.values()))
    assert used <= set(FACTS)
    # applicant_type chooses which rules to screen; years_to_retirement sets the 社保补贴 period, not eligibility
    assert set(FACTS) - used == {"applicant_type", "years_to_retirement"}


def test_every_fact_says_what_it_is_what_to_ask_and_what_it_decides():
    for f in FACTS.values():
        assert "？" in f.question, f.name
        assert f.description and decides(f.name), f.name
        assert f.applicant in ("person", "enterprise", "both")
        if f.type == "enum":
            assert f.values and f.buttons() == [(v, v) for v in f.values]
        if f.type == "bool":
            assert f.buttons() == [("是", "是"), ("否", "否")]


@pytest.mark.parametrize(
    ("name", "raw", "value"),
    [
        ("seeking_work", "是", True),
        ("seeking_work", "否", False),
        ("seeking_work", "true", True),
        ("seeking_work", False, False),
        ("age", "23", 23),
        ("age", 23.0, 23),
        ("graduation_year", "2025", 2025),
        ("business_operating_years", "0.5", 0.5),
        ("hardship_type", " 低保家庭 ", "低保家庭"),
        ("age", None, None),
    ],
)
def test_fact_values_are_coerced_to_their_type(name, raw, value):
    assert coerce(name, raw) == value
    assert type(coerce(name, raw)) is type(value)


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("no_such_fact", 1),
        ("seeking_work", "也许"),
        ("age", "二十多"),
        ("age", True),
        ("age", 23.5),
        ("age", 5),
        ("age", 150),
        ("staff_count", -1),
        ("hardship_type", "穷"),
        ("graduation_year", [2025]),
    ],
)
def test_an_unknown_fact_or_a_value_of_the_wrong_type_is_a_fact_error(name, raw):
    with pytest.raises(FactError):
        coerce(name, raw)


def test_unknown_facts_are_simply_absent():
    facts = Facts.of({"age": 20, "seeking_work": None}, dt.date(2025, 1, 1))
    assert facts.values == {"age": 20}
    assert facts.get("seeking_work") is None


def test_graduation_counts_from_1_july_and_a_future_graduate_has_not_left_school():
    def within(year, on):
        return Facts.of({"graduation_year": year}, dt.date.fromisoformat(on)).graduated_within(2)

    assert within(2024, "2026-07-01") is True
    assert within(2024, "2026-07-02") is False
    assert within(2025, "2025-03-01") is True  # in the graduation year
    assert within(2026, "2025-12-31") is False  # not graduated yet
    assert Facts.of({}, dt.date(2025, 1, 1)).graduated_within(2) is None


def test_the_graduation_year_is_the_calendar_year_of_graduation():
    assert Facts.of({"graduation_year": 2025}, dt.date(2025, 12, 31)).in_graduation_year() is True
    assert Facts.of({"graduation_year": 2025}, dt.date(2026, 1, 1)).in_graduation_year() is False


def test_what_a_fact_decides_is_read_from_the_rules_that_read_it():
    for f in FACTS.values():
        found = readers(f.name)
        if f.name == "applicant_type":
            assert not found  # it chooses the rules; no rule reads it
            continue
        assert found, f"{f.name}: no rule reads it"
        for rule, conditions in found:
            assert f"（{rule.measure}）" in decides(f.name) and "、".join(conditions) in decides(f.name), f.name
            if f.name not in rule.facts_used():  # read by the amount or period only
                assert conditions == ["据此确定补贴金额或期限"], (f.name, rule.id)
    assert [r.id for r, _ in readers("hardship_type")] == ["job_seeking_subsidy"]
    assert "毕业年度" in decides("graduation_year") and "离校2年内" in decides("graduation_year")
    assert "灵活就业社会保险补贴（二十一）据此确定" in decides("years_to_retirement")

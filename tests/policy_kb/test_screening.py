"""Screening: the verdict grouped as it is told, and a dialogue that asks only what is still missing."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from policy_kb.facts import FACTS
from policy_kb.rules import RULES, rules_for
from policy_kb.screening import decides, next_questions, screen, select

ON = dt.date(2025, 6, 1)
GRADUATE = {"is_college_graduate": True, "graduation_year": 2025, "hardship_type": "低保家庭", "seeking_work": True}


def _ids(results) -> list[str]:
    return [r.rule for r in results]


def _dialogue(profile: dict, on=ON, applicant=None, targets=None, unknown_to_user=()) -> tuple[list[str], dict]:
    """Ask next_questions until nothing is left; the user answers from ``profile`` or says 不知道."""
    known: dict = {}
    skipped: list[str] = []
    asked: list[str] = []
    for _ in range(len(FACTS) + 1):
        questions = next_questions(known, on, applicant, targets, skip=tuple(skipped))
        if not questions:
            return asked, known
        q = questions[0]
        assert q not in known and q not in skipped, f"{q} asked again"
        asked.append(q)
        if q in unknown_to_user or q not in profile:
            skipped.append(q)
        else:
            known[q] = profile[q]
    raise AssertionError("the dialogue did not end")


def test_the_graduate_2000_check_needs_at_most_four_questions_from_nothing():
    asked, known = _dialogue(GRADUATE, targets=["job_seeking_subsidy"])
    assert len(asked) <= 4
    verdict = screen(known, ON, targets=["job_seeking_subsidy"])
    assert _ids(verdict.eligible) == ["job_seeking_subsidy"]


def test_a_non_graduate_is_settled_by_the_first_question():
    asked, known = _dialogue({**GRADUATE, "is_college_graduate": False}, targets=["job_seeking_subsidy"])
    assert asked == ["is_college_graduate"]
    assert _ids(screen(known, ON, targets=["job_seeking_subsidy"]).not_eligible) == ["job_seeking_subsidy"]


def test_next_questions_asks_only_missing_facts_and_never_one_already_given():
    given = {"is_college_graduate": True, "graduation_year": 2025}
    questions = next_questions(given, ON, applicant="person")
    assert questions
    assert not set(questions) & set(given)
    verdict = screen(given, ON, applicant="person")
    still_missing = {m for r in verdict.undecided for m in r.missing}
    assert set(questions) <= still_missing


def test_next_questions_never_asks_what_the_user_said_they_do_not_know():
    questions = next_questions({}, ON, targets=["job_seeking_subsidy"], skip=("is_college_graduate",))
    assert "is_college_graduate" not in questions
    assert questions[0] == "graduation_year"


def test_nothing_is_asked_for_a_rule_once_it_is_decided():
    assert next_questions(GRADUATE, ON, targets=["job_seeking_subsidy"]) == []
    assert next_questions({"seeking_work": False}, ON, targets=["job_seeking_subsidy"]) == []


def test_nothing_is_asked_for_a_2020_window_that_has_closed():
    assert next_questions({}, ON, targets=["stable_job_return", "social_insurance_exemption"]) == []
    assert next_questions({}, dt.date(2020, 5, 1), targets=["stable_job_return"])[0] == "affected_by_epidemic"


@pytest.mark.parametrize("applicant", ["person", "enterprise"])
def test_a_full_screening_dialogue_asks_each_fact_at_most_once_and_ends(applicant):
    profile = {name: (f.values[0] if f.type == "enum" else 1 if f.type != "bool" else True)
               for name, f in FACTS.items() if f.type != "year"}
    profile["graduation_year"] = 2025
    asked, known = _dialogue(profile, applicant=applicant, unknown_to_user=("is_hard_to_employ",))
    assert len(asked) == len(set(asked))
    assert "is_hard_to_employ" not in known
    verdict = screen(known, ON, applicant=applicant)
    for r in verdict.undecided:  # only what the user could not answer is left open
        assert set(r.missing) <= {"is_hard_to_employ"}, (r.rule, r.missing)


def test_the_verdict_groups_eligible_near_misses_closed_undecided_and_not_eligible():
    facts = {"is_college_graduate": True, "graduation_year": 2025, "hardship_type": "都不是", "seeking_work": True,
             "business_form": "个体经营"}
    verdict = screen(facts, ON, applicant="person")
    assert "startup_loan" in _ids(verdict.eligible)
    assert "job_seeking_subsidy" in _ids(verdict.near_misses)  # graduate in the graduation year, no hardship
    near = next(r for r in verdict.near_misses if r.rule == "job_seeking_subsidy")
    assert near.met and "都不是" in near.failed_detail
    assert "flexible_subsidy_extension" in _ids(verdict.closed)
    assert "internship" in _ids(verdict.undecided)
    assert all(r.status.value == "eligible" for r in verdict.eligible)
    assert all(not r.window_open for r in verdict.closed)
    assert all(r.status.value == "unknown" and r.missing for r in verdict.undecided)
    assert all(not r.met and r.window_open for r in verdict.not_eligible)


def test_every_rule_lands_in_exactly_one_group():
    verdict = screen(GRADUATE, ON)
    assert sorted(_ids(verdict.results)) == sorted(RULES)
    assert len(screen({}, ON, applicant="enterprise").results) == len(rules_for("enterprise"))


def test_the_2020_provisions_are_closed_today_and_open_when_screened_inside_their_window():
    firm = {"enterprise_size": "小型企业", "affected_by_epidemic": True, "insured_staff_dec_2019": 10,
            "receives_stable_job_subsidy": False}
    today = screen(firm, applicant="enterprise")
    assert {"stable_job_return", "social_insurance_exemption", "medical_insurance_deferral"} <= set(_ids(today.closed))
    in_2020 = screen(firm, dt.date(2020, 5, 1), applicant="enterprise")
    assert {"stable_job_return", "social_insurance_exemption", "medical_insurance_deferral"} <= set(_ids(in_2020.eligible))


def test_terms_left_to_higher_level_rules_are_named_with_the_12333_referral():
    facts = {"business_form": "个体经营", "is_registered_unemployed": True}
    deferred = screen(facts, ON, applicant="person").deferred_terms()
    for term in ("就业困难人员", "符合创业担保贷款申请条件的人员", "培训补贴标准"):
        line = next((d for d in deferred if d.startswith(term)), None)
        assert line, term
        assert "按上级规定执行" in line and "12333" in line


def test_terms_of_rules_already_ruled_out_are_not_raised():
    verdict = screen({"business_form": "还没有创业"}, ON, targets=["startup_loan"])
    assert verdict.deferred_terms() == []


def test_an_unknown_rule_target_is_a_key_error():
    with pytest.raises(KeyError):
        select(targets=["no_such_rule"])


def test_what_a_fact_decides_is_said_when_the_user_does_not_know_it():
    assert "（十三）" in decides("hardship_type")
    assert "12333" in decides("is_hard_to_employ")


def test_a_verdict_serialises_to_json():
    data = json.loads(json.dumps(screen(GRADUATE, ON).to_dict(), ensure_ascii=False))
    assert data["on"] == "2025-06-01"
    assert data["eligible"][0]["status"] == "eligible"
    assert {"eligible", "near_misses", "closed", "undecided", "not_eligible", "deferred"} <= set(data)

"""Verdicts worded for a phone screen: the benefit asked about first, with its reason in the user's terms."""

from __future__ import annotations

import datetime as dt

from language.verdict import verdict_text
from policy_kb.parameters import param
from policy_kb.screening import screen

ON = dt.date(2025, 6, 1)
GRADUATE = {"applicant_type": "个人", "is_college_graduate": True, "graduation_year": 2025, "hardship_type": "低保家庭",
            "seeking_work": True}
ASKED = ["job_seeking_subsidy"]


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(("✅", "❌", "❓", "⏱"))]


def test_a_confirmed_eligible_graduate_is_told_yes_with_the_amount_the_reason_and_how_to_apply():
    text = verdict_text(screen(GRADUATE, ON, "person"), screen(GRADUATE, ON, "person", ASKED), confirmed=True)
    first = lines(text)[0]
    assert first.startswith("✅ 一次性求职创业补贴") and f"{param('job_seeking_subsidy_amount').value}元" in first
    assert "2025年毕业" in first and "低保家庭" in first and "（十三）" in first
    assert "怎么申请一次性求职创业补贴" in text and "负责学籍注册的学校" in text
    assert text.count("12333") == 1 and len(text) <= 600


def test_without_confirmed_facts_there_is_no_tick():
    text = verdict_text(screen(GRADUATE, ON, "person"), screen(GRADUATE, ON, "person", ASKED), confirmed=False)
    assert "✅" not in text and "按您说的情况" in text


def test_a_no_leads_with_the_reason_in_the_users_terms():
    facts = {**GRADUATE, "graduation_year": 2023}
    text = verdict_text(screen(facts, ON, "person"), screen(facts, ON, "person", ASKED), confirmed=True)
    first = lines(text)[0]
    assert first.startswith("❌ 一次性求职创业补贴") and "2023年" in first and "毕业年度" in first


def test_a_benefit_not_yet_decided_says_what_is_missing():
    facts = {k: v for k, v in GRADUATE.items() if k != "seeking_work"}
    text = verdict_text(screen(facts, ON, "person"), screen(facts, ON, "person", ASKED), confirmed=True)
    assert lines(text)[0].startswith("❓ 一次性求职创业补贴") and "积极求职创业" in lines(text)[0]


def test_a_general_verdict_without_eligible_benefits_gives_one_near_miss_and_ended_windows_in_one_line():
    facts = {**GRADUATE, "hardship_type": "都不是"}
    text = verdict_text(screen(facts, ON, "person"))
    assert "暂未发现" in text and "差一点符合" in text and "都不是" in text
    assert text.count("⏱") <= 1 and text.count("差一点") == 1


def test_skipped_facts_are_named():
    text = verdict_text(screen(GRADUATE, ON, "person"), None, confirmed=True, skipped=["is_employed"])
    assert "您说不清楚的：已就业" in text

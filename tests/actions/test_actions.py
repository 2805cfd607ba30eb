"""Action unit tests: trackers from fixtures, a CollectingDispatcher, no servers."""

from __future__ import annotations

import datetime as dt

from actions.forms import ValidateScreeningForm
from actions.qa import ActionAnswerFollowup, ActionAnswerTopic, ActionDefaultFallback
from actions.screening import ActionGiveVerdict, ActionStartScreening
from policy_kb.parameters import param

YEAR = dt.date.today().year


def texts(dispatcher) -> str:
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


def slots(events) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def test_startup_loan_question_is_answered_from_measure_eleven_with_its_amounts(dispatcher, tracker_factory, domain):
    events = await ActionAnswerTopic().run(dispatcher, tracker_factory("question"), domain)
    text = texts(dispatcher)
    assert "（十一）" in text and param("startup_loan_individual_max").text() in text
    assert slots(events)["current_measure"] == "十一"


async def test_clause_entity_overrides_the_topic(dispatcher, tracker_factory, domain):
    tracker = tracker_factory("question", latest_message={
        "text": "第十三条", "intent": {"name": "ask_clause"}, "entities": [{"entity": "clause", "value": "十三"}]})
    await ActionAnswerTopic().run(dispatcher, tracker, domain)
    assert "（十三）" in texts(dispatcher)


async def test_follow_up_uses_the_measure_in_focus(dispatcher, tracker_factory, domain):
    tracker = tracker_factory("question", slots={"current_measure": "十三"},
                              latest_message={"text": "找哪个部门", "intent": {"name": "ask_department"}})
    await ActionAnswerFollowup().run(dispatcher, tracker, domain)
    assert "市人社局" in texts(dispatcher) and "（十三）" in texts(dispatcher)


async def test_first_fallback_suggests_measures_and_the_second_hands_off(dispatcher, tracker_factory, domain):
    tracker = tracker_factory("question", latest_message={"text": "贷款的事", "intent": {"name": "nlu_fallback"}})
    events = await ActionDefaultFallback().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["buttons"], "search suggestions as buttons"
    assert slots(events)["fallback_count"] == 1
    dispatcher.messages.clear()
    tracker = tracker_factory("question", slots={"fallback_count": 1},
                              latest_message={"text": "嗯嗯嗯", "intent": {"name": "nlu_fallback"}})
    await ActionDefaultFallback().run(dispatcher, tracker, domain)
    assert "12333" in texts(dispatcher)


async def test_screening_start_reads_the_benefit_asked_about(dispatcher, tracker_factory, domain):
    tracker = tracker_factory("question", latest_message={
        "text": "我是应届毕业生家里低保能领2000吗", "intent": {"name": "check_eligibility"}, "entities": []})
    events = await ActionStartScreening().run(dispatcher, tracker, domain)
    assert slots(events)["screening_targets"] == ["job_seeking_subsidy"]
    assert slots(events)["applicant_type"] == "个人"


async def test_form_asks_only_facts_still_missing(dispatcher, tracker_factory, domain):
    tracker = tracker_factory("graduate_in_form")
    required = await ValidateScreeningForm().required_slots([], dispatcher, tracker, domain)
    assert "hardship_type" not in required and "is_college_graduate" not in required
    assert required[:2] == ["graduation_year", "seeking_work"]


async def test_form_reads_a_bare_year_as_the_graduation_year(dispatcher, tracker_factory, domain):
    tracker = tracker_factory("graduate_in_form", slots={"graduation_year": str(YEAR)},
                              latest_message={"text": str(YEAR)})
    result = await ValidateScreeningForm().validate_graduation_year(str(YEAR), dispatcher, tracker, domain)
    assert result["graduation_year"] == YEAR


async def test_dont_know_skips_the_fact_and_says_what_it_decides(dispatcher, tracker_factory, domain):
    tracker = tracker_factory("graduate_in_form", slots={"graduation_year": "不知道"},
                              latest_message={"text": "不知道", "intent": {"name": "dont_know"}})
    result = await ValidateScreeningForm().validate_graduation_year("不知道", dispatcher, tracker, domain)
    assert result["graduation_year"] is None and "graduation_year" in result["facts_unknown"]
    assert "毕业年度" in texts(dispatcher)


async def test_unreadable_answer_is_asked_again_politely(dispatcher, tracker_factory, domain):
    tracker = tracker_factory("graduate_in_form", slots={"graduation_year": "蓝色"},
                              latest_message={"text": "蓝色"})
    result = await ValidateScreeningForm().validate_graduation_year("蓝色", dispatcher, tracker, domain)
    assert result == {"graduation_year": None}
    assert "没听明白" in texts(dispatcher)


async def test_verdict_for_eligible_graduate_names_amount_citation_and_how_to_apply(dispatcher, tracker_factory, domain):
    tracker = tracker_factory("graduate_in_form", slots={"graduation_year": YEAR, "seeking_work": True})
    events = await ActionGiveVerdict().run(dispatcher, tracker, domain)
    text = texts(dispatcher)
    assert f"{param('job_seeking_subsidy_amount').value}元" in text and "（十三）" in text and "学校" in text
    assert slots(events)["screening_targets"] is None

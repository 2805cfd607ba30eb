"""Action unit tests: trackers from fixtures, a CollectingDispatcher, no servers."""

from __future__ import annotations

import datetime as dt

from actions.forms import CONFIRM, ValidateScreeningForm
from actions.qa import ActionAnswerQuestion, ActionDefaultFallback
from actions.screening import ActionGiveVerdict, ActionStartScreening
from policy_kb.parameters import param

YEAR = dt.date.today().year


def texts(dispatcher) -> str:
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


def slots(events) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def followup(events) -> str | None:
    return next((e["name"] for e in events if e.get("event") == "followup"), None)


async def test_startup_loan_question_is_answered_from_measure_eleven_with_its_amounts(dispatcher, tracker_factory, domain):
    events = await ActionAnswerQuestion().run(dispatcher, tracker_factory("question"), domain)
    text = texts(dispatcher)
    assert "（十一）" in text and param("startup_loan_individual_max").text() in text
    assert slots(events)["current_measure"] == "十一"


async def test_a_measure_named_by_number_is_that_measure(dispatcher, tracker_factory, domain):
    tracker = tracker_factory("question", latest_message={"text": "第十三条讲的啥", "intent": {"name": "ask_clause"}})
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert "（十三）" in texts(dispatcher)


async def test_follow_up_uses_the_measure_in_focus(dispatcher, tracker_factory, domain):
    tracker = tracker_factory("question", slots={"current_measure": "十三"},
                              latest_message={"text": "找哪个部门", "intent": {"name": "ask_department"}})
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert "市人社局" in texts(dispatcher) and "（十三）" in texts(dispatcher)


async def test_first_misunderstanding_asks_to_rephrase_and_the_second_hands_off(dispatcher, tracker_factory, domain):
    tracker = tracker_factory("question", latest_message={"text": "嗯嗯嗯", "intent": {"name": "nlu_fallback"}})
    events = await ActionDefaultFallback().run(dispatcher, tracker, domain)
    assert "没理解" in texts(dispatcher) and "12333" not in texts(dispatcher)
    assert slots(events)["fallback_count"] == 1
    dispatcher.messages.clear()
    tracker = tracker_factory("question", slots={"fallback_count": 1},
                              latest_message={"text": "嗯嗯嗯", "intent": {"name": "nlu_fallback"}})
    await ActionDefaultFallback().run(dispatcher, tracker, domain)
    assert "还是没能理解" in texts(dispatcher) and "12333" in texts(dispatcher)


async def test_a_question_that_names_a_figure_is_answered_not_screened(dispatcher, tracker_factory, domain):
    tracker = tracker_factory("question", latest_message={
        "text": "我是应届毕业生家里低保能领多少钱", "intent": {"name": "check_eligibility"}, "entities": []})
    events = await ActionStartScreening().run(dispatcher, tracker, domain)
    assert followup(events) is None and f"{param('job_seeking_subsidy_amount').value}元" in texts(dispatcher)
    assert slots(events)["hardship_type"] == "低保家庭"


async def test_a_screening_request_reads_the_benefit_and_the_facts_and_hands_over_to_the_form(
        dispatcher, tracker_factory, domain):
    tracker = tracker_factory("question", latest_message={
        "text": "我是应届毕业生家里低保，想查一下能不能领一次性求职创业补贴", "intent": {"name": "check_eligibility"},
        "entities": []})
    events = await ActionStartScreening().run(dispatcher, tracker, domain)
    values = slots(events)
    assert values["screening_targets"] == ["job_seeking_subsidy"] and values["applicant_type"] == "个人"
    assert values["hardship_type"] == "低保家庭" and values["is_college_graduate"] is True
    assert followup(events) == "screening_form"


async def test_the_form_asks_the_next_fact_still_missing(dispatcher, tracker_factory, domain):
    events = await ValidateScreeningForm().run(dispatcher, tracker_factory("graduate_in_form"), domain)
    values = slots(events)
    assert values["graduation_year"] == int(tracker_factory("graduate_in_form").latest_message["text"])
    assert values["requested_slot"] == "seeking_work"


async def test_a_full_width_year_is_the_graduation_year(dispatcher, tracker_factory, domain):
    tracker = tracker_factory("graduate_in_form", latest_message={"text": "２０２４"})
    events = await ValidateScreeningForm().run(dispatcher, tracker, domain)
    assert slots(events)["graduation_year"] == 2024


async def test_dont_know_skips_the_fact_counts_as_a_question_and_says_what_it_decides(
        dispatcher, tracker_factory, domain):
    tracker = tracker_factory("graduate_in_form", latest_message={"text": "不知道", "intent": {"name": "dont_know"}})
    events = await ValidateScreeningForm().run(dispatcher, tracker, domain)
    values = slots(events)
    assert "graduation_year" in values["facts_unknown"] and values["questions_asked"] == 2
    assert "毕业年度" in texts(dispatcher)


async def test_an_unreadable_answer_is_asked_again_with_a_hint_and_the_second_miss_skips_it(
        dispatcher, tracker_factory, domain):
    tracker = tracker_factory("graduate_in_form", latest_message={"text": "蓝色"})
    events = await ValidateScreeningForm().run(dispatcher, tracker, domain)
    assert slots(events)["requested_slot"] == "graduation_year" and "没听明白" in texts(dispatcher)
    assert "例如2024" in texts(dispatcher)
    dispatcher.messages.clear()
    tracker = tracker_factory("graduate_in_form", latest_message={"text": "绿色"},
                              slots={"fact_misses": {"graduation_year": 1}})
    events = await ValidateScreeningForm().run(dispatcher, tracker, domain)
    assert "graduation_year" in slots(events)["facts_unknown"] and slots(events)["requested_slot"] == "seeking_work"


async def test_before_a_yes_the_form_asks_to_confirm_the_facts(dispatcher, tracker_factory, domain):
    tracker = tracker_factory("graduate_in_form", slots={"graduation_year": YEAR, "requested_slot": "seeking_work"},
                              latest_message={"text": "是的"})
    events = await ValidateScreeningForm().run(dispatcher, tracker, domain)
    assert slots(events)["seeking_work"] is True and slots(events)["requested_slot"] == CONFIRM


async def test_a_stop_during_the_form_is_left_to_the_rules(dispatcher, tracker_factory, domain):
    tracker = tracker_factory("graduate_in_form", latest_message={"text": "算了", "intent": {"name": "stop"}})
    assert await ValidateScreeningForm().run(dispatcher, tracker, domain) == []


async def test_verdict_for_a_confirmed_eligible_graduate_names_amount_citation_and_how_to_apply(
        dispatcher, tracker_factory, domain):
    tracker = tracker_factory("graduate_in_form", slots={"graduation_year": YEAR, "seeking_work": True, CONFIRM: True})
    events = await ActionGiveVerdict().run(dispatcher, tracker, domain)
    text = texts(dispatcher)
    assert text.splitlines()[1].startswith("✅") and f"{param('job_seeking_subsidy_amount').value}元" in text
    assert "（十三）" in text and "学校" in text
    assert slots(events)["screening_targets"] is None and slots(events)["verdict_given"] is True


async def test_without_confirmation_there_is_no_tick(dispatcher, tracker_factory, domain):
    tracker = tracker_factory("graduate_in_form", slots={"graduation_year": YEAR, "seeking_work": True})
    await ActionGiveVerdict().run(dispatcher, tracker, domain)
    assert "✅" not in texts(dispatcher)


async def test_change_at_the_summary_offers_the_facts_and_the_one_picked_is_asked_again(dispatcher, tracker_factory, domain):
    summary = {"graduation_year": YEAR, "seeking_work": True, "requested_slot": CONFIRM}
    tracker = tracker_factory("graduate_in_form", slots=summary, latest_message={"text": "改一下"})
    events = await ValidateScreeningForm().run(dispatcher, tracker, domain)
    titles = [b["title"] for m in dispatcher.messages for b in m.get("buttons") or []]
    assert "毕业年份" in titles and slots(events)["requested_slot"] == CONFIRM
    picked = next(b["payload"] for m in dispatcher.messages for b in m.get("buttons") or [] if b["title"] == "毕业年份")
    tracker = tracker_factory("graduate_in_form", slots=summary, latest_message={"text": picked})
    events = await ValidateScreeningForm().run(dispatcher, tracker, domain)
    assert slots(events)["graduation_year"] is None and slots(events)["requested_slot"] == "graduation_year"

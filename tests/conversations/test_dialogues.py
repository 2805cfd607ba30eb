"""Whole conversations with the trained assistant and the real action server.

Each test is a dialogue a resident or an employer would have; assertions are on what the assistant
says (figures, citations, questions asked), checked against policy_kb rather than hard-coded where
policy_kb holds the value.
"""

from __future__ import annotations

import datetime as dt

import pytest

from policy_kb.facts import FACTS
from policy_kb.parameters import param

QUESTIONS = {f.question: name for name, f in FACTS.items()}
TODAY = dt.date.today()


def asked(text: str) -> list[str]:
    return [name for q, name in QUESTIONS.items() if q in text]


async def answer_until_verdict(chat, answers: dict[str, str], first: str, limit: int = 12) -> tuple[str, list[str]]:
    """Say `first`, then answer each question from `answers` until the verdict comes."""
    questions: list[str] = []
    reply = await chat.say(first)
    for _ in range(limit):
        if "符合以下政策" in reply or "暂未发现" in reply:
            return reply, questions
        names = asked(reply)
        offer = [b["payload"] for b in chat.buttons() if b["payload"].startswith("/check")]
        if not names and offer:  # the answer offered a screening: the user takes it, as a resident would
            reply = await chat.say(offer[0])
            continue
        assert names, f"neither a question nor a verdict: {reply!r}"
        questions.extend(names)
        reply = await chat.say(answers[names[-1]])
    raise AssertionError(f"no verdict after {limit} answers; asked {questions}")


async def test_graduate_from_low_income_family_in_graduation_year_gets_2000_in_four_questions_or_fewer(chat):
    amount = f"{param('job_seeking_subsidy_amount').value}元"
    verdict, questions = await answer_until_verdict(
        chat, {"is_college_graduate": "是", "graduation_year": str(TODAY.year), "hardship_type": "低保家庭",
               "seeking_work": "是的", "applicant_type": "个人"},
        "我能领什么补贴吗，想查一下求职创业补贴")
    assert len(questions) <= 4, questions
    assert "一次性求职创业补贴" in verdict and amount in verdict and "（十三）" in verdict


async def test_graduate_who_says_everything_at_once_is_asked_only_what_is_missing(chat):
    verdict, questions = await answer_until_verdict(
        chat, {"seeking_work": "在找工作"}, "我是应届毕业生家里低保能领2000吗")
    assert set(questions) <= {"seeking_work"}, questions
    assert "（十三）" in verdict and "一次性求职创业补贴" in verdict.split("差一点")[0]


async def test_graduate_one_year_later_is_told_the_graduation_year_has_passed(chat):
    verdict, _ = await answer_until_verdict(
        chat, {"seeking_work": "是"}, f"我是{TODAY.year - 1}年毕业的大学生，家里是低保户，能领2000的求职补贴吗")
    assert "符合以下政策" not in verdict
    assert "毕业年度" in verdict and "（十三）" in verdict


async def test_correcting_the_graduation_year_mid_dialogue_changes_the_verdict(chat):
    reply = await chat.say("我是应届毕业生，想问能不能领一次性求职创业补贴")
    assert asked(reply)
    await chat.say("不对，我是去年毕业的")
    assert await chat.slot("graduation_year") in (TODAY.year - 1, str(TODAY.year - 1))


async def test_saying_dont_know_skips_the_question_and_explains_what_it_decides(chat):
    reply = await chat.say("我想查查一次性求职创业补贴我能不能领")
    while "hardship_type" not in asked(reply):
        names = asked(reply)
        assert names, reply
        reply = await chat.say({"is_college_graduate": "是", "graduation_year": str(TODAY.year),
                                "seeking_work": "是", "applicant_type": "个人"}[names[-1]])
    reply = await chat.say("不知道")
    assert "低保家庭" in reply  # what the fact decides, from policy_kb
    assert "hardship_type" not in asked(reply)


async def test_stop_ends_the_screening_at_any_time(chat):
    reply = await chat.say("帮我看看我能享受哪些政策")
    assert asked(reply)
    reply = await chat.say("算了，不查了")
    assert "停止" in reply
    assert await chat.slot("requested_slot") is None


async def test_side_question_during_screening_is_answered_and_the_screening_resumes(chat):
    reply = await chat.say("我能领什么补贴")
    first = asked(reply)
    assert first
    reply = await chat.say("创业担保贷款最多能贷多少")
    assert "（十一）" in reply and "30万元" in reply
    assert asked(reply), "the screening question comes back after the side answer"


async def test_enterprise_asking_about_stable_job_return_hears_the_2020_window_has_closed(chat):
    reply = await chat.say("我们公司50个人能拿稳岗返还吗")
    for _ in range(6):
        if "已结束" in reply:
            break
        names = asked(reply)
        assert names, reply
        reply = await chat.say({"affected_by_epidemic": "是", "insured_staff_dec_2019": "50",
                                "receives_stable_job_subsidy": "没有", "applicant_type": "企业"}[names[-1]])
    assert "失业保险稳岗返还" in reply and "2020年12月31日" in reply and "已结束" in reply


async def test_question_about_a_measure_cites_it_with_its_key_figures(chat):
    reply = await chat.say("创业贷款最多能贷多少钱")
    assert "新密政〔2020〕4号（十一）" in reply and "30万元" in reply and "12333" in reply


async def test_follow_up_asks_about_the_measure_just_discussed(chat):
    await chat.say("一次性求职创业补贴是什么")
    reply = await chat.say("找哪个部门办")
    assert "（十三）" in reply and "市人社局" in reply


async def test_measure_named_by_number_gets_that_measure(chat):
    reply = await chat.say("第十九条讲的啥")
    assert "（十九）" in reply and "300元/人" in reply


async def test_annex_question_answers_one_unit_target(chat):
    reply = await chat.say("曲梁镇新增城镇就业的目标任务是多少")
    assert "曲梁镇政府" in reply and "120人" in reply


async def test_annex_no_task_cell_is_answered_as_no_task(chat):
    reply = await chat.say("矿区办事处的返乡农民工创业辅导任务是多少")
    assert "无此项任务" in reply


async def test_out_of_scope_question_gets_a_polite_refusal(chat):
    reply = await chat.say("明天新密天气怎么样")
    assert "不在我的范围" in reply or "没理解" in reply or "抱歉" in reply


@pytest.mark.parametrize("text", ["", " ", "😀😀😀", "hello, how are you?", "asdkjh qwe zzz", "补" * 5000])
async def test_odd_input_gets_a_polite_answer(chat, text):
    reply = await chat.say(text)
    assert reply.strip(), f"silence for {text[:20]!r}"


async def test_repeated_misunderstanding_hands_off_to_the_hotline(chat):
    await chat.say("qwerty zxcvb")
    reply = await chat.say("asdfgh jkl")
    reply2 = await chat.say("poiuy trewq")
    assert "12333" in reply or "12333" in reply2

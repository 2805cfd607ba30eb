"""Whole conversations with the trained assistant and the real action server, as residents, graduates,
employers and hotline staff have them. Assertions are on what the user sees: the measure cited, the figure,
the verdict and its reason, the question asked next — values from policy_kb, never from the answer code.
Each class of defect found by users has its dialogue here (issues 10 and 11).
"""

from __future__ import annotations

import datetime as dt

import pytest

from policy_kb.facts import FACTS
from policy_kb.parameters import param

TODAY = dt.date.today()
CONFIRM = "我理解您的情况是"


def asked(text: str) -> list[str]:
    return [name for name, f in FACTS.items() if f.question in text]


def verdict_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(("✅", "❌", "❓", "⏱"))]


async def play(chat, first: str, answers: dict[str, str], on: dt.date | None = None, confirm: str = "对",
               limit: int = 14) -> tuple[str, list[str]]:
    """Say ``first``, answer each question from ``answers`` ("不知道" otherwise) and confirm, until the verdict."""
    questions: list[str] = []
    reply = await chat.say(first, on)
    for _ in range(limit):
        if "关于您问的政策" in reply or "根据您提供的情况" in reply:
            return reply, questions
        if CONFIRM in reply:
            reply = await chat.say(confirm, on)
            continue
        names = asked(reply)
        assert names, f"neither a question, a summary nor a verdict after {questions}: {reply!r}"
        questions.append(names[-1])
        reply = await chat.say(answers.get(names[-1], "不知道"), on)
    raise AssertionError(f"no verdict after {limit} turns; asked {questions}")


GRADUATE = {"is_college_graduate": "本科", "graduation_year": str(TODAY.year), "hardship_type": "低保家庭",
            "seeking_work": "是的"}
JOB_SEEKING = "我想查一下我能不能领一次性求职创业补贴"
AMOUNT_2000 = f"{param('job_seeking_subsidy_amount').value}元"


# --- answers (issue 10) -----------------------------------------------------------------------------------

async def test_a_question_that_mentions_the_askers_situation_is_answered_not_turned_into_a_form(chat):
    reply = await chat.say("俺是退伍的，开个修车铺税能少交点不")
    assert "（十二）" in reply and param("self_employment_tax_cap_per_year").short() in reply
    assert not asked(reply), "a question gets an answer, not a screening question"
    assert any(b["title"] == "帮您完整测一测" for b in chat.buttons())


async def test_a_low_income_graduate_of_this_year_asking_how_much_gets_a_personal_reading(chat):
    reply = await chat.say(f"我是{TODAY.year}年毕业的大学生，家里是低保户，能领多少钱")
    assert AMOUNT_2000 in reply and "（十三）" in reply
    assert "按您说的" in reply and "低保家庭" in reply and f"{TODAY.year}年毕业" in reply
    assert "还需确认" in reply and "积极求职创业" in reply  # what is still to confirm
    assert not verdict_lines(reply), "a reading is not a verdict"


async def test_the_national_level_award_is_in_the_answer_about_the_national_level_award(chat):
    reply = await chat.say("被评上国家级示范性就业见习基地的给多少奖补")
    assert "（八）" in reply and param("internship_base_award_national").text() in reply


@pytest.mark.parametrize("question, measure, figure", [
    ("灵活就业人员社保补贴最多能补实际缴费的几成", "（二十一）", "2/3"),
    ("组织失业青年参加就业见习 见习期是几个月", "（八）", "3至12个月"),
    ("小微企业招应届毕业生给社保补贴 得签多长的劳动合同", "（二十一）", "1年以上"),
    ("创业担保贷款基金运营机构按贷款总额的百分之几奖励", "（十一）", "1%"),
])
async def test_a_question_about_a_ratio_a_period_or_a_contract_length_gets_that_figure(chat, question, measure, figure):
    reply = await chat.say(question)
    assert measure in reply and figure in reply


async def test_where_the_text_gives_no_interest_rate_the_answer_says_so(chat):
    reply = await chat.say("创业担保贷款利率是多少 贴息多少")
    assert "（十一）" in reply and "本文件没有规定贷款利率和贴息标准" in reply


async def test_a_misspelt_question_is_answered_without_a_menu(chat):
    reply = await chat.say("合伙创业的创业担保代款最多能代多少")
    assert "（十一）" in reply and param("startup_loan_partnership_max").text() in reply
    assert "您问的是下面哪一条" not in reply


@pytest.mark.parametrize("question, must_not", [("巩义的一次性创业补贴怎么领", "（十四）"),
                                                 ("北京的失业金一个月多少", "（二十一）")])
async def test_another_places_policy_gets_no_measure_of_this_document(chat, question, must_not):
    reply = await chat.say(question)
    assert must_not not in reply and "依据：" not in reply
    assert "只解答新密市" in reply


async def test_a_subject_the_document_does_not_cover_is_said_to_be_outside_it(chat):
    reply = await chat.say("退休了养老金怎么领")
    assert "不在本文件范围内" in reply and "12345" in reply and not asked(reply)


async def test_whether_the_document_is_still_in_force_is_answered_with_what_it_is(chat):
    reply = await chat.say("这个文件现在还有效吗")
    assert "2020年5月6日" in reply and "新密政〔2020〕4号" in reply and "没有规定整体的有效期" in reply


async def test_a_question_about_newer_policies_says_the_assistant_covers_the_2020_document_only(chat):
    reply = await chat.say("2024年出了新的创业补贴政策没有")
    assert "之后出台的新政策" in reply and "（十四）" not in reply


async def test_a_bank_is_not_taken_for_the_township_inside_its_name(chat):
    reply = await chat.say("村镇银行的创业担保贷款任务是多少")
    assert "村镇银行" in reply and "1000万元" in reply and "米村镇" not in reply


async def test_two_indicators_asked_at_once_are_both_answered(chat):
    reply = await chat.say("曲梁镇新增城镇就业和返乡下乡创业的任务各是多少")
    assert "新增城镇就业120人" in reply and "返乡下乡创业45人" in reply


async def test_traditional_characters_and_full_width_digits_are_read(chat):
    reply = await chat.say("創業擔保貸款個人最多能貸多少")
    assert "（十一）" in reply and param("startup_loan_individual_max").text() in reply
    reply = await chat.say("２０００元的求职补贴是哪一条")
    assert "（十三）" in reply


async def test_answers_fit_a_phone_screen_and_state_12333_once(chat):
    reply = await chat.say("一次性创业补贴是多少钱")
    assert "（十四）" in reply and f"{param('startup_subsidy_amount').value}元" in reply
    assert reply.count("12333") == 1 and len(reply) <= 600


# --- follow-ups ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("follow_up, expected", [
    ("那要多少钱", "2000元"),
    ("那怎么申请", "负责学籍注册的学校"),
    ("需要什么材料", "没有列出申请材料清单"),
    ("把原文发给我", "补贴标准提高到每人一次性2000元"),
    ("现在还能办吗", "没有规定单独的实施期限"),
    ("找哪个部门", "市人社局、市教体局"),
])
async def test_each_follow_up_is_about_the_measure_just_discussed(chat, follow_up, expected):
    await chat.say("一次性求职创业补贴是什么")
    reply = await chat.say(follow_up)
    assert "（十三）" in reply and expected in reply


# --- screening (issue 11) ------------------------------------------------------------------------------

async def test_a_graduate_of_this_year_from_a_low_income_family_gets_2000_after_confirming(chat):
    reply, questions = await play(chat, JOB_SEEKING, GRADUATE)
    assert set(questions) == {"is_college_graduate", "graduation_year", "hardship_type", "seeking_work"}
    line = next(line for line in verdict_lines(reply) if "一次性求职创业补贴" in line)
    assert line.startswith("✅") and AMOUNT_2000 in line and "（十三）" in line


async def test_the_facts_are_summarised_for_confirmation_before_any_yes(chat):
    reply = await chat.say(JOB_SEEKING)
    for _ in range(6):
        names = asked(reply)
        if not names:
            break
        reply = await chat.say(GRADUATE[names[-1]])
    assert CONFIRM in reply and "低保家庭" in reply and "✅" not in reply
    assert {b["title"] for b in chat.buttons()} == {"对", "改一下"}


async def test_a_question_back_about_a_term_is_answered_and_never_taken_as_yes(chat):
    reply = await chat.say("我想查一下我能不能享受灵活就业社会保险补贴")
    assert "is_hard_to_employ" in asked(reply), reply
    reply = await chat.say("就业困难人员指的是哪些人")
    assert "本文件没有规定谁算就业困难人员" in reply and "is_hard_to_employ" in asked(reply)
    assert await chat.slot("is_hard_to_employ") is None


async def test_a_secondary_vocational_graduate_is_not_taken_for_a_college_graduate(chat):
    reply, _ = await play(chat, JOB_SEEKING, {**GRADUATE, "is_college_graduate": "中专"})
    assert "✅" not in reply
    line = next(line for line in verdict_lines(reply) if "一次性求职创业补贴" in line)
    assert line.startswith("❌") and "高校毕业生" in line


async def test_having_left_a_job_is_read_as_not_employed(chat):
    reply = await chat.say("我想查一下我能不能参加就业见习")
    assert "is_employed" in asked(reply), reply
    await chat.say("已经离职了")
    assert await chat.slot("is_employed") is False


async def test_a_correction_at_the_summary_changes_the_verdict(chat):
    reply, _ = await play(chat, JOB_SEEKING, GRADUATE, confirm=f"不对，我是{TODAY.year - 2}年毕业的")
    line = next(line for line in verdict_lines(reply) if "一次性求职创业补贴" in line)
    assert line.startswith("❌") and f"{TODAY.year - 2}年" in line and "毕业年度" in line


async def test_a_correction_typed_after_the_verdict_rechecks_the_same_benefit(chat):
    reply, _ = await play(chat, JOB_SEEKING, GRADUATE)
    assert "✅" in reply
    reply = await chat.say(f"不对，我是{TODAY.year - 1}年毕业的")
    for _ in range(3):
        if CONFIRM in reply:
            reply = await chat.say("对")
    line = next(line for line in verdict_lines(reply) if "一次性求职创业补贴" in line)
    assert line.startswith("❌") and f"{TODAY.year - 1}年" in line
    assert "我来帮您查一查能享受哪些政策" not in reply, "not a new general screening"


async def test_switching_to_an_enterprise_mid_screening_asks_enterprise_questions(chat):
    reply = await chat.say("帮我查查我能享受哪些政策")
    assert asked(reply)
    reply = await chat.say("我是替我们公司问的")
    assert "改为按企业" in reply
    names = asked(reply)
    assert names and all(FACTS[n].applicant in ("enterprise", "both") for n in names), names


async def test_a_sum_of_money_never_fills_a_head_count(chat):
    reply = await chat.say("我们公司想查一下能不能申请小微企业创业担保贷款")
    for _ in range(4):
        if "staff_count" in asked(reply):
            break
        reply = await chat.say({"enterprise_size": "小型企业", "applicant_type": "企业"}.get(asked(reply)[-1], "是"))
    assert "staff_count" in asked(reply), reply
    reply = await chat.say("300万")
    assert "没听明白" in reply and "staff_count" in asked(reply)
    assert await chat.slot("staff_count") is None


async def test_a_full_width_year_is_understood(chat):
    reply = await chat.say(JOB_SEEKING)
    while "graduation_year" not in asked(reply):
        reply = await chat.say(GRADUATE[asked(reply)[-1]])
    await chat.say("２０２４")
    assert await chat.slot("graduation_year") == 2024


async def test_saying_dont_know_to_everything_still_ends_in_a_verdict_within_the_question_cap(chat):
    reply, questions = await play(chat, "帮我看看我能享受哪些政策", {"applicant_type": "个人"})
    assert len(questions) <= 9  # applicant type + at most 8 questions, skipped ones included
    assert "您说不清楚的" in reply and "✅" not in reply


async def test_a_no_leads_the_verdict_with_the_reason_in_the_users_terms(chat):
    reply, _ = await play(chat, JOB_SEEKING, {**GRADUATE, "graduation_year": str(TODAY.year - 2)})
    lines = verdict_lines(reply)
    assert lines[0].startswith("❌") and "一次性求职创业补贴" in lines[0]
    assert f"{TODAY.year - 2}年" in lines[0] and "毕业年度" in lines[0]
    assert len(reply) <= 700


async def test_an_employment_agency_that_placed_staff_gets_the_placement_subsidy(chat):
    answers = {"applicant_type": "企业", "is_employment_agency": "是", "placements_1y_contract": "10"}
    reply, _ = await play(chat, "我们是劳务中介公司，想查一下能不能享受职业介绍补贴", answers)
    line = next(line for line in verdict_lines(reply) if "职业介绍补贴" in line)
    assert line.startswith("✅") and "（十九）" in line and "3000" in line


async def test_stop_ends_the_screening_at_any_time(chat):
    reply = await chat.say("帮我看看我能享受哪些政策")
    assert asked(reply)
    reply = await chat.say("算了，不查了")
    assert "已停止本次查询" in reply
    assert await chat.slot("requested_slot") is None


async def test_restart_starts_over(chat):
    await chat.say(JOB_SEEKING)
    await chat.say("本科")
    await chat.say("重新开始")
    assert await chat.slot("is_college_graduate") is None and await chat.slot("requested_slot") is None


async def test_a_question_during_a_screening_is_answered_and_the_question_comes_back(chat):
    reply = await chat.say(JOB_SEEKING)
    first = asked(reply)
    reply = await chat.say("创业担保贷款最多能贷多少")
    assert "（十一）" in reply and param("startup_loan_individual_max").text() in reply
    assert asked(reply) == first


@pytest.mark.parametrize("text", ["", " ", "😀😀😀", "hello, how are you?", "asdkjh qwe zzz", "补" * 5000])
async def test_odd_input_gets_a_polite_answer(chat, text):
    reply = await chat.say(text)
    assert reply.strip(), f"silence for {text[:20]!r}"


async def test_repeated_misunderstanding_hands_off_to_the_hotline(chat):
    first = await chat.say("qwerty zxcvb")
    second = await chat.say("asdfgh jkl")
    assert "没理解" in first and "12333" not in first
    assert "还是没能理解" in second and "12333" in second


async def test_the_buttons_under_an_answer_work_the_full_text_and_the_screening(chat):
    await chat.say("一次性求职创业补贴是什么")
    full_text = next(b["payload"] for b in chat.buttons() if b["title"] == "看原文")
    reply = await chat.say(full_text)
    assert "补贴标准提高到每人一次性2000元" in reply and "（十三）" in reply
    await chat.say("一次性求职创业补贴是什么")
    screening = next(b["payload"] for b in chat.buttons() if b["title"] == "测一测我能不能享受")
    reply = await chat.say(screening)
    assert "一次性求职创业补贴" in reply and asked(reply) == ["is_college_graduate"]

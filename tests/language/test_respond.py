"""The answering path without the NLU: what ``language.respond`` answers from the words alone.
(With the trained NLU the same path is judged on the held-out set in ``make eval`` and in the dialogues.)"""

from __future__ import annotations

import datetime as dt

import pytest

from language.extract import extract_clause, extract_facts
from language.respond import Context, respond
from policy_kb.parameters import param


def test_a_question_naming_the_national_level_gets_the_national_award_and_its_measure():
    answer = respond("国家级示范性创业孵化基地给多少奖补")
    assert answer.measures == ["十"] and param("incubator_base_award_national").text() in answer.text


def test_where_the_text_gives_no_interest_rate_the_answer_says_so():
    answer = respond("创业担保贷款的利率是多少")
    assert answer.measures == ["十一"] and "本文件没有规定贷款利率和贴息标准" in answer.text


def test_a_procedure_the_text_does_not_describe_is_said_to_be_unstated():
    answer = respond("孵化成果补贴怎么申请")
    assert answer.measures == ["十"] and "本条没有写明具体申请流程" in answer.text


def test_the_procedure_the_text_does_describe_is_not_called_unstated():
    answer = respond("一次性求职创业补贴怎么申请")
    assert answer.measures == ["十三"] and "本条没有写明具体申请流程" not in answer.text and "受理" in answer.text


@pytest.mark.parametrize("question, place", [("登封的创业担保贷款能贷多少", "登封"), ("上海的稳岗返还怎么算", "上海")])
def test_another_places_policy_is_not_answered_from_this_document(question, place):
    answer = respond(question)
    assert answer.kind == "out_of_scope" and place in answer.text and not answer.measures


def test_the_zhengzhou_standard_cited_in_the_text_is_in_scope():
    answer = respond("郑州市失业保险金标准是多少，稳岗返还按这个算吗")
    assert answer.measures == ["一"] and "1520元/月" in answer.text


def test_the_document_answers_questions_about_itself_from_its_own_text():
    assert "新密市人民政府办公室2020年5月6日印发" in respond("文件是几月几号印发的").text
    parts = respond("这个实施意见分几个部分").text
    assert "七、健全工作机制，加强组织保障" in parts
    assert "2020年市政府第4次常务会议" in respond("这个文件是经过哪次会议研究通过的").text


def test_a_bank_and_a_township_are_told_apart_both_ways():
    assert "米村镇政府" in respond("米村镇的目标任务").text
    assert "村镇银行2020年创业担保贷款任务1000万元" in respond("村镇银行承贷多少").text


def test_a_partly_known_rule_says_what_would_meet_it():
    text = respond("我们公司有50个在职员工，想申请创业担保贷款，得新招多少人").text
    assert "按您说的" in text and "至少10人" in text


def test_naming_a_benefit_states_no_fact_about_the_asker():
    answer = respond("城镇零就业家庭就业援助是什么")
    assert "zero_employment_family" not in answer.facts and "按您说的" not in answer.text


def test_a_follow_up_without_a_measure_is_about_the_measure_just_discussed():
    answer = respond("那找哪个部门", context=Context(current_measure="十九"))
    assert answer.measures == ["十九"] and "市人社局" in answer.text


def test_a_typed_command_or_json_states_no_fact():
    assert extract_facts('·/inform{"hardship_type": "低保家庭"}') == {}


@pytest.mark.parametrize("text, number", [("这一条是哪些部门负责", None), ("第一条讲的啥", "一"), ("（十三）", "十三"),
                                           ("哪一条规定了见习", None)])
def test_a_measure_number_is_read_only_where_it_names_a_measure(text, number):
    assert extract_clause(text) == number


def test_a_personal_reading_follows_the_date_of_the_conversation():
    text = respond("我是2025年毕业的大学生，家里低保，一次性求职创业补贴能领多少", context=Context(on=dt.date(2025, 6, 1))).text
    assert "2025年毕业" in text and "还需确认" in text and "积极求职创业" in text


def test_a_figure_before_the_thing_asked_belongs_to_something_else():
    # （二）: "减按15%税率征收企业所得税、对企业研发费用加计扣除政策" gives no 加计扣除 ratio
    answer = respond("企业研发费用加计扣除的比例是多少")
    assert answer.measures == ["二"] and "没有写明“研发费用加计扣除”的具体金额或数字标准" in answer.text
    # the figure that follows its subject is the answer, and nothing is called unstated
    answer = respond("返乡农民工创业补贴给多少")
    assert "5000元" in answer.text and "没有写明" not in answer.text


def test_a_name_the_text_only_quotes_is_said_to_be_unexplained():
    answer = respond("农民工返乡创业五个一专项服务具体是哪五个一")
    assert answer.measures == ["十四"] and "只提到“五个一”，没有写明它的具体内容" in answer.text
    assert "没有写明" not in respond("农民工返乡创业有啥支持").text.split("依据")[0].replace("具体条件", "")


def test_a_loan_question_about_banks_lists_the_lending_banks_of_the_annex():
    answer = respond("创业担保贷款去哪家银行办")
    assert answer.measures == ["十一"] and "承贷银行：邮储银行、村镇银行、农商银行" in answer.text
    assert "承贷银行" not in respond("创业担保贷款最多贷多少").text


def test_a_how_question_keeps_the_way_to_apply_of_what_was_asked():
    answer = respond("医保单位缴费缓缴 找谁申请 咋申请")
    assert answer.qtype == "how_to_apply" and "职工医保单位缴费缓缴：" in answer.text
    assert "失业保险稳岗返还：" not in answer.text and "负责部门：" in answer.text


@pytest.mark.parametrize("question", [
    "俺在广东打工十来年 去年回来开了个养鸡场 返乡创业补贴给多少",
    "从深圳回来开店有补贴吗",
])
def test_a_place_in_the_askers_own_story_is_no_other_places_question(question):
    answer = respond(question)
    assert answer.kind == "measure" and answer.measures == ["十四"]


@pytest.mark.parametrize("question, shown", [
    ("郑州市区的创业补贴咋申请", "郑州市（市区）"),
    ("郑州人才公寓怎么申请", "郑州市（市区）"),
    ("企业年金怎么给员工办理", "养老金"),
    ("教师资格证考试什么时候报名", "招考"),
])
def test_zhengzhou_itself_and_other_subjects_are_out_of_scope(question, shown):
    answer = respond(question)
    assert answer.kind == "out_of_scope" and shown in answer.text and "12333" in answer.text


def test_a_later_years_standard_is_a_newer_document_but_the_askers_own_year_is_not():
    assert respond("2025年新密市失业保险金标准是多少").kind == "out_of_scope"
    assert respond("俺2022年回来创业的 一次性创业补贴多少").measures == ["十四"]


def test_a_question_in_two_parts_gets_both_measures_in_one_short_answer():
    answer = respond("招毕业生有社保补贴吗？创业担保贷款最多能贷多少？")
    assert answer.measures == ["十一", "二十一"]
    assert "30万元" in answer.text and "【（二十一）" in answer.text
    assert answer.text.count("依据：") == 1 and answer.text.count("12333") == 1
    # one question with a follow-up word gets one measure
    assert respond("个体经营的税收优惠从啥时候开始算 能享受几年").measures == ["十二"]


def test_an_empty_annex_cell_is_said_to_be_not_listed():
    answer = respond("附件中矿区办事处有返乡下乡创业任务吗")
    assert answer.kind == "annex" and "附件没有列出此项任务" in answer.text


def test_a_firm_making_refractory_materials_asks_no_materials_question():
    answer = respond("我们是乡镇上的老耐火材料厂，文件对乡镇这些传统产业有啥要求？")
    assert answer.qtype == "what" and "传统优势产业转型升级" in answer.text and "材料清单" not in answer.text


def test_whether_the_document_itself_is_in_force_is_answered_for_the_document():
    answer = respond("这个文件现在还管用吗？2020年出的政策我们今年还能享受吗")
    assert answer.kind == "document" and "文件本身没有规定整体的有效期" in answer.text


def test_an_indicators_citywide_plan_is_read_from_the_annex():
    answer = respond("三单联动技能培训2020年全市计划培训多少人？")
    assert answer.kind == "annex" and "全市合计3000人" in answer.text


@pytest.mark.parametrize("question", [
    "我们公司招了几个应届毕业生 有社保补贴吗",
    "公司招了个就业困难人员 他同时也是建档立卡贫困人口 企业能减税吗",
])
def test_the_people_an_employer_hires_state_no_fact_about_the_asker(question):
    facts = respond(question).facts
    assert not {"is_college_graduate", "graduation_year", "is_poverty_registered", "hardship_type"} & set(facts)


def test_a_count_of_hires_is_still_read():
    assert respond("我们公司招了3个应届毕业生 有社保补贴吗").facts.get("hires_graduates") == 3


def _parse(intent: str, confidence: float) -> dict:
    return {"intent": {"name": intent, "confidence": confidence}, "intent_ranking": [], "entities": []}


def test_a_subject_the_nlu_is_sure_lies_outside_is_not_overruled_by_a_measures_words():
    # 个人所得税 occurs in （十二）; 专项附加扣除 is a matter of the tax office, not of this document
    answer = respond("个人所得税专项附加扣除怎么填", _parse("out_of_scope", 1.0))
    assert answer.kind == "out_of_scope" and "12333" in answer.text
    # naming a benefit of the document by its name keeps the question in scope
    answer = respond("我户口在新密 一次性求职创业补贴最后是谁审核", _parse("out_of_scope", 1.0))
    assert answer.measures == ["十三"]

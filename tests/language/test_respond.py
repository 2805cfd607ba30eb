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
    assert "2020年创业担保贷款任务：村镇银行1000万元" in respond("村镇银行承贷多少").text


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
    assert sorted(answer.measures) == ["二十一", "十一"]
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


@pytest.mark.parametrize("question", [
    "俺村有个闲着的旧仓库 能不能弄成创业孵化基地 文件让不让",  # a wish
    "我在孵化基地里开了个小公司 孵化基地能拿补贴吗",  # a tenant of one
    "我们是孵化基地 孵化了3户 能领多少",  # its level (郑州市级以上 is paid) not said
    "人力资源公司介绍工人能领补贴吗",  # a question about agencies
    "我是见习生 见习补贴给谁",  # an intern, not a host
    "我们的孵化基地要是评上省级示范性创业孵化基地能拿多少",  # not yet rated
])
def test_what_an_organisation_is_is_a_fact_only_when_said_of_the_askers_own(question):
    facts = respond(question).facts
    assert not {"is_incubator", "is_employment_agency", "hosts_interns", "incubator_base_level"} & set(facts)
    assert "按您说的（郑州市级以上" not in respond(question).text


def test_an_organisation_saying_what_it_is_gets_its_reading():
    answer = respond("我们是郑州市级孵化基地，孵化了5户企业都运营1年带动3人以上就业，能领多少")
    assert answer.facts.get("is_incubator") is True and "按您说的" in answer.text
    assert respond("我们公司接收了几个见习生 补贴怎么算").facts.get("hosts_interns") is True


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


def test_a_question_of_days_asks_a_figure_the_text_does_not_give():
    answer = respond("新密开办企业现在几天能办完")
    assert answer.qtype == "figure" and "没有写明" in answer.text


def test_a_hired_person_described_by_a_clause_states_no_fact_about_the_asker():
    facts = respond("公司招了个在人社部门登记失业一年的人 签了两年合同交了社保 企业能减多少税").facts
    assert not {"is_registered_unemployed", "is_laid_off", "is_employed"} & set(facts)


def test_an_unsure_nlu_with_two_close_measures_offers_the_choice_instead_of_calling_it_outside():
    parse = {"intent": {"name": "nlu_fallback", "confidence": 0.35},
             "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.35},
                                {"name": "ask_social_insurance_subsidy", "confidence": 0.35}], "entities": []}
    answer = respond("公司招了个登记失业的人 签了合同交了社保 企业能减多少税 还有补贴吗", parse)
    assert answer.kind != "out_of_scope" and "不在本文件范围" not in answer.text


@pytest.mark.parametrize("question", [
    "俺的社保卡丢了 去哪补办 要多长时间",
    "新密市2021年城乡就业创业目标任务 各乡镇分了多少",
    "2024年灵活就业人员交养老保险 缴费基数是多少",
    "疫情那阵儿新密发的消费券 在哪领的",
])
def test_more_questions_outside_the_document_are_said_to_be(question):
    answer = respond(question)
    assert answer.kind == "out_of_scope" and "12333" in answer.text


@pytest.mark.parametrize("question, number", [
    ("个体户那个每年12000的扣减 都能扣哪些税 个税算不算", "十二"),  # （十二）'s deductions include 个人所得税
    ("我户口在新密 大学在外省上的 求职创业补贴是在新密申请还是在学校申请", "十三"),  # 户口 as a fact
    ("俺在广东厂里干了十来年 今年想回老家开个农家乐 钱不够 创业担保贷款一个人最多能贷多少", "十一"),
])
def test_words_that_look_like_another_subject_or_place_in_the_askers_story_stay_in_scope(question, number):
    parse = {"intent": {"name": "out_of_scope", "confidence": 1.0}, "intent_ranking": [], "entities": []}
    assert number in respond(question, parse).measures


def test_who_issued_the_document_is_a_question_about_the_document():
    answer = respond("来电人咨询：《关于进一步做好稳就业工作的实施意见》是哪个机关印发的？")
    assert answer.kind == "document" and "新密市人民政府" in answer.text


def test_a_benefit_that_has_ended_also_gives_the_condition_the_facts_would_have_failed():
    answer = respond("俺们是家大型国企的分厂 也受疫情影响了 2到6月那个免交单位社保俺们能享受不")
    assert "已结束" in answer.text and "当时也不符合“是中小微企业" in answer.text


def test_a_later_years_standard_is_a_newer_document_even_after_a_place_in_the_askers_story():
    answer = respond("俺在郑州市区上班 郑州2023年稳岗返还的标准是多少")
    assert answer.kind == "out_of_scope" and "12333" in answer.text


def test_a_time_limit_the_personal_reading_gives_is_not_repeated():
    answer = respond("我们厂受疫情影响了 稳岗返还能返多少")
    assert "实施期限截至2020年12月31日，已结束" in answer.text
    assert answer.text.count("截至2020年12月31日") == 1


def test_digits_of_a_year_bring_no_sentence_of_their_own():
    # the "20" of 2019 is no 20万元: the 国家级 award sentence stays out of an answer about taking part
    answer = respond("我2019年毕业的 到现在一直没找着正式工作 还能不能参加就业见习")
    assert "20万元" not in answer.text and "离校2年内" in answer.text


def test_the_name_of_a_benefit_or_insurance_states_no_fact():
    assert respond("困难企业失业保险一次性返还 按每个参保职工算能返多少钱").facts == {}
    assert respond("我失业了 有啥补助").facts.get("is_laid_off") is True


def test_apply_here_or_there_is_a_how_question():
    answer = respond("我户口在新密 大学在外省上的 求职创业补贴是在新密申请还是在学校申请")
    assert answer.qtype == "how_to_apply" and "学籍注册" in answer.text
    assert respond("刚办了个体执照 一次性创业补贴是不是现在就能领 还是得干够多长时间").qtype != "how_to_apply"


def test_a_question_in_english_is_told_in_both_languages_where_to_ask():
    answer = respond("How can our company apply for a work permit for a foreign engineer in Xinmi")
    assert "Sorry" in answer.text and "12333" in answer.text


@pytest.mark.parametrize("text, number", [
    ("俺以前开过一个店黄了 现在又开第二个 还能领创业补贴不", None),  # the second shop, not measure （二）
    ("开到第三年了 还能领吗", None),
    ("第2次创业能贷款吗", None),
    ("第十三条怎么申请", "十三"),
    ("第十三 怎么申请", "十三"),
])
def test_an_ordinal_of_something_else_is_no_measure_number(text, number):
    from language.extract import extract_clause

    assert extract_clause(text) == number


@pytest.mark.parametrize("question", [
    "来电人问2023年新密创业担保贷款最新的贴息政策是什么",
    "2022年河南的一次性留工培训补助 新密咋申请",
    "俺前几年在外地打工 社保断了三年 现在回来了个人想补缴 咋补 能补不",
])
def test_later_policies_and_back_payments_of_social_insurance_are_outside(question):
    answer = respond(question)
    assert answer.kind == "out_of_scope" and "12333" in answer.text


def test_the_document_names_its_measures_range():
    assert "（一）至（二十六）" in respond("文件一共有多少条具体措施 分成几大部分").text


@pytest.mark.parametrize("question", ["现在都2024年了 小微企业还能免社保单位缴费不 文件上说的是啥时间段",
                                      "俺厂2021年才知道有稳岗返还这回事 现在按这个文件去申请还来得及不"])
def test_the_askers_own_time_is_no_later_policy(question):
    assert respond(question).measures == ["一"]


def test_whether_a_body_takes_part_is_a_department_question_answered_with_the_sentence_asked_about():
    answer = respond("俺们厂要裁人 工会能管不 稳定劳动关系那一条写没写总工会")
    assert answer.qtype == "department" and "市总工会" in answer.text and "劳动关系" in answer.text


@pytest.mark.parametrize("question", ["稳岗返还最晚什么时候申请", "医保缓缴最多能缓到几月份", "一次性求职创业补贴啥时候发",
                                      "疫情期间没办成的就业手续什么时候补办", "企业招用重点群体的税收扣减从哪个月开始算"])
def test_when_questions_are_deadline_questions(question):
    assert respond(question).qtype == "deadline"


@pytest.mark.parametrize("question, number, shown", [
    ("见习期间每个月能拿多少生活补贴啊？", "八", "没有写明"),  # （八） states the 示范基地 awards but no standard for the 见习补贴 itself
    ("我刚毕业想注册个公司，营业执照登记能全程网上办吗？", "九", "全程电子化登记"),  # how, for a measure granting nothing to apply for: the sentence asked about
    ("我们店里用非全日制的员工 要不要签合同", "十五", "劳动合同或协议"),  # a two-character word only one sentence holds (合同)
    ("企业招用就业困难人员给交社保 社保补贴一般最多补几年", "二十一", "最长不超过3年"),  # the longest period asked: the sentence stating the limit
    ("普通企业（不是困难企业）的稳岗返还 按上年失业保险费的百分之多少返啊", "一", "没有写明"),  # a share asked that no sentence states
    ("一次性求职创业补贴啥时候发", "十三", "离校前"),  # when: the sentence saying when
    ("职业技能培训考了证有补贴没", "十七", "培训合格证"),  # a benefit asked about: the sentence granting it
    ("我打零工自己交社保 社保补贴能补几年", "二十一", "最长不超过3年"),  # a duration asked: a duration, not the 2/3 share
    ("我毕业一年了没找着工作 想去企业见习 见习最短多长最长多长", "八", "3至12个月"),
    ("小微企业招用高校毕业生的社保补贴 具体一个人补多少钱", "二十一", "没有写明"),  # 最长1年 says how long, not how much
])
def test_the_answer_carries_the_sentence_or_the_note_the_question_asks_for(question, number, shown):
    answer = respond(question)
    assert answer.measures == [number] and shown in answer.text


@pytest.mark.parametrize("question", ["就业困难人员怎么认定", "零就业家庭是什么", "贫困劳动力包括哪些人", "低保家庭的条件"])
def test_a_term_asked_about_is_no_statement_of_the_askers_situation(question):
    answer = respond(question)
    assert answer.facts == {} and "按您说的" not in answer.text


@pytest.mark.parametrize("question", ["我们村贫困户多 政府有啥帮扶", "村里好多下岗的 有啥政策", "很多应届毕业生找不到工作 政府咋办",
                                      "我爸以前是下岗职工 现在退休了 我能领啥", "听说大学生创业有补贴 我是开饭店的 能领不"])
def test_people_the_asker_speaks_of_state_no_fact_about_the_asker(question):
    facts = respond(question).facts
    assert not {"is_poverty_registered", "is_laid_off", "is_employed", "is_college_graduate"} & set(facts)


def test_a_parent_asking_for_their_child_still_gets_the_childs_reading():
    answer = respond("俺儿子今年大专毕业 家里低保 能领多少")
    assert answer.facts.get("hardship_type") == "低保家庭" and "按您说的" in answer.text


def test_a_decade_named_is_no_duration_asked():
    from language.qtype import question_type

    assert question_type("俺九几年就下岗了 社保自己交 政府能给补贴不") != "figure"
    assert question_type("社保补贴能补几年") == "figure"


@pytest.mark.parametrize("question", ["俺是个体户卖五金的 听说个体户升级成小微企业政府给扶持 都扶持啥",
                                      "我开饭店的 想转成小微企业 有啥优惠", "我们想把厂子评上省级孵化基地"])
def test_what_the_business_would_become_is_no_fact_about_it(question):
    answer = respond(question)
    assert not {"enterprise_size", "is_incubator", "incubator_base_level"} & set(answer.facts)
    assert "条件都满足" not in answer.text


def test_a_business_of_five_or_six_years_has_no_stated_age():
    facts = respond("本人做了五六年个体户 想改成有限公司 有啥扶持").facts
    assert "business_operating_years" not in facts and facts.get("business_form") == "个体经营"


@pytest.mark.parametrize("question", ["扶持小微企业发展这一条 是哪些部门负责", "来电人问：金融机构给小微企业放贷款收的利息 有没有税收优惠",
                                      "做科技型中小企业的 搞研发花的钱在税上能咋处理", "小微企业免征增值税 月销售额要在多少以下才能免？"])
def test_small_firms_named_as_a_subject_are_not_the_askers_size(question):
    answer = respond(question)
    assert "enterprise_size" not in answer.facts and "条件都满足" not in answer.text


@pytest.mark.parametrize("question", ["我们是小微企业 想贷款", "我们在新密开了个小公司 能贷款吗", "我是一家小微企业的财务 税收有啥优惠"])
def test_the_askers_own_small_firm_is_read(question):
    from language.extract import extract_facts

    assert extract_facts(question).get("enterprise_size") == "小型企业"


def test_not_counting_as_unemployed_and_a_group_named_are_no_unemployed_migrant_worker():
    facts = respond("俺是在家种地的 也不算失业 就是冬天闲着 能参加政府给农民工办的培训不").facts
    assert facts.get("is_laid_off") is not True and "is_returning_migrant_worker" not in facts


def test_a_contract_of_unstated_length_is_no_one_year_contract():
    answer = respond("公司招一个登记失业半年以上的人 签了合同交了社保 一年能抵多少税")
    assert "hires_contract_and_insurance" not in answer.facts and "条件都满足" not in answer.text
    assert respond("公司招了个贫困户 签了两年合同交了社保 能减税吗").facts.get("hires_contract_and_insurance") is True


def test_seeing_a_doctor_in_the_askers_story_is_no_question_about_medical_bills():
    from language.scope import read_scope

    assert read_scope("俺家吃着低保又怕一上班低保给停了挣那俩钱还不够看病这咋弄") is None
    assert read_scope("还有看病那个医保是不是也一块不用交了") is None
    assert read_scope("在新密看病能报销多少").kind == "other_subject"


@pytest.mark.parametrize("question, body", [("厂里乱扣工资 稳定劳动关系这事政府哪几个单位管", "市总工会"),
                                            ("工会在稳定劳动关系里管事不？", "市总工会"),
                                            ("俺们厂工会的人说疫情期间劳动关系的事总工会也管 是真的不", "市总工会"),
                                            ("发展产业拓宽就业渠道这条涉及文广旅局吗", "市文广旅局")])
def test_which_bodies_take_part_is_a_department_question(question, body):
    answer = respond(question)
    assert answer.qtype == "department" and body in answer.text


@pytest.mark.parametrize("question, number", [
    ("俺是个体户 办就业的手续能只跑一趟不", "二十"),  # not （十二）, whose text names 个体户
    ("俺是返乡农民工 想在本地复工的厂子上班 政府引导本地招人不", "十九"),  # not （十四）, whose text names 返乡农民工
    ("俺是返乡农民工 想回来开个厂 有啥补贴", "十四"),  # the situation is the subject here
])
def test_the_askers_description_of_themselves_does_not_outweigh_what_they_ask(question, number):
    assert respond(question).measures == [number]


def test_the_askers_situation_is_taken_out_of_the_words_that_say_the_subject():
    from language.extract import without_situation

    assert "贫困户" not in without_situation("俺是贫困户想开个小卖部听说能贷款")
    assert without_situation("贫困户能享受啥税收优惠") == "贫困户能享受啥税收优惠"  # a group asked about stays


@pytest.mark.parametrize("question", ["新密事业单位招聘啥时候报名", "听说退休年龄要延迟了 俺女的五十能退不",
                                      "考新密的事业单位编制啥时候报名", "俺村里的宅基地能不能卖给外村人", "营业执照丢了咋补办",
                                      "俺想给俺娘办个残疾证 去哪办", "外地员工的社保关系转到新密咋办理",
                                      "俺的社保缴费记录咋查", "今年评职称啥时候申报", "离婚了孩子抚养费咋算", "车贷逾期了咋办",
                                      "公司想办食品经营许可证 去哪办", "营业执照年报在哪个网站填", "俺想把户口落户到新密"])
def test_civil_service_recruiting_and_the_retirement_age_are_outside(question):
    answer = respond(question)
    assert answer.kind == "out_of_scope" and "12333" in answer.text


def test_the_documents_date_asked_is_answered_by_the_document():
    answer = respond("文件成文日期是哪天")
    assert answer.kind == "document" and "2020年5月6日" in answer.text


def test_whether_this_years_document_still_holds_is_about_the_document():
    answer = respond("这是2020年的文件吧 现在还有效不 里头的补贴还能申请吗")
    assert answer.kind == "document" and "12333" in answer.text


def test_two_measures_named_clearly_are_offered_not_the_document():
    answer = respond("灵活就业社保补贴能再延一年那个政策是哪年的 现在还有没有")
    assert answer.kind in ("choose", "measure") and {"十五", "二十一"} & (
        set(answer.measures) | {b["payload"].split('"')[-2] for b in answer.buttons if "clause" in b["payload"]})


def test_a_place_the_asker_worked_in_is_no_other_places_question():
    from language.scope import other_place

    assert other_place("俺在广东电子厂打了八年工今年回来了想在老家搞个养殖场") is None
    assert other_place("广东的创业补贴多少") == "广东"


@pytest.mark.parametrize("question, number, shown", [
    ("办营业执照得来回跑好几趟不 能在网上弄不", "九", "全程电子化登记"),
    ("俺家开个小加工坊 在银行贷的款利息太高了 能不能给往下调调啊", "三", "下调贷款利率"),
    ("政府发这些补贴钱都是从哪出的", "二十四", "就业补助资金"),
    ("企业有空缺岗位 想让政府帮着发布出去 走啥流程", "二十五", "岗位发布"),
    ("俺在外地回不来 招聘能在网上参加不", "二十五", "线上线下"),
    ("俺村里有没有管就业的地方 还是啥事都得跑到市里", "二十", "村（社区）"),
    ("政府搞恁多补贴 钱够不够 有专门的钱不", "二十四", "就业补助资金"),
    ("俺儿子初中毕业不想念了 想学门手艺 现在哪些工种最缺人 政府有没有个单子", "十八", "紧缺职业"),
    ("俺们村有个回来开厂的 带着几十口人干活 这种人能不能叫政府评个先进表扬表扬", "二十六", "表彰"),
    ("疫情那会说免社宝俺家小厂到底免了哪几样医保也免了没有", "一", "工伤保险"),
    ("做机械加工的小厂 想贷个时间长点的款 有政策支持吗", "三", "中长期贷款"),
    ("俺村有几间闲着的旧仓库 能弄成创业孵化基地不", "十", "仓储设施"),
    ("在孵化基地里创业能不能省点房租", "十", "低成本场地支持"),
    ("俺在新密跑快递的 没签正式合同 前几天送件摔了一跤 像俺这样的有啥保障没", "十五", "职业伤害保障"),
    ("我们是做同城配送的平台公司，今年招了6个应届毕业生，能享受补贴政策吗", "六", "新兴业态企业"),
    ("我们是做品牌服装的，想在新密落户，哪个片区是重点打造的", "七", "品牌服装"),
    ("俺是就业困难人员 灵活就业的社保补贴快到期了 还没找着稳当工作 能不能再多享受一段", "十五", "延长1年"),
])
def test_everyday_words_bring_the_sentence_they_mean(question, number, shown):
    answer = respond(question)
    assert answer.measures == [number] and shown in answer.text


def test_saying_one_is_disabled_and_asking_can_i_apply_is_no_how_question():
    from language.qtype import question_type

    assert question_type("我家不是低保户但我自己是残疾人能申请求职创业补贴吗") != "how_to_apply"
    assert question_type("要企业自己申报吗") == "how_to_apply"


def test_a_loan_falling_due_is_no_subsidy_period_ending():
    from language.synonyms import expand

    assert "期满" not in expand("俺们厂在信用社有笔贷款下个月就到期了 怕银行收回去")


def test_a_reading_gives_the_figure_and_only_the_sentences_of_the_rules_it_reads():
    answer = respond("俺开个体户的 那个减税能减哪几样税 个人所得税算不算")
    reading = next(line for line in answer.text.split("\n") if line.startswith("· 重点群体从事个体经营"))
    assert "每户每年12000元为限额" in reading and "城市维护建设税" not in reading  # the list is in the sentence below
    assert "个人所得税" in answer.text and "企业招用" not in answer.text  # not the enterprises' 190 characters
    enterprise = respond("我们公司招了两个贫困户 签了三年合同交了社保 能减多少税").text
    assert "每年12,000元" in enterprise and "从事个体经营的" not in enterprise


def test_a_sentence_of_another_rule_stays_when_the_question_asks_about_it():
    answer = respond("我在一家科技型小公司做财务助理，老板问研发费用有没有税收政策，文件里怎么说的？")
    assert "研发费用加计扣除" in answer.text


def test_odd_jobs_are_not_yet_flexible_employment_declared():
    answer = respond("俺是就业困难人员 自己打零工 以个人身份交社保 能补多少")
    assert "flexible_employed" not in answer.facts and "条件都满足" not in answer.text
    assert "还需确认" in answer.text and "申报就业" in answer.text
    assert respond("我打零工 已经申报了灵活就业 自己交社保 社保补贴能补多少").facts.get("flexible_employed") is True


def test_a_certificate_without_its_note_is_not_the_certificate_the_tax_relief_needs():
    from language.extract import extract_facts

    assert "has_employment_certificate" not in extract_facts("我有就业创业证 开了个店 能减税吗")
    assert extract_facts("我的就业创业证上注明了自主创业税收政策").get("has_employment_certificate") is True


def test_a_benefit_named_without_its_yicixing_still_overrules_a_subject_in_the_story():
    answer = respond("我是农村的 上大学四年学费都靠国家助学贷款 家里也不是低保户 毕业那年能领求职创业补贴不",
                     {"intent": {"name": "out_of_scope", "confidence": 1.0}, "intent_ranking": []})
    assert answer.measures == ["十三"] and "国家助学贷款" in answer.text


def test_the_documents_full_name_asked_is_answered_by_the_document():
    answer = respond("这份新密的稳就业文件全名叫啥")
    assert answer.kind == "document" and "关于进一步做好稳就业工作的实施意见" in answer.text


def test_who_leads_employment_work_in_the_township_is_the_leadership_measure():
    unsure = {"intent": {"name": "nlu_fallback", "confidence": 0.35},
              "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.35}, {"name": "ask_department", "confidence": 0.28},
                                 {"name": "ask_work_mechanism", "confidence": 0.16}]}
    answer = respond("俺们乡里谁牵头管就业这一块", unsure)
    assert answer.measures == ["二十三"] and "政府负责人牵头" in answer.text


def test_a_later_years_policy_asked_is_outside_and_says_what_this_document_had():
    answer = respond("2023年新密还有没有稳岗返还 返还比例是多少")
    assert answer.kind == "out_of_scope" and answer.measures == ["一"]
    assert "12333" in answer.text and "2020年12月31日" in answer.text and "已结束" in answer.text
    assert respond("俺2021年开的店 能领创业补贴吗").kind == "measure"  # the asker's own year


def test_one_question_about_two_named_measures_each_gets_its_figure():
    answer = respond("国家级示范性就业见习基地和国家级示范性创业孵化基地的奖补各多少？")
    assert set(answer.measures) == {"八", "十"} and "20万元" in answer.text and "100万元" in answer.text
    assert answer.text.count("依据") == 1


@pytest.mark.parametrize("question", ["零就业家庭政府咋帮", "城镇零就业家庭 文件要求一家里至少得有几个人就业",
                                      "俺家两口子都没工作 孩子还在上学 算不算那个零就业家庭 政府咋帮俺们"])
def test_the_zero_employment_family_named_or_asked_about_is_no_statement_of_being_one(question):
    answer = respond(question)
    assert "zero_employment_family" not in answer.facts and "条件都满足" not in answer.text


def test_an_intern_asking_who_gets_the_subsidy_is_no_host_of_interns():
    from language.extract import extract_facts

    assert "hosts_interns" not in extract_facts("见习补贴是打给俺这个见习的人 还是打给接收见习的单位")
    assert extract_facts("俺家两口子都没工作 算城镇零就业家庭 政府管不管").get("zero_employment_family") is True


def test_papers_listed_as_an_applications_material_are_no_question_about_papers():
    answer = respond("办创业担保贷款得准备啥证件啊 身份证户口本要不要")
    assert answer.kind == "measure" and answer.measures == ["十一"] and "没有列出申请材料" in answer.text


def test_how_to_apply_gives_the_clauses_own_procedure_sentence():
    assert "负责学籍注册的各普通高校" in respond("一次性求职创业补贴去哪里申请").text


def test_the_documents_aim_asked_is_given_from_its_general_part():
    answer = respond("这个文件总的来说想达到个啥目标")
    assert answer.kind == "document" and "就业局势总体稳定" in answer.text


def test_two_benefits_asked_together_are_both_answered():
    answer = respond("我是返乡农民工，想开个厂，创业担保贷款和一次性创业补贴都能申请吗")
    assert set(answer.measures) == {"十一", "十四"} and "30万元" in answer.text and "5000元" in answer.text


def test_a_target_a_measure_states_is_that_measures_not_the_annexs():
    answer = respond("2020年全市补贴性职业技能培训目标是多少人次")
    assert answer.measures == ["十七"] and "1.5万人次" in answer.text
    assert respond("全市失业人员就业技能培训任务多少人").kind == "annex"


def test_a_confident_nlu_picks_between_two_measures_the_words_cannot_tell_apart():
    sure = {"intent": {"name": "ask_flexible_employment", "confidence": 0.91},
            "intent_ranking": [{"name": "ask_flexible_employment", "confidence": 0.91},
                               {"name": "ask_labor_relations", "confidence": 0.03}]}
    answer = respond("俺在饭店干的是钟点工 一天就中午晚上干几个小时 老板说不用签合同 按规定该签个啥不", sure)
    assert answer.measures == ["十五"] and "劳动合同或协议" in answer.text


@pytest.mark.parametrize("question, measures, figures", [
    ("见习示范基地跟孵化示范基地多久认定一回，一样吗", {"八", "十"}, ["每2年", "每年"]),
    ("稳岗返还和职业介绍补贴有啥区别", {"一", "十九"}, ["1520元/月", "300元/人"]),
])
def test_two_measures_set_side_by_side_each_get_their_figure(question, measures, figures):
    answer = respond(question)
    assert set(answer.measures) == measures and all(f in answer.text for f in figures)
    assert answer.text.count("依据") == 1


def test_a_count_in_the_askers_story_is_no_comparison():
    answer = respond("我们小公司招了两个应届毕业生 签了两年合同交了社保 社保补贴能补多长时间")
    assert answer.measures == ["二十一"] and "最长1年" in answer.text


@pytest.mark.parametrize("question, kind", [
    ("待岗期间工资按多少发", "amount"), ("先进典型奖多少", "amount"), ("失业率要控制在多少以内", "figure"),
    ("要带身份证还是户口本", "materials"),
])
def test_more_forms_of_asking_a_figure_or_the_papers(question, kind):
    from language.qtype import question_type

    assert question_type(question) == kind


def test_a_choice_between_measures_keeps_the_facts_the_message_stated(monkeypatch):
    import language.respond as r
    from language.decide import Decision

    close = Decision("choose", ["十五", "二十一"], {"十五": 0.9, "二十一": 0.88})
    monkeypatch.setattr(r, "decide", lambda *a, **k: close)
    answer = r.respond("俺下岗好几年了 现在打零工 属不属于重点帮扶那一拨")
    assert answer.kind == "choose" and answer.facts.get("is_laid_off") is True


def test_people_hired_described_by_age_and_hardship_are_no_facts_about_the_employer():
    from language.extract import extract_facts

    assert extract_facts("我们家政公司招了几个四五十岁、找工作很困难的大姐 单位那部分社保补不补") == {"applicant_type": "企业"}


@pytest.mark.parametrize("message, absent", [
    ("俺在一家饭店当厨师 疫情那几个月饭店关门 老板一分工资都没发 俺该找谁", "business_form"),  # works there, runs nothing
    ("我们是做直播电商的公司 今年招了几个应届大学生 还有一个就业困难人员 有补贴没", "is_hard_to_employ"),  # another hire
])
def test_a_workplace_or_a_further_hire_is_no_fact_about_the_asker(message, absent):
    from language.extract import extract_facts

    assert absent not in extract_facts(message)


@pytest.mark.parametrize("question, number, shown", [
    ("我离退休还差三年 自己交的灵活就业社保 补贴能补到退休吗", "二十一", "延长至退休"),  # retirement as the subsidy's end
    ("一次性求职创业补贴是郑州那边审吗", "十三", "郑州市人力资源社会保障部门"),  # 郑州 the text's own reviewer
    ("疫情时候被隔离了 就业服务那边的手续没办成 现在咋办", "十九", "延期至疫情防控结束之后办理"),
    ("做直播的主播 社保政策覆盖到没有", "六", "新就业形态覆盖"),  # 跑外卖的 still goes to （十五）: its facts bonus
    ("稳就业要用的钱从啥资金里统筹", "二十四", "就业补助资金"),
])
def test_questions_that_read_as_another_place_or_subject_or_say_it_in_other_words(question, number, shown):
    answer = respond(question)
    assert answer.measures == [number] and shown in answer.text


@pytest.mark.parametrize("question", ["退休后返聘回厂里上班 用签劳动合同吗", "2023年招应届生的一次性扩岗补助怎么领",
                                      "个人所得税年度汇算在哪弄"])  # 个人所得税 is a word of （十二）, 年度汇算 is not
def test_later_or_other_subjects_get_no_measure(question):
    answer = respond(question)
    assert answer.kind == "out_of_scope" and "12333" in answer.text


def test_a_later_year_the_asker_names_of_their_own_is_no_later_policy():
    answer = respond("俺的灵活就业社保补贴2021年才到期 延长一年那个还管用不")
    assert answer.kind == "measure" and answer.measures == ["十五"] and "已结束" in answer.text


def test_a_cheaper_site_asked_for_a_figure_says_the_text_gives_none():
    assert "没有写明“低成本场地”" in respond("进孵化基地房租能便宜多少").text


@pytest.mark.parametrize("question, number, shown", [
    ("回乡创业干出名堂了 有没有啥评比能报", "十四", "创业之星"),
    ("厂里开工了员工回不来 政府能帮着接吗", "十九", "点对点"),
])
def test_more_everyday_words_for_a_measures_own_term(question, number, shown):
    answer = respond(question)
    assert answer.measures == [number] and shown in answer.text


def test_when_the_money_arrives_is_answered_by_the_procedure_sentence():
    from language.qtype import question_type

    assert question_type("补贴啥时候打到卡上") == "how_to_apply"
    assert "离校前的毕业生本人银行账户" in respond("一次性求职创业补贴啥时候打到卡上").text


@pytest.mark.parametrize("message, absent", [
    ("见习单位领了补贴 这钱规定要花在我们见习生身上吗", "hosts_interns"),  # the asker is an intern
    ("企业每招一个就业困难人员能补多少", "hires_hard_to_employ"),  # a rate, no count of hires
    ("自己单干跟合伙创业 贷款额度差多少", "business_form"),  # two forms compared, neither stated
])
def test_a_rate_a_comparison_or_the_interns_side_states_no_fact(message, absent):
    from language.extract import extract_facts

    assert absent not in extract_facts(message)
    assert "条件都满足" not in respond(message).text


def test_more_ways_of_asking_who_handles_it():
    from language.qtype import question_type

    for question in ("税收优惠是税务局一家管还是还有别的部门", "融资服务这条找哪些单位", "求职补贴是谁来集中申报"):
        assert question_type(question) == "department", question
    assert question_type("职业介绍补贴咋申领") == "how_to_apply"
    assert question_type("企业吸纳税收政策里的企业指哪些单位") != "department"


def test_a_word_across_two_words_is_no_subject_outside_the_document():
    assert respond("孩子25了没念大学 能按失业青年报见习不").kind != "out_of_scope"  # 青年|报, not 年报


@pytest.mark.parametrize("question, number, shown", [
    ("银行会不会突然把贷款收回去", "三", "抽贷"),
    ("给小微企业做担保的公司有啥奖励", "三", "降费奖补"),
    ("家里一个上班的都没有 政府咋帮", "二十一", "零就业家庭"),
])
def test_everyday_words_for_measures_terms_found_in_fresh_questions(question, number, shown):
    answer = respond(question)
    assert answer.measures == [number] and shown in answer.text


def test_where_to_read_the_policies_offers_the_publicity_measure():
    answer = respond("这些就业政策在哪能看到 有公众号没")  # without the NLU: （二十） or the general part, to choose
    offered = answer.measures or [b["payload"].split('"clause":"')[1].split('"')[0] for b in answer.buttons]
    assert "二十" in offered


def test_the_amount_a_question_names_points_at_the_measure_stating_it():
    from language.decide import decide

    # the facts (个体经营, 不是贫困户) are （十二）'s; the 5000 asked is （十四）'s one-off subsidy alone
    answer = respond("我外地嫁过来的 没上过大学 也不是贫困户 自己开了个服装店 能领5000块创业补贴不")
    assert answer.measures == ["十四"]
    assert decide("那2000块钱咋领").best == "十三"


@pytest.mark.parametrize("message, age", [("俺儿20了 没上大学在家闲着", 20), ("我50了 下岗好几年", 50), ("俺家娃二十三了", 23)])
def test_an_age_said_without_sui(message, age):
    from language.extract import extract_facts

    assert extract_facts(message).get("age") == age
    assert "age" not in extract_facts("我3个孩子了")


def test_how_long_asked_in_a_reading_gets_the_rules_period():
    answer = respond("俺是就业困难人员 灵活就业 自己交社保 社保补贴最多补几年")
    assert "最长不超过3年" in answer.text and "最长1年" not in answer.text  # not the graduate-hiring rule's year
    assert "3至12个月" in respond("俺闺女23了 在家没工作 去见习能去几个月").text


@pytest.mark.parametrize("question, kind", [
    ("创业担保贷款个人上限多少 条件放宽了没", "measure"),  # 多少条件 is no 多少条
    ("俺们单位今年也困难 还能缓交医保不", "measure"),  # （一）'s deferral, not 交医保
    ("公司注册商标要多少钱", "out_of_scope"),
    ("2023年新密对高校毕业生又出了啥新补贴政策", "out_of_scope"),
])
def test_document_and_subject_words_inside_other_words(question, kind):
    assert respond(question).kind == kind


def test_which_banks_asked_with_a_township_gets_the_banks():
    answer = respond("俺在大隗镇 创业担保贷款能找哪些银行办")
    assert "邮储银行" in answer.text and "农商银行" in answer.text


def test_whether_a_firm_counts_as_small_says_the_text_sets_no_criteria():
    assert "划型标准" in respond("俺厂子三百多号人 算不算中小微企业 养老保险单位部分能免不").text


def test_a_few_in_a_story_is_no_count_asked():
    from language.qtype import question_type

    assert question_type("村里要改造几户危房 让贫困户参与干活 文件里有依据吗") != "figure"
    assert question_type("零就业家庭一户至少保证几个人就业？") == "figure"


def test_the_same_question_gets_the_same_answer_on_every_run():
    import subprocess
    import sys

    code = "from language.respond import respond; print(respond('村里改造危房 让贫困户参与干活 能领多少').text)"
    runs = {subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, env={"PYTHONHASHSEED": seed,
            "PATH": "/usr/bin:/bin"}, cwd=str(__import__("pathlib").Path(__file__).parents[2])).stdout for seed in ("1", "2", "3")}
    assert len(runs) == 1 and next(iter(runs))


@pytest.mark.parametrize("question", [
    "Where can I claim unemployment benefits in Zhengzhou please",  # English
    "zhufang gongjijin zenme tiqu a",  # pinyin
    "郑州市区的大学生创业补贴跟新密一样不",  # 郑州 itself, compared with 新密
    "想贷款买辆车 个人消费贷利率多少", "新密低保标准每人每月多少钱", "灵活就业自己交养老保险 一年最低交多少",
    "新密2025年就业补贴有啥新变化",
])
def test_near_misses_and_other_languages_are_answered_as_outside(question):
    answer = respond(question)
    assert answer.kind == "out_of_scope" and "12333" in answer.text


@pytest.mark.parametrize("question, shown", [
    ("这个文件出台的背景是啥", "新冠肺炎疫情"),
    ("文件是市政府发的还是人社局发的", "主办：市人社局"),
])
def test_the_documents_background_and_issuer(question, shown):
    answer = respond(question)
    assert answer.kind == "document" and shown in answer.text


@pytest.mark.parametrize("question, number, shown", [
    ("免的是哪几样保险", "一", "工伤保险"),
    ("营业执照能在网上全程办下来吗", "九", "全程电子化登记"),
    ("在家开网店 能拿自家住的房子注册执照不", "九", "住宅、公寓"),
    ("扶持小微企业这条 人民银行也参与吗", "二", "人行新密市支行"),
    ("风险防控这条有统计局吗", "二十二", "市统计局"),
    ("求职补贴的申请交给谁", "十三", "学籍注册"),
])
def test_more_everyday_and_department_wordings(question, number, shown):
    answer = respond(question)
    assert answer.measures == [number] and shown in answer.text


def test_annex_units_of_measure_and_a_ranking_without_the_street_offices():
    assert "单位：人" in respond("分解表里的数字按啥单位算").text
    text = respond("除了街道办 哪个乡镇新增城镇就业任务最多").text
    assert "曲梁镇政府（120人）" in text and "新华路" not in text


def test_a_definition_asked_gets_the_sentence_listing_what_the_term_covers():
    assert "临时性、非全日制、季节性" in respond("啥叫灵活就业 俺在工地打零工算不算").text


def test_a_sum_of_money_the_text_does_not_give_says_so():
    assert "没有写明“生活费”" in respond("见习的时候每个月给多少生活费").text


@pytest.mark.parametrize("message, age", [("俺今年20 没上大学 在家闲着", 20), ("我今年35", 35)])
def test_an_age_after_jinnian(message, age):
    from language.extract import extract_facts

    assert extract_facts(message).get("age") == age
    assert "age" not in extract_facts("我今年3月毕业") and "age" not in extract_facts("俺今年5个月没工作")


def test_before_or_after_graduation_is_a_question_of_when_and_a_refund_is_no_retirement():
    assert "离校前" in respond("求职补贴是毕业前发还是毕业后发").text
    assert respond("个体户一年税才交几千 不够12000的额度 剩下的能退不").kind != "out_of_scope"


def test_two_questions_with_only_spaces_between_each_get_their_figure():
    answer = respond("俺毕业两年了 想开个培训班 创业担保贷款最多能贷多少 开业满一年还有补贴没")
    assert set(answer.measures) == {"十一", "十四"} and "30万元" in answer.text and "5000元" in answer.text


def test_a_reading_that_finds_every_condition_met_says_which_ones_but_no_alternative_as_met():
    line = next(x for x in respond("俺家孩子18了 没考上大学也没工作 能去单位见习不").text.split("\n") if "条件都满足" in x)
    assert "16岁至24岁的失业青年" in line and "高校毕业生" not in line  # the other alternative is not hers
    line = next(x for x in respond("俺跟俩伙计合伙开汽修店 创业担保贷款能贷多少").text.split("\n") if "条件都满足" in x)
    assert "（）" not in line


@pytest.mark.parametrize("question", ["员工试用期最长能约定多久", "厂房的房产税能减免吗", "2022年的失业保险费率是多少",
                                      "2024年见习补贴每月发多少", "2023年创业担保贷款额度有没有再调整"])
def test_employers_questions_outside_the_document(question):
    answer = respond(question)
    assert answer.kind == "out_of_scope" and "12333" in answer.text


@pytest.mark.parametrize("question, kind, shown", [
    ("这份文件现在还作数吗", "document", "没有规定整体的有效期"),
    ("这个实施意见的主送单位有哪些", "document", "各乡镇人民政府"),
])
def test_more_about_the_document_itself(question, kind, shown):
    answer = respond(question)
    assert answer.kind == kind and shown in answer.text


@pytest.mark.parametrize("question, number, shown", [
    ("疫情期间企业是不是一个都不准裁", "四", "尽量不裁员或少裁员"),
    ("城北产业新城有哪些企业在招人 给个名单", "七", "没有规定具体的企业名单"),
    ("个体户扣不完的额度能结转到下一年吗", "十二", "没有规定未扣完的额度"),
])
def test_fresh_wordings_of_what_a_measure_says_or_does_not(question, number, shown):
    answer = respond(question)
    assert answer.measures == [number] and shown in answer.text


def test_more_department_and_materials_wordings():
    from language.qtype import question_type

    assert question_type("发展产业这一条涉及的部门有哪些") == "department"
    assert question_type("创业担保贷款这条是哪几家负责的") == "department"
    assert question_type("申请孵化补贴要交入孵协议吗") == "materials"


def test_two_benefits_wanted_at_once_each_get_their_figure():
    answer = respond("返乡农民工开个体户 既想要一次性创业补贴又想申请担保贷款 各能拿多少")
    assert set(answer.measures) == {"十一", "十四"} and "5000元" in answer.text and "30万元" in answer.text


@pytest.mark.parametrize("question", [
    "养老保险断交了怎么补", "生二胎有啥补助", "新密房价多少钱一平", "失业金怎么领", "农村合作医疗一年交多少",
    "异地医保怎么备案", "开饭店要办啥证", "个体户定额税怎么算", "增值税专用发票怎么开", "劳务派遣公司怎么办资质",
    "骑手被平台罚款怎么申诉", "单位不给交社保怎么办", "大学生村官考试啥时候", "退伍费发多少",
])
def test_subjects_next_to_the_documents_are_outside_it(question):
    answer = respond(question)
    assert answer.kind == "out_of_scope" and "12333" in answer.text


def test_what_the_text_says_next_to_a_subject_outside_it_is_answered():
    # the text states 郑州市失业保险金标准（1520元/月）; claiming the benefit is another matter
    assert "1520元/月" in respond("郑州失业保险金标准一个月是多少").text
    assert respond("疫情期间单位部分免了 厂里就不给交社保了 咋办").measures == ["一"]


def test_a_benefit_of_the_document_named_keeps_a_subject_word_from_sending_it_outside():
    answer = respond("稳岗返还按失业保险金标准算 一个月多少")
    assert answer.measures == ["一"] and "1520元/月" in answer.text


def test_whether_two_benefits_combine_is_said_where_the_text_says_it_and_flagged_where_not():
    answer = respond("创业担保贷款和一次性创业补贴能不能同时享受")
    assert set(answer.measures) == {"十一", "十四"} and "没有规定能否与其他政策同时享受" in answer.text
    answer = respond("稳岗返还和稳岗补贴能同时享受吗")
    assert "不与稳岗补贴同时享受" in answer.text and "没有规定能否" not in answer.text


def test_still_more_department_wordings():
    from language.qtype import question_type

    assert question_type("优化创业环境那条 政务服务中心和市场监管局都有份吗") == "department"
    assert question_type("返乡创业支持这条归哪两个部门") == "department"


def test_a_short_keyword_only_one_measures_text_has_names_it():
    ranking = [{"name": "ask_overview", "confidence": 0.6}, {"name": "ask_work_mechanism", "confidence": 0.2}]
    answer = respond("网上出了负面舆情 按文件该咋应对", {"intent": ranking[0], "intent_ranking": ranking})
    assert answer.measures == ["二十六"] and "舆情监测" in answer.text


def test_the_policy_term_of_an_everyday_expression_names_the_one_measure_whose_text_has_it():
    from language.decide import decide

    # 手机上看 → 政策宣传, a phrase of （二十） alone; 就业政策 alone would lead to the general part
    assert decide("能不能在手机上看这些就业政策 俺不想老往城里跑").best == "二十"


@pytest.mark.parametrize("question, shown", [
    ("总工会在劳动关系这条里有职责吗", "市总工会是本条的负责部门之一"),
    ("文广旅局在创业担保贷款这条里有责任吗", "本条没有列出市文广旅局"),
    ("拓宽就业渠道这条 民政局和农委负责吗", "市民政局、市农委都是本条的负责部门"),
])
def test_a_department_named_in_a_department_question_is_said_to_be_listed_or_not(question, shown):
    answer = respond(question)
    assert answer.qtype == "department" and shown in answer.text and "负责部门：" in answer.text


@pytest.mark.parametrize("question, kind, shown", [
    ("文件是由哪个办公室印发的", "document", "新密市人民政府办公室2020年5月6日印发"),
    ("4号文几号印发的", "document", "2020年5月6日"),
    ("这个文件在哪次会上通过的", "document", "第4次常务会议"),
    ("为啥要出这个政策文件", "document", "新冠肺炎疫情"),
    ("这份文件有效期多久", "document", "没有规定整体的有效期"),
])
def test_the_documents_issuer_meeting_reason_and_validity(question, kind, shown):
    answer = respond(question)
    assert answer.kind == kind and shown in answer.text


@pytest.mark.parametrize("question, number, shown", [
    ("单位那部分医保能不能晚点交 怕看病报不了", "一", "最长不超过6个月"),  # the deferral, not reimbursement
    ("公司研发投入报税时能多扣吗", "二", "研发费用加计扣除"),  # research costs, not tax filing
    ("我怕耽误考研 见习最长几个月", "八", "3至12个月"),  # the worry is no question about exams
    ("刚生完二胎 想拿自己住的房子注册个体户行不行", "九", "住宅、公寓"),  # the story is no question about births
])
def test_a_subject_word_in_the_askers_story_or_next_to_a_measures_subject_stays_in_scope(question, number, shown):
    answer = respond(question)
    assert answer.measures == [number] and shown in answer.text


@pytest.mark.parametrize("question", ["新生儿医保去哪办", "残疾证咋办理", "征地补偿标准是多少", "大病救助怎么申请"])
def test_more_near_subjects_are_outside(question):
    answer = respond(question)
    assert answer.kind == "out_of_scope" and "12333" in answer.text


@pytest.mark.parametrize("question, number, shown", [
    ("个体户想升级成公司 有啥扶持", "二", "转型升级为小微企业"),
    ("小公司借钱难 文件咋说", "三", "小微企业融资"),
    ("几户人想成立合作社 找哪个部门", "六", "市农委"),
    ("老厂子会不会关 文件咋说", "七", "传统优势产业转型升级"),
    ("有不要钱的技能培训吗", "十七", "百日免费线上技能培训行动"),
    ("上班以后低保会不会马上停", "二十一", "低保渐退"),
    ("补贴的钱都是从那出的", "二十四", "就业补助资金"),
    ("有没有网上的招聘会", "二十五", "线上线下"),
    ("就业援助兜底指的啥", "二十五", "兜牢底线"),
    ("送快递受了伤有保障没", "十五", "职业伤害保障"),
    ("政府补的社保到期了 还没找着稳定工作 还能再补不", "十五", "延长1年"),
    ("跟老板闹翻了 想找地方说理", "四", "仲裁"),
    ("招的人登记失业多长时间才算", "十二", "登记失业半年以上"),
])
def test_everyday_words_of_residents_stories_name_their_measure(question, number, shown):
    answer = respond(question)
    assert answer.measures == [number] and shown in answer.text


def test_what_a_subsidy_may_be_spent_on_and_an_unstated_standard_are_answered():
    assert "基本生活费" in respond("见习补贴能花在哪些地方").text
    assert "就业见习补贴标准" in respond("见习一个月补多少钱").text
    assert "没有规定考核结果的奖惩" in respond("乡镇考核不合格怎么处罚").text


def test_a_towns_transfer_target_asked_in_residents_words_is_read_from_the_annex():
    from policy_kb import annex

    answer = respond("大隗镇今年要让多少农村人转移出去")
    unit = annex.find_unit("大隗镇")
    assert answer.kind == "annex" and f"{annex.unit_targets(unit)['农村劳动力转移就业']}人" in answer.text


def test_a_part_of_the_document_asked_by_its_ordinal_is_its_heading_and_measures():
    answer = respond("文件第三部分讲的啥")
    assert answer.kind == "document" and "三、坚持多措并举" in answer.text and "（五）至（八）" in answer.text
    assert respond("第一部分是啥").kind == "document"


def test_whether_the_policies_still_hold_lists_each_time_limit_the_text_sets():
    answer = respond("这个政策文件现在还管用吗", context=Context(on=dt.date(2026, 12, 1)))
    assert answer.kind == "document" and "（十七）2020年3月21日至2020年6月30日" in answer.text
    assert "均已结束" in answer.text and {"一", "十五", "十七"} <= set(answer.measures)


def test_the_annexs_units_and_its_name():
    from policy_kb import annex

    answer = respond("分解表给几个乡镇分了任务")
    assert answer.kind == "annex" and f"{len(annex.units())}个" in answer.text and "矿区办事处" in answer.text
    answer = respond("附件叫啥名字")
    assert answer.kind == "document" and "城乡就业创业工作目标任务分解表" in answer.text


@pytest.mark.parametrize("question, shown", [
    ("医保缓缴以后啥时候补缴回去", "没有规定缓缴期满后的补缴时间"),
    ("急需紧缺工种目录里都有啥", "没有规定目录的具体内容"),
    ("示范性就业见习基地要啥条件才能评上", "没有规定示范基地的认定条件"),
])
def test_more_things_the_text_leaves_open_are_said_to_be(question, shown):
    assert shown in respond(question).text


def test_more_question_types():
    from language.qtype import question_type

    assert question_type("求职创业补贴向谁提申请") == "how_to_apply"
    assert question_type("订单少了不想裁员 政策建议可以咋办") != "how_to_apply"  # what to do, not how to apply
    assert question_type("零就业家庭帮扶有民政局的事吗") == "department"
    assert question_type("见习期能延长到两年吗") == "figure"


def test_a_term_one_or_two_measures_list_names_them_when_what_it_covers_is_asked():
    from language.decide import decide

    decision = decide("重点群体都包括哪些人")
    assert decision.status == "answer" and decision.best == "二十一"  # …城镇零就业家庭等重点群体


def test_administrative_approvals_and_a_later_years_benefit_are_outside():
    assert respond("企业环评手续咋办").kind == "out_of_scope"
    answer = respond("2021年还有稳岗返还吗")
    assert answer.kind == "out_of_scope" and answer.measures == ["一"] and "12333" in answer.text


def test_an_amount_the_clause_states_is_never_also_said_to_be_missing():
    # the lead title 完善求职创业补贴方式 names the benefit too; the figure is in the clause's own sentence
    answer = respond("求职创业补贴多少钱")
    assert "2000元" in answer.text and "没有写明" not in answer.text


def test_whether_two_benefits_combine_is_flagged_unless_the_text_rules_on_that_very_pair():
    assert "没有规定能否与其他政策同时享受" in respond("稳岗返还和医保缓缴两个能同时享受吗").text
    answer = respond("求职创业补贴和一次性创业补贴 我能两个都领吗")
    assert answer.text.count("没有规定能否与其他政策同时享受") == 1  # said once for both parts


@pytest.mark.parametrize("question, numbers, shown", [
    ("职业介绍补贴和求职创业补贴分别多少钱", ["十三", "十九"], ["300元/人", "2000元"]),  # not 创业补贴's （十四）
    ("一次性创业补贴和个人创贷分别能有多少", ["十四", "十一"], ["5000元", "30万元"]),
    ("省级示范见习基地和示范孵化基地 各多久评一次", ["八", "十"], ["每2年", "每年"]),
])
def test_two_benefits_each_asked_get_each_measures_figure(question, numbers, shown):
    answer = respond(question)
    assert sorted(answer.measures) == sorted(numbers) and all(s in answer.text for s in shown)


def test_both_rules_of_one_measure_asked_each_keep_their_sentences():
    answer = respond("个体经营减税和企业招人减税 标准分别是多少")
    assert "12000元" in answer.text and "6000元" in answer.text


def test_a_phrase_only_one_measures_text_has_and_a_named_measure_beat_the_general_part():
    from language.decide import decide

    assert decide("职工在岗培训补贴延期到哪天").best == "一"  # not （十五）'s extension of a social-insurance subsidy
    decision = decide("失业保险基金能拿来帮企业稳岗不")  # 失业保险基金 as a fund: （二十四）'s phrase, not （一）'s 稳岗
    assert decision.status == "answer" and decision.best == "二十四"
    ranking = [{"name": "ask_overview", "confidence": 0.64}, {"name": "ask_work_mechanism", "confidence": 0.23}]
    assert decide("碰到重大舆情 文件要求怎么应对", ranking).measures == ["二十六"]


@pytest.mark.parametrize("question", ["入职没签劳动合同 公司要赔双倍工资吗", "大学毕业生户口落到新密咋办手续"])
def test_labour_law_and_household_registration_are_outside(question):
    assert respond(question).kind == "out_of_scope"


def test_which_tax_policy_is_no_income_tax_question_and_a_later_years_relief_is_outside():
    assert respond("应届毕业生自己开店 就业创业证上要注明哪个税收政策").measures == ["十二"]  # 哪个税, not 个税
    assert respond("2021年社保单位缴费还继续减免吗").kind == "out_of_scope"
    assert "没有规定资金的规模" in respond("全民创业基金的规模有多大").text
    assert respond("创业担包贷款最多贷多少").measures == ["十一"]


@pytest.mark.parametrize("question, shown", [
    ("大隗镇那年要让多少农村的人转出去打工", "农村劳动力转移就业"),
    ("全市那年城里新安排上班的目标一共多少人", "新增城镇就业"),
    ("邮政储蓄银行分到多少担保借款任务", "邮储银行"),
    ("青屏街那年要帮多少找工作难的人上岗", "就业困难人员就业"),
    ("全市那年要教多少农村人学手艺", "农村劳动力技能培训"),
])
def test_annex_targets_asked_in_plain_words_are_read_from_the_annex(question, shown):
    answer = respond(question)
    assert answer.kind == "annex" and shown in answer.text


@pytest.mark.parametrize("question, number, shown", [
    ("刚毕业想开个小店 政府帮着担保借钱最多能借多少", "十一", "30万元"),
    ("医保往后拖着交的那几个月会不会加罚款", "一", "免收滞纳金"),
    ("煤矿钢厂关停以后下岗工人安置归谁管", "五", "过剩产能职工分流安置"),
    ("园区扶起一家公司的补贴最多补几年", "十", "最长不超过2年"),
    ("身体弱干不了重活的穷人政府怎么安排", "十六", "托底安置"),
    ("村里看林子的那种岗位是啥", "十六", "护林防火"),
    ("政府会不会来摸一摸复工企业缺多少人", "十九", "用工情况调查"),
    ("中介招人的那笔补贴归哪个部门发", "十九", "市人社局"),
    ("这些政策会发在微信上吗", "二十", "微信公众号"),
    ("政府说一定要守住的那条线是啥", "二十二", "规模性失业风险底线"),
    ("学技能提升有专门的一笔钱吗", "二十四", "技能提升专项资金"),
    ("遇到大的网上舆论风波 政府有啥应急的办法", "二十六", "应急处置机制"),
])
def test_plain_words_for_a_measures_own_term_name_it(question, number, shown):
    answer = respond(question)
    assert answer.measures == [number] and shown in answer.text


def test_the_askers_own_frailty_is_no_question_about_placing_the_frail_poor():
    assert respond("俺身体不好干不了重活 家里日子过不下去 文件里咋说的").measures != ["十六"]

"""Reading a reply to one screening question: never a wrong yes."""

from __future__ import annotations

import datetime as dt

import pytest

from language.numbers import graduation_year, quantities
from language.replies import DEFINITIONS, Reply, options, parse_reply, term_answer
from policy_kb.document import measure
from policy_kb.facts import FACTS

TODAY = dt.date(2026, 12, 1)
BOOLS = [name for name, f in FACTS.items() if f.type == "bool" and name != "is_college_graduate"]


def read(name: str, text: str) -> Reply:
    return parse_reply(name, text, TODAY)


def value(name: str, text: str):
    reply = read(name, text)
    assert reply.kind == "value", (name, text, reply)
    return reply.value


# --- questions back ------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "term"), [
    ("就业困难人员指的是哪些人", "就业困难人员"),
    ("啥叫灵活就业", "灵活就业"),
    ("什么意思", None),
    ("这个是啥", None),
    ("要怎么认定？", None),
    ("建档立卡是什么", "建档立卡"),
    ("低保户算吗", "低保"),
    ("零就业家庭怎么算", "零就业家庭"),
    ("高校毕业生包括技师学院吗？", "高校毕业生"),
    ("毕业年度是指哪一年", "毕业年度"),
    ("失业登记在哪办", "失业登记"),
    ("就业创业证是啥东西", "就业创业证"),
    ("小微企业的标准是什么", "小微企业"),
    ("高新技术企业怎么认定", "高新技术企业"),
    ("见习基地是什么意思", "见习基地"),
    ("孵化基地指哪些", "孵化基地"),
    ("是吗", None),
    ("是不是就业困难人员啊", "就业困难人员"),
    ("这个有啥用呢", None),
    ("?", None),
])
def test_a_question_about_the_term_is_never_taken_as_yes(text, term):
    for name in ("is_hard_to_employ", "flexible_employed", "hardship_type", "is_college_graduate", "age"):
        reply = read(name, text)
        assert reply.kind == "term_question", (name, text, reply)
        assert reply.term == term
        assert reply.value is None


@pytest.mark.parametrize(("text", "term"), [("不知道什么意思", None), ("不清楚低保指的是什么", "低保"),
                                           ("不懂啥叫就业困难人员", "就业困难人员")])
def test_not_knowing_what_a_word_means_is_a_question_about_it_not_dont_know(text, term):
    assert read("hardship_type", text) == Reply("term_question", term=term)


# --- yes and no, tied to the meaning of the fact -------------------------------------------------
@pytest.mark.parametrize("text", ["是", "是的", "对", "对的", "嗯", "嗯嗯", "有", "中", "中中", "中啊", "中嘞",
                                  "可以", "没错", "是是是", "对呀", "是啊是啊", "嗯呢", "yes"])
def test_a_plain_yes_is_yes_for_every_yes_no_fact(text):
    for name in BOOLS:
        assert value(name, text) is True, (name, text)


@pytest.mark.parametrize("text", ["不是", "没有", "没", "否", "不", "还没", "未", "不是不是", "没有没有", "还没呢", "不对",
                                  "no"])
def test_a_plain_no_is_no_for_every_yes_no_fact(text):
    for name in BOOLS:
        assert value(name, text) is False, (name, text)


def test_a_henan_no_is_no():
    assert value("is_employed", "不中") is False


def test_a_yes_about_a_family_member_is_no_yes():
    assert read("is_hard_to_employ", "是，不过是我爸") == Reply("not_understood")


@pytest.mark.parametrize("name", BOOLS)
def test_every_yes_no_button_reads_back(name):
    assert [read(name, o) for o in options(name)] == [Reply("value", True), Reply("value", False), Reply("dont_know")]


def test_some_of_them_is_not_all_of_them():
    assert value("is_hard_to_employ", "有的") is True
    assert value("new_hires_contract_1y", "有的") is False  # 有的 = only some of the new hires
    assert value("hires_contract_and_insurance", "有些签了") is False


@pytest.mark.parametrize("text", ["中专", "中职", "中技", "中型", "中间", "中国", "是我", "有点", "对面", "签字"])
def test_words_that_start_like_yes_are_never_yes(text):
    for name in BOOLS:
        assert read(name, text).value is not True, (name, text)


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("is_employed", "已经离职了", False),
    ("is_employed", "辞职了", False),
    ("is_employed", "失业了", False),
    ("is_employed", "待业在家", False),
    ("is_employed", "在家带孩子", False),
    ("is_employed", "没上班", False),
    ("is_employed", "辞了", False),
    ("is_employed", "还没找到工作", False),
    ("is_employed", "嗯，没上班", False),
    ("is_employed", "在上班", True),
    ("is_employed", "有工作", True),
    ("is_employed", "上着班呢", True),
    ("is_employed", "没离职", True),
    ("is_student", "已经毕业了", False),
    ("is_student", "毕业了", False),
    ("is_student", "还没毕业", True),
    ("is_student", "快毕业了", True),
    ("is_student", "在读", True),
    ("is_student", "大三", True),
    ("is_student", "不是学生了", False),
    ("seeking_work", "不是不想找", True),
    ("seeking_work", "在找", True),
    ("seeking_work", "在投简历", True),
    ("seeking_work", "想创业", True),
    ("seeking_work", "不想找", False),
    ("seeking_work", "不找", False),
    ("seeking_work", "准备考研", False),
    ("is_returning_migrant_worker", "去年从广东打工回来的", True),
    ("is_returning_migrant_worker", "不是农民工", False),
    ("is_returning_migrant_worker", "一直在本地", False),
    ("is_hard_to_employ", "认定过了", True),
    ("is_hard_to_employ", "没认定", False),
    ("is_poverty_registered", "是贫困户", True),
    ("is_poverty_registered", "不是建档立卡", False),
    ("is_registered_unemployed", "登记了", True),
    ("is_registered_unemployed", "失业了但没登记", False),
    ("has_employment_certificate", "有证", True),
    ("has_employment_certificate", "没办过", False),
    ("flexible_employed", "打零工，也申报了", True),
    ("flexible_employed", "打零工，没申报", False),
    ("flexible_employed", "全职上班", False),
    ("pays_social_insurance_individually", "自己交", True),
    ("pays_social_insurance_individually", "单位给交", False),
    ("pays_social_insurance_individually", "没交社保", False),
    ("pays_social_insurance_individually", "交不起", False),
    ("is_laid_off", "下岗了", True),
    ("living_difficulty", "挺难的", True),
    ("living_difficulty", "还可以", False),
    ("living_difficulty", "不困难", False),
    ("zero_employment_family", "家里都没工作", True),
    ("zero_employment_family", "我老公在上班", False),
    ("new_hires_contract_1y", "都签了", True),
    ("new_hires_contract_1y", "签了半年的", False),
    ("new_hires_contract_1y", "有的没签", False),
    ("hires_contract_and_insurance", "签了合同，也交了社保", True),
    ("hires_contract_and_insurance", "合同签了，社保没交", False),
    ("affected_by_epidemic", "影响不大", False),
    ("affected_by_epidemic", "订单少了一半", True),
    ("receives_stable_job_subsidy", "领过", True),
    ("receives_stable_job_subsidy", "没领过", False),
    ("is_high_tech", "是高新企业", True),
    ("is_incubator", "是郑州市级孵化基地", True),
    ("is_incubator", "是孵化基地，不过是新密市级的", False),
    ("is_employment_agency", "我们是职业中介", True),
    ("is_first_business", "第一次", True),
    ("is_first_business", "之前没开过", True),
    ("is_first_business", "以前开过一个店", False),
    ("is_first_business", "第二次了", False),
    ("is_employment_agency", "是人力资源公司", True),
    ("has_employment_certificate", "有就业创业证，但没注明", False),
    ("new_hires_contract_1y", "签了18个月", True),
    ("new_hires_contract_1y", "签了三个月", False),
    ("living_difficulty", "没什么困难", False),
    ("affected_by_epidemic", "没什么影响", False),
    ("seeking_work", "不用找了", False),
    ("is_registered_unemployed", "还没有登记", False),
    ("receives_stable_job_subsidy", "领了", True),
])
def test_a_yes_no_reply_is_read_for_the_meaning_of_the_fact_asked(name, text, expected):
    assert value(name, text) is expected


@pytest.mark.parametrize(("name", "text"), [
    ("is_employed", "是，刚离职"),  # contradicts itself
    ("is_employed", "已经毕业了"),  # says nothing about a job
    ("is_employed", "在上学"),
    ("is_student", "应届毕业生"),  # before or after the summer?
    ("seeking_work", "找到了"),
    ("flexible_employed", "打零工"),  # 申报就业 not said
    ("hires_contract_and_insurance", "签了合同"),  # 社保 not said
    ("is_hard_to_employ", "就业困难人员"),
    ("is_hard_to_employ", "正在认定"),
    ("is_hard_to_employ", "我挺困难的"),
    ("is_poverty_registered", "脱贫户"),
    ("is_incubator", "是众创空间"),
    ("is_high_tech", "正在申请"),
    ("is_high_tech", "在高新区"),  # a location, not the 高新技术企业 recognition
    ("is_employed", "准备下个月上班"),
    ("is_employed", "打工回来了"),
    ("is_student", "我儿子在上学"),  # someone else
    ("is_employed", "我老公在上班"),
    ("is_registered_unemployed", "办了营业执照"),
    ("is_registered_unemployed", "工商登记了"),
    ("hosts_interns", "招了几个工人"),
    ("is_employment_agency", "人力资源部的"),
    ("is_employment_agency", "房产中介"),
    ("is_poverty_registered", "以前是贫困户"),  # the question asks about now
    ("is_employed", "去年还在上班"),
    ("pays_social_insurance_individually", "以前交过"),
    ("is_returning_migrant_worker", "想回来创业"),
    ("is_returning_migrant_worker", "还没回来"),
])
def test_a_reply_that_does_not_settle_the_question_is_not_understood(name, text):
    assert read(name, text) == Reply("not_understood")


# --- hedges and "don't know" ---------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("应该是吧", True), ("好像是", True), ("可能是", True), ("大概是", True), ("是吧", True), ("中吧", True),
    ("大概不是", False), ("好像不是", False), ("应该没有", False), ("估计不是", False),
])
def test_a_hedged_answer_is_a_value_marked_unsure(text, expected):
    reply = read("is_registered_unemployed", text)
    assert reply == Reply("value", expected, hedged=True)


def test_a_sure_answer_is_not_marked_unsure():
    assert read("is_registered_unemployed", "是") == Reply("value", True)
    assert read("is_registered_unemployed", "不可能") == Reply("value", False)


@pytest.mark.parametrize("text", ["不知道", "不清楚", "不确定", "说不好", "忘了", "记不清了", "不太清楚", "这个我不晓得",
                                  "不记得了", "不知道啊", "难说", "不太确定"])
def test_not_knowing_is_dont_know_for_every_fact(text):
    for name in FACTS:
        assert read(name, text) == Reply("dont_know"), (name, text)


# --- the school category -------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("普通高校", True), ("大专", True), ("专科", True), ("本科", True), ("研究生", True), ("硕士", True), ("博士", True),
    ("大学", True), ("本科毕业", True), ("郑州大学毕业的", True), ("高职", True), ("技师学院高级工班", True),
    ("预备技师班", True), ("特殊教育院校职业教育类", True), ("大三", True), ("在读研究生", True),
    ("中专", False), ("中职", False), ("中技", False), ("职高", False), ("技校", False), ("高中", False),
    ("初中", False), ("小学", False), ("高三", False), ("中等职业学校", False), ("没上过学", False), ("高中毕业", False), ("不是大专，是中专", False),
    ("是", True), ("不是", False),
])
def test_the_graduate_question_is_read_as_a_school_category(text, expected):
    assert value("is_college_graduate", text) is expected


@pytest.mark.parametrize("text", ["技师学院", "还在上学", "在读", "已经毕业了", "大学没毕业", "中", "不是大专", "学院",
                                  "自考本科", "成人本科", "没考上大学", "大专没读完"])
def test_a_school_reply_without_a_level_is_not_understood(text):
    assert read("is_college_graduate", text) == Reply("not_understood")


def test_every_school_button_reads_back_as_a_value():
    expected = [True, True, True, False, False]
    assert [value("is_college_graduate", o) for o in options("is_college_graduate")] == expected


# --- numbers -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("我23", 23), ("23", 23), ("二十三岁", 23), ("23周岁", 23), ("２３岁", 23), ("今年40了，孩子18", 40),
    ("我今年三十五", 35), ("我儿子18，我45岁", 45),
])
def test_an_age_is_the_number_for_the_person_asked(text, expected):
    assert value("age", text) == expected


@pytest.mark.parametrize("text", ["200岁", "5岁", "二十多岁", "快30了", "30出头", "不到25", "十七八岁", "20到25岁", "98年的", "我儿子18", "几十岁",
                                  "2000元"])
def test_an_age_that_is_out_of_range_vague_or_someone_elses_is_not_understood(text):
    assert read("age", text) == Reply("not_understood")


@pytest.mark.parametrize(("name", "text", "expected", "hedged"), [
    ("staff_count", "50人", 50, False),
    ("staff_count", "共有五十个员工", 50, False),
    ("new_hires_12m", "50来个", 50, True),
    ("new_hires_12m", "50多人", 50, True),
    ("new_hires_12m", "招了十几个", 10, True),
    ("new_hires_12m", "没有", 0, False),
    ("hires_hard_to_employ", "没有啊", 0, False),
    ("placements_1y_contract", "没人", 0, False),
    ("hires_graduates", "一个都没招", 0, False),
    ("hires_graduates", "一个也没有", 0, False),
    ("new_hires_12m", "至少5个", 5, True),
    ("new_hires_12m", "一共招了8个人", 8, False),
    ("insured_staff_dec_2019", "120名", 120, False),
    ("incubated_firms_qualifying", "3户", 3, False),
    ("staff_count", "大概50人", 50, True),
])
def test_a_count_is_the_number_of_people_in_the_reply(name, text, expected, hedged):
    assert read(name, text) == Reply("value", expected, hedged=hedged)


@pytest.mark.parametrize(("name", "text"), [
    ("staff_count", "300万"), ("staff_count", "营业额300万元"), ("new_hires_12m", "5000元"), ("hires_graduates", "3万"),
    ("staff_count", "二三十个人"), ("staff_count", "20到30人"), ("new_hires_12m", "几十个"), ("staff_count", "两三个"),
    ("staff_count", "50多人"),  # a lower bound on the denominator would overstate the 20% hiring ratio (十一)
    ("staff_count", "开了3年"), ("incubated_firms_qualifying", "10人"),
    ("staff_count", "不是"), ("staff_count", "不到50人"), ("staff_count", "100人以上"), ("new_hires_12m", "没有50人"), ("new_hires_12m", "将近20个"),
])
def test_an_amount_a_range_or_a_vague_number_never_fills_a_head_count(name, text):
    assert read(name, text) == Reply("not_understood")


@pytest.mark.parametrize(("text", "expected", "hedged"), [
    ("1", 1, False), ("2年", 2, False), ("一年以上", 1, True), ("开了3年", 3, False), ("半年", 0.5, False), ("18个月", 1.5, False), ("三年半", 3.5, False),
    ("一年半", 1.5, False), ("两年三个月", 2.25, False), ("一年多", 1, True), ("六个月", 0.5, False),
    ("还没开业", 0, False), ("0.5", 0.5, False),
])
def test_operating_years_are_read_in_years(text, expected, hedged):
    assert read("business_operating_years", text) == Reply("value", expected, hedged=hedged)


def test_three_years_and_more_is_not_taken_as_three_inside_the_three_year_tax_window():
    assert read("business_operating_years", "3年多") == Reply("not_understood")
    assert read("business_operating_years", "2年多") == Reply("value", 2, hedged=True)


@pytest.mark.parametrize(("text", "expected"), [("还有5年", 5), ("4年多", 4), ("十年", 10)])
def test_years_to_retirement(text, expected):
    assert value("years_to_retirement", text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("2024", 2024), ("２０２４", 2024), ("2024年", 2024), ("24年", 2024), ("24届", 2024), ("二〇二四年", 2024),
    ("今年", 2026), ("今年夏天", 2026), ("去年", 2025), ("前年", 2024), ("大前年", 2023), ("明年毕业", 2027),
    ("毕业两年了", 2024), ("3年前毕业的", 2023), ("应届", 2026), ("98年毕业", 1998), ("2032", 2032), ("1950", 1950),
    ("2024年7月", 2024),
])
def test_a_graduation_year_is_absolute_or_relative_to_today(text, expected):
    assert value("graduation_year", text) == expected


@pytest.mark.parametrize("text", ["1949", "2033", "刚毕业", "毕业一年多了", "2024或2025", "还没毕业", "大三", "很久了", "123"])
def test_a_vague_or_impossible_graduation_year_is_not_understood(text):
    assert read("graduation_year", text) == Reply("not_understood")


# --- closed choices ------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "text", "expected"), [
    ("hardship_type", "低保户", "低保家庭"), ("hardship_type", "吃低保", "低保家庭"),
    ("hardship_type", "贫困户", "建档立卡贫困家庭"), ("hardship_type", "建档立卡", "建档立卡贫困家庭"),
    ("hardship_type", "贫困残疾人家庭", "贫困残疾人家庭"), ("hardship_type", "我本人残疾", "残疾"),
    ("hardship_type", "有国家助学贷款", "获得国家助学贷款"), ("hardship_type", "特困", "特困人员"),
    ("hardship_type", "都不是", "都不是"), ("hardship_type", "没有", "都不是"), ("hardship_type", "普通家庭", "都不是"),
    ("hardship_type", "不是低保，是贫困户", "建档立卡贫困家庭"),
    ("business_form", "开网店", "个体经营"), ("business_form", "开饭馆", "个体经营"), ("business_form", "个体户", "个体经营"),
    ("business_form", "和朋友合伙", "合伙创业"), ("business_form", "和朋友合伙开饭馆", "合伙创业"),
    ("business_form", "注册了个公司", "创办企业"), ("business_form", "还没创业", "还没有创业"),
    ("business_form", "开了个公司", "创办企业"), ("business_form", "没有", "还没有创业"),
    ("enterprise_size", "小微", "小型企业"), ("enterprise_size", "小企业", "小型企业"), ("enterprise_size", "微型", "微型企业"),
    ("enterprise_size", "中型企业", "中型企业"), ("enterprise_size", "个体户", "个体工商户"),
    ("enterprise_size", "自收自支的事业单位", "自收自支事业单位"),
    ("internship_base_level", "省级", "省级"), ("internship_base_level", "国家级示范基地", "国家级"),
    ("internship_base_level", "没评上", "都不是"), ("incubator_base_level", "不是国家级，是省级", "省级"),
    ("applicant_type", "个人", "个人"), ("applicant_type", "我自己", "个人"), ("applicant_type", "我", "个人"),
    ("applicant_type", "公司", "企业"), ("applicant_type", "替单位问的", "企业"),
])
def test_a_choice_is_the_value_named_or_a_clear_synonym(name, text, expected):
    assert value(name, text) == expected


@pytest.mark.parametrize(("name", "text"), [
    ("hardship_type", "不是低保"), ("hardship_type", "没吃低保"), ("hardship_type", "低保边缘户"),
    ("hardship_type", "家里有残疾人"), ("hardship_type", "脱贫户"), ("hardship_type", "低保和特困都是"),
    ("business_form", "不是个体户"), ("business_form", "在公司上班"), ("business_form", "在饭店打工"), ("enterprise_size", "小微企业，算微型"), ("enterprise_size", "事业单位"),
    ("enterprise_size", "不是小企业"), ("applicant_type", "我自己开的公司"), ("internship_base_level", "不是省级"),
])
def test_a_negated_or_mixed_mention_never_chooses_a_value(name, text):
    assert read(name, text) == Reply("not_understood")


# --- nonsense ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["", "   ", "asdf", "😀😀", "。。。", "啊" * 500, "好的", "谢谢", None])
def test_nonsense_and_empty_replies_are_not_understood_for_every_fact(text):
    for name in FACTS:
        assert read(name, text) == Reply("not_understood"), (name, text)


def test_an_unknown_fact_is_an_error():
    with pytest.raises(ValueError):
        read("shoe_size", "42")


# --- term answers, options, hints ----------------------------------------------------------------
def test_every_definition_quoted_is_the_documents_own_text():
    for term, (number, quotes, _) in DEFINITIONS.items():
        for quote in quotes:
            assert quote in measure(number).text, term
            assert quote in term_answer(term)


def test_the_graduate_definition_is_quoted_from_measure_eight():
    answer = term_answer("高校毕业生")
    assert "（八）" in answer and "含技师学院高级工班、预备技师班和特殊教育院校职业教育类毕业生" in answer


def test_flexible_employment_forms_are_quoted_from_measure_fifteen():
    answer = term_answer("灵活就业")
    assert "（十五）" in answer and "临时性、非全日制、季节性、弹性工作等形式" in answer


@pytest.mark.parametrize("term", ["就业困难人员", "低保", "零就业家庭", "建档立卡", "小微企业", "高新技术企业", "毕业年度"])
def test_a_term_the_document_leaves_to_higher_rules_is_referred_not_defined(term):
    answer = term_answer(term)
    assert answer.startswith("本文件没有规定") and "按上级规定认定" in answer and "12333" in answer
    assert "“" not in answer  # nothing quoted as if it were the document's definition


def test_the_hard_to_employ_answer_is_the_plain_referral():
    assert term_answer("就业困难人员") == "本文件没有规定谁算就业困难人员，按上级规定认定，请向市人社局（电话12333）确认。"


@pytest.mark.parametrize("term", ["技师学院", "高级工班", "预备技师班", "特殊教育院校"])
def test_a_school_word_is_answered_with_the_graduate_definition(term):
    assert term_answer(term) == term_answer("高校毕业生")


def test_a_programme_word_points_to_the_measures_that_mention_it():
    answer = term_answer("创业担保贷款")
    assert answer.startswith("本文件没有规定什么算创业担保贷款") and "（十一）" in answer


def test_a_term_question_without_a_term_asks_which_term():
    assert "哪个" in term_answer(None)


def test_options_are_the_values_or_yes_no_dont_know():
    assert options("is_employed") == ["是", "否", "不知道"]
    assert options("hardship_type") == list(FACTS["hardship_type"].values)
    assert options("age") == []
    assert "中专、职高、技校" in options("is_college_graduate")


@pytest.mark.parametrize("name", list(FACTS))
def test_every_enum_button_reads_back_as_itself(name):
    if FACTS[name].type == "enum":
        for choice in options(name):
            assert value(name, choice) == choice


def test_hints_say_what_kind_of_answer_is_wanted():
    from language.replies import hint

    assert "“是”或“否”" in hint("is_employed")
    assert "年份" in hint("graduation_year") and "2024" in hint("graduation_year")
    assert hint("hardship_type").startswith("请从下面选一项：") and "低保家庭" in hint("hardship_type")
    assert "中专、职高、技校" in hint("is_college_graduate")
    assert all(hint(name) for name in FACTS)


# --- the number helpers --------------------------------------------------------------------------
def test_quantities_carry_their_unit_and_kind():
    assert [(q.value, q.unit, q.kind) for q in quantities("50多人")] == [(50, "人", "more")]
    assert [(q.unit, q.kind) for q in quantities("二三十个人")] == [("个人", "range")]
    assert [q.unit for q in quantities("300万")] == ["万"]
    assert quantities("我一直在家") == []


def test_graduation_year_refuses_two_years():
    assert graduation_year("2024年还是2025年", TODAY) is None

"""Plain-Chinese answers: each cites its measure, states only figures policy_kb holds, and refers to 12333."""

from __future__ import annotations

import datetime as dt

import pytest

from language import answers
from language import qtype as Q
from language.compose import measure_reply
from policy_kb.document import NUMERALS, measure

TODAY = dt.date.today()


@pytest.mark.parametrize("number", NUMERALS)
def test_every_measure_answer_cites_its_measure_once_with_the_2020_note_and_12333_once(number):
    text = measure_reply(number)
    assert text.count(f"新密政〔2020〕4号（{number}）") == 1 and measure(number).title in text
    assert text.count("12333") == 1 and "2020年文件" in text
    assert f"{measure(number).title}{measure(number).title}" not in text  # no label doubled


@pytest.mark.parametrize(
    ("number", "query", "kind", "figures"),
    [
        ("十三", "能领多少钱", Q.AMOUNT, ["2000元"]),
        ("十一", "合伙创业和小微企业各能贷多少", Q.AMOUNT, ["200万元", "300万元"]),
        ("一", "稳岗返还按什么标准算", Q.AMOUNT, ["1520元/月", "6个月", "2019年12月"]),
        ("十四", "一次性创业补贴多少钱", Q.AMOUNT, ["5000元"]),
        ("十二", "个体经营每年扣减多少税", Q.AMOUNT, ["12000元"]),
        ("十九", "职业介绍补贴每人多少", Q.AMOUNT, ["300元/人"]),
        ("八", "见习期多长", Q.FIGURE, ["3至12个月"]),
    ],
)
def test_an_answer_carries_the_sentence_with_the_figure_asked_for(number, query, kind, figures):
    text = measure_reply(number, query, kind)
    for figure in figures:
        assert figure in text, (number, figure)


def test_an_amount_question_about_a_measure_without_amounts_says_the_text_gives_none():
    assert "本条没有写明您问的具体金额或数字标准" in measure_reply("四", "待岗工资发多少", Q.AMOUNT)


def test_the_answer_on_measure_one_says_its_2020_windows_have_ended():
    text = measure_reply("一", "这一条到什么时候截止", Q.DEADLINE, on=TODAY)
    assert "已结束" in text and "仍在实施期内" not in text
    assert "2020年2月1日至2020年6月30日" in text and "截至2020年12月31日" in text


def test_inside_2020_the_same_windows_were_still_open():
    text = measure_reply("一", "社保减免到什么时候", Q.DEADLINE, on=dt.date(2020, 5, 1))
    assert "仍在实施期内" in text and "已结束" not in text


def test_a_measure_without_departments_says_who_carries_it_out():
    assert "本条未列明责任部门" in measure_reply("二十三", "谁负责", Q.DEPARTMENT)


def test_a_department_question_names_the_measures_departments():
    assert "负责部门：市人社局、市教体局、市民政局、市财政局、市扶贫办、市残联" in \
        measure_reply("十三", "找哪个部门", Q.DEPARTMENT)


def test_the_deadline_answer_separates_dated_and_undated_measures():
    assert "已结束" in measure_reply("十五", "期满延长到什么时候", Q.DEADLINE, on=TODAY)
    assert "没有规定单独的实施期限" in measure_reply("十三", "截止到什么时候", Q.DEADLINE)


def test_how_to_apply_for_the_job_seeking_subsidy_goes_through_the_school():
    text = measure_reply("十三", "怎么申请", Q.HOW)
    assert "一次性求职创业补贴" in text and "学籍注册" in text
    assert "没有规定个人或企业直接申领" in measure_reply("二十五", "怎么申请", Q.HOW)


def test_the_full_text_is_the_clause_with_its_citation():
    text = measure_reply("十三", kind=Q.FULL_TEXT)
    assert text.startswith(measure("十三").text) and "新密政〔2020〕4号（十三）" in text


def test_the_overview_lists_the_26_measures():
    text = answers.overview()
    assert "共26条措施" in text
    assert all(f"（{n}）" in text for n in NUMERALS)


# --- the annex ----------------------------------------------------------------------------------------

def test_one_units_targets_are_listed_with_their_units_of_measure():
    text = answers.annex_answer("曲梁镇的目标任务是多少")
    assert text.startswith("曲梁镇政府2020年目标任务：")
    assert "农村劳动力转移就业880人" in text and "创业担保贷款400万元" in text
    assert "附件《新密市2020年城乡就业创业工作目标任务分解表》" in text and "12333" in text


def test_one_units_one_indicator():
    assert "尖山风景区管委2020年“创业担保贷款”目标任务：100万元。" in answers.annex_answer("尖山的创业贷款任务")


def test_a_cell_without_a_task_is_answered_as_no_task_not_zero():
    text = answers.annex_answer("矿区返乡下乡创业任务")
    assert "矿区办事处2020年“返乡下乡创业”目标任务：表中该栏为空，附件没有列出此项任务。" in text
    assert "0人" not in text


def test_an_indicator_across_units_lists_every_unit_and_the_total():
    text = answers.annex_answer("创业担保贷款各乡镇任务")
    assert "袁庄乡政府260万元" in text and "矿区办事处80万元" in text
    assert "全市合计5900万元" in text


def test_the_most_names_every_unit_sharing_it_and_the_units_without_the_task():
    text = answers.annex_answer("农村劳动力转移就业哪个乡镇最多")
    assert "任务最多的是曲梁镇政府、超化镇政府（880人）" in text
    assert "新华路办事处、青屏街办事处、西大街办事处、矿区办事处没有此项任务" in text


def test_the_least_is_found_among_units_with_the_task():
    assert "任务最少的是尖山风景区管委（40人）" in answers.annex_answer("转移就业最少的是哪个")


def test_the_city_totals():
    text = answers.annex_answer("全市合计多少")
    assert "新增城镇就业6000人" in text and "创业担保贷款5900万元" in text and "三单联动技能培训3000人" in text


def test_the_banks_tasks_and_one_banks_task():
    text = answers.annex_answer("各承贷银行的任务")
    assert "邮储银行3000万元" in text and "中原银行200万元" in text and "合计5900万元" in text
    assert "2020年创业担保贷款任务：邮储银行3000万元" in answers.annex_answer("邮储银行任务多少")


def test_an_annex_question_naming_nothing_explains_what_can_be_asked():
    text = answers.annex_answer("目标任务表")
    assert "18个乡镇" in text and "10项目标任务" in text


def test_a_citywide_question_about_one_indicator_gets_its_total_first():
    from language.respond import respond

    answer = respond("全市一共要完成多少农村劳动力转移就业")
    assert answer.kind == "annex" and "全市合计7500人" in answer.text and "曲梁镇政府" not in answer.text


def test_a_part_of_indicator_names_finds_the_indicators_that_hold_it():
    from language.respond import respond

    answer = respond("新华路办事处技能培训任务")
    assert "失业人员就业技能培训140人" in answer.text and "三单联动技能培训150人" in answer.text
    assert "新增城镇就业" not in answer.text
    assert "三单联动技能培训" in respond("技能培训各乡镇任务").text


def test_two_units_compared_get_the_indicators_they_differ_in():
    from language.answers import annex_answer

    text = annex_answer("新华路和青屏街的任务哪项不一样")
    assert "创业担保贷款（新华路办事处500万元，青屏街办事处650万元）" in text and "新增城镇就业（" not in text


def test_a_group_of_units_summed_gets_each_value_and_the_sum():
    from language.respond import respond

    answer = respond("四个街道的新增城镇就业任务加起来是多少")
    assert answer.kind == "annex" and "合计4660人" in answer.text and "矿区办事处800人" in answer.text

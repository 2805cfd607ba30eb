"""附件《新密市2020年城乡就业创业工作目标任务分解表》: 18 units x 10 indicators, 合计 and the banks."""

from __future__ import annotations

import pytest

from policy_kb import annex
from policy_kb.annex import INDICATORS

STREET_OFFICES = ["新华路办事处", "青屏街办事处", "西大街办事处", "矿区办事处"]

# The last four rows as the table must read once their numbers are back in their columns (None = no task).
REBUILT = {
    "新华路办事处": [1480, 200, 170, None, 500, 140, None, None, 70, 150],
    "青屏街办事处": [1480, 200, 170, None, 650, 140, None, None, 70, 150],
    "西大街办事处": [900, 100, 60, None, 400, 120, None, None, 65, 150],
    "矿区办事处": [800, 100, 60, None, 80, 120, None, None, None, 150],
}


def test_the_table_has_18_units_with_10_indicators_each():
    table = annex.table()
    assert len(table) == 18
    for unit, row in table.items():
        assert list(row) == list(INDICATORS), unit
    assert annex.units()[0] == "袁庄乡政府"
    assert annex.units()[-4:] == STREET_OFFICES


def test_the_extraction_gives_14_full_rows_and_4_rows_that_lost_their_empty_cells():
    total, rows, _ = annex._raw()
    assert len(total) == len(INDICATORS)
    short = [unit for unit, numbers in rows.items() if len(numbers) < len(INDICATORS)]
    assert short == STREET_OFFICES
    assert "尖山风景区管委" in rows  # the unit name that wraps over two lines


@pytest.mark.parametrize("indicator", INDICATORS)
def test_every_column_adds_up_to_its_total(indicator):
    values = annex.indicator_across_units(indicator).values()
    assert sum(v for v in values if v is not None) == annex.totals()[indicator]


def test_the_totals_row_is_the_one_the_table_prints():
    assert list(annex.totals().values()) == [6000, 800, 650, 7500, 5900, 2000, 5000, 400, 750, 3000]


@pytest.mark.parametrize("unit", STREET_OFFICES)
def test_the_street_offices_have_no_task_exactly_where_the_rebuild_puts_it(unit):
    assert list(annex.unit_targets(unit).values()) == REBUILT[unit]


def test_no_task_is_never_written_as_zero():
    for unit, row in annex.table().items():
        assert 0 not in row.values(), unit


def test_the_fourteen_towns_have_a_task_for_every_indicator():
    for unit in annex.units()[:14]:
        assert None not in annex.unit_targets(unit).values(), unit


def _short_rows() -> tuple[list[int], dict[str, list[int]]]:
    """The table as the extraction gave it: each row's numbers in order, empty cells dropped."""
    rows = {unit: [v for v in row.values() if v is not None] for unit, row in annex.table().items()}
    return list(annex.totals().values()), rows


def test_the_rebuild_of_the_short_rows_is_the_only_placement_that_sums():
    total, rows = _short_rows()
    rebuilt = annex.rebuild_rows(total, rows)
    assert {unit: rebuilt[unit] for unit in STREET_OFFICES} == REBUILT


def test_a_tampered_total_cannot_be_rebuilt_and_raises():
    total, rows = _short_rows()
    total[annex.INDICATORS.index("农村劳动力转移就业")] += 1
    with pytest.raises(ValueError, match="cannot be rebuilt uniquely"):
        annex.rebuild_rows(total, rows)


def test_an_ambiguous_placement_raises_rather_than_guessing():
    total = [5, 5] + [0] * (len(INDICATORS) - 2)
    with pytest.raises(ValueError, match="2 placements"):
        annex.rebuild_rows(total, {"甲": [5], "乙": [5]})


def test_the_six_bank_tasks_add_up_to_the_startup_loan_total():
    banks = annex.banks()
    assert [(b.name, b.task_wan_yuan) for b in banks] == [
        ("邮储银行", 3000), ("村镇银行", 1000), ("农商银行", 1000), ("农业银行", 500), ("中国银行", 200), ("中原银行", 200),
    ]
    assert sum(b.task_wan_yuan for b in banks) == annex.totals()["创业担保贷款"]
    assert annex.unit_of_measure("创业担保贷款") == "万元"
    assert annex.unit_of_measure("新增城镇就业") == "人"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("曲梁", "曲梁镇政府"),
        ("曲梁镇", "曲梁镇政府"),
        ("曲梁镇政府", "曲梁镇政府"),
        ("尖山", "尖山风景区管委"),
        ("尖山风景区", "尖山风景区管委"),
        ("尖山风景区管委", "尖山风景区管委"),
        ("矿区", "矿区办事处"),
        ("青屏街道", "青屏街办事处"),
        ("青屏街", "青屏街办事处"),
        ("新华路街道办", "新华路办事处"),
        ("袁庄乡", "袁庄乡政府"),
        ("曲梁镇今年新增就业任务是多少", "曲梁镇政府"),
    ],
)
def test_units_are_found_by_their_loose_names(text, unit):
    assert annex.find_unit(text) == unit


def test_a_place_not_in_the_table_is_no_unit():
    assert annex.find_unit("郑州市") is None
    assert annex.find_unit("") is None


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("转移就业", "农村劳动力转移就业"),
        ("创业贷款任务", "创业担保贷款"),
        ("三单联动", "三单联动技能培训"),
        ("返乡下乡创业", "返乡下乡创业"),
        ("新增就业", "新增城镇就业"),
    ],
)
def test_indicators_are_found_by_the_words_users_type(text, indicator):
    assert annex.find_indicator(text) == indicator


def test_quliang_and_chaohua_share_the_most_rural_labour_transfer():
    assert annex.extremes("农村劳动力转移就业") == [("曲梁镇政府", 880), ("超化镇政府", 880)]


def test_jianshan_has_the_least_rural_labour_transfer_among_units_with_the_task():
    assert annex.extremes("农村劳动力转移就业", largest=False) == [("尖山风景区管委", 40)]


def test_xinhualu_and_qingping_share_the_most_new_urban_jobs():
    assert annex.extremes("新增城镇就业") == [("新华路办事处", 1480), ("青屏街办事处", 1480)]


def test_ranking_leaves_out_units_without_the_task_and_keeps_table_order_in_ties():
    ranked = annex.ranking("农村劳动力转移就业")
    assert len(ranked) == 14
    assert [v for _, v in ranked] == sorted((v for _, v in ranked), reverse=True)
    assert ranked[:2] == [("曲梁镇政府", 880), ("超化镇政府", 880)]
    assert annex.ranking("创业担保贷款", largest=False)[0] == ("矿区办事处", 80)


def test_units_without_a_task_are_listed():
    assert annex.no_task_units("农村劳动力转移就业") == STREET_OFFICES
    assert annex.no_task_units("返乡下乡创业") == ["矿区办事处"]
    assert annex.no_task_units("新增城镇就业") == []


def test_banks_are_found_by_short_names():
    assert annex.find_bank("邮储的任务").name == "邮储银行"
    assert annex.find_bank("中原银行").task_wan_yuan == 200
    assert annex.find_bank("工商银行") is None


def test_several_units_named_or_a_group_of_them_are_found_in_order():
    from policy_kb.annex import find_units

    assert find_units("青屏街和新华路比一比") == ["青屏街办事处", "新华路办事处"]
    assert find_units("四个街道加起来") == ["新华路办事处", "青屏街办事处", "西大街办事处", "矿区办事处"]
    assert find_units("村镇银行承贷多少") == []  # a unit's short name inside a bank's is no unit


def test_a_ranking_among_the_towns_or_the_street_offices():
    from policy_kb.annex import extremes, units_of_kind

    towns = units_of_kind("除了街道办 哪个最多")
    assert "新华路办事处" not in towns and "尖山风景区管委" in towns
    assert units_of_kind("哪个乡镇最多") is None  # commonly any unit of the table
    assert extremes("新增城镇就业", among=towns) == [("曲梁镇政府", 120)]

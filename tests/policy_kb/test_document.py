"""The policy text 新密政〔2020〕4号 as structured records: nothing dropped, nothing altered."""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_kb import document
from policy_kb.document import GENERAL, NUMERALS, citation, measure, measures, parts, squeeze

ROOT = Path(__file__).resolve().parents[2]
SHARED_SOURCE = ROOT.parent / "shared" / "policy" / "source.txt"


def test_the_packaged_source_is_the_shared_policy_text():
    assert SHARED_SOURCE.is_file(), f"the shared policy text is missing: {SHARED_SOURCE}"
    assert document.SOURCE.read_bytes() == SHARED_SOURCE.read_bytes()


def test_the_parts_joined_reproduce_the_source_up_to_whitespace_and_page_numbers():
    raw = document.SOURCE.read_text(encoding="utf-8")
    joined = "".join(part.text for part in parts())
    assert squeeze(joined) == squeeze(raw)


def test_squeeze_removes_whitespace_and_page_numbers_only():
    assert squeeze("就\n业创业 服务能力，\n\n—13—\n\n业创业") == "就业创业服务能力，业创业"
    assert squeeze("2020\n年 12月 31日") == "2020年12月31日"


def test_the_parts_are_in_reading_order_from_front_matter_to_footer():
    kinds = [part.kind for part in parts()]
    assert kinds[0] == "front" and kinds[1] == "general"
    assert kinds[-3:] == ["closing", "annex", "footer"]
    assert kinds.count("measure") == 26
    assert kinds.count("section") == 6  # 二、… to 七、…; 一、总体要求 is the general part
    assert all(part.text.strip() for part in parts())


def test_the_document_has_the_general_requirements_and_26_measures_in_order():
    ms = measures()
    assert list(ms) == [GENERAL, *NUMERALS]
    assert [m.index for m in ms.values()] == list(range(27))
    assert ms[GENERAL].text.startswith("以习近平新时代中国特色社会主义思想为指导")


@pytest.mark.parametrize(
    ("number", "title", "section"),
    [
        ("一", "全面落实援企稳岗政策", "二、持续精准发力，支持企业稳定就业岗位"),
        ("八", "扩大就业见习补贴范围", "三、坚持多措并举，开发更多就业岗位"),
        ("十一", "加大创业担保贷款政策支持力度", "四、强化引导扶持，促进劳动者多渠道就业创业"),
        ("十三", "完善求职创业补贴方式", "四、强化引导扶持，促进劳动者多渠道就业创业"),
        ("十七", "推进职业技能提升行动", "五、推进技能强市，大规模开展职业技能培训"),
        ("二十一", "突出做好重点群体就业帮扶", "六、加强援助指导，做实就业创业服务"),
        ("二十六", "健全宣传引导机制", "七、健全工作机制，加强组织保障"),
    ],
)
def test_measures_have_their_lead_title_and_section(number, title, section):
    m = measure(number)
    assert m.title == title
    assert m.section == section
    assert m.text.startswith(f"（{number}）{title}。")


def test_measure_text_is_free_of_pdf_noise():
    for m in measures().values():
        assert squeeze(m.text) == m.text, m.label
        assert not document.PAGE_NUMBER.search(m.text), m.label


def test_a_measure_body_drops_the_number_and_the_departments_bracket():
    m = measure("十三")
    assert m.body.startswith("完善求职创业补贴方式。")
    assert m.body.endswith("补贴标准提高到每人一次性2000元。")
    assert "按职责分工负责" not in m.body


@pytest.mark.parametrize(
    ("number", "departments"),
    [
        ("一", ["市人社局", "市社保局", "市财政局", "市税务局"]),
        ("十一", ["市财政局", "市人社局", "人行新密市支行", "市金融办", "经办银行"]),
        ("十三", ["市人社局", "市教体局", "市民政局", "市财政局", "市扶贫办", "市残联"]),
    ],
)
def test_measures_name_the_departments_responsible(number, departments):
    assert measure(number).departments == departments


@pytest.mark.parametrize("number", ["二十三", "二十四", "二十五", "二十六"])
def test_the_work_mechanism_measures_name_no_department(number):
    assert measure(number).departments == []


def test_the_general_requirements_name_no_department():
    assert measure(GENERAL).departments == []


@pytest.mark.parametrize(
    ("number", "amounts"),
    [
        ("一", ["1520元/月"]),
        ("二", ["15%"]),
        ("八", ["10万元", "20万元"]),
        ("十一", ["30万元", "200万元", "20%", "10%", "300万元"]),
        ("十二", ["每户每年12000元", "每人每年6000元"]),
        ("十三", ["2000元"]),
        ("十四", ["5000元"]),
        ("十九", ["300元/人"]),
    ],
)
def test_measures_list_the_amounts_they_state(number, amounts):
    found = measure(number).amounts
    for amount in amounts:
        assert amount in found, (number, amount, found)


@pytest.mark.parametrize(
    ("number", "date"),
    [
        ("一", "2020年2月—6月"),
        ("一", "2020年12月31日"),
        ("十五", "2020年1月1日至12月31日"),
        ("十七", "2020年3月下旬至6月底"),
    ],
)
def test_measures_list_the_dates_they_state(number, date):
    assert date in measure(number).dates


@pytest.mark.parametrize("spelling", ["十三", 13, "13", "（十三）", "第十三条"])
def test_a_measure_is_found_by_any_usual_spelling_of_its_number(spelling):
    assert measure(spelling).number == "十三"


@pytest.mark.parametrize("spelling", ["二十七", 27, 0, "九十", "abc", ""])
def test_a_number_outside_the_26_measures_is_a_key_error(spelling):
    with pytest.raises(KeyError):
        measure(spelling)


def test_a_measure_is_cited_by_document_number_and_its_number():
    assert citation("十三") == "新密政〔2020〕4号（十三）"
    assert citation(GENERAL) == "新密政〔2020〕4号·总体要求"


def test_every_measure_has_keywords_users_would_type():
    assert "创业贷款" in measure("十一").keywords
    for m in measures().values():
        assert m.keywords, m.label

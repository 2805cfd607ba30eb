"""The judge of ``make eval``: an asked fact counts as present only when the answer holds it."""

from bot.answer_eval import contains


def test_a_department_list_copied_from_the_text_is_found_with_its_shared_prefix_spelt_out():
    answer = "负责部门：市财政局、市人社局、市社保局、市税务局。"
    assert contains(answer, "市财政局、人社局、社保局、税务局")
    assert contains("负责部门：市财政局、人行新密市支行、市金融办、市税务局。", "市财政局、人行新密市支行、金融办、税务局")


def test_a_department_list_is_not_found_when_a_department_is_missing():
    assert not contains("负责部门：市财政局、市人社局。", "市财政局、人社局、社保局、税务局")
    assert not contains("负责部门：市人社局、市财政局。", "市财政局、人社局")  # another order is another sentence


def test_alternatives_and_width_are_folded():
    assert contains("最高不超过３０万元", ["30万元", "三十万元"])
    assert not contains("最高不超过20万元", ["30万元", "三十万元"])

"""Everyday words lead to the clause that says it in the policy's words (language.synonyms)."""

from __future__ import annotations

import pytest

from language.respond import respond
from language.synonyms import EVERYDAY, expand
from policy_kb.document import measures


def test_every_policy_term_listed_is_in_the_text():
    from policy_kb.annex import INDICATORS

    text = "".join(m.text for m in measures().values())
    assert [t for t in EVERYDAY if t not in text and t not in INDICATORS] == []  # a measure's words or the annex's


def test_expand_appends_the_policy_term_and_leaves_other_text_alone():
    assert expand("老板让俺们轮流上班") == "老板让俺们轮流上班 轮岗轮休"
    assert expand("创业担保贷款能贷多少") == "创业担保贷款能贷多少"
    assert expand("灵活就业有啥补贴") == "灵活就业有啥补贴"  # the term itself is there already


@pytest.mark.parametrize("question, number, shown", [
    ("老板让俺们轮流上班 工资也少发 政府允许吗", "四", "轮岗轮休"),
    ("平时去人社办事要跑好几趟吗", "二十", "最多跑一次"),
    ("俺住在山沟里 去市里人社局得坐一个多钟头车 附近乡镇能不能办就业这些事儿", "二十", "乡镇（街道）"),
    # 自由职业 is the text's own word (自由职业者): no everyday 灵活就业 appended to lead elsewhere
    ("我是自由职业 搞设计的 租的公寓 能拿公寓去注册个工作室吗", "九", "自由职业者"),
])
def test_a_question_in_everyday_words_gets_the_clause_in_the_policys_words(question, number, shown):
    answer = respond(question)
    assert answer.measures == [number] and shown in answer.text


def test_a_spring_hiring_event_in_everyday_words_offers_the_measure_that_names_it():
    answer = respond("开春了有没有政府办的招聘活动")
    offered = answer.measures or [b["payload"].split('"clause":"')[1].split('"')[0] for b in answer.buttons]
    assert "二十" in offered


def test_every_term_of_the_lexicon_is_in_the_text_and_no_expression_names_two_terms():
    import yaml

    from language.synonyms import LEXICON
    from policy_kb.document import SOURCE, squeeze

    text = squeeze(SOURCE.read_text(encoding="utf-8"))
    data = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    assert [t for t in data if t not in text] == []
    expressions = [str(e) for entry in data.values() for e in entry["everyday"]]
    assert len(expressions) == len(set(expressions))


@pytest.mark.parametrize("question, term", [
    ("稳岗反还能返多少", "稳岗返还"),  # a homophone typo
    ("厂里交的社保那部分能缓一缓再交不", "缓缴"),
])
def test_the_lexicon_gives_the_policy_term_for_everyday_words_and_typos(question, term):
    assert term in expand(question) and term not in expand(question, everyday=False)


def test_a_question_the_scope_reads_as_outside_is_not_brought_back_by_the_lexicons_paraphrases():
    # 应届生 → 高校毕业生 must not make a later year's subsidy standard a question about （十三）
    answer = respond("2022年新密企业招应届生的一次性扩岗补助 一个人补多少钱")
    assert answer.kind == "out_of_scope" and "12333" in answer.text


def test_a_two_character_word_made_of_the_ends_of_two_words_is_not_that_word():
    from language.synonyms import expand

    assert "裁员" not in expand("招失业人员想享受税收扣减员工手里得有啥证")  # 扣减|员工, not 减员
    assert "裁员" in expand("厂里要减员")


def test_homophone_typos_of_the_policys_words_are_corrected_once_for_every_reader():
    from language.normalize import normalize

    assert normalize("听说有创业代款 社宝补帖能领不") == "听说有创业贷款社保补贴能领不"
    assert normalize("灵获就业的社保") == "灵活就业的社保"
    assert normalize("贷款代办") == "贷款代办"  # only the typo strings themselves


def test_a_denied_everyday_word_adds_no_policy_term():
    from language.synonyms import expand

    assert "建档立卡贫困人口" not in expand("俺也不是贫困户 开了个服装店")
    assert "建档立卡贫困人口" in expand("俺是贫困户 开了个服装店")
    assert "最多跑一次" in expand("办事是不是跑一趟就中了")  # 是不是 asks, it denies nothing

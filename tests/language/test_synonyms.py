"""Everyday words lead to the clause that says it in the policy's words (language.synonyms)."""

from __future__ import annotations

import pytest

from language.respond import respond
from language.synonyms import EVERYDAY, expand
from policy_kb.document import measures


def test_every_policy_term_listed_is_in_the_text():
    text = "".join(m.text for m in measures().values())
    assert [t for t in EVERYDAY if t not in text] == []


def test_expand_appends_the_policy_term_and_leaves_other_text_alone():
    assert expand("老板让俺们轮流上班") == "老板让俺们轮流上班 轮岗轮休"
    assert expand("创业担保贷款能贷多少") == "创业担保贷款能贷多少"
    assert expand("灵活就业有啥补贴") == "灵活就业有啥补贴"  # the term itself is there already


@pytest.mark.parametrize("question, number, shown", [
    ("老板让俺们轮流上班 工资也少发 政府允许吗", "四", "轮岗轮休"),
    ("平时去人社办事要跑好几趟吗", "二十", "最多跑一次"),
])
def test_a_question_in_everyday_words_gets_the_clause_in_the_policys_words(question, number, shown):
    answer = respond(question)
    assert answer.measures == [number] and shown in answer.text


def test_a_spring_hiring_event_in_everyday_words_offers_the_measure_that_names_it():
    answer = respond("开春了有没有政府办的招聘活动")
    offered = answer.measures or [b["payload"].split('"clause":"')[1].split('"')[0] for b in answer.buttons]
    assert "二十" in offered

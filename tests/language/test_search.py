"""Ranked retrieval over the clauses (jieba with the policy's terms, BM25 by bm25s)."""

from __future__ import annotations

import pytest

from language.search import search, terms, tokenize
from policy_kb.document import measure


@pytest.mark.parametrize(
    ("query", "number"),
    [
        ("创业贷款能贷多少", "十一"),
        ("大学毕业生一次性求职创业补贴怎么领", "十三"),
        ("求职创业补贴", "十三"),
        ("稳岗返还", "一"),
        ("失业保险稳岗返还怎么算", "一"),
        ("就业见习", "八"),
        ("见习补贴", "八"),
        ("返乡创业补贴", "十四"),
        ("职业介绍补贴", "十九"),
    ],
)
def test_a_question_finds_the_measure_that_answers_it_first(query, number):
    hits = search(query)
    assert hits, query
    assert hits[0].number == number, [(h.number, round(h.score, 2)) for h in hits]
    assert hits[0].label == f"（{number}）" and hits[0].title == measure(number).title


@pytest.mark.parametrize("query", ["", "   ", "asdfqwer", "哈哈哈呵呵", "的了吗", "!!!"])
def test_gibberish_or_an_empty_query_finds_nothing(query):
    assert search(query) == []


def test_hits_are_ranked_best_first_and_at_most_k():
    hits = search("创业担保贷款 小微企业", k=5)
    assert 1 <= len(hits) <= 5
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert all(h.score > 0 for h in hits)
    assert len(search("创业", k=1)) == 1
    assert search("创业", k=0) == []


@pytest.mark.parametrize("query", ["创业贷款能贷多少", "求职创业补贴", "稳岗返还", "就业见习", "社保补贴", "零就业家庭"])
def test_snippets_are_text_of_the_clause_they_come_from(query):
    for hit in search(query, k=3):
        snippet = hit.snippet.removesuffix("…")
        assert snippet and snippet in measure(hit.number).body, (hit.number, hit.snippet)


def test_policy_terms_are_kept_whole_by_the_tokenizer():
    tokens = tokenize("一次性求职创业补贴和创业担保贷款")
    assert "一次性求职创业补贴" in tokens
    assert "创业担保贷款" in tokens
    assert "曲梁" in terms() and "全面落实援企稳岗政策" in terms()


def test_stopwords_and_punctuation_are_not_search_tokens():
    assert tokenize("的了吗？！，。") == []


def test_a_keyword_of_a_topic_of_several_measures_counts_for_the_measure_whose_text_has_it():
    # 工作机制 spans （二十三）…（二十六）; only （二十六） speaks of 舆情
    assert search("出了负面舆情该怎么应对")[0].number == "二十六"

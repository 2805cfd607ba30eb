"""The answer-level question sets (``heldout.yml`` judges the assistant in ``make eval``; ``dev.yml`` is the
one the answering path was tuned on) were written by someone who saw neither the training data nor the
answer code. They judge only while they stay apart from training: no near duplicates, well-formed labels,
every measure and the annex covered."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.nlu_eval import load_examples
from language.near_duplicates import near_duplicates
from policy_kb.document import NUMERALS

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
SETS = {"heldout": HERE / "heldout.yml", "dev": HERE / "dev.yml"}
TYPES = {"amount", "figure", "who", "how_to_apply", "department", "materials", "deadline", "what", "document", "annex",
         "out_of_scope"}
KEYS = {"q", "voice", "type", "measures", "must_contain", "not_stated"}
LABELS = set(NUMERALS) | {"附件", "总体要求", "文件"}


def _load(name: str) -> list[dict]:
    return yaml.safe_load(SETS[name].read_text(encoding="utf-8"))


def _training() -> list[str]:
    return [t for path in sorted((ROOT / "data" / "nlu").glob("*.yml")) for t, _ in load_examples(path)]


def test_the_held_out_answer_set_has_at_least_300_questions_covering_every_measure_and_the_annex():
    items = _load("heldout")
    assert len(items) >= 300
    labelled = {str(m) for item in items for m in item["measures"]}
    assert set(NUMERALS) | {"附件"} <= labelled, set(NUMERALS) - labelled


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_question_is_labelled_with_its_measures_type_and_facts(name):
    for item in _load(name):
        assert set(item) <= KEYS and {"q", "type", "measures", "must_contain"} <= set(item), item
        assert item["type"] in TYPES, item
        assert {str(m) for m in item["measures"]} <= LABELS, item
        assert (item["type"] == "out_of_scope") == (item["measures"] == []), item


@pytest.mark.parametrize("name", sorted(SETS))
def test_no_question_is_a_near_duplicate_of_a_training_sentence(name):
    pairs = near_duplicates([i["q"] for i in _load(name)], _training())
    assert not pairs, pairs[:20]


def test_the_two_sets_do_not_share_questions():
    pairs = near_duplicates([i["q"] for i in _load("heldout")], [i["q"] for i in _load("dev")])
    assert not pairs, pairs

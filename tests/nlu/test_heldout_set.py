"""The held-out NLU set judges the model only if it is apart from the training data: not the same
sentence, and not one a character or two away (``language.near_duplicates``)."""

from __future__ import annotations

from pathlib import Path

from bot.nlu_eval import load_examples
from language.near_duplicates import near_duplicates

ROOT = Path(__file__).resolve().parents[2]
HELD_OUT = ROOT / "tests" / "nlu" / "test_nlu.yml"


def _training() -> list[tuple[str, str]]:
    return [ex for path in sorted((ROOT / "data" / "nlu").glob("*.yml")) for ex in load_examples(path)]


def test_held_out_set_has_at_least_150_user_style_sentences():
    assert len(load_examples(HELD_OUT)) >= 150


def test_no_held_out_sentence_is_a_near_duplicate_of_a_training_sentence():
    pairs = near_duplicates([t for t, _ in load_examples(HELD_OUT)], [t for t, _ in _training()])
    assert not pairs, pairs[:20]


def test_near_duplicates_are_found_after_normalisation_and_within_two_edits():
    training = ["明年还有这政策不", "具体条款给我看看", "創業擔保貸款能貸多少"]
    found = near_duplicates(["明年还有这政策吗？", "具体条文给我看看", "创业担保贷款能贷多少", "稳岗返还怎么算"], training)
    assert [t for t, _ in found] == ["明年还有这政策吗？", "具体条文给我看看", "创业担保贷款能贷多少"]


def test_every_held_out_intent_is_one_the_assistant_is_trained_on():
    trained = {intent for _, intent in _training()}
    assert {intent for _, intent in load_examples(HELD_OUT)} <= trained

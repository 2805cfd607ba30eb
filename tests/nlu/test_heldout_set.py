"""The held-out NLU set judges the model only if it is apart from the training data."""

from __future__ import annotations

import re
from pathlib import Path

from bot.nlu_eval import load_examples

ROOT = Path(__file__).resolve().parents[2]
HELD_OUT = ROOT / "tests" / "nlu" / "test_nlu.yml"


def _norm(text: str) -> str:
    return re.sub(r"[\s，。！？,.!?~～]+", "", text).lower()


def _training() -> list[tuple[str, str]]:
    return [ex for path in sorted((ROOT / "data" / "nlu").glob("*.yml")) for ex in load_examples(path)]


def test_held_out_set_has_at_least_150_user_style_sentences():
    assert len(load_examples(HELD_OUT)) >= 150


def test_held_out_set_shares_no_sentence_with_the_training_data():
    training = {_norm(text) for text, _ in _training()}
    shared = [text for text, _ in load_examples(HELD_OUT) if _norm(text) in training]
    assert not shared, shared


def test_every_held_out_intent_is_one_the_assistant_is_trained_on():
    trained = {intent for _, intent in _training()}
    assert {intent for _, intent in load_examples(HELD_OUT)} <= trained

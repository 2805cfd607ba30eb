"""The follow-up intents are listed once in code (language.qtype.FOLLOW_UP_INTENTS); Rasa's files must name
the same intents: each is an intent of the domain, has training examples and is answered by the question rule."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.nlu_eval import load_examples
from language import qtype

ROOT = Path(__file__).resolve().parents[2]


def test_every_follow_up_intent_is_in_the_domain_the_training_data_and_the_question_rule():
    domain = yaml.safe_load((ROOT / "domain" / "core.yml").read_text(encoding="utf-8"))
    rules = yaml.safe_load((ROOT / "data" / "stories" / "qa_rules.yml").read_text(encoding="utf-8"))["rules"]
    [answer] = [r for r in rules if r["rule"] == "answer a question"]
    answered = {step["intent"] for step in answer["steps"][0]["or"]}
    trained = {intent for path in (ROOT / "data" / "nlu").glob("*.yml") for _, intent in load_examples(path)}
    follow_ups = set(qtype.FOLLOW_UP_INTENTS)
    assert follow_ups - set(domain["intents"]) == set()
    assert follow_ups - answered == set()
    assert follow_ups - trained == set()

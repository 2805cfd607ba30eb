"""Shared by the actions: slots ↔ policy_kb facts, the measure in focus, small message helpers."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from policy_kb.extract import parse_answer
from policy_kb.facts import FACTS

APPLICANT = {"个人": "person", "企业": "enterprise"}


def facts_from_slots(tracker: Tracker) -> dict[str, Any]:
    """Every fact slot that holds a valid value, in canonical form."""
    facts = {}
    for name in FACTS:
        value = parse_answer(name, tracker.get_slot(name))
        if value is not None:
            facts[name] = value
    return facts


def applicant_of(tracker: Tracker) -> str | None:
    return APPLICANT.get(parse_answer("applicant_type", tracker.get_slot("applicant_type")))


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def latest_intent(tracker: Tracker) -> str:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name") or ""


def entity(tracker: Tracker, name: str) -> Any:
    return next(tracker.get_latest_entity_values(name), None)

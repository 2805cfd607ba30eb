"""Shared by the actions: slots ↔ policy_kb facts, the measure in focus, small message helpers.

Fact slots hold the fact's typed value (True/False, 2026, "低保家庭") exactly as the screening's answer
parser (``language.replies``) or the question's extraction produced it: the rules receive them unchanged.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from policy_kb.facts import FACTS, FactError, coerce

APPLICANT = {"个人": "person", "企业": "enterprise"}


def facts_from_slots(tracker: Tracker) -> dict[str, Any]:
    """Every fact slot that holds a valid typed value."""
    facts = {}
    for name in FACTS:
        value = tracker.get_slot(name)
        if value is None or isinstance(value, str) and name != "applicant_type" and FACTS[name].type != "enum":
            continue  # a stray string is never read as a fact (a bool or a number is typed)
        try:
            facts[name] = coerce(name, value)
        except (FactError, ValueError):
            continue
    return facts


def applicant_of(tracker: Tracker) -> str | None:
    return APPLICANT.get(tracker.get_slot("applicant_type"))


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def latest_intent(tracker: Tracker) -> str:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name") or ""

"""Trackers for action unit tests, built from JSON-like fixtures as in RasaHQ/financial-demo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

FIXTURES = Path(__file__).parent / "fixtures"


def make_tracker(name: str, **overrides) -> Tracker:
    data = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    slots = dict(data.get("slots", {}))
    slots.update(overrides.pop("slots", {}))
    latest = dict(data.get("latest_message", {}))
    latest.update(overrides.pop("latest_message", {}))
    return Tracker(
        sender_id=data.get("sender_id", "unit-test"),
        slots=slots,
        latest_message=latest,
        events=data.get("events", []),
        paused=False,
        followup_action=None,
        active_loop=data.get("active_loop", {}),
        latest_action_name=data.get("latest_action_name", "action_listen"),
    )


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def tracker_factory():
    return make_tracker


@pytest.fixture
def domain() -> dict:
    import yaml

    root = Path(__file__).resolve().parents[2] / "domain"
    merged: dict = {}
    for path in sorted(root.glob("*.yml")):
        part = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key, value in part.items():
            if isinstance(value, dict):
                merged.setdefault(key, {}).update(value)
            elif isinstance(value, list):
                merged.setdefault(key, []).extend(value)
    return merged

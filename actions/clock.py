"""The date a conversation is evaluated on: today, or — only when the action server runs with
``XINMI_ALLOW_TEST_DATE=1`` (the tests' harness) — the ``evaluation_date`` a message's metadata gives,
so that rule cases dated in the past can be played as conversations. Production never sets it."""

from __future__ import annotations

import datetime as dt
import os

from rasa_sdk import Tracker


def evaluation_date(tracker: Tracker) -> dt.date:
    if os.environ.get("XINMI_ALLOW_TEST_DATE") == "1":
        for event in reversed(tracker.events):
            if event.get("event") == "user":
                value = (event.get("metadata") or {}).get("evaluation_date")
                if value:
                    try:
                        return dt.date.fromisoformat(str(value))
                    except ValueError:
                        break
                break
    return dt.date.today()

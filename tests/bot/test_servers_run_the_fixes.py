"""The servers as the launcher starts them (``python -m bot.rasa_cli``, the trained model) really run with the
fixes of bot/rasa_patches.py in place: asked through HTTP, not assumed from an import."""

from __future__ import annotations

import json
import urllib.request

from bot import launcher, rasa_patches


def test_the_rasa_server_reports_the_pinned_rasa_and_every_fix(live_assistant):
    assert live_assistant.rasa.args[:len(launcher.RASA)] == launcher.RASA  # started as the launcher starts it
    with urllib.request.urlopen(f"{live_assistant.url}/webhooks/rest/status", timeout=30) as response:
        body = json.loads(response.read().decode())
    assert body == {"rasa": rasa_patches.PINNED_RASA, "pinned_rasa": rasa_patches.PINNED_RASA,
                    "fixes": list(rasa_patches.FIXES)}


def test_the_action_server_is_started_through_the_same_entry_point(live_assistant):
    assert live_assistant.actions.args[:len(launcher.RASA) + 2] == [*launcher.RASA, "run", "actions"]
    assert live_assistant.actions.running

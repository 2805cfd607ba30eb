"""The cached validation of action-server replies accepts what Rasa accepts and refuses what it refuses."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

import bot.nlu.message_limit  # noqa: F401 - loading the model's first component applies the patch
from bot import rasa_patches

ACTION = RemoteAction("action_answer_topic", EndpointConfig("http://127.0.0.1:1/webhook"))
GOOD = {"events": [{"event": "slot", "name": "current_measure", "value": "十三"}],
        "responses": [{"text": "（十三）"}]}
BAD = {"events": [{"event": "slot"}], "responses": "not a list"}


def test_loading_the_model_components_installs_the_cached_validation():
    assert RemoteAction._validate_action_result is rasa_patches._validate_action_result


def test_a_valid_action_server_reply_passes_as_with_stock_jsonschema():
    jsonschema.validate(GOOD, RemoteAction.action_response_format_spec())
    assert ACTION._validate_action_result(GOOD) is True


def test_an_invalid_reply_raises_the_same_error_as_stock_jsonschema():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(BAD, RemoteAction.action_response_format_spec())
    with pytest.raises(jsonschema.ValidationError) as caught:
        ACTION._validate_action_result(BAD)
    assert "Failed to validate Action server response" in caught.value.message

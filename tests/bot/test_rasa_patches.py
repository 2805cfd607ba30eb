"""Each fix in bot/rasa_patches.py gives exactly Rasa's own answer: compared with Rasa's code on the same inputs."""

from __future__ import annotations

import json

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

import bot.nlu.message_limit  # noqa: F401 - loading the model's first component applies the patch
from bot import rasa_patches
from bot.launcher import ROOT

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


@pytest.fixture(scope="module")
def domain():
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "domain"))


@pytest.fixture(scope="module")
def entity_domain():
    """A form with from_entity mappings (the assistant's own form reads replies in its validator and has none)."""
    from rasa.shared.core.domain import Domain

    return Domain.from_yaml("""
version: "3.1"
entities: [graduation_year, clause]
slots:
  graduation_year:
    type: any
    mappings: [{type: from_entity, entity: graduation_year}]
  clause:
    type: any
    mappings: [{type: from_entity, entity: clause}, {type: from_entity, entity: graduation_year}]
forms:
  screening_form:
    required_slots: [graduation_year, clause]
""")


def test_unique_entity_mappings_are_the_same_set_rasa_computes(entity_domain):
    domain = entity_domain
    from rasa.core.actions.forms import FormAction

    assert FormAction._create_unique_entity_mappings is rasa_patches._create_unique_entity_mappings
    form = FormAction("screening_form", None)
    stock = rasa_patches._originals["unique_mappings"](form, domain)
    assert stock, "the screening form has from_entity mappings"
    assert form._create_unique_entity_mappings(domain) == stock
    mapping = {"type": "from_entity", "entity": "graduation_year"}
    assert form.entity_mapping_is_unique(mapping, domain) == (
        json.dumps(mapping, sort_keys=True) in stock)


def test_unique_entity_mappings_are_built_once_per_domain_not_per_form_action(domain, monkeypatch):
    from rasa.core.actions.forms import FormAction

    FormAction("screening_form", None)._create_unique_entity_mappings(domain)  # warm
    calls = []
    original = type(domain).as_dict
    monkeypatch.setattr(type(domain), "as_dict", lambda self: calls.append(1) or original(self))
    for _ in range(5):  # Rasa builds a new FormAction for every slot mapping it checks
        FormAction("screening_form", None).entity_mapping_is_unique({"type": "from_entity", "entity": "age"}, domain)
    assert calls == []
    other = type(domain).load(str(ROOT / "domain"))
    calls.clear()
    FormAction("screening_form", None)._create_unique_entity_mappings(other)
    assert len(calls) == 1  # a newly loaded domain (a new model) gets its own set


EVENTS = [
    {"event": "slot", "name": "graduation_year", "value": 2025},
    {"event": "slot", "name": "requested_slot", "value": None, "timestamp": None},
    {"event": "action", "name": "action_listen", "policy": None, "confidence": 1.0},
    {"event": "active_loop", "name": "screening_form"},
    {"event": "active_loop", "name": None},
    {"event": "bot", "text": "您是哪一年毕业的？", "data": {"buttons": []}, "metadata": {}},
    {"event": "user", "text": "2025", "parse_data": {"intent": {"name": "inform", "confidence": 0.9},
                                                    "entities": [{"entity": "graduation_year", "value": "2025"}]}},
    {"event": "followup", "name": "action_verdict"},
    {"event": "reset_slots"}, {"event": "restart"}, {"event": "session_started"},
    {"event": "loop_interrupted", "is_interrupted": True}, {"event": "action_execution_rejected", "name": "x"},
    {"event": "reminder", "intent": "x", "date_time": "2026-11-29T00:00:00"},
]
BROKEN_EVENTS = [
    {"event": "slot"},  # no name
    {"event": "slot", "name": 3, "value": 1},
    {"event": "no_such_event"}, {"event": 7}, {"event": ["slot"]}, {"name": "no event"}, {},
    "slot", None, 5, [],
    {"event": "action", "name": 5}, {"event": "slot", "name": "x", "timestamp": "now"},
    {"event": "user", "parse_data": {"entities": [{"entity": "age"}]}},  # entity without value
    {"event": "slot", "name": "x", "metadata": "meta"},
]


def _replies():
    yield {}
    yield {"events": [], "responses": []}
    yield {"responses": [{"text": "好的"}]}
    yield {"events": EVENTS, "responses": [{"text": "（十三）"}, {"template": "utter_x"}]}
    for event in EVENTS:
        yield {"events": [event]}
    for broken in BROKEN_EVENTS:
        yield {"events": [broken]}
        yield {"events": [*EVENTS, broken], "responses": []}
    yield {"events": "slot"}
    yield {"events": None}
    yield {"events": EVENTS, "responses": "not a list"}
    yield {"events": EVENTS, "responses": [5]}
    yield []
    yield "text"


def test_the_fast_check_of_replies_agrees_with_the_full_schema_on_every_sample():
    assert rasa_patches._event_validators() is not None, "the event schemas are told apart by name"
    full = jsonschema.validators.validator_for(RemoteAction.action_response_format_spec())(
        RemoteAction.action_response_format_spec())
    verdicts = [(reply, full.is_valid(reply), rasa_patches.is_valid_action_result(reply)) for reply in _replies()]
    assert [(r, stock) for r, stock, fast in verdicts if stock != fast] == []
    assert sum(stock for _, stock, _ in verdicts) >= len(EVENTS) + 3  # both kinds are really exercised
    assert sum(not stock for _, stock, _ in verdicts) >= len(BROKEN_EVENTS)


@pytest.mark.parametrize("broken", BROKEN_EVENTS, ids=repr)
def test_a_reply_with_a_broken_event_raises_rasas_error(broken):
    with pytest.raises(jsonschema.ValidationError) as caught:
        ACTION._validate_action_result({"events": [*EVENTS, broken]})
    assert "Failed to validate Action server response" in caught.value.message


def test_event_classes_are_found_as_rasa_finds_them():
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    original = rasa_patches._originals["resolve_by_type"]
    assert Event.resolve_by_type is rasa_patches._resolve_by_type
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert {"user", "action", "slot", "active_loop", "session_started"} <= names
    for _ in range(2):  # the first call fills the cache, the second reads it
        for name in names:
            assert Event.resolve_by_type(name) is original(name)
    assert Event.resolve_by_type("no_such_event", default=Event) is Event
    assert Event.resolve_by_type("topic") is None
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")
    assert "no_such_event" not in rasa_patches._EVENT_CLASSES

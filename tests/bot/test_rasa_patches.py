"""bot/rasa_patches.py: the Rasa version is checked before anything is patched, the fixes are installed by
the entry point (bot/rasa_cli.py), not by importing a component, and each fix gives exactly Rasa's own
answer: compared with Rasa's code on the same inputs."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
import rasa
import tomli
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot import rasa_cli, rasa_patches
from bot.launcher import ROOT

rasa_patches.install()  # as bot.rasa_cli does at a server's start

ACTION = RemoteAction("action_answer_topic", EndpointConfig("http://127.0.0.1:1/webhook"))
GOOD = {"events": [{"event": "slot", "name": "current_measure", "value": "十三"}],
        "responses": [{"text": "（十三）"}]}
BAD = {"events": [{"event": "slot"}], "responses": "not a list"}


def test_install_puts_every_fix_in_place():
    assert RemoteAction._validate_action_result is rasa_patches._validate_action_result
    assert rasa_patches.installed() == list(rasa_patches.FIXES)
    rasa_patches.install()  # idempotent: a second install changes nothing
    assert rasa_patches.installed() == list(rasa_patches.FIXES)


def test_the_pinned_versions_are_pyproject_tomls_pins():
    dependencies = tomli.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert f"rasa=={rasa_patches.PINNED_RASA}" in dependencies
    assert rasa_patches.PINNED_RASA_SDK[1] in dependencies
    assert rasa.__version__ == rasa_patches.PINNED_RASA  # the environment the tests run in


def test_another_rasa_is_refused_with_the_reason(monkeypatch):
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with pytest.raises(rasa_patches.RasaVersionError, match=r"Rasa 3\.7\.0 is installed.*written for Rasa 3\.6\.21"):
        rasa_patches.install()
    with pytest.raises(rasa_patches.RasaVersionError, match="rasa_sdk 3.7.1 is installed"):
        rasa_patches.check_rasa_version(rasa_patches.PINNED_RASA, "3.7.1")


def test_importing_the_pipelines_components_installs_nothing():
    """The fixes come from the entry point, so they cannot vanish with a component of config.yml."""
    code = ("import bot.nlu.message_limit, bot.nlu.normalizer, bot.nlu.intent_refiner, bot.tracker_store\n"
            "import rasa.core.actions.forms\n"
            "from bot import rasa_patches; print(rasa_patches.installed())")
    done = subprocess.run([sys.executable, "-c", code], check=False, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("argv", [["run", "actions", "--port", "1"], ["run", "--port", "1"]])
def test_the_entry_point_stops_before_rasa_starts_when_the_version_is_wrong(argv):
    """The servers' entry point (the launcher and the harness start both servers with it) exits with the reason."""
    code = ("import sys, rasa; rasa.__version__ = '3.7.0'\n"
            "import rasa.__main__; rasa.__main__.main = lambda: sys.exit('Rasa started')\n"
            f"from bot import rasa_cli; sys.exit(rasa_cli.main({argv!r}))")
    done = subprocess.run([sys.executable, "-c", code], check=False, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Rasa 3.7.0 is installed" in done.stderr and "Rasa started" not in done.stderr


def test_the_entry_point_tells_the_action_server_from_the_rasa_server():
    assert rasa_cli.process_of(["run", "actions", "--port", "5055"]) == "actions"
    assert rasa_cli.process_of(["run", "--model", "m.tar.gz"]) == rasa_cli.process_of(["shell"]) == "server"


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

"""Where the project meets Rasa's internals: the Rasa version it is written for, and targeted fixes to Rasa
3.6 internals that cost time on every message.

Installed explicitly when a server starts: ``python -m bot.rasa_cli`` (how bot/launcher.py and the test
harness start ``rasa run`` and ``rasa run actions``) calls :func:`install` before Rasa's own command line,
and tests/conversations loads the model in-process after calling it. :func:`install` refuses, with a clear
message, any Rasa other than :data:`PINNED_RASA` (pyproject.toml's pin; tests/bot/test_rasa_patches.py
keeps the two equal): every fix below, and the two subclasses that lean on Rasa's private code —
``bot.tracker_store.SQLTrackerStore._additional_events`` and ``bot.lock_store.AtomicRedisLockStore``'s
``finish_serving`` — were checked against that version's code only. The action server gets the version
check and no fixes: none of the patched classes runs there (rasa_sdk does not import Rasa), and importing
them would load TensorFlow into it. A running Rasa server reports what is installed at
``GET /webhooks/rest/status`` (:func:`status`).

Each fix keeps Rasa's behaviour exactly (tests/bot/test_rasa_patches.py compares with Rasa's own code)
and removes work that Rasa repeats for nothing. Found with py-spy on the Rasa server under ``make bench``
(10 users sending back to back); the shares are of that server's busy time.

1. Action-server replies. Rasa checks every reply with ``jsonschema.validate(result, schema)``, which
   checks the schema itself against the meta-schema and builds a new validator each time — about 65 ms
   per custom action, half of each message's time (RasaHQ/rasa#11717). And every event of the reply is
   tried against all 23 ``oneOf`` event schemas. Here the validators are built once, and an event is
   checked against the one schema its ``event`` name selects: the names are distinct constants, so "exactly
   one of them matches" is the same as "the selected one matches" (checked when the validators are
   built; otherwise the full schema is used). A reply that fails is re-checked with the full schema, so
   the error raised is Rasa's own. Capacity 10 → 21 messages/s; the event dispatch another 8 %.
2. Unique entity mappings of a form. While a form is active, Rasa asks for every entity mapping of every
   slot whether it is unique to one slot of the form; each check builds a new ``FormAction``, whose cache
   is per instance, so each check rebuilds the whole set (``domain.as_dict()`` and a ``json.dumps`` of every
   mapping): 13 %. The set depends only on the domain and the form, so it is kept on the domain object,
   which lives as long as its model.
3. Event types. Reading a conversation back from the tracker store looks up each event's class by
   walking every subclass of ``Event``, per event: 6 %. The class found for a name is remembered.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

_FAILED = (". Failed to validate Action server response from API, make sure your response from the Action "
           "endpoint is valid. For more information about the format visit https://rasa.com/docs/rasa/custom-actions")


def _response_schema() -> dict:
    from rasa.core.actions.action import RemoteAction

    return RemoteAction.action_response_format_spec()


@lru_cache(maxsize=1)
def _validator():
    """The full schema's validator, as Rasa would build it (the schema checked once)."""
    from jsonschema.validators import validator_for

    schema = _response_schema()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@lru_cache(maxsize=1)
def _event_validators():
    """(the reply without its events' ``oneOf``, {event name: validator of one such event}), or None when the
    event schemas are not told apart by distinct constant names (then only the full schema is used)."""
    schema = _response_schema()
    cls = type(_validator())
    try:
        items = schema["properties"]["events"]["items"]
        branches = items["oneOf"]
        names = [branch["properties"]["event"]["const"] for branch in branches]
    except (KeyError, TypeError):
        return None
    if "event" not in items.get("required", ()) or len(set(names)) != len(names) \
            or not all(isinstance(n, str) for n in names):
        return None
    common = {key: value for key, value in items.items() if key != "oneOf"}
    outer = copy.deepcopy(schema)
    outer["properties"]["events"]["items"] = {}
    return cls(outer), {name: cls({"allOf": [common, branch]}) for name, branch in zip(names, branches)}


def is_valid_action_result(result: Any) -> bool:
    """Whether ``result`` fits Rasa's action-server reply schema (same answer as the full schema)."""
    split = _event_validators()
    if split is None:
        return _validator().is_valid(result)
    outer, per_event = split
    if not outer.is_valid(result):
        return False
    events = result.get("events") if isinstance(result, dict) else None
    if not isinstance(events, list):
        return True  # absent: allowed; any other type was refused by ``outer``
    for event in events:
        name = event.get("event") if isinstance(event, dict) else None
        validator = per_event.get(name) if isinstance(name, str) else None
        if validator is None or not validator.is_valid(event):
            return False
    return True


def _validate_action_result(self, result: dict[str, Any]) -> bool:
    from jsonschema import ValidationError
    from jsonschema.exceptions import best_match

    if is_valid_action_result(result):
        return True
    error = best_match(_validator().iter_errors(result))
    if error is None:  # cannot happen when both agree; never refuse what Rasa accepts
        return True
    if isinstance(error, ValidationError):
        error.message += _FAILED
    raise error


_UNIQUE_MAPPINGS = "_xinmi_unique_entity_mappings"
_originals: dict[str, Any] = {}


def _create_unique_entity_mappings(self, domain) -> frozenset[str]:
    per_form = domain.__dict__.setdefault(_UNIQUE_MAPPINGS, {})
    if self.name() not in per_form:
        per_form[self.name()] = frozenset(_originals["unique_mappings"](self, domain))
    return per_form[self.name()]


_EVENT_CLASSES: dict[str, type] = {}


def _resolve_by_type(type_name: str, default: type | None = None) -> type | None:
    found = _EVENT_CLASSES.get(type_name)
    if found is None:
        found = _originals["resolve_by_type"](type_name, default)
        if found is not None and getattr(found, "type_name", None) == type_name:
            _EVENT_CLASSES[type_name] = found  # not a default: that answer depends on the caller
    return found


PINNED_RASA = "3.6.21"
"""The Rasa this layer is written for (pyproject.toml: ``rasa==3.6.21``)."""
PINNED_RASA_SDK = ("3.6.", "rasa-sdk>=3.6,<3.7")
"""The rasa_sdk series the action server may run (version prefix, pyproject.toml's requirement)."""
FIXES = ("action_reply_validation", "form_unique_entity_mappings", "event_classes")


class RasaVersionError(RuntimeError):
    """The installed Rasa is not the one this layer was checked against."""


def check_rasa_version(rasa_version: str | None = None, sdk_version: str | None = None) -> None:
    """Raise :class:`RasaVersionError` unless Rasa is :data:`PINNED_RASA` and rasa_sdk in its series."""
    if rasa_version is None:
        import rasa

        rasa_version = rasa.__version__
    if rasa_version != PINNED_RASA:
        raise RasaVersionError(
            f"Rasa {rasa_version} is installed, but this assistant is written for Rasa {PINNED_RASA} "
            f"(pyproject.toml pins rasa=={PINNED_RASA}): bot/rasa_patches.py, bot/tracker_store.py and "
            "bot/lock_store.py change Rasa's private code and were checked against that version only. "
            "Install the pinned version (make venv), or check these modules against the new one and "
            "change the pin and PINNED_RASA together.")
    if sdk_version is None:
        import rasa_sdk

        sdk_version = rasa_sdk.__version__
    prefix, requirement = PINNED_RASA_SDK
    if not sdk_version.startswith(prefix):
        raise RasaVersionError(f"rasa_sdk {sdk_version} is installed, but pyproject.toml requires {requirement}.")


def install(process: str = "server") -> None:
    """Check the version, then (``process="server"``: ``rasa run``, an in-process agent) install the fixes on
    Rasa's classes; ``"actions"`` (``rasa run actions``) checks the version only. Idempotent."""
    if process not in ("server", "actions"):
        raise ValueError(f"unknown process {process!r}")
    check_rasa_version()
    if process == "server":
        _install_fixes()


def installed() -> list[str]:
    """The fixes in place in this process (names of :data:`FIXES`)."""
    import sys

    if "rasa.core.actions.action" not in sys.modules:  # never imported: nothing can be patched
        return []
    from rasa.core.actions.action import RemoteAction
    from rasa.core.actions.forms import FormAction
    from rasa.shared.core.events import Event

    found = {"action_reply_validation": RemoteAction._validate_action_result is _validate_action_result,
             "form_unique_entity_mappings": FormAction._create_unique_entity_mappings
             is _create_unique_entity_mappings,
             "event_classes": Event.resolve_by_type is _resolve_by_type}
    return [name for name in FIXES if found[name]]


def status() -> dict[str, Any]:
    """What ``GET /webhooks/rest/status`` reports: the Rasa version and the fixes in place."""
    import rasa

    return {"rasa": rasa.__version__, "pinned_rasa": PINNED_RASA, "fixes": installed()}


def _install_fixes() -> None:
    """Install the fixes on Rasa's classes (idempotent)."""
    from rasa.core.actions.action import RemoteAction
    from rasa.core.actions.forms import FormAction
    from rasa.shared.core.events import Event

    RemoteAction._validate_action_result = _validate_action_result
    if FormAction._create_unique_entity_mappings is not _create_unique_entity_mappings:
        _originals["unique_mappings"] = FormAction._create_unique_entity_mappings
        FormAction._create_unique_entity_mappings = _create_unique_entity_mappings
    if Event.resolve_by_type is not _resolve_by_type:
        _originals["resolve_by_type"] = Event.resolve_by_type
        Event.resolve_by_type = staticmethod(_resolve_by_type)

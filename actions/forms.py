"""The screening form: its questions are whatever policy_kb still needs, asked once each.

``required_slots`` is recomputed every turn from ``policy_kb.screening.next_questions`` over the facts
known so far, so a fact given earlier (in the first message or later) is never asked, and a question
that no longer matters (the user is not a graduate) is dropped. "不知道" skips a fact and says what it
decides; a correction of an earlier answer is taken from the message's entities.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.common import applicant_of, facts_from_slots, latest_intent, latest_text
from policy_kb.extract import is_dont_know, parse_answer
from policy_kb.facts import FACTS
from policy_kb.screening import decides, next_questions

GENERAL_SCREENING_MAX_QUESTIONS = 8  # a general check stops asking after this many and reports what it knows


class ValidateScreeningForm(FormValidationAction):
    def name(self) -> str:
        return "validate_screening_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: dict) -> list[str]:
        # Facts set this turn are listed too, so that they are validated (rasa_sdk validates only
        # required slots); being filled, they are never asked.
        skip = tuple(tracker.get_slot("facts_unknown") or ())
        just_set = [name for name in tracker.slots_to_validate() if name in FACTS and name not in skip]
        applicant = applicant_of(tracker)
        if applicant is None:
            return ["applicant_type"] + [n for n in just_set if n != "applicant_type"]
        targets = tracker.get_slot("screening_targets") or None
        asked = int(tracker.get_slot("questions_asked") or 0)
        if not targets and asked >= GENERAL_SCREENING_MAX_QUESTIONS:
            return just_set
        missing = next_questions(facts_from_slots(tracker), applicant=applicant, targets=targets, skip=skip)
        return just_set + [n for n in missing if n not in just_set]


def _validator(name: str) -> Callable:
    fact = FACTS[name]

    async def validate(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                       domain: dict) -> dict[str, Any]:
        requested = tracker.get_slot("requested_slot") == name
        text = latest_text(tracker)
        if requested and (latest_intent(tracker) == "dont_know" or is_dont_know(text)):
            unknown = list(tracker.get_slot("facts_unknown") or [])
            if name not in unknown:
                unknown.append(name)
            dispatcher.utter_message(text=f"没关系，这一项先跳过。说明一下：{decides(name)}。结论里我会注明需要确认的地方。")
            return {name: None, "facts_unknown": unknown}
        parsed = parse_answer(name, value)
        if parsed is None:
            if requested and not _other_facts_stated(tracker, name):
                hint = "、".join(v for v in fact.values) if fact.values else ("是 或 否" if fact.type == "bool" else "一个数字")
                dispatcher.utter_message(text=f"抱歉，没听明白您的回答，请回答{hint}。不清楚可以说“不知道”。")
            return {name: None}
        result: dict[str, Any] = {name: parsed}
        if requested:
            result["questions_asked"] = int(tracker.get_slot("questions_asked") or 0) + 1
            unknown = [f for f in tracker.get_slot("facts_unknown") or [] if f != name]
            result["facts_unknown"] = unknown
        elif _stated_in_message(tracker, name):
            shown = {True: "是", False: "否"}.get(parsed, parsed) if isinstance(parsed, bool) else parsed
            dispatcher.utter_message(text=f"好的，已记下：{fact.description}——{shown}。")
        return result

    validate.__name__ = f"validate_{name}"
    return validate


def _stated_in_message(tracker: Tracker, name: str) -> bool:
    return any(e.get("entity") == name for e in (tracker.latest_message or {}).get("entities", []))


def _other_facts_stated(tracker: Tracker, name: str) -> bool:
    return any(e.get("entity") in FACTS and e.get("entity") != name
               for e in (tracker.latest_message or {}).get("entities", []))


for _name in FACTS:
    setattr(ValidateScreeningForm, f"validate_{_name}", _validator(_name))

"""Answers to questions: the tracker in, ``language.respond`` decides and words it, messages out."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.clock import evaluation_date
from actions.common import facts_from_slots, latest_text
from actions.records import note_question
from language.respond import ANNEX, Answer, Context, respond


def context_of(tracker: Tracker) -> Context:
    return Context(
        current_measure=tracker.get_slot("current_measure"),
        facts=facts_from_slots(tracker),
        on=evaluation_date(tracker),
        misunderstood=int(tracker.get_slot("fallback_count") or 0),
    )


async def deliver(answer: Answer, tracker: Tracker, dispatcher: CollectingDispatcher) -> list[dict[str, Any]]:
    """Send an answer and remember what it was about (for follow-ups, a screening offer, statistics)."""
    dispatcher.utter_message(text=answer.text, buttons=answer.buttons)
    understood = answer.kind in ("measure", "annex", "document", "out_of_scope")
    events: list[dict[str, Any]] = [
        SlotSet("fallback_count", 0 if answer.kind != "unknown" else int(tracker.get_slot("fallback_count") or 0) + 1),
    ]
    if answer.kind == "measure":
        await note_question(tracker, answer.measures[0])
        events += [SlotSet("current_measure", answer.measures[0]), SlotSet("offered_targets", answer.offer or None)]
    elif answer.kind == "annex":
        await note_question(tracker, ANNEX)
        events += [SlotSet("current_measure", ANNEX)]
    elif understood:
        events += [SlotSet("current_measure", None)]
    # facts the question stated are remembered, so a screening started next never asks them again
    events += [SlotSet(name, value) for name, value in answer.facts.items()]
    return events


class ActionAnswerQuestion(Action):
    """Any question about the document: a measure, a follow-up, the annex, the document itself, or none."""

    def name(self) -> str:
        return "action_answer_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        from actions.screening import correction_restart

        restart = correction_restart(tracker, dispatcher)
        if restart is not None:
            return restart
        answer = respond(latest_text(tracker), tracker.latest_message or {}, context_of(tracker))
        return await deliver(answer, tracker, dispatcher)


class ActionDefaultFallback(ActionAnswerQuestion):
    """Low NLU confidence: the same answering path (search may still know the measure), then hand-off."""

    def name(self) -> str:
        return "action_default_fallback"

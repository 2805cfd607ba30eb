"""Screening dialogue: start (what to check, for whom), verdict, stop. The form itself is in forms.py."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import applicant_of, facts_from_slots, latest_intent, latest_text
from policy_kb import answers
from policy_kb.facts import FACTS
from policy_kb.rules import RULES
from policy_kb.screening import screen, targets_in_text

RECORD_NOT_SAVED = ("提示：系统记录暂时不可用，本次查询结果没能保存，所以没有查询编号；上面的结果不受影响。"
                    "需要编号时请稍后再查一次，或拨打人社服务热线12333。")
"""Said after the verdict when the screening record could not be written (actions/records.py)."""


def begin_screening(dispatcher: CollectingDispatcher, applicant: str | None, targets: list[str]) -> list[dict[str, Any]]:
    """Events that set up a screening for whom and what; the form then asks what is still missing."""
    events: list[dict[str, Any]] = [SlotSet("screening_targets", targets or None), SlotSet("questions_asked", 0),
                                    SlotSet("fallback_count", 0)]
    if applicant:
        events.append(SlotSet("applicant_type", "企业" if applicant == "enterprise" else "个人"))
    if targets:
        names = "、".join(RULES[t].name for t in targets)
        dispatcher.utter_message(text=f"我来帮您查一查能否享受：{names}。需要问您几个问题，随时说“算了”可以停止。")
    else:
        dispatcher.utter_message(text="我来帮您查一查能享受哪些政策。需要问您几个问题，不清楚的可以说“不知道”，随时说“算了”可以停止。")
    return events


class ActionStartScreening(Action):
    """Decide whom the screening is for and which benefits the user asked about, then the form asks."""

    def name(self) -> str:
        return "action_start_screening"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        intent, text = latest_intent(tracker), latest_text(tracker)
        applicant = applicant_of(tracker)
        if intent == "check_enterprise_eligibility":
            applicant = "enterprise"
        elif intent == "check_eligibility" and applicant is None:
            applicant = "person"
        elif applicant is None:  # facts given unasked: whose facts are they?
            kinds = {FACTS[name].applicant for name in facts_from_slots(tracker)} - {"both"}
            applicant = kinds.pop() if len(kinds) == 1 else None
        return begin_screening(dispatcher, applicant, targets_in_text(text, applicant))


class ActionGiveVerdict(Action):
    """The verdict: what the applicant qualifies for, near misses, closed 2020 windows, what to confirm."""

    def name(self) -> str:
        return "action_give_verdict"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        facts = facts_from_slots(tracker)
        applicant = applicant_of(tracker)
        targets = tracker.get_slot("screening_targets") or None
        verdict = screen(facts, applicant=applicant, targets=targets)
        buttons = []
        if targets:
            buttons.append({"title": "再看看我还能享受哪些政策",
                            "payload": "/check_enterprise_eligibility" if applicant == "enterprise" else "/check_eligibility"})
        dispatcher.utter_message(text=answers.verdict_text(verdict), buttons=buttons)
        events: list[dict[str, Any]] = [SlotSet("screening_targets", None), SlotSet("questions_asked", 0),
                                        SlotSet("requested_slot", None)]
        events += await self.record(tracker, verdict, dispatcher)
        return events

    async def record(self, tracker: Tracker, verdict, dispatcher: CollectingDispatcher) -> list[dict[str, Any]]:
        """Save the screening and give the resident its reference code (records.py)."""
        from actions.records import reference_message, save_screening

        saved = await save_screening(tracker, verdict)
        if not saved:  # the records database is down or locked: say so, the verdict itself stands
            dispatcher.utter_message(text=RECORD_NOT_SAVED)
            return []
        dispatcher.utter_message(text=reference_message(saved))
        return [SlotSet("reference_code", saved.code)]


class ActionStopScreening(Action):
    def name(self) -> str:
        return "action_stop_screening"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_screening_stopped")
        return [ActiveLoop(None), SlotSet("requested_slot", None), SlotSet("screening_targets", None),
                SlotSet("questions_asked", 0)]


class ActionShowReferenceCode(Action):
    def name(self) -> str:
        return "action_show_reference_code"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        from actions.records import Saved, last_code_for, reference_message

        saved = await last_code_for(tracker.sender_id)
        if saved is None and tracker.get_slot("reference_code"):  # records unreadable: the code alone
            saved = Saved(tracker.get_slot("reference_code"), None)
        if saved:
            dispatcher.utter_message(text=reference_message(saved, again=True))
        else:
            dispatcher.utter_message(text="您还没有完成过资格查询，所以还没有查询编号。说“我能领什么补贴”就可以开始。",
                                     buttons=[{"title": "开始查询", "payload": "/check_eligibility"}])
        return []

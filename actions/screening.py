"""Screening dialogue: start (what to check, for whom), the verdict, stop, a correction after the verdict.
The form itself is in forms.py; the verdict's wording in language/verdict.py."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.clock import evaluation_date
from actions.common import applicant_of, facts_from_slots, latest_intent, latest_text
from actions.forms import CONFIRM, CORRECTION, stated_corrections
from language import qtype as Q
from language.contact import HR_HOTLINE
from language.extract import extract_facts, without_benefit_names
from language.normalize import normalize
from language.reading import show_fact
from language.verdict import verdict_text
from policy_kb.facts import FACTS
from policy_kb.rules import RULES
from policy_kb.screening import screen, targets_in_text

RECORD_NOT_SAVED = ("提示：系统记录暂时不可用，本次查询结果没能保存，所以没有查询编号；上面的结果不受影响。"
                    f"需要编号时请稍后再查一次，或拨打{HR_HOTLINE}。")
"""Said after the verdict when the screening record could not be written (actions/records.py)."""
# A question that is not "do I qualify" is answered, not turned into a screening.
ANSWER_FIRST = (Q.AMOUNT, Q.FIGURE, Q.HOW, Q.DEPARTMENT, Q.MATERIALS, Q.DEADLINE, Q.FULL_TEXT)
RESET = ["screening_targets", "questions_asked", "facts_unknown", "fact_misses", CONFIRM, "requested_slot"]


def begin_screening(dispatcher: CollectingDispatcher, tracker: Tracker, applicant: str | None,
                    targets: list[str], stated: dict[str, Any]) -> list[dict[str, Any]]:
    """Events that set up a screening for whom and what; the form then asks what is still missing."""
    events: list[dict[str, Any]] = [SlotSet(name, None) for name in RESET]
    events += [SlotSet("screening_targets", targets or None), SlotSet("questions_asked", 0),
               SlotSet("fallback_count", 0), SlotSet("facts_unknown", []), SlotSet("fact_misses", {})]
    if applicant:
        events.append(SlotSet("applicant_type", "企业" if applicant == "enterprise" else "个人"))
    events += [SlotSet(name, value) for name, value in stated.items() if name != "applicant_type"]
    said = "、".join(show_fact(n, v) for n, v in stated.items() if n != "applicant_type")
    noted = f"已记下：{said}。" if said else ""
    if targets:
        names = "、".join(RULES[t].name for t in targets[:3])
        dispatcher.utter_message(text=f"我来帮您查一查能否享受：{names}。{noted}再问您几个问题，不清楚可以说“不知道”，随时说“算了”可以停止。")
    else:
        dispatcher.utter_message(text=f"我来帮您查一查能享受哪些政策。{noted}需要问您几个问题，不清楚可以说“不知道”，随时说“算了”可以停止。")
    return events + [FollowupAction("screening_form")]


def _applicant(tracker: Tracker, intent: str, stated: dict) -> str | None:
    if intent == "check_enterprise_eligibility" or stated.get("applicant_type") == "企业":
        return "enterprise"
    if stated.get("applicant_type") == "个人":
        return "person"
    applicant = applicant_of(tracker)
    if applicant is None and intent == "check_eligibility":
        return "person"
    if applicant is None:
        kinds = {FACTS[name].applicant for name in stated} - {"both"}
        return kinds.pop() if len(kinds) == 1 else None
    return applicant


class ActionStartScreening(Action):
    """A request to check eligibility: a question asking a figure is answered instead; otherwise a
    screening starts for the benefits the message names (or the ones the last answer offered)."""

    def name(self) -> str:
        return "action_start_screening"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        from actions.qa import context_of, deliver
        from language.respond import respond

        intent, text = latest_intent(tracker), latest_text(tracker)
        t = normalize(text)
        situation = without_benefit_names(t)
        from_button = text.startswith("/") or intent == "affirm"
        if intent == "affirm" and not tracker.get_slot("offered_targets"):
            dispatcher.utter_message(response="utter_anything_else")
            return []
        if not from_button and Q.question_type(situation, intent) in ANSWER_FIRST:
            return await deliver(respond(text, tracker.latest_message or {}, context_of(tracker)), tracker, dispatcher)
        on = evaluation_date(tracker)
        stated = {} if from_button else extract_facts(situation, on)
        applicant = _applicant(tracker, intent, stated)
        targets = [] if from_button else targets_in_text(t, applicant)
        if from_button or not targets:
            offered = tracker.get_slot("offered_targets") or []
            targets = [r for r in offered if applicant in (None, RULES[r].applicant)] if from_button else targets
        return begin_screening(dispatcher, tracker, applicant, targets, stated)


def correction_restart(tracker: Tracker, dispatcher: CollectingDispatcher) -> list[dict[str, Any]] | None:
    """After a verdict, "不对，我是2024年毕业的" re-checks the same benefits with the corrected facts."""
    last = tracker.get_slot("last_targets")
    if tracker.get_slot("verdict_given") is not True:
        return None
    t = normalize(latest_text(tracker))
    corrections = stated_corrections(t, None, tracker)
    if not corrections or not CORRECTION.search(t):
        return None
    shown = "、".join(show_fact(n, v) for n, v in corrections.items() if n != "applicant_type")
    dispatcher.utter_message(text=f"好的，已改为：{shown}。我按新的情况重新核对一下。")
    events: list[dict[str, Any]] = [SlotSet(name, None) for name in RESET]
    events += [SlotSet(n, v) for n, v in corrections.items()]
    events += [SlotSet("screening_targets", last or None), SlotSet("questions_asked", 0), SlotSet("facts_unknown", []),
               SlotSet("fact_misses", {}), SlotSet("verdict_given", None), FollowupAction("screening_form")]
    return events


class ActionGiveVerdict(Action):
    """The verdict: the benefit asked about first (yes / no and why / what is missing), then the others."""

    def name(self) -> str:
        return "action_give_verdict"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        facts = facts_from_slots(tracker)
        applicant = applicant_of(tracker)
        targets = tracker.get_slot("screening_targets") or None
        on = evaluation_date(tracker)
        confirmed = tracker.get_slot(CONFIRM) is True
        verdict = screen(facts, on, applicant=applicant)
        asked = screen(facts, on, applicant=applicant, targets=targets) if targets else None
        unknown = list(tracker.get_slot("facts_unknown") or [])
        text = verdict_text(verdict, asked, confirmed=confirmed, skipped=unknown)
        buttons = [{"title": "详细说明怎么申请", "payload": "/ask_how_to_apply"}]
        dispatcher.utter_message(text=text, buttons=buttons)
        first = (asked or verdict)
        measure = (first.eligible or first.undecided or first.near_misses or first.not_eligible or [None])[0]
        events: list[dict[str, Any]] = [SlotSet(name, None) for name in RESET if name != CONFIRM]
        events += [SlotSet("last_targets", targets), SlotSet("verdict_given", True), SlotSet(CONFIRM, None)]
        if measure is not None:
            events.append(SlotSet("current_measure", measure.measure))
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
        return [ActiveLoop(None)] + [SlotSet(name, None) for name in RESET]


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

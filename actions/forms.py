"""The screening form: Docassemble's "checklist, not a flowchart" on top of a Rasa form.

Every turn, ``validate_screening_form`` reads the user's reply to the question asked
(``language.replies.parse_reply``: understood / don't know / a question about the term / not understood),
then asks whatever ``policy_kb.screening.next_questions`` still needs for the benefits in scope — never a
fact already known or skipped. It stops as soon as those benefits are decided or the question cap is
reached (skipped questions count), and before any "符合" it asks the user to confirm the facts the
verdict rests on. Corrections work at any point ("不对，我是2024年毕业的"), a question during the form is
answered and the question asked again, two misunderstandings of the same question skip it.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.clock import evaluation_date
from actions.common import facts_from_slots, latest_intent, latest_text
from language import replies
from language.extract import extract_facts
from language.normalize import compact, normalize
from language.reading import show_fact
from policy_kb.facts import FACTS
from policy_kb.screening import decides, next_questions, screen

CONFIRM = "confirm_facts"
LEAVE_INTENTS = {"stop", "restart"}  # decided by the intent refiner's fixed patterns, never by the classifier alone
CAP_TARGETED = 10  # questions in a screening about named benefits, skipped ones included
CAP_GENERAL = 8  # questions in a general "what can I get" screening
MAX_MISSES = 2  # replies not understood before a question is skipped
YES = re.compile(r"^(对|对的|对呀|对啊|是|是的|是啊|没错|没问题|正确|确认|嗯|嗯嗯|好|好的|中|可以|ok|yes)$")
CHANGE_PREFIX = "改："
CHANGE = re.compile(r"^(不对|不是|错了|改一下|改|要改|有错|不正确|说错了|修改|更正)")
CORRECTION = re.compile(r"不对|错了|说错|改一下|改成|更正|其实|应该是|搞错|不是.{0,6}是")
QUESTION = re.compile(r"[?？]|吗$|呢$|么$|(什么|啥|哪|怎么|咋|多少|几|能不能|可不可以|是不是|有没有)")
ENTERPRISE_SWITCH = re.compile(r"(替|帮|给|为)(我们)?(公司|企业|单位|厂)|我们(是|这)?(个)?(公司|企业|单位|厂)|"
                               r"我是(老板|法人|企业|单位|公司)|(公司|企业|单位)(咨询|问的|的事)|按企业")
PERSON_SWITCH = re.compile(r"(我)?(是|以)?个人(咨询|问|身份|的事)|就我自己|我自己(问|的事)|按个人")


def cap_for(tracker: Tracker) -> int:
    return CAP_TARGETED if tracker.get_slot("screening_targets") else CAP_GENERAL


def remaining_questions(facts: dict, tracker: Tracker) -> list[str]:
    applicant = {"个人": "person", "企业": "enterprise"}.get(facts.get("applicant_type"))
    skip = tuple(tracker.get_slot("facts_unknown") or ())
    targets = tracker.get_slot("screening_targets") or None
    return next_questions(facts, evaluation_date(tracker), applicant, targets, skip=skip)


def needs_confirmation(facts: dict, tracker: Tracker) -> bool:
    """A "符合" is only given on confirmed facts."""
    if tracker.get_slot(CONFIRM) is True:
        return False
    applicant = {"个人": "person", "企业": "enterprise"}.get(facts.get("applicant_type"))
    targets = tracker.get_slot("screening_targets") or None
    return bool(screen(facts, evaluation_date(tracker), applicant, targets).eligible)


def next_slot(facts: dict, tracker: Tracker, asked: int) -> str | None:
    if "applicant_type" not in facts:
        return "applicant_type" if "applicant_type" not in (tracker.get_slot("facts_unknown") or ()) else None
    missing = remaining_questions(facts, tracker)
    if missing and asked < cap_for(tracker):
        return missing[0]
    return CONFIRM if needs_confirmation(facts, tracker) else None


def summary(facts: dict) -> str:
    shown = [show_fact(n, v) for n, v in facts.items() if n != "applicant_type"]
    who = "替企业（单位）咨询" if facts.get("applicant_type") == "企业" else ""
    return "、".join(([who] if who else []) + shown)


def stated_corrections(text: str, asked_name: str | None, tracker: Tracker) -> dict[str, Any]:
    """Facts a reply states besides (or instead of) the one asked: corrections and extra information."""
    t = normalize(text)
    found = {k: v for k, v in extract_facts(t, evaluation_date(tracker), tracker.get_slot("applicant_type")).items()
             if k != asked_name}
    found.pop("applicant_type", None)
    if ENTERPRISE_SWITCH.search(t):
        found["applicant_type"] = "企业"
    elif PERSON_SWITCH.search(t):
        found["applicant_type"] = "个人"
    current = facts_from_slots(tracker)
    return {k: v for k, v in found.items() if current.get(k) != v}


class ValidateScreeningForm(Action):
    def name(self) -> str:
        return "validate_screening_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        requested = tracker.get_slot("requested_slot")
        asked = int(tracker.get_slot("questions_asked") or 0)
        events: list[dict[str, Any]] = []
        if requested and latest_intent(tracker) in LEAVE_INTENTS:
            return []  # the form rejects the turn, so the rules for stop and restart apply (RulePolicy)
        if requested:
            events, asked = await self.read_reply(requested, dispatcher, tracker, asked)
        for event in events:
            if event.get("event") == "active_loop":
                return events
        view = dict(tracker.slots)
        for event in events:
            if event.get("event") == "slot":
                view[event["name"]] = event["value"]
        shadow = copy.copy(tracker)
        shadow.slots = view
        facts = facts_from_slots(shadow)
        events.append(SlotSet("questions_asked", asked))
        events.append(SlotSet("requested_slot", next_slot(facts, shadow, asked)))
        return events

    async def read_reply(self, name: str, dispatcher: CollectingDispatcher, tracker: Tracker,
                         asked: int) -> tuple[list[dict[str, Any]], int]:
        text = latest_text(tracker)
        t = compact(text)
        unknown = list(tracker.get_slot("facts_unknown") or [])
        misses = dict(tracker.get_slot("fact_misses") or {})
        if name == CONFIRM:
            return self.read_confirmation(t, dispatcher, tracker), asked
        reply = replies.parse_reply(name, text, evaluation_date(tracker))
        if reply.kind == "term_question" and not self.about_the_question(name, reply.term):
            reply = replies.Reply("not_understood")  # a question of its own: answered below, then asked again
        if reply.kind == "term_question":
            dispatcher.utter_message(text=replies.term_answer(reply.term) if reply.term else
                                     "这是问您本人的情况。" + replies.hint(name))
            return [SlotSet("fact_misses", misses)], asked
        if reply.kind == "value":
            events = [SlotSet(name, reply.value), SlotSet("fact_misses", {k: v for k, v in misses.items() if k != name})]
            if name == "is_college_graduate":  # the school category also says whether it was a vocational school
                vocational = replies.vocational_school(text)
                if vocational is not None and reply.value is False:  # only what the reply says: 中专 / 高中
                    events.append(SlotSet("is_vocational_graduate", vocational))
            if name in unknown:
                unknown.remove(name)
                events.append(SlotSet("facts_unknown", unknown))
            if CORRECTION.search(t):  # "是的，不过我是去年毕业的"
                events += self.apply_corrections(stated_corrections(text, name, tracker), dispatcher)
            return events, asked + 1
        if reply.kind == "dont_know":
            unknown.append(name)
            dispatcher.utter_message(text=f"没关系，这一项先跳过（{decides(name)}）。")
            return [SlotSet("facts_unknown", unknown), SlotSet(name, None)], asked + 1
        corrections = stated_corrections(text, name, tracker)
        if corrections:
            return self.apply_corrections(corrections, dispatcher), asked
        if QUESTION.search(t) and len(t) >= 4:
            from actions.qa import context_of
            from language.respond import respond

            answer = respond(text, tracker.latest_message or {}, context_of(tracker))
            if answer.kind in ("measure", "annex", "document", "out_of_scope"):
                dispatcher.utter_message(text=answer.text + "\n——我们接着刚才的问题：")
                return [SlotSet("fact_misses", misses)], asked
        misses[name] = misses.get(name, 0) + 1
        if misses[name] >= MAX_MISSES:
            unknown.append(name)
            dispatcher.utter_message(text="这一项先跳过，结论里我会注明需要确认的地方。")
            return [SlotSet("facts_unknown", unknown), SlotSet("fact_misses", misses)], asked + 1
        dispatcher.utter_message(text=f"抱歉，没听明白。{replies.hint(name)}不清楚可以说“不知道”。")
        return [SlotSet("fact_misses", misses)], asked

    @staticmethod
    def about_the_question(name: str, term: str | None) -> bool:
        """Whether a question back is about the question asked (its terms), not a question of its own."""
        if term is None:
            return True
        fact = FACTS[name]
        words = fact.question + fact.description + decides(name) + "".join(replies.options(name))
        return term in words

    def read_confirmation(self, t: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        facts = {n: v for n, v in facts_from_slots(tracker).items() if n != "applicant_type"}
        picked = self.picked_fact(t, facts)
        if picked:  # "改一下" → which one → that question is asked again
            unknown = [f for f in tracker.get_slot("facts_unknown") or [] if f != picked]
            return [SlotSet(picked, None), SlotSet("facts_unknown", unknown), SlotSet(CONFIRM, None)]
        corrections = stated_corrections(t, None, tracker)
        if corrections:
            return self.apply_corrections(corrections, dispatcher) + [SlotSet(CONFIRM, None)]
        if YES.match(t):
            return [SlotSet(CONFIRM, True)]
        buttons = [{"title": FACTS[n].description, "payload": f"{CHANGE_PREFIX}{FACTS[n].description}"} for n in facts]
        if CHANGE.match(t):
            dispatcher.utter_message(text="要改哪一项？请选一项，或直接说要改的内容，比如“我是2024年毕业的”。",
                                     buttons=buttons)
            return [SlotSet(CONFIRM, None), SlotSet("fact_misses", {})]
        dispatcher.utter_message(text="请回答“对”，或说要改哪一项（连同内容，比如“职工有50人”）。")
        return [SlotSet(CONFIRM, None), SlotSet("fact_misses", {})]

    @staticmethod
    def picked_fact(t: str, facts: dict[str, Any]) -> str | None:
        """The fact a reply picks to change: the button "改：毕业年份", or its description typed."""
        text = t.removeprefix(CHANGE_PREFIX.rstrip("：")).lstrip("：:")
        for name in facts:
            description = FACTS[name].description
            if text == description or (len(text) >= 2 and t.startswith(CHANGE_PREFIX[0]) and text in description):
                return name
        return None

    @staticmethod
    def apply_corrections(corrections: dict[str, Any], dispatcher: CollectingDispatcher) -> list[dict[str, Any]]:
        if not corrections:
            return []
        events: list[dict[str, Any]] = [SlotSet(n, v) for n, v in corrections.items()]
        if "applicant_type" in corrections:
            events += [SlotSet("screening_targets", None), SlotSet("questions_asked", 0)]
            who = "企业（单位）" if corrections["applicant_type"] == "企业" else "个人"
            dispatcher.utter_message(text=f"好的，改为按{who}为您查询。")
        shown = [show_fact(n, v) for n, v in corrections.items() if n != "applicant_type"]
        if shown:
            dispatcher.utter_message(text="好的，已记下：" + "、".join(shown) + "。")
        return events + [SlotSet(CONFIRM, None)]


class ActionAskFact(Action):
    """Asks one fact's question, with its options as buttons (their payload is the plain option text)."""

    fact = ""

    def name(self) -> str:
        return f"action_ask_{self.fact}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        options = replies.options(self.fact)
        buttons = [{"title": o, "payload": o} for o in options]
        dispatcher.utter_message(text=FACTS[self.fact].question, buttons=buttons)
        return []


class ActionAskConfirmFacts(Action):
    def name(self) -> str:
        return f"action_ask_{CONFIRM}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        facts = facts_from_slots(tracker)
        dispatcher.utter_message(text=f"我理解您的情况是：{summary(facts)}。对吗？",
                                 buttons=[{"title": "对", "payload": "对"}, {"title": "改一下", "payload": "改一下"}])
        return []


for _name in FACTS:
    globals()[f"ActionAsk_{_name}"] = type(f"ActionAsk_{_name}", (ActionAskFact,), {"fact": _name})


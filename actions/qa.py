"""Answers about the measures and the annex: policy_kb says it, these actions deliver it."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import entity, latest_intent, latest_text
from actions.records import note_question
from policy_kb import answers
from policy_kb.document import measure
from policy_kb.rules import RULES
from policy_kb.search import search
from policy_kb.topics import topic_for_intent, topics

FOLLOW_UPS = {
    "ask_department": answers.departments_answer,
    "ask_how_to_apply": answers.how_to_apply_answer,
    "ask_materials": answers.materials_answer,
    "ask_full_text": answers.full_text,
    "ask_amount": answers.amount_answer,
    "ask_deadline": answers.deadline_answer,
}


def screening_button(measures: tuple[str, ...]) -> list[dict]:
    """Offer a screening when the measure has eligibility rules."""
    kinds = {r.applicant for r in RULES.values() if r.measure in measures}
    buttons = []
    if "person" in kinds:
        buttons.append({"title": "测一测我能不能享受", "payload": "/check_eligibility"})
    if "enterprise" in kinds:
        buttons.append({"title": "测一测企业能不能享受", "payload": "/check_enterprise_eligibility"})
    return buttons


def suggestion_buttons(text: str, k: int = 3) -> list[dict]:
    return [{"title": f"{h.label}{h.title}", "payload": f'/ask_clause{{"clause":"{h.number}"}}'} for h in search(text, k)]


class ActionAnswerTopic(Action):
    """A question about a measure: named by number (第十三条) or by topic (创业贷款能贷多少)."""

    def name(self) -> str:
        return "action_answer_topic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        text, intent = latest_text(tracker), latest_intent(tracker)
        clause = entity(tracker, "clause")
        topic = topic_for_intent(intent)
        if clause:
            m = measure(clause)
            await note_question(tracker, m.number)
            dispatcher.utter_message(text=answers.measure_answer(m.number, None, text),
                                     buttons=screening_button((m.number,)))
            return [SlotSet("current_measure", m.number), SlotSet("current_topic", None), SlotSet("fallback_count", 0)]
        if topic is None:  # ask_clause without a number we can read
            dispatcher.utter_message(text="您想了解第几条？文件共26条措施，例如“第十三条”。也可以直接问内容。",
                                     buttons=suggestion_buttons(text))
            return []
        await note_question(tracker, topic.measures[0])
        events = [SlotSet("current_measure", topic.measures[0]), SlotSet("current_topic", topic.id),
                  SlotSet("fallback_count", 0)]
        if topic.id == "overview":
            dispatcher.utter_message(text=answers.overview())
            return events
        dispatcher.utter_message(text=answers.topic_answer(topic.id, text), buttons=screening_button(topic.measures))
        return events


class ActionAnswerFollowup(Action):
    """找哪个部门 / 怎么申请 / 要什么材料 / 原文 / 多少钱 / 截止时间 — about the measure just discussed."""

    def name(self) -> str:
        return "action_answer_followup"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        intent = latest_intent(tracker)
        number = entity(tracker, "clause") or tracker.get_slot("current_measure")
        if not number:
            hits = search(latest_text(tracker), 1)
            number = hits[0].number if hits else None
        if not number or intent not in FOLLOW_UPS:
            dispatcher.utter_message(text="您问的是哪一条政策？可以说政策名称，比如“创业担保贷款怎么申请”。",
                                     buttons=suggestion_buttons(latest_text(tracker)))
            return []
        await note_question(tracker, number)
        dispatcher.utter_message(text=FOLLOW_UPS[intent](number))
        return [SlotSet("current_measure", number), SlotSet("fallback_count", 0)]


class ActionAnswerAnnex(Action):
    def name(self) -> str:
        return "action_answer_annex"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        dispatcher.utter_message(text=answers.annex_answer(latest_text(tracker)))
        return [SlotSet("fallback_count", 0)]


class ActionDefaultFallback(Action):
    """Low confidence: suggest the best-matching measures; after repeated misunderstanding, the hotline."""

    def name(self) -> str:
        return "action_default_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        count = int(tracker.get_slot("fallback_count") or 0) + 1
        text = latest_text(tracker)
        if count >= 2:
            dispatcher.utter_message(
                text="抱歉，我还是没能理解您的问题。建议您拨打人社服务热线12333，或到市人社局（新密市人力资源和社会保障局）"
                     "窗口咨询，工作人员会为您解答。您也可以换个说法，比如“创业贷款能贷多少”。")
            return [SlotSet("fallback_count", 0)]
        buttons = suggestion_buttons(text)
        if buttons:
            dispatcher.utter_message(text="抱歉，我没完全理解。您是想问下面哪条政策？", buttons=buttons)
        else:
            topics_list = "、".join(t.title for t in list(topics().values())[9:15])
            dispatcher.utter_message(text=f"抱歉，我没理解。我能解答新密市稳就业政策，例如：{topics_list}等。请换个说法试试。")
        return [SlotSet("fallback_count", count)]

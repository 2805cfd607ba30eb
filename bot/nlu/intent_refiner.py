"""Rasa NLU component: corrects the classifier where policy_kb's own terms leave no doubt.

Deterministic corrections: short stop and don't-know messages (算了，不查了 / 不知道) are always those
intents, whatever the classifier says; and two from policy_kb, so they stay in step with the policy:
- a message asking whether the writer qualifies (我能不能领…, 我们公司能申请…) is a screening request
  (check_eligibility / check_enterprise_eligibility), whatever topic it names;
- when the classifier is unsure (confidence below UNSURE), a topic question that contains another
  measure's own specific term (一次性求职创业补贴, 创业担保贷款 …: five characters or more) and none of the
  predicted topic's terms goes to the named topic. Short, shared words (小微企业) never override.
It runs after DIET and before the FallbackClassifier; the original ranking is kept.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from language.extract import asks_own_eligibility, extract_facts
from language.replies import DONT_KNOW
from language.scope import read_scope
from policy_kb.topics import topic_by_keywords, topic_for_intent

OUTSIDE = ("other_place", "other_subject", "newer_strong")

# Intents a "do I qualify" message never overrides: dialogue control, chit-chat, other places' policies.
NOT_SCREENING = {"stop", "restart", "deny", "affirm", "dont_know", "goodbye", "thank", "greet", "out_of_scope",
                 "bot_challenge", "ask_reference_code", "ask_annex"}
# Dialogue control must never depend on the classifier's mood: short stop / don't-know messages.
STOP = re.compile(r"^(好吧)?[，,\s]*(算了|不查了|不问了|不测了|不弄了|不办了|停止|停|退出|结束|取消|不用查了|不想查了)"
                  r"([，,\s]*(算了|不查了|不问了|吧|了|啊|呀|谢谢))*[。.!！~]*$")
SCREEN = re.compile(r"^(我|俺)?(想|要)?(请)?(帮我|给我|帮忙)?(测一测|测一下|测测|查一查|查一下|查查|算一算|算一下|看看|筛查一下)"
                    r"(吧|呗|一下)?(我|俺)?(能(领|享受|申请)(什么|哪些|啥)(补贴|政策)?)?[。.!！~]*$")
RESTART = re.compile(r"^(请)?(重新开始|从头开始|重来|重新来|从头再来|重新查|重新测)(吧|一下|一遍)?[。.!！~]*$")
DONT_KNOW_ONLY = re.compile(rf"^(我|俺)?(也)?(?:{DONT_KNOW.pattern})(了|啊|呀|嘞)?[。.!！~]*$")
UNSURE = 0.6
SPECIFIC_TERM = 5  # characters


def refine(text: str, intent: str, confidence: float = 0.0) -> str | None:
    """The intent to use for ``text`` given the classifier's ``intent`` and its confidence; None when the
    classifier's own answer stands."""
    compact = re.sub(r"\s+", "", text)
    if len(compact) <= 12 and STOP.match(compact):
        return "stop"
    if RESTART.match(compact):
        return "restart"
    if SCREEN.match(compact):
        return "check_eligibility"
    scope = read_scope(compact)
    if scope is not None and scope.kind in OUTSIDE and intent not in ("out_of_scope", "greet", "goodbye", "thank"):
        return "out_of_scope"  # other places, other subjects, later documents: the answering path says so
    if DONT_KNOW_ONLY.match(compact):
        return "dont_know"
    topic = topic_for_intent(intent)
    if asks_own_eligibility(text) and intent not in NOT_SCREENING:
        return "check_enterprise_eligibility" if extract_facts(text).get("applicant_type") == "企业" \
            else "check_eligibility"
    named = topic_by_keywords(text, min_length=SPECIFIC_TERM) if confidence < UNSURE else None
    if topic is not None and named is not None and named is not topic and not any(k in text for k in topic.keywords):
        return named.intent
    return None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PolicyIntentRefiner(GraphComponent):
    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> PolicyIntentRefiner:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text, intent = message.get(TEXT) or "", message.get(INTENT) or {}
            name = intent.get("name")
            if not text or text.startswith("/") or not name:
                continue
            better = refine(text, name, intent.get("confidence") or 0.0)
            if better is not None:
                # the others stay listed, but below the ambiguity margin of the FallbackClassifier
                ranking = [dict(r, confidence=min(r.get("confidence", 0.0), 0.5))
                           for r in message.get(INTENT_RANKING_KEY, []) if r.get("name") != better]
                top = {"name": better, "confidence": 1.0}
                message.set(INTENT, top, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [top] + ranking, add_to_output=True)
        return messages

    def process_training_data(self, training_data, **kwargs):
        return training_data

"""Rasa NLU component: the facts a message states, as entities named after the policy_kb fact vocabulary.

Extraction is policy_kb's (``policy_kb.extract``): deterministic, normalised values (``graduation_year``
2025 for 去年毕业, ``age`` 23 for 二十三岁), so slots fill the same way in training and in use. A measure
number the user names (第十三条, （二十一）) becomes the ``clause`` entity.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from policy_kb.extract import extract_clause, extract_facts

EXTRACTOR = "PolicyFactExtractor"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class PolicyFactExtractor(GraphComponent):
    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> PolicyFactExtractor:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/"):
                continue
            entities = list(message.get(ENTITIES, []))
            entities.extend(self._entities(text))
            message.set(ENTITIES, entities, add_to_output=True)
        return messages

    def process_training_data(self, training_data, **kwargs):
        return training_data

    @staticmethod
    def _entities(text: str) -> list[dict[str, Any]]:
        # Rasa entity values are strings or numbers: yes/no facts travel as 是/否 (policy_kb reads both).
        found = [{"entity": name, "value": ({True: "是", False: "否"}[value] if isinstance(value, bool) else value),
                  "start": 0, "end": len(text), "extractor": EXTRACTOR, "confidence_entity": 1.0}
                 for name, value in extract_facts(text).items()]
        clause: str | None = extract_clause(text)
        if clause:
            found.append({"entity": "clause", "value": clause, "start": 0, "end": len(text), "extractor": EXTRACTOR,
                          "confidence_entity": 1.0})
        return found

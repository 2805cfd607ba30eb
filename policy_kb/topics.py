"""Question topics (one Rasa intent ``ask_<topic>`` each) and the measures that answer them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from policy_kb.document import DATA


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    measures: tuple[str, ...]
    keywords: tuple[str, ...]

    @property
    def intent(self) -> str:
        return f"ask_{self.id}"


@lru_cache(maxsize=1)
def topics() -> dict[str, Topic]:
    raw = yaml.safe_load((DATA / "topics.yaml").read_text(encoding="utf-8"))
    return {
        key: Topic(key, value["title"], tuple(str(m) for m in value["measures"]), tuple(value["keywords"]))
        for key, value in raw.items()
    }


def topic_for_intent(intent: str) -> Topic | None:
    return topics().get(intent.removeprefix("ask_")) if intent else None


def keywords_by_measure() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for topic in topics().values():
        for number in topic.measures:
            out.setdefault(number, [])
            out[number].extend(k for k in topic.keywords if k not in out[number])
    return out

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
    rules: tuple[str, ...] = ()  # rule ids a screening on this topic checks; empty = all of its measures'

    @property
    def intent(self) -> str:
        return f"ask_{self.id}"


@lru_cache(maxsize=1)
def topics() -> dict[str, Topic]:
    raw = yaml.safe_load((DATA / "topics.yaml").read_text(encoding="utf-8"))
    return {
        key: Topic(key, value["title"], tuple(str(m) for m in value["measures"]), tuple(value["keywords"]),
                   tuple(value.get("rules", ())))
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


def topic_by_keywords(text: str, min_length: int = 4) -> Topic | None:
    """The topic whose keyword the text contains, preferring the longest match (specific terms such
    as 一次性求职创业补贴 name their topic unambiguously); None when no keyword of that length occurs."""
    best: tuple[int, Topic] | None = None
    for topic in topics().values():
        for keyword in topic.keywords:
            if len(keyword) >= min_length and keyword in (text or "") and (best is None or len(keyword) > best[0]):
                best = (len(keyword), topic)
    return best[1] if best else None


def topic_rules(topic: Topic, applicant: str | None = None) -> list[str]:
    """The rules a screening about this topic checks, for the applicant (person/enterprise) if given."""
    from policy_kb.rules import RULES

    ids = topic.rules or tuple(r.id for r in RULES.values() if r.measure in topic.measures)
    return [i for i in ids if applicant in (None, RULES[i].applicant)]

"""The trained NLU against the keyword baseline on the held-out set (tests/nlu/test_nlu.yml), in one run.

* Intent level (the NLU alone): accuracy and macro-F1 over all intents, parse latency p50/p95.
* Measure level, on the sentences whose gold intent is a topic intent (``ask_<topic>``): a prediction is
  right when the measure it leads to is one of the gold topic's measures. The NLU leads to a measure
  through its intent (intent → topic → the topic's first measure, the one the assistant cites); the
  baseline is what a user would otherwise have, policy_kb's BM25 search alone: its top hit's number.
  Macro-F1 is over the gold topics; a wrong prediction is attributed to the topic it points to (the
  NLU's predicted topic; for BM25 the first topic listing the hit's measure), "none" when there is none.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from bench.stats import percentile
from bot.launcher import ROOT
from bot.nlu_eval import load_examples, report

HELD_OUT = ROOT / "tests" / "nlu" / "test_nlu.yml"


def _topic_of_measure(number: str | None) -> str:
    from policy_kb.topics import topics

    if number is None:
        return "none"
    return next((t.id for t in topics().values() if number in t.measures), f"measure {number}")


def measure_level(gold_topics: list[str], predicted_measures: list[str | None],
                  pointed_topics: list[str]) -> dict:
    """Accuracy and macro-F1 of measure predictions against gold topics."""
    from sklearn.metrics import f1_score

    from policy_kb.topics import topics

    labels, right = [], 0
    for gold, measure, pointed in zip(gold_topics, predicted_measures, pointed_topics):
        if measure is not None and measure in topics()[gold].measures:
            labels.append(gold)
            right += 1
        else:
            labels.append(pointed if pointed != gold else f"{gold} (wrong measure)")
    gold_labels = sorted(set(gold_topics))
    return {"accuracy": round(right / len(gold_topics), 4) if gold_topics else 0.0,
            "macro_f1": round(float(f1_score(gold_topics, labels, labels=gold_labels, average="macro",
                                             zero_division=0)), 4),
            "sentences": len(gold_topics)}


async def _parse(model: Path, texts: list[str]) -> tuple[list[str], list[float]]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    for text in texts[:5]:  # warm-up: the first parses build TensorFlow functions
        await agent.parse_message(text)
    intents, latencies = [], []
    for text in texts:
        started = time.perf_counter()
        result = await agent.parse_message(text)
        latencies.append((time.perf_counter() - started) * 1000)
        intents.append(result["intent"]["name"])
    return intents, latencies


def evaluate(model: Path, data: Path = HELD_OUT) -> dict:
    from language.search import search
    from policy_kb.topics import topic_for_intent

    examples = load_examples(data)
    texts = [t for t, _ in examples]
    gold = [g for _, g in examples]
    predicted, latencies = asyncio.run(_parse(model, texts))
    intent_report = report(gold, predicted)

    bm25_started = time.perf_counter()
    bm25_hits = [search(t, 1) for t in texts]
    bm25_ms = (time.perf_counter() - bm25_started) * 1000 / max(1, len(texts))

    rows = [(i, topic_for_intent(g)) for i, g in enumerate(gold)]
    rows = [(i, topic) for i, topic in rows if topic is not None]
    gold_topics = [topic.id for _, topic in rows]
    nlu_measures, nlu_pointed, bm25_measures, bm25_pointed = [], [], [], []
    for i, _ in rows:
        topic = topic_for_intent(predicted[i])
        nlu_measures.append(topic.measures[0] if topic else None)
        nlu_pointed.append(topic.id if topic else "none")
        hit = bm25_hits[i][0].number if bm25_hits[i] else None
        bm25_measures.append(hit)
        bm25_pointed.append(_topic_of_measure(hit))
    ordered = sorted(latencies)
    return {
        "held_out": str(data.relative_to(ROOT)),
        "sentences": len(texts),
        "intent": {"accuracy": intent_report["accuracy"], "macro_f1": intent_report["macro_f1"],
                   "intents": len(intent_report["per_intent"])},
        "parse_ms": {"p50": percentile(ordered, 50), "p95": percentile(ordered, 95)},
        "measure_nlu": measure_level(gold_topics, nlu_measures, nlu_pointed),
        "measure_bm25": measure_level(gold_topics, bm25_measures, bm25_pointed),
        "bm25_ms_mean": round(bm25_ms, 2),
    }

"""Judge the trained NLU on the held-out set (tests/nlu/): accuracy, macro-F1, per-intent report.

``python -m bot.nlu_eval --model models/xinmi.tar.gz --data tests/nlu/test_nlu.yml --out results/nlu``
prints a table and writes ``report.json``. The held-out set is never used for training.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from collections import Counter
from pathlib import Path

import yaml


def load_examples(path: Path) -> list[tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for block in data.get("nlu", []):
        for line in block["examples"].splitlines():
            line = line.strip()
            if line.startswith("- "):
                out.append((line[2:].strip(), block["intent"]))
    return out


def report(gold: list[str], predicted: list[str]) -> dict:
    from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

    labels = sorted(set(gold))
    p, r, f, s = precision_recall_fscore_support(gold, predicted, labels=labels, zero_division=0)
    per_intent = {lab: {"precision": round(float(p[i]), 3), "recall": round(float(r[i]), 3),
                        "f1": round(float(f[i]), 3), "support": int(s[i])} for i, lab in enumerate(labels)}
    confusions = Counter((g, q) for g, q in zip(gold, predicted) if g != q)
    return {
        "accuracy": round(float(accuracy_score(gold, predicted)), 4),
        "macro_f1": round(float(f1_score(gold, predicted, labels=labels, average="macro", zero_division=0)), 4),
        "examples": len(gold),
        "per_intent": per_intent,
        "top_confusions": [{"gold": g, "predicted": q, "count": n} for (g, q), n in confusions.most_common(15)],
    }


def quiet_rasa() -> None:
    """Rasa logs every parse at debug level through structlog; a report wants only warnings."""
    import logging

    from rasa.utils.log_utils import configure_structlog

    logging.getLogger().setLevel(logging.WARNING)
    configure_structlog(logging.WARNING)


async def parse_all(model: str, examples: list[tuple[str, str]]) -> tuple[list[str], list[float]]:
    from rasa.core.agent import Agent

    quiet_rasa()
    agent = Agent.load(model)
    predicted, latencies = [], []
    for text, _ in examples:
        start = time.perf_counter()
        result = await agent.parse_message(text)
        latencies.append((time.perf_counter() - start) * 1000)
        predicted.append(result["intent"]["name"])
    return predicted, latencies


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--data", default="tests/nlu/test_nlu.yml")
    p.add_argument("--out", default="results/nlu")
    p.add_argument("--min-accuracy", type=float, default=0.0, help="fail (exit 1) below this accuracy")
    args = p.parse_args(argv)
    examples = load_examples(Path(args.data))
    predicted, latencies = asyncio.run(parse_all(args.model, examples))
    gold = [intent for _, intent in examples]
    result = report(gold, predicted)
    ordered = sorted(latencies)
    result["parse_ms_p50"] = round(statistics.median(ordered), 1)
    result["parse_ms_p95"] = round(ordered[int(0.95 * (len(ordered) - 1))], 1)
    result["errors"] = [{"text": t, "gold": g, "predicted": q} for (t, g), q in zip(examples, predicted) if g != q]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nHeld-out NLU ({result['examples']} sentences, {args.data})")
    print(f"accuracy {result['accuracy']:.3f}   macro-F1 {result['macro_f1']:.3f}   "
          f"parse p50 {result['parse_ms_p50']} ms  p95 {result['parse_ms_p95']} ms")
    print(f"{'intent':36} {'prec':>6} {'rec':>6} {'f1':>6} {'n':>4}")
    for intent, row in sorted(result["per_intent"].items(), key=lambda kv: kv[1]["f1"]):
        print(f"{intent:36} {row['precision']:6.2f} {row['recall']:6.2f} {row['f1']:6.2f} {row['support']:4d}")
    print("top confusions: " + "; ".join(f"{c['gold']}→{c['predicted']}×{c['count']}" for c in result["top_confusions"][:8]))
    print(f"report: {out / 'report.json'}")
    if result["accuracy"] < args.min_accuracy:
        print(f"FAILED: accuracy {result['accuracy']:.3f} is below the floor {args.min_accuracy}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

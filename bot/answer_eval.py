"""Judge the assistant's answers on an answer-level question set written apart from the project.

``python -m bot.answer_eval --model models/xinmi.tar.gz --data tests/answers/heldout.yml`` runs every
question through the trained NLU and ``language.respond`` — the path the Rasa action takes — and checks
each answer: the right measure cited (the annex, the document itself, or an out-of-scope answer where
the label says so) and every fact the label requires present in the text (or, where the text states no
such figure, an answer that says so). Beside it, on the same questions: ``language.search`` top-1 alone
and a plain BM25 over the raw clauses. Prints per question type and per measure, answer lengths, and the
coverage of every measure by rule cases and questions.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from policy_kb.document import GENERAL

NOT_STATED = ("没有规定", "未规定", "没有写明", "没有列出", "未作具体规定", "没有具体规定", "按上级规定", "未列明")
DOCUMENT, ANNEX = "文件", "附件"


def load(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


DEPARTMENT_LIST = re.compile(r"市[^、，。]{1,12}(?:局|委|办|会)(?:、[^、，。]{1,12}(?:局|委|办|会|支行))+")


def _departments_spelt_out(option: str) -> str:
    """A department list copied from the text (市财政局、人社局、社保局) spelt out as the answers say it
    (市财政局、市人社局、市社保局): the same departments."""
    from policy_kb.document import spell_out_departments

    return "、".join(spell_out_departments(option)) if DEPARTMENT_LIST.fullmatch(option) else option


def contains(text: str, fact) -> bool:
    options = fact if isinstance(fact, list) else [fact]
    body = _norm(text)
    return any(_norm(str(o)) in body or _norm(_departments_spelt_out(str(o))) in body for o in options)


def judge(item: dict, answer) -> dict:
    labels = [str(m) for m in item.get("measures") or []]
    text = answer.text
    if not labels:
        measure_ok = answer.kind == "out_of_scope"
    elif labels == [DOCUMENT]:
        # the document itself: its own answer, or its general part (总体要求: what it is for, its aims)
        measure_ok = answer.kind == "document" or answer.measures == [GENERAL]
    else:
        cited = set(answer.measures)
        measure_ok = bool(cited & set(labels))
    if item.get("not_stated"):
        fact_ok = any(w in text for w in NOT_STATED)
    else:
        fact_ok = all(contains(text, f) for f in item.get("must_contain") or [])
    return {"measure_ok": measure_ok, "fact_ok": fact_ok, "correct": measure_ok and fact_ok}


def _raw_bm25():
    import bm25s

    from policy_kb.document import measures

    docs = list(measures().values())

    def grams(text: str) -> list[str]:
        han = re.sub(r"[^\u4e00-\u9fff0-9]", "", unicodedata.normalize("NFKC", text))
        return [han[i:i + 2] for i in range(len(han) - 1)]

    retriever = bm25s.BM25()
    retriever.index([grams(m.text) for m in docs], show_progress=False)

    def top(query: str) -> str | None:
        q = grams(query)
        if not q:
            return None
        results, scores = retriever.retrieve([q], k=1, show_progress=False)
        return docs[int(results[0][0])].number if scores[0][0] > 0 else None

    return top


async def parse_all(model: str, texts: list[str]) -> list[dict]:
    from rasa.core.agent import Agent

    from bot.nlu_eval import quiet_rasa

    quiet_rasa()
    agent = Agent.load(model)
    return [await agent.parse_message(t) for t in texts]


def coverage(items: list[dict]) -> list[tuple[str, int, int]]:
    from policy_kb.document import NUMERALS
    from policy_kb.rules import RULES

    cases_dir = Path(__file__).resolve().parent.parent / "tests" / "policy_kb" / "cases"
    cases: Counter[str] = Counter()
    for path in sorted(cases_dir.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases[RULES[case["rule"]].measure] += 1
    questions: Counter[str] = Counter(str(m) for item in items for m in item.get("measures") or [])
    return [(n, cases[n], questions[n]) for n in [*NUMERALS, ANNEX]]


def evaluate(items: list[dict], parses: list[dict]) -> dict:
    from language.normalize import normalize
    from language.respond import Context, respond
    from language.search import search

    raw = _raw_bm25()
    rows = []
    for item, parse in zip(items, parses):
        answer = respond(item["q"], parse, Context())
        verdict = judge(item, answer)
        labels = [str(m) for m in item.get("measures") or []]
        numbered = [m for m in labels if m not in (DOCUMENT, ANNEX, GENERAL)]
        hits = search(normalize(item["q"]), 1)
        rows.append({**item, **verdict, "kind": answer.kind, "cited": answer.measures, "chars": len(answer.text),
                     "intent": (parse.get("intent") or {}).get("name"),
                     "search_ok": bool(numbered) and bool(hits) and hits[0].number in numbered,
                     "bm25_ok": bool(numbered) and raw(item["q"]) in numbered,
                     "about_measure": bool(numbered), "answer": answer.text})
    return summarise(rows)


def _rate(rows: list[dict], key: str) -> float:
    return round(sum(r[key] for r in rows) / len(rows), 3) if rows else 0.0


def summarise(rows: list[dict]) -> dict:
    by_type: dict[str, list[dict]] = defaultdict(list)
    by_measure: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_type[r.get("type", "?")].append(r)
        for m in r.get("measures") or ["(out of scope)"]:
            by_measure[str(m)].append(r)
    measure_rows = [r for r in rows if r["about_measure"]]
    in_scope_facts = [r for r in rows if r.get("must_contain") or r.get("not_stated")]
    return {
        "questions": len(rows),
        "correct": _rate(rows, "correct"),
        "measure_ok": _rate(rows, "measure_ok"),
        "fact_ok": _rate(in_scope_facts, "fact_ok"),
        "on_measure_questions": {"assistant": _rate(measure_rows, "measure_ok"),
                                 "search_top1": _rate(measure_rows, "search_ok"),
                                 "raw_bm25_top1": _rate(measure_rows, "bm25_ok"), "n": len(measure_rows)},
        "wrong_measure_answered_as": dict(Counter(r["kind"] for r in measure_rows if not r["measure_ok"])),
        "answer_chars_median": statistics.median(r["chars"] for r in rows) if rows else 0,
        "answer_chars_p90": sorted(r["chars"] for r in rows)[int(0.9 * (len(rows) - 1))] if rows else 0,
        "by_type": {t: {"n": len(v), "correct": _rate(v, "correct"), "measure": _rate(v, "measure_ok"),
                        "fact": _rate(v, "fact_ok")} for t, v in sorted(by_type.items())},
        "by_measure": {m: {"n": len(v), "correct": _rate(v, "correct")} for m, v in by_measure.items()},
        "failures": [{k: r[k] for k in ("q", "type", "measures", "must_contain", "kind", "cited", "intent",
                                         "measure_ok", "fact_ok", "answer")} for r in rows if not r["correct"]],
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--data", default="tests/answers/heldout.yml")
    p.add_argument("--out", default="results/answers")
    p.add_argument("--min-correct", type=float, default=0.0, help="fail (exit 1) below this share of right answers")
    args = p.parse_args(argv)
    items = load(Path(args.data))
    parses = asyncio.run(parse_all(args.model, [i["q"] for i in items]))
    result = evaluate(items, parses)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    m = result["on_measure_questions"]
    print(f"\nAnswer-level evaluation ({result['questions']} questions, {args.data})")
    print(f"right answer (measure and asked fact): {result['correct']:.3f}   right measure: {result['measure_ok']:.3f}   "
          f"asked fact present: {result['fact_ok']:.3f}")
    print(f"naming the measure, on the {m['n']} questions about one: assistant {m['assistant']:.3f}   "
          f"language.search top-1 {m['search_top1']:.3f}   plain BM25 over the raw clauses {m['raw_bm25_top1']:.3f}")
    print(f"questions about a measure whose measure was missed, by what they got: {result['wrong_measure_answered_as']}")
    print(f"answer length: median {result['answer_chars_median']} characters, 90th percentile {result['answer_chars_p90']}")
    print(f"{'question type':16} {'n':>4} {'right':>6} {'measure':>8} {'fact':>6}")
    for t, row in result["by_type"].items():
        print(f"{t:16} {row['n']:4d} {row['correct']:6.2f} {row['measure']:8.2f} {row['fact']:6.2f}")
    print("per measure (right answers / questions): " + "  ".join(
        f"{k} {round(v['correct'] * v['n'])}/{v['n']}" for k, v in result["by_measure"].items()))
    print(f"{'coverage':10} {'rule cases':>10} {'questions':>10}")
    for number, cases, questions in coverage(load(Path(args.data))):
        print(f"{number:10} {cases:10d} {questions:10d}")
    print(f"report: {out / 'report.json'}")
    if result["correct"] < args.min_correct:
        print(f"FAILED: {result['correct']:.3f} right answers is below the floor {args.min_correct}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

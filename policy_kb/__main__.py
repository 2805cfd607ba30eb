"""Command line: ``python -m policy_kb clause 十三 | explain 十三 | search "…" | annex … | screen --facts FILE [--on DATE]``.

Bad input (unknown clause, unknown fact, wrong type, bad date) prints one line and exits with status 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import yaml

from language import answers  # the wording of what the CLI prints; the law is policy_kb's
from language.compose import measure_reply
from language.qtype import FULL_TEXT, WHAT
from language.search import search
from language.verdict import verdict_text
from policy_kb import annex, explain, explain_markdown
from policy_kb.document import citation, measure
from policy_kb.facts import FACTS, FactError
from policy_kb.rules import RULES
from policy_kb.screening import screen


class UsageError(Exception):
    """Reported as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (the usage text is under --help)."""

    def error(self, message: str):
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def _emit(data, text: str, as_json: bool) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str) if as_json else text)


def cmd_clause(args) -> None:
    try:
        m = measure(args.number)
    except KeyError as e:
        raise UsageError(str(e.args[0])) from None
    data = {"number": m.number, "label": m.label, "section": m.section, "title": m.title, "text": m.text,
            "departments": m.departments, "amounts": m.amounts, "dates": m.dates, "keywords": m.keywords,
            "citation": citation(m.number)}
    _emit(data, measure_reply(m.number, kind=FULL_TEXT if args.full else WHAT), args.json)


def cmd_explain(args) -> None:
    """A measure's page: its text, the parameters quoted from it, the rules using them and their cases."""
    try:
        page = explain.page(args.number)
    except KeyError as e:
        raise UsageError(str(e.args[0])) from None
    _emit(page, explain_markdown.markdown(page).rstrip("\n"), args.json)


def cmd_search(args) -> None:
    hits = search(args.query, k=args.k)
    data = [h.__dict__ for h in hits]
    text = "\n".join(f"{h.label} {h.title}  ({h.score:.2f})\n    {h.snippet}" for h in hits) or "没有找到相关条款。"
    _emit(data, text, args.json)


def cmd_annex(args) -> None:
    if args.what == "unit":
        unit = annex.find_unit(args.name or "")
        if not unit:
            raise UsageError(f"unknown unit {args.name!r}; units: {', '.join(annex.units())}")
        _emit({"unit": unit, "targets": annex.unit_targets(unit)}, answers.unit_answer(unit), args.json)
    elif args.what in ("indicator", "rank"):
        indicator = annex.find_indicator(args.name or "")
        if not indicator:
            raise UsageError(f"unknown indicator {args.name!r}; indicators: {', '.join(annex.INDICATORS)}")
        if args.what == "indicator":
            _emit({"indicator": indicator, "targets": annex.indicator_across_units(indicator),
                   "total": annex.totals()[indicator]}, answers.indicator_answer(indicator), args.json)
        else:
            ranked = annex.ranking(indicator, largest=not args.least)
            text = "\n".join(f"{i + 1}. {u} {v}" for i, (u, v) in enumerate(ranked))
            _emit({"indicator": indicator, "ranking": ranked, "no_task": annex.no_task_units(indicator)}, text, args.json)
    elif args.what == "totals":
        _emit(annex.totals(), answers.annex_answer("全市合计"), args.json)
    elif args.what == "banks":
        _emit([b.__dict__ for b in annex.banks()], answers.banks_answer(), args.json)
    else:  # ask
        _emit({"answer": answers.annex_answer(args.name or "")}, answers.annex_answer(args.name or ""), args.json)


def _load_facts(path: str) -> dict:
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as e:
        raise UsageError(f"cannot read facts file {path}: {e.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"facts file {path} is not UTF-8 text") from None
    try:
        data = yaml.safe_load(raw) or {}
    except yaml.YAMLError:
        raise UsageError(f"facts file {path} is not valid YAML/JSON") from None
    if not isinstance(data, dict):
        raise UsageError(f"facts file {path} must map fact names to values")
    return data


def cmd_screen(args) -> None:
    values = _load_facts(args.facts)
    try:
        on = dt.date.fromisoformat(args.on) if args.on else None
    except ValueError:
        raise UsageError(f"--on must be a date YYYY-MM-DD, not {args.on!r}") from None
    try:
        verdict = screen(values, on, args.applicant, args.rule or None)
    except FactError as e:
        raise UsageError(str(e)) from None
    except KeyError as e:
        raise UsageError(str(e.args[0])) from None
    _emit(verdict.to_dict(), verdict_text(verdict, confirmed=True), args.json)  # the facts given are the facts


def cmd_facts(args) -> None:
    data = [{"name": f.name, "type": f.type, "values": list(f.values), "applicant": f.applicant,
             "question": f.question} for f in FACTS.values()]
    text = "\n".join(f"{f.name:42} {f.type:7} {f.applicant:10} {f.question}" for f in FACTS.values())
    _emit(data, text, args.json)


def cmd_rules(args) -> None:
    data = [{"id": r.id, "name": r.name, "measure": r.measure, "applicant": r.applicant, "kind": r.kind,
             "facts": sorted(r.facts_used())} for r in RULES.values()]
    text = "\n".join(f"{r.id:36} （{r.measure}）{r.name}" for r in RULES.values())
    _emit(data, text, args.json)


def _positive_int(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m policy_kb",
                                description="新密政〔2020〕4号 稳就业实施意见：条款、附件目标任务、资格筛查")
    sub = p.add_subparsers(dest="command")

    def add(name, func, help_):
        s = sub.add_parser(name, help=help_)
        s.add_argument("--json", action="store_true", help="machine-readable output")
        s.set_defaults(func=func)
        return s

    s = add("clause", cmd_clause, "one measure: 十三, 13 or 总体要求")
    s.add_argument("number")
    s.add_argument("--full", action="store_true", help="full clause text")
    s = add("explain", cmd_explain, "a measure beside its code: text, parameters, rules, rule cases (十三, 13 or （十三）)")
    s.add_argument("number")
    s = add("search", cmd_search, "ranked search over the clauses")
    s.add_argument("query")
    s.add_argument("-k", type=_positive_int, default=3, help="how many clauses (at least 1)")
    s = add("annex", cmd_annex, "the target table: unit NAME | indicator NAME | rank NAME [--least] | totals | banks | ask TEXT")
    s.add_argument("what", choices=["unit", "indicator", "rank", "totals", "banks", "ask"])
    s.add_argument("name", nargs="?")
    s.add_argument("--least", action="store_true")
    s = add("screen", cmd_screen, "screen an applicant: --facts FILE (YAML/JSON) [--on YYYY-MM-DD]")
    s.add_argument("--facts", required=True)
    s.add_argument("--on")
    s.add_argument("--applicant", choices=["person", "enterprise"])
    s.add_argument("--rule", action="append", help="only this rule (repeatable)")
    add("facts", cmd_facts, "the fact vocabulary")
    add("rules", cmd_rules, "the eligibility rules")
    return p


def main(argv: list[str] | None = None) -> int:
    p = parser()
    try:
        args = p.parse_args(argv)
    except SystemExit as e:  # --help, or a usage error _Parser already printed as one line
        return 2 if e.code else 0
    if not getattr(args, "func", None):
        p.print_help()
        return 0
    try:
        args.func(args)
    except UsageError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

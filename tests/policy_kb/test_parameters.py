"""Every amount, threshold, ratio and window is a dated parameter (or window) with its citation, and lives nowhere else."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from policy_kb.document import NUMERALS, measure
from policy_kb.parameters import HERE, WAN, parameters, series, windows
from policy_kb.rules import RULES

ROOT = Path(__file__).resolve().parents[2]
PARAMETERS = [v for s in series().values() for v in s.values]  # every dated value of the live data
WINDOWS = list(windows().values())
VALUES = PARAMETERS

# Values the text writes in words, not digits.
WORDS = {"hiring_tax_registered_unemployed_min_months": "半年"}


def _digits(v) -> str:
    return str(int(v)) if float(v) == int(v) else f"{v:g}"


@pytest.mark.parametrize("p", PARAMETERS, ids=lambda p: p.name)
def test_every_parameter_quote_is_in_its_measure_and_resolves_to_one_of_its_sentences(p):
    m = measure(p.measure)
    assert p.quote in m.body, f"{p.name}: quote not in （{p.measure}）"
    assert p.sentence in m.sentences()
    assert p.citation == f"新密政〔2020〕4号（{p.measure}）"


@pytest.mark.parametrize("p", VALUES, ids=lambda p: p.name)
def test_every_parameter_value_is_written_in_its_quote(p):
    v = p.value
    if isinstance(v, str):
        assert v in p.quote
    elif p.unit == "ratio":
        assert (p.display or f"{v * 100:g}%") in p.quote
        assert p.text() in p.quote
    elif p.unit.startswith("元") and v >= WAN and v % WAN == 0:
        assert f"{v / WAN:g}万元" in p.quote
    elif p.name in WORDS:
        assert WORDS[p.name] in p.quote
    else:
        assert re.search(rf"(?<![\d.]){_digits(v)}(?!\d)", p.quote), f"{p.name}: {v} not in “{p.quote}”"


def test_parameter_values_are_written_the_way_the_policy_writes_them():
    def text(name):
        return parameters()[name].text()

    assert text("job_seeking_subsidy_amount") == "2000元/人"
    assert text("startup_loan_individual_max") == "30万元"
    assert text("startup_loan_small_enterprise_max") == "300万元"
    assert text("startup_loan_new_hire_ratio") == "20%"
    assert text("flexible_social_insurance_subsidy_max_share") == "2/3"
    assert text("internship_youth_age_max") == "24岁"
    assert parameters()["self_employment_tax_cap_per_year"].short() == "12000元"
    assert parameters()["incubation_subsidy_per_firm_year_max"].short() == "1万元"


def test_each_parameter_file_is_named_after_its_measure_and_holds_only_that_measure():
    for path in sorted(HERE.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        number = str(raw["measure"])
        assert path.name.startswith(f"m{NUMERALS.index(number) + 1:02d}_"), path.name
        assert set(raw) <= {"measure", "parameters", "windows"}, path.name


def test_the_live_data_has_one_value_per_parameter_from_the_2020_document():
    for s in series().values():
        assert len(s.values) == 1 and s.values[0].since is None, s.name
        assert s.values[0].document == "新密政〔2020〕4号"


@pytest.mark.parametrize("p", WINDOWS, ids=lambda p: p.name)
def test_every_window_is_ordered_lies_in_2020_and_its_dates_are_in_the_cited_sentence(p):
    assert p.quote in measure(p.measure).body and p.sentence in measure(p.measure).sentences()
    start, end = p.start, p.end
    if start and end:
        assert start <= end
    for d in (start, end):
        if d:
            assert d.year == 2020
    if start:
        assert f"{start.year}年{start.month}月" in p.sentence, p.name
    if end:
        assert f"{end.month}月" in p.sentence and str(end.year) in p.sentence, p.name


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda r: r.id)
def test_every_rule_quote_resolves_to_a_sentence_of_its_measure(rule):
    assert rule.sentence in measure(rule.measure).sentences()
    if rule.window:
        assert windows()[rule.window].measure == rule.measure
        assert (rule.start, rule.end) == (rule.window_of.start, rule.window_of.end)


# --- integrity: no amount is written in code outside the parameters ------------------------------------

def _forms() -> dict[str, list[str]]:
    """Every way a parameter value could be written in code: 2000, 30万, 20%, 2/3, 5年, 24岁, 2019年12月 ..."""
    forms: dict[str, list[str]] = {}

    def add(form: str, name: str) -> None:
        forms.setdefault(form, []).append(name)

    for w in WINDOWS:
        for d in (w.start, w.end):
            if d:
                add(f"{d.year}年{d.month}月", w.name)
    for p in PARAMETERS:
        v = p.value
        if isinstance(v, str):
            add(v, p.name)
        elif p.unit == "ratio":
            add(p.text(), p.name)
            add(f"{v * 100:g}%", p.name)
        else:
            if v >= 100:
                add(_digits(v), p.name)
            if v >= WAN and v % WAN == 0:
                add(f"{v / WAN:g}万", p.name)
            if v < 100:
                add(f"{_digits(v)}{p.unit.split('/')[0]}", p.name)
    return forms


FORMS = _forms()
NUMBERS = {float(f) for f in FORMS if f.isdigit()}
FORM = re.compile("|".join(
    r"(?<![\d.])" + re.escape(f) + (r"(?!\d)" if f[-1].isdigit() else "")
    for f in sorted(FORMS, key=len, reverse=True)
))
# A string that is a regular expression reads what users write; it states nothing about the policy.
REGEX = re.compile(r"\(\?|\\d|\|")
# (file, literal) -> why it is not an amount of the policy
ALLOWED = {
    ("language/extract.py", "2000"): "the century added to a two-digit graduation year (19届 -> 2019)",
    ("language/numbers.py", "2000"): "the century added to a two-digit graduation year (24届 -> 2024)",
    ("language/numbers.py", "100"): "a number read from Chinese numerals is a full year from 100 on (二〇二四)",
}


def literals_in(source: str, path: str) -> list[tuple[str, int, str]]:
    """(path, line, form) for each parameter value written in code; docstrings and comments aside.

    Validation bounds of the fact vocabulary (``minimum=``/``maximum=``) and regular expressions are not
    statements of the policy and are not reported.
    """
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg in ("minimum", "maximum"):
                    skip.update(id(n) for n in ast.walk(kw.value))
    hits = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or id(node) in skip or isinstance(node.value, bool):
            continue
        if isinstance(node.value, str):
            if REGEX.search(node.value):
                continue
            found = [m.group() for m in FORM.finditer(node.value)]
        elif isinstance(node.value, (int, float)) and node.value in NUMBERS:
            found = [_digits(node.value)]
        else:
            continue
        hits += [(path, node.lineno, form) for form in found if (path, form) not in ALLOWED]
    return sorted(hits)


def _code_files() -> list[Path]:
    files = [*(ROOT / "policy_kb").rglob("*.py"), *(ROOT / "language").rglob("*.py"), *(ROOT / "actions").rglob("*.py")]
    return sorted(f for f in files if "parameters" not in f.relative_to(ROOT).parts)


def test_no_amount_threshold_ratio_or_window_is_written_in_code_outside_the_parameters():
    hits = []
    for f in _code_files():
        hits += literals_in(f.read_text(encoding="utf-8"), f.relative_to(ROOT).as_posix())
    assert not hits, "write these with param(...) instead:\n" + "\n".join(
        f"{path}:{line}: {form!r} is {' / '.join(FORMS[form])}" for path, line, form in hits
    )


def test_the_integrity_scan_finds_planted_amounts_and_ignores_docstrings_bounds_and_patterns():
    source = '''"""Module docstring may say 2000元 and 30万元."""
import re
AMOUNT = 2000
TEXT = "最高不超过30万元，新招用达到20%，补贴不超过2/3"
AGES = f"{x}至24岁"
CONTRACT = "签订1年以上劳动合同"
WHEN = "2019年12月的参保人数"
CLOSED = "实施期限延长至2020年12月31日"
PATTERN = re.compile(r"(?:一年|1年)以上")
Fact("age", maximum=100)
YEAR = "2020年印发，第12条"
'''
    found = [(line, form) for _, line, form in literals_in(source, "planted.py")]
    assert found == [(3, "2000"), (4, "2/3"), (4, "20%"), (4, "30万"), (5, "24岁"), (6, "1年"), (7, "2019年12月"),
                     (8, "2020年12月")]

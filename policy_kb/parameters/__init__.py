"""Parameters with a time axis, in the manner of OpenFisca's country-template parameters.

One YAML file per measure, ``mNN_<what it is>.yaml`` (``m13_job_seeking_subsidy.yaml`` holds （十三）'s), with

- ``parameters``: every amount, threshold and ratio the measure states, each a series of dated values;
  each value has its own ``quote`` (the cited sentence is the one containing it). The first value may omit
  ``from``: it holds from the start of the document's effect; each later value holds from its ``from``
  (inclusive) until the next one.
- ``windows``: the periods the measure states (``from``/``to``, inclusive; an open end is omitted), each with
  its quote. A rule names the window it holds for; a window holds no value.

A later document (an amendment) is another directory of such files that names its ``document`` and its
``text`` (a file beside it): its values are added to the series with their ``from`` dates and its windows
replace those of the same name. ``param(name, on)`` reads the value in force on a date; inside a rule's
evaluation ``on`` defaults to the evaluation date (``evaluating``), elsewhere to today. Texts built when a
module is imported (condition wording, fact questions) read the value in force on the day they are built.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import yaml

from policy_kb.document import DOCUMENT_NUMBER, split_sentences
from policy_kb.document import citation as cite_measure
from policy_kb.document import measure as get_measure

HERE = Path(__file__).parent
WAN = 10_000  # 1万: how the policy writes large amounts (30万元 = 300000元)
DIRECTORIES: tuple[Path, ...] = (HERE,)  # the live data; amendments are added after it (see ``amended``)

_ON: contextvars.ContextVar[dt.date | None] = contextvars.ContextVar("evaluation_date", default=None)
_READ: contextvars.ContextVar[list | None] = contextvars.ContextVar("parameters_read", default=None)


def _fmt(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class Window:
    """The dates a provision holds for, both ends inclusive; an open end is None. Cited by its quote."""

    start: dt.date | None
    end: dt.date | None
    name: str = ""
    measure: str = ""
    quote: str = ""
    document: str = DOCUMENT_NUMBER
    source: str | None = None  # the text of an amending document

    def contains(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)

    def describe(self) -> str:
        if self.start and self.end:
            return f"{_fmt(self.start)}至{_fmt(self.end)}"
        if self.end:
            return f"截至{_fmt(self.end)}"
        if self.start:
            return f"自{_fmt(self.start)}起"
        return "文件未规定期限"

    @property
    def sentence(self) -> str:
        return _sentence(self.document, self.source, self.measure, self.quote, f"window {self.name}")

    @property
    def citation(self) -> str:
        return cite_measure(self.measure) if self.document == DOCUMENT_NUMBER else self.document


def _sentence(document: str, source: str | None, number: str, quote: str, what: str) -> str:
    if source is None:
        sentences = get_measure(number).sentences()
    else:  # an amending document: its title and number are lines of their own
        sentences = [s.strip() for line in source.splitlines() for s in split_sentences(line)]
    for sentence in sentences:
        if quote in sentence:
            return sentence
    where = f"（{number}）" if source is None else document
    raise LookupError(f"{what}: quote not found in {where}")


@dataclass(frozen=True)
class Parameter:
    """One dated value of a parameter: what it is, since when, and the sentence that says so."""

    name: str
    value: object
    unit: str
    measure: str
    quote: str
    display: str | None = None
    since: dt.date | None = None  # None: from the start of the document's effect
    document: str = DOCUMENT_NUMBER
    source: str | None = None  # the text of an amending document

    @property
    def sentence(self) -> str:
        """The exact sentence the value comes from (of the measure, or of the amending document)."""
        return _sentence(self.document, self.source, self.measure, self.quote, f"parameter {self.name}")

    @property
    def citation(self) -> str:
        return cite_measure(self.measure) if self.document == DOCUMENT_NUMBER else self.document

    def text(self) -> str:
        """The value as the policy writes it (2000元, 30万元, 20%, 2/3, 6个月)."""
        if self.display:
            return self.display
        v = self.value
        if self.unit == "ratio":
            return f"{float(v) * 100:g}%"
        if isinstance(v, (int, float)) and self.unit.startswith("元") and v >= WAN and v % WAN == 0:
            return f"{v // WAN:g}万{self.unit}"
        return f"{v}{self.unit}"

    def short(self) -> str:
        """The value with the first part of its unit only: 12000元 for 12000 元/户/年, 1万元 for 10000 元/户/年."""
        head = self.unit.split("/")[0]
        return replace(self, unit=head, display=None).text() if head != self.unit else self.text()

    def describe_since(self) -> str:
        return f"自{_fmt(self.since)}起" if self.since else f"{self.document}印发时"


@dataclass(frozen=True)
class Series:
    """A parameter's dated values, earliest first."""

    name: str
    unit: str
    measure: str
    values: tuple[Parameter, ...]

    def on(self, day: dt.date) -> Parameter:
        current = self.values[0]
        for v in self.values[1:]:
            if v.since <= day:
                current = v
        return current


def _date(value) -> dt.date | None:
    if value is None:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _read_file(path: Path, series: dict[str, Series], windows: dict[str, Window]) -> None:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    number = str(raw["measure"])
    document = raw.get("document", DOCUMENT_NUMBER)
    source = (path.parent / raw["text"]).read_text(encoding="utf-8") if raw.get("text") else None
    if document != DOCUMENT_NUMBER and source is None:
        raise ValueError(f"{path.name}: an amending document needs its text")
    for name, item in (raw.get("parameters") or {}).items():
        old = series.get(name)
        unit = item.get("unit") or (old.unit if old else None)
        if unit is None or (old and unit != old.unit):
            raise ValueError(f"{path.name}: parameter {name} needs one unit")
        added = tuple(
            Parameter(name, v["value"], unit, number, v["quote"], v.get("display"), _date(v.get("from")),
                      document, source)
            for v in item["values"]
        )
        values = (old.values if old else ()) + added
        if any(v.since is None for v in values[1:]) or any(
                a.since and b.since <= a.since for a, b in itertools.pairwise(values)):
            raise ValueError(f"{path.name}: parameter {name}: each later value needs a later `from`")
        series[name] = Series(name, unit, old.measure if old else number, values)
    for name, item in (raw.get("windows") or {}).items():
        windows[name] = Window(_date(item.get("from")), _date(item.get("to")), name, number, item["quote"],
                               document, source)


def load(*directories: Path) -> tuple[dict[str, Series], dict[str, Window]]:
    """The parameters and windows of the files in ``directories``, later directories amending earlier ones."""
    series: dict[str, Series] = {}
    windows: dict[str, Window] = {}
    for directory in directories:
        for path in sorted(directory.glob("m*.yaml")):
            _read_file(path, series, windows)
    return series, windows


@lru_cache(maxsize=1)
def _data() -> tuple[dict[str, Series], dict[str, Window]]:
    return load(*DIRECTORIES)


@contextlib.contextmanager
def amended(*directories: Path) -> Iterator[None]:
    """Read the live data amended by ``directories`` (tests use it with a fixture amendment)."""
    global DIRECTORIES
    saved = DIRECTORIES
    DIRECTORIES = saved + tuple(directories)
    _data.cache_clear()
    try:
        yield
    finally:
        DIRECTORIES = saved
        _data.cache_clear()


def series() -> dict[str, Series]:
    return _data()[0]


def windows() -> dict[str, Window]:
    return _data()[1]


def window(name: str) -> Window:
    return windows()[name]


def windows_of(number: str) -> list[Window]:
    """The periods a measure states, in the order its file lists them."""
    return [w for w in windows().values() if w.measure == number]


def parameters(on: dt.date | None = None) -> dict[str, Parameter]:
    """Every parameter's value in force on ``on`` (default: as ``param``)."""
    return {name: param(name, on) for name in series()}


@contextlib.contextmanager
def evaluating(on: dt.date) -> Iterator[list[Parameter]]:
    """While a rule is evaluated on ``on``: ``param`` defaults to that date, and the values read are listed."""
    read: list[Parameter] = []
    tokens = _ON.set(on), _READ.set(read)
    try:
        yield read
    finally:
        _ON.reset(tokens[0])
        _READ.reset(tokens[1])


def param(name: str, on: dt.date | None = None) -> Parameter:
    """The value of ``name`` in force on ``on`` (default: the evaluation date inside a rule, else today)."""
    day = on or _ON.get() or dt.date.today()
    p = series()[name].on(day)
    read = _READ.get()
    if read is not None and p not in read:
        read.append(p)
    return p


def value(name: str, on: dt.date | None = None):
    return param(name, on).value

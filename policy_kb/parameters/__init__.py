"""Dated parameters with their citations (``parameters.yaml``), in the manner of OpenFisca's parameters.

Rules read every amount, threshold, ratio and window from here; no amount is written in rule code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import yaml

from policy_kb.document import citation as cite_measure
from policy_kb.document import measure as get_measure

HERE = Path(__file__).parent
WAN = 10_000  # 1万: how the policy writes large amounts (30万元 = 300000元)


@dataclass(frozen=True)
class Window:
    """The dates a provision holds for, both ends inclusive; an open end is None."""

    start: dt.date | None
    end: dt.date | None

    def contains(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)

    def describe(self) -> str:
        def fmt(d: dt.date) -> str:
            return f"{d.year}年{d.month}月{d.day}日"

        if self.start and self.end:
            return f"{fmt(self.start)}至{fmt(self.end)}"
        if self.end:
            return f"截至{fmt(self.end)}"
        if self.start:
            return f"自{fmt(self.start)}起"
        return "文件未规定期限"


@dataclass(frozen=True)
class Parameter:
    name: str
    value: object
    unit: str
    window: Window
    measure: str
    quote: str
    display: str | None = None

    @property
    def sentence(self) -> str:
        """The exact sentence of the measure the value comes from."""
        sentence = get_measure(self.measure).sentence_containing(self.quote)
        if sentence is None:
            raise LookupError(f"parameter {self.name}: quote not found in （{self.measure}）")
        return sentence

    @property
    def citation(self) -> str:
        return cite_measure(self.measure)

    def text(self) -> str:
        """The value as the policy writes it (2000元, 30万元, 20%, 2/3, 6个月)."""
        if self.display:
            return self.display
        if self.unit == "window":
            return self.window.describe()
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


def _date(value) -> dt.date | None:
    if value is None:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


@lru_cache(maxsize=1)
def parameters() -> dict[str, Parameter]:
    raw = yaml.safe_load((HERE / "parameters.yaml").read_text(encoding="utf-8"))
    return {
        name: Parameter(
            name=name,
            value=item["value"],
            unit=item["unit"],
            window=Window(_date(item.get("from")), _date(item.get("to"))),
            measure=str(item["measure"]),
            quote=item["quote"],
            display=item.get("display"),
        )
        for name, item in raw.items()
    }


def param(name: str) -> Parameter:
    return parameters()[name]


def value(name: str):
    return parameters()[name].value

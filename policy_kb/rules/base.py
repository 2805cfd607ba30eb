"""Three-valued eligibility rules: conditions, results and their explanations.

A condition evaluates to True (met), False (failed) or None (not yet known, naming the facts still
missing). ``AllOf`` fails on its first failed part and is unknown while any part is; ``AnyOf`` is met by
its first met part. A rule is evaluated on a date: outside its window it is not eligible, asks nothing,
and says when it applied.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from policy_kb.document import citation, measure
from policy_kb.facts import FACTS, Facts
from policy_kb.parameters import WAN, Parameter, Window, evaluating, param, window

HOTLINE = "市人社局（电话12333）"
REFERRAL = f"请向{HOTLINE}确认"


class Status(str, Enum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    UNKNOWN = "unknown"


@dataclass
class Check:
    """What one condition found: met / failed (with the applicant's own value) / facts missing."""

    text: str
    ok: bool | None
    detail: str = ""
    missing: tuple[str, ...] = ()
    met: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()  # what would meet a condition not yet decided, from what is known


class Condition:
    text: str

    def check(self, facts: Facts) -> Check:  # pragma: no cover - interface
        raise NotImplementedError


def _show(name: str, value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    return f"{value:g}" if isinstance(value, float) else str(value)


@dataclass
class FactCondition(Condition):
    """A condition on facts: ``predicate`` gets their values once all are known."""

    text: str
    facts: tuple[str, ...]
    predicate: Callable[..., bool]
    explain: Callable[..., str] | None = None

    def check(self, facts: Facts) -> Check:
        values = [facts.get(name) for name in self.facts]
        missing = tuple(name for name, v in zip(self.facts, values) if v is None)
        if missing:
            return Check(self.text, None, missing=missing)
        ok = bool(self.predicate(*values))
        if ok:
            return Check(self.text, True, met=(self.text,))
        detail = self.explain(*values) if self.explain else "；".join(
            f"您的回答：{FACTS[n].description}为{_show(n, v)}" for n, v in zip(self.facts, values)
        )
        return Check(self.text, False, detail=detail)


def is_true(name: str, text: str) -> FactCondition:
    return FactCondition(text, (name,), lambda v: v is True, lambda v: f"您的回答：{FACTS[name].description}——否")


def is_false(name: str, text: str) -> FactCondition:
    return FactCondition(text, (name,), lambda v: v is False, lambda v: f"您的回答：{FACTS[name].description}——是")


def one_of(name: str, values: tuple[str, ...], text: str) -> FactCondition:
    return FactCondition(text, (name,), lambda v: v in values, lambda v: f"您的回答：{FACTS[name].description}为“{v}”")


def at_least(name: str, parameter: str, text: str) -> FactCondition:
    return FactCondition(text, (name,), lambda v: v >= param(parameter).value,
                         lambda v: f"您的回答：{FACTS[name].description}为{_show(name, v)}，未达到{param(parameter).text()}")


@dataclass
class Derived(Condition):
    """A condition computed from Facts by a function returning True/False/None (e.g. graduation year)."""

    text: str
    needs: tuple[str, ...]
    evaluate: Callable[[Facts], bool | None]
    explain: Callable[[Facts], str]
    hint: Callable[[Facts], str | None] | None = None  # what would meet it, from the facts known so far

    def check(self, facts: Facts) -> Check:
        ok = self.evaluate(facts)
        if ok is None:
            hint = self.hint(facts) if self.hint else None
            return Check(self.text, None, missing=tuple(n for n in self.needs if facts.get(n) is None),
                         hints=(hint,) if hint else ())
        if ok:
            return Check(self.text, True, met=(self.text,))
        return Check(self.text, False, detail=self.explain(facts))


@dataclass
class AllOf(Condition):
    parts: tuple[Condition, ...]
    text: str = ""

    def __init__(self, *parts: Condition, text: str = ""):
        self.parts, self.text = parts, text

    def check(self, facts: Facts) -> Check:
        missing: list[str] = []
        met: list[str] = []
        hints: list[str] = []
        for part in self.parts:
            c = part.check(facts)
            if c.ok is False:
                return Check(c.text, False, detail=c.detail, met=tuple(met))
            met.extend(c.met)
            hints.extend(c.hints)
            missing.extend(m for m in c.missing if m not in missing)
        if missing:
            return Check(self.text, None, missing=tuple(missing), met=tuple(met), hints=tuple(hints))
        return Check(self.text, True, met=tuple(met))


@dataclass
class AnyOf(Condition):
    parts: tuple[Condition, ...]
    text: str = ""

    def __init__(self, *parts: Condition, text: str):
        self.parts, self.text = parts, text

    def check(self, facts: Facts) -> Check:
        missing: list[str] = []
        details: list[str] = []
        for part in self.parts:
            c = part.check(facts)
            if c.ok:
                return Check(self.text, True, met=(self.text,) + tuple(m for m in c.met if m != self.text))
            if c.ok is None:
                missing.extend(m for m in c.missing if m not in missing)
            elif c.detail:
                details.append(c.detail)
        if missing:
            return Check(self.text, None, missing=tuple(missing))
        return Check(self.text, False, detail="；".join(details) or "以上情形都不符合")


@dataclass
class Amount:
    """What the benefit is worth for this applicant, or how it is worked out."""

    text: str  # e.g. "2000元（一次性）" or "按实际缴费的2/3以内"
    value: float | None = None  # in 元 where the text states a number
    formula: str = ""


@dataclass
class Result:
    rule: str
    name: str
    measure: str
    citation: str
    status: Status
    conditions_status: Status  # what the conditions alone say, window aside
    met: list[str]
    failed: str | None
    failed_detail: str | None
    missing: list[str]
    amount: Amount | None
    period: str
    window: str
    window_open: bool
    departments: list[str]
    how_to_apply: str
    deferred: list[str]
    sentence: str
    kind: str
    applicant: str
    hints: list[str] = field(default_factory=list)  # what would meet the conditions not yet decided
    parameters: list[Parameter] = field(default_factory=list)  # the dated values read, each with its sentence

    def to_dict(self) -> dict:
        data = dict(self.__dict__)
        del data["parameters"]  # named by policy_version; the stored verdict keeps its shape
        data["status"] = self.status.value
        data["conditions_status"] = self.conditions_status.value
        data["amount"] = dict(self.amount.__dict__) if self.amount else None
        return data


@dataclass
class Rule:
    """One benefit and its conditions, with everything a person needs to act on the result."""

    id: str
    name: str  # Chinese name of the benefit, e.g. 一次性求职创业补贴
    measure: str
    applicant: str  # person | enterprise
    kind: str  # subsidy | loan | tax | insurance | service | award
    condition: Condition
    quote: str  # the sentence granting the benefit contains this
    amount: Callable[[Facts], Amount | None] = lambda facts: None
    period: str | Callable[[Facts], str] = ""
    window: str | None = None  # the name of one of the measure's windows (parameters/mNN_*.yaml)
    how_to_apply: str = ""
    deferred: tuple[str, ...] = ()  # terms the document leaves to higher-level rules

    @property
    def window_of(self) -> Window | None:
        """The period the rule holds for (an amendment may move its ends), or None: no limit stated."""
        return window(self.window) if self.window else None

    @property
    def start(self) -> dt.date | None:
        return self.window_of.start if self.window else None

    @property
    def end(self) -> dt.date | None:
        return self.window_of.end if self.window else None

    @property
    def sentence(self) -> str:
        sentence = measure(self.measure).sentence_containing(self.quote)
        if sentence is None:
            raise LookupError(f"rule {self.id}: quote not in （{self.measure}）")
        return sentence

    def facts_used(self) -> set[str]:
        found: set[str] = set()

        def walk(c: Condition) -> None:
            if isinstance(c, (AllOf, AnyOf)):
                for p in c.parts:
                    walk(p)
            elif isinstance(c, FactCondition):
                found.update(c.facts)
            elif isinstance(c, Derived):
                found.update(c.needs)

        walk(self.condition)
        return found

    def evaluate(self, facts: Facts) -> Result:
        """The result on ``facts.on``: every parameter read while evaluating is the value in force that day."""
        with evaluating(facts.on) as read:
            result = self._evaluate(facts)
        result.parameters = read
        return result

    def _evaluate(self, facts: Facts) -> Result:
        check = self.condition.check(facts)
        conditions_status = {True: Status.ELIGIBLE, False: Status.NOT_ELIGIBLE, None: Status.UNKNOWN}[check.ok]
        window = self.window_of
        window_open = window.contains(facts.on) if window else True
        status, failed, detail, missing = conditions_status, None, None, list(check.missing)
        if check.ok is False:
            failed, detail = check.text, check.detail
        if not window_open:
            status, missing = Status.NOT_ELIGIBLE, []
            if check.ok is not False:
                failed = f"政策已到期：实施期限{window.describe()}"
                detail = f"该政策只在{window.describe()}实施，现已结束；如当时符合条件但未申领，请向{HOTLINE}咨询"
        m = measure(self.measure)
        deferred = [f"{t}——本文件未作具体规定，按上级规定执行，{REFERRAL}" for t in self.deferred]
        return Result(
            rule=self.id,
            name=self.name,
            measure=self.measure,
            citation=citation(self.measure),
            status=status,
            conditions_status=conditions_status,
            met=list(check.met),
            failed=failed,
            failed_detail=detail,
            missing=missing,
            amount=self.amount(facts),
            period=self.period(facts) if callable(self.period) else self.period,
            window=window.describe() if window else "文件未规定期限",
            window_open=window_open,
            departments=list(m.departments),
            how_to_apply=self.how_to_apply or f"文件未规定具体申请流程，请向{'、'.join(m.departments[:2]) or '市人社局'}咨询（12333）",
            deferred=deferred,
            sentence=self.sentence,
            kind=self.kind,
            applicant=self.applicant,
            hints=list(check.hints) if check.ok is None else [],
        )


def money(value: float) -> str:
    """2000 -> 2000元, 300000 -> 30万元, 456000 -> 45.6万元."""
    if value >= WAN:
        return f"{value / WAN:g}万元"
    return f"{value:g}元"


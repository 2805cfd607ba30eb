"""Screening: evaluate the rules for one applicant, and say what to ask next.

``screen`` groups results the way a verdict is told: what the applicant qualifies for, near misses
(a rule partly met, failed on one condition), provisions whose 2020 window has closed, what is still
undecided and the terms the document leaves to higher-level rules.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from policy_kb.facts import Facts
from policy_kb.rules import RULES, Result, Rule, Status, rules_for


@dataclass
class Verdict:
    on: dt.date
    facts: dict
    eligible: list[Result] = field(default_factory=list)
    near_misses: list[Result] = field(default_factory=list)
    closed: list[Result] = field(default_factory=list)
    undecided: list[Result] = field(default_factory=list)
    not_eligible: list[Result] = field(default_factory=list)

    @property
    def results(self) -> list[Result]:
        return self.eligible + self.near_misses + self.closed + self.undecided + self.not_eligible

    def deferred_terms(self) -> list[str]:
        seen: list[str] = []
        for r in self.eligible + self.undecided:
            seen.extend(t for t in r.deferred if t not in seen)
        return seen

    def to_dict(self) -> dict:
        return {
            "on": self.on.isoformat(),
            "facts": self.facts,
            **{k: [r.to_dict() for r in getattr(self, k)]
               for k in ("eligible", "near_misses", "closed", "undecided", "not_eligible")},
            "deferred": self.deferred_terms(),
        }


def select(applicant: str | None = None, targets: list[str] | None = None) -> list[Rule]:
    if targets:
        unknown = [t for t in targets if t not in RULES]
        if unknown:
            raise KeyError(f"unknown rule(s): {', '.join(unknown)}")
        return [RULES[t] for t in targets]
    return rules_for(applicant)


def screen(values: dict, on: dt.date | None = None, applicant: str | None = None,
           targets: list[str] | None = None) -> Verdict:
    facts = Facts.of(values, on)
    verdict = Verdict(facts.on, dict(facts.values))
    for rule in select(applicant, targets):
        result = rule.evaluate(facts)
        if result.status is Status.ELIGIBLE:
            verdict.eligible.append(result)
        elif not result.window_open:
            verdict.closed.append(result)
        elif result.status is Status.UNKNOWN:
            verdict.undecided.append(result)
        elif result.met:
            verdict.near_misses.append(result)
        else:
            verdict.not_eligible.append(result)
    return verdict


def next_questions(values: dict, on: dt.date | None = None, applicant: str | None = None,
                   targets: list[str] | None = None, skip: tuple[str, ...] = ()) -> list[str]:
    """Facts still missing, the one that most rules wait for first (ties in rule order).

    Each rule contributes only the facts it needs now: an ``AnyOf`` whose first part is unknown asks
    that part, so one answer can settle a whole branch. Facts in ``skip`` (the user does not know
    them) are never asked.
    """
    verdict = screen(values, on, applicant, targets)
    counts: Counter[str] = Counter()
    order: dict[str, int] = {}
    for result in verdict.undecided:
        weight = 3 if result.met else 1  # finish the rules the applicant already partly meets first
        for i, name in enumerate(m for m in result.missing if m not in skip):
            counts[name] += weight if i == 0 else 0
            order.setdefault(name, len(order))
    return sorted(counts, key=lambda n: (-counts[n], order[n]))


def decides(name: str) -> str:
    """What a fact decides, said when the user does not know it: the rules reading it and their conditions."""
    from policy_kb.explain import decides as from_rules

    return from_rules(name)


def targets_in_text(text: str, applicant: str | None = None) -> list[str]:
    """The rules a message asks about: by the amounts it names (2000, 5000 …) and by the most specific
    topic term it uses (创业担保贷款 over 小微企业)."""
    from policy_kb.rules.base import money
    from policy_kb.topics import topic_rules, topics

    text = text or ""
    candidates = rules_for(applicant)
    named = [r for r in candidates if r.name.split("（")[0] in text]
    if named:  # a benefit named by its own name: the longest name wins (一次性求职创业补贴 over 创业补贴)
        longest = max(len(r.name.split("（")[0]) for r in named)
        return [r.id for r in named if len(r.name.split("（")[0]) == longest]
    found: list[str] = []
    for rule in candidates:
        amount = rule.amount(Facts.of({}))
        if amount and amount.value and (f"{amount.value:g}" in text or money(amount.value) in text):
            found.append(rule.id)
    if found:
        return found
    matches = {tid: max((len(k) for k in t.keywords if k in text), default=0) for tid, t in topics().items()}
    best = max(matches.values(), default=0)
    if best >= 3:
        for tid, length in matches.items():
            if length == best:
                found.extend(r for r in topic_rules(topics()[tid], applicant) if r not in found)
    return found

"""All eligibility rules, one module per benefit family, and screening over them."""

from __future__ import annotations

from policy_kb.rules import assistance, enterprises, entrepreneurship, graduates, social_insurance
from policy_kb.rules.base import Amount, Result, Rule, Status  # noqa: F401

RULES: dict[str, Rule] = {
    rule.id: rule
    for module in (graduates, entrepreneurship, social_insurance, enterprises, assistance)
    for rule in module.RULES
}


def rule(rule_id: str) -> Rule:
    return RULES[rule_id]


def rules_for(applicant: str | None) -> list[Rule]:
    return [r for r in RULES.values() if applicant in (None, r.applicant)]

"""Conversation ≡ CLI, as a property: rule cases from tests/policy_kb/cases/ played as users through the
trained assistant and the real action server (``bot.screening_eval``). A fixed sample spread over every
rule runs here; ``make eval`` plays all of them. The verdict for the case's benefit must equal
``policy_kb.screening.screen`` on the same facts and date, and no ✅ may appear that the facts don't support.
"""

from __future__ import annotations

import pytest

from bot.screening_eval import agent_sayer, load_cases, play, sample

SAMPLE = sample(load_cases(), 40)


@pytest.mark.parametrize("case", SAMPLE, ids=[c["name"][:60] for c in SAMPLE])
async def test_the_conversation_reaches_the_verdict_the_rules_give_for_the_same_facts(agent, case):
    outcome = await play(agent_sayer(agent), case, seed=SAMPLE.index(case))
    transcript = "\n".join(f"U: {u}\nB: {b}" for u, b in outcome.transcript)
    assert not outcome.wrong_yes, f"a ✅ the facts don't support:\n{transcript}"
    assert outcome.got == outcome.expected, f"expected {outcome.expected}, got {outcome.got}:\n{transcript}"

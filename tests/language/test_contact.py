"""The hotlines are written once (language/contact.py): no other code or domain file spells the numbers."""

from __future__ import annotations

import re
from pathlib import Path

from language import contact

ROOT = Path(__file__).resolve().parents[2]
# policy_kb/ and console/ belong to the law's side (policy_kb.rules.base.HOTLINE, kept equal below); docs are prose
CODE = ("language", "actions", "bot", "records", "domain", "data/stories")
NUMBER = re.compile(r"(?<!\d)(12333|12345)(?!\d)")


def test_no_file_outside_the_contact_module_spells_a_hotline_number():
    from bot import generate

    found = [f"{path.relative_to(ROOT)}:{n}" for top in CODE for path in sorted((ROOT / top).rglob("*"))
             if path.suffix in (".py", ".yml") and path.name != "contact.py"
             and path != generate.DOMAIN_CONTACT
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if NUMBER.search(line)]
    assert found == []


def test_the_generated_responses_and_the_laws_hotline_say_the_same_number():
    from bot import generate
    from policy_kb.rules.base import HOTLINE

    assert HOTLINE == contact.HOTLINE
    assert generate.DOMAIN_CONTACT.read_text(encoding="utf-8") == generate.domain_contact()
    assert contact.HR_NUMBER in generate.domain_contact()

"""``policy_version``: which law a verdict was reached under — the source text, the parameters and the rules.

A stored verdict carries it, so the verdict can be reproduced exactly: check out the commit whose
``policy_version`` matches and screen the stored facts on the stored date. The three digests change
independently, so a reviewer sees which part moved: the text (``data/source.txt``), the parameters (every
``mNN_*.yaml`` read, amendments and their texts included) or the rules (``rules/*.py`` and the code that
decides a verdict: the fact vocabulary, screening and how parameters are read).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from policy_kb import parameters
from policy_kb.document import DOCUMENT_NUMBER, SOURCE

HERE = Path(__file__).parent
RULE_CODE = ("facts.py", "screening.py", "parameters/__init__.py")


def _digest(paths: list[Path], root: Path | None = None) -> str:
    h = hashlib.sha256()
    for path in paths:
        name = path.relative_to(root).as_posix() if root and path.is_relative_to(root) else path.name
        h.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:10]


def parameter_files() -> list[Path]:
    """The files the parameters are read from, amendments included (their texts too)."""
    files: list[Path] = []
    for directory in parameters.DIRECTORIES:
        files += sorted(directory.glob("m*.yaml"))
        files += sorted(directory.glob("*.txt"))
    return files


def rule_files() -> list[Path]:
    return sorted((HERE / "rules").glob("*.py")) + [HERE / name for name in RULE_CODE]


def policy_version() -> str:
    """新密政〔2020〕4号@t<text>.p<parameters>.r<rules> (each a 10-hex digest; 47 characters)."""
    text = hashlib.sha256(SOURCE.read_bytes()).hexdigest()[:10]
    return f"{DOCUMENT_NUMBER}@t{text}.p{_digest(parameter_files())}.r{_digest(rule_files(), HERE)}"

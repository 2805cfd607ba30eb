"""Reference codes a resident can read out on the phone, and the verification number that goes with one.

A code is ``XM-`` and 8 random characters of Crockford's base32 (0-9 and A-Z without I, L, O, U: 40 bits,
about 10^12 codes) plus one check character (Luhn mod 32), shown as ``XM-7K3Q-9MZDX``. Knowing one code
tells nothing about any other. The check character catches a misheard or mistyped character before the
database is asked. Read back, O counts as 0 and I or L as 1, case, spaces and hyphens do not matter.

The verification is a 6-digit number given to the resident with the code; staff ask for both before they
read a record out. Codes of the first scheme (``XM-20261129-0042``, the day's count) still parse.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_LENGTH = 8
VERIFICATION_DIGITS = 6
PATTERN = re.compile(r"XM-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}")
"""A code of the current scheme in a text, as the resident is shown it."""
VERIFICATION_PATTERN = re.compile(r"验证码：(\d{6})")
"""The verification number in the sentence the resident is shown (records.screenings.reference_message)."""
_LEGACY = re.compile(r"^XM-?(\d{8})-?(\d{4,6})$")
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def check_character(body: str) -> str:
    """Luhn mod 32 over ``body``: catches every single wrong character and most swapped neighbours."""
    total, factor = 0, 2
    for char in reversed(body):
        addend = factor * ALPHABET.index(char)
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return ALPHABET[(32 - total % 32) % 32]


def new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return f"XM-{body[:4]}-{body[4:]}{check_character(body)}"


def new_verification() -> str:
    return f"{secrets.randbelow(10 ** VERIFICATION_DIGITS):0{VERIFICATION_DIGITS}d}"


def normalize(raw: str | None) -> str | None:
    """The canonical form of a code as typed or read out, or None when it is no code of either scheme
    (or its check character is wrong)."""
    text = re.sub(r"[\s\-_－—]", "", (raw or "").upper())
    legacy = _LEGACY.match((raw or "").strip().upper()) or _LEGACY.match(text)
    if legacy:
        return f"XM-{legacy.group(1)}-{legacy.group(2)}"
    text = text.removeprefix("XM")
    text = text.translate(_READ_AS)
    if len(text) != RANDOM_LENGTH + 1 or any(c not in ALPHABET for c in text):
        return None
    body, check = text[:-1], text[-1]
    if check_character(body) != check:
        return None
    return f"XM-{body[:4]}-{body[4:]}{check}"


def is_legacy(code: str) -> bool:
    return bool(_LEGACY.match(code))


def normalize_verification(raw: str | None) -> str:
    return re.sub(r"\D", "", raw or "")[:VERIFICATION_DIGITS + 2]

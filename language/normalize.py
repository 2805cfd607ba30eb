"""One normalisation of user text, applied before anything reads it (NLU, search, extraction, parsing).

- Unicode NFKC: full-width digits, letters and punctuation become ASCII (２０００ → 2000, （ → ();
- traditional characters become simplified with OpenCC's ``t2s`` (創業擔保貸款 → 创业担保贷款);
- whitespace between Han characters and digits is dropped (PDF-style "2020年 2月", "创业 贷款"), other runs
  of whitespace become one space;
- repeated punctuation is folded (？？？ → ?), Latin letters are lower-cased;
- homophone typos of the policy's words are corrected (创业代款 → 创业贷款, 社宝 → 社保, 灵获就业 → 灵活就业).

The same function is used by the Rasa pipeline (``bot.nlu.normalizer``) and by the actions, so a message
is read the same way wherever it is read.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_HAN = r"\u3400-\u9fff"
_SPACE_INSIDE = re.compile(rf"(?<=[{_HAN}0-9%])\s+(?=[{_HAN}0-9%])|(?<=[{_HAN}])\s+(?=[A-Za-z])|(?<=[A-Za-z])\s+(?=[{_HAN}])")
_SPACES = re.compile(r"\s+")
_REPEATED_PUNCT = re.compile(r"([?!.,~。，！？、…])\1+")
_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060\ufeff]")
# Homophone typos of the policy's own words, as residents type them by pinyin or voice (代款 for 贷款, 社宝 for 社保):
# each typo is a string no correct message contains, so replacing it loses nothing.
TYPOS = {
    "代款": "贷款", "带款": "贷款", "贷宽": "贷款", "担宝": "担保", "担包": "担保", "单保": "担保", "胆保": "担保",
    "补帖": "补贴", "补铁": "补贴", "社宝": "社保", "社报": "社保", "设保": "社保",
    "灵获": "灵活", "零活就业": "灵活就业", "创叶": "创业", "闯业": "创业", "鉴习": "见习", "见席": "见习", "见细": "见习", "建习": "见习", "人设局": "人社局",
    "稳刚": "稳岗", "反乡": "返乡", "失叶": "失业", "就叶": "就业", "外麦": "外卖", "低宝": "低保", "保章": "保障",
}
_TYPO = re.compile("|".join(sorted(TYPOS, key=len, reverse=True)))


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s.json")


def to_simplified(text: str) -> str:
    return _converter().convert(text) if text else text


def normalize(text: str | None) -> str:
    """The form in which every part of the assistant reads a message."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", _ZERO_WIDTH.sub("", str(text)))
    text = text.replace("\u3000", " ")
    text = to_simplified(text)
    text = _SPACES.sub(" ", text).strip()
    text = _SPACE_INSIDE.sub("", text)
    text = _REPEATED_PUNCT.sub(r"\1", text)
    text = _TYPO.sub(lambda m: TYPOS[m.group(0)], text)
    return text.lower()


def compact(text: str | None) -> str:
    """``normalize`` without any whitespace and without trailing punctuation: for pattern matching."""
    return re.sub(r"\s+", "", normalize(text)).strip("。.!！?？,，~、 ")

"""Numbers as people write them in a reply: 23, 二十三, 50多, 二三十, 三年半, 18个月, 24届, 去年 …

``quantities`` finds every number in a (normalised, compact) reply with the unit written after it and
whether it is exact, a lower bound ("50多", "一年多", "十几个") or a range ("二三十", "20到30"); the
callers in ``language.replies`` decide which quantity counts the thing asked. ``graduation_year``
reads a year, absolute or relative to a date. Nothing here guesses: a vague number ("几十") is
returned as vague, and the caller refuses it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import cn2an

CN_DIGIT = "零〇一二三四五六七八九"
_CN_NUM = "[零〇一二三四五六七八九十百千万两]+"
_AR_NUM = r"\d+(?:\.\d+)?"
UNITS = ("周岁", "岁", "个多月", "个月", "月", "年", "届", "号人", "个人", "人", "名", "位", "户", "家", "万元", "万",
         "元", "块", "千", "亿", "%", "个", "天", "次")
_UNIT = "|".join(re.escape(u) for u in UNITS)
_RANGE_AR = re.compile(rf"({_AR_NUM})\s*(?:到|至|-|~|—|或)\s*({_AR_NUM})")
_RANGE_CN = re.compile(r"([一二三四五六七八九两])([一二三四五六七八九])(?=[十百千万]|个|人|名|岁|年|户|家|$)")
_NUMBER = re.compile(rf"(?:{_AR_NUM}|{_CN_NUM}|半)")


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # the unit written right after the number ("" when none): 岁, 年, 个月, 人, 万 …
    kind: str  # exact | about (50来个) | more (a lower bound: 50多, 一年多, 十几, 100人以上) | less (不到50人) | range | vague
    start: int
    end: int


def cn_number(text: str) -> float | None:
    """'23' → 23, '二十三' → 23, '两百' → 200, '二〇二四' → 2024, '半' → 0.5; None when it is not a number."""
    if not text:
        return None
    if text == "半":
        return 0.5
    try:
        return float(text)
    except ValueError:
        pass
    if len(text) > 1 and all(c in CN_DIGIT for c in text):  # digit by digit: 二〇二四
        return float("".join(str(CN_DIGIT.index(c) - (1 if CN_DIGIT.index(c) > 0 else 0)) for c in text))
    try:
        return float(cn2an.cn2an(text.replace("两", "二"), "smart"))
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def _unit_after(text: str, end: int) -> tuple[str, int, str]:
    """(unit, new end, kind marker) after a number: 多/余/来/几 before or after the unit."""
    kind = ""
    m = re.match(r"(多|余|来|几)", text[end:])
    if m:
        kind, end = m.group(1), m.end() + end
    m = re.match(rf"({_UNIT})", text[end:])
    unit = ""
    if m:
        unit, end = m.group(1), end + m.end()
        if unit == "个多月":
            unit, kind = "个月", kind or "多"
        m2 = re.match(r"(多|余|来|半)", text[end:])
        if m2 and not kind:
            kind, end = m2.group(1), end + m2.end()
        if unit == "个" and re.match(r"月", text[end:]):
            unit, end = "个月", end + 1
    return unit, end, kind


_FILLERS = re.compile(r"一直|一起|一共|一下|一点|一些|一样|一般|一定|一边|统一|万一|唯一|第一|一心|一家人|一家")
_ORDER = "一二三四五六七八九"
_LESS_BEFORE = re.compile(r"(?:不到|不足|将近|(?<!最)近|快|少于|低于|不超过|最多|顶多)$")
_LESS_AFTER = re.compile(r"(?:以下|以内|之内|不到)")
_MORE_BEFORE = re.compile(r"(?:超过|多于|大于|高于|至少|起码|最少)$")
_MORE_AFTER = re.compile(r"(?:以上|出头|开外)")


def quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` with its unit and kind, left to right."""
    text = _FILLERS.sub(lambda m: "_" * len(m.group()), text)  # 一直, 一起 … are not numbers
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(at: int) -> bool:
        return not any(s <= at < e for s, e in taken)

    def add(q: Quantity) -> None:
        found.append(q)
        taken.append((q.start, q.end))

    for m in _RANGE_AR.finditer(text):
        unit, end, _ = _unit_after(text, m.end())
        add(Quantity(float(m.group(1)), unit, "range", m.start(), end))
    for m in _RANGE_CN.finditer(text):
        a, b = (_ORDER.index(c) if c in _ORDER else 1 for c in (m.group(1), m.group(2)))
        if not free(m.start()) or b != a + 1:
            continue
        start = m.start()
        while start > 0 and text[start - 1] in "十百千万" + _ORDER:
            start -= 1
        tail = re.match(r"[十百千万]*", text[m.end():]).end() + m.end()
        unit, end, _ = _unit_after(text, tail)
        add(Quantity(0.0, unit, "range", start, end))
    for m in _NUMBER.finditer(text):
        if not free(m.start()):
            continue
        before, after = text[:m.start()], text[m.end():]
        if before.endswith(("几", "好")):
            add(Quantity(0.0, "", "vague", m.start(), m.end()))  # 几十, 几百, 好几十
            continue
        value = cn_number(m.group(0))
        if value is None:
            continue
        more = after.startswith("几") and m.group(0).endswith(("十", "百", "千", "万"))  # 十几, 二十几
        unit, end, marker = _unit_after(text, m.end())
        kind = "more" if more or marker in ("多", "余", "几") else "about" if marker == "来" else "exact"
        if _LESS_BEFORE.search(before) or _LESS_AFTER.match(text[end:]):
            kind = "less"  # an upper bound is never a value
        elif _MORE_BEFORE.search(before) or _MORE_AFTER.match(text[end:]):
            kind = "more"
        if marker == "半":
            value += 0.5
        add(Quantity(value, unit, kind, m.start(), end))
    return sorted(found, key=lambda q: q.start)


_RELATIVE = {"大前年": -3, "前年": -2, "去年": -1, "今年": 0, "明年": 1, "后年": 2}


def graduation_year(text: str, today: dt.date) -> int | None:
    """The year a reply names (2024, 24届, 二〇二四年, 去年, 明年毕业, 毕业两年了), or None.

    None as well when two different years are named or the year is vague (毕业一年多, 刚毕业): the
    window rules (毕业年度, 离校2年内) turn on the exact year, so a guess could give a wrong yes.
    """
    years: set[int] = set()
    latest = today.year + 6
    for m in re.finditer(r"(?<![\d.])(\d{4}|\d{2})(?![\d.])", text):
        raw = m.group(1)
        if len(raw) == 2:
            if not re.match(r"\s*(年|届)", text[m.end():]):
                continue
            year = 2000 + int(raw) if 2000 + int(raw) <= latest else 1900 + int(raw)
        else:
            year = int(raw)
        years.add(year)
    for m in re.finditer(rf"([{CN_DIGIT}]{{4}}|[{CN_DIGIT}]{{2}}(?=年|届))", text):
        n = int(cn_number(m.group(1)))
        years.add(n if n >= 100 else (2000 + n if 2000 + n <= latest else 1900 + n))
    for word, delta in _RELATIVE.items():
        if word in text and not (word == "前年" and "大前年" in text):
            years.add(today.year + delta)
    if re.search(r"应届|毕业年度", text):
        years.add(today.year)
    m = re.search(r"毕业(?:了|有|已经)?(" + _CN_NUM + r"|\d+)(多|来)?年(多|半)?|(" + _CN_NUM + r"|\d+)(多)?年前毕业", text)
    if m:
        raw, vague = (m.group(1), m.group(2) or m.group(3)) if m.group(1) else (m.group(4), m.group(5))
        n = cn_number(raw)
        if vague or n is None or n != int(n):
            return None
        years.add(today.year - int(n))
    if len(years) != 1:
        return None
    year = years.pop()
    return year if 1950 <= year <= latest else None

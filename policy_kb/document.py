"""The policy text 新密政〔2020〕4号 as structured records.

The source is the PDF extraction in ``data/source.txt``. Cleaning removes only PDF noise — line
breaks, page numbers such as "—13—" and the spaces the extraction put around digits — so that
the parts below, joined, give back the source text (``tests/policy_kb/test_document.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
SOURCE = DATA / "source.txt"

DOCUMENT_NUMBER = "新密政〔2020〕4号"
DOCUMENT_TITLE = "关于进一步做好稳就业工作的实施意见"
ISSUED = "2020-05-06"

NUMERALS = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
    "二十一", "二十二", "二十三", "二十四", "二十五", "二十六",
]
GENERAL = "总体要求"
PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")
DEPARTMENTS_TAIL = re.compile(r"（([^（）]+?)按职责分\s*工\s*负责）$")


def squeeze(text: str) -> str:
    """Text without whitespace or page numbers: the form in which source and parts are compared."""
    return re.sub(r"\s+", "", PAGE_NUMBER.sub("", text))


@dataclass(frozen=True)
class Part:
    """A stretch of the document in reading order: front matter, a heading, a measure, the annex ..."""

    kind: str  # front | general | section | measure | closing | annex | footer
    text: str


@dataclass
class Measure:
    """One numbered measure （一）…（二十六）, or the 总体要求 (number ``总体要求``)."""

    number: str
    index: int  # 1..26, 0 for 总体要求
    section: str  # e.g. "二、持续精准发力，支持企业稳定就业岗位"
    title: str  # lead title, e.g. 全面落实援企稳岗政策
    text: str  # full cleaned text, the number and the departments bracket included
    departments: list[str] = field(default_factory=list)
    amounts: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return GENERAL if self.index == 0 else f"（{self.number}）"

    @property
    def body(self) -> str:
        """The text without the number and without the departments bracket."""
        body = self.text
        if self.index:
            body = body[len(self.label):]
        return DEPARTMENTS_TAIL.sub("", body)

    def sentences(self) -> list[str]:
        return split_sentences(self.body)

    def sentence_containing(self, quote: str) -> str | None:
        for sentence in self.sentences():
            if quote in sentence:
                return sentence
        return None


def split_sentences(text: str) -> list[str]:
    """Sentences and semicolon clauses (ending in 。 or ；), the unit a citation quotes."""
    return [s for s in re.findall(r"[^。；]+[。；]?", text) if s.strip()]


def _clean_prose(text: str) -> str:
    return squeeze(text)


AMOUNT = re.compile(
    r"\d+(?:\.\d+)?(?:万)?(?:元|人次)(?:/(?:月|人|户))?|每人每年\d+元|每户每年\d+元|\d+(?:\.\d+)?%|\d+/\d+"
)
DATE = re.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日|下旬)?(?:[—至]\d{1,2}月(?:\d{1,2}日|底)?)?")


def _departments(text: str) -> list[str]:
    match = DEPARTMENTS_TAIL.search(text)
    return spell_out_departments(match.group(1)) if match else []


def spell_out_departments(listing: str) -> list[str]:
    """A department list as the text writes it (市财政局、人社局、人行) with its shared 市 said for each name
    (市财政局、市人社局、人行新密市支行)."""
    names = []
    for i, raw in enumerate(listing.split("、")):
        name = raw.strip()
        if name == "人行":
            names.append("人行新密市支行")
        elif i == 0 or name.startswith(("市", "人行", "经办银行")):
            names.append(name)
        else:
            names.append("市" + name)
    return names


@lru_cache(maxsize=1)
def parts() -> tuple[Part, ...]:
    """The whole document as parts in reading order."""
    raw = SOURCE.read_text(encoding="utf-8")
    annex_at = raw.index("附 件")
    footer_at = raw.index("主办：")
    prose, annex, footer = raw[:annex_at], raw[annex_at:footer_at], raw[footer_at:]
    clean = _clean_prose(prose)

    general_at = clean.index("一、总体要求")
    closing_at = clean.index("附件：")
    result = [Part("front", clean[:general_at])]
    body = clean[general_at:closing_at]

    # Section headings "二、…" stand between a measure's end and the next "（n）".
    token = re.compile(r"([一二三四五六七])、(?=[^。（]+?（[一二三四五六七八九十]+）)|（([一二三四五六七八九十]+)）")
    cuts = [(m.start(), m) for m in token.finditer(body)]
    expected = iter(NUMERALS)
    next_number = next(expected)
    starts = []
    for pos, m in cuts:
        if m.group(2):
            if m.group(2) == next_number:
                starts.append((pos, "measure"))
                next_number = next(expected, None)
        else:
            starts.append((pos, "section"))
    starts.insert(0, (0, "general"))
    # the 一、总体要求 heading and its paragraph are one part
    starts = [s for s in starts if not (s[1] == "section" and body.startswith("一、", s[0]))]
    for (pos, kind), (end, _) in zip(starts, starts[1:] + [(len(body), "")]):
        result.append(Part(kind, body[pos:end]))
    result.append(Part("closing", clean[closing_at:]))
    result.append(Part("annex", annex))
    result.append(Part("footer", footer))
    return tuple(result)


@lru_cache(maxsize=1)
def measures() -> dict[str, Measure]:
    """总体要求 and the 26 measures, keyed by number (``"十三"``) and ``"总体要求"``."""
    from policy_kb.topics import keywords_by_measure

    keywords = keywords_by_measure()
    out: dict[str, Measure] = {}
    section = ""
    for part in parts():
        if part.kind == "section":
            section = part.text
        elif part.kind == "general":
            text = part.text[len("一、总体要求"):]
            out[GENERAL] = Measure(GENERAL, 0, "一、总体要求", GENERAL, text, [], [], [], keywords.get(GENERAL, []))
        elif part.kind == "measure":
            number = part.text[1:part.text.index("）")]
            title = part.text[len(number) + 2:part.text.index("。")]
            out[number] = Measure(
                number=number,
                index=NUMERALS.index(number) + 1,
                section=section,
                title=title,
                text=part.text,
                departments=_departments(part.text),
                amounts=list(dict.fromkeys(AMOUNT.findall(part.text))),
                dates=list(dict.fromkeys(DATE.findall(part.text))),
                keywords=keywords.get(number, []),
            )
    return out


def measure(number: str | int) -> Measure:
    """A measure by number: ``"十三"``, ``13``, ``"13"``, ``"（十三）"`` or ``"总体要求"``; KeyError if none."""
    key = normalize_number(number)
    if key is None or key not in measures():
        raise KeyError(f"no measure {number!r}: the document has （一）…（二十六） and 总体要求")
    return measures()[key]


def normalize_number(number: str | int) -> str | None:
    if isinstance(number, int):
        return NUMERALS[number - 1] if 1 <= number <= len(NUMERALS) else None
    text = str(number).strip().strip("（）()第条项款 ")
    if text in (GENERAL, "总体", "总体要求"):
        return GENERAL
    if text.isdigit():
        return normalize_number(int(text))
    return text if text in NUMERALS else None


def citation(number: str) -> str:
    """How an answer cites a measure: 新密政〔2020〕4号（十三）."""
    m = measure(number)
    return f"{DOCUMENT_NUMBER}{m.label}" if m.index else f"{DOCUMENT_NUMBER}·{GENERAL}"

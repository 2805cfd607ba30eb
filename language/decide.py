"""Which measure(s) a question is about: one decision from the NLU's intent ranking and policy_kb search.

DIET ranks intents (one per topic, each naming its measures); BM25 search ranks the measures by their
words. Each alone misses what the other sees: DIET generalises over phrasings, search knows every term
of the text. The decision adds both per measure, with a bonus for a measure's own specific term named
in the question, and is

- ``answer`` when the best measure is confidently ahead,
- ``choose`` when two measures are close (the user picks),
- ``unknown`` when nothing points anywhere (the caller hands off).

Weights and thresholds were set on a development question set written apart from the project (never
on the held-out set that judges the assistant).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from language.extract import without_situation
from language.search import bigram_search, search, tokenize
from language.synonyms import expand
from policy_kb.document import GENERAL, measures
from policy_kb.topics import topic_for_intent, topics

NLU_WEIGHT = 0.65
SEARCH_WEIGHT = 0.55
TERM_BONUS = 0.25
BIGRAM_WEIGHT = 0.9
BIGRAM_FULL = 10.0  # a character-bigram BM25 score from which a hit counts fully
SEARCH_FULL = 8.0  # a BM25 score from which a search hit counts fully
CONFIDENT = 0.30
MARGIN = 0.05  # the second measure within 5% of the first: the user chooses
CHOICE = 0.20
UNSURE_CONFIDENT = 0.35  # when the NLU itself found no intent
SPECIFIC_TERM = 4  # characters: a keyword this long names its measure
FACTS_BONUS = 0.08  # per stated fact a measure's rules read
SITUATION_WEIGHT = 0.5  # the words' share read without the asker's description of themselves (俺是贫困户 …)
SUBJECT_HAN = 6  # Chinese characters the rest of the message needs to say what it asks about


@dataclass
class Decision:
    status: str  # answer | choose | unknown
    measures: list[str] = field(default_factory=list)  # best first
    scores: dict[str, float] = field(default_factory=dict)
    topic: str | None = None  # the topic intent that led, when it did

    @property
    def best(self) -> str | None:
        return self.measures[0] if self.measures else None


def _nlu_scores(ranking: list[dict]) -> tuple[dict[str, float], str | None]:
    scores: dict[str, float] = {}
    lead = None
    for item in ranking or []:
        topic = topic_for_intent(item.get("name") or "")
        if topic is None:
            continue
        confidence = float(item.get("confidence") or 0.0)
        lead = lead or topic.id
        for number in topic.measures:  # a topic of several measures (工作机制): search tells them apart
            scores[number] = max(scores.get(number, 0.0), confidence)
    return scores, lead


def _search_scores(text: str) -> dict[str, float]:
    hits = search(text, 5)
    if not hits:
        return {}
    top = hits[0].score
    strength = min(1.0, top / SEARCH_FULL)
    return {h.number: strength * h.score / top for h in hits}


def _bigram_scores(text: str) -> dict[str, float]:
    hits = bigram_search(text, 5)
    if not hits:
        return {}
    top = hits[0][1]
    strength = min(1.0, top / BIGRAM_FULL)
    return {n: strength * score / top for n, score in hits}


@lru_cache(maxsize=1024)
def _only_in_one_measure(word: str) -> bool:
    """A short keyword (舆情, 仲裁) that the text of one measure alone has names that measure as a long one does."""
    return len(word) >= 2 and sum(1 for m in measures().values() if word in m.text) == 1


def named_measures(text: str) -> dict[str, int]:
    """Measures whose own specific keyword or lead title the text names, with the length of the longest one."""
    best: dict[str, int] = {}
    for number, m in measures().items():
        if m.index and len(m.title) >= SPECIFIC_TERM and m.title in text:
            best[number] = max(best.get(number, 0), len(m.title) + 10)
    for topic in topics().values():
        for keyword in topic.keywords:
            if keyword in text and (len(keyword) >= SPECIFIC_TERM or _only_in_one_measure(keyword)):
                # a topic of several measures: the measure whose text has the keyword
                number = next((n for n in topic.measures if keyword in measures()[n].text), topic.measures[0])
                best[number] = max(best.get(number, 0), len(keyword))
    return best


def _term_bonus(text: str) -> dict[str, float]:
    """Measures whose own specific keyword or lead title the text names; the longest match only."""
    best = named_measures(text)
    if not best:
        return {}
    longest = max(best.values())
    return {n: TERM_BONUS for n, length in best.items() if length == longest}


def _with_everyday_term(text: str) -> str:
    """The text with the policy term of its one hand-listed everyday expression (开春…招聘 → 春风行动), which names
    its measure as if typed; two such expressions (乡里 …谁牵头) name no measure above the other. The asker's own situation (打零工 →
    灵活就业) is not counted: the facts bonus reads it."""
    from language.synonyms import SITUATION_TERMS

    added = [t for t in expand(text, everyday=False)[len(text):].split() if t not in SITUATION_TERMS]
    return f"{text} {added[0]}" if len(added) == 1 else text


ASKED_MONEY = re.compile(r"(\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)\s*(万元|万块|万|元|块钱|块)")
TEXT_MONEY = re.compile(r"(\d+(?:\.\d+)?)(万)?元")


@lru_cache(maxsize=1)
def _money_of_measures() -> dict[str, set[str]]:
    """Each amount of money the text states, as it writes it (5000, 30万), with the measures stating it."""
    found: dict[str, set[str]] = {}
    for number, m in measures().items():
        for value, wan in TEXT_MONEY.findall(m.text):
            found.setdefault(f"{float(value):g}{wan}", set()).add(number)
    return found


def _money_bonus(text: str) -> dict[str, float]:
    """The measure stating the very amount the question names (能领5000块创业补贴不 → （十四））, when one alone does."""
    from language.extract import to_number

    bonus: dict[str, float] = {}
    for amount, unit in ASKED_MONEY.findall(text):
        value = to_number(amount)
        if value is None:
            continue
        holders = _money_of_measures().get(f"{value:g}{'万' if unit.startswith('万') else ''}", set())
        if len(holders) == 1:
            bonus[next(iter(holders))] = TERM_BONUS
    return bonus


PHRASE = 5  # characters: a run of the text this long that one measure alone has names that measure


@lru_cache(maxsize=1)
def _phrases() -> dict[str, set[str]]:
    """Every run of PHRASE Chinese characters in the measures' texts, with the measures that have it."""
    found: dict[str, set[str]] = {}
    for number, m in measures().items():
        for run in re.findall(r"[\u4e00-\u9fff]+", m.text):
            for i in range(len(run) - PHRASE + 1):
                found.setdefault(run[i:i + PHRASE], set()).add(number)
    return found


def _phrase_bonus(text: str) -> dict[str, float]:
    """A phrase of the text typed in the question (职工在岗培训补贴) that one measure alone has: that measure,
    when all such phrases point at the same one."""
    holders: set[str] = set()
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        for i in range(len(run) - PHRASE + 1):
            owners = _phrases().get(run[i:i + PHRASE], set())
            if len(owners) == 1:
                holders |= owners
    return {holders.pop(): TERM_BONUS} if len(holders) == 1 else {}


def _definition_bonus(text: str) -> dict[str, float]:
    """What a term covers asked (重点群体都包括哪些人): the measure(s), one or two, whose text lists it (…等重点群体)."""
    from language.qtype import ASKS_DEFINITION, defines

    if not ASKS_DEFINITION.search(text):
        return {}
    tokens = tokenize(text)
    tokens += [a + b for a, b in itertools.pairwise(tokens)]  # 重点|群体: the term the text lists is 重点群体
    holders = [n for n, m in measures().items() if m.index and defines(m.text, tokens)]
    return {n: TERM_BONUS for n in holders} if len(holders) <= 2 else {}  # a list in every other measure names none


def _facts_bonus(facts: dict | None) -> dict[str, float]:
    """Measures whose rules read the facts the question states (大学生、低保户 → （十三）)."""
    from policy_kb.rules import RULES

    stated = set(facts or {}) - {"applicant_type"}
    if not stated:
        return {}
    counts: dict[str, int] = {}
    for rule in RULES.values():
        used = len(rule.facts_used() & stated)
        if used:
            counts[rule.measure] = max(counts.get(rule.measure, 0), used)
    return {n: FACTS_BONUS * c for n, c in counts.items()}


def _blend(whole: dict[str, float], subject: dict[str, float]) -> dict[str, float]:
    return {n: (1 - SITUATION_WEIGHT) * whole.get(n, 0.0) + SITUATION_WEIGHT * subject.get(n, 0.0)
            for n in set(whole) | set(subject)}


def decide(text: str, ranking: list[dict] | None = None, facts: dict | None = None, unsure: bool = False,
           everyday: bool = True) -> Decision:
    """The measure(s) a normalised question is about; ``facts`` are those the question states. ``unsure``: the NLU
    found no intent (fallback, out of scope), so the words must point at a measure more clearly. Search also
    reads the policy's words for the everyday ones (language.synonyms); a measure's own term must be typed."""
    nlu, lead = _nlu_scores(ranking or [])
    expanded = expand(text, everyday)
    found = _search_scores(expanded)
    grams = _bigram_scores(expanded)
    subject = without_situation(text) if facts else text
    if subject != text and len(re.findall(r"[\u4e00-\u9fff]", subject)) >= SUBJECT_HAN:
        # "俺是贫困户 想开个小卖部 能贷多少": 贫困户 names the asker, 贷款 the subject. The words are read with and
        # without the description, half each, so a group named in its own measure's text (（十二）'s 贫困人口) does
        # not outweigh what is asked; the facts bonus still counts the situation.
        found = _blend(found, _search_scores(expand(subject, everyday)))
        grams = _blend(grams, _bigram_scores(expand(subject, everyday)))
    with_term = _with_everyday_term(text)
    bonus = _term_bonus(with_term)
    if with_term != text:  # the policy term one measure's text alone has (社会保险政策服务向新就业形态覆盖 → （六））
        holders = [n for n, m in measures().items() if with_term[len(text) + 1:] in m.text]
        if len(holders) == 1 and holders[0] not in bonus:
            bonus = {holders[0]: TERM_BONUS}
    for number, extra in _facts_bonus(facts).items():
        bonus[number] = bonus.get(number, 0.0) + extra
    for number, extra in _phrase_bonus(text).items():
        bonus.setdefault(number, extra)  # a term already named it: the phrase adds nothing
    for number, extra in _definition_bonus(text).items():
        bonus[number] = bonus.get(number, 0.0) + extra
    for number, extra in _money_bonus(text).items():
        bonus[number] = bonus.get(number, 0.0) + extra
    combined: dict[str, float] = {}
    for number in dict.fromkeys([*nlu, *found, *grams, *bonus]):  # ordered: ties rank the same on every run
        if number not in measures():
            continue
        combined[number] = (NLU_WEIGHT * nlu.get(number, 0.0) + SEARCH_WEIGHT * found.get(number, 0.0)
                            + BIGRAM_WEIGHT * grams.get(number, 0.0) + bonus.get(number, 0.0))
    ranked = sorted(combined, key=lambda n: -combined[n])
    if not ranked:
        return Decision("unknown")
    top = combined[ranked[0]]
    second = combined[ranked[1]] if len(ranked) > 1 else 0.0
    lead_topic = lead if lead and ranked[0] in topics()[lead].measures else None
    confident = UNSURE_CONFIDENT if unsure else CONFIDENT
    if top >= confident and second < top * (1 - MARGIN):
        return Decision("answer", ranked[:1], combined, lead_topic)
    if top >= (UNSURE_CONFIDENT if unsure else CHOICE):
        close = [n for n in ranked[:3] if combined[n] >= top * (1 - MARGIN) and combined[n] >= CHOICE]
        named = [n for n in close if n != GENERAL and n in named_measures(text)]
        if GENERAL in close and len(named) == 1:  # 舆情…按文件咋应对: the measure its own word names, not the general part
            close = named
        if len(close) == 1:
            return Decision("answer", close, combined, lead_topic)
        return Decision("choose", close[:3], combined, lead_topic)
    return Decision("unknown", ranked[:3], combined)

"""The answering path, one function with its pieces in order:

normalise → scope (other places, other subjects, the document itself) → the measure(s) (a named number,
the annex, else NLU ranking + search) → the question type → the answer composed from policy_kb, with a
personal reading of the rules when the message states the asker's facts.

``respond`` is what the Rasa action calls and what ``make eval`` measures, so the figures printed there
are the assistant's own answers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from language import qtype as Q
from language.answers import UNIT_OF_MEASURE_ASKED, annex_answer, indicators_by_fragment, overview
from language.compose import (
    SECTION_ASKED,
    choices_reply,
    document_reply,
    measure_reply,
    out_of_scope_reply,
    timed_measures,
    two_part_reply,
    unknown_reply,
    window_lines,
)
from language.decide import Decision, decide, named_measures
from language.extract import extract_clause, extract_facts, partial_facts, without_benefit_names
from language.normalize import normalize
from language.reading import personal_reading, reading_rules, rules_to_offer
from language.scope import ANNEX_NAME, names_the_document, read_scope
from language.synonyms import expand
from policy_kb import annex
from policy_kb.document import GENERAL, measure, normalize_number

ANNEX = "附件"
ANNEX_WORDS = re.compile(r"任务|目标|分解表|附件|指标|承贷|多少(农村|城镇|个)?人(?!能|可以)")
DOCUMENT_STRONG = re.compile(r"会议|几(个|大)?部分|几大块|发文机关|印发|文号|几号文|多少条(?!件)|几条措施|共几条|发文|哪一?年的(政策|文件)|什么时候(发|出台|印发)")
NLU_SURE_OUTSIDE = 0.9  # the NLU this sure a subject word (交医保, 专项附加扣除) is outside: no measure overrules it
SUBJECT_OVERRULED = 1.2  # a subject word (户口, 报销) gives way to a measure the question names this clearly
NAMES_A_MEASURE = 0.8  # a decision this strong names a measure even when the question also mentions the document
UNSURE_INTENTS = ("out_of_scope", "nlu_fallback")
LATIN_SENTENCE = 4  # words of Latin letters from which a message is a sentence (in English or pinyin), not noise
OUTSIDE_HAN = 6  # Chinese characters from which a message nothing in the document points at is a question outside it  # the NLU found no intent of its own: the text must say more


@dataclass
class Context:
    """What the conversation already knows: the measure just discussed, the facts stated, the date."""

    current_measure: str | None = None
    facts: dict = field(default_factory=dict)
    on: dt.date = field(default_factory=dt.date.today)
    misunderstood: int = 0  # answers in a row that understood nothing


@dataclass
class Answer:
    text: str
    kind: str  # measure | annex | document | out_of_scope | choose | unknown
    measures: list[str] = field(default_factory=list)  # cited, best first ("附件" for the annex)
    qtype: str = Q.WHAT
    buttons: list[dict] = field(default_factory=list)
    offer: list[str] = field(default_factory=list)  # rule ids a screening button would check
    facts: dict = field(default_factory=dict)  # facts the message stated


# a later year asked about (2023年新密还有没有稳岗返还), not the asker's own (2021年开的店)
LATER_YEAR_ASKED = re.compile(r"(?<!\d)(202[1-9]|20[3-9]\d)年(?!.{0,3}(开|办|注册|回|返|创|入职|离职|退伍|招|毕业|出生|来))"
                              r"[^，。？?]{0,14}(还有没有|还有吗|还能|还执行|还实行|还在|有没有|还有[^，。？?]{1,8}(吗|没|不)|还继续|继续(减免|执行|实行|有|享受|发|补)|(怎么|咋|如何|去哪)(申请|办|领|申报))")
WINDOW_STATED = re.compile(r"实施期限([^，。”]+)")
RANKING_WORDS = re.compile(r"最多|最少|最高|最低|最大|最小|合计|总共|一共|全市|加起来|总数|排名|哪个(乡|镇|单位|街道|办事处)|哪几个|"
                           r"各(个)?(乡镇|街道|单位|办事处)|每个(乡镇|街道|单位)")


ANNEX_NAME_ASKED = re.compile(ANNEX_NAME)  # 附件那张表叫啥: a question about the document


def with_indicator_words(text: str) -> str:
    """The text with the annex indicators its plain words name (转出去打工 → 农村劳动力转移就业; language.synonyms)."""
    added = [t for t in expand(text, everyday=False)[len(text):].split() if annex.find_indicator(t)]
    return f"{text} {' '.join(added)}" if added else text


def _annex_question(text: str, intent: str = "", confidence: float = 0.0) -> bool:
    """``text`` with the indicators its plain words name appended (``with_indicator_words``)."""
    if ANNEX_NAME_ASKED.search(text):
        return False
    cleaned = text
    evidence = annex.find_unit(cleaned) or annex.find_indicator(cleaned) or annex.find_bank(text) \
        or re.search(r"分解表|目标任务|附件", text)
    if intent == "ask_annex" and confidence >= 0.5 and evidence:
        return True
    for bank in annex.banks():
        cleaned = cleaned.replace(bank.name, "")
    if annex.find_bank(text) and re.search(r"任务|多少|承贷|贷款", text):
        return True
    unit = annex.find_unit(cleaned)
    if unit and (ANNEX_WORDS.search(text) or annex.find_indicator(cleaned)):
        return True
    if len(annex.find_units(cleaned)) > 1 and annex.find_indicator(cleaned):  # 四个街道加起来新增城镇就业多少
        return True
    named = annex.find_indicator(cleaned) or indicators_by_fragment(cleaned)
    if named and RANKING_WORDS.search(text) and re.search(r"任务|目标|指标|计划|完成|多少(农村|城镇|城里|乡下)?(的)?(人|户|万)", text) \
            and not (not annex.find_indicator(cleaned) and _measure_target(cleaned)):
        return True
    if re.search(r"表(里|中|上)的?(数|数字)|栏", text) and UNIT_OF_MEASURE_ASKED.search(text):
        return True  # 表里的数字按啥单位算
    return bool(re.search(r"分解表|目标任务|附件", text))


def _measure_target(text: str) -> bool:
    """The question names a target a measure states in words no annex indicator has (补贴性职业技能培训 →
    （十七）'s 1.5万人次): a question about that measure, not the annex's rows that share a word of it."""
    from policy_kb.document import measures

    han = "".join(re.findall(r"[\u4e00-\u9fff]", text))
    for size in range(len(han), 5, -1):
        for start in range(len(han) - size + 1):
            phrase = han[start:start + size]
            holding = [m for m in measures().values() if m.index and phrase in m.text]
            if holding:
                return not any(phrase in i for i in annex.INDICATORS) and any(
                    re.search(r"\d+(\.\d+)?万?人次", s) for m in holding for s in m.sentences() if phrase in s)
    return False


FOLLOW_UP_TYPES = (Q.AMOUNT, Q.HOW, Q.DEPARTMENT, Q.MATERIALS, Q.DEADLINE, Q.FULL_TEXT)
POINTS_BACK = re.compile(r"^(那|那么|这|这个|那个|它|该|此|上面|刚才)")


def _follow_up_of(context: Context, text: str, intent: str, kind: str, decision: Decision) -> str | None:
    """The measure just discussed, when the message asks about it without naming another one."""
    if not context.current_measure or context.current_measure == ANNEX:
        return None
    best = decision.scores.get(decision.best, 0.0) if decision.best else 0.0
    follow_up = intent in Q.FOLLOW_UP_INTENTS or kind in FOLLOW_UP_TYPES
    if decision.status != "answer" and (follow_up or len(text) <= 12):
        return context.current_measure
    if follow_up and (POINTS_BACK.match(text) or len(text) <= 8) and best < 1.0:
        return context.current_measure  # 那找哪个部门: "部门" alone names no measure
    return None


def respond(text: str, parse: dict | None = None, context: Context | None = None) -> Answer:
    """The assistant's answer to one question."""
    context = context or Context()
    parse = parse or {}
    t = normalize(text)
    intent = ((parse.get("intent") or {}).get("name")) or ""
    ranking = parse.get("intent_ranking") or []
    payload = (text or "").startswith("/")  # a button of the assistant's own: its intent and entities say it all
    kind = Q.FOLLOW_UP_INTENTS.get(intent, Q.WHAT) if payload else Q.question_type(t, intent)
    named = next((e.get("value") for e in parse.get("entities") or [] if e.get("entity") == "clause"), None)
    if payload and intent == "ask_overview":
        return Answer(overview(), "measure", [GENERAL], Q.WHAT)
    stated = {k: v for k, v in extract_facts(without_benefit_names(t), context.on).items() if k != "applicant_type"}
    if not t:
        return Answer(unknown_reply(1), "unknown")

    if SECTION_ASKED.search(t) and not named:  # 第二部分讲啥: a part of the document, not measure （二）
        return Answer(document_reply("document", context.on, t), "document", ["文件"], kind)
    clause = normalize_number(named) if named else extract_clause(t)
    if clause:
        return _measure_answer(clause, t, kind, context, stated)
    scope = read_scope(t)
    if scope and scope.kind == "other_place":
        return Answer(out_of_scope_reply(scope.kind, scope.what), "out_of_scope", qtype=kind)
    if scope and scope.kind == "newer_strong":
        return Answer(document_reply("newer", context.on, t), "out_of_scope", qtype=kind)
    confidence = float((parse.get("intent") or {}).get("confidence") or 0.0)
    annexed = with_indicator_words(t)
    if _annex_question(annexed, intent, confidence):
        return Answer(annex_answer(annexed), "annex", [ANNEX], kind)
    # a question the scope reads as outside or about the document: its own words must overrule that, not the
    # lexicon's paraphrases (应届生 → 高校毕业生 in "2022年…扩岗补助")
    near = {**partial_facts(without_benefit_names(t)), **stated}  # 跑外卖 is near （十五）'s rules, though no fact yet
    decision = decide(t, ranking, near, unsure=intent in UNSURE_INTENTS, everyday=scope is None)
    # the NLU sure it is outside, and no benefit of the document named by its name
    nlu_outside = intent == "out_of_scope" and confidence >= NLU_SURE_OUTSIDE and without_benefit_names(t) == t
    # the measure must be named by words other than the subject's own (个人所得税 in 个人所得税年度汇算 is （十二）'s)
    rest = decide(t.replace(scope.words, "，"), ranking, near, unsure=intent in UNSURE_INTENTS) \
        if scope and scope.kind == "other_subject" and scope.words else decision
    named_benefit = without_benefit_names(t) != t or any(w in t for w in _benefit_words())  # 稳岗返还按失业保险金标准算
    if scope and scope.kind == "other_subject" and not named_benefit and (nlu_outside or min(
            decision.scores.get(decision.best, 0.0), rest.scores.get(rest.best, 0.0)) < SUBJECT_OVERRULED):
        return Answer(out_of_scope_reply(scope.kind, scope.what), "out_of_scope", qtype=kind)
    weak = decision.status == "unknown" or decision.scores.get(decision.best, 0.0) < NAMES_A_MEASURE
    about_document = scope and scope.kind == "in_force" and names_the_document(t)  # 这个文件还管用吗
    if scope and (weak or DOCUMENT_STRONG.search(t) or about_document or decision.best == GENERAL):
        if scope.kind == "in_force" and not weak and decision.best != GENERAL and not names_the_document(t):
            return _measure_answer(decision.best, t, Q.DEADLINE, context, stated)
        if scope.kind == "newer":
            return Answer(document_reply("newer", context.on, t), "out_of_scope", qtype=kind)
        cited = ["文件", *timed_measures()] if scope.kind == "in_force" else ["文件"]  # their time limits are given
        return Answer(document_reply(scope.kind, context.on, t), "document", cited, kind)
    if scope and scope.kind == "newer" and LATER_YEAR_ASKED.search(t) and decision.best not in (None, GENERAL):
        # 2023年还有没有稳岗返还: a later year's policy is not in this document; what it said, and when that ended
        best = measure(decision.best)
        windows = window_lines(decision.best, context.on, t, only_relevant=False)[:1]
        text = "\n".join([document_reply("newer", context.on, t), f"本文件里相关的是{best.label}{best.title}。", *windows])
        return Answer(text, "out_of_scope", [decision.best], kind,
                      [{"title": "看原文", "payload": f'/ask_full_text{{"clause":"{decision.best}"}}'}])
    follow = _follow_up_of(context, t, intent, kind, decision)
    if follow:
        return _measure_answer(follow, t, kind, context, stated)
    if intent in UNSURE_INTENTS and decision.status == "unknown":
        if len(re.findall(r"[\u4e00-\u9fff]", t)) < 4:  # hardly any Chinese: not understood, not "outside"
            # a sentence in English or pinyin is told what the assistant covers and where to ask instead
            return Answer(unknown_reply(context.misunderstood + 1, text), "out_of_scope" if _latin(text) else "unknown",
                          qtype=kind)
        return Answer(out_of_scope_reply("other_subject"), "out_of_scope", qtype=kind)
    if decision.status == "answer":
        parts = _two_parts(text, decision.best, decision.scores)
        if parts:
            return _two_part_answer(parts, context, stated, decision.topic)
        return _measure_answer(decision.best, t, kind, context, stated, decision.topic)
    if decision.status == "choose":
        parts = _two_parts(text, decision.best, decision.scores)
        if parts and parts[1][0] in decision.measures:  # the two close measures are the two parts asked
            return _two_part_answer(parts, context, stated, decision.topic)
        led = _nlu_sure_of(ranking, decision.measures)
        if led:  # the words cannot tell two measures apart, the NLU clearly can
            return _measure_answer(led, t, kind, context, stated, decision.topic)
        buttons = [{"title": f"{measure(n).label}{measure(n).title}", "payload": f'/ask_clause{{"clause":"{n}"}}'}
                   for n in decision.measures]
        return Answer(choices_reply(), "choose", [], kind, buttons, facts=stated)  # the facts said are kept for the pick
    if len(re.findall(r"[\u4e00-\u9fff]", t)) >= OUTSIDE_HAN:  # a real question that no measure's words touch
        return Answer(out_of_scope_reply("other_subject"), "out_of_scope", qtype=kind)
    # English or pinyin: what is covered, and where to ask
    return Answer(unknown_reply(context.misunderstood + 1, text), "out_of_scope" if _latin(text) else "unknown", qtype=kind)


def _latin(text: str | None) -> bool:
    """A sentence in English or pinyin, not a stray word of Latin letters."""
    return len(re.findall(r"[A-Za-z]+", text or "")) >= LATIN_SENTENCE


@lru_cache(maxsize=1)
def _benefit_words() -> tuple[str, ...]:
    """The words people name this document's benefits by (稳岗返还, 创业担保贷款, 见习补贴): topic keywords that are
    part of a rule's name and end in what is granted."""
    from policy_kb.rules import RULES
    from policy_kb.topics import topics

    return tuple(sorted({k for t in topics().values() for k in t.keywords if len(k) >= 4 and k.endswith(GRANTED)
                         and any(k in r.name for r in RULES.values())}))


GRANTED = ("补贴", "返还", "贷款", "补助", "奖补")
NLU_SURE = 0.7  # an intent this confident picks between two measures the words cannot tell apart


def _nlu_sure_of(ranking: list[dict], close: list[str]) -> str | None:
    from policy_kb.topics import topic_for_intent

    top = (ranking or [{}])[0]
    topic = topic_for_intent(top.get("name") or "")
    if topic is None or float(top.get("confidence") or 0.0) < NLU_SURE:
        return None
    picked = [n for n in close if n in topic.measures]
    return picked[0] if len(picked) == 1 else None


# A message asking two things: its pieces (split at punctuation, spaces and 另外/又/除了…), the ones that ask.
PIECE_SPLIT = re.compile(r"[，,。？?！!；;、\s]+|(?=另外|还有没有|又想|又能|同时还|除了|以及|顺便|再问)")
ASKS = re.compile(r"多少|吗|(?<!不)不$|(?<!没)没(有)?$|啥|咋|怎么|能不能|有没有|哪|几|可以不|行不")
EACH = re.compile(r"分别|各(是|有|给|能|自|为)?多少|各(要)?(多久|多长时间|几年|几个月)|各(能|可以)?(拿|领|贷|给|补|减)多少|各自|各(给|奖|补)(多少|几)|都(能|可以)(申请|享受|领|办)|同时(享受|申请|领|拿)|都有(哪些|啥|什么)|两(个|样|项)都")
# two things set side by side (见习基地和孵化基地的认定周期一样吗, 哪个先结束, 有啥区别): each answered
COMPARE = re.compile(r"一样(吗|不|么|嘛)|相同|区别|不同|差多少|差几|差别|哪个(先|早|晚|多|高|长|大|更)|相比|比较|"
                     r"一个[^，。？?]{1,8}一个|各(有|是|管|给|要)|这两(个|样|项|条)|两(样|项|条|个)(都|政策|补贴|措施)|两者")
BOTH = re.compile(r"和|跟|与|同|还是|以及|、|既[^，。？?]{1,12}又")
COMPARED_SCORE = 0.6  # the second of two measures compared must be named at least this clearly
PART_CONFIDENT = 0.45  # a piece alone must point at its measure this clearly


def _two_parts(text: str, best: str, scores: dict[str, float] | None = None
               ) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """(measure, piece) for the two parts of a two-part question, the decided measure first; else None. The
    pieces are cut from the message as typed (normalising drops the spaces that separate them)."""
    whole = normalize(text)
    if EACH.search(whole):  # 见习基地和孵化基地的奖补各多少: one question about two measures, each named
        named = named_measures(expand(whole, everyday=False))  # 创贷 names 创业担保贷款
        others = sorted((n for n in named if n != best), key=lambda n: -named[n])  # the longest name: 职业介绍补贴, not 创业补贴
        if best in named and others:
            return (best, whole), (others[0], whole)
    if scores and COMPARE.search(whole) and BOTH.search(whole):
        second = sorted((n for n in scores if n not in (best, GENERAL)), key=lambda n: -scores[n])[:1]
        if second and scores[second[0]] >= COMPARED_SCORE:
            return (best, whole), (second[0], whole)
    pieces = [normalize(p) for p in PIECE_SPLIT.split(text or "")]
    pieces = [p for p in pieces if len(re.findall(r"[\u4e00-\u9fff]", p)) >= 4]
    asking = [p for p in pieces if ASKS.search(p)]
    if len(asking) < 2:
        return None
    found: dict[str, str] = {}
    for piece in asking:
        d = decide(piece)
        if d.status == "answer" and d.scores[d.best] >= PART_CONFIDENT and d.best != GENERAL:
            found.setdefault(d.best, piece)
    others = [n for n in found if n != best]
    if not others or (best not in found and len(found) < 2):
        return None
    own = found.get(best) or normalize(text)  # the whole message found the first measure
    return (best, own), (others[0], found[others[0]])


def _two_part_answer(parts, context: Context, stated: dict, topic: str | None) -> Answer:
    (first, p1), (second, p2) = parts
    body = two_part_reply((first, p1, Q.question_type(p1)), (second, p2, Q.question_type(p2)), context.on)
    answer = _measure_answer(first, p1, Q.question_type(p1), context, stated, topic, body)
    answer.measures = [first, second]
    return answer


def _without_other_rules(text: str, number: str, read: list[str], query: str, reading: str = "") -> str:
    """The clause sentences granting what the reading speaks of, without those of the measure's other rules
    (an 个体户's reading of （十二） is not followed by the 190 characters on what enterprises hiring get)
    unless they hold a word the question asks about (研发费用); at least one clause sentence stays."""
    from language.compose import DURATION, GENERIC
    from language.search import tokenize
    from policy_kb.rules import RULES

    own = {RULES[i].sentence.rstrip("；。") for i in read if RULES[i].measure == number}
    others = {r.sentence.rstrip("；。") for r in RULES.values() if r.measure == number and r.id not in read} - own
    if not own or not others or EACH.search(query):  # 个体经营和企业招人分别减多少: both rules are asked
        return text
    asked = {w for w in tokenize(query) if len(w) >= 2 and w not in GENERIC and not any(w in s for s in own)}
    lines = text.split("\n")
    # a period asked (最多补几年, 能去几个月) that the reading's own sentences do not state: the line stating it stays
    period = Q.ASKS_DURATION.search(query) and not any(DURATION.search(s) for s in [*own, reading])
    dropped = [line for line in lines if line.rstrip("。") in others and not any(w in line for w in asked)
               and not (period and DURATION.search(line))]
    clause = [line for line in lines if line.rstrip("。") in own or (
        line and line[0] not in "【·ℹ⏱🏦" and not line.startswith(("依据", "负责", "按您说的")))]
    if not dropped or len(clause) <= len(dropped):
        return text
    return "\n".join(line for line in lines if line not in dropped)


def _measure_answer(number: str, t: str, kind: str, context: Context, stated: dict,
                    topic: str | None = None, body: str | None = None) -> Answer:
    """The answer about ``number`` (``body``: a reply already composed, e.g. of two parts), with the personal
    reading of its rules under the first heading and the buttons that follow from it."""
    text = body or measure_reply(number, t, kind, context.on)
    facts = {**context.facts, **stated}
    offer = rules_to_offer(number, topic, facts)
    reading = personal_reading(offer, facts, stated, context.on, t) if stated else ""
    if reading:
        head, _, rest = text.partition("\n")
        # a time limit the reading already gives (…实施期限2020年2月1日至2020年6月30日，已结束) is said once
        rest = "\n".join(line for line in rest.split("\n") if not (
            line.startswith("⏱ ") and WINDOW_STATED.findall(line) and WINDOW_STATED.findall(line)[-1] in reading))
        rest = _without_other_rules(rest, number, reading_rules(offer, stated), t, reading)
        text = f"{head}\n{reading}\n{rest}"
    buttons = []
    if offer:
        title = "帮您完整测一测" if stated else "测一测我能不能享受"
        buttons.append({"title": title, "payload": "/check_eligibility"})
    if kind != Q.FULL_TEXT:
        buttons.append({"title": "看原文", "payload": f'/ask_full_text{{"clause":"{number}"}}'})
    return Answer(text, "measure", [number], kind, buttons, offer, stated)

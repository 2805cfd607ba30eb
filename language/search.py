"""Ranked retrieval over the clauses: jieba with the policy's terms as a user dictionary, BM25 by bm25s.

Used for the assistant's low-confidence suggestions, the staff console and as the keyword baseline the
NLU is measured against.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

import jieba

from policy_kb.annex import INDICATOR_ALIASES, INDICATORS, unit_aliases
from policy_kb.document import measures
from policy_kb.topics import topics

jieba.setLogLevel(logging.WARNING)
_TOKEN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
STOPWORDS = {
    "的", "了", "是", "我", "你", "他", "她", "们", "吗", "呢", "吧", "啊", "呀", "和", "与", "及", "或", "在", "有",
    "要", "就", "都", "也", "还", "对", "把", "被", "给", "从", "按", "这", "那", "个", "些", "啥", "咋", "怎么",
    "什么", "能", "可以", "多少", "哪些", "哪个", "一下", "请问", "俺", "恁", "中", "不", "没", "嘛", "哦", "嗯", "想",
    "问",
}


@lru_cache(maxsize=1)
def terms() -> list[str]:
    """Policy terms jieba must keep whole: topic keywords, measure titles, annex units and indicators."""
    found: set[str] = set()
    for topic in topics().values():
        found.update(topic.keywords)
    for m in measures().values():
        found.add(m.title)
    found.update(INDICATORS)
    for aliases in INDICATOR_ALIASES.values():
        found.update(aliases)
    found.update(unit_aliases())
    found.update(["高校毕业生", "就业困难人员", "建档立卡", "贫困人口", "低保家庭", "创业担保贷款", "稳岗返还", "社会保险补贴",
                  "就业见习", "一次性求职创业补贴", "一次性创业补贴", "个体工商户", "小微企业", "返乡农民工", "零就业家庭"])
    # the short forms people use (零就业 for 零就业家庭, 就业困难 for 就业困难人员) are kept whole as well
    found.update(t[:-2] for t in list(found) if len(t) >= 5 and t.endswith(("家庭", "人员", "人口")))
    return sorted(t for t in found if len(t) >= 2)


@lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    tok = jieba.Tokenizer()
    for term in terms():
        tok.add_word(term, freq=20000)
    return tok


def tokenize(text: str) -> list[str]:
    """Search tokens: jieba words (policy terms kept whole) plus character bigrams of longer words."""
    words = [w for w in _tokenizer().lcut(text or "") if _TOKEN.search(w) and w not in STOPWORDS]
    out = list(words)
    for w in words:
        if len(w) >= 3:
            out.extend(w[i:i + 2] for i in range(len(w) - 1))
    return out


@dataclass(frozen=True)
class Hit:
    number: str
    label: str
    title: str
    score: float
    snippet: str


@lru_cache(maxsize=1)
def _index():
    import bm25s

    docs = list(measures().values())
    corpus = []
    for m in docs:
        # keywords and the title count twice: they are how users name a measure. A keyword shared by several
        # measures (a topic of several: 工作机制) counts once, and only for those whose text has it (舆情 → （二十六）).
        shared = [k for k in m.keywords if any(other is not m and k in other.keywords for other in docs)]
        own = " ".join(k for k in m.keywords if k not in shared)
        lent = " ".join(k for k in shared if k in m.text or not any(k in o.text for o in docs if k in o.keywords))
        text = f"{m.title} {m.title} {m.body} {own} {own} {lent}"
        corpus.append(tokenize(text))
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    vocab = {t for doc in corpus for t in doc}
    return retriever, docs, vocab


def _snippet(body: str, query_tokens: list[str], width: int = 80) -> str:
    best, best_score = "", -1
    for sentence in re.findall(r"[^。；]+[。；]?", body):
        score = sum(1 for t in set(query_tokens) if t in sentence)
        if score > best_score:
            best, best_score = sentence, score
    return best if len(best) <= width else best[: width - 1] + "…"


def search(query: str, k: int = 3) -> list[Hit]:
    """The k clauses that best match the query, best first; [] when nothing matches."""
    retriever, docs, vocab = _index()
    q = [t for t in tokenize(query) if t in vocab]
    if not q or k < 1:
        return []
    results, scores = retriever.retrieve([q], k=min(k, len(docs)), show_progress=False)
    hits = []
    for i, score in zip(results[0], scores[0]):
        if score <= 0:
            continue
        m = docs[int(i)]
        hits.append(Hit(m.number, m.label, m.title, float(score), _snippet(m.body, q)))
    return hits


@lru_cache(maxsize=1)
def _bigram_index():
    import bm25s

    docs = list(measures().values())
    retriever = bm25s.BM25()
    retriever.index([bigrams(f"{m.title} {m.text}") for m in docs], show_progress=False)
    return retriever, docs


def bigrams(text: str) -> list[str]:
    """Character bigrams of the Han characters and digits: no dictionary, so no word the text uses is missed."""
    han = re.sub(r"[^\u4e00-\u9fff0-9]", "", text or "")
    pairs = (han[i:i + 2] for i in range(len(han) - 1))
    return [p for p in pairs if not p.isdigit()]  # "2025" shares no meaning with 2020年


def bigram_search(query: str, k: int = 5) -> list[tuple[str, float]]:
    """(measure number, score), best first: BM25 over character bigrams of the clause text."""
    q = bigrams(query)
    if not q:
        return []
    retriever, docs = _bigram_index()
    results, scores = retriever.retrieve([q], k=min(k, len(docs)), show_progress=False)
    return [(docs[int(i)].number, float(s)) for i, s in zip(results[0], scores[0]) if s > 0]

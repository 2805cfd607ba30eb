"""Near-duplicate sentences, for keeping test sets apart from training data.

Two sentences are near duplicates when, after ``normalize`` and with punctuation and spaces removed,
they are equal, lie within a character edit distance of 2, or share at least 80% of their character
bigrams (Dice coefficient). "明年还有这政策不" / "明年还有这政策吗" and "具体条款给我看看" / "具体条文给我看看"
are near duplicates; a test sentence so close to a training sentence measures memory, not understanding.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from language.normalize import normalize

MAX_EDITS = 2
MIN_DICE = 0.8
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


def fold(text: str) -> str:
    return _PUNCT.sub("", normalize(text))


def bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def edit_distance(a: str, b: str, limit: int = MAX_EDITS) -> int:
    """Levenshtein distance, stopping early once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def near_duplicates(tests: list[str], training: list[str]) -> list[tuple[str, str]]:
    """(test sentence, training sentence) pairs that are near duplicates."""
    folded = [fold(t) for t in training]
    grams = [bigrams(f) for f in folded]
    index: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(grams):
        for gram in g:
            index[gram].append(i)
    pairs = []
    for text in tests:
        f = fold(text)
        g = bigrams(f)
        shared: Counter[int] = Counter(i for gram in g for i in index.get(gram, ()))
        for i, n in shared.items():
            dice = 2 * n / (len(g) + len(grams[i])) if g and grams[i] else 0.0
            if f == folded[i] or dice >= MIN_DICE or (dice >= 0.4 and edit_distance(f, folded[i]) <= MAX_EDITS):
                pairs.append((text, training[i]))
        if f in ("",):
            continue
    return pairs

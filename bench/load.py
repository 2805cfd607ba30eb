"""Load: N simulated residents at once, in one of two modes.

* ``busy`` — closed loop without think time: each resident sends its next message as soon as it has the
  answer to the last, so N residents keep N messages in flight. Measures capacity (messages/second).
* ``paced`` — each resident reads and types: a think time drawn uniformly from 0.5–1.5 × ``think``
  seconds before every message. Measures the latency N residents actually chatting would see.

Each resident repeats a realistic visit under a fresh sender id: two questions about measures, then a
short screening (opening, then the questions the assistant asks, answered from its own facts). The run
lasts ``seconds``; visits in progress are finished, their messages counted. Latency is per message, from
the request to the complete answer (REST) or the passive reply (WeChat).
"""

from __future__ import annotations

import asyncio
import itertools
import random
import time
import uuid
from dataclasses import dataclass

from bench.stats import percentile
from bench.users import Channel, ConversationError, applicants, ask_questions, screening


@dataclass
class LoadResult:
    channel: str
    mode: str
    users: int
    messages: int
    failed: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    screenings: int
    late: int = 0  # WeChat: answers that missed the passive window (acknowledged instead)

    @property
    def per_second(self) -> float:
        return round(self.messages / self.seconds, 1) if self.seconds else 0.0

    def to_dict(self) -> dict:
        return {**self.__dict__, "messages_per_second": self.per_second}


class _Paced(Channel):
    """A channel whose user thinks before each message (the think time is not part of the latency)."""

    def __init__(self, inner: Channel, think: float, rng: random.Random) -> None:
        super().__init__(inner.name, inner.turns)
        self.inner, self.think, self.rng = inner, think, rng

    async def say(self, user: str, text: str) -> str:
        await asyncio.sleep(self.rng.uniform(0.5, 1.5) * self.think)
        return await self.inner.say(user, text)


async def _visitor(channel: Channel, number: int, deadline: float, pool, done: list[int], errors: list[str],
                   think: float) -> None:
    rng = random.Random(number)
    if think:
        channel = _Paced(channel, think, rng)
    await asyncio.sleep(rng.uniform(0, think or 0.05))  # residents do not all arrive in the same instant
    while time.monotonic() < deadline:
        user = f"bench-{number}-{uuid.uuid4().hex[:10]}"
        try:
            await ask_questions(channel, user, rng)
            await screening(channel, user, next(pool))
            done.append(1)
        except (ConversationError, OSError, asyncio.TimeoutError) as error:
            errors.append(f"{type(error).__name__}: {error}"[:200])
            await asyncio.sleep(0.2)


async def run(channel: Channel, users: int, seconds: float, think: float = 0.0) -> tuple[LoadResult, list[str]]:
    """``users`` residents for ``seconds`` (``think`` > 0: paced mode); the figures and the first errors."""
    channel.turns.clear()
    if hasattr(channel, "late"):
        channel.late = 0
    pool = itertools.cycle(applicants(400))
    done: list[int] = []
    errors: list[str] = []
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.wait_for(
        asyncio.gather(*(_visitor(channel, n, deadline, pool, done, errors, think) for n in range(users))),
        timeout=seconds + 120)
    elapsed = time.monotonic() - started
    ms = sorted(t.seconds * 1000 for t in channel.turns)
    result = LoadResult(
        channel=channel.name, mode=f"paced {think:g}s" if think else "busy", users=users, messages=len(ms), failed=sum(not t.ok for t in channel.turns),
        seconds=round(elapsed, 1), p50_ms=percentile(ms, 50), p95_ms=percentile(ms, 95), p99_ms=percentile(ms, 99),
        max_ms=round(ms[-1], 1) if ms else 0.0, screenings=len(done), late=getattr(channel, "late", 0))
    return result, errors[:5]

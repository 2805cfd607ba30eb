"""Simulated residents: questions and short screenings, each with its own facts, over REST or WeChat.

A :class:`Channel` turns one message into the assistant's text and its latency; :func:`screening` answers
whatever the assistant asks from the applicant's own answers until the verdict, the way a resident
would, and :func:`expected_verdict` says what policy_kb decides for exactly those answers — so a test can
check that every user saw their own verdict and nobody else's.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field

import aiohttp

from policy_kb.facts import FACTS, HARDSHIP_TYPES
from records.codes import PATTERN
from tests.harness.wechat import FakeCustomerServiceApi, SimulatedWeChat

OPENING = "我能领什么补贴吗，想查一下求职创业补贴"
QUESTIONS = (
    "创业担保贷款个人最多能贷多少", "稳岗返还是怎么计算的", "就业见习补贴都有谁能参加", "一次性求职创业补贴是多少钱",
    "返乡创业的一次性创业补贴标准是多少", "参加技能培训有补贴吗", "就业困难人员灵活就业社保补贴能补多少",
    "零就业家庭有什么帮扶", "第十九条讲的是什么", "曲梁镇的目标任务是多少", "创业贷款最多能贷多少钱",
    "职业介绍补贴怎么给", "社保费减免是什么政策",
)
CODE = PATTERN  # a reference code as the resident is shown it (records.codes)


CONFIRM = "我理解您的情况是"  # the summary the assistant asks the user to confirm before a verdict with a yes


def is_verdict(text: str) -> bool:
    return "关于您问的政策" in text or "根据您提供的情况" in text


def asked(text: str) -> list[str]:
    """The facts whose question the assistant's text asks."""
    return [name for name, f in FACTS.items() if f.question in text]


@dataclass(frozen=True)
class Applicant:
    """One resident's answers to the screening questions (fact name → what they type)."""

    answers: dict[str, str]

    def answer(self, fact: str) -> str:
        return self.answers.get(fact, "不知道")


def applicants(n: int, seed: int = 6, today: dt.date | None = None) -> list[Applicant]:
    """``n`` applicants with pairwise different answers: every combination of this year's graduates first
    (full screenings with varied verdicts), then a seeded sample of earlier years and non-graduates."""
    year = (today or dt.date.today()).year
    combos = list(itertools.product(("是", "否"), range(year, year - 40, -1), HARDSHIP_TYPES, ("是的", "没有")))
    this_year = [c for c in combos if c[0] == "是" and c[1] == year]
    others = [c for c in combos if c not in this_year]
    random.Random(seed).shuffle(others)
    chosen = (this_year + others)[:n]
    if len(chosen) < n:
        raise ValueError(f"at most {len(combos)} distinct applicants")
    random.Random(seed + 1).shuffle(chosen)
    return [Applicant({"applicant_type": "个人", "is_college_graduate": graduate, "graduation_year": str(y),
                       "hardship_type": hardship, "seeking_work": seeking})
            for graduate, y, hardship, seeking in chosen]


def next_message(reply: str, applicant: Applicant) -> str | None:
    """What the applicant says to the assistant's reply: "对" to the summary, else the answer to the question."""
    if CONFIRM in reply:
        return "对"
    names = asked(reply)
    return applicant.answer(names[-1]) if names else None


def given_facts(applicant: Applicant, questions: list[str], opening: str = OPENING) -> dict:
    """The facts this applicant stated (typed values): the opening's, and each answer read as the fact it
    was asked for (language.replies, as the screening form reads it)."""
    from language.extract import extract_facts
    from language.normalize import normalize
    from language.replies import parse_reply, vocational_school

    facts = {"applicant_type": "个人", **{k: v for k, v in extract_facts(normalize(opening)).items()
                                          if k != "applicant_type"}}
    for name in questions:
        reply = parse_reply(name, applicant.answer(name), dt.date.today())
        if reply.kind == "value":
            facts[name] = reply.value
            if name == "is_college_graduate" and reply.value is False:  # 中专 / 高中 also says this (forms.py)
                vocational = vocational_school(applicant.answer(name))
                if vocational is not None:
                    facts["is_vocational_graduate"] = vocational
    return facts


def expected_verdict(applicant: Applicant, questions: list[str], opening: str = OPENING) -> str:
    """policy_kb's verdict text for the answers this applicant gave to the questions they were asked."""
    from language.normalize import normalize
    from language.replies import parse_reply
    from language.verdict import verdict_text
    from policy_kb.screening import screen, targets_in_text

    targets = targets_in_text(normalize(opening), "person") or None
    facts = given_facts(applicant, questions, opening)
    verdict = screen(facts, applicant="person")
    asked_about = screen(facts, applicant="person", targets=targets) if targets else None
    skipped = [n for n in questions if parse_reply(n, applicant.answer(n), dt.date.today()).kind == "dont_know"]
    confirmed = bool((asked_about or verdict).eligible)
    return verdict_text(verdict, asked_about, confirmed=confirmed, skipped=skipped)


@dataclass
class Turn:
    text: str
    seconds: float
    ok: bool


@dataclass
class Channel:
    """Says one message for one user; subclasses talk REST or WeChat."""

    name: str = "channel"
    turns: list[Turn] = field(default_factory=list)

    async def say(self, user: str, text: str) -> str:
        raise NotImplementedError

    def record(self, text: str, seconds: float, ok: bool) -> None:
        self.turns.append(Turn(text, seconds, ok))


class RoundRobin:
    """The URL for the next message: with several replicas each message goes to the next one, as a
    round-robin load balancer would send it."""

    def __init__(self, urls: str | list[str]) -> None:
        self._cycle = itertools.cycle([urls] if isinstance(urls, str) else list(urls))

    def __call__(self) -> str:
        return next(self._cycle)


class RestChannel(Channel):
    def __init__(self, session: aiohttp.ClientSession, urls: str | list[str]) -> None:
        super().__init__("REST")
        self.session = session
        self.next_url = RoundRobin(urls)

    async def say(self, user: str, text: str) -> str:
        url = self.next_url()
        started = time.perf_counter()
        ok, reply = False, ""
        try:
            async with self.session.post(url, json={"sender": user, "message": text}) as resp:
                if resp.status == 200:
                    reply = "\n".join(m.get("text") or "" for m in await resp.json())
                    ok = bool(reply.strip())
        finally:
            self.record(text, time.perf_counter() - started, ok)
        if not ok:
            raise ConversationError(f"{self.name}: no answer to {text!r}")
        return reply


class WeChatChannel(Channel):
    """Passive replies only: an answer that misses the passive window counts as a failed turn."""

    def __init__(self, session: aiohttp.ClientSession, urls: list[str], token: str, ack_texts: tuple[str, ...]):
        super().__init__("WeChat")
        self.server = SimulatedWeChat(session, token=token)
        self.next_url = RoundRobin(urls)
        self.ack_texts = ack_texts
        self.late = 0

    async def say(self, user: str, text: str) -> str:
        url = self.next_url()
        started = time.perf_counter()
        ok, reply = False, ""
        try:
            passive = await self.server.say(user, text, url=url)
            reply = passive.content or ""
            if reply in self.ack_texts:
                self.late += 1
            else:
                ok = passive.status == 200 and bool(reply.strip())
        finally:
            self.record(text, time.perf_counter() - started, ok)
        if not ok:
            raise ConversationError(f"{self.name}: no passive answer to {text!r} ({reply[:30]!r})")
        return reply


class WeChatUsers(Channel):
    """Residents on WeChat: a passive answer, or an acknowledgement and then the answer by the customer-service
    API (played by the harness's fake)."""

    def __init__(self, session: aiohttp.ClientSession, urls: list[str], token: str, api: FakeCustomerServiceApi,
                 ack_text: str, wait: float = 90.0) -> None:
        super().__init__("WeChat")
        self.server = SimulatedWeChat(session, token=token)
        self.next_url = RoundRobin(urls)
        self.api, self.ack_text, self.wait = api, ack_text, wait
        self.transcripts: dict[str, list[str]] = defaultdict(list)
        self.acknowledged = 0

    async def say(self, user: str, text: str) -> str:
        url = self.next_url()
        before = len(self.api.texts_to(user))
        started = time.perf_counter()
        passive = await self.server.say(user, text, url=url)
        if passive.status != 200:
            self.record(text, time.perf_counter() - started, False)
            raise ConversationError(f"WeChat answered {passive.status} to {text!r}")
        reply = passive.content or ""
        if reply and reply != self.ack_text:
            self.transcripts[user].append(reply)
        else:  # late: the answer comes through the customer-service API
            self.acknowledged += 1
            deadline = time.monotonic() + self.wait
            while len(self.api.texts_to(user)) <= before and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            late = self.api.texts_to(user)[before:]
            if not late:
                self.record(text, time.perf_counter() - started, False)
                raise ConversationError(f"no answer to {text!r} within {self.wait:.0f}s")
            reply = "\n\n".join(late)
        self.record(text, time.perf_counter() - started, True)
        return reply

    def everything_sent_to(self, user: str) -> str:
        """Passive replies and customer-service messages this user received, as one text."""
        return "\n\n".join(self.transcripts[user] + self.api.texts_to(user))


class ConversationError(AssertionError):
    """The assistant did not answer as a resident would need."""


@dataclass
class Screening:
    user: str
    applicant: Applicant
    questions: list[str]
    verdict: str  # the whole reply that carried the verdict
    code: str | None
    said: list[str] = field(default_factory=list)  # every message after the opening: answers and confirmations


async def screening(channel: Channel, user: str, applicant: Applicant, opening: str = OPENING,
                    limit: int = 12) -> Screening:
    """Open a screening and answer each question from the applicant's answers until the verdict."""
    questions: list[str] = []
    said: list[str] = []
    reply = await channel.say(user, opening)
    for _ in range(limit):
        if is_verdict(reply):
            found = CODE.search(reply)
            return Screening(user, applicant, questions, reply, found.group(0) if found else None, said)
        answer = next_message(reply, applicant)
        if answer is None:
            raise ConversationError(f"neither a question nor a verdict after {questions}: {reply[:120]!r}")
        if CONFIRM not in reply:
            questions.append(asked(reply)[-1])
        said.append(answer)
        reply = await channel.say(user, answer)
    raise ConversationError(f"no verdict after {limit} answers; asked {questions}")


async def ask_questions(channel: Channel, user: str, rng: random.Random, count: int = 2) -> None:
    for text in rng.sample(QUESTIONS, count):
        await channel.say(user, text)

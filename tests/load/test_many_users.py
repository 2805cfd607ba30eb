"""200 residents screening at the same moment, half through the REST channel and half through WeChat, on one
Rasa server and one action server (SQLite tracker store): every message is answered, everyone gets the
verdict policy_kb gives for their own answers and a reference code of their own, and every tracker and every
record holds that resident's facts and nobody else's.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import json
import re
import sqlite3
import uuid

import aiohttp
import pytest

from bench.users import CODE, RestChannel, WeChatUsers, applicants, expected_verdict, given_facts, screening
from bot.config import WeChatSettings
from language.replies import parse_reply
from tests.harness.servers import SENDER_SALT, WECHAT_TOKEN, Stack, fetch_tracker
from tests.harness.wechat import wechat_settings

USERS = 200
DEADLINE = 110  # seconds for all of them to finish


@pytest.fixture(scope="module")
def stack(tmp_path_factory, fake_api, model):
    with Stack(tmp_path_factory.mktemp("many"), wechat=wechat_settings(fake_api)) as running:
        yield running


def pseudonym(sender: str) -> str:
    return hmac.new(SENDER_SALT.encode(), sender.encode(), hashlib.sha256).hexdigest()


def squeeze(text: str) -> str:
    """Text without whitespace: WeChat splits long answers at line ends and joins parts with blank lines."""
    return re.sub(r"\s+", "", text)


async def test_200_residents_screening_at_once_through_rest_and_wechat_each_get_only_their_own_verdict(
        stack, fake_api):
    people = applicants(USERS)
    run = uuid.uuid4().hex[:6]
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=100),
                                     connector=aiohttp.TCPConnector(limit=0)) as session:
        rest = RestChannel(session, stack.rest_url)
        wechat = WeChatUsers(session, [stack.wechat_url], WECHAT_TOKEN, fake_api, WeChatSettings.ack_text)
        senders = [f"rest-{run}-{i:03d}" if i % 2 == 0 else f"o6_wx{run}{i:03d}" for i in range(USERS)]
        jobs = [screening(rest if i % 2 == 0 else wechat, senders[i], person) for i, person in enumerate(people)]
        results = await asyncio.wait_for(asyncio.gather(*jobs, return_exceptions=True), timeout=DEADLINE)
        await asyncio.sleep(2)  # the last long answers' follow-up parts (customer-service messages, ~0.5 s)

    failures = [r for r in results if isinstance(r, BaseException)]
    assert not failures, f"{len(failures)} of {USERS} failed, e.g. {failures[:3]}"
    assert all(turn.ok for turn in rest.turns + wechat.turns)
    assert len(rest.turns) + len(wechat.turns) == sum(len(r.said) + 1 for r in results)
    print(f"\n{len(rest.turns)} REST and {len(wechat.turns)} WeChat messages; {wechat.acknowledged} WeChat answers "
          f"came late, through the customer-service API")

    codes = {}
    for sender, outcome in zip(senders, results):
        expected = expected_verdict(outcome.applicant, outcome.questions)
        if sender.startswith("rest-"):
            assert expected in outcome.verdict, (sender, outcome.verdict[:200], expected[:200])
            seen = outcome.verdict
        else:
            seen = wechat.everything_sent_to(sender)
            assert squeeze(expected) in squeeze(seen), (sender, seen[:200], expected[:200])
        assert seen.count("本次查询编号") == 1 and len(set(CODE.findall(seen))) == 1, (sender, seen[-300:])
        codes[sender] = CODE.search(seen).group(0)
    assert len(set(codes.values())) == USERS, "two residents were given the same reference code"

    # Records: each code is the resident's own screening, with exactly the facts they stated.
    with sqlite3.connect(stack.records_db, timeout=30) as db:
        rows = {code: (sender_hash, json.loads(facts))
                for code, sender_hash, facts in db.execute("select code, sender_hash, facts from screenings")}
    assert len(rows) == USERS
    for sender, outcome in zip(senders, results):
        rasa_sender = sender if sender.startswith("rest-") else pseudonym(sender)  # WeChat: Rasa sees a pseudonym
        sender_hash, facts = rows[codes[sender]]
        assert sender_hash == pseudonym(rasa_sender), sender
        assert facts == given_facts(outcome.applicant, outcome.questions), sender

        # The tracker: only this resident's messages, and slots holding only their answers.
        tracker = fetch_tracker(stack.rasa.url, rasa_sender, stack.api_token)
        said = [e["text"] for e in tracker["events"] if e["event"] == "user"]
        assert said[1:] == outcome.said, (sender, said, outcome.said)
        for name in outcome.questions:
            reply = parse_reply(name, outcome.applicant.answer(name), dt.date.today())
            assert tracker["slots"][name] == (reply.value if reply.kind == "value" else None), (sender, name)

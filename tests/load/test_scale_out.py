"""Scale-out on Rasa's own engine: two ``rasa run`` replicas reading endpoints.scale.yml — one PostgreSQL
tracker store and one Redis lock store between them — each with its own action server, both action servers
writing screening records to one PostgreSQL database, and the WeChat channel's dedupe marks in Redis.

PostgreSQL and Redis come from ``bash scripts/services.sh start`` (make test runs it); without them these
tests fail and say so — a scale-out that was never tried is not a pass.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import json
import urllib.request
import uuid

import aiohttp
import pytest

from bench.users import (
    CODE,
    CONFIRM,
    OPENING,
    Applicant,
    asked,
    expected_verdict,
    given_facts,
    is_verdict,
    next_message,
)
from tests.harness.servers import (
    SENDER_SALT,
    WECHAT_TOKEN,
    Replicas,
    ServicesUnavailable,
    fetch_tracker,
    services_settings,
)
from tests.harness.wechat import SimulatedWeChat, wechat_settings

API_TOKEN = "scale-out-api-token"
GRADUATE = Applicant({"applicant_type": "个人", "is_college_graduate": "是",
                      "graduation_year": str(dt.date.today().year), "hardship_type": "特困人员", "seeking_work": "是"})


@pytest.fixture(scope="module")
def services() -> dict[str, str]:
    try:
        return services_settings()
    except ServicesUnavailable as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="module")
def replicas(tmp_path_factory, services, fake_api, model):
    with Replicas(tmp_path_factory.mktemp("scale"), services, wechat_settings(fake_api), api_token=API_TOKEN) as running:
        yield running


def say(url: str, sender: str, text: str) -> str:
    request = urllib.request.Request(url, data=json.dumps({"sender": sender, "message": text}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=60) as resp:
        return "\n".join(m.get("text") or "" for m in json.loads(resp.read().decode()))


def test_a_screening_whose_messages_alternate_between_two_replicas_completes_correctly(replicas):
    import psycopg2

    urls = replicas.rest_urls
    sender = f"scale-{uuid.uuid4().hex[:8]}"
    turn = 0

    def next_say(text: str) -> str:
        nonlocal turn
        turn += 1
        return say(urls[turn % 2], sender, text)  # replica b, a, b, a, …

    questions: list[str] = []
    said: list[str] = []
    reply = next_say(OPENING)
    for _ in range(10):
        if is_verdict(reply):
            break
        answer = next_message(reply, GRADUATE)
        assert answer is not None, f"neither a question nor a verdict after {questions}: {reply!r}"
        if CONFIRM not in reply:
            questions.append(asked(reply)[-1])
        said.append(answer)
        reply = next_say(answer)
    assert turn >= 4, "the screening should take several messages"
    assert len(questions) == len(set(questions)), f"a replica asked again what the other had been told: {questions}"
    assert expected_verdict(GRADUATE, questions) in reply
    code = CODE.search(reply).group(0)

    tracker = fetch_tracker(replicas.rasa[0].url, sender, API_TOKEN)
    assert [e["text"] for e in tracker["events"] if e["event"] == "user"] == \
        [OPENING] + said
    with psycopg2.connect(replicas.records_url) as db, db.cursor() as cursor:
        cursor.execute("select facts, channel from screenings where code = %s", (code,))
        facts, channel = cursor.fetchone()
    assert json.loads(facts) == given_facts(GRADUATE, questions) and channel == "rest"


async def test_messages_of_one_conversation_reaching_both_replicas_at_once_are_handled_one_after_the_other(
        replicas):
    urls = replicas.rest_urls
    sender = f"scale-lock-{uuid.uuid4().hex[:8]}"
    texts = {"创业担保贷款最多能贷多少": "（十一）", "稳岗返还是怎么计算的": "（一）",
             "一次性求职创业补贴是多少钱": "（十三）", "就业见习补贴都有谁能参加": "（八）"}
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        async def post(url: str, text: str) -> str:
            async with session.post(url, json={"sender": sender, "message": text}) as resp:
                assert resp.status == 200
                return "\n".join(m.get("text") or "" for m in await resp.json())

        replies = await asyncio.gather(*(post(urls[i % 2], text) for i, text in enumerate(texts)))
    for reply, cited in zip(replies, texts.values()):
        assert cited in reply, reply[:80]
    events = fetch_tracker(replicas.rasa[1].url, sender, API_TOKEN)["events"]
    steps = [e["text"] if e["event"] == "user" else e["name"] for e in events
             if e["event"] == "user" or (e["event"] == "action" and e["name"] == "action_answer_question")]
    # The lock store made the replicas take turns: every message is in the tracker, each followed by its
    # answer before the next message (concurrent processing would lose events or interleave them).
    assert sorted(steps[0::2]) == sorted(texts) and steps[1::2] == ["action_answer_question"] * len(texts), steps


async def test_wechat_retries_landing_on_different_replicas_are_processed_once_and_answered_once(replicas, fake_api):
    urls = replicas.wechat_urls
    openid = f"o6_scale{uuid.uuid4().hex[:12]}"
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        wechat = SimulatedWeChat(session, token=WECHAT_TOKEN)
        xml = wechat.text(openid, "创业担保贷款最多能贷多少")
        # WeChat's three tries of one message, arriving together at replicas a, b and a
        together = await asyncio.gather(*(wechat.post(xml, url=url) for url in (urls[0], urls[1], urls[0])))
        xml2 = wechat.text(openid, "稳岗返还是怎么计算的")
        first = await wechat.post(xml2, url=urls[1])
        late_retries = [await wechat.post(xml2, url=url) for url in urls]  # after the answer went out
        await asyncio.sleep(1)
    answers = [p.content for p in together if p.content]
    assert len(answers) == 1 and "（十一）" in answers[0], [p.content for p in together]
    assert all(p.status == 200 for p in together + late_retries)
    assert all(p.to_user in (None, openid) for p in together + [first])
    assert first.content and "（一）" in first.content
    assert [p.content for p in late_retries] == [None, None]  # "success": already answered
    assert fake_api.texts_to(openid) == [], "an answer also went out through the customer-service API"
    sender = hmac.new(SENDER_SALT.encode(), openid.encode(), hashlib.sha256).hexdigest()
    said = [e["text"] for e in fetch_tracker(replicas.rasa[0].url, sender, API_TOKEN)["events"] if e["event"] == "user"]
    assert said == ["创业担保贷款最多能贷多少", "稳岗返还是怎么计算的"], said  # each processed once

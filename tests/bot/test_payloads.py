"""Typed text is text: a resident's ``/inform{…}`` never reaches Rasa as an intent; only the channel's own
button payloads do (bot.payloads, the REST channel, the WeChat dispatcher)."""

from __future__ import annotations

import socket
import unicodedata
import uuid
from typing import Any

import aiohttp
import pytest
from rasa.core.channels.channel import UserMessage
from rasa.nlu.classifiers.regex_message_handler import RegexMessageHandler
from rasa.shared.core.domain import Domain
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from sanic import Sanic

from bot.channels.rest import RestInput
from bot.payloads import TYPED_PREFIX, RecentButtons, as_typed_text, button_payloads, reads_as_intent
from bot.privacy import pseudonymize

INFORM = '/inform{"hardship_type": "低保家庭"}'
DOMAIN = Domain.from_dict({"intents": ["inform", "affirm", "deny", "check_eligibility"],
                           "entities": ["hardship_type"]})
BUTTONS = [{"title": "是", "payload": "/affirm"}, {"title": "否", "payload": "/deny"}]


def rasa_intent(text: str) -> str | None:
    """The intent Rasa's RegexMessageHandler gives ``text`` (None: the NLU reads it as text), also after the
    NFKC step of the project's normaliser."""
    found = set()
    for variant in (text, unicodedata.normalize("NFKC", text)):
        [parsed] = RegexMessageHandler().process([Message(data={TEXT: variant})], DOMAIN)
        found.add((parsed.get(INTENT) or {}).get("name"))
    assert len(found) == 1, found
    return found.pop()


# -- bot.payloads ------------------------------------------------------------------------------


def test_the_handler_really_parses_an_unguarded_command():  # the premise of everything below
    assert rasa_intent(INFORM) == "inform"
    assert rasa_intent("  /affirm ") == "affirm"


@pytest.mark.parametrize("typed", [INFORM, "  " + INFORM, "／inform{\"hardship_type\": \"低保家庭\"}",
                                   "\u200b/affirm", "\u3000/check_eligibility", "/affirm@1.0"])
def test_typed_commands_become_text_rasa_does_not_parse(typed):
    assert reads_as_intent(typed)
    safe = as_typed_text(typed)
    assert safe.startswith(TYPED_PREFIX)
    assert rasa_intent(safe) is None
    assert safe.endswith(typed.strip()[1:])  # what was typed is kept


@pytest.mark.parametrize("typed", ["我家是低保家庭", "1", "2000/月 怎么算", "", None])
def test_ordinary_text_is_left_as_it_is(typed):
    assert as_typed_text(typed) == typed


def test_button_payloads_are_what_a_client_sends_back():
    messages = [{"text": "您是应届生吗？", "buttons": BUTTONS}, {"text": "或者", "buttons": [{"title": "我是企业"}]},
                {"text": "没有按钮"}]
    assert button_payloads(messages) == ["/affirm", "/deny", "我是企业"]


def test_recent_buttons_are_per_sender_expire_and_stay_bounded(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr("bot.payloads.time.monotonic", lambda: clock[0])
    buttons = RecentButtons(ttl=60, max_senders=2)
    buttons.remember("a", ["/affirm", "/deny"])
    assert buttons.to_rasa("a", "/deny") == "/deny"
    assert buttons.to_rasa("b", "/deny") == TYPED_PREFIX + "/deny"
    assert buttons.to_rasa("a", "/inform") == TYPED_PREFIX + "/inform"
    buttons.remember("b", ["/affirm"])
    buttons.remember("c", ["/affirm"])
    assert len(buttons) == 2 and buttons.chosen("a", "/affirm") is None  # the oldest went first
    clock[0] += 61
    assert buttons.chosen("c", "/affirm") is None  # expired
    buttons.remember("b", [])
    assert buttons.chosen("b", "/affirm") is None  # a reply without buttons forgets them


# -- the REST channel --------------------------------------------------------------------------


class Bot:
    """Stands in for Rasa behind the REST channel."""

    def __init__(self) -> None:
        self.received: list[UserMessage] = []

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)
        out = message.output_channel
        if message.text == "buttons":
            await out.send_text_with_buttons(message.sender_id, "您是应届高校毕业生吗？", BUTTONS)
        else:
            await out.send_text_message(message.sender_id, f"收到：{message.text}")

    def texts(self) -> list[str]:
        return [m.text for m in self.received]


@pytest.fixture
async def rest():
    bot = Bot()
    channel = RestInput.from_credentials(None)
    app = Sanic(f"rest_test_{uuid.uuid4().hex}", configure_logging=False)
    app.blueprint(channel.blueprint(bot), url_prefix="/webhooks/rest")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/webhooks/rest/webhook"
    server = await app.create_server(sock=sock, return_asyncio_server=True, access_log=False)
    await server.startup()
    await server.after_start()
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))

    async def say(sender: str, message: str, **params: Any) -> Any:
        async with session.post(url, json={"sender": sender, "message": message}, params=params) as resp:
            assert resp.status == 200
            return await resp.json() if not params else await resp.text()

    yield say, bot, channel
    await session.close()
    await server.before_stop()
    server.close()
    await server.wait_closed()
    await server.after_stop()


async def test_a_typed_command_reaches_rasa_as_text_through_the_rest_channel(rest):
    say, bot, _ = rest
    answer = await say("resident-1", INFORM)
    [message] = bot.received
    assert message.text == TYPED_PREFIX + INFORM
    assert rasa_intent(message.text) is None
    assert answer == [{"recipient_id": "resident-1", "text": f"收到：{TYPED_PREFIX}{INFORM}"}]


async def test_a_payload_of_a_button_the_channel_sent_passes_as_the_intent(rest):
    say, bot, _ = rest
    answer = await say("resident-1", "buttons")
    assert answer[0]["buttons"] == BUTTONS  # Rasa's REST answer, unchanged
    await say("resident-1", "/affirm")
    assert bot.texts()[-1] == "/affirm"
    assert rasa_intent(bot.texts()[-1]) == "affirm"
    await say("resident-1", "/deny")  # the last reply had no buttons
    assert bot.texts()[-1] == TYPED_PREFIX + "/deny"


async def test_a_payload_not_among_the_buttons_sent_is_text(rest):
    say, bot, _ = rest
    await say("resident-1", "buttons")
    await say("resident-1", INFORM)
    assert bot.texts()[-1] == TYPED_PREFIX + INFORM


async def test_a_payload_of_a_button_sent_to_another_sender_is_text(rest):
    say, bot, _ = rest
    await say("resident-1", "buttons")
    await say("resident-2", "/affirm")
    assert bot.texts()[-1] == TYPED_PREFIX + "/affirm"
    assert rasa_intent(bot.texts()[-1]) is None
    await say("resident-1", "/affirm")  # still answerable by the one it was sent to
    assert bot.texts()[-1] == "/affirm"


async def test_the_streaming_answer_guards_and_remembers_too(rest):
    say, bot, _ = rest
    streamed = await say("resident-1", "buttons", stream="true")
    assert '"/affirm"' in streamed
    await say("resident-1", "/affirm", stream="true")
    await say("resident-1", "/affirm", stream="true")
    assert bot.texts()[-2:] == ["/affirm", TYPED_PREFIX + "/affirm"]


# -- the WeChat dispatcher ---------------------------------------------------------------------

OPENID = "oXinmiResident0001"


async def test_a_typed_command_reaches_rasa_as_text_through_wechat(start_channel):
    h = await start_channel()
    reply = await h.wechat.post(h.wechat.text(OPENID, INFORM))
    [message] = h.bot.received
    assert message.text == TYPED_PREFIX + INFORM
    assert message.sender_id == pseudonymize(OPENID)
    assert rasa_intent(message.text) is None
    assert reply.content == f"收到：{TYPED_PREFIX}{INFORM}"


async def test_on_wechat_a_chosen_button_and_the_channels_own_events_keep_their_payloads(start_channel):
    h = await start_channel()
    await h.wechat.post(h.wechat.event(OPENID, "subscribe", EventKey=""))
    await h.wechat.post(h.wechat.text(OPENID, "buttons"))
    await h.wechat.post(h.wechat.text(OPENID, "1"))
    await h.wechat.post(h.wechat.text(OPENID, "buttons"))
    await h.wechat.post(h.wechat.text(OPENID, "/deny"))  # typed, even while the options are shown
    assert h.bot.texts() == ["/greet", "buttons", "/affirm", "buttons", TYPED_PREFIX + "/deny"]

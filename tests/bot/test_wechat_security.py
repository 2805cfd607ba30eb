"""Forged, stale, replayed and hostile requests are refused quickly and nothing is processed;
the openid never reaches the logs."""

from __future__ import annotations

import asyncio
import logging
import time
from urllib.parse import urlencode, urlsplit

import pytest
from wechatpy.crypto import WeChatCrypto

from tests.harness.wechat import ENCODING_AES_KEY, TOKEN, billion_laughs, external_entity

OPENID = "oXinmiResident0001"


async def test_a_message_with_a_forged_signature_is_refused_and_not_processed(start_channel):
    h = await start_channel()
    reply = await h.wechat.post(h.wechat.text(OPENID, "你好"), query=h.wechat.query(token="guessed-token"))
    assert reply.status == 403
    assert h.bot.received == []


async def test_a_message_without_signature_parameters_is_refused(start_channel):
    h = await start_channel()
    reply = await h.wechat.post(h.wechat.text(OPENID, "你好"), query={})
    assert reply.status == 403
    assert h.bot.received == []


@pytest.mark.parametrize("offset", [-301, +301, -86_400])
async def test_a_message_with_a_stale_or_future_timestamp_is_refused_and_not_processed(start_channel, offset):
    h = await start_channel()
    query = h.wechat.query(timestamp=int(time.time()) + offset)
    reply = await h.wechat.post(h.wechat.text(OPENID, "你好"), query=query)
    assert reply.status == 403
    assert h.bot.received == []


async def test_a_handshake_with_a_stale_timestamp_is_refused(start_channel):
    h = await start_channel()
    status, _ = await h.wechat.handshake("echo", timestamp=int(time.time()) - 3600)
    assert status == 403


async def test_a_replayed_request_is_not_processed_again(start_channel):
    h = await start_channel()
    query = h.wechat.query()
    body = h.wechat.seal(h.wechat.text(OPENID, "你好", msg_id=9001), query)
    first = await h.wechat.post(body=body, query=query)
    replay = await h.wechat.post(body=body, query=query)
    assert first.content == "收到：你好"
    assert replay.is_success
    assert h.bot.texts() == ["你好"]


async def test_a_captured_signature_reused_with_another_message_is_refused(start_channel):
    h = await start_channel()
    query = h.wechat.query()
    await h.wechat.post(h.wechat.text(OPENID, "你好"), query=query)
    forged = await h.wechat.post(h.wechat.text("oSomeoneElse", "冒充的消息"), query=query)
    assert forged.status == 403
    assert h.bot.texts() == ["你好"]


async def test_safe_mode_refuses_a_message_with_a_forged_msg_signature(start_channel):
    h = await start_channel("safe")
    query = h.wechat.query()
    body = h.wechat.seal(h.wechat.text(OPENID, "你好"), query)
    query["msg_signature"] = "0" * 40
    reply = await h.wechat.post(body=body, query=query)
    assert reply.status == 403
    assert h.bot.received == []


async def test_safe_mode_refuses_a_plaintext_message(start_channel):
    h = await start_channel("safe")
    reply = await h.wechat.post(body=h.wechat.text(OPENID, "你好").encode(), query=h.wechat.query())
    assert reply.status == 403
    assert h.bot.received == []


async def test_safe_mode_refuses_a_message_encrypted_for_another_account(start_channel):
    h = await start_channel("safe")
    h.wechat.crypto = WeChatCrypto(TOKEN, ENCODING_AES_KEY, "wxSomeOtherAccount")
    reply = await h.wechat.post(h.wechat.text(OPENID, "你好"))
    assert reply.status == 403
    assert h.bot.received == []


async def test_safe_mode_refuses_billion_laughs_inside_the_encrypted_message(start_channel):
    h = await start_channel("safe")
    started = time.perf_counter()
    reply = await h.wechat.post(billion_laughs().decode())
    assert reply.status == 400
    assert time.perf_counter() - started < 1.0
    assert h.bot.received == []


HOSTILE_BODIES = {
    "empty": b"",
    "blank": b"   \n ",
    "one megabyte": b"<xml><Content>" + b"A" * (1024 * 1024) + b"</Content></xml>",
    "malformed": b"<xml><ToUserName>gh</ToUserName><MsgType>text</MsgType",
    "not xml": b'{"MsgType": "text"}',
    "another root element": b"<note><MsgType>text</MsgType></note>",
    "missing fields": b"<xml><MsgType>text</MsgType><Content>hi</Content></xml>",
    "non-numeric MsgId": (
        b"<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime>"
        b"<MsgType>text</MsgType><Content>hi</Content><MsgId>x</MsgId></xml>"
    ),
    "repeated field": (
        b"<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><FromUserName>o2</FromUserName>"
        b"<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>hi</Content><MsgId>5</MsgId></xml>"
    ),
    "billion laughs": billion_laughs(),
    "external entity": external_entity(),
    "non-UTF-8 bytes": (
        "<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime>"
        "<MsgType>text</MsgType><Content>补贴</Content><MsgId>6</MsgId></xml>"
    ).encode("gbk"),
    "GBK declaration": (
        '<?xml version="1.0" encoding="GBK"?><xml><ToUserName>gh</ToUserName><FromUserName>o1'
        "</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>补贴</Content>"
        "<MsgId>7</MsgId></xml>"
    ).encode("gbk"),
}


@pytest.mark.parametrize("name", list(HOSTILE_BODIES))
async def test_hostile_bodies_are_refused_quickly_and_nothing_is_processed(start_channel, name):
    h = await start_channel()
    reply = await h.wechat.post(body=HOSTILE_BODIES[name], query=h.wechat.query())
    assert reply.status in (400, 413)
    assert reply.seconds < 1.0
    assert h.bot.received == []
    after = await h.wechat.post(h.wechat.text(OPENID, "还好吗"))
    assert after.content == "收到：还好吗"


async def test_the_openid_never_appears_in_the_logs(start_channel, caplog):
    caplog.set_level(logging.DEBUG)
    h = await start_channel(access_log=True)  # Sanic's access log prints URLs, where WeChat puts openid
    h.api.silent_users.add("oSilentResident")
    await h.wechat.post(h.wechat.text(OPENID, "你好"))
    await h.wechat.post(h.wechat.text(OPENID, "slow 你好"))
    await h.wechat.post(h.wechat.text(OPENID, "boom"))
    await h.wechat.post(h.wechat.event(OPENID, "subscribe"))
    await h.wechat.post(h.wechat.xml(OPENID, "image", PicUrl="http://example.invalid/a.jpg", MediaId="m"))
    await h.wechat.post(h.wechat.text(OPENID, "你好"), query=h.wechat.query(token="forged"))
    await h.wechat.post(h.wechat.text("oSilentResident", "slow 你好"))
    await h.settle()
    assert "wechat" in caplog.text  # the channel did log
    assert "45015" in caplog.text
    for openid in (OPENID, "oSilentResident"):
        assert openid not in caplog.text
        assert all(openid not in str(vars(record)) for record in caplog.records)
    assert any("openid=<redacted>" in str(vars(record)) for record in caplog.records)



async def _refusal_before_the_body(url: str, query: dict[str, str], length: int) -> bytes:
    """Send only the headers (announcing ``length`` bytes) and a little of the body; the response's first line,
    which must come without the rest of the body being sent."""
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    try:
        writer.write((f"POST {parts.path}?{urlencode(query)} HTTP/1.1\r\nHost: {parts.hostname}\r\n"
                      f"Content-Type: text/xml\r\nContent-Length: {length}\r\n\r\n").encode() + b"<xml>" * 200)
        await writer.drain()
        return await asyncio.wait_for(reader.readline(), timeout=3)
    finally:
        writer.close()


async def test_an_unsigned_post_is_refused_before_its_body_is_read(start_channel):
    """90 MB announced, 1 KB sent: the refusal comes at once, without waiting for (or buffering) the body."""
    h = await start_channel()
    status = await _refusal_before_the_body(h.wechat.url, h.wechat.query(token="forged"), 90 * 1024 * 1024)
    assert status.startswith(b"HTTP/1.1 403"), status
    assert h.bot.received == []


async def test_a_signed_post_larger_than_the_channels_64_kb_is_refused_unread(start_channel):
    h = await start_channel()
    assert h.channel.settings.max_body_bytes == 64 * 1024
    status = await _refusal_before_the_body(h.wechat.url, h.wechat.query(), 90 * 1024 * 1024)
    assert status.startswith(b"HTTP/1.1 413"), status
    status = await _refusal_before_the_body(h.wechat.url, h.wechat.query(), 64 * 1024 + 1)
    assert status.startswith(b"HTTP/1.1 413"), status
    after = await h.wechat.post(h.wechat.text(OPENID, "还好吗"))  # the channel goes on as before
    assert after.content == "收到：还好吗"


def test_the_wechat_channel_refuses_to_start_without_a_secret_sender_salt(monkeypatch, tmp_path):
    from bot.channels.wechat import WeChatInput

    monkeypatch.delenv("XINMI_SENDER_SALT", raising=False)
    monkeypatch.setenv("XINMI_CREDENTIALS", str(tmp_path / "absent.yml"))
    with pytest.raises(ValueError, match="XINMI_SENDER_SALT"):
        WeChatInput.from_credentials({"token": "t"})
    assert WeChatInput.from_credentials({"token": "t", "sender_salt": "a-secret"}).settings.token == "t"
    monkeypatch.setenv("XINMI_SENDER_SALT", "another-secret")
    assert WeChatInput.from_credentials({"token": "t"}).settings.token == "t"

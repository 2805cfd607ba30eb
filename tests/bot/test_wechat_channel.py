"""The WeChat channel, end to end: a simulated WeChat server posts signed (and encrypted)
XML to the channel running in a real Sanic server on loopback, with a fake bot behind it."""

from __future__ import annotations

import asyncio

import pytest

from bot.channels.never_silent import APOLOGY as SILENCE_APOLOGY
from bot.channels.wechat_dispatch import APOLOGY
from bot.channels.wechat_inbound import UNSUPPORTED_REPLIES, VOICE_NOT_RECOGNISED, WHAT_I_UNDERSTAND
from bot.privacy import pseudonymize
from tests.harness.wechat import LONG_PARAGRAPH

OPENID = "oXinmiResident0001"
OTHER_OPENID = "oXinmiResident0002"


# -- handshake and modes -----------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["plain", "safe"])
async def test_server_address_handshake_with_a_valid_signature_echoes_echostr(start_channel, mode):
    h = await start_channel(mode)
    assert await h.wechat.handshake("echo-1234567890") == (200, "echo-1234567890")


async def test_server_address_handshake_with_a_forged_signature_is_refused(start_channel):
    h = await start_channel()
    status, body = await h.wechat.handshake("echo-1234567890", token="not-the-token")
    assert status == 403
    assert "echo-1234567890" not in body


async def test_a_text_message_in_plaintext_mode_is_answered_passively(start_channel):
    h = await start_channel("plain")
    reply = await h.wechat.post(h.wechat.text(OPENID, "求职创业补贴怎么申请？"))
    assert reply.status == 200
    assert (reply.content, reply.to_user) == ("收到：求职创业补贴怎么申请？", OPENID)
    assert h.bot.texts() == ["求职创业补贴怎么申请？"]


async def test_a_text_message_in_safe_mode_is_decrypted_and_answered_encrypted(start_channel):
    h = await start_channel("safe")
    reply = await h.wechat.post(h.wechat.text(OPENID, "求职创业补贴怎么申请？"))
    assert reply.status == 200
    assert "<Encrypt>" in reply.body and "求职" not in reply.body
    assert (reply.content, reply.to_user) == ("收到：求职创业补贴怎么申请？", OPENID)


async def test_the_bot_sees_a_stable_pseudonym_instead_of_the_openid(start_channel):
    h = await start_channel()
    await h.wechat.post(h.wechat.text(OPENID, "第一句"))
    await h.wechat.post(h.wechat.text(OPENID, "第二句"))
    senders = {message.sender_id for message in h.bot.received}
    assert senders == {pseudonymize(OPENID)}
    assert OPENID not in senders
    assert {m.input_channel for m in h.bot.received} == {"wechat"}


# -- every message type ------------------------------------------------------------------------


async def test_a_voice_message_is_understood_through_its_recognition_text(start_channel):
    h = await start_channel()
    xml = h.wechat.xml(OPENID, "voice", MediaId="media-1", Format="amr", Recognition="毕业生补贴怎么领")
    reply = await h.wechat.post(xml)
    assert reply.content == "收到：毕业生补贴怎么领"


async def test_a_voice_message_without_recognition_gets_a_kind_request_to_write(start_channel):
    h = await start_channel()
    reply = await h.wechat.post(h.wechat.xml(OPENID, "voice", MediaId="media-1", Format="amr"))
    assert reply.content == VOICE_NOT_RECOGNISED
    assert h.bot.received == []


@pytest.mark.parametrize("event_key", ["", "qrscene_123"])
async def test_subscribing_greets_the_user_with_the_bots_welcome(start_channel, event_key):
    h = await start_channel()
    reply = await h.wechat.post(h.wechat.event(OPENID, "subscribe", EventKey=event_key))
    assert h.bot.texts() == ["/greet"]
    assert reply.content == "您好！我是新密稳就业政策助手 😊"


async def test_a_menu_click_is_sent_to_the_bot_as_the_intent_named_by_its_event_key(start_channel):
    h = await start_channel()
    reply = await h.wechat.post(h.wechat.event(OPENID, "CLICK", EventKey="check_eligibility"))
    assert h.bot.texts() == ["/check_eligibility"]
    assert reply.content == "收到：/check_eligibility"


async def test_a_menu_click_whose_event_key_is_not_an_intent_name_is_not_passed_on(start_channel):
    h = await start_channel()
    reply = await h.wechat.post(h.wechat.event(OPENID, "CLICK", EventKey='greet{"name": "x"}'))
    assert reply.is_success
    assert h.bot.received == []


@pytest.mark.parametrize(
    ("msg_type", "fields"),
    [
        ("image", {"PicUrl": "http://example.invalid/a.jpg", "MediaId": "m1"}),
        ("video", {"MediaId": "m2", "ThumbMediaId": "t2"}),
        ("shortvideo", {"MediaId": "m3", "ThumbMediaId": "t3"}),
        ("location", {"Location_X": "34.5", "Location_Y": "113.4", "Scale": "15", "Label": "新密市"}),
        ("link", {"Title": "通知", "Description": "说明", "Url": "http://example.invalid/"}),
        ("file", {"Title": "材料.pdf", "Description": "", "FileKey": "k", "FileMd5": "m", "FileTotalLen": "9"}),
    ],
)
async def test_media_messages_get_a_polite_text_without_calling_the_bot(start_channel, msg_type, fields):
    h = await start_channel()
    reply = await h.wechat.post(h.wechat.xml(OPENID, msg_type, **fields))
    assert reply.content == UNSUPPORTED_REPLIES[msg_type] + WHAT_I_UNDERSTAND
    assert h.bot.received == []


@pytest.mark.parametrize(
    ("event", "fields"),
    [
        ("unsubscribe", {}),
        ("VIEW", {"EventKey": "https://example.invalid/menu"}),
        ("LOCATION", {"Latitude": "34.5", "Longitude": "113.4", "Precision": "30"}),
        ("TEMPLATESENDJOBFINISH", {"Status": "success"}),
    ],
)
async def test_events_that_need_no_answer_get_success_without_calling_the_bot(start_channel, event, fields):
    h = await start_channel()
    reply = await h.wechat.post(h.wechat.event(OPENID, event, **fields))
    assert reply.is_success
    assert h.bot.received == []


async def test_a_bot_failure_gets_an_apology_instead_of_an_error(start_channel):
    h = await start_channel()
    reply = await h.wechat.post(h.wechat.text(OPENID, "boom"))
    assert reply.content == APOLOGY


async def test_an_answer_with_no_messages_gets_an_apology_not_silence(start_channel):
    h = await start_channel()
    reply = await h.wechat.post(h.wechat.text(OPENID, "silence"))  # e.g. the action server is down
    assert reply.content == SILENCE_APOLOGY


# -- rendering ---------------------------------------------------------------------------------


async def test_buttons_become_numbered_options_and_a_number_picks_the_button_payload(start_channel):
    h = await start_channel()
    reply = await h.wechat.post(h.wechat.text(OPENID, "buttons"))
    assert reply.content == "您是应届高校毕业生吗？\n回复数字选择：\n1. 是\n2. 否"
    reply = await h.wechat.post(h.wechat.text(OPENID, "1"))
    assert h.bot.texts()[-1] == "/affirm"
    assert reply.content == "收到：/affirm"


async def test_a_full_width_number_picks_a_button_too(start_channel):
    h = await start_channel()
    await h.wechat.post(h.wechat.text(OPENID, "buttons"))
    await h.wechat.post(h.wechat.text(OPENID, "２"))
    assert h.bot.texts()[-1] == "/deny"


async def test_a_number_after_an_answer_without_buttons_stays_plain_text(start_channel):
    h = await start_channel()
    await h.wechat.post(h.wechat.text(OPENID, "buttons"))
    await h.wechat.post(h.wechat.text(OPENID, "1"))
    await h.wechat.post(h.wechat.text(OPENID, "1"))
    assert h.bot.texts() == ["buttons", "/affirm", "1"]


async def test_a_number_out_of_range_stays_plain_text(start_channel):
    h = await start_channel()
    await h.wechat.post(h.wechat.text(OPENID, "buttons"))
    await h.wechat.post(h.wechat.text(OPENID, "3"))
    assert h.bot.texts()[-1] == "3"


async def test_a_long_answer_is_split_first_part_passive_rest_by_customer_service_messages(start_channel):
    h = await start_channel()
    reply = await h.wechat.post(h.wechat.text(OPENID, "long"))
    await h.settle()
    follow_ups = h.api.texts_to(OPENID)
    assert len(reply.content.encode()) <= 2000
    assert follow_ups and all(len(part.encode()) <= 2048 for part in follow_ups)
    whole = "".join([reply.content, *follow_ups]).replace("\n", "")
    assert whole == LONG_PARAGRAPH * 4


@pytest.mark.parametrize("mode", ["plain", "safe"])
async def test_emoji_and_any_unicode_survive_the_round_trip(start_channel, mode):
    h = await start_channel(mode)
    text = "我是👩‍🎓应届生🎉，问问补贴 𠀀𪚥 ñ é \u202e and ]]> too"
    reply = await h.wechat.post(h.wechat.text(OPENID, text))
    assert reply.content == f"收到：{text}"
    slow = await h.wechat.post(h.wechat.text(OPENID, f"slow {text}"))
    await h.settle()
    assert slow.content == h.channel.settings.ack_text
    assert h.api.texts_to(OPENID) == [f"慢慢答：slow {text}"]


# -- isolation ---------------------------------------------------------------------------------


async def test_two_users_at_once_never_see_each_others_replies(start_channel):
    h = await start_channel()
    users = {OPENID: "甲", OTHER_OPENID: "乙"}
    posts = []
    for openid, name in users.items():
        for n in range(3):
            posts.append(h.wechat.post(h.wechat.text(openid, f"{name}的问题{n}")))
            posts.append(h.wechat.post(h.wechat.text(openid, f"slow {name}的慢问题{n}")))
    replies = await asyncio.gather(*posts)
    await h.settle()
    for openid, name in users.items():
        passive = [r.content for r in replies if r.to_user == openid]
        assert sorted(c for c in passive if c.startswith("收到：")) == [f"收到：{name}的问题{n}" for n in range(3)]
        assert all(name in c for c in passive if c.startswith("收到："))
        assert sorted(h.api.texts_to(openid)) == [f"慢慢答：slow {name}的慢问题{n}" for n in range(3)]


async def test_one_users_buttons_do_not_answer_for_another_user(start_channel):
    h = await start_channel()
    await h.wechat.post(h.wechat.text(OPENID, "buttons"))
    reply = await h.wechat.post(h.wechat.text(OTHER_OPENID, "1"))
    assert h.bot.texts()[-1] == "1"
    assert reply.content == "收到：1"

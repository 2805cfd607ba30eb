"""What the WeChat channel does with each kind of incoming message.

``interpret`` turns a message parsed by ``wechatpy.parse_message`` into an
:class:`Inbound`: text for Rasa, a fixed polite reply, or nothing to do. It also gives the
message its dedupe key: ``MsgId`` for messages, sender + ``CreateTime`` (+ event name) for
events, which carry no MsgId. The sender part of a key is a pseudonym, never the openid.

=====================================  ==============================================
text                                   its content → Rasa (a reply "1"/"2"… may stand
                                       for a button, see ``wechat_render``)
voice                                  its ``Recognition`` text → Rasa; when empty, a
                                       kind note that the voice could not be understood
subscribe (also by QR scene)           ``/greet`` → Rasa (the bot's welcome)
menu CLICK                             ``/<EventKey>`` → Rasa, e.g. ``/check_eligibility``
image, video, shortvideo, location,    a polite text saying what the assistant understands,
link, file, mini-program page          without calling Rasa
unsubscribe, VIEW, LOCATION report,    nothing (answered with "success")
other events
=====================================  ==============================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.privacy import pseudonymize

WHAT_I_UNDERSTAND = (
    "我是新密市稳就业政策（新密政〔2020〕4号）咨询助手，能看懂文字消息，"
    "可以解答补贴政策问题，也能帮您测一测能申请哪些补贴。"
    "请直接用文字提问，例如：“一次性求职创业补贴怎么申请？”"
)

UNSUPPORTED_REPLIES = {
    "image": "收到您的图片，不过我暂时看不懂图片。",
    "video": "收到您的视频，不过我暂时看不懂视频。",
    "shortvideo": "收到您的小视频，不过我暂时看不懂视频。",
    "location": "收到您的位置，不过我暂时不能按位置查询。",
    "link": "收到您分享的链接，不过我暂时不能打开链接。",
    "file": "收到您的文件，不过我暂时不能阅读文件。",
    "miniprogrampage": "收到您分享的小程序，不过我暂时不能打开小程序。",
}
UNSUPPORTED_DEFAULT = "收到您的消息，不过这种消息我暂时看不懂。"

VOICE_NOT_RECOGNISED = (
    "抱歉，这段语音没有转成文字（可能没听清，或公众号暂未开启语音识别）。"
    "麻烦您直接发文字给我，好吗？"
)
EMPTY_TEXT_REPLY = "您好，请用文字告诉我您想了解的问题。"

WELCOME_INTENT = "/greet"
MENU_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}")
"""Menu EventKeys become intents; anything else (e.g. entity JSON) is not passed on."""

IGNORED = "ignore"
TO_RASA = "rasa"
FIXED_REPLY = "reply"


class MalformedMessage(Exception):
    """The XML parsed but is not a usable WeChat message."""


@dataclass(frozen=True)
class Inbound:
    """One incoming WeChat message, reduced to what the channel has to do with it."""

    action: str  # TO_RASA, FIXED_REPLY or IGNORED
    text: str  # the text for Rasa, or the fixed reply
    key: str  # dedupe key
    msg_type: str  # WeChat MsgType, or "event:<name>"
    from_user: bool = False  # typed by the user, so "1"/"2" may pick a numbered button


def _field(raw: dict[str, Any], name: str) -> str:
    value = raw.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise MalformedMessage(f"{name} is not a simple text field")
    return value.strip()


def interpret(message: Any) -> Inbound:
    """Map a ``wechatpy`` message or event to an :class:`Inbound` (or MalformedMessage)."""
    raw = getattr(message, "_data", None)
    if not isinstance(raw, dict):
        raise MalformedMessage("not a WeChat message")
    msg_type = _field(raw, "MsgType").lower()
    sender = _field(raw, "FromUserName")
    create_time = _field(raw, "CreateTime")
    if not msg_type or not sender or not create_time.isdigit():
        raise MalformedMessage("MsgType, FromUserName and a numeric CreateTime are required")

    if msg_type == "event":
        event = _field(raw, "Event").lower()
        key = f"evt:{pseudonymize(sender)}:{create_time}:{event}"
        return _interpret_event(raw, event, key)

    msg_id = _field(raw, "MsgId")
    if not msg_id.isdigit():
        raise MalformedMessage("messages need a numeric MsgId")
    key = f"msg:{msg_id}"
    if msg_type == "text":
        content = _field(raw, "Content")
        if not content:
            return Inbound(FIXED_REPLY, EMPTY_TEXT_REPLY, key, msg_type)
        return Inbound(TO_RASA, content, key, msg_type, from_user=True)
    if msg_type == "voice":
        recognition = _field(raw, "Recognition")
        if not recognition:
            return Inbound(FIXED_REPLY, VOICE_NOT_RECOGNISED, key, msg_type)
        return Inbound(TO_RASA, recognition, key, msg_type, from_user=True)
    reply = UNSUPPORTED_REPLIES.get(msg_type, UNSUPPORTED_DEFAULT)
    return Inbound(FIXED_REPLY, f"{reply}{WHAT_I_UNDERSTAND}", key, msg_type)


def _interpret_event(raw: dict[str, Any], event: str, key: str) -> Inbound:
    msg_type = f"event:{event or 'unknown'}"
    # parse_message renames subscriptions through a QR code "subscribe_scan(_product)".
    if event.startswith("subscribe"):
        return Inbound(TO_RASA, WELCOME_INTENT, key, msg_type)
    if event == "click":
        menu_key = _field(raw, "EventKey")
        if MENU_KEY.fullmatch(menu_key):
            return Inbound(TO_RASA, f"/{menu_key}", key, msg_type)
    return Inbound(IGNORED, "", key, msg_type)

"""Test doubles for the WeChat channel: the WeChat server, the customer-service API, the bot.

* :class:`SimulatedWeChat` builds real WeChat XML, signs the query like WeChat does, in safe
  mode encrypts the body with ``wechatpy.crypto.WeChatCrypto``, posts it to the channel and
  verifies and decrypts the passive reply.
* :class:`FakeCustomerServiceApi` plays ``api.weixin.qq.com`` (token and custom/send) on a
  loopback aiohttp server, with scriptable error codes.
* :class:`FakeBot` replaces Rasa's ``on_new_message``: echo, slow answer, buttons, a long
  answer, a failure.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import xmltodict
from aiohttp import web
from aiohttp.test_utils import TestServer
from rasa.core.channels.channel import UserMessage
from wechatpy.crypto import WeChatCrypto
from wechatpy.utils import WeChatSigner

TOKEN = "xinmi-test-token"
APPID = "wx0123456789abcdef"
SECRET = "test-app-secret"
ENCODING_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"  # 43 characters
ACCOUNT = "gh_xinmi_jobs"
PASSIVE_TIMEOUT = 0.3  # the channel's passive window in tests (4.5 s in production)
SLOW_ANSWER = 0.8  # how long the fake bot takes for "slow …" messages


def _sign(*parts: str) -> str:
    signer = WeChatSigner()
    signer.add_data(*parts)
    return signer.signature


def _cdata(value: Any) -> str:
    return "<![CDATA[" + str(value).replace("]]>", "]]]]><![CDATA[>") + "]]>"


@dataclass
class Reply:
    """What the channel answered to one POST."""

    status: int
    body: str
    content: str | None = None  # the passive text reply, None for "success"
    to_user: str | None = None
    seconds: float = 0.0

    @property
    def is_success(self) -> bool:
        return self.status == 200 and self.content is None


class SimulatedWeChat:
    """Posts messages to the channel the way the WeChat server does."""

    def __init__(self, url: str, session: aiohttp.ClientSession, mode: str = "plain") -> None:
        self.url = url
        self.session = session
        self.mode = mode
        self.crypto = WeChatCrypto(TOKEN, ENCODING_AES_KEY, APPID)
        self._msg_id = 10_000_000_000_000_000
        self._nonce = 0

    # -- XML --------------------------------------------------------------------------------

    def next_msg_id(self) -> int:
        self._msg_id += 1
        return self._msg_id

    def xml(self, openid: str, msg_type: str, msg_id: int | None = None,
            create_time: int | None = None, **fields: Any) -> str:
        nodes = [
            f"<ToUserName>{_cdata(ACCOUNT)}</ToUserName>",
            f"<FromUserName>{_cdata(openid)}</FromUserName>",
            f"<CreateTime>{create_time or int(time.time())}</CreateTime>",
            f"<MsgType>{_cdata(msg_type)}</MsgType>",
        ]
        for name, value in fields.items():
            nodes.append(f"<{name}>{_cdata(value) if isinstance(value, str) else value}</{name}>")
        if msg_type != "event":
            nodes.append(f"<MsgId>{msg_id or self.next_msg_id()}</MsgId>")
        return "<xml>" + "".join(nodes) + "</xml>"

    def text(self, openid: str, content: str, msg_id: int | None = None) -> str:
        return self.xml(openid, "text", msg_id, Content=content)

    def event(self, openid: str, event: str, create_time: int | None = None, **fields: Any) -> str:
        return self.xml(openid, "event", create_time=create_time, Event=event, **fields)

    # -- query and body ---------------------------------------------------------------------

    def query(self, timestamp: int | None = None, nonce: str | None = None,
              token: str = TOKEN, openid: str = "") -> dict[str, str]:
        self._nonce += 1
        ts = str(timestamp if timestamp is not None else int(time.time()))
        nonce = nonce or f"{self._nonce:010d}"
        query = {"signature": _sign(token, ts, nonce), "timestamp": ts, "nonce": nonce}
        if openid:
            query["openid"] = openid
        return query

    def seal(self, xml: str, query: dict[str, str]) -> bytes:
        """The POST body for ``xml``: as it is, or encrypted in safe mode (adds msg_signature)."""
        if self.mode != "safe":
            return xml.encode("utf-8")
        envelope = xmltodict.parse(self.crypto.encrypt_message(xml, query["nonce"], query["timestamp"]))["xml"]
        query["encrypt_type"] = "aes"
        query["msg_signature"] = envelope["MsgSignature"]
        return (
            f"<xml><ToUserName>{_cdata(ACCOUNT)}</ToUserName>"
            f"<Encrypt>{_cdata(envelope['Encrypt'])}</Encrypt></xml>"
        ).encode()

    async def post(self, xml: str | None = None, *, body: bytes | None = None,
                   query: dict[str, str] | None = None) -> Reply:
        """Post a message (or a raw body) and return the decoded reply."""
        if query is None:  # WeChat adds the sender's openid to the URL
            found = re.search(r"<FromUserName>(?:<!\[CDATA\[)?([^<\]]*)", xml or "")
            sender = found.group(1) if found else ""
            query = self.query(openid=sender)
        query = dict(query)
        if body is None:
            assert xml is not None
            body = self.seal(xml, query)
        started = time.perf_counter()
        async with self.session.post(self.url, params=query, data=body,
                                     headers={"Content-Type": "text/xml"}) as resp:
            text = await resp.text()
            status = resp.status
        reply = Reply(status, text, seconds=time.perf_counter() - started)
        if status == 200 and text not in ("", "success"):
            reply.content, reply.to_user = self.open_reply(text)
        return reply

    def open_reply(self, text: str) -> tuple[str, str]:
        """(Content, ToUserName) of a passive reply, verified and decrypted in safe mode."""
        document = xmltodict.parse(text)["xml"]
        if self.mode == "safe":
            expected = _sign(TOKEN, document["TimeStamp"], document["Nonce"], document["Encrypt"])
            assert expected == document["MsgSignature"], "reply signature does not verify"
            inner = self.crypto.decrypt_message(text, document["MsgSignature"],
                                                document["TimeStamp"], document["Nonce"])
            document = xmltodict.parse(inner)["xml"]
        assert document["MsgType"] == "text"
        assert document["FromUserName"] == ACCOUNT
        return document.get("Content") or "", document["ToUserName"]

    async def handshake(self, echostr: str, **query_args: Any) -> tuple[int, str]:
        query = self.query(**query_args)
        query["echostr"] = echostr
        async with self.session.get(self.url, params=query) as resp:
            return resp.status, await resp.text()


class FakeCustomerServiceApi:
    """``/cgi-bin/token`` and ``/cgi-bin/message/custom/send`` on a loopback server."""

    def __init__(self) -> None:
        self.token_requests = 0
        self.sent: list[tuple[str, str]] = []  # (openid, text) accepted
        self.refused: list[tuple[str, int]] = []  # (openid, errcode)
        self.invalid_tokens: set[str] = set()  # answered with errcode 40001
        self.silent_users: set[str] = set()  # answered with errcode 45015
        self.failures: list[str] = []  # what the next requests meet, in order: "ok", "500", "busy", "drop", "refuse"
        self.send_attempts = 0
        self.delivered = asyncio.Event()
        self.server: TestServer | None = None

    @property
    def base_url(self) -> str:
        assert self.server is not None
        return str(self.server.make_url("")).rstrip("/")

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/cgi-bin/token", self._token)
        app.router.add_post("/cgi-bin/message/custom/send", self._send)
        self.server = TestServer(app, host="127.0.0.1")
        await self.server.start_server()

    async def close(self) -> None:
        if self.server is not None:
            await self.server.close()

    def _failure(self, request: web.Request) -> web.StreamResponse | None:
        """The planned failure for this request, if any: HTTP 500, errcode -1, a dropped connection or a
        refused appid."""
        if not self.failures:
            return None
        kind = self.failures.pop(0)
        if kind == "ok":
            return None
        if kind == "500":
            return web.Response(status=500, text="<html>Internal Server Error</html>")
        if kind == "busy":
            return web.json_response({"errcode": -1, "errmsg": "system error"})
        if kind == "refuse":
            return web.json_response({"errcode": 40013, "errmsg": "invalid appid"})
        assert kind == "drop", kind
        assert request.transport is not None
        request.transport.close()  # the connection ends without a reply
        return web.Response(status=500)

    async def _token(self, request: web.Request) -> web.Response:
        failure = self._failure(request)
        if failure is not None:
            return failure
        if request.query.get("appid") != APPID or request.query.get("secret") != SECRET:
            return web.json_response({"errcode": 40125, "errmsg": "invalid appsecret"})
        self.token_requests += 1
        return web.json_response({"access_token": f"token-{self.token_requests}", "expires_in": 7200})

    async def _send(self, request: web.Request) -> web.Response:
        self.send_attempts += 1
        failure = self._failure(request)
        if failure is not None:
            return failure
        token = request.query.get("access_token", "")
        payload = await request.json()
        openid = payload["touser"]
        if not token.startswith("token-") or token in self.invalid_tokens:
            self.refused.append((openid, 40001))
            return web.json_response({"errcode": 40001, "errmsg": "invalid credential"})
        if openid in self.silent_users:
            self.refused.append((openid, 45015))
            return web.json_response({"errcode": 45015, "errmsg": "response out of time limit"})
        assert payload["msgtype"] == "text"
        self.sent.append((openid, payload["text"]["content"]))
        self.delivered.set()
        return web.json_response({"errcode": 0, "errmsg": "ok"})

    def texts_to(self, openid: str) -> list[str]:
        return [text for who, text in self.sent if who == openid]


LONG_PARAGRAPH = "一次性求职创业补贴标准为每人2000元，由人社部门审核后发放到本人银行卡。" * 20


@dataclass
class FakeBot:
    """Stands in for Rasa: answers by the text it receives."""

    slow_seconds: float = 0.6
    received: list[UserMessage] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [message.text for message in self.received]

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)
        out, sender, text = message.output_channel, message.sender_id, message.text or ""
        if text.startswith("wait "):  # "wait 0.5 …": answer after that many seconds
            await asyncio.sleep(float(text.split()[1]))
            await out.send_text_message(sender, f"答：{text}")
        elif text.startswith("slow"):
            await asyncio.sleep(self.slow_seconds)
            await out.send_text_message(sender, f"慢慢答：{text}")
        elif text == "/greet":
            await out.send_text_message(sender, "您好！我是新密稳就业政策助手 😊")
        elif text == "buttons":
            await out.send_text_with_buttons(sender, "您是应届高校毕业生吗？", [
                {"title": "是", "payload": "/affirm"}, {"title": "否", "payload": "/deny"}])
        elif text == "long":
            for _ in range(4):
                await out.send_text_message(sender, LONG_PARAGRAPH)
        elif text == "silence":
            return
        elif text == "boom":
            raise RuntimeError("the bot broke")
        else:
            await out.send_text_message(sender, f"收到：{text}")


def billion_laughs() -> bytes:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?><!DOCTYPE xml [' + "".join(entities) + "]>"
        "<xml><ToUserName>gh</ToUserName><FromUserName>x</FromUserName><CreateTime>1</CreateTime>"
        "<MsgType>text</MsgType><Content>&lol9;</Content><MsgId>1</MsgId></xml>"
    ).encode()


def external_entity() -> bytes:
    return (
        b'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b"<xml><ToUserName>gh</ToUserName><FromUserName>x</FromUserName><CreateTime>1</CreateTime>"
        b"<MsgType>text</MsgType><Content>&xxe;</Content><MsgId>2</MsgId></xml>"
    )

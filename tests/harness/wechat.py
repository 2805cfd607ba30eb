"""WeChat around the channel, for the channel's own tests (tests/bot), the load tests and the benchmarks.

* :class:`SimulatedWeChat` builds real WeChat XML, signs the query like WeChat does, in safe
  mode encrypts the body with ``wechatpy.crypto.WeChatCrypto``, posts it to the channel (its one URL, or
  the replica given per message) and verifies and decrypts the passive reply. A retry is the same XML
  (same ``MsgId``) posted again under a fresh signature, as WeChat retries.
* :class:`FakeCustomerServiceApi` plays ``api.weixin.qq.com`` (token and custom/send) on a threaded
  loopback server, with scriptable error codes; being threaded, it serves whether or not an event loop
  runs, for a channel in this process or a Rasa server in another.
* :class:`FakeBot` replaces Rasa's ``on_new_message``: echo, slow answer, buttons, a long
  answer, a failure.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import aiohttp
import xmltodict
from rasa.core.channels.channel import UserMessage
from wechatpy.crypto import WeChatCrypto
from wechatpy.utils import WeChatSigner

from bot.channels.wechat import cdata_escape
from tests.harness.servers import SENDER_SALT

TOKEN = "xinmi-test-token"
APPID = "wx0123456789abcdef"
SECRET = "test-app-secret"
ENCODING_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"  # 43 characters
ACCOUNT = "gh_xinmi_jobs"
PASSIVE_TIMEOUT = 0.3  # the channel's passive window in tests (4.5 s in production)
SLOW_ANSWER = 0.8  # how long the fake bot takes for "slow …" messages
# Message ids go on from the clock: a channel's dedupe marks (in Redis, for replicas) outlive one test run.
_msg_ids = itertools.count(int(time.time() * 1000) * 1000)


def _sign(*parts: str) -> str:
    signer = WeChatSigner()
    signer.add_data(*parts)
    return signer.signature


def _cdata(value: Any) -> str:
    return "<![CDATA[" + cdata_escape(str(value)) + "]]>"


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

    def __init__(self, session: aiohttp.ClientSession, url: str | None = None, mode: str = "plain",
                 token: str = TOKEN) -> None:
        self.url = url  # None: every post names its URL (one replica's)
        self.session = session
        self.mode = mode
        self.token = token
        self.crypto = WeChatCrypto(token, ENCODING_AES_KEY, APPID)
        self._nonce = 0

    # -- XML --------------------------------------------------------------------------------

    @staticmethod
    def next_msg_id() -> int:
        return next(_msg_ids)

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
              token: str | None = None, openid: str = "") -> dict[str, str]:
        self._nonce += 1
        ts = str(timestamp if timestamp is not None else int(time.time()))
        nonce = nonce or f"{id(self) % 100_000:05d}{self._nonce:010d}"
        query = {"signature": _sign(token or self.token, ts, nonce), "timestamp": ts, "nonce": nonce}
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
                   query: dict[str, str] | None = None, url: str | None = None) -> Reply:
        """Post a message (or a raw body) to ``url`` (default: this simulator's) and return the decoded reply."""
        if query is None:  # WeChat adds the sender's openid to the URL
            found = re.search(r"<FromUserName>(?:<!\[CDATA\[)?([^<\]]*)", xml or "")
            sender = found.group(1) if found else ""
            query = self.query(openid=sender)
        query = dict(query)
        if body is None:
            assert xml is not None
            body = self.seal(xml, query)
        started = time.perf_counter()
        async with self.session.post(url or self.url, params=query, data=body,
                                     headers={"Content-Type": "text/xml"}) as resp:
            text = await resp.text()
            status = resp.status
        reply = Reply(status, text, seconds=time.perf_counter() - started)
        if status == 200 and text not in ("", "success"):
            reply.content, reply.to_user = self.open_reply(text)
        return reply

    async def say(self, openid: str, content: str, url: str | None = None) -> Reply:
        """A resident's new text message; a passive reply must be addressed to that resident."""
        reply = await self.post(self.text(openid, content), url=url)
        if reply.to_user is not None and reply.to_user != openid:
            raise AssertionError(f"a reply for {reply.to_user!r} reached {openid!r}")
        return reply

    def open_reply(self, text: str) -> tuple[str, str]:
        """(Content, ToUserName) of a passive reply, verified and decrypted in safe mode."""
        document = xmltodict.parse(text)["xml"]
        if self.mode == "safe":
            expected = _sign(self.token, document["TimeStamp"], document["Nonce"], document["Encrypt"])
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
    """``/cgi-bin/token`` and ``/cgi-bin/message/custom/send`` on a threaded loopback server.

    ``failures`` plans what the next requests meet, in order: "ok", "500" (HTTP 500), "busy" (errcode -1),
    "drop" (the connection closed without a reply) or "refuse" (errcode 40013, a wrong appid).
    """

    def __init__(self) -> None:
        self.token_requests = 0
        self.sent: list[tuple[str, str]] = []  # (openid, text) accepted, in arrival order
        self.refused: list[tuple[str, int]] = []  # (openid, errcode)
        self.invalid_tokens: set[str] = set()  # answered with errcode 40001
        self.silent_users: set[str] = set()  # answered with errcode 45015
        self.failures: list[str] = []
        self.send_attempts = 0
        self.lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_: object) -> None:
                pass

            def _reply(self, status: int, body: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _json(self, body: dict) -> None:
                self._reply(200, json.dumps(body).encode(), "application/json")

            def _failed(self) -> bool:
                """Meet the planned failure, if any (True: the request has been dealt with)."""
                with api.lock:
                    kind = api.failures.pop(0) if api.failures else "ok"
                if kind == "ok":
                    return False
                if kind == "500":
                    self._reply(500, b"<html>Internal Server Error</html>", "text/html")
                elif kind == "busy":
                    self._json({"errcode": -1, "errmsg": "system error"})
                elif kind == "refuse":
                    self._json({"errcode": 40013, "errmsg": "invalid appid"})
                else:
                    assert kind == "drop", kind
                    self.close_connection = True  # the connection ends without a reply
                return True

            def do_GET(self) -> None:
                url = urllib.parse.urlparse(self.path)
                if url.path != "/cgi-bin/token":
                    self._reply(404, b"", "text/plain")
                    return
                if self._failed():
                    return
                query = urllib.parse.parse_qs(url.query)
                if query.get("appid") != [APPID] or query.get("secret") != [SECRET]:
                    self._json({"errcode": 40125, "errmsg": "invalid appsecret"})
                    return
                with api.lock:
                    api.token_requests += 1
                    token = f"token-{api.token_requests}"
                self._json({"access_token": token, "expires_in": 7200})

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                url = urllib.parse.urlparse(self.path)
                if url.path != "/cgi-bin/message/custom/send":
                    self._reply(404, b"", "text/plain")
                    return
                with api.lock:
                    api.send_attempts += 1
                if self._failed():
                    return
                token = urllib.parse.parse_qs(url.query).get("access_token", [""])[0]
                payload = json.loads(raw)
                openid = payload["touser"]
                with api.lock:
                    if not token.startswith("token-") or token in api.invalid_tokens:
                        api.refused.append((openid, 40001))
                        answer = {"errcode": 40001, "errmsg": "invalid credential"}
                    elif openid in api.silent_users:
                        api.refused.append((openid, 45015))
                        answer = {"errcode": 45015, "errmsg": "response out of time limit"}
                    else:
                        assert payload["msgtype"] == "text"
                        api.sent.append((openid, payload["text"]["content"]))
                        answer = {"errcode": 0, "errmsg": "ok"}
                self._json(answer)

        class Server(ThreadingHTTPServer):
            request_queue_size = 512  # socketserver's default of 5 drops connections in a burst of late answers
            daemon_threads = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> FakeCustomerServiceApi:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def texts_to(self, openid: str) -> list[str]:
        with self.lock:
            return [text for who, text in self.sent if who == openid]


def wechat_settings(api: FakeCustomerServiceApi, **extra: object) -> dict:
    """WeChat channel settings for real servers (tests/load, bench): production passive window, late answers
    by the fake API.

    The API timeout is 20 s instead of 5: in the 200-resident test the one Rasa process is saturated many
    times over, and its event loop, not the network, is what keeps a loopback API call waiting; at 5 s a
    timed-out token request dropped a resident's answer (the channel logs it and drops the message).
    """
    return {"appid": APPID, "secret": SECRET, "api_base": api.base_url, "passive_timeout": 4.5,
            "api_timeout": 20, "sender_salt": SENDER_SALT, **extra}


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

"""Stand-ins for the outside world in the load tests (tests/load/): WeChat's customer-service API, and
residents on WeChat who also receive the answers that come through it.

:class:`FakeCustomerServiceApi` is a small threaded HTTP server on loopback, so it serves while the servers
under test and the test's own event loop run. :class:`WeChatUsers` is a :class:`bench.users.Channel`: a
message's answer is its passive reply or, when the channel acknowledged instead (the bot took longer than
the passive window), the customer-service messages that follow.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
import urllib.parse
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import aiohttp

from bench.servers import SENDER_SALT
from bench.users import Channel, ConversationError, RoundRobin
from bench.wechat import WeChatServer

APPID, SECRET = "wx_load_test_appid", "load-test-secret"


class FakeCustomerServiceApi:
    """``/cgi-bin/token`` and ``/cgi-bin/message/custom/send`` of api.weixin.qq.com, on loopback."""

    def __init__(self) -> None:
        self.sent: dict[str, list[str]] = defaultdict(list)  # openid → texts, in arrival order
        self.lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_: object) -> None:
                pass

            def _json(self, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
                if query.get("appid") == [APPID] and query.get("secret") == [SECRET]:
                    self._json({"access_token": "load-token", "expires_in": 7200})
                else:
                    self._json({"errcode": 40125, "errmsg": "invalid appsecret"})

            def do_POST(self) -> None:
                payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with api.lock:
                    api.sent[payload["touser"]].append(payload["text"]["content"])
                self._json({"errcode": 0, "errmsg": "ok"})

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
            return list(self.sent.get(openid, []))


def wechat_settings(api: FakeCustomerServiceApi, **extra: object) -> dict:
    """WeChat channel settings for the servers: production passive window, late answers by the fake API.

    The API timeout is 20 s instead of 5: in the 200-resident test the one Rasa process is saturated many
    times over, and its event loop, not the network, is what keeps a loopback API call waiting; at 5 s a
    timed-out token request dropped a resident's answer (the channel logs it and drops the message).
    """
    return {"appid": APPID, "secret": SECRET, "api_base": api.base_url, "passive_timeout": 4.5,
            "api_timeout": 20, "sender_salt": SENDER_SALT, **extra}


class WeChatUsers(Channel):
    """Residents on WeChat: a passive answer, or an acknowledgement and then the answer by the API."""

    def __init__(self, session: aiohttp.ClientSession, urls: list[str], token: str, api: FakeCustomerServiceApi,
                 ack_text: str, wait: float = 90.0) -> None:
        super().__init__("WeChat")
        self.server = WeChatServer(session, token)
        self.next_url = RoundRobin(urls)
        self.api, self.ack_text, self.wait = api, ack_text, wait
        self.transcripts: dict[str, list[str]] = defaultdict(list)
        self.acknowledged = 0

    async def say(self, user: str, text: str) -> str:
        url = self.next_url()
        before = len(self.api.texts_to(user))
        started = time.perf_counter()
        passive = await self.server.say(url, user, text)
        if passive.status != 200:
            self.record(text, time.perf_counter() - started, False)
            raise ConversationError(f"WeChat answered {passive.status} to {text!r}")
        reply = passive.text or ""
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

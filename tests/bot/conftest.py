"""A running WeChat channel on loopback, with a simulated WeChat server and API around it."""

from __future__ import annotations

import socket
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
from sanic import Sanic

from bot import privacy
from bot.channels.wechat import WeChatInput
from tests.harness.wechat import (
    APPID,
    ENCODING_AES_KEY,
    PASSIVE_TIMEOUT,
    SECRET,
    SLOW_ANSWER,
    TOKEN,
    FakeBot,
    FakeCustomerServiceApi,
    SimulatedWeChat,
)

# Several apps start in one process; test mode makes Sanic touch up its methods afresh each time.
Sanic.test_mode = True



@pytest.fixture(autouse=True)
def sender_salt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XINMI_SENDER_SALT", "test-salt")
    privacy.reset_salt_cache()
    yield
    privacy.reset_salt_cache()


@dataclass
class Harness:
    channel: WeChatInput
    wechat: SimulatedWeChat
    api: FakeCustomerServiceApi
    bot: FakeBot

    async def settle(self) -> None:
        """Wait until background processing and customer-service deliveries are done."""
        assert self.channel.coordinator is not None
        await self.channel.coordinator.drain()


@pytest.fixture
async def start_channel() -> AsyncIterator[Callable[..., Awaitable[Harness]]]:
    """Factory: ``await start_channel(mode="safe", passive_timeout=...)`` → :class:`Harness`."""
    cleanups: list[Callable[[], Awaitable[Any]]] = []

    async def start(mode: str = "plain", access_log: bool = False, **overrides: Any) -> Harness:
        api = FakeCustomerServiceApi().start()

        async def stop_api() -> None:
            api.stop()

        cleanups.append(stop_api)
        credentials = {
            "token": TOKEN,
            "appid": APPID,
            "secret": SECRET,
            "encoding_aes_key": ENCODING_AES_KEY,
            "mode": mode,
            "api_base": api.base_url,
            "passive_timeout": PASSIVE_TIMEOUT,
            "dedupe": "memory",
            **overrides,
        }
        channel = WeChatInput.from_credentials(credentials)
        bot = FakeBot(slow_seconds=SLOW_ANSWER)

        app = Sanic(f"wechat_test_{uuid.uuid4().hex}", configure_logging=False)
        app.blueprint(channel.blueprint(bot), url_prefix="/webhooks/wechat")
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        server = await app.create_server(sock=sock, return_asyncio_server=True, access_log=access_log)
        await server.startup()
        await server.after_start()

        async def stop() -> None:
            await server.before_stop()
            server.close()
            await server.wait_closed()
            await server.after_stop()  # closes the channel: drains deliveries, closes sessions

        cleanups.append(stop)
        session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        cleanups.append(session.close)
        url = f"http://127.0.0.1:{port}/webhooks/wechat/webhook"
        return Harness(channel, SimulatedWeChat(session, url, mode), api, bot)

    yield start
    for cleanup in reversed(cleanups):
        await cleanup()

"""Each WeChat message processed once and answered once, passively or through the API.

WeChat waits 5 seconds for the HTTP answer to a message, then posts it again (three tries).
For one message (one dedupe key) the store holds:

``<key>:claim``      set by the first try to arrive; only that try starts processing. While
                     the bot works, the processing task renews it every ``claim_ttl / 4``
                     (8 s lease); when it is done the claim is kept for MESSAGE_TTL. If the
                     replica processing a message dies, its claim lapses within 8 s and one of
                     WeChat's retries (about 5 and 10 s after the first try) claims and
                     processes the message again, so the resident still gets an answer.
``<key>:answer``     the rendered answer (JSON), published when the bot has finished.
``<key>:handoff``    set by a try that stops waiting: the answer must go through the API.
``<key>:delivered``  set by whoever delivers the answer — a waiting try (passive reply) or
                     the processing task (customer-service API). Set-if-absent, so exactly
                     one of them delivers.
``<key>:acked``      the acknowledgement text was sent once already.

A try waits for the answer up to ``passive_timeout`` (4.5 s). If the answer is ready it
claims the delivery and replies passively (a long answer's first part; the rest follows
through the API). Otherwise it sets ``handoff``, looks once more for the answer, and
replies with a short acknowledgement (once) or "success". The processing task publishes
the answer first and then reads ``handoff``; a try sets ``handoff`` first and then reads
the answer. Whatever the interleaving, one of the two sees the other's write, and the
set-if-absent ``delivered`` key lets only one of them deliver — also across replicas when
the store is Redis.

Rasa sees the sender as a pseudonym (see :mod:`bot.privacy`), so neither its tracker nor
its logs hold the openid; the openid is used only to address customer-service messages.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage

from bot.channels.dedupe import DedupeStore
from bot.channels.wechat_api import CustomerServiceClient
from bot.channels.wechat_inbound import FIXED_REPLY, IGNORED, Inbound
from bot.channels.wechat_render import (
    CUSTOMER_LIMIT_BYTES,
    PASSIVE_LIMIT_BYTES,
    WeChatCollector,
    chosen_button,
    render_answer,
    split_text,
)
from bot.config import WeChatSettings
from bot.payloads import as_typed_text
from bot.privacy import pseudonymize

logger = logging.getLogger(__name__)

MESSAGE_TTL = 600.0
"""How long a message's dedupe state is kept: WeChat's retries and the replay window."""
CLAIM_TTL = 8.0
"""Lease of a processing claim, renewed while the bot works (see the module docstring)."""
BUTTONS_TTL = 24 * 3600.0
"""How long a user's last numbered options stay answerable by number."""

APOLOGY = "抱歉，系统暂时出了点问题，请稍后再试。"
NO_API_TIMEOUT_TEXT = "抱歉，这个问题我还需要多一点时间，请稍后再发一次。"

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class ReplyCoordinator:
    """Runs the bot once per message and decides how its answer reaches the user."""

    def __init__(
        self,
        settings: WeChatSettings,
        store: DedupeStore,
        on_new_message: OnNewMessage,
        api: CustomerServiceClient | None = None,
        input_channel: str = "wechat",
        follow_up_delay: float = 0.5,
        claim_ttl: float = CLAIM_TTL,
    ) -> None:
        self.settings = settings
        self.claim_ttl = claim_ttl
        self.store = store
        self.api = api
        self._on_new_message = on_new_message
        self._input_channel = input_channel
        self._follow_up_delay = follow_up_delay
        self._tasks: set[asyncio.Task] = set()

    # -- public -------------------------------------------------------------------------

    async def reply_for(self, openid: str, inbound: Inbound, received_at: float) -> str | None:
        """The passive reply text for one try of a message, or None for "success"."""
        if inbound.action == IGNORED:
            return None
        key = inbound.key
        if await self.store.add(f"{key}:claim", "1", self.claim_ttl):
            self._spawn(self._process(openid, inbound))
        else:
            logger.info("wechat %s: repeated delivery of %s, not processed again", inbound.msg_type, key)
        remaining = self.settings.passive_timeout - (time.monotonic() - received_at)
        answer = await self.store.wait_for(f"{key}:answer", max(0.0, remaining))
        if answer is None:
            await self.store.set(f"{key}:handoff", "1", MESSAGE_TTL)
            answer = await self.store.get(f"{key}:answer")
        if answer is not None:
            if not await self.store.add(f"{key}:delivered", "passive", MESSAGE_TTL):
                return None
            parts = split_text(json.loads(answer), PASSIVE_LIMIT_BYTES)
            if len(parts) > 1:
                self._spawn(self._send_by_api(openid, parts[1:], delay=self._follow_up_delay))
            return parts[0] if parts else None
        if not await self.store.add(f"{key}:acked", "1", MESSAGE_TTL):
            return None
        return self.settings.ack_text if self.api is not None else NO_API_TIMEOUT_TEXT

    async def drain(self, timeout: float = 10.0) -> None:
        """Wait for background processing and deliveries (used at shutdown and in tests)."""
        deadline = time.monotonic() + timeout
        while self._tasks and time.monotonic() < deadline:
            await asyncio.wait(set(self._tasks), timeout=max(0.0, deadline - time.monotonic()))

    # -- processing ---------------------------------------------------------------------

    def _spawn(self, coroutine: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _renew_claim(self, key: str) -> None:
        while True:
            await asyncio.sleep(self.claim_ttl / 4)
            try:
                await self.store.set(f"{key}:claim", "1", self.claim_ttl)
            except Exception:  # the store is down: the bot's answer may still get through
                logger.exception("wechat: could not renew the claim on %s", key)

    async def _process(self, openid: str, inbound: Inbound) -> None:
        key = inbound.key
        renewal = asyncio.ensure_future(self._renew_claim(key))
        try:
            if inbound.action == FIXED_REPLY:
                answer = inbound.text
            else:
                answer = await self._ask_bot(openid, inbound)
        except Exception:  # the bot failed: the user still gets a kind answer
            logger.exception("wechat %s: the bot failed on %s", inbound.msg_type, key)
            answer = APOLOGY
        finally:
            renewal.cancel()
        await self.store.set(f"{key}:claim", "done", MESSAGE_TTL)  # before the answer: never processed twice
        await self.store.set(f"{key}:answer", json.dumps(answer, ensure_ascii=False), MESSAGE_TTL)
        if await self.store.get(f"{key}:handoff") is None:
            return  # a try is still waiting and will reply passively
        if self.api is None:
            logger.warning("wechat: the answer to %s was late and no appid/secret is configured", key)
        elif await self.store.add(f"{key}:delivered", "api", MESSAGE_TTL):
            await self._send_by_api(openid, split_text(answer, CUSTOMER_LIMIT_BYTES))

    async def _ask_bot(self, openid: str, inbound: Inbound) -> str:
        sender = pseudonymize(openid)
        buttons_key = f"buttons:{sender}"
        text = inbound.text
        if inbound.from_user:
            remembered = await self.store.get(buttons_key)
            payload = chosen_button(text, json.loads(remembered)) if remembered else None
            # a chosen button's payload may be an intent; anything else the user sent is text (bot.payloads)
            text = payload if payload else as_typed_text(text)
        collector = WeChatCollector()
        message = UserMessage(
            text,
            collector,
            sender,
            input_channel=self._input_channel,
            message_id=inbound.key,
            metadata={"wechat_msg_type": inbound.msg_type},
        )
        await self._on_new_message(message)
        answer, payloads = render_answer(collector.messages)
        if payloads:
            await self.store.set(buttons_key, json.dumps(payloads, ensure_ascii=False), BUTTONS_TTL)
        else:
            await self.store.delete(buttons_key)
        return answer

    async def _send_by_api(self, openid: str, parts: list[str], delay: float = 0.0) -> None:
        if delay:
            await asyncio.sleep(delay)  # let the passive reply reach the user first
        if self.api is None:
            return
        for part in parts:
            if not await self.api.send_text(openid, part):
                return  # already logged; later parts would fail the same way

"""Rasa input channel ``wechat`` for a WeChat official account (微信公众号).

Configured in credentials.yml under ``bot.channels.wechat.WeChatInput`` (see
``credentials.example.yml`` and docs/wechat.md); ``rasa run`` then serves

* ``GET  /webhooks/wechat/``        health check,
* ``GET  /webhooks/wechat/webhook`` the server-address handshake (echoes ``echostr``),
* ``POST /webhooks/wechat/webhook`` the messages.

A POST goes through: signature and timestamp (403) before a byte of the body is read, then the body,
read as a stream and refused past ``max_body_bytes`` (413; a larger Content-Length is refused unread, not
buffered up to Sanic's 100 MB), body screening (400/413), decryption
in safe mode (403/400), parsing, the replay check (403: a signed query reused with another
message), then :mod:`wechat_inbound` decides what the message means and
:class:`ReplyCoordinator` runs the bot once and answers once — passively within
``passive_timeout`` or through the customer-service API.
"""

from __future__ import annotations

import logging
import re
import time
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from wechatpy.crypto import WeChatCrypto
from wechatpy.replies import TextReply

from bot.channels import wechat_security as security
from bot.channels.dedupe import DedupeStore, make_store
from bot.channels.never_silent import never_silent
from bot.channels.wechat_api import CustomerServiceClient
from bot.channels.wechat_dispatch import ReplyCoordinator
from bot.channels.wechat_inbound import MalformedMessage, interpret
from bot.config import WeChatSettings, sender_salt, wechat_settings
from bot.privacy import redact_openids_in, short_pseudonym

logger = logging.getLogger(__name__)

DISCARD_AT_MOST = 2 * 1024 * 1024
"""Bytes of an unwanted body read (and dropped, never kept) so that the client can read the refusal."""
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _success() -> HTTPResponse:
    """WeChat's "nothing to show" answer (never encrypted)."""
    return response.text("success")


def cdata_escape(text: str) -> str:
    """``text`` for the inside of a CDATA section: each ``]]>`` split across two sections (the one escaper of
    the project; the WeChat simulator of tests/harness writes its XML with it too)."""
    return text.replace("]]>", "]]]]><![CDATA[>")


def _cdata_safe(text: str) -> str:
    """Text that cannot close wechatpy's CDATA section or carry XML-invalid characters."""
    return cdata_escape(_XML_INVALID.sub("", text))


def _query(request: Request) -> dict[str, str]:
    return {name: values[0] for name, values in request.args.items() if values}


def _rejected(error: security.RequestRejected) -> HTTPResponse:
    return response.text(error.reason, status=error.status)


class WeChatInput(InputChannel):
    """Input channel for a WeChat official account, in plaintext or safe (AES) mode."""

    @classmethod
    def name(cls) -> str:
        return "wechat"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> WeChatInput:
        # The account is public: with the development salt, anyone could recompute the pseudonyms in the
        # records and logs from an openid. Refuse to start rather than warn.
        if not sender_salt(credentials or {}) and not sender_salt():
            raise ValueError(
                "WeChat channel: XINMI_SENDER_SALT (or sender_salt in this channel's section of credentials.yml)"
                " must be set to a secret: sender pseudonyms are not safe with the public development salt"
            )
        return cls(wechat_settings(credentials or {}))

    def __init__(self, settings: WeChatSettings, store: DedupeStore | None = None) -> None:
        self.settings = settings
        self.store = store or make_store(settings.dedupe)
        self.crypto: WeChatCrypto | None = None
        if settings.mode == "safe":
            self.crypto = WeChatCrypto(settings.token, settings.encoding_aes_key, settings.appid)
        self.api: CustomerServiceClient | None = None
        if settings.can_send_customer_messages:
            self.api = CustomerServiceClient(
                settings.appid, settings.secret, settings.api_base, timeout=settings.api_timeout
            )
        else:
            logger.warning("wechat: no appid/secret, so answers later than %.1f s cannot be sent",
                           settings.passive_timeout)
        self.coordinator: ReplyCoordinator | None = None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # An empty answer means a custom action could not run: the user gets an apology, not silence.
        self.coordinator = ReplyCoordinator(
            self.settings, self.store, never_silent(on_new_message), api=self.api, input_channel=self.name()
        )
        webhook = Blueprint("wechat_webhook", __name__)
        # WeChat puts openid=… in the webhook URL; Sanic's access and error logs print URLs.
        redact_openids_in("sanic.access", "sanic.error")

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["GET"])
        async def handshake(request: Request) -> HTTPResponse:
            try:
                security.check_query(_query(request), self.settings.token, self.settings.max_clock_skew)
            except security.RequestRejected as error:
                logger.warning("wechat handshake refused: %s", error.reason)
                return _rejected(error)
            return response.text(request.args.get("echostr", ""))

        @webhook.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> HTTPResponse:
            received_at = time.monotonic()
            # Sanic lifts the size limit for streaming routes. What the handler leaves unread (the body of an
            # unsigned or oversized request) Sanic then reads and discards, up to this limit, so that the
            # client still gets its 403/413; a larger one is not read at all: the connection is closed.
            if request.stream is not None:
                request.stream.request_max_size = max(self.settings.max_body_bytes, DISCARD_AT_MOST)
            try:
                return await self._receive(request, received_at)
            except security.RequestRejected as error:
                logger.warning("wechat request refused (%s): %s", error.status, error.reason)
                return _rejected(error)
            except Exception as error:  # noqa: BLE001 - a bug: WeChat gets "success", not an error screen
                # Only the type and place: an exception's message might quote the openid.
                frame = traceback.extract_tb(error.__traceback__)[-1]
                logger.error("wechat request failed: %s at %s:%s", type(error).__name__,
                             frame.filename, frame.lineno)
                return _success()

        @webhook.listener("after_server_stop")
        async def close(*_: Any) -> None:
            await self.close()

        return webhook

    async def _receive(self, request: Request, received_at: float) -> HTTPResponse:
        settings = self.settings
        args = _query(request)
        timestamp, nonce = security.check_query(args, settings.token, settings.max_clock_skew)
        encrypted = args.get("encrypt_type", "raw").lower() == "aes"
        if encrypted != (self.crypto is not None):
            raise security.RequestRejected(403 if self.crypto else 400, f"this account runs in {settings.mode} mode")
        text = security.screen_body(await self._read_body(request), settings.max_body_bytes)
        if self.crypto is not None:
            text = security.open_envelope(
                self.crypto, text, args.get("msg_signature", ""), timestamp, nonce, settings.max_body_bytes
            )
        message = security.parse(text)
        try:
            inbound = interpret(message)
        except MalformedMessage as error:
            raise security.RequestRejected(400, str(error)) from None
        # A signed query is good for one message only: reusing it with another body is a replay.
        nonce_key = f"nonce:{timestamp}:{nonce}"
        first_use = await self.store.add(nonce_key, inbound.key, 2 * settings.max_clock_skew)
        if not first_use and await self.store.get(nonce_key) != inbound.key:
            raise security.RequestRejected(403, "signature already used for another message")

        openid = message.source
        logger.info("wechat %s from %s (%s)", inbound.msg_type, short_pseudonym(openid), inbound.key)
        assert self.coordinator is not None
        reply = await self.coordinator.reply_for(openid, inbound, received_at)
        if not reply:
            return _success()
        xml = TextReply(
            source=_cdata_safe(message.target or ""), target=_cdata_safe(openid), content=_cdata_safe(reply)
        ).render()
        if self.crypto is not None:
            xml = self.crypto.encrypt_message(xml, nonce, str(int(time.time())))
        return response.text(xml, content_type="application/xml; charset=utf-8")

    async def _read_body(self, request: Request) -> bytes:
        """The body of a request whose signature has been checked, at most ``max_body_bytes``."""
        limit = self.settings.max_body_bytes
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            raise security.RequestRejected(413, "body too large")
        if request.stream is None:  # already read (not a streaming request)
            return request.body or b""
        chunks, size = [], 0
        while True:
            chunk = await request.stream.read()
            if chunk is None:
                break
            size += len(chunk)
            if size > limit:
                raise security.RequestRejected(413, "body too large")
            chunks.append(chunk)
        return b"".join(chunks)

    async def close(self) -> None:
        """Finish background deliveries and release the API session and the store."""
        if self.coordinator is not None:
            await self.coordinator.drain()
        if self.api is not None:
            await self.api.close()
        await self.store.close()

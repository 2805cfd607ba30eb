"""Client for the WeChat customer-service message API (客服消息), on aiohttp.

Used when the bot's answer misses the passive-reply window, and for the parts of a long
answer that do not fit in one passive reply.

* ``GET  {api_base}/cgi-bin/token?grant_type=client_credential&appid=..&secret=..``
  gives an access_token; it is cached until shortly before ``expires_in`` and fetched
  again once by concurrent callers (a lock).
* ``POST {api_base}/cgi-bin/message/custom/send?access_token=..`` sends one text.
  errcode 40001 / 42001 / 40014 (invalid, expired, malformed token) → refresh the token and
  retry once. A passing failure — the network, a timeout, a reply that is not JSON, errcode -1
  (系统繁忙) on the token or the send — is tried again after 0.5, 2 and 5 s, so a blip does not lose
  an answer the resident is waiting for (a send whose reply was lost may then arrive twice: better
  than not at all). 45015 (user silent for 48 h), 45009 / 45047 (API limits), a refused appid or
  secret and any other errcode are final. Failures are logged without the openid and reported as
  ``False``, never raised.

The aiohttp session is created on first use and closed by :meth:`close`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

import aiohttp

from bot.privacy import short_pseudonym

logger = logging.getLogger(__name__)

TOKEN_ERRORS = {40001, 42001, 40014}
"""access_token invalid / expired / malformed: refresh and retry once."""

SURVIVABLE_ERRORS = {
    45015: "the user has not written for 48 hours",
    45009: "the daily API call limit is reached",
    45047: "the customer-service message limit for this user is reached",
}

TRANSIENT_ERRORS = {-1}
"""系统繁忙: WeChat asks to try again a little later."""

RETRY_DELAYS = (0.5, 2.0, 5.0)
"""Seconds to wait before each further attempt after a passing failure."""

TEXT_LIMIT_BYTES = 2048
"""Customer-service text messages hold at most 2048 bytes of UTF-8."""


class WeChatApiError(Exception):
    """A failed token request (network error or errcode); ``transient``: worth trying again."""

    def __init__(self, message: str, transient: bool) -> None:
        super().__init__(message)
        self.transient = transient


class CustomerServiceClient:
    """Sends customer-service text messages with a cached, refreshed access_token."""

    def __init__(self, appid: str, secret: str, api_base: str, timeout: float = 5.0,
                 retry_delays: tuple[float, ...] = RETRY_DELAYS) -> None:
        self._appid = appid
        self.retry_delays = retry_delays
        self._secret = secret
        self._api_base = api_base.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None
        self._token: str | None = None
        self._token_expires_at = 0.0
        self._token_lock: asyncio.Lock | None = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def access_token(self, force_refresh: bool = False) -> str:
        """A valid access_token, fetched only when missing, expiring or ``force_refresh``."""
        if self._token_lock is None:
            self._token_lock = asyncio.Lock()
        stale = self._token
        async with self._token_lock:
            # Another caller may have refreshed the token while this one waited for the lock.
            fresh = self._token and time.monotonic() < self._token_expires_at
            if fresh and not (force_refresh and self._token == stale):
                return self._token
            self._token = None
            params = {"grant_type": "client_credential", "appid": self._appid, "secret": self._secret}
            try:
                async with self._http().get(f"{self._api_base}/cgi-bin/token", params=params) as resp:
                    data = await resp.json(content_type=None)
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
                raise WeChatApiError(f"token request failed: {error!r}", transient=True) from error
            if not isinstance(data, dict) or not data.get("access_token"):
                errcode = data.get("errcode") if isinstance(data, dict) else None
                raise WeChatApiError(f"token request refused (errcode {errcode})",
                                     transient=not isinstance(data, dict) or errcode in TRANSIENT_ERRORS)
            expires_in = float(data.get("expires_in", 7200))
            self._token = str(data["access_token"])
            # Refresh five minutes early (at least half-way) so a token never expires in flight.
            self._token_expires_at = time.monotonic() + max(expires_in - 300, expires_in / 2)
            return self._token

    async def _post_text(self, token: str, openid: str, text: str) -> dict[str, Any]:
        body = json.dumps(
            {"touser": openid, "msgtype": "text", "text": {"content": text}}, ensure_ascii=False
        ).encode("utf-8")
        url = f"{self._api_base}/cgi-bin/message/custom/send"
        headers = {"Content-Type": "application/json; charset=utf-8"}
        async with self._http().post(url, params={"access_token": token}, data=body, headers=headers) as resp:
            data = await resp.json(content_type=None)
        return data if isinstance(data, dict) else {"errcode": -1, "errmsg": "not a JSON object"}

    async def send_text(self, openid: str, text: str) -> bool:
        """Send one text (≤ 2048 bytes) to a user; True when WeChat accepted it."""
        who = short_pseudonym(openid)
        delays = iter(self.retry_delays)
        refresh = False
        while True:
            failure, transient = None, False
            try:
                token = await self.access_token(force_refresh=refresh)
                data = await self._post_text(token, openid, text)
            except WeChatApiError as error:
                failure, transient = str(error), error.transient
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
                failure, transient = repr(error), True
            else:
                errcode = int(data.get("errcode", 0) or 0)
                if errcode == 0:
                    return True
                if errcode in TOKEN_ERRORS and not refresh:
                    logger.info("wechat access_token rejected (errcode %s); refreshing", errcode)
                    refresh = True
                    continue
                # errmsg is not logged: it may echo request fields.
                reason = SURVIVABLE_ERRORS.get(errcode, "see the WeChat global return codes")
                failure, transient = f"errcode {errcode} ({reason})", errcode in TRANSIENT_ERRORS
            delay = next(delays, None) if transient else None
            if delay is None:
                logger.warning("wechat customer message to %s not sent: %s", who, failure)
                return False
            logger.info("wechat customer message to %s: %s; trying again in %.1f s", who, failure, delay)
            await asyncio.sleep(delay)

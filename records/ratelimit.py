"""One limit on wrong credentials for every way in, shared by every process through the records database.

Each wrong attempt (sign-in form, ``Authorization: Bearer``, a wrong verification number for a code) is
a row per key it concerns: the client address, the account name tried, the code looked up. Once a key
has ``max_failures`` rows within ``window`` seconds, every attempt under that key is refused until the
oldest of them leaves the window, even with the right credential. Keys are stored as SHA-256 digests,
so the table holds no address or name in clear. Rows older than the window are deleted as new ones come.
Being in the database, the limit holds across replicas, and no number of addresses flushes it.

With a Redis URL configured (:func:`make_limiter`), the same limit lives in Redis instead: one sorted set
per key, its members the failure times, expiring after the window.
"""

from __future__ import annotations

import hashlib
import math
import secrets
import time
from collections.abc import Iterable

from sqlalchemy import Column, Float, Integer, String, delete, func, select

from records.db import Base, sessions


class AuthFailure(Base):
    __tablename__ = "auth_failures"
    id = Column(Integer, primary_key=True)
    key = Column(String(64), nullable=False, index=True)
    at = Column(Float, nullable=False, index=True)  # seconds since the epoch


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()


class RateLimiter:
    def __init__(self, max_failures: int, window: float, url: str | None = None) -> None:
        self.max_failures, self.window, self.url = max_failures, window, url

    def retry_after(self, keys: Iterable[str], now: float | None = None) -> float:
        """Seconds until every one of ``keys`` may try again; 0 when they may try now."""
        now = time.time() if now is None else now
        digests = [_digest(k) for k in keys]
        wait = 0.0
        with sessions(self.url)() as session:
            for digest in digests:
                times = session.scalars(
                    select(AuthFailure.at).where(AuthFailure.key == digest, AuthFailure.at > now - self.window)
                    .order_by(AuthFailure.at.desc()).limit(self.max_failures)).all()
                if len(times) >= self.max_failures:
                    wait = max(wait, times[-1] + self.window - now)
        return max(0.0, wait)

    def failed(self, keys: Iterable[str], now: float | None = None) -> None:
        now = time.time() if now is None else now
        with sessions(self.url)() as session:
            session.execute(delete(AuthFailure).where(AuthFailure.at <= now - max(self.window, 3600)))
            session.add_all(AuthFailure(key=_digest(k), at=now) for k in keys)
            session.commit()

    def succeeded(self, keys: Iterable[str]) -> None:
        """Forget the failures of these keys (e.g. an account after its right password)."""
        digests = [_digest(k) for k in keys]
        with sessions(self.url)() as session:
            session.execute(delete(AuthFailure).where(AuthFailure.key.in_(digests)))
            session.commit()

    def failures(self, key: str, now: float | None = None) -> int:
        now = time.time() if now is None else now
        with sessions(self.url)() as session:
            return int(session.scalar(select(func.count()).select_from(AuthFailure).where(
                AuthFailure.key == _digest(key), AuthFailure.at > now - self.window)))


class StoreUnavailable(Exception):
    """The limiter's store (Redis) cannot be reached; callers refuse the attempt (fail closed)."""


def _guarded(method):
    def call(self, *args, **kwargs):
        from redis.exceptions import RedisError

        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            raise StoreUnavailable(type(error).__name__) from None

    call.__doc__ = method.__doc__
    return call


class RedisRateLimiter:
    """:class:`RateLimiter` in Redis (``redis://`` / ``rediss://``), for deployments that have one."""

    def __init__(self, max_failures: int, window: float, url: str, prefix: str = "xinmi:auth:") -> None:
        self.max_failures, self.window, self.url, self.prefix = max_failures, window, url, prefix
        self._client = None

    def _redis(self):
        if self._client is None:  # connects on first use, never at import or construction
            import redis

            self._client = redis.Redis.from_url(self.url)
        return self._client

    def _key(self, key: str) -> str:
        return self.prefix + _digest(key)

    @_guarded
    def retry_after(self, keys: Iterable[str], now: float | None = None) -> float:
        now = time.time() if now is None else now
        wait = 0.0
        for key in keys:
            times = self._redis().zrevrangebyscore(self._key(key), "+inf", f"({now - self.window}",
                                                   start=0, num=self.max_failures, withscores=True)
            if len(times) >= self.max_failures:
                wait = max(wait, times[-1][1] + self.window - now)
        return max(0.0, wait)

    @_guarded
    def failed(self, keys: Iterable[str], now: float | None = None) -> None:
        now = time.time() if now is None else now
        pipe = self._redis().pipeline()
        for key in keys:
            name = self._key(key)
            pipe.zremrangebyscore(name, "-inf", now - self.window)
            pipe.zadd(name, {f"{now}:{secrets.token_hex(4)}": now})
            pipe.expire(name, math.ceil(self.window) + 1)
        pipe.execute()

    @_guarded
    def succeeded(self, keys: Iterable[str]) -> None:
        names = [self._key(k) for k in keys]
        if names:
            self._redis().delete(*names)

    @_guarded
    def failures(self, key: str, now: float | None = None) -> int:
        now = time.time() if now is None else now
        return int(self._redis().zcount(self._key(key), f"({now - self.window}", "+inf"))


def make_limiter(max_failures: int, window: float, url: str | None = None, store: str = "database"):
    """The limiter for ``store``: ``"database"`` (the records database at ``url``) or a Redis URL."""
    if store.startswith(("redis://", "rediss://")):
        return RedisRateLimiter(max_failures, window, store)
    return RateLimiter(max_failures, window, url)

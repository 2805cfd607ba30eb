"""Small key-value stores that let the WeChat channel handle each message exactly once.

WeChat re-posts a message when it has no answer within 5 seconds (three tries in all), and
several ``rasa run`` replicas may receive those tries. The channel needs only a few atomic
operations, expressed by :class:`DedupeStore`:

* ``add`` — set a key only if it is absent (who processes / who delivers),
* ``set`` / ``get`` — publish and read a value (the rendered answer, a user's last buttons),
* ``wait_for`` — wait until a key has a value (a retry waiting for the first try's answer).

:class:`MemoryDedupeStore` serves one process (the default). :class:`RedisDedupeStore`
shares the state between replicas through redis-py's asyncio client; its connection is
made on first use, never at construction. :func:`make_store` picks one from configuration:
``"memory"`` or a ``redis://`` / ``rediss://`` URL.
"""

from __future__ import annotations

import abc
import asyncio
import time
from typing import Any


class DedupeStore(abc.ABC):
    """Atomic set-if-absent, set, get and wait, all with a time to live in seconds."""

    @abc.abstractmethod
    async def add(self, key: str, value: str, ttl: float) -> bool:
        """Store ``value`` only if ``key`` is absent; True when this call stored it."""

    @abc.abstractmethod
    async def set(self, key: str, value: str, ttl: float) -> None:
        """Store ``value`` under ``key``, replacing any previous value."""

    @abc.abstractmethod
    async def get(self, key: str) -> str | None:
        """The value under ``key``, or None."""

    @abc.abstractmethod
    async def delete(self, key: str) -> None:
        """Remove ``key`` if present."""

    async def wait_for(self, key: str, timeout: float, poll_interval: float = 0.05) -> str | None:
        """Wait up to ``timeout`` seconds for ``key`` to have a value; None on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            value = await self.get(key)
            remaining = deadline - time.monotonic()
            if value is not None or remaining <= 0:
                return value
            await asyncio.sleep(min(poll_interval, remaining))

    async def close(self) -> None:
        """Release connections, if any."""


class MemoryDedupeStore(DedupeStore):
    """In-process store; waiters are woken as soon as a value is set."""

    def __init__(self, max_entries: int = 100_000) -> None:
        self._data: dict[str, tuple[str, float]] = {}
        self._waiters: dict[str, list[asyncio.Future]] = {}
        self._max_entries = max_entries

    def _live(self, key: str) -> str | None:
        entry = self._data.get(key)
        if entry is None:
            return None
        value, expires_at = entry
        if expires_at <= time.monotonic():
            del self._data[key]
            return None
        return value

    def _purge(self) -> None:
        if len(self._data) < self._max_entries:
            return
        now = time.monotonic()
        for key in [k for k, (_, exp) in self._data.items() if exp <= now]:
            del self._data[key]
        while len(self._data) >= self._max_entries:  # still full: drop the oldest entries
            del self._data[next(iter(self._data))]

    def _store(self, key: str, value: str, ttl: float) -> None:
        self._purge()
        self._data[key] = (value, time.monotonic() + ttl)
        for waiter in self._waiters.pop(key, []):
            if not waiter.done():
                waiter.set_result(value)

    async def add(self, key: str, value: str, ttl: float) -> bool:
        if self._live(key) is not None:
            return False
        self._store(key, value, ttl)
        return True

    async def set(self, key: str, value: str, ttl: float) -> None:
        self._store(key, value, ttl)

    async def get(self, key: str) -> str | None:
        return self._live(key)

    async def delete(self, key: str) -> None:
        self._data.pop(key, None)

    async def wait_for(self, key: str, timeout: float, poll_interval: float = 0.05) -> str | None:
        value = self._live(key)
        if value is not None or timeout <= 0:
            return value
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.setdefault(key, []).append(waiter)
        try:
            return await asyncio.wait_for(asyncio.shield(waiter), timeout)
        except asyncio.TimeoutError:
            return self._live(key)
        finally:
            waiters = self._waiters.get(key)
            if waiters and waiter in waiters:
                waiters.remove(waiter)
                if not waiters:
                    del self._waiters[key]


class RedisDedupeStore(DedupeStore):
    """Store shared by replicas, on redis-py's asyncio client (connects on first use)."""

    def __init__(self, url: str, prefix: str = "xinmi:wechat:") -> None:
        self._url = url
        self._prefix = prefix
        self._client: Any = None

    def _redis(self) -> Any:
        if self._client is None:
            import redis.asyncio as redis_asyncio

            self._client = redis_asyncio.from_url(self._url, decode_responses=True)
        return self._client

    @staticmethod
    def _ms(ttl: float) -> int:
        return max(1, int(ttl * 1000))

    async def add(self, key: str, value: str, ttl: float) -> bool:
        return bool(await self._redis().set(self._prefix + key, value, px=self._ms(ttl), nx=True))

    async def set(self, key: str, value: str, ttl: float) -> None:
        await self._redis().set(self._prefix + key, value, px=self._ms(ttl))

    async def get(self, key: str) -> str | None:
        return await self._redis().get(self._prefix + key)

    async def delete(self, key: str) -> None:
        await self._redis().delete(self._prefix + key)

    async def close(self) -> None:
        if self._client is not None:
            client, self._client = self._client, None
            await client.close()


def make_store(spec: str) -> DedupeStore:
    """The store named by configuration: ``"memory"`` or a redis URL."""
    spec = (spec or "memory").strip()
    if spec.lower() == "memory":
        return MemoryDedupeStore()
    if spec.startswith(("redis://", "rediss://", "unix://")):
        return RedisDedupeStore(spec)
    raise ValueError(f"Unknown dedupe store {spec!r}: use 'memory' or a redis:// URL")

"""bot/lock_store.py's AtomicRedisLockStore without a Redis server: a small in-memory Redis with Redis's
WATCH/MULTI/EXEC rule (a transaction fails when a watched key changed after WATCH), and a hook that lets
another replica act between one store's read and its write — the moment Rasa's own store loses a ticket."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
import redis
from rasa.core.lock_store import LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from bot import lock_store
from bot.lock_store import AtomicRedisLockStore

if TYPE_CHECKING:
    from typing_extensions import Self

CONVERSATION = "resident-1"


class FakeRedis:
    """The commands the lock stores use, on a dict; ``between`` runs once before a write (another replica)."""

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}
        self.versions: dict[str, int] = {}
        self.between: list[Callable[[], None]] = []

    def _interleave(self) -> None:
        if self.between:
            self.between.pop(0)()

    def get(self, key: str) -> bytes | None:
        return self.data.get(key)

    def set(self, key: str, value: str | bytes) -> None:
        self._interleave()
        self.data[key] = value.encode() if isinstance(value, str) else value
        self.versions[key] = self.versions.get(key, 0) + 1

    def delete(self, key: str) -> int:
        self.versions[key] = self.versions.get(key, 0) + 1
        return int(self.data.pop(key, None) is not None)

    def pipeline(self) -> FakePipeline:
        return FakePipeline(self)


class FakePipeline:
    def __init__(self, red: FakeRedis) -> None:
        self.red, self.watched, self.queued = red, {}, None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        pass

    def watch(self, key: str) -> None:
        self.watched = {key: self.red.versions.get(key, 0)}

    def get(self, key: str) -> bytes | None:
        return self.red.get(key)

    def multi(self) -> None:
        self.queued = []

    def set(self, key: str, value: str) -> None:
        self.queued.append(("set", key, value))

    def delete(self, key: str) -> None:
        self.queued.append(("delete", key))

    def execute(self) -> None:
        self.red._interleave()
        queued, self.queued = self.queued, None
        if any(self.red.versions.get(key, 0) != version for key, version in self.watched.items()):
            raise redis.WatchError("watched key changed")
        for command, key, *value in queued:
            self.red.versions[key] = self.red.versions.get(key, 0) + 1
            if command == "set":
                self.red.data[key] = value[0].encode()
            else:
                self.red.data.pop(key, None)


def _stores(cls: type[RedisLockStore] = AtomicRedisLockStore) -> tuple[RedisLockStore, RedisLockStore, FakeRedis]:
    """Two replicas' lock stores sharing one (fake) Redis."""
    red = FakeRedis()
    stores = []
    for _ in range(2):
        store = cls(host="localhost")
        store.red = red
        stores.append(store)
    return stores[0], stores[1], red


def test_two_replicas_issuing_at_the_same_moment_get_different_tickets():
    a, b, red = _stores()
    red.between.append(lambda: b.issue_ticket(CONVERSATION))  # b issues while a is between read and write
    assert a.issue_ticket(CONVERSATION) == 1  # a read "no lock", its transaction failed, it read again
    lock = a.get_lock(CONVERSATION)
    assert [t.number for t in lock.tickets] == [0, 1]


def test_rasas_own_store_loses_a_ticket_in_the_same_moment():
    """Why the subclass exists: the same interleaving gives Rasa's store's two messages one ticket."""
    a, b, red = _stores(RedisLockStore)
    red.between.append(lambda: b.issue_ticket(CONVERSATION))
    assert a.issue_ticket(CONVERSATION) == 0
    assert [t.number for t in a.get_lock(CONVERSATION).tickets] == [0]  # b's ticket 0 was overwritten


def test_finish_serving_deletes_the_lock_when_nobody_waits_and_keeps_it_for_a_waiting_ticket():
    a, b, red = _stores()
    first = a.issue_ticket(CONVERSATION)
    second = b.issue_ticket(CONVERSATION)
    a.finish_serving(CONVERSATION, first)
    lock = b.get_lock(CONVERSATION)
    assert [t.number for t in lock.tickets] == [second] and not lock.is_locked(second)
    b.finish_serving(CONVERSATION, second)
    assert red.data == {}  # Rasa's finish_serving would leave an empty lock behind
    a.finish_serving(CONVERSATION, second)  # again, on a lock that is gone: harmless
    assert red.data == {}


def test_a_release_racing_a_new_ticket_keeps_the_new_ticket():
    a, b, red = _stores()
    first = a.issue_ticket(CONVERSATION)
    red.between.append(lambda: b.issue_ticket(CONVERSATION))  # b's message arrives while a releases
    a.finish_serving(CONVERSATION, first)
    assert [t.number for t in b.get_lock(CONVERSATION).tickets] == [1]


def test_update_lock_drops_expired_tickets_only():
    a, _, _ = _stores()
    a.issue_ticket(CONVERSATION, lock_lifetime=-1)  # expired at once
    live = a.issue_ticket(CONVERSATION, lock_lifetime=60)
    a.update_lock(CONVERSATION)
    assert [t.number for t in a.get_lock(CONVERSATION).tickets] == [live]
    a.update_lock("nobody")  # no lock: nothing written
    assert a.get_lock("nobody") is None


async def test_rasas_lock_serves_two_messages_of_one_conversation_one_after_the_other():
    a, b, red = _stores()
    order: list[str] = []

    async def message(store: RedisLockStore, name: str) -> None:
        async with store.lock(CONVERSATION, wait_time_in_seconds=0.01):
            order.append(f"{name} in")
            await asyncio.sleep(0.05)
            order.append(f"{name} out")

    await asyncio.gather(message(a, "a"), message(b, "b"))
    assert order in (["a in", "a out", "b in", "b out"], ["b in", "b out", "a in", "a out"])
    assert red.data == {}


def test_endless_contention_ends_in_rasas_lock_error(monkeypatch):
    a, _, red = _stores()
    monkeypatch.setattr(lock_store, "MAX_ATTEMPTS", 3)
    key = a.key_prefix + CONVERSATION
    red.between.extend([lambda: red.versions.update({key: red.versions.get(key, 0) + 1})] * 3)  # always changed
    with pytest.raises(LockError, match="too much contention"):
        a.issue_ticket(CONVERSATION)


def test_created_from_an_endpoint_config_as_endpoints_scale_yml_does():
    store = AtomicRedisLockStore(EndpointConfig(url="redis.internal", port=6380, db=2, key_prefix="xinmi"))
    settings = store.red.connection_pool.connection_kwargs
    assert (settings["host"], settings["port"], settings["db"]) == ("redis.internal", 6380, 2)
    assert store.key_prefix.startswith("xinmi:")

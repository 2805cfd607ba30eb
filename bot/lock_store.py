"""Rasa's Redis lock store with its read-modify-write steps made atomic, for several ``rasa run`` replicas.

Rasa takes a per-conversation ticket lock around every message, so that two messages of one conversation
are processed one after the other even when they reach different replicas. Rasa 3.6's ``RedisLockStore``
keeps each conversation's lock as one JSON value and changes it by GET, change, SET: two replicas issuing a
ticket at the same moment both read "no lock", both write ticket 0, and both go ahead — one message's events
are then lost from the tracker (seen in tests/load/test_scale_out.py; Rasa's fix, the concurrent lock
store, is not in the open-source edition). This subclass keeps Rasa's lock, its format and its
semantics, and performs each change under Redis ``WATCH``/``MULTI``/``EXEC``, retrying when another
replica changed the lock in between.

endpoints.scale.yml::

    lock_store:
      type: bot.lock_store.AtomicRedisLockStore
      url: ...   # and the other settings of Rasa's redis lock store
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 200


class AtomicRedisLockStore(RedisLockStore):
    """``RedisLockStore`` whose ticket issue, update and clean-up are atomic across processes."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        if endpoint_config is not None:  # created by Rasa from endpoints.yml (custom lock store type)
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _change(self, conversation_id: str, change: Callable[[TicketLock | None], tuple[TicketLock | None, Any]]) -> Any:
        """Apply ``change`` (old lock → new lock or None to delete, result) atomically; return the result."""
        import redis

        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            for _ in range(MAX_ATTEMPTS):
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else None
                    new, result = change(lock)
                    pipe.multi()
                    if new is None:
                        pipe.delete(key)
                    else:
                        pipe.set(key, new.dumps())
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue  # another replica changed this lock meanwhile: read it again
        raise LockError(f"Could not change the lock of conversation '{conversation_id}' (too much contention).")

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or TicketLock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except LockError:
            raise
        except Exception as error:  # as Rasa's: any storage failure is a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self.cleanup(conversation_id, ticket_number)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove the ticket; delete the lock when nobody else holds a ticket — in one step."""

        def release(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._change(conversation_id, release)

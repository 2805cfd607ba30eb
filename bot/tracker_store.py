"""Rasa's SQL tracker store, less work per message, with SQLite set up for a server that writes after every
message.

``endpoints.yml`` and ``endpoints.scale.yml`` name it (``type: bot.tracker_store.SQLTrackerStore``); every
argument is Rasa's own ``SQLTrackerStore``'s and the tables are the same.

Saving: Rasa counts, with a query, how many events of the conversation's current session are stored, and
appends the tracker's events after that many. A tracker this store has just read or saved already says how
many that is (the events it was read with), and the conversation's lock (Rasa's lock store, held from
reading to saving a message) keeps anyone else from adding events meanwhile; so the count is remembered on
the tracker instead of queried. A tracker it did not read (a new conversation, a full history) is counted
as Rasa does. Under ``make bench`` the count query was 5 % of the Rasa server's time.

On SQLite each connection gets

- ``journal_mode=WAL``: readers (the staff console, a second process) do not block the writer, and a
  commit appends to the log instead of rewriting the rollback journal;
- ``synchronous=NORMAL``: with WAL, a commit is not fsynced on its own. A commit survives the process
  crashing (the test suite SIGKILLs the server mid-screening); an operating-system crash or a power cut
  can lose the last commits but never corrupts the file — acceptable for the embedded default.
  Deployments that cannot accept it use PostgreSQL (docs/deploy.md).

Rasa opens a new SQLite connection for every read and write (SQLAlchemy 1.4's default for SQLite files);
here a small pool keeps them open (SQLAlchemy 2's default; a connection serves one checkout at a time,
whichever thread it is in). Under ``make bench`` (py-spy) SQLite's commit and connect were 7 % of the Rasa
server's time.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from rasa.core import tracker_store as rasa_tracker_store
from sqlalchemy import event
from sqlalchemy.pool import QueuePool

PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL")
STORED = "_xinmi_events_in_store"
"""Attribute of a tracker: how many of its events (current session) are in the store."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


class SQLTrackerStore(rasa_tracker_store.SQLTrackerStore):
    """``rasa.core.tracker_store.SQLTrackerStore`` with the remembered count and the SQLite settings above."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(url, poolclass=QueuePool, pool_size=2, max_overflow=8,
                                           connect_args={"check_same_thread": False})
            event.listen(self.engine, "connect", _sqlite_pragmas)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def retrieve(self, sender_id: str) -> Any:
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            setattr(tracker, STORED, len(tracker.events))
        return tracker

    async def save(self, tracker: Any) -> None:
        await super().save(tracker)
        setattr(tracker, STORED, len(tracker.events))

    def _additional_events(self, session: Any, tracker: Any) -> Iterator:
        stored = getattr(tracker, STORED, None)
        if stored is None or stored > len(tracker.events) or tracker._max_event_history:
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))

"""Rasa's SQL tracker store, with SQLite set up for a server that writes after every message.

``endpoints.yml`` names it (``type: bot.tracker_store.SQLTrackerStore``); every argument is Rasa's own
``SQLTrackerStore``'s, and on any other database (PostgreSQL in ``endpoints.scale.yml``) it is exactly
Rasa's class. On SQLite each connection gets

- ``journal_mode=WAL``: readers (the staff console, a second process) do not block the writer, and a
  commit appends to the log instead of rewriting the rollback journal;
- ``synchronous=NORMAL``: with WAL, a commit is no longer fsynced on its own; the database stays
  consistent after a crash of the process or the machine, and a power cut can lose at most the last
  commits — acceptable for a tracker store on one machine. Deployments that cannot accept it use
  PostgreSQL (docs/deploy.md).

Rasa opens a new SQLite connection for every read and write (SQLAlchemy's default pool for SQLite files);
here a small pool keeps them open (what SQLAlchemy 2 does by default; a connection serves one checkout at a
time, whichever thread it is in). Under ``make bench`` (py-spy) SQLite's commit and connect were 7 % of the Rasa server's time.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core import tracker_store as rasa_tracker_store
from sqlalchemy import event
from sqlalchemy.pool import QueuePool

PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


class SQLTrackerStore(rasa_tracker_store.SQLTrackerStore):
    """``rasa.core.tracker_store.SQLTrackerStore`` with the SQLite settings above."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(url, poolclass=QueuePool, pool_size=2, max_overflow=8,
                                           connect_args={"check_same_thread": False})
            event.listen(self.engine, "connect", _sqlite_pragmas)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

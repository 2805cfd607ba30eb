"""The records database: declarative base, Alembic upgrade, one engine and session factory per URL."""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.orm import declarative_base, sessionmaker

from records.config import records_url

Base = declarative_base()
ROOT = Path(__file__).resolve().parent.parent
_schema_lock = threading.Lock()


def upgrade(url: str) -> None:
    """Bring the schema to the newest Alembic revision."""
    from alembic import command
    from alembic.config import Config

    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url)
    command.upgrade(cfg, "head")


def _immediate_transactions(engine) -> None:
    """SQLite: every transaction takes the write lock as it begins (``BEGIN IMMEDIATE``) and so waits its turn
    (the 5 s busy timeout). With pysqlite's deferred ``BEGIN``, two connections can both read and then both
    try to write; SQLite refuses one at once. The actions save from worker threads, so 200 residents
    finishing together did exactly that."""

    @event.listens_for(engine, "connect")
    def _no_implicit_begin(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # pysqlite issues no BEGIN of its own

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


@lru_cache(maxsize=4)
def _sessions(url: str):
    with _schema_lock:
        upgrade(url)
    sqlite = url.startswith("sqlite")
    engine = create_engine(url, future=True, pool_pre_ping=True, connect_args={"timeout": 5} if sqlite else {})
    if sqlite:
        _immediate_transactions(engine)
    return sessionmaker(engine, future=True, expire_on_commit=False)


def sessions(url: str | None = None):
    """The session factory of the records database at ``url`` (default ``XINMI_RECORDS_URL``)."""
    return _sessions(url or records_url())

"""Alembic environment for the records database (records/: screenings, staff, sessions, limits, audit)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from records import accounts, audit, ratelimit, screenings, staff_sessions  # noqa: F401  (the tables)
from records.config import records_url
from records.db import Base

config = context.config
url = config.get_main_option("sqlalchemy.url") or records_url()

if context.is_offline_mode():
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = create_engine(url, future=True)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()

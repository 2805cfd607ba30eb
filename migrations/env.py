"""Alembic environment for the screening records."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from actions.config import records_url
from actions.records import Base

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

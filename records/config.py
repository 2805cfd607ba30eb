"""Configuration of the records package — the one place here that reads it (environment only)."""

from __future__ import annotations

import os

DEFAULT_RECORDS_URL = "sqlite:///records.db"


def records_url() -> str:
    """SQLAlchemy URL of the records database (``XINMI_RECORDS_URL``; SQLite file by default)."""
    return os.environ.get("XINMI_RECORDS_URL") or DEFAULT_RECORDS_URL

"""Screening records, staff accounts, staff sessions, the sign-in rate limit and the audit log.

One SQLAlchemy database (``XINMI_RECORDS_URL``; SQLite ``records.db`` by default, PostgreSQL by URL), its
schema kept by Alembic (``migrations/``). Shared by the action server (``actions/records.py`` re-exports
what the actions use) and the staff console (``console/``), so every replica of either sees
the same sessions, limits and records. Command line: ``python -m records staff add|disable|reset|list``.
"""

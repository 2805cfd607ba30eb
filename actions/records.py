"""Screening records — placeholder until issue 5 stores them with SQLAlchemy."""

from __future__ import annotations


def save_screening(tracker, verdict) -> str | None:
    return None


def last_code_for(sender_id: str) -> str | None:
    return None

"""What the actions use of the records (``records/``, shared with the staff console).

``save_screening``, ``last_code_for`` and ``note_question`` never let the database break a conversation:
the error is logged and the caller gets ``None``. The rest is re-exported from ``records.screenings`` so
that ``from actions import records`` keeps working.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.exc import SQLAlchemyError

from records.db import ROOT, Base, sessions, upgrade  # noqa: F401  (re-exported)
from records.screenings import (  # noqa: F401  (re-exported)
    ANNEX,
    QuestionCount,
    Saved,
    Screening,
    count_question,
    countable,
    find,
    last_code,
    last_saved,
    policy_version,
    reference_message,
    save,
    statistics,
    verification_matches,
)

logger = logging.getLogger(__name__)


# --- used by the actions: never let the database break a conversation -------------------------------
# The database work runs in a worker thread: the action server answers other residents meanwhile, even
# while SQLite waits up to its 5 s busy timeout on a locked file.

async def save_screening(tracker, verdict) -> Saved | None:
    """Save a finished screening; its code and verification, or None when the database is unavailable."""
    from actions.common import applicant_of

    channel = tracker.get_latest_input_channel() or "unknown"
    try:
        return await asyncio.to_thread(save, channel, tracker.sender_id, applicant_of(tracker), verdict.facts,
                                       verdict.to_dict())
    except SQLAlchemyError:
        logger.exception("screening record not saved (database unavailable)")
        return None


async def last_code_for(sender_id: str) -> Saved | None:
    """The sender's latest code and verification, or None (none yet, or the database is unavailable)."""
    try:
        return await asyncio.to_thread(last_saved, sender_id)
    except SQLAlchemyError:
        logger.exception("reference code lookup failed (database unavailable)")
        return None


async def note_question(tracker, measure: str) -> None:
    """Count a question whose answer cited ``measure`` (a measure number or ``附件``); junk is not counted."""
    try:
        await asyncio.to_thread(count_question, measure, tracker.get_latest_input_channel() or "unknown")
    except SQLAlchemyError:
        logger.exception("question not counted (database unavailable)")

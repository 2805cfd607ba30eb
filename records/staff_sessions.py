"""Server-side sessions of the staff console, in the records database (so every replica sees them).

The browser holds a random session id (256 bits, ``secrets.token_urlsafe``); the database holds only its
SHA-256, so a copy of the table signs nobody in. A session ends when it is signed out (the row is
deleted), when its account is disabled or its password reset (``records.accounts``), after ``idle``
seconds without a request, or ``absolute`` seconds after sign-in, whichever comes first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass, field

from sqlalchemy import Column, DateTime, String, delete

from records.db import Base, sessions

TOUCH_EVERY = dt.timedelta(seconds=30)  # last_seen is written at most this often per session


class StaffSessionRow(Base):
    __tablename__ = "staff_sessions"
    id_hash = Column(String(64), primary_key=True)
    account = Column(String(64), nullable=False, index=True)
    role = Column(String(16), nullable=False)
    created_at = Column(DateTime, nullable=False)
    last_seen = Column(DateTime, nullable=False)
    expires_at = Column(DateTime, nullable=False)  # absolute end


@dataclass(frozen=True)
class OpenSession:
    sid: str = field(repr=False)  # the secret the browser holds
    key: str  # public handle: first 12 hex characters of the hash (for logs and the chat sender id)
    account: str
    role: str
    expires_at: dt.datetime

    @property
    def csrf(self) -> str:
        return hashlib.sha256(f"csrf\0{self.sid}".encode()).hexdigest()[:32]


def _hash(sid: str) -> str:
    return hashlib.sha256(sid.encode("utf-8", "replace")).hexdigest()


def start(account: str, role: str, absolute: float, url: str | None = None,
          now: dt.datetime | None = None) -> OpenSession:
    now = now or dt.datetime.now()
    sid = secrets.token_urlsafe(32)
    expires = now + dt.timedelta(seconds=absolute)
    with sessions(url)() as session:
        session.execute(delete(StaffSessionRow).where(StaffSessionRow.expires_at <= now))  # tidy up
        session.add(StaffSessionRow(id_hash=_hash(sid), account=account, role=role, created_at=now,
                                    last_seen=now, expires_at=expires))
        session.commit()
    return OpenSession(sid, _hash(sid)[:12], account, role, expires)


def resume(sid: str | None, idle: float, url: str | None = None, now: dt.datetime | None = None) -> OpenSession | None:
    """The open session of a cookie's id, or None (unknown, signed out, idle too long, past its end)."""
    if not sid or len(sid) > 128:
        return None
    now = now or dt.datetime.now()
    key = _hash(sid)
    with sessions(url)() as session:
        row = session.get(StaffSessionRow, key)
        if row is None:
            return None
        if now >= row.expires_at or now - row.last_seen >= dt.timedelta(seconds=idle):
            session.delete(row)
            session.commit()
            return None
        if now - row.last_seen >= min(TOUCH_EVERY, dt.timedelta(seconds=idle / 4)):
            row.last_seen = now
            session.commit()
        return OpenSession(sid, key[:12], row.account, row.role, row.expires_at)


def end(sid: str | None, url: str | None = None) -> None:
    if not sid:
        return
    with sessions(url)() as session:
        session.execute(delete(StaffSessionRow).where(StaffSessionRow.id_hash == _hash(sid)))
        session.commit()


def end_all(account: str, url: str | None = None) -> None:
    with sessions(url)() as session:
        session.execute(delete(StaffSessionRow).where(StaffSessionRow.account == account))
        session.commit()

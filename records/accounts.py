"""Staff accounts of the hotline console: a name, a role (坐席 or 管理员) and an argon2id password hash.

Passwords are hashed with argon2-cffi's ``PasswordHasher`` (argon2id, its default cost) and never stored or
logged in clear. Disabling an account or resetting its password ends its sessions at once
(``records.staff_sessions``). Managed with ``python -m records staff add|disable|reset|list``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Boolean, Column, DateTime, Integer, String, delete, func, select
from sqlalchemy.exc import IntegrityError

from records.db import Base, sessions

AGENT, ADMIN = "坐席", "管理员"
ROLES = (AGENT, ADMIN)
_hasher = PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Verified against when the name is unknown, so a wrong name costs as long as a wrong password."""
    return _hasher.hash("no-such-account")


class StaffAccount(Base):
    __tablename__ = "staff_accounts"
    id = Column(Integer, primary_key=True)
    name = Column(String(64), unique=True, nullable=False, index=True)
    role = Column(String(16), nullable=False)
    password_hash = Column(String(256), nullable=False)
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime, nullable=False)
    changed_at = Column(DateTime, nullable=False)


@dataclass(frozen=True)
class Account:
    """Who is signed in: an account (or the shared password / the tools' token, see the console)."""

    name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


class AccountError(ValueError):
    """A request about accounts that cannot be done (unknown name, name taken, bad role, short password)."""


MIN_PASSWORD = 10


def _check(name: str, role: str | None, password: str | None) -> None:
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise AccountError("账号名须为1到64个字符，不含空格")
    if role is not None and role not in ROLES:
        raise AccountError(f"角色须为 {' 或 '.join(ROLES)}")
    if password is not None and len(password) < MIN_PASSWORD:
        raise AccountError(f"口令至少{MIN_PASSWORD}个字符")


def add(name: str, role: str, password: str, url: str | None = None) -> Account:
    _check(name, role, password)
    now = dt.datetime.now()
    with sessions(url)() as session:
        if session.scalar(select(StaffAccount).where(StaffAccount.name == name)) is not None:
            raise AccountError(f"账号 {name} 已存在")
        session.add(StaffAccount(name=name, role=role, password_hash=_hasher.hash(password), active=True,
                                 created_at=now, changed_at=now))
        session.commit()
    return Account(name, role)


def _end_sessions(session, name: str) -> None:
    from records.staff_sessions import StaffSessionRow

    session.execute(delete(StaffSessionRow).where(StaffSessionRow.account == name))


def disable(name: str, url: str | None = None) -> None:
    """Disable an account; its sessions end at once."""
    with sessions(url)() as session:
        row = session.scalar(select(StaffAccount).where(StaffAccount.name == name))
        if row is None:
            raise AccountError(f"没有账号 {name}")
        row.active = False
        row.changed_at = dt.datetime.now()
        _end_sessions(session, name)
        session.commit()


def reset(name: str, password: str, url: str | None = None, role: str | None = None) -> None:
    """A new password (and optionally role) for an account, which is enabled again; its sessions end."""
    _check(name, role, password)
    with sessions(url)() as session:
        row = session.scalar(select(StaffAccount).where(StaffAccount.name == name))
        if row is None:
            raise AccountError(f"没有账号 {name}")
        row.password_hash = _hasher.hash(password)
        row.active = True
        if role:
            row.role = role
        row.changed_at = dt.datetime.now()
        _end_sessions(session, name)
        session.commit()


def listing(url: str | None = None) -> list[dict]:
    with sessions(url)() as session:
        return [{"name": r.name, "role": r.role, "active": r.active, "created_at": r.created_at,
                 "changed_at": r.changed_at}
                for r in session.scalars(select(StaffAccount).order_by(StaffAccount.name))]


def count(url: str | None = None) -> int:
    with sessions(url)() as session:
        return int(session.scalar(select(func.count()).select_from(StaffAccount)))


def authenticate(name: str, password: str, url: str | None = None) -> Account | None:
    """The active account with this name and password, else None (same work whether or not it exists)."""
    with sessions(url)() as session:
        row = session.scalar(select(StaffAccount).where(StaffAccount.name == name))
        stored = row.password_hash if row is not None else _dummy_hash()
        try:
            _hasher.verify(stored, password or "")
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if row is None or not row.active:
            return None
        if _hasher.check_needs_rehash(stored):
            row.password_hash = _hasher.hash(password)
            session.commit()
        return Account(row.name, row.role)


def is_active(name: str, url: str | None = None) -> bool:
    with sessions(url)() as session:
        return bool(session.scalar(select(StaffAccount.active).where(StaffAccount.name == name)))


def ensure_first_admin(name: str, password: str, url: str | None = None) -> bool:
    """Create the configured first administrator unless an account of that name exists; True if created."""
    with sessions(url)() as session:
        if session.scalar(select(StaffAccount.id).where(StaffAccount.name == name)) is not None:
            return False
    try:
        add(name, ADMIN, password, url)
    except IntegrityError:  # another replica created it a moment ago
        return False
    return True

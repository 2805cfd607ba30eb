"""Audit log of the staff console: who signed in, looked up which code (and whether it was refused), ran
which screening, when. It holds the account name, the action, the code and a short outcome — never a
fact, an answer, a sender or an address. Administrators read it on the console's 审计日志 page."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, DateTime, Integer, String, select

from records.db import Base, sessions

ACTIONS = {
    "sign_in": "登录",
    "sign_out": "退出登录",
    "lookup": "查询编号",
    "lookup_refused": "查询被拒",
    "screen": "代为筛查",
    "view_audit": "查看审计日志",
}


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, index=True)
    account = Column(String(64), nullable=False)
    role = Column(String(16), nullable=False)
    action = Column(String(32), nullable=False)
    code = Column(String(32), index=True)
    outcome = Column(String(64), nullable=False, default="")


def write(account: str, role: str, action: str, code: str | None = None, outcome: str = "",
          url: str | None = None, now: dt.datetime | None = None) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    with sessions(url)() as session:
        session.add(AuditEntry(at=now or dt.datetime.now(), account=account[:64], role=role[:16], action=action,
                               code=code, outcome=outcome[:64]))
        session.commit()


def recent(limit: int = 200, code: str | None = None, url: str | None = None) -> list[dict]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if code:
        query = query.where(AuditEntry.code == code)
    with sessions(url)() as session:
        return [{"at": e.at.isoformat(sep=" ", timespec="seconds"), "account": e.account, "role": e.role,
                 "action": e.action, "action_label": ACTIONS.get(e.action, e.action), "code": e.code,
                 "outcome": e.outcome}
                for e in session.scalars(query)]

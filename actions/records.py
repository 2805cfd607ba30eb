"""Screening records and question statistics (SQLAlchemy; schema by Alembic, ``migrations/``).

Every finished screening is saved with a short reference code (XM-20261129-0042) the resident can quote
on the phone, the channel, a salted hash of the sender (never the openid, a name, a phone or ID number),
the facts, the results with their citations, the policy version and the time. Answered questions are
counted per measure and day for 市人社局's monitoring （二十二）; no message text is stored.

A database that is down or locked never breaks a conversation: the error is logged, nothing is half
written (one transaction per record), and the caller gets ``None``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import logging
import random
import threading
import time
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Column, Date, DateTime, Integer, String, Text, create_engine, event, func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import declarative_base, sessionmaker

from actions.config import records_url
from bot.privacy import pseudonymize
from policy_kb.document import DOCUMENT_NUMBER, SOURCE

logger = logging.getLogger(__name__)
Base = declarative_base()
ROOT = Path(__file__).resolve().parent.parent
_schema_lock = threading.Lock()


class Screening(Base):
    __tablename__ = "screenings"
    id = Column(Integer, primary_key=True)
    code = Column(String(32), unique=True, nullable=False, index=True)
    created_at = Column(DateTime, nullable=False)
    day = Column(Date, nullable=False, index=True)
    channel = Column(String(32), nullable=False)
    sender_hash = Column(String(64), nullable=False, index=True)
    applicant = Column(String(16))
    facts = Column(Text, nullable=False)  # JSON: the fact vocabulary's values
    results = Column(Text, nullable=False)  # JSON: policy_kb Verdict.to_dict(), citations included
    eligible = Column(Text, nullable=False)  # JSON list of rule ids the applicant qualified for
    policy_version = Column(String(80), nullable=False)


class QuestionCount(Base):
    __tablename__ = "question_counts"
    id = Column(Integer, primary_key=True)
    day = Column(Date, nullable=False, index=True)
    measure = Column(String(16), nullable=False)
    channel = Column(String(32), nullable=False)
    count = Column(Integer, nullable=False, default=0)


def policy_version() -> str:
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()[:12]
    return f"{DOCUMENT_NUMBER}@{digest}"


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
    (the 5 s busy timeout). With pysqlite's deferred ``BEGIN``, two connections can both read (the day's count)
    and then both try to write; SQLite refuses one at once, or both allocate the same code. The actions save
    from worker threads, so 200 residents finishing together did exactly that."""

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
    return _sessions(url or records_url())


def _code(day: dt.date, n: int) -> str:
    return f"XM-{day:%Y%m%d}-{n:04d}"


def save(channel: str, sender_id: str, applicant: str | None, facts: dict, verdict: dict,
         url: str | None = None, now: dt.datetime | None = None) -> str:
    """Store one finished screening; returns its reference code. Raises SQLAlchemyError on DB failure."""
    now = now or dt.datetime.now()
    Session = sessions(url)
    for attempt in range(8):  # PostgreSQL: two action servers finishing at once may race for the same number
        if attempt:
            time.sleep(random.uniform(0.0, 0.02 * attempt))
        with Session() as session:
            n = session.scalar(select(func.count()).select_from(Screening).where(Screening.day == now.date())) + 1
            code = _code(now.date(), n)
            session.add(Screening(
                code=code, created_at=now, day=now.date(), channel=channel or "unknown",
                sender_hash=pseudonymize(sender_id), applicant=applicant,
                facts=json.dumps(facts, ensure_ascii=False, default=str),
                results=json.dumps(verdict, ensure_ascii=False, default=str),
                eligible=json.dumps([r["rule"] for r in verdict.get("eligible", [])]),
                policy_version=policy_version()))
            try:
                session.commit()
                return code
            except IntegrityError:
                session.rollback()
    raise SQLAlchemyError("could not allocate a reference code")


def find(code: str, url: str | None = None) -> Screening | None:
    with sessions(url)() as session:
        return session.scalar(select(Screening).where(Screening.code == code.strip().upper()))


def last_code(sender_id: str, url: str | None = None) -> str | None:
    with sessions(url)() as session:
        return session.scalar(select(Screening.code).where(Screening.sender_hash == pseudonymize(sender_id))
                              .order_by(Screening.id.desc()).limit(1))


def count_question(measure: str, channel: str, url: str | None = None, day: dt.date | None = None) -> None:
    day = day or dt.date.today()
    with sessions(url)() as session:
        row = session.scalar(select(QuestionCount).where(QuestionCount.day == day, QuestionCount.measure == measure,
                                                          QuestionCount.channel == channel))
        if row is None:
            session.add(QuestionCount(day=day, measure=measure, channel=channel, count=1))
        else:
            row.count += 1
        session.commit()


def statistics(days: int = 30, url: str | None = None, today: dt.date | None = None) -> dict:
    """Per day: questions per measure, screenings run, and how many qualified per benefit."""
    since = (today or dt.date.today()) - dt.timedelta(days=days - 1)
    out: dict = {"questions": {}, "screenings": {}, "qualified": {}}
    with sessions(url)() as session:
        for day, measure, count in session.execute(
                select(QuestionCount.day, QuestionCount.measure, func.sum(QuestionCount.count))
                .where(QuestionCount.day >= since).group_by(QuestionCount.day, QuestionCount.measure)):
            out["questions"].setdefault(day.isoformat(), {})[measure] = int(count)
        for day, eligible in session.execute(select(Screening.day, Screening.eligible).where(Screening.day >= since)):
            key = day.isoformat()
            out["screenings"][key] = out["screenings"].get(key, 0) + 1
            for rule in json.loads(eligible):
                out["qualified"].setdefault(key, {})
                out["qualified"][key][rule] = out["qualified"][key].get(rule, 0) + 1
    return out


# --- used by the actions: never let the database break a conversation -------------------------------
# The database work runs in a worker thread: the action server answers other residents meanwhile, even
# while SQLite waits up to its 5 s busy timeout on a locked file.

async def save_screening(tracker, verdict) -> str | None:
    from actions.common import applicant_of

    channel = tracker.get_latest_input_channel() or "unknown"
    try:
        return await asyncio.to_thread(save, channel, tracker.sender_id, applicant_of(tracker), verdict.facts,
                                       verdict.to_dict())
    except SQLAlchemyError:
        logger.exception("screening record not saved (database unavailable)")
        return None


async def last_code_for(sender_id: str) -> str | None:
    try:
        return await asyncio.to_thread(last_code, sender_id)
    except SQLAlchemyError:
        logger.exception("reference code lookup failed (database unavailable)")
        return None


async def note_question(tracker, measure: str) -> None:
    try:
        await asyncio.to_thread(count_question, measure, tracker.get_latest_input_channel() or "unknown")
    except SQLAlchemyError:
        logger.exception("question not counted (database unavailable)")

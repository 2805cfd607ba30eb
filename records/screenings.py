"""Screening records and question statistics.

Every finished screening is saved with a random reference code (``records.codes``) and a verification
number, both given to the resident; the channel, a salted hash of the sender (never the openid, a name, a
phone or ID number), the facts, the results with their citations, the policy version and the time.
Answered questions are counted per measure (or the annex, ``附件``) and day for 市人社局's monitoring
（二十二）; no message text is stored.

A database that is down or locked never breaks a conversation: the error is logged, nothing is half
written (one transaction per record), and the caller gets ``None``.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import logging
from dataclasses import dataclass

from sqlalchemy import Column, Date, DateTime, Integer, String, Text, func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from bot.privacy import pseudonymize
from policy_kb.document import measures
from policy_kb.version import policy_version
from records import codes
from records.db import Base, sessions

logger = logging.getLogger(__name__)
ANNEX = "附件"
"""What :func:`count_question` counts a question about the annex (目标任务分解表) under."""


class Screening(Base):
    __tablename__ = "screenings"
    id = Column(Integer, primary_key=True)
    code = Column(String(32), unique=True, nullable=False, index=True)
    verification = Column(String(8))  # None for codes of the first scheme (XM-YYYYMMDD-NNNN)
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


@dataclass(frozen=True)
class Saved:
    """A saved screening as the resident is told it: the code and its verification number."""

    code: str
    verification: str | None


def reference_message(saved: Saved, again: bool = False) -> str:
    """The sentence the resident sees after a screening (``again``: when asking for the code later)."""
    lead = "您最近一次的查询编号" if again else "本次查询编号"
    if not saved.verification:  # a code of the first scheme, or the records could not be read
        return f"{lead}：{saved.code}。打电话咨询时报这个编号，工作人员可以查到您的查询结果。"
    return (f"{lead}：{saved.code}，验证码：{saved.verification}。打电话咨询时，工作人员会请您报出"
            f"编号和验证码，两个都对才能查看您的查询结果；请不要告诉他人。")


def save(channel: str, sender_id: str, applicant: str | None, facts: dict, verdict: dict,
         url: str | None = None, now: dt.datetime | None = None) -> Saved:
    """Store one finished screening under a new random code. Raises SQLAlchemyError on DB failure."""
    now = now or dt.datetime.now()
    Session = sessions(url)
    for _ in range(8):  # 10^12 codes: a clash is all but impossible, but never fatal
        saved = Saved(codes.new_code(), codes.new_verification())
        with Session() as session:
            session.add(Screening(
                code=saved.code, verification=saved.verification, created_at=now, day=now.date(),
                channel=channel or "unknown", sender_hash=pseudonymize(sender_id), applicant=applicant,
                facts=json.dumps(facts, ensure_ascii=False, default=str),
                results=json.dumps(verdict, ensure_ascii=False, default=str),
                eligible=json.dumps([r["rule"] for r in verdict.get("eligible", [])]),
                policy_version=policy_version()))
            try:
                session.commit()
                return saved
            except IntegrityError:
                session.rollback()
    raise SQLAlchemyError("could not allocate a reference code")


def find(code: str, url: str | None = None) -> Screening | None:
    """The record of a code as typed (any case, hyphens optional), or None."""
    canonical = codes.normalize(code)
    if canonical is None:
        return None
    with sessions(url)() as session:
        return session.scalar(select(Screening).where(Screening.code == canonical))


def verification_matches(record: Screening, supplied: str | None) -> bool:
    """Whether ``supplied`` is the record's verification number (constant time; never for old codes)."""
    given = codes.normalize_verification(supplied)
    return bool(record.verification and given) and hmac.compare_digest(given, record.verification)


def last_saved(sender_id: str, url: str | None = None) -> Saved | None:
    with sessions(url)() as session:
        row = session.execute(select(Screening.code, Screening.verification)
                              .where(Screening.sender_hash == pseudonymize(sender_id))
                              .order_by(Screening.id.desc()).limit(1)).first()
    return Saved(row.code, row.verification) if row else None


def last_code(sender_id: str, url: str | None = None) -> str | None:
    saved = last_saved(sender_id, url)
    return saved.code if saved else None


def countable(measure: str | None) -> bool:
    """A question is counted only under a real measure (总体要求, 一 … 二十六) or the annex."""
    return measure == ANNEX or measure in measures()


def count_question(measure: str, channel: str, url: str | None = None, day: dt.date | None = None) -> bool:
    """Count one answered question about ``measure``; anything but a measure or the annex is not counted
    (returns False)."""
    if not countable(measure):
        return False
    day = day or dt.date.today()
    with sessions(url)() as session:
        row = session.scalar(select(QuestionCount).where(QuestionCount.day == day, QuestionCount.measure == measure,
                                                          QuestionCount.channel == channel))
        if row is None:
            session.add(QuestionCount(day=day, measure=measure, channel=channel, count=1))
        else:
            row.count += 1
        session.commit()
    return True


def statistics(days: int = 30, url: str | None = None, today: dt.date | None = None) -> dict:
    """Per day: questions per measure, screenings run, and how many qualified per benefit."""
    since = (today or dt.date.today()) - dt.timedelta(days=days - 1)
    out: dict = {"questions": {}, "screenings": {}, "qualified": {}}
    with sessions(url)() as session:
        for day, measure, count in session.execute(
                select(QuestionCount.day, QuestionCount.measure, func.sum(QuestionCount.count))
                .where(QuestionCount.day >= since).group_by(QuestionCount.day, QuestionCount.measure)):
            if not countable(measure):  # counted before junk was refused
                continue
            out["questions"].setdefault(day.isoformat(), {})[measure] = int(count)
        for day, eligible in session.execute(select(Screening.day, Screening.eligible).where(Screening.day >= since)):
            key = day.isoformat()
            out["screenings"][key] = out["screenings"].get(key, 0) + 1
            for rule in json.loads(eligible):
                out["qualified"].setdefault(key, {})
                out["qualified"][key][rule] = out["qualified"][key].get(rule, 0) + 1
    return out

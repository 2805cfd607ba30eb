"""Screening records (actions/records.py): reference codes, pseudonymous senders, statistics — on their
own against a temporary SQLite file, and end to end through the real assistant (``live_assistant``):
a screening finished over the REST channel is found under its code, nothing identifying is stored in
clear, and a restart of the Rasa server in the middle of a screening loses nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import sqlite3
import uuid

import pytest

from actions import records
from bot import privacy
from policy_kb.screening import screen
from records import codes

TODAY = dt.date.today()
GRADUATE = {
    "is_college_graduate": True,
    "graduation_year": TODAY.year,
    "hardship_type": "低保家庭",
    "seeking_work": True,
}


@pytest.fixture
def url(tmp_path, monkeypatch):
    monkeypatch.setenv("XINMI_SENDER_SALT", "unit-salt")
    privacy.reset_salt_cache()
    yield f"sqlite:///{tmp_path}/records.db"
    privacy.reset_salt_cache()


def dump(path) -> str:
    """Every value of every table of a SQLite file, as one text."""
    with sqlite3.connect(path) as db:
        tables = [t for (t,) in db.execute("select name from sqlite_master where type='table'")]
        return "\n".join(repr(row) for t in tables for row in db.execute(f'select * from "{t}"'))


# --- the records module on its own ---------------------------------------------------------------------


def test_reference_codes_are_random_with_a_check_character_and_are_found_however_they_are_typed(url):
    verdict = screen(GRADUATE, applicant="person")
    day = dt.datetime(2026, 11, 29, 9, 30)
    saved = [records.save("rest", f"user-{n}", "person", verdict.facts, verdict.to_dict(), url=url, now=day)
             for n in range(30)]
    for s in saved:
        assert codes.PATTERN.fullmatch(s.code) and codes.normalize(s.code) == s.code
        assert re.fullmatch(r"\d{6}", s.verification)
    # Nothing to count up from: no day, no sequence; the codes of one day share no common stem.
    assert not any("20261129" in s.code for s in saved)
    assert len({s.code for s in saved}) == 30 and len({s.code[3:5] for s in saved}) > 5
    code = saved[1].code
    found = records.find(" " + code.lower().replace("-", " ").replace("0", "o") + " ", url=url)
    assert found.code == code and found.eligible == '["job_seeking_subsidy"]'
    body = code.replace("-", "")[2:]
    for wrong in codes.ALPHABET.replace(body[3], ""):  # any one character misheard
        assert codes.normalize("XM" + body[:3] + wrong + body[4:]) is None
    fixed = "7K3Q9MZD" + codes.check_character("7K3Q9MZD")
    assert codes.normalize(fixed) == "XM-7K3Q-9MZD" + fixed[-1]
    assert codes.normalize("K73Q9MZD" + fixed[-1]) is None  # two neighbours swapped
    assert records.find("XM-20261129-0002", url=url) is None


def test_a_record_is_shown_only_with_its_own_verification_number(url):
    verdict = screen(GRADUATE, applicant="person")
    a = records.save("rest", "user-a", "person", verdict.facts, verdict.to_dict(), url=url)
    b = records.save("rest", "user-b", "person", verdict.facts, verdict.to_dict(), url=url)
    record = records.find(a.code, url=url)
    assert records.verification_matches(record, a.verification)
    assert records.verification_matches(record, f" {a.verification[:3]} {a.verification[3:]} ")
    for wrong in ("", None, "000000" if a.verification != "000000" else "111111", b.verification + "1"):
        assert not records.verification_matches(record, wrong)
    message = records.reference_message(a)
    assert a.code in message and a.verification in message and "验证码" in message
    assert records.last_saved("user-a", url=url) == a


def test_codes_of_the_first_scheme_survive_the_migration_without_a_verification(tmp_path):
    """A database written by the first version (revision 0001, XM-YYYYMMDD-NNNN codes) is upgraded in place:
    the old record keeps its code and gets no verification, so it matches none."""
    from alembic import command
    from alembic.config import Config

    target = f"sqlite:///{tmp_path}/old.db"
    cfg = Config(str(records.ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(records.ROOT / "migrations"))
    cfg.set_main_option("sqlalchemy.url", target)
    command.upgrade(cfg, "0001")
    with sqlite3.connect(tmp_path / "old.db") as db:
        db.execute("insert into screenings (code, created_at, day, channel, sender_hash, applicant, facts, results,"
                   " eligible, policy_version) values ('XM-20261129-0042', '2026-11-29 09:30:00', '2026-11-29',"
                   " 'wechat', 'h', 'person', '{}', '{}', '[]', 'v')")
    records.upgrade(target)
    old = records.find("xm-20261129-0042", url=target)
    assert old.code == "XM-20261129-0042" and old.verification is None
    assert not records.verification_matches(old, "") and not records.verification_matches(old, "123456")


def test_many_screenings_saved_at_once_from_worker_threads_all_get_their_own_code(url):
    """The action server saves records from worker threads: 200 residents finishing together must not meet
    SQLite's "database is locked" (two deferred transactions that both read, then both try to write)."""
    from concurrent.futures import ThreadPoolExecutor

    verdict = screen(GRADUATE, applicant="person")
    records.upgrade(url)

    def save(n: int) -> str:
        if n % 3 == 0:
            records.count_question("十三", "wechat", url=url)
        return records.save("rest", f"user-{n}", "person", verdict.facts, verdict.to_dict(), url=url)

    with ThreadPoolExecutor(max_workers=12) as pool:
        saved = list(pool.map(save, range(120)))
    assert len({s.code for s in saved}) == 120
    assert records.statistics(1, url=url)["screenings"][TODAY.isoformat()] == 120
    assert records.statistics(1, url=url)["questions"][TODAY.isoformat()]["十三"] == 40


def test_the_last_code_is_per_sender_and_senders_are_kept_only_as_salted_hashes(url, tmp_path):
    verdict = screen(GRADUATE, applicant="person")
    records.save("rest", "o6_openid-of-a", "person", verdict.facts, verdict.to_dict(), url=url)
    later = records.save("rest", "o6_openid-of-a", "person", verdict.facts, verdict.to_dict(), url=url).code
    other = records.save("rest", "o6_openid-of-b", "person", verdict.facts, verdict.to_dict(), url=url).code
    assert records.last_code("o6_openid-of-a", url=url) == later
    assert records.last_code("o6_openid-of-b", url=url) == other
    assert records.last_code("never-screened", url=url) is None
    text = dump(tmp_path / "records.db")
    assert "o6_openid" not in text
    assert hmac.new(b"unit-salt", b"o6_openid-of-a", hashlib.sha256).hexdigest() in text


def test_statistics_count_questions_per_measure_screenings_and_qualified_per_benefit_per_day(url):
    yesterday = TODAY - dt.timedelta(days=1)
    for measure, day in (("十一", TODAY), ("十一", TODAY), ("十三", yesterday)):
        records.count_question(measure, "staff", url=url, day=day)
    qualified = screen(GRADUATE, applicant="person")
    not_qualified = screen({**GRADUATE, "hardship_type": "都不是"}, applicant="person")
    for verdict in (qualified, not_qualified):
        records.save("rest", "someone", "person", verdict.facts, verdict.to_dict(), url=url)
    stats = records.statistics(days=7, url=url, today=TODAY)
    assert stats["questions"] == {TODAY.isoformat(): {"十一": 2}, yesterday.isoformat(): {"十三": 1}}
    assert stats["screenings"] == {TODAY.isoformat(): 2}
    assert stats["qualified"] == {TODAY.isoformat(): {"job_seeking_subsidy": 1}}


def test_questions_about_the_annex_are_counted_and_junk_never_is(url):
    for measure in ("附件", "附件", "十三"):
        assert records.count_question(measure, "wechat", url=url)
    for junk in ("", "<script>alert(1)</script>", "' or 1=1 --", "二十七", "asdf", None):
        assert not records.count_question(junk, "wechat", url=url)
    assert records.statistics(1, url=url)["questions"] == {TODAY.isoformat(): {"附件": 2, "十三": 1}}
    from console.data import statistics_view

    view = statistics_view(records.statistics(1, url=url), 1)
    assert {m["label"]: m["count"] for m in view["questions_by_measure"]}["附件：目标任务分解表"] == 2


def test_alembic_brings_an_empty_database_to_the_newest_schema(tmp_path):
    target = f"sqlite:///{tmp_path}/fresh.db"
    records.upgrade(target)
    with sqlite3.connect(tmp_path / "fresh.db") as db:
        tables = {t for (t,) in db.execute("select name from sqlite_master where type='table'")}
        version = db.execute("select version_num from alembic_version").fetchone()[0]
    assert {"screenings", "question_counts", "staff_accounts", "staff_sessions", "auth_failures", "audit_log",
            "alembic_version"} <= tables
    from alembic.script import ScriptDirectory

    assert version == ScriptDirectory(str(records.ROOT / "migrations")).get_current_head()


# --- end to end, through the real assistant ------------------------------------------------------------


def test_a_screening_done_through_the_rest_channel_appears_under_its_code(live_assistant):
    sender = f"rest-{uuid.uuid4().hex[:8]}"
    verdict, code = live_assistant.screen_through_rest(sender)
    verification = live_assistant.verification_in(verdict)
    assert "一次性求职创业补贴" in verdict and "工作人员会请您报出编号和验证码" in verdict
    status, record = live_assistant.record(code, verification)
    assert status == 200, record
    assert record["code"] == code and record["channel"] == "rest" and record["applicant"] == "个人"
    assert "一次性求职创业补贴" in record["eligible"]
    facts = {f["name"]: f["value"] for f in record["facts"]}
    assert facts["hardship_type"] == "低保家庭" and facts["is_college_graduate"] == "是"
    eligible = next(g for g in record["groups"] if g["key"] == "eligible")["results"]
    assert [r["rule"] for r in eligible] == ["job_seeking_subsidy"]
    assert eligible[0]["citation"].endswith("（十三）") and eligible[0]["met"]
    again = live_assistant.say(sender, "我的查询编号")  # the resident can ask for both again
    assert code in again and verification in again


def test_a_code_without_its_verification_or_a_guessed_code_shows_nothing(live_assistant):
    sender = f"rest-{uuid.uuid4().hex[:8]}"
    verdict, code = live_assistant.screen_through_rest(sender)
    verification = live_assistant.verification_in(verdict)
    wrong = f"{(int(verification) + 1) % 10 ** 6:06d}"
    for supplied, status in (("", 403), (wrong, 403)):
        got, body = live_assistant.record(code, supplied)
        assert got == status and "facts" not in body and "验证码" in body["error"], body
    guessed = codes.new_code()  # a well-formed code nobody was given
    got, body = live_assistant.record(guessed, verification)
    assert got == 404 and "facts" not in body
    assert live_assistant.record(code, verification)[0] == 200


def test_no_sender_id_phone_or_id_number_is_stored_in_clear_in_the_records(live_assistant):
    openid = f"o6_bmjrPTlm6_{uuid.uuid4().hex[:14]}"  # shaped like a WeChat openid
    phone, id_number = "13812345678", "41018219900101123X"
    live_assistant.say(openid, f"我的手机号是{phone}，身份证号{id_number}")
    _, code = live_assistant.screen_through_rest(openid)
    text = dump(live_assistant.records_db)
    assert code in text
    for identifier in (openid, phone, id_number, id_number[:-1]):
        assert identifier not in text
    expected = hmac.new(live_assistant.salt.encode(), openid.encode(), hashlib.sha256).hexdigest()
    with sqlite3.connect(live_assistant.records_db) as db:
        assert db.execute("select sender_hash from screenings where code = ?", (code,)).fetchone() == (
            expected,
        )


def test_a_restart_of_the_rasa_server_in_the_middle_of_a_screening_loses_nothing(live_assistant):
    sender = f"restart-{uuid.uuid4().hex[:8]}"
    reply = live_assistant.say(sender, "我能领什么补贴吗，想查一下求职创业补贴")
    reply, before = live_assistant.answer_questions(sender, reply, until=1)
    pending = live_assistant.asked(reply)
    assert len(before) == 1 and pending, reply

    live_assistant.restart_rasa()  # SIGTERM, then a new process on the same port and tracker store

    reply = live_assistant.say(sender, live_assistant.graduate_answers[pending[-1]])
    verdict, after = live_assistant.answer_questions(sender, reply)
    assert not set(before + pending) & set(after), (before, pending, after)  # nothing asked twice
    assert "一次性求职创业补贴" in verdict and live_assistant.code.search(verdict)

"""Faults on the real servers (one Rasa server and one action server for the module, SQLite tracker store):
the Rasa server killed outright in the middle of a screening, the action server down, the records
database locked or unreachable. The resident always gets an answer, and the dialogue goes on afterwards.
"""

from __future__ import annotations

import datetime as dt
import json
import signal
import sqlite3
import threading
import time
import urllib.request
import uuid

import pytest

from actions.screening import RECORD_NOT_SAVED
from bench.users import CODE, CONFIRM, OPENING, Applicant, asked, expected_verdict, is_verdict, next_message
from bot.channels.never_silent import APOLOGY
from tests.harness.servers import Stack, free_port

GRADUATE = Applicant({"applicant_type": "个人", "is_college_graduate": "是",
                      "graduation_year": str(dt.date.today().year), "hardship_type": "低保家庭", "seeking_work": "是的"})


@pytest.fixture(scope="module")
def stack(tmp_path_factory, model):
    with Stack(tmp_path_factory.mktemp("faults")) as running:
        yield running


def say(stack: Stack, sender: str, text: str) -> str:
    request = urllib.request.Request(stack.rest_url, data=json.dumps({"sender": sender, "message": text}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=60) as resp:
        return "\n".join(m.get("text") or "" for m in json.loads(resp.read().decode()))


def answer_until_verdict(stack: Stack, sender: str, reply: str, person: Applicant,
                         questions: list[str]) -> str:
    for _ in range(10):
        if is_verdict(reply):
            return reply
        answer = next_message(reply, person)
        assert answer is not None, f"neither a question nor a verdict after {questions}: {reply!r}"
        if CONFIRM not in reply:
            questions.append(asked(reply)[-1])
        reply = say(stack, sender, answer)
    raise AssertionError(f"no verdict; asked {questions}")


def screenings_saved(stack: Stack) -> int:
    with sqlite3.connect(stack.records_db, timeout=30) as db:
        return db.execute("select count(*) from screenings").fetchone()[0]


def test_rasa_server_killed_mid_screening_and_restarted_resumes_where_the_dialogue_was(stack):
    sender = f"kill-{uuid.uuid4().hex[:8]}"
    questions: list[str] = []
    reply = say(stack, sender, OPENING)
    questions.append(asked(reply)[-1])
    reply = say(stack, sender, GRADUATE.answer(questions[-1]))
    pending = asked(reply)
    assert pending and pending[-1] not in questions, reply

    stack.rasa.kill(signal.SIGKILL)  # no shutdown handlers, nothing flushed on the way out
    assert not stack.rasa.running
    stack.rasa.start()  # same port, same SQLite tracker store

    verdict = answer_until_verdict(stack, sender, reply, GRADUATE, questions)
    assert len(questions) == len(set(questions)), f"asked again after the restart: {questions}"
    assert expected_verdict(GRADUATE, questions) in verdict
    assert CODE.search(verdict)


def test_action_server_down_the_resident_hears_an_apology_and_the_dialogue_goes_on_when_it_is_back(stack):
    sender = f"actions-down-{uuid.uuid4().hex[:8]}"
    reply = say(stack, sender, OPENING)
    first = asked(reply)[-1]

    stack.actions.kill(signal.SIGKILL)
    try:
        assert say(stack, sender, GRADUATE.answer(first)) == APOLOGY  # the form cannot validate the answer
        assert say(stack, sender, "创业担保贷款最多能贷多少") == APOLOGY  # nor can a question be answered
    finally:
        stack.actions.start()  # same port

    questions = [first]
    reply = say(stack, sender, GRADUATE.answer(first))  # the resident sends the answer again
    verdict = answer_until_verdict(stack, sender, reply, GRADUATE, questions)
    assert len(questions) == len(set(questions)), questions
    assert expected_verdict(GRADUATE, questions) in verdict and CODE.search(verdict)


def test_records_database_locked_the_verdict_comes_with_a_clear_note_and_nothing_is_half_written(stack):
    before = screenings_saved(stack)
    lock = sqlite3.connect(stack.records_db, timeout=5, isolation_level=None)
    try:
        lock.execute("BEGIN EXCLUSIVE")  # another writer holds the database: no one else reads or writes
        sender = f"locked-{uuid.uuid4().hex[:8]}"
        questions: list[str] = []
        verdict = answer_until_verdict(stack, sender, say(stack, sender, OPENING), GRADUATE, questions)
    finally:
        lock.rollback()
        lock.close()
    assert expected_verdict(GRADUATE, questions) in verdict
    assert RECORD_NOT_SAVED in verdict and not CODE.search(verdict)
    assert stack.rasa.running and stack.actions.running
    assert screenings_saved(stack) == before, "a record was written while the database was locked"

    sender = f"after-lock-{uuid.uuid4().hex[:8]}"
    verdict = answer_until_verdict(stack, sender, say(stack, sender, OPENING), GRADUATE, [])
    code = CODE.search(verdict)
    assert code and RECORD_NOT_SAVED not in verdict
    assert screenings_saved(stack) == before + 1
    with sqlite3.connect(stack.records_db) as db:  # the one record is whole: facts and results with it
        facts, results = db.execute("select facts, results from screenings where code = ?", (code.group(0),)).fetchone()
    assert json.loads(facts)["hardship_type"] == "低保家庭" and json.loads(results)["eligible"]


def test_a_locked_records_database_stalls_only_the_resident_who_needs_it(stack):
    """The records work runs beside the action server's event loop: while one resident's lookup waits on a
    locked database, another resident's screening goes on."""
    waiting = f"waiting-{uuid.uuid4().hex[:8]}"
    other = f"other-{uuid.uuid4().hex[:8]}"
    first = asked(say(stack, other, OPENING))[-1]
    lock = sqlite3.connect(stack.records_db, timeout=5, isolation_level=None)
    lookup: dict[str, str] = {}
    try:
        lock.execute("BEGIN EXCLUSIVE")
        thread = threading.Thread(target=lambda: lookup.update(reply=say(stack, waiting, "我的查询编号是多少")))
        thread.start()
        time.sleep(1.0)  # the lookup has reached the action server and waits for the database
        reply = say(stack, other, GRADUATE.answer(first))
        assert thread.is_alive(), "the lookup should still be waiting for the locked database"
        assert asked(reply), reply  # the next question (not yet a verdict, which would need the database)
    finally:
        lock.rollback()
        lock.close()
    thread.join(timeout=60)
    assert lookup["reply"].strip(), "the waiting resident gets an answer too"


def test_records_database_unreachable_the_resident_still_gets_answers_and_a_clear_note(stack):
    unreachable = f"postgresql://xinmi:nothing@127.0.0.1:{free_port()}/records"  # nothing listens there
    saved_env = stack.actions.env
    stack.actions.stop()
    stack.actions.env = {**saved_env, "XINMI_RECORDS_URL": unreachable}
    stack.actions.start()
    try:
        sender = f"no-db-{uuid.uuid4().hex[:8]}"
        assert "（十一）" in say(stack, sender, "创业担保贷款最多能贷多少")  # answers do not need the records
        questions: list[str] = []
        verdict = answer_until_verdict(stack, sender, say(stack, sender, OPENING), GRADUATE, questions)
        assert expected_verdict(GRADUATE, questions) in verdict
        assert RECORD_NOT_SAVED in verdict and not CODE.search(verdict)
        assert stack.actions.running
        assert "database unavailable" in stack.actions.log.read_text(errors="replace")
    finally:
        stack.actions.stop()
        stack.actions.env = saved_env
        stack.actions.start()

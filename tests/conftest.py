"""Test-wide settings: records and salts in a temporary place, never the developer's files.

Also the ``live_assistant`` fixture: the real assistant on loopback for end-to-end tests — ``rasa run``
(REST + staff console channels, SQL tracker store in SQLite) and ``rasa run actions``, sharing one
screening-records SQLite file; one pair per test session. The Rasa server can be stopped and started
again on the same port (``restart_rasa``) to show that a dialogue survives it. (The helpers live here
because tests run with ``--import-mode=importlib``, where test modules cannot import each other.)
"""

from __future__ import annotations

import atexit
import datetime as dt
import json
import os
import secrets
import shutil
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from records.codes import PATTERN, VERIFICATION_PATTERN
from tests.harness.servers import (
    MODEL,
    Servers,
    action_server,
    base_env,
    copy_model,
    rasa_server,
    sqlite_tracker,
    write_credentials,
    write_endpoints,
)

_TMP = tempfile.mkdtemp(prefix="xinmi-tests-")
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)
os.environ.setdefault("XINMI_RECORDS_URL", f"sqlite:///{_TMP}/records.db")
os.environ.setdefault("XINMI_SENDER_SALT", "test-salt")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

CODE = PATTERN  # a reference code as the resident is shown it: XM-7K3Q-9MZDX (records.codes)
VERIFICATION = VERIFICATION_PATTERN  # its verification number in the same message: 验证码：482913
SALT = "live-test-salt"


def http(
    method: str, url: str, body: dict | None = None, headers: dict | None = None, timeout: float = 60
) -> tuple[int, dict | str]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            status, raw = resp.status, resp.read().decode()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read().decode()
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, raw


GRADUATE_ANSWERS = {
    "is_college_graduate": "是",
    "graduation_year": str(dt.date.today().year),
    "hardship_type": "低保家庭",
    "seeking_work": "是的",
    "applicant_type": "个人",
}
OPENING = "我能领什么补贴吗，想查一下求职创业补贴"


def asked(text: str) -> list[str]:
    """The facts whose question the assistant's text asks."""
    from policy_kb.facts import FACTS

    return [name for name, f in FACTS.items() if f.question in text]


CONFIRM = "我理解您的情况是"  # the summary confirmed before a verdict with a yes


def is_verdict(text: str) -> bool:
    return "关于您问的政策" in text or "根据您提供的情况" in text


class LiveAssistant(Servers):
    """Both servers of one test session, and ways to talk to them."""

    code = CODE  # a reference code, XM-7K3Q-9MZDX
    verification = VERIFICATION
    salt = SALT  # the servers' XINMI_SENDER_SALT
    graduate_answers = GRADUATE_ANSWERS

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        # the first administrator comes from the configuration; the agent (坐席) is added before the start
        self.admin, self.admin_password = "admin-test", "admin-" + secrets.token_urlsafe(12)
        self.agent, self.password = "agent-test", "staff-" + secrets.token_urlsafe(12)
        self.token = "tool-" + secrets.token_urlsafe(16)
        self.records_db = workdir / "records.db"
        self.records_url = f"sqlite:///{self.records_db}"
        env = base_env(self.records_url, XINMI_SENDER_SALT=SALT)
        credentials = write_credentials(workdir / "credentials.yml", staff={
            "admin_name": self.admin, "admin_password": self.admin_password, "token": self.token,
            "max_failures": 100})  # the limit itself is tested on the channel alone (test_staff_console.py)
        self.actions = action_server(workdir, env)
        endpoints = write_endpoints(workdir / "endpoints.yml", f"{self.actions.url}/webhook",
                                    sqlite_tracker(workdir / "tracker.db"))
        # a copy of the model: a retrain during the session changes nothing here
        self.rasa = rasa_server(workdir, env, endpoints, credentials, model=copy_model(MODEL, workdir))
        self.url = self.rasa.url
        self.staff_url = f"{self.url}/webhooks/staff"
        self.restarts = 0

    def start(self) -> None:
        from records import accounts, db

        db.upgrade(self.records_url)  # the schema exists before either server touches it
        if self.agent not in {a["name"] for a in accounts.listing(self.records_url)}:
            accounts.add(self.agent, accounts.AGENT, self.password, self.records_url)
        self.actions.start(wait=False)
        self.rasa.start()
        self.actions.wait_ready()

    def ensure_running(self) -> None:
        """Start again whichever server has stopped (something outside the tests may have ended it)."""
        if not self.actions.running:
            self.actions.start()
        if not self.rasa.running:
            self.rasa.start()

    def restart_rasa(self) -> None:
        self.rasa.stop()
        self.restarts += 1
        self.rasa.start()

    def stop(self) -> None:
        self.rasa.stop()
        self.actions.stop()

    # --- talking to it ------------------------------------------------------------------------------------

    def say(self, sender: str, text: str) -> str:
        """One message through the REST channel; the assistant's texts joined."""
        status, reply = http("POST", f"{self.url}/webhooks/rest/webhook", {"sender": sender, "message": text})
        assert status == 200, (status, reply)
        return "\n".join(m.get("text") or "" for m in reply)

    def api(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict | str]:
        """A staff console JSON endpoint, authenticated with the configured token."""
        return http(method, f"{self.staff_url}{path}", body, {"Authorization": f"Bearer {self.token}"})

    @staticmethod
    def asked(text: str) -> list[str]:
        return asked(text)

    def answer_questions(
        self, sender: str, reply: str, answers: dict | None = None, limit: int = 12, until: int | None = None
    ) -> tuple[str, list[str]]:
        """Answer each question the assistant asks (from ``answers``) until the verdict, or ``until``
        answers have been given; returns the last reply and the facts asked for."""
        answers = answers or GRADUATE_ANSWERS
        questions: list[str] = []
        for _ in range(limit):
            if is_verdict(reply) or (until is not None and len(questions) >= until):
                return reply, questions
            if CONFIRM in reply:
                reply = self.say(sender, "对")
                continue
            names = asked(reply)
            said = f" after answering {questions[-1]!r} with {answers[questions[-1]]!r}" if questions else ""
            assert names, f"neither a question nor a verdict{said}: {reply!r}"
            questions.append(names[-1])
            reply = self.say(sender, answers[names[-1]])
        raise AssertionError(f"no verdict after {limit} answers; asked {questions}")

    def screen_through_rest(self, sender: str, first: str = OPENING) -> tuple[str, str]:
        """A whole screening through the REST channel: (the verdict and code text, the reference code).
        The code's verification number is in the text too (:meth:`verification_in`)."""
        reply, _ = self.answer_questions(sender, self.say(sender, first))
        match = CODE.search(reply)
        assert match, f"no reference code in the verdict: {reply!r}"
        return reply, match.group(0)

    @staticmethod
    def verification_in(text: str) -> str:
        match = VERIFICATION.search(text)
        assert match, f"no verification number in: {text!r}"
        return match.group(1)

    def record(self, code: str, verification: str) -> tuple[int, dict | str]:
        """A screening record through the console's JSON endpoint (tools' token), with its verification."""
        return http("GET", f"{self.staff_url}/api/screenings/{code}", None,
                    {"Authorization": f"Bearer {self.token}", "X-Verification": verification})


@pytest.fixture(scope="session")
def _live_assistant_servers(tmp_path_factory):
    with LiveAssistant(tmp_path_factory.mktemp("live")) as assistant:
        yield assistant


@pytest.fixture
def live_assistant(_live_assistant_servers):
    """The real Rasa server (REST + staff console channels) and action server on loopback, one pair per
    test session, sharing a temporary screening-records database."""
    _live_assistant_servers.ensure_running()
    return _live_assistant_servers

"""Staff accounts (records.accounts) and their command line, ``python -m records staff …``, against a
temporary SQLite file: passwords only as argon2id hashes, disable and reset end the account's sessions."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from records import accounts, staff_sessions


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path}/records.db"


def cli(url: str, *args: str, password: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "records", "--url", url, *args], input=password, text=True, check=False,
                          capture_output=True, timeout=60)


def test_an_account_added_on_the_command_line_signs_in_and_its_password_is_stored_only_as_an_argon2id_hash(
        url, tmp_path):
    done = cli(url, "staff", "add", "wang", "--role", "坐席", "--password-stdin", password="wang-password-1\n")
    assert done.returncode == 0, done.stderr
    assert cli(url, "staff", "add", "li", "--role", "管理员", "--password-stdin",
               password="li-password-12\n").returncode == 0
    assert accounts.authenticate("wang", "wang-password-1", url) == accounts.Account("wang", accounts.AGENT)
    assert accounts.authenticate("li", "li-password-12", url).is_admin
    assert accounts.authenticate("wang", "wang-password-2", url) is None
    assert accounts.authenticate("nobody", "wang-password-1", url) is None
    with sqlite3.connect(tmp_path / "records.db") as db:
        stored = db.execute("select password_hash from staff_accounts where name = 'wang'").fetchone()[0]
        everything = repr(db.execute("select * from staff_accounts").fetchall())
    assert stored.startswith("$argon2id$") and "wang-password-1" not in everything
    listing = cli(url, "staff", "list").stdout
    assert "wang\t坐席\t启用" in listing and "li\t管理员\t启用" in listing


def test_bad_requests_on_the_command_line_say_why_and_change_nothing(url):
    assert cli(url, "staff", "add", "wang", "--password-stdin", password="short\n").returncode == 2
    assert cli(url, "staff", "add", "wang", "--role", "boss", "--password-stdin",
               password="wang-password-1\n").returncode == 2
    assert cli(url, "staff", "add", "wang", "--password-stdin", password="wang-password-1\n").returncode == 0
    taken = cli(url, "staff", "add", "wang", "--password-stdin", password="wang-password-9\n")
    assert taken.returncode == 2 and "已存在" in taken.stderr
    assert cli(url, "staff", "disable", "nobody").returncode == 2
    assert accounts.authenticate("wang", "wang-password-1", url) is not None


def test_disabling_or_resetting_on_the_command_line_ends_the_accounts_sessions(url):
    accounts.add("wang", accounts.AGENT, "wang-password-1", url)
    accounts.add("li", accounts.AGENT, "li-password-12", url)
    wang, li = (staff_sessions.start(n, accounts.AGENT, 3600, url) for n in ("wang", "li"))
    assert cli(url, "staff", "reset", "wang", "--password-stdin", password="wang-password-2\n").returncode == 0
    assert staff_sessions.resume(wang.sid, 600, url) is None and staff_sessions.resume(li.sid, 600, url)
    assert accounts.authenticate("wang", "wang-password-1", url) is None
    assert accounts.authenticate("wang", "wang-password-2", url) is not None
    assert cli(url, "staff", "disable", "li").returncode == 0
    assert staff_sessions.resume(li.sid, 600, url) is None
    assert accounts.authenticate("li", "li-password-12", url) is None
    assert "li\t坐席\t停用" in cli(url, "staff", "list").stdout
    # reset enables the account again (the way back for someone disabled by mistake)
    assert cli(url, "staff", "reset", "li", "--password-stdin", password="li-password-13\n").returncode == 0
    assert accounts.authenticate("li", "li-password-13", url) is not None


def test_the_first_administrator_is_created_once_and_never_overwritten(url):
    assert accounts.ensure_first_admin("chief", "chief-password-1", url)
    assert not accounts.ensure_first_admin("chief", "another-password", url)
    assert accounts.authenticate("chief", "chief-password-1", url).is_admin
    assert accounts.authenticate("chief", "another-password", url) is None

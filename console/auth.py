"""Staff console sign-in: accounts, server-side sessions, the tools' token, one shared rate limit, CSRF.

* Staff sign in with their account name and password (``records.accounts``, argon2id hashes). The shared
  password of the first version (``XINMI_STAFF_PASSWORD``) still works, with the name left empty, but only
  while no account exists at all: it is the way over to accounts, not a second way in.
* A session is a random id in the ``xinmi_staff`` cookie; the records database keeps only its hash, its
  account, its last use and its end (``records.staff_sessions``), so signing out or disabling an account
  ends it at once on every replica, and a stolen database signs nobody in. There is no signing key.
* ``Authorization: Bearer <token>`` (for tools) accepts the configured token only, never a password.
* Every wrong credential, on every path, counts in one limit (``records.ratelimit``) by client address and
  by account (the name tried, or the token), kept in the records database and so shared by replicas.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field

from bot.config import StaffSettings
from records import accounts, staff_sessions
from records.accounts import AGENT, Account

COOKIE = "xinmi_staff"
SHARED = "共享口令"
"""The account name sessions of the old shared password are recorded under (role 坐席)."""
TOKEN = "工具令牌"
"""The account name requests with the tools' token are recorded under (role 坐席)."""


def bearer(authorization: str | None) -> str | None:
    if authorization and authorization[:7].lower() == "bearer ":
        return authorization[7:].strip()
    return None


def _same(given: str, secret: str) -> bool:
    return bool(given and secret) and hmac.compare_digest(given.encode("utf-8"), secret.encode("utf-8"))


@dataclass(frozen=True)
class StaffSession:
    """One signed-in staff member: the account, a public handle of the session and its CSRF token."""

    account: Account
    key: str  # not secret: a prefix of the session id's hash (logs, the chat's sender id)
    csrf: str = field(repr=False)
    sid: str | None = field(default=None, repr=False)  # the cookie's secret; None for the token
    via_token: bool = False  # Authorization: Bearer (tools): no cookie, so no CSRF check needed

    @property
    def is_admin(self) -> bool:
        return self.account.is_admin


def client_key(client: str) -> str:
    return f"client:{client}"


def account_key(name: str) -> str:
    return f"account:{name}"


class Authenticator:
    """Credential checks against the records database (blocking: call from a worker thread)."""

    def __init__(self, settings: StaffSettings) -> None:
        self.settings = settings
        self.url = settings.records_url or None

    def bootstrap(self) -> None:
        """Create the configured first administrator if it does not exist yet."""
        s = self.settings
        if s.admin_name and s.admin_password:
            accounts.ensure_first_admin(s.admin_name, s.admin_password, self.url)

    def can_sign_in(self) -> bool:
        """Whether any way to sign in exists (an account, or the shared password before the first account)."""
        return bool(self.settings.password) or accounts.count(self.url) > 0

    def check_password(self, name: str, password: str) -> Account | None:
        name = name.strip()
        if name:
            return accounts.authenticate(name, password, self.url)
        if self.settings.password and _same(password, self.settings.password) and accounts.count(self.url) == 0:
            return Account(SHARED, AGENT)
        return None

    def start(self, account: Account) -> tuple[str, StaffSession]:
        opened = staff_sessions.start(account.name, account.role, self.settings.session_seconds, self.url)
        return opened.sid, StaffSession(account, opened.key, opened.csrf, opened.sid)

    def resume(self, sid: str | None) -> StaffSession | None:
        opened = staff_sessions.resume(sid, self.settings.idle_seconds, self.url)
        if opened is None:
            return None
        return StaffSession(Account(opened.account, opened.role), opened.key, opened.csrf, opened.sid)

    def end(self, session: StaffSession) -> None:
        staff_sessions.end(session.sid, self.url)

    def token_ok(self, supplied: str) -> bool:
        return _same(supplied, self.settings.token)

    @staticmethod
    def token_session() -> StaffSession:
        return StaffSession(Account(TOKEN, AGENT), "token", "", None, via_token=True)

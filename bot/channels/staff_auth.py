"""Staff console sign-in: credential check, signed expiring session cookies, CSRF tokens, rate limit.

A session is a cookie ``<payload>.<signature>``: the payload (base64 JSON: session id, issued, expires)
is signed with HMAC-SHA256. The key is ``session_secret`` or, when that is empty, derived from the
configured password and token, so changing the password ends every session and replicas that share
the configuration accept each other's cookies. Nothing is stored on the server.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

from bot.config import StaffSettings

COOKIE = "xinmi_staff"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def signing_key(settings: StaffSettings) -> bytes:
    if settings.session_secret:
        return hashlib.sha256(b"xinmi-staff-session\0" + settings.session_secret.encode("utf-8")).digest()
    material = f"{settings.password}\x00{settings.token}".encode()
    return hmac.new(b"xinmi-staff-session", material, hashlib.sha256).digest()


def credential_ok(settings: StaffSettings, supplied: str | None) -> bool:
    """Whether ``supplied`` is the configured password or token (constant-time comparisons)."""
    given = (supplied or "").encode("utf-8")
    ok = False
    for secret in settings.secrets():
        ok |= hmac.compare_digest(given, secret.encode("utf-8"))
    return ok and bool(given)


def bearer(authorization: str | None) -> str | None:
    if authorization and authorization[:7].lower() == "bearer ":
        return authorization[7:].strip()
    return None


@dataclass(frozen=True)
class StaffSession:
    """One signed-in staff member (no name is kept: the console has one shared credential)."""

    sid: str
    issued: int
    expires: int
    csrf: str
    via_token: bool = False  # Authorization: Bearer (tools): no cookie, so no CSRF check needed


class Sessions:
    """Issues and checks session cookies and their CSRF tokens."""

    def __init__(self, settings: StaffSettings) -> None:
        self.settings = settings
        self._key = signing_key(settings)

    def _sign(self, payload: str) -> str:
        return _b64(hmac.new(self._key, payload.encode("ascii"), hashlib.sha256).digest())

    def csrf_for(self, sid: str) -> str:
        return _b64(hmac.new(self._key, f"csrf:{sid}".encode(), hashlib.sha256).digest())[:32]

    def issue(self, now: float | None = None) -> tuple[str, StaffSession]:
        now = time.time() if now is None else now
        sid = secrets.token_hex(8)
        issued = int(now)
        expires = int(now + self.settings.session_seconds)
        payload = _b64(
            json.dumps({"sid": sid, "iat": issued, "exp": expires}, separators=(",", ":")).encode()
        )
        return f"{payload}.{self._sign(payload)}", StaffSession(sid, issued, expires, self.csrf_for(sid))

    def verify(self, cookie: str | None, now: float | None = None) -> StaffSession | None:
        """The session of a cookie, or None when it is missing, forged, malformed or expired."""
        if not cookie or cookie.count(".") != 1 or len(cookie) > 512:
            return None
        payload, signature = cookie.split(".")
        try:
            if not hmac.compare_digest(signature.encode("ascii"), self._sign(payload).encode("ascii")):
                return None
            data = json.loads(_unb64(payload))
            sid, issued, expires = str(data["sid"]), int(data["iat"]), int(data["exp"])
        except (UnicodeEncodeError, ValueError, KeyError, TypeError, binascii.Error):
            return None
        now = time.time() if now is None else now
        if now >= expires or issued > now + 60:
            return None
        return StaffSession(sid, issued, expires, self.csrf_for(sid))

    def for_token(self, supplied: str) -> StaffSession | None:
        """A pseudo-session for a tool that sends the token as ``Authorization: Bearer``."""
        if not credential_ok(self.settings, supplied):
            return None
        now = int(time.time())
        return StaffSession("api", now, now + 1, "", via_token=True)


class LoginRateLimiter:
    """At most ``max_failures`` wrong logins per client within ``window`` seconds; then refuse (429)."""

    def __init__(self, max_failures: int, window: float, max_clients: int = 10_000) -> None:
        self.max_failures, self.window, self.max_clients = max_failures, window, max_clients
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        failures = self._failures.get(client, deque())
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        return failures

    def retry_after(self, client: str, now: float | None = None) -> float:
        """Seconds until this client may try again; 0 when it may try now."""
        now = time.monotonic() if now is None else now
        with self._lock:
            failures = self._recent(client, now)
            if len(failures) < self.max_failures:
                return 0.0
            return max(0.0, failures[-self.max_failures] + self.window - now)

    def failed(self, client: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._failures) >= self.max_clients:
                self._prune(now)
            failures = self._recent(client, now)
            failures.append(now)
            self._failures[client] = failures

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)

    def _prune(self, now: float) -> None:
        for client in list(self._failures):
            if not self._recent(client, now):
                del self._failures[client]
        while len(self._failures) >= self.max_clients:  # still full: forget the oldest clients
            del self._failures[next(iter(self._failures))]

"""Configuration for everything under ``bot/`` — the one place that reads it.

Values come from, in this order:

1. the channel's section of ``credentials.yml`` (Rasa passes it to ``from_credentials``;
   the file is git-ignored, ``credentials.example.yml`` documents it), then
2. environment variables (``XINMI_WECHAT_TOKEN``, ``XINMI_STAFF_PASSWORD``, ``XINMI_SENDER_SALT``, ...), then
3. the defaults below.

An empty value in ``credentials.yml`` counts as unset, so the example file can be copied
as it is and the secrets supplied through the environment.

Nothing here opens a network connection: settings are plain values; clients that use them
(the customer-service API session, the Redis dedupe store) are built lazily on first use.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

WECHAT_SECTION = "bot.channels.wechat.WeChatInput"
"""Section of credentials.yml that configures the WeChat official-account channel."""

DEFAULT_API_BASE = "https://api.weixin.qq.com"
DEV_SENDER_SALT = "xinmi-dev-salt-not-for-production"


def credentials_path() -> Path:
    """Where credentials.yml is read from (``XINMI_CREDENTIALS`` or ./credentials.yml)."""
    return Path(os.environ.get("XINMI_CREDENTIALS", "credentials.yml"))


def read_credentials_section(section: str, path: Path | None = None) -> dict[str, Any]:
    """The named section of credentials.yml, or ``{}`` when the file or section is absent."""
    path = path or credentials_path()
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    section_data = data.get(section) if isinstance(data, dict) else None
    return dict(section_data) if isinstance(section_data, dict) else {}


def _pick(credentials: Mapping[str, Any], key: str, env: str, default: Any = None) -> Any:
    value = credentials.get(key)
    if value is None or value == "":
        value = os.environ.get(env)
    if value is None or value == "":
        return default
    return value


def sender_salt(credentials: Mapping[str, Any] | None = None) -> str | None:
    """Salt for pseudonymising sender ids (``XINMI_SENDER_SALT`` or ``sender_salt``).

    ``sender_salt`` is looked up in the given credentials or else in the WeChat section of
    credentials.yml (a top-level section that is not a channel would stop ``rasa run``,
    which loads every top-level key as an input channel). ``None`` when unset.
    """
    salt = os.environ.get("XINMI_SENDER_SALT")
    if salt:
        return salt
    section = credentials if credentials is not None else read_credentials_section(WECHAT_SECTION)
    value = section.get("sender_salt")
    return str(value) if value else None


@dataclass(frozen=True)
class WeChatSettings:
    """Settings of one WeChat official account (公众号) served by the ``wechat`` channel."""

    token: str
    appid: str = ""
    secret: str = ""
    encoding_aes_key: str = ""
    mode: str = "plain"  # "plain" (明文模式) or "safe" (安全模式, AES + msg_signature)
    api_base: str = DEFAULT_API_BASE
    passive_timeout: float = 4.5  # seconds to wait for the bot before acknowledging
    dedupe: str = "memory"  # "memory" or a redis:// / rediss:// URL shared by replicas
    max_clock_skew: float = 300.0  # requests whose timestamp is further off are refused
    max_body_bytes: int = 64 * 1024
    api_timeout: float = 5.0  # per customer-service API call
    ack_text: str = "收到，正在为您查询，请稍候……"

    def __post_init__(self) -> None:
        if not self.token:
            raise ValueError("WeChat channel: 'token' (XINMI_WECHAT_TOKEN) is required")
        if self.mode not in ("plain", "safe"):
            raise ValueError(f"WeChat channel: mode must be 'plain' or 'safe', not {self.mode!r}")
        if self.mode == "safe" and (len(self.encoding_aes_key) != 43 or not self.appid):
            raise ValueError("WeChat channel: safe mode needs appid and a 43-character encoding_aes_key")
        if self.passive_timeout <= 0 or self.passive_timeout >= 5:
            raise ValueError("WeChat channel: passive_timeout must be between 0 and 5 seconds")

    @property
    def can_send_customer_messages(self) -> bool:
        """Whether answers that miss the passive window can go out through the API."""
        return bool(self.appid and self.secret)


def wechat_settings(credentials: Mapping[str, Any] | None = None) -> WeChatSettings:
    """Build :class:`WeChatSettings` from a credentials section, the environment and defaults."""
    if credentials is None:
        credentials = read_credentials_section(WECHAT_SECTION)
    c = credentials
    return WeChatSettings(
        token=str(_pick(c, "token", "XINMI_WECHAT_TOKEN", "")),
        appid=str(_pick(c, "appid", "XINMI_WECHAT_APPID", "")),
        secret=str(_pick(c, "secret", "XINMI_WECHAT_SECRET", "")),
        encoding_aes_key=str(_pick(c, "encoding_aes_key", "XINMI_WECHAT_ENCODING_AES_KEY", "")),
        mode=str(_pick(c, "mode", "XINMI_WECHAT_MODE", "plain")).lower(),
        api_base=str(_pick(c, "api_base", "XINMI_WECHAT_API_BASE", DEFAULT_API_BASE)).rstrip("/"),
        passive_timeout=float(_pick(c, "passive_timeout", "XINMI_WECHAT_PASSIVE_TIMEOUT", 4.5)),
        dedupe=str(_pick(c, "dedupe", "XINMI_WECHAT_DEDUPE", "memory")),
        max_clock_skew=float(_pick(c, "max_clock_skew", "XINMI_WECHAT_MAX_CLOCK_SKEW", 300)),
        max_body_bytes=int(_pick(c, "max_body_bytes", "XINMI_WECHAT_MAX_BODY_BYTES", 64 * 1024)),
        api_timeout=float(_pick(c, "api_timeout", "XINMI_WECHAT_API_TIMEOUT", 5.0)),
        ack_text=str(_pick(c, "ack_text", "XINMI_WECHAT_ACK_TEXT", WeChatSettings.ack_text)),
    )


# --- staff console (bot.channels.staff) ---------------------------------------------------------

STAFF_SECTION = "bot.channels.staff.StaffConsole"
"""Section of credentials.yml that configures the hotline staff console."""


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class StaffSettings:
    """Settings of the hotline staff console served by the ``staff`` channel.

    Staff sign in with their own account (``python -m records staff add``; the first administrator from
    ``admin_name``/``admin_password``). ``password`` is the shared password of the first version, accepted
    only while no account exists. ``token`` is for tools, as ``Authorization: Bearer`` on the JSON endpoints.
    """

    password: str = field(default="", repr=False)  # old shared password: only while there is no account
    token: str = field(default="", repr=False)
    admin_name: str = "admin"  # the first administrator, created at start when it does not exist
    admin_password: str = field(default="", repr=False)
    session_seconds: float = 8 * 3600.0  # a session ends this long after sign-in (one working day)
    idle_seconds: float = 3600.0  # ... or after this long without a request
    max_failures: int = 5  # wrong credentials allowed per client and per account within the window, then 429
    failure_window: float = 60.0  # seconds
    limiter: str = field(default="database", repr=False)  # where the limit lives: "database" or a redis:// URL
    cookie_secure: bool = False  # send the cookie over HTTPS only (always on when the request is HTTPS)
    records_url: str = field(default="", repr=False)  # records database; empty: XINMI_RECORDS_URL as actions use
    statistics_days: int = 30  # default period of the statistics page

    def __post_init__(self) -> None:
        if self.session_seconds <= 0 or self.idle_seconds <= 0:
            raise ValueError("staff console: session_seconds and idle_seconds must be positive")
        if self.max_failures < 1 or self.failure_window <= 0:
            raise ValueError("staff console: max_failures must be at least 1 and failure_window positive")
        if not 1 <= self.statistics_days <= 366:
            raise ValueError("staff console: statistics_days must be between 1 and 366")
        if self.limiter != "database" and not self.limiter.startswith(("redis://", "rediss://")):
            raise ValueError("staff console: limiter must be 'database' or a redis:// or rediss:// URL")

    @property
    def configured(self) -> bool:
        """Whether a way to sign in is configured here (accounts in the database count too, see the console)."""
        return bool(self.password or self.token or self.admin_password)


def staff_settings(credentials: Mapping[str, Any] | None = None) -> StaffSettings:
    """Build :class:`StaffSettings` from a credentials section, the environment and defaults."""
    if credentials is None:
        credentials = read_credentials_section(STAFF_SECTION)
    c = credentials
    return StaffSettings(
        password=str(_pick(c, "password", "XINMI_STAFF_PASSWORD", "")),
        token=str(_pick(c, "token", "XINMI_STAFF_TOKEN", "")),
        session_seconds=float(_pick(c, "session_seconds", "XINMI_STAFF_SESSION_SECONDS", 8 * 3600)),
        admin_name=str(_pick(c, "admin_name", "XINMI_STAFF_ADMIN_NAME", "admin")),
        admin_password=str(_pick(c, "admin_password", "XINMI_STAFF_ADMIN_PASSWORD", "")),
        idle_seconds=float(_pick(c, "idle_seconds", "XINMI_STAFF_IDLE_SECONDS", 3600)),
        max_failures=int(_pick(c, "max_failures", "XINMI_STAFF_MAX_FAILURES", 5)),
        failure_window=float(_pick(c, "failure_window", "XINMI_STAFF_FAILURE_WINDOW", 60)),
        limiter=str(_pick(c, "limiter", "XINMI_STAFF_LIMITER", "database")),
        cookie_secure=_flag(_pick(c, "cookie_secure", "XINMI_STAFF_COOKIE_SECURE", False)),
        records_url=str(_pick(c, "records_url", "XINMI_STAFF_RECORDS_URL", "")),
        statistics_days=int(_pick(c, "statistics_days", "XINMI_STAFF_STATISTICS_DAYS", 30)),
    )

"""Configuration for everything under ``bot/`` — the one place that reads it.

Values come from, in this order:

1. the channel's section of ``credentials.yml`` (Rasa passes it to ``from_credentials``;
   the file is git-ignored, ``credentials.example.yml`` documents it), then
2. environment variables (``XINMI_WECHAT_TOKEN``, ``XINMI_SENDER_SALT``, ...), then
3. the defaults below.

An empty value in ``credentials.yml`` counts as unset, so the example file can be copied
as it is and the secrets supplied through the environment.

Nothing here opens a network connection: settings are plain values; clients that use them
(the customer-service API session, the Redis dedupe store) are built lazily on first use.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
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

"""Pseudonyms for sender ids (WeChat openids), so logs and records never hold them in clear.

``pseudonymize`` is HMAC-SHA256 keyed with a salt from ``XINMI_SENDER_SALT`` (or
``sender_salt`` in credentials.yml, see :mod:`bot.config`). It is stable for a given salt,
so one person's messages stay linked, and not reversible without the salt. Without a
configured salt a fixed development salt is used and a warning is logged once.

WeChat also appends ``openid=…`` to the webhook URL, which Sanic's access and error logs
would print; :func:`redact_openids_in` installs a filter that masks it on those loggers.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
import re

from bot import config

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def _salt() -> bytes:
    salt = config.sender_salt()
    if not salt:
        logger.warning(
            "XINMI_SENDER_SALT is not set; using the development salt for sender pseudonyms. "
            "Set a secret salt in production."
        )
        salt = config.DEV_SENDER_SALT
    return salt.encode("utf-8")


def pseudonymize(sender_id: str) -> str:
    """Stable pseudonym (64 hex characters) of a sender id such as a WeChat openid."""
    return hmac.new(_salt(), sender_id.encode("utf-8"), hashlib.sha256).hexdigest()


def short_pseudonym(sender_id: str) -> str:
    """First 12 characters of :func:`pseudonymize`, for log lines."""
    return pseudonymize(sender_id)[:12]


def reset_salt_cache() -> None:
    """Forget the cached salt (after the environment changed, e.g. in tests)."""
    _salt.cache_clear()


_OPENID_PARAMETER = re.compile(r"(openid=)[^&\s'\"]+", re.IGNORECASE)


def _redact(value: object) -> object:
    return _OPENID_PARAMETER.sub(r"\1<redacted>", value) if isinstance(value, str) else value


class OpenIdRedactingFilter(logging.Filter):
    """Masks ``openid=…`` in a record's message, arguments and Sanic's ``request`` field."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_redact(arg) for arg in record.args)
        if isinstance(getattr(record, "request", None), str):
            record.request = _redact(record.request)
        return True


def redact_openids_in(*logger_names: str) -> None:
    """Install :class:`OpenIdRedactingFilter` on the named loggers (once each)."""
    for name in logger_names:
        target = logging.getLogger(name)
        if not any(isinstance(f, OpenIdRedactingFilter) for f in target.filters):
            target.addFilter(OpenIdRedactingFilter())

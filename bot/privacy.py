"""Pseudonyms for sender ids (WeChat openids), so logs and records never hold them in clear.

``pseudonymize`` is HMAC-SHA256 keyed with a salt from ``XINMI_SENDER_SALT`` (or
``sender_salt`` in credentials.yml, see :mod:`bot.config`). It is stable for a given salt,
so one person's messages stay linked, and not reversible without the salt. Without a
configured salt a fixed development salt is used and a warning is logged once.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging

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

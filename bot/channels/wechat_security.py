"""Checks on every request to the WeChat webhook, before anything is processed.

* ``check_query``: ``signature`` = SHA-1 over the sorted token, timestamp and nonce (as
  computed by ``wechatpy.utils.WeChatSigner``), compared in constant time; a timestamp
  further than ``max_clock_skew`` from now is refused. Failures → 403.
* ``screen_body``: refuses, without parsing, empty bodies, bodies over the size cap, bytes
  that are not UTF-8, a non-UTF-8 encoding declaration, and any DTD (``<!DOCTYPE``,
  ``<!ENTITY``) — the only way to "billion laughs" entity expansion and external entities.
  Failures → 400 or 413.
* ``open_envelope`` (safe mode): ``msg_signature`` over the Encrypt field, then AES
  decryption with ``wechatpy.crypto.WeChatCrypto`` (which also checks the appid).
* ``parse``: ``wechatpy.parse_message`` on screened XML; any failure → 400.
"""

from __future__ import annotations

import hmac
import re
import time
from collections.abc import Mapping
from typing import Any
from xml.parsers.expat import ExpatError

import xmltodict
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.utils import WeChatSigner

_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DECLARED_ENCODING = re.compile(rb"<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']", re.IGNORECASE)


class RequestRejected(Exception):
    """A request refused before processing, with the HTTP status to answer."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def signature_of(*parts: str) -> str:
    """WeChat's signature: SHA-1 of the sorted, concatenated parts."""
    signer = WeChatSigner()
    signer.add_data(*parts)
    return signer.signature


def _same(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode("ascii"), given.encode("ascii", "replace"))


def check_query(
    args: Mapping[str, str], token: str, max_clock_skew: float, now: float | None = None
) -> tuple[str, str]:
    """Verify ``signature``/``timestamp``/``nonce``; returns (timestamp, nonce)."""
    signature = args.get("signature") or ""
    timestamp = args.get("timestamp") or ""
    nonce = args.get("nonce") or ""
    if not (signature and timestamp and nonce) or not timestamp.isdigit() or len(timestamp) > 12:
        raise RequestRejected(403, "missing or malformed signature parameters")
    if len(nonce) > 64:
        raise RequestRejected(403, "malformed nonce")
    if not _same(signature_of(token, timestamp, nonce), signature):
        raise RequestRejected(403, "bad signature")
    now = time.time() if now is None else now
    if abs(now - int(timestamp)) > max_clock_skew:
        raise RequestRejected(403, "stale or future timestamp")
    return timestamp, nonce


def screen_body(body: bytes | None, max_bytes: int) -> str:
    """The body as text if it is safe to hand to an XML parser; RequestRejected otherwise."""
    if not body or not body.strip():
        raise RequestRejected(400, "empty body")
    if len(body) > max_bytes:
        raise RequestRejected(413, "body too large")
    if _DTD.search(body):
        raise RequestRejected(400, "DTDs and entities are not accepted")
    declared = _DECLARED_ENCODING.search(body[:200])
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        raise RequestRejected(400, "only UTF-8 is accepted")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise RequestRejected(400, "body is not UTF-8") from None
    if "\x00" in text:
        raise RequestRejected(400, "NUL in body")
    return text


def _parse_xml(text: str) -> dict[str, Any]:
    try:
        document = xmltodict.parse(text, disable_entities=True)
    except (ExpatError, ValueError, TypeError):
        raise RequestRejected(400, "malformed XML") from None
    root = document.get("xml") if isinstance(document, dict) else None
    if not isinstance(root, dict):
        raise RequestRejected(400, "no <xml> element")
    return root


def open_envelope(
    crypto: WeChatCrypto, text: str, msg_signature: str, timestamp: str, nonce: str, max_bytes: int
) -> str:
    """Verify and decrypt a safe-mode body; returns the inner XML text (screened too)."""
    envelope = _parse_xml(text)
    encrypted = envelope.get("Encrypt")
    if not isinstance(encrypted, str) or not encrypted or not msg_signature:
        raise RequestRejected(403, "safe mode needs Encrypt and msg_signature")
    if not _same(signature_of(crypto.token, timestamp, nonce, encrypted), msg_signature):
        raise RequestRejected(403, "bad msg_signature")
    try:
        inner = crypto.decrypt_message({"Encrypt": encrypted}, msg_signature, timestamp, nonce)
    except (InvalidSignatureException, InvalidAppIdException):
        raise RequestRejected(403, "message not for this account") from None
    except Exception:  # noqa: BLE001 - hostile ciphertext fails in many ways (base64, padding, UTF-8)
        raise RequestRejected(400, "undecryptable message") from None
    return screen_body(inner.encode("utf-8"), max_bytes)


def parse(text: str) -> Any:
    """``wechatpy.parse_message`` on screened XML; RequestRejected(400) on any failure."""
    _parse_xml(text)  # uniform errors for malformed XML and a missing <xml> root
    try:
        return parse_message(text)
    except Exception:  # noqa: BLE001 - wechatpy raises KeyError, TypeError, ... on odd documents
        raise RequestRejected(400, "not a WeChat message") from None

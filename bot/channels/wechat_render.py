"""Turning the bot's messages into WeChat text, and numbered replies back into buttons.

WeChat official accounts show text only, so:

* buttons become numbered options after the text ("回复数字选择：\\n1. 是\\n2. 否"),
  numbered on through the whole answer, and the channel remembers their payloads so that
  the user's next reply "1" (or "１") is sent to Rasa as the first button's payload;
* images and attachments become their link;
* an answer is joined into one text and split on paragraph, line, sentence and, as a last
  resort, character boundaries into pieces that fit WeChat's limits: ~2000 bytes for the
  passive reply, 2048 bytes of UTF-8 per customer-service message. Splitting works on
  characters, so emoji and any other Unicode are never cut in half.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel

PASSIVE_LIMIT_BYTES = 2000
CUSTOMER_LIMIT_BYTES = 2048
CHOOSE_BY_NUMBER = "回复数字选择："
_JOINERS = {"\u200d", "\ufe0e", "\ufe0f"}  # zero-width joiner, variation selectors


class WeChatCollector(CollectingOutputChannel):
    """Collects the bot's messages for one incoming WeChat message."""

    @classmethod
    def name(cls) -> str:
        return "wechat"


def render_answer(messages: Iterable[dict[str, Any]]) -> tuple[str, list[str]]:
    """One text for the collected messages, and the payloads of its numbered buttons."""
    paragraphs: list[str] = []
    payloads: list[str] = []
    for message in messages:
        lines: list[str] = []
        if message.get("text"):
            lines.append(str(message["text"]).strip())
        for key, label in (("image", "图片"), ("attachment", "附件")):
            if message.get(key):
                lines.append(f"{label}：{message[key]}")
        custom = message.get("custom")
        if isinstance(custom, dict) and isinstance(custom.get("text"), str):
            lines.append(custom["text"].strip())
        buttons = [b for b in message.get("buttons") or [] if isinstance(b, dict)]
        if buttons:
            lines.append(CHOOSE_BY_NUMBER)
            for button in buttons:
                payloads.append(str(button.get("payload") or button.get("title") or ""))
                lines.append(f"{len(payloads)}. {button.get('title') or button.get('payload')}")
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs), payloads


def chosen_button(text: str, payloads: list[str]) -> str | None:
    """The payload picked by a reply such as "1" or "２", or None."""
    choice = unicodedata.normalize("NFKC", text).strip().rstrip(".。")
    if choice.isdigit() and 1 <= int(choice) <= len(payloads):
        return payloads[int(choice) - 1] or None
    return None


def _utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


def _splits_a_cluster(text: str, cut: int) -> bool:
    """Whether cutting ``text`` before index ``cut`` separates a character from its joiners."""
    following = text[cut]
    return text[cut - 1] == "\u200d" or following in _JOINERS or bool(unicodedata.combining(following))


def _hard_split(text: str, limit: int) -> Iterator[str]:
    """Split by characters, preferring not to separate an emoji from its joiners."""
    start, size = 0, 0
    for index, char in enumerate(text):
        char_size = _utf8_len(char)
        if size + char_size > limit and index > start:
            cut = index
            while cut > start + 1 and index - cut < 16 and _splits_a_cluster(text, cut):
                cut -= 1
            if _splits_a_cluster(text, cut):
                cut = index  # an unusually long cluster: cut where the limit falls
            yield text[start:cut]
            start, size = cut, _utf8_len(text[cut:index])
        size += char_size
    if start < len(text):
        yield text[start:]


def _pieces(text: str, limit: int) -> Iterator[str]:
    """Pieces of ``text`` each within ``limit`` bytes, split at the coarsest boundary."""
    if _utf8_len(text) <= limit:
        yield text
        return
    for separator in ("\n\n", "\n", "。", "！", "？", "；", "，", " "):
        if separator in text:
            parts = text.split(separator)
            for number, part in enumerate(parts):
                tail = separator if number < len(parts) - 1 else ""
                subpieces = list(_pieces(part, limit - _utf8_len(tail))) or [""]
                subpieces[-1] += tail
                yield from subpieces
            return
    yield from _hard_split(text, limit)


def split_text(text: str, first_limit: int, rest_limit: int = CUSTOMER_LIMIT_BYTES) -> list[str]:
    """Split ``text`` into messages: the first within ``first_limit`` bytes, the others
    within ``rest_limit`` bytes. Blank messages are dropped."""
    chunks: list[str] = []
    current = ""
    for piece in _pieces(text, min(first_limit, rest_limit)):
        limit = first_limit if not chunks else rest_limit
        if current and _utf8_len(current + piece) > limit:
            chunks.append(current)
            current = ""
        current += piece
    chunks.append(current)
    return [chunk.strip() for chunk in chunks if chunk.strip()]

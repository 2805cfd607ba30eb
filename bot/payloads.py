"""What a resident types is text; only the channel's own buttons carry intents.

Rasa reads a message that starts with ``/`` as an intent with entities: its ``RegexMessageHandler``
(the last step of every NLU pipeline, ``YAMLStoryReader.unpack_regex_message``) turns
``/inform{"hardship_type": "低保家庭"}`` into the intent ``inform`` with that entity, at confidence 1,
skipping the NLU. Typed by a resident, that would set facts nobody stated and jump the dialogue
anywhere. So every channel passes what a resident typed through :func:`as_typed_text`, and passes an
intent payload on only when it is the payload of a button the channel itself offered:

* WeChat (``bot.channels.wechat_dispatch``): a numbered reply ("1", "２") picks a remembered button's
  payload; everything else the resident sends is typed text. Channel events (subscribe → ``/greet``,
  a menu click → ``/<EventKey>``) are the channel's own and stay as they are.
* REST (``bot.channels.rest``): the client sends a button's payload as the message; it is accepted when
  it is exactly one of the payloads of the buttons this channel sent to the same sender in its last
  reply (:class:`RecentButtons`, in memory). Anything else, including a payload this replica does not
  remember (another replica answered, or it expired), is typed text — which is the safe side.

:func:`as_typed_text` puts :data:`TYPED_PREFIX`, a middle dot ``·`` (U+00B7), before a message whose first
visible character is ``/`` or the full-width ``／`` (which the NFKC step of ``language.normalize``
turns into ``/``). The dot was chosen because every step between the channel and the regex handler
keeps it: it is not whitespace (``str.strip`` in the handler and the normaliser keep it), not a
zero-width or format character (the normaliser drops those), unchanged by NFKC, lower-casing and the
traditional→simplified conversion, and not folded as repeated punctuation. For the NLU it is
harmless: jieba makes it a token of its own, and it occurs nowhere in the training data, so neither the
word nor the character n-gram features know it; the rest of the message is read as it was typed (the
fact extractor still reads "低保家庭" in it, as it would in any sentence). It is visible (not a hidden
character) in trackers and the staff console, where it marks text that looked like a command.
"""

from __future__ import annotations

import time
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from rasa.shared.constants import INTENT_MESSAGE_PREFIX

TYPED_PREFIX = "\u00b7"
"""Put before typed text that would otherwise read as an intent (see the module docstring)."""

BUTTONS_TTL = 3600.0
"""How long the REST channel remembers the buttons of its last reply to a sender."""
MAX_SENDERS = 10_000
"""How many senders' last buttons the REST channel remembers at most (least recently answered go first)."""


def _first_visible(text: str) -> str:
    """``text`` without leading whitespace and zero-width/format characters, NFKC-normalised."""
    start = 0
    while start < len(text) and (text[start].isspace() or unicodedata.category(text[start]) == "Cf"):
        start += 1
    return unicodedata.normalize("NFKC", text[start:start + 1])


def reads_as_intent(text: str | None) -> bool:
    """Whether Rasa would take ``text`` for an intent payload (it starts with ``/``, or ``／``)."""
    return bool(text) and _first_visible(str(text)).startswith(INTENT_MESSAGE_PREFIX)


def as_typed_text(text: str | None) -> str | None:
    """``text`` as a resident typed it, safe to give Rasa as plain text (never parsed as an intent)."""
    if not reads_as_intent(text):
        return text
    return TYPED_PREFIX + str(text).strip()


def button_payloads(messages: Iterable[dict[str, Any]]) -> list[str]:
    """The payloads of the buttons in the bot's messages: what a client sends back for each button
    (the payload, or the title of a button without one, as ``wechat_render.render_answer`` numbers them)."""
    payloads = []
    for message in messages:
        for button in message.get("buttons") or []:
            if isinstance(button, dict):
                payload = str(button.get("payload") or button.get("title") or "")
                if payload:
                    payloads.append(payload)
    return payloads


class RecentButtons:
    """The button payloads of the last reply to each sender, in memory, for ``ttl`` seconds, at most
    ``max_senders`` senders."""

    def __init__(self, ttl: float = BUTTONS_TTL, max_senders: int = MAX_SENDERS) -> None:
        self.ttl = ttl
        self.max_senders = max_senders
        self._entries: OrderedDict[str, tuple[float, frozenset[str]]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def remember(self, sender: str, payloads: Iterable[str]) -> None:
        """The buttons just sent to ``sender`` (none: forget the earlier ones)."""
        self._entries.pop(sender, None)
        kept = frozenset(p for p in payloads if p)
        if not kept:
            return
        self._entries[sender] = (time.monotonic() + self.ttl, kept)
        while len(self._entries) > self.max_senders:
            self._entries.popitem(last=False)

    def chosen(self, sender: str, text: str | None) -> str | None:
        """``text`` when it is exactly the payload of a button last sent to ``sender``, else None."""
        entry = self._entries.get(sender)
        if entry is None or text is None:
            return None
        expires, payloads = entry
        if time.monotonic() >= expires:
            del self._entries[sender]
            return None
        return text if text in payloads else None

    def to_rasa(self, sender: str, text: str | None) -> str | None:
        """What to give Rasa for a message: a remembered button's payload as it is, anything else as typed text."""
        chosen = self.chosen(sender, text)
        return chosen if chosen is not None else as_typed_text(text)

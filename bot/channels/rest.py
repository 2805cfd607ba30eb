"""Rasa's REST channel (``/webhooks/rest/webhook``, name ``rest``) that never answers with silence and
never takes typed text for an intent.

Use it in credentials.yml in place of ``rest:``::

    bot.channels.rest.RestInput:

Requests and answers are exactly those of Rasa's ``RestInput`` (also ``?stream=true``), with two
differences:

* when the bot says nothing for a message (a custom action could not run) the answer is
  :data:`bot.channels.never_silent.APOLOGY`;
* a ``message`` is given to Rasa as typed text (:func:`bot.payloads.as_typed_text`: ``/inform{…}`` is
  not an intent) unless it is exactly the payload of one of the buttons this channel sent to the same
  ``sender`` in its last reply — that is how a client picks a button (``bot.chat`` does). The buttons
  are remembered per sender in this process (:class:`bot.payloads.RecentButtons`); a choice that reaches
  another replica, or comes after they expired, is read as text.

It also answers ``GET /webhooks/rest/status``: the Rasa version and the fixes of bot/rasa_patches.py in
place in this server (``{"rasa": "3.6.21", "pinned_rasa": "3.6.21", "fixes": [...]}``), for operators
and for the test that the servers really run with them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.request import Request

from bot import rasa_patches
from bot.channels.never_silent import never_silent
from bot.payloads import BUTTONS_TTL, MAX_SENDERS, RecentButtons, button_payloads

_PERSIST = "_persist_message"  # where every collecting channel (list or queue) stores what the bot sends


class RestInput(RasaRestInput):
    """The REST channel, with an apology instead of an empty answer and typed text kept as text."""

    def __init__(self, buttons_ttl: float = BUTTONS_TTL, max_senders: int = MAX_SENDERS) -> None:
        self.buttons = RecentButtons(ttl=buttons_ttl, max_senders=max_senders)

    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> RestInput:
        credentials = credentials or {}
        return cls(buttons_ttl=float(credentials.get("buttons_ttl", BUTTONS_TTL)),
                   max_senders=int(credentials.get("max_senders", MAX_SENDERS)))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(never_silent(self.guard(on_new_message)))

        @blueprint.route("/status", methods=["GET"])
        async def status(_: Request) -> response.HTTPResponse:
            return response.json(rasa_patches.status())

        return blueprint

    def guard(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Callable[[UserMessage], Awaitable[Any]]:
        """``on_new_message`` that reads typed text as text and remembers the buttons it answers with."""

        async def handle(message: UserMessage) -> Any:
            sender = message.sender_id
            message.text = self.buttons.to_rasa(sender, message.text)
            out = message.output_channel
            sent: list[dict[str, Any]] = []
            own = vars(out).get(_PERSIST)  # never_silent may have wrapped it on this instance already
            persist = getattr(out, _PERSIST)

            async def recording(msg: dict[str, Any]) -> Any:
                sent.append(msg)
                return await persist(msg)

            setattr(out, _PERSIST, recording)
            try:
                return await on_new_message(message)
            finally:
                if own is None:
                    delattr(out, _PERSIST)
                else:
                    setattr(out, _PERSIST, own)
                self.buttons.remember(sender, button_payloads(sent))

        return handle

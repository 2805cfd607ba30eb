"""Rasa's REST channel (``/webhooks/rest/webhook``, name ``rest``) that never answers with silence.

Use it in credentials.yml in place of ``rest:``::

    bot.channels.rest.RestInput:

Requests and answers are exactly those of Rasa's ``RestInput``; only when the bot says nothing for a
message (a custom action could not run) the answer is :data:`bot.channels.never_silent.APOLOGY`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint

from bot.channels.never_silent import never_silent


class RestInput(RasaRestInput):
    """The REST channel, with an apology instead of an empty answer."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return super().blueprint(never_silent(on_new_message))

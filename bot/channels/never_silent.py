"""No message goes unanswered: when the bot says nothing, the user gets an apology.

Rasa 3.6 logs and swallows a custom action that cannot run (action server down, timed out or failing):
the action's events are lost, the policies predict ``action_listen`` and the user hears nothing
(RasaHQ/rasa#7630, #5588). ``action_default_fallback`` is a custom action too, so it cannot help. This
assistant answers every message it receives (no rule ends in silence), so an empty answer always means
something failed; the channels wrap Rasa's ``on_new_message`` with :func:`never_silent`, which counts
what the bot sends for one message and, when that is nothing, sends :data:`APOLOGY`. The tracker is
left as Rasa saved it, so once the action server is back the dialogue continues where it was.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage

from language.contact import HR_HOTLINE

logger = logging.getLogger(__name__)

APOLOGY = ("抱歉，系统暂时出了点问题，没能处理您刚才的消息。请稍后再发一次，您之前告诉我的信息都还在。"
           f"急需办理可拨打{HR_HOTLINE}。")
"""What a user hears instead of silence."""

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]

# Rasa sends through send_response; code that talks to a channel directly may call the others, and every
# collecting channel (REST, WeChat, staff console) stores through _persist_message.
_SENDING = ("send_response", "send_text_message", "send_text_with_buttons", "send_image_url",
            "send_attachment", "send_custom_json", "send_quick_replies", "send_elements", "_persist_message")


def never_silent(on_new_message: OnNewMessage, apology: str = APOLOGY) -> OnNewMessage:
    """``on_new_message`` that sends ``apology`` when the bot answered a message with nothing."""

    async def handle(message: UserMessage) -> Any:
        out = message.output_channel
        sent = 0
        send_response = out.send_response
        wrapped = {name: getattr(out, name) for name in _SENDING if hasattr(out, name)}

        def counting(method: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
            async def call(*args: Any, **kwargs: Any) -> Any:
                nonlocal sent
                sent += 1
                return await method(*args, **kwargs)

            return call

        for name, method in wrapped.items():  # this message's own output channel, for this call only
            setattr(out, name, counting(method))
        try:
            result = await on_new_message(message)
        except asyncio.CancelledError:
            raise
        except Exception:
            if sent == 0:
                logger.exception("the bot failed on a message; the user gets an apology")
                await send_response(message.sender_id, {"text": apology})
            raise
        finally:
            for name in wrapped:
                delattr(out, name)
        if sent == 0:
            logger.warning("the bot said nothing (action server unreachable?); the user gets an apology")
            await send_response(message.sender_id, {"text": apology})
        return result

    return handle

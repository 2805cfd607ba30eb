"""The terminal chat of ``make run``: a client of the REST channel that shows what a WeChat resident sees.

``python -m bot.chat [--url http://127.0.0.1:5005/webhooks/rest/webhook]``

Each answer is rendered as the WeChat channel renders it (``wechat_render.render_answer``): text, then
numbered options ("回复数字选择：1. …"). A reply that is one of those numbers sends that button's payload
(``bot.channels.rest`` accepts it because it sent that button to this sender); anything else typed is
sent as text, also while options are shown, so typed text is never taken by a menu. Payloads
(``/check_eligibility``) are never shown. Empty input asks again; Ctrl-C or Ctrl-D leave with "再见"
and exit status 0.
"""

from __future__ import annotations

import warnings

warnings.simplefilter("ignore")  # a resident's terminal shows the dialogue only

import argparse
import json
import signal
import sys
import urllib.error
import urllib.request
import uuid
from typing import Any, TextIO

from bot.channels.wechat_render import chosen_button, render_answer

PROMPT = "您："
BOT = "助手："
GOODBYE = "再见"
UNREACHABLE = "（暂时连不上助手，请稍后再试，或按 Ctrl-C 退出。）"
NO_ANSWER = "（助手没有回答，请换个说法再试。）"
UNTITLED = "选项"
DEFAULT_URL = "http://127.0.0.1:5005/webhooks/rest/webhook"


def webhook_url(port: int, host: str = "127.0.0.1") -> str:
    return f"http://{host}:{port}/webhooks/rest/webhook"


def _shown(messages: list[Any]) -> list[dict[str, Any]]:
    """The messages with a title on every button, so that a payload is never what the resident reads."""
    shown = []
    for message in messages:
        if not isinstance(message, dict):
            continue
        buttons = message.get("buttons")
        if isinstance(buttons, list):
            message = {**message, "buttons": [
                {**b, "title": b.get("title") or UNTITLED} for b in buttons if isinstance(b, dict)]}
        shown.append(message)
    return shown


class ChatClient:
    """One terminal conversation with the REST channel, under one random sender id."""

    def __init__(self, url: str = DEFAULT_URL, sender: str | None = None, timeout: float = 120.0,
                 out: TextIO | None = None) -> None:
        self.url = url
        self.sender = sender or f"terminal-{uuid.uuid4().hex}"
        self.timeout = timeout
        self.out = out or sys.stdout
        self.payloads: list[str] = []  # of the numbered options on screen

    def post(self, message: str) -> list[Any]:
        body = json.dumps({"sender": self.sender, "message": message}, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(self.url, data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            answer = json.loads(response.read().decode("utf-8") or "[]")
        return answer if isinstance(answer, list) else []

    def to_send(self, typed: str) -> str:
        """A shown option's payload for its number, else the typed text itself."""
        return chosen_button(typed, self.payloads) or typed

    def say(self, typed: str) -> str:
        """Send one line the resident typed; the rendered answer."""
        try:
            messages = self.post(self.to_send(typed))
        except (urllib.error.URLError, OSError, ValueError):
            return UNREACHABLE  # the options on screen stay answerable
        answer, self.payloads = render_answer(_shown(messages))
        return answer or NO_ANSWER

    def show(self, text: str) -> None:
        print(f"{BOT}{text}\n", file=self.out, flush=True)

    def run(self, read=input) -> None:
        """Read, send, show, until Ctrl-D (EOFError); Ctrl-C (KeyboardInterrupt) is the caller's."""
        while True:
            try:
                typed = read(PROMPT)
            except EOFError:
                return
            typed = typed.strip()
            if typed:
                self.show(self.say(typed))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.chat", description="terminal chat on the REST channel")
    parser.add_argument("--url", default=DEFAULT_URL, help=f"REST webhook (default {DEFAULT_URL})")
    parser.add_argument("--port", type=int, help="shorthand for --url on 127.0.0.1")
    args = parser.parse_args(argv)
    url = webhook_url(args.port) if args.port else args.url
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # leave the same way as on Ctrl-C
    try:
        import readline  # noqa: F401  (line editing and history for input(), where available)
    except ImportError:
        pass
    try:
        ChatClient(url).run()
    except KeyboardInterrupt:
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C does not interrupt the goodbye
    try:
        print(f"\n{GOODBYE}", flush=True)
    except (BrokenPipeError, OSError):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

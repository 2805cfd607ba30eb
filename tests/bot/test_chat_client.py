"""The terminal chat of ``make run`` (bot.chat) against a fake REST channel, and the launcher's pieces."""

from __future__ import annotations

import io
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from bot import chat, launcher

ROOT = Path(__file__).resolve().parents[2]
MENU = [{"title": "测一测能领哪些补贴", "payload": "/check_eligibility"},
        {"title": "问政策条款", "payload": '/ask_clause{"clause": "十九"}'},
        {"payload": "/hidden_payload"}]  # a button without a title


class FakeRest:
    """Rasa's REST webhook on loopback, with canned answers; ``received`` holds the posted bodies."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _json(self, body) -> None:
                data = json.dumps(body, ensure_ascii=False).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._json({"status": "ok"})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.received.append(body)
                sender, message = body["sender"], body["message"]
                if message == "slow":
                    time.sleep(3)
                if message == "菜单":
                    self._json([{"recipient_id": sender, "text": "您想办什么？"},
                                {"recipient_id": sender, "text": "请选择：", "buttons": MENU}])
                else:
                    self._json([{"recipient_id": sender, "text": f"收到：{message}"}])

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = chat.webhook_url(self.server.server_address[1])
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def messages(self) -> list[str]:
        return [body["message"] for body in self.received]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def rest():
    fake = FakeRest()
    yield fake
    fake.close()


def converse(url: str, *lines: str) -> str:
    """Run the client in process over ``lines`` (then Ctrl-D); what it printed."""
    out = io.StringIO()
    typed = iter(lines)

    def read(prompt: str) -> str:
        out.write(prompt)
        try:
            return next(typed)
        except StopIteration:
            raise EOFError from None

    chat.ChatClient(url, sender="terminal-test", out=out).run(read=read)
    return out.getvalue()


def test_options_are_numbered_and_payloads_never_shown(rest):
    screen = converse(rest.url, "菜单")
    assert "您想办什么？" in screen
    assert "回复数字选择：\n1. 测一测能领哪些补贴\n2. 问政策条款\n3. 选项" in screen
    assert "/" not in screen and "hidden_payload" not in screen


def test_a_number_sends_that_buttons_payload(rest):
    converse(rest.url, "菜单", "2")
    assert rest.messages() == ["菜单", '/ask_clause{"clause": "十九"}']
    assert {body["sender"] for body in rest.received} == {"terminal-test"}


def test_typed_text_is_sent_as_text_even_while_options_are_shown(rest):
    converse(rest.url, "菜单", "我想问问别的", "菜单", "4", "1")
    assert rest.messages() == ["菜单", "我想问问别的", "菜单", "4", "1"]  # "1": the last answer had no options


def test_empty_input_asks_again_without_sending(rest):
    screen = converse(rest.url, "", "   ", "你好")
    assert rest.messages() == ["你好"]
    assert screen.count(chat.PROMPT) == 4


def test_each_session_has_its_own_random_sender():
    assert chat.ChatClient().sender != chat.ChatClient().sender


def test_an_unreachable_server_is_said_kindly_and_the_chat_goes_on(rest):
    url = rest.url
    rest.close()
    assert chat.UNREACHABLE in converse(url, "你好")


# -- the client as make run runs it: a process on a terminal-like stdin -------------------------


def start_client(url: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONWARNINGS": "default"}  # the client itself must keep warnings off screen
    return subprocess.Popen([sys.executable, "-m", "bot.chat", "--url", url], cwd=ROOT, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def read_until(proc: subprocess.Popen, expected: str, timeout: float = 20.0) -> str:
    seen = b""
    deadline = time.monotonic() + timeout
    while expected.encode() not in seen:
        assert time.monotonic() < deadline, f"no {expected!r} in {seen.decode(errors='replace')!r}"
        ready, _, _ = select.select([proc.stdout], [], [], 0.1)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 4096)
            assert chunk, f"the client ended early: {seen.decode(errors='replace')!r}"
            seen += chunk
    return seen.decode()


def finish(proc: subprocess.Popen) -> tuple[str, str]:
    out, err = proc.communicate(timeout=20)
    return out.decode(), err.decode()


@pytest.mark.parametrize("when", ["at the prompt", "while waiting for an answer"])
def test_ctrl_c_leaves_cleanly(rest, when):
    proc = start_client(rest.url)
    proc.stdin.write("菜单\n".encode())
    proc.stdin.flush()
    screen = read_until(proc, "3. 选项\n\n" + chat.PROMPT)  # the answer, then the prompt: waiting for input
    if when == "while waiting for an answer":
        proc.stdin.write(b"slow\n")
        proc.stdin.flush()
        deadline = time.monotonic() + 10
        while "slow" not in rest.messages():
            assert time.monotonic() < deadline
            time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = finish(proc)
    assert proc.returncode == 0
    assert out.rstrip().endswith(chat.GOODBYE)
    assert "Traceback" not in err and "Warning" not in err and err.strip() == ""
    assert "/check_eligibility" not in screen + out


def test_ctrl_d_leaves_cleanly(rest):
    proc = start_client(rest.url)
    out, err = proc.communicate("你好\n".encode(), timeout=20)
    assert proc.returncode == 0
    assert "收到：你好" in out.decode() and out.decode().rstrip().endswith(chat.GOODBYE)
    assert err.decode().strip() == ""


# -- the launcher ------------------------------------------------------------------------------


def test_the_chat_server_runs_the_rest_channel_only_on_loopback(monkeypatch):
    from rasa.core.run import create_http_input_channels

    from bot.channels.rest import RestInput

    monkeypatch.setenv("XINMI_RASA_API_TOKEN", "secret-token")  # the chat's server never opens the API
    credentials = launcher.rest_only_credentials()
    try:
        assert yaml.safe_load(credentials.read_text()) == {"bot.channels.rest.RestInput": None}
        [channel] = create_http_input_channels(None, str(credentials))
        assert type(channel) is RestInput
        cmd = launcher.rasa_command("shell", 5123, credentials)
    finally:
        credentials.unlink()
    assert cmd[:len(launcher.RASA) + 1] == [*launcher.RASA, "run"]  # through bot.rasa_cli: version checked, fixes in
    assert cmd[cmd.index("--credentials") + 1] == str(credentials)
    assert cmd[cmd.index("--endpoints") + 1] == "endpoints.yml"
    assert cmd[cmd.index("--interface") + 1] == "127.0.0.1"
    assert cmd[cmd.index("--port") + 1] == "5123"
    assert "--enable-api" not in cmd and "secret-token" not in cmd
    assert launcher.rasa_command("debug-shell", 5123)[len(launcher.RASA)] == "shell"


def test_wait_for_http_waits_for_the_webhook_and_notices_a_dead_server(rest):
    launcher.wait_for_http(rest.url.rsplit("/", 1)[0] + "/", timeout=5)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with pytest.raises(RuntimeError):
        launcher.wait_for_http("http://127.0.0.1:9/", timeout=5, proc=dead)


def _ended(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")  # a zombie has ended; its parent (init) reaps it


def _group(script: str) -> tuple[subprocess.Popen, int]:
    """A dummy server in its own process group, with a child of its own; (process, child pid)."""
    proc = subprocess.Popen(["sh", "-c", script], stdout=subprocess.PIPE, start_new_session=True)
    child = int(proc.stdout.readline())
    return proc, child


@pytest.mark.parametrize("script", [
    "sleep 300 & echo $!; wait",
    "trap '' TERM; sleep 300 & echo $!; wait",  # deaf to SIGTERM: stop() kills it
])
def test_stop_ends_the_whole_process_group(script):
    proc, child = _group(script)
    assert not _ended(proc.pid) and not _ended(child)
    started = time.monotonic()
    launcher.stop(proc, timeout=1)
    assert proc.returncode is not None
    deadline = time.monotonic() + 5
    while not _ended(child):
        assert time.monotonic() < deadline, "the group's child survived stop()"
        time.sleep(0.05)
    assert time.monotonic() - started < 8
    launcher.stop(proc)  # stopping again is harmless

"""Start the assistant on the embedded default: the action server in the background, then a chat.

``python -m bot.launcher shell`` (what ``make run`` calls) starts the action server and ``rasa run`` with
the REST channel only (``bot.channels.rest.RestInput``, on a free loopback port, their output in
``logs/run.log``), waits until the channel answers and runs the terminal chat (:mod:`bot.chat`) in the
foreground: the resident's view of the WeChat channel. ``serve`` runs the Rasa server with the
configured channels; ``debug-shell`` is Rasa's own ``rasa shell`` (shows payloads, for debugging). Both
servers are stopped when the chat or server ends, including on Ctrl-C and SIGTERM.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "xinmi.tar.gz"
LOGS = ROOT / "logs"
RUN_LOG = LOGS / "run.log"
RASA = [sys.executable, "-m", "bot.rasa_cli"]
"""Rasa's command line with the version check and fixes of bot/rasa_patches.py installed first (bot/rasa_cli.py)."""
REST_ONLY = {"bot.channels.rest.RestInput": None}
"""The channels of ``make run``: the REST channel only, which the terminal chat talks to."""
WELCOME = ("新密稳就业政策助手已就绪。直接输入问题；有选项时回复数字选择，也可以直接打字；"
           "输入“重新开始”从头开始，按 Ctrl-C 退出。\n例如：我是应届毕业生家里低保能领2000吗")


def wait_for_port(port: int, timeout: float = 90.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with status {proc.returncode} before listening on port {port}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise TimeoutError(f"nothing listening on port {port} after {timeout:.0f}s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, timeout: float = 300.0, proc: subprocess.Popen | None = None) -> None:
    """Until GET ``url`` answers 200 (``proc`` must not exit meanwhile)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited with status {proc.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f}s")


def start_action_server(port: int = 5055, quiet: bool = True, log: IO | None = None) -> subprocess.Popen:
    out = log if log is not None else (subprocess.DEVNULL if quiet else None)
    proc = subprocess.Popen([*RASA, "run", "actions", "--actions", "actions", "--port", str(port)],
                            cwd=ROOT, stdout=out, stderr=out, start_new_session=True)
    wait_for_port(port, proc=proc)
    return proc


def stop(proc: subprocess.Popen | None, timeout: float = 10.0) -> None:
    """End ``proc``'s whole process group (started with ``start_new_session``): SIGTERM, then SIGKILL."""
    if proc is None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)  # also when the leader is gone: its children may not be
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()


def default_credentials() -> Path:
    """credentials.yml when present; otherwise the example's channels whose secrets the environment gives.

    A fresh machine has no secrets: the REST channel (and the staff console, refusing logins until a password
    is set) still run, and the WeChat channel joins once XINMI_WECHAT_TOKEN is set.
    """
    import tempfile

    import yaml

    own = ROOT / "credentials.yml"
    if own.exists():
        return own
    example = yaml.safe_load((ROOT / "credentials.example.yml").read_text(encoding="utf-8")) or {}
    wechat = "bot.channels.wechat.WeChatInput"
    if wechat in example and not (example[wechat] or {}).get("token") and not os.environ.get("XINMI_WECHAT_TOKEN"):
        print("说明：未设置 XINMI_WECHAT_TOKEN，微信渠道暂不启动（REST 与坐席控制台照常）。", flush=True)
        example.pop(wechat)
    if "rest" not in example:
        example.setdefault("bot.channels.rest.RestInput", None)
    example.setdefault("bot.channels.staff.StaffConsole", {})
    with tempfile.NamedTemporaryFile("w", suffix=".yml", prefix="xinmi-credentials-", delete=False) as handle:
        yaml.safe_dump(example, handle, allow_unicode=True)
    return Path(handle.name)


def rest_only_credentials() -> Path:
    """A temporary credentials file with the REST channel only (the caller deletes it)."""
    import yaml

    with tempfile.NamedTemporaryFile("w", suffix=".yml", prefix="xinmi-rest-credentials-", delete=False) as handle:
        yaml.safe_dump(REST_ONLY, handle)
    return Path(handle.name)


def rasa_command(mode: str, port: int, credentials: Path | None = None) -> list[str]:
    """``rasa`` for a mode: ``shell`` the REST-only server of the terminal chat on loopback (``credentials``
    from :func:`rest_only_credentials`), ``debug-shell`` Rasa's shell, ``serve`` the configured channels."""
    if mode == "debug-shell":
        return [*RASA, "shell", "--model", str(MODEL), "--endpoints", "endpoints.yml", "--quiet"]
    if mode == "shell":
        if credentials is None:
            raise ValueError("shell needs the REST-only credentials file")
        return [*RASA, "run", "--model", str(MODEL), "--endpoints", "endpoints.yml",
                "--credentials", str(credentials), "--interface", "127.0.0.1", "--port", str(port)]
    cmd = [*RASA, "run", "--model", str(MODEL), "--endpoints", "endpoints.yml",
           "--credentials", str(default_credentials()), "--port", str(port)]
    token = os.environ.get("XINMI_RASA_API_TOKEN")
    if token:  # Rasa's HTTP API only with a token; without one it stays off
        cmd += ["--enable-api", "--auth-token", token]
    return cmd


def run_chat(log: IO) -> int:
    """``make run``: action server and REST-only Rasa server (output to ``log``), then the terminal chat."""
    from bot import chat

    port = free_port()
    credentials = rest_only_credentials()
    actions: subprocess.Popen | None = None
    server: subprocess.Popen | None = None

    def shutdown(*_):
        raise KeyboardInterrupt  # the finally below stops both servers

    signal.signal(signal.SIGTERM, shutdown)
    try:
        print("正在启动动作服务器（action server）…", flush=True)
        actions = start_action_server(log=log)
        print(f"正在加载模型，首次约需半分钟（日志：{RUN_LOG.relative_to(ROOT)}）…", flush=True)
        server = subprocess.Popen(rasa_command("shell", port, credentials), cwd=ROOT, stdin=subprocess.DEVNULL,
                                  stdout=log, stderr=log, start_new_session=True)
        wait_for_http(f"http://127.0.0.1:{port}/webhooks/rest/", proc=server)
        print(WELCOME + "\n", flush=True)
        return chat.main(["--url", chat.webhook_url(port)])
    except KeyboardInterrupt:
        print(f"\n{chat.GOODBYE}", flush=True)
        return 0
    except (RuntimeError, TimeoutError) as error:
        print(f"启动失败：{error}。详见 {RUN_LOG.relative_to(ROOT)}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # stopping is not interrupted
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stop(server)
        stop(actions)
        credentials.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bot.launcher")
    p.add_argument("mode", choices=["shell", "serve", "debug-shell"])
    p.add_argument("--port", type=int, default=int(os.environ.get("XINMI_PORT", "5005")),
                   help="serve's port (shell picks a free one)")
    args = p.parse_args(argv)
    from bot.rasa_patches import RasaVersionError, check_rasa_version

    try:  # here too, so that the reason reaches the terminal and not only the servers' log
        check_rasa_version()
    except RasaVersionError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 2
    if not MODEL.exists():
        print("No trained model: run `make train` (make run does it for you).", file=sys.stderr)
        return 1
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("PYTHONWARNINGS", "ignore")  # third-party deprecation noise, not for residents
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")  # no telemetry or error reports leave the machine
    # Sanic closes connections not read within 5 s; under a burst that lost answers (docs/deploy.md).
    os.environ.setdefault("SANIC_KEEP_ALIVE_TIMEOUT", "75")
    if args.mode == "shell":
        LOGS.mkdir(exist_ok=True)
        with RUN_LOG.open("w", encoding="utf-8") as log:
            return run_chat(log)
    print("正在启动动作服务器（action server）…", flush=True)
    actions = start_action_server()
    server: subprocess.Popen | None = None

    def shutdown(*_):
        stop(server)
        stop(actions)
        sys.exit(0)

    signal.signal(signal.SIGTERM, shutdown)
    try:
        if args.mode == "debug-shell":
            print("正在加载模型，首次约需半分钟。输入 /stop 或按 Ctrl-C 退出。", flush=True)
            return subprocess.call(rasa_command("debug-shell", args.port), cwd=ROOT)
        server = subprocess.Popen(rasa_command("serve", args.port), cwd=ROOT, start_new_session=True)
        return server.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        stop(server)
        stop(actions)


if __name__ == "__main__":
    sys.exit(main())

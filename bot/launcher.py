"""Start the assistant on the embedded default: the action server in the background, then a chat.

``python -m bot.launcher shell`` (what ``make run`` calls) opens a terminal chat; ``serve`` runs the Rasa
server with the configured channels. The action server is stopped when the chat or server ends,
including on Ctrl-C and SIGTERM.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "xinmi.tar.gz"


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


def start_action_server(port: int = 5055, quiet: bool = True) -> subprocess.Popen:
    out = subprocess.DEVNULL if quiet else None
    proc = subprocess.Popen([str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(port)],
                            cwd=ROOT, stdout=out, stderr=out, start_new_session=True)
    wait_for_port(port, proc=proc)
    return proc


def stop(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


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


def rasa_command(mode: str, port: int) -> list[str]:
    if mode == "shell":
        return [str(BIN / "rasa"), "shell", "--model", str(MODEL), "--endpoints", "endpoints.yml", "--quiet"]
    cmd = [str(BIN / "rasa"), "run", "--model", str(MODEL), "--endpoints", "endpoints.yml",
           "--credentials", str(default_credentials()), "--port", str(port)]
    token = os.environ.get("XINMI_RASA_API_TOKEN")
    if token:  # Rasa's HTTP API only with a token; without one it stays off
        cmd += ["--enable-api", "--auth-token", token]
    return cmd


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bot.launcher")
    p.add_argument("mode", choices=["shell", "serve"])
    p.add_argument("--port", type=int, default=int(os.environ.get("XINMI_PORT", "5005")))
    args = p.parse_args(argv)
    if not MODEL.exists():
        print("No trained model: run `make train` (make run does it for you).", file=sys.stderr)
        return 1
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("PYTHONWARNINGS", "ignore")  # third-party deprecation noise, not for residents
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")  # no telemetry or error reports leave the machine
    # Sanic closes connections not read within 5 s; under a burst that lost answers (docs/deploy.md).
    os.environ.setdefault("SANIC_KEEP_ALIVE_TIMEOUT", "75")
    print("正在启动动作服务器（action server）…", flush=True)
    actions = start_action_server()
    server: subprocess.Popen | None = None

    def shutdown(*_):
        stop(server)
        stop(actions)
        sys.exit(0)

    signal.signal(signal.SIGTERM, shutdown)
    try:
        if args.mode == "shell":
            print("正在加载模型，首次约需半分钟。输入 /stop 或按 Ctrl-C 退出。", flush=True)
            return subprocess.call(rasa_command("shell", args.port), cwd=ROOT)
        server = subprocess.Popen(rasa_command("serve", args.port), cwd=ROOT, start_new_session=True)
        return server.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        stop(server)
        stop(actions)


if __name__ == "__main__":
    sys.exit(main())

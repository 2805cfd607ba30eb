"""The one server supervisor: real servers on loopback for the tests (the live assistant of tests/conftest.py,
the conversation, load and fault tests, ``make eval``'s screening report) and for the benchmarks (bench/).

``rasa run`` and ``rasa run actions`` — started as bot/launcher.py starts them, through ``python -m
bot.rasa_cli`` (the Rasa version checked, the fixes of bot/rasa_patches.py installed) — as child processes in
their own process groups, configured by files
written into a work directory: the endpoints (action server, tracker store, lock store), the channels
(REST, WeChat in plaintext mode) and the environment (records database, sender salt). Every wait is
bounded; peak memory is read from ``/proc/<pid>/status`` (VmHWM) for the process and its children.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bot.launcher import RASA, ROOT

if TYPE_CHECKING:
    from typing_extensions import Self

MODEL = ROOT / "models" / "xinmi.tar.gz"
WECHAT_TOKEN = "bench-wechat-token"
SENDER_SALT = "bench-sender-salt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(entry.name))
    return out


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        children = _children(todo.pop())
        found += children
        todo += children
    return found


def _hwm_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process plus its descendants', in MB (0 when gone)."""
    return round(sum(_hwm_kb(p) for p in [pid, *_descendants(pid)]) / 1024, 1)


def http_status(url: str, timeout: float = 2.0) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


@dataclass
class Service:
    """One server process: started, checked for readiness, stopped or killed, its memory read."""

    name: str
    args: list[str]
    port: int
    workdir: Path
    env: dict[str, str]
    ready_path: str = "/"
    proc: subprocess.Popen | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.workdir / f"{self.name}.log"

    def start(self, wait: bool = True, timeout: float = 180.0) -> None:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(self.args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        self.starts += 1
        if wait:
            self.wait_ready(timeout)

    def wait_ready(self, timeout: float = 180.0) -> None:
        assert self.proc is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited ({self.proc.returncode}):\n{self.log_tail()}")
            if http_status(self.url + self.ready_path) == 200:
                return
            time.sleep(0.3)
        raise TimeoutError(f"{self.name} not ready after {timeout:.0f}s:\n{self.log_tail()}")

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def peak_rss_mb(self) -> float:
        return peak_rss_mb(self.proc.pid) if self.running else 0.0

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Send ``sig`` to the process group (SIGKILL: no shutdown handlers run) and reap it."""
        if not self.running:
            return
        try:
            os.killpg(self.proc.pid, sig)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        self.kill(signal.SIGTERM)

    def log_tail(self, lines: int = 30) -> str:
        if not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def copy_model(model: Path, workdir: Path) -> Path:
    """A private copy of the model, so that a retraining meanwhile changes nothing for a running set-up."""
    if not model.exists():
        raise FileNotFoundError(f"no trained model at {model}: run `make train`")
    copy = workdir / "model.tar.gz"
    shutil.copyfile(model, copy)
    return copy


def sqlite_tracker(path: Path) -> str:
    return f'tracker_store:\n  type: bot.tracker_store.SQLTrackerStore\n  dialect: "sqlite"\n  db: "{path}"\n'


def write_endpoints(path: Path, action_url: str, tracker_store: str) -> Path:
    path.write_text(f'action_endpoint:\n  url: "{action_url}"\n{tracker_store}', encoding="utf-8")
    return path


def write_credentials(path: Path, rest: bool = True, wechat: dict | None = None, staff: dict | None = None) -> Path:
    """Channels: the REST channel that never answers with silence, and optionally WeChat (plaintext) and the
    staff console (``staff``: its password and token)."""
    lines = []
    if rest:
        lines.append("bot.channels.rest.RestInput:")
    if wechat is not None:
        lines.append("bot.channels.wechat.WeChatInput:")
        settings = {"token": WECHAT_TOKEN, "mode": "plain", "dedupe": "memory", **wechat}
        lines += [f'  {key}: "{value}"' for key, value in settings.items()]
    if staff is not None:
        lines.append("bot.channels.staff.StaffConsole:")
        lines += [f'  {key}: "{value}"' for key, value in staff.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


SERVER_TUNING = {
    # Sanic closes an accepted connection whose request it has not started reading within KEEP_ALIVE_TIMEOUT
    # (5 s by default). A busy action server (a burst of residents: every custom action is a new connection
    # from Rasa) then drops requests: Rasa logs "Cannot write to closing transport", loses the action's events
    # and the resident gets an apology. Measured: 100 residents at once lost 36 answers, 200 lost 100; with 75 s
    # none of 300. The same setting is in docs/deploy.md.
    "SANIC_KEEP_ALIVE_TIMEOUT": "75",
    # rasa run's listen backlog (Rasa reads SANIC_BACKLOG; default 100) for many clients connecting at once.
    "SANIC_BACKLOG": "1024",
}


def base_env(records_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XINMI_WECHAT_", "XINMI_STAFF_"))}
    env.update(XINMI_RECORDS_URL=records_url, XINMI_SENDER_SALT=SENDER_SALT, RASA_TELEMETRY_ENABLED="false",
               TF_CPP_MIN_LOG_LEVEL="3", PYTHONUNBUFFERED="1")
    for key, value in SERVER_TUNING.items():
        env.setdefault(key, value)
    env.update(extra)
    return env


def action_server(workdir: Path, env: dict[str, str], name: str = "actions", port: int | None = None) -> Service:
    port = port or free_port()
    return Service(name, [*RASA, "run", "actions", "--actions", "actions", "--port", str(port)],
                   port, workdir, env, ready_path="/health")


def rasa_server(workdir: Path, env: dict[str, str], endpoints: Path, credentials: Path, name: str = "rasa",
                model: Path = MODEL, port: int | None = None, api_token: str | None = None) -> Service:
    port = port or free_port()
    args = [*RASA, "run", "--model", str(model), "--endpoints", str(endpoints),
            "--credentials", str(credentials), "--port", str(port), "--interface", "127.0.0.1"]
    if api_token:
        args += ["--enable-api", "--auth-token", api_token]
    return Service(name, args, port, workdir, env, ready_path="/")


class Servers:
    """A group of servers used as ``with group:`` — started on entry (stopped again if starting fails), stopped
    on exit. Subclasses give ``start`` and ``stop``."""

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


@dataclass
class Stack(Servers):
    """One Rasa server and one action server, SQLite tracker store and records in ``workdir``."""

    workdir: Path
    wechat: dict | None = None  # WeChat channel settings beyond token/mode/dedupe; None: REST only
    api_token: str | None = "bench-api-token"
    model: Path = MODEL
    rasa: Service = field(init=False)
    actions: Service = field(init=False)

    def __post_init__(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.records_db = self.workdir / "records.db"
        self.tracker_db = self.workdir / "tracker.db"
        self.records_url = f"sqlite:///{self.records_db}"
        self.env = base_env(self.records_url)
        self.model = copy_model(self.model, self.workdir)
        self.actions = action_server(self.workdir, self.env)
        endpoints = write_endpoints(self.workdir / "endpoints.yml", f"{self.actions.url}/webhook",
                                    sqlite_tracker(self.tracker_db))
        credentials = write_credentials(self.workdir / "credentials.yml", wechat=self.wechat)
        self.rasa = rasa_server(self.workdir, self.env, endpoints, credentials, model=self.model,
                                api_token=self.api_token)

    @property
    def rest_url(self) -> str:
        return f"{self.rasa.url}/webhooks/rest/webhook"

    @property
    def wechat_url(self) -> str:
        return f"{self.rasa.url}/webhooks/wechat/webhook"

    def start(self) -> None:
        from actions import records

        records.upgrade(self.records_url)  # the schema exists before either server touches it
        self.actions.start(wait=False)
        self.rasa.start()
        self.actions.wait_ready()

    def stop(self) -> None:
        self.rasa.stop()
        self.actions.stop()


SERVICES = Path(os.environ.get("XINMI_SERVICES_DIR") or ROOT / ".services")


class ServicesUnavailable(RuntimeError):
    """PostgreSQL and Redis from scripts/services.sh are not set up or not reachable."""


def services_settings() -> dict[str, str]:
    """The connection settings that ``bash scripts/services.sh start`` wrote, checked by connecting."""
    env_file = SERVICES / "env"
    if not env_file.exists():
        raise ServicesUnavailable(f"PostgreSQL and Redis are not set up ({env_file} is missing): run "
                                  "`bash scripts/services.sh start` first (make test and make bench do).")
    settings = dict(line.split("=", 1) for line in env_file.read_text().splitlines()
                    if "=" in line and not line.startswith("#"))
    try:
        import psycopg2
        import redis

        psycopg2.connect(host=settings["XINMI_PG_HOST"], port=settings["XINMI_PG_PORT"],
                         user=settings["XINMI_PG_USER"], password=settings["XINMI_PG_PASSWORD"],
                         dbname=settings["XINMI_PG_TRACKER_DB"], connect_timeout=5).close()
        redis.Redis(host=settings["XINMI_REDIS_HOST"], port=int(settings["XINMI_REDIS_PORT"]),
                    password=settings["XINMI_REDIS_PASSWORD"], socket_timeout=5).ping()
    except Exception as error:
        raise ServicesUnavailable(f"PostgreSQL or Redis from {env_file} is not reachable "
                                  f"({type(error).__name__}: {error}); run `bash scripts/services.sh start`.") from error
    return settings


class Replicas(Servers):
    """The scaled-out set-up of docs/deploy.md on loopback: ``count`` ``rasa run`` replicas reading
    endpoints.scale.yml (one PostgreSQL tracker store, one Redis lock store), each with its own action server,
    screening records in PostgreSQL, and the WeChat channel's dedupe marks in Redis."""

    def __init__(self, workdir: Path, services: dict[str, str], wechat: dict | None = None, count: int = 2,
                 api_token: str | None = "bench-api-token") -> None:
        s = services
        self.records_url = (f"postgresql://{s['XINMI_PG_USER']}:{s['XINMI_PG_PASSWORD']}@{s['XINMI_PG_HOST']}:"
                            f"{s['XINMI_PG_PORT']}/{s['XINMI_PG_RECORDS_DB']}")
        dedupe = (f"redis://:{s['XINMI_REDIS_PASSWORD']}@{s['XINMI_REDIS_HOST']}:{s['XINMI_REDIS_PORT']}/"
                  f"{s['XINMI_REDIS_DEDUPE_DB']}")
        credentials = write_credentials(workdir / "credentials.yml",
                                        wechat=None if wechat is None else {"dedupe": dedupe, **wechat})
        env = base_env(self.records_url)
        model = copy_model(MODEL, workdir)
        names = "abcdefgh"[:count]
        self.actions = [action_server(workdir, env, name=f"actions-{n}") for n in names]
        self.rasa = [rasa_server(workdir, {**env, **services, "XINMI_ACTION_SERVER_URL": f"{a.url}/webhook"},
                                 ROOT / "endpoints.scale.yml", credentials, name=f"rasa-{n}",
                                 model=model, api_token=api_token)
                     for n, a in zip(names, self.actions)]

    @property
    def rest_urls(self) -> list[str]:
        return [f"{r.url}/webhooks/rest/webhook" for r in self.rasa]

    @property
    def wechat_urls(self) -> list[str]:
        return [f"{r.url}/webhooks/wechat/webhook" for r in self.rasa]

    def start(self) -> None:
        from actions import records

        records.upgrade(self.records_url)
        for service in self.actions + self.rasa:  # all at once: the replicas load their models in parallel
            service.start(wait=False)
        for service in self.rasa + self.actions:
            service.wait_ready(timeout=240)

    def stop(self) -> None:
        for service in self.rasa + self.actions:
            service.stop()


def fetch_tracker(rasa_url: str, sender: str, token: str, timeout: float = 30) -> dict:
    """A conversation's tracker from a server started with ``api_token`` (Rasa's HTTP API)."""
    import json
    import urllib.parse

    url = f"{rasa_url}/conversations/{urllib.parse.quote(sender, safe='')}/tracker?token={token}"
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        return json.loads(resp.read().decode())

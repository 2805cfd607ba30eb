"""``python -m bench`` (``make bench``): the figures, printed as tables next to their budgets.

1. NLU vs the BM25 keyword baseline on the held-out set (in process).
2. End to end: a real ``rasa run`` (REST + WeChat plaintext channels, SQLite tracker store in a temporary
   directory) and a real ``rasa run actions``; 1, 10 and 50 simulated residents, busy and paced (see
   bench/load.py), on each channel. Then the scaled-out set-up of docs/deploy.md: two replicas with
   PostgreSQL, Redis and an action server each (``make bench`` starts the services with scripts/services.sh),
   10 and 50 residents whose messages go round-robin to the replicas.
3. Peak memory of both servers, training time and model size.

Settings (environment): ``BENCH_SECONDS`` (per busy run, default 20), ``BENCH_PACED_SECONDS`` (per paced
run, default 30), ``BENCH_THINK`` (mean think time of paced residents, default 3 s), ``BENCH_USERS``
(default "1,10,50"), ``BENCH_SCALE_USERS`` (default "10,50"; empty: no scale-out run), ``BENCH_TRAIN=1`` (also time a full training, ~4 min). Results: results/bench/*.json.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from bench import load
from bench.nlu import evaluate
from bench.stats import table
from bench.training import training_figures
from bench.users import RestChannel, WeChatChannel
from bot.launcher import ROOT
from tests.harness.servers import MODEL, WECHAT_TOKEN, Replicas, ServicesUnavailable, Stack, services_settings

RESULTS = ROOT / "results" / "bench"
PASSIVE_TIMEOUT = 4.5  # the channel's production setting
SINGLE = "1 server"
SCALED = "2 replicas"


def _env_float(name: str, default: float) -> float:
    return float(os.environ.get(name) or default)


def _write(name: str, data: object) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


async def _end_to_end(setup: str, rest_urls: list[str], wechat_urls: list[str], users: list[int], busy_s: float,
                      paced_s: float, think: float) -> list[dict]:
    """Every channel × mode × number of users; with several URLs (replicas) messages go round-robin."""
    from bot.channels.wechat_dispatch import NO_API_TIMEOUT_TEXT

    out = []
    timeout = aiohttp.ClientTimeout(total=60)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        channels = [RestChannel(session, rest_urls),
                    WeChatChannel(session, wechat_urls, WECHAT_TOKEN, (NO_API_TIMEOUT_TEXT,))]
        for channel in channels:  # warm-up: the first messages build TensorFlow functions
            await load.run(channel, 2, 5)
        for channel in channels:
            for mode_think, seconds in ((0.0, busy_s), (think, paced_s)):
                for n in users:
                    result, errors = await load.run(channel, n, seconds, think=mode_think)
                    row = {"setup": setup, **result.to_dict(), "errors": errors}
                    out.append(row)
                    print(f"  {setup:10} {channel.name:6} {result.mode:9} {n:3} users: {result.messages:5} messages, "
                          f"p95 {result.p95_ms:7.1f} ms, {result.per_second:5.1f}/s, failed {result.failed}",
                          flush=True)
    return out


def _budget(ok: bool | None) -> str:
    return "—" if ok is None else ("met" if ok else "NOT MET")


def _row(rows: list[dict], setup: str, channel: str, mode: str, users: int) -> dict | None:
    return next((r for r in rows if r["setup"] == setup and r["channel"] == channel
                 and r["mode"].startswith(mode) and r["users"] == users), None)


def _quiet() -> None:
    """Warnings and errors only: the NLU evaluation runs Rasa in this process."""
    import logging

    from rasa.utils.log_utils import configure_structlog

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    logging.basicConfig(level=logging.WARNING)
    configure_structlog(logging.WARNING)


def main() -> int:
    _quiet()
    if not MODEL.exists():
        print("No trained model: run `make train` first.", file=sys.stderr)
        return 1
    users = [int(u) for u in os.environ.get("BENCH_USERS", "1,10,50").split(",")]
    busy_s, paced_s = _env_float("BENCH_SECONDS", 20), _env_float("BENCH_PACED_SECONDS", 30)
    think = _env_float("BENCH_THINK", 3)
    started = time.monotonic()
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "load_before": os.getloadavg()}
    print(f"bench on {machine['cpus']} CPUs, load average {machine['load_before'][0]:.2f} before the run", flush=True)

    print("1/3 NLU vs keyword baseline on the held-out set …", flush=True)
    nlu = evaluate(MODEL)
    _write("nlu", nlu)

    wechat = {"passive_timeout": PASSIVE_TIMEOUT}
    print(f"2/3 end to end: {SINGLE} (rasa run + action server, SQLite) …", flush=True)
    with tempfile.TemporaryDirectory(prefix="xinmi-bench-") as tmp, Stack(Path(tmp), wechat=wechat) as stack:
        rows = asyncio.run(_end_to_end(SINGLE, [stack.rest_url], [stack.wechat_url], users, busy_s, paced_s, think))
        memory = {"rasa_server_peak_rss_mb": stack.rasa.peak_rss_mb(),
                  "action_server_peak_rss_mb": stack.actions.peak_rss_mb()}
    scale_users = [int(u) for u in os.environ.get("BENCH_SCALE_USERS", "10,50").split(",") if u.strip()]
    if scale_users:
        try:
            services = services_settings()
        except ServicesUnavailable as error:
            print(f"   {SCALED} skipped: {error}", flush=True)
        else:
            print(f"   {SCALED} (docs/deploy.md: PostgreSQL tracker, Redis locks and dedupe, an action server "
                  "each; messages round-robin) …", flush=True)
            with tempfile.TemporaryDirectory(prefix="xinmi-bench-scale-") as tmp, \
                    Replicas(Path(tmp), services, wechat=wechat) as replicas:
                rows += asyncio.run(_end_to_end(SCALED, replicas.rest_urls, replicas.wechat_urls, scale_users,
                                                busy_s, paced_s, think))
                memory["replica_peak_rss_mb"] = max(r.peak_rss_mb() for r in replicas.rasa)
    _write("e2e", {"rows": rows, "think_seconds": think, "machine": machine})
    _write("memory", memory)

    print("3/3 training time and model size …", flush=True)
    train = training_figures(RESULTS, os.environ.get("BENCH_TRAIN") == "1")
    summary = {"nlu": nlu, "e2e": rows, "memory": memory, "train": train, "machine": machine,
               "minutes": round((time.monotonic() - started) / 60, 1)}
    _write("summary", summary)
    print_report(summary, think)
    return 0


def print_report(s: dict, think: float) -> None:
    nlu, rows, memory, train = s["nlu"], s["e2e"], s["memory"], s["train"]
    print()
    print(table(f"NLU on the held-out set ({nlu['held_out']}, {nlu['sentences']} sentences)",
                ["what", "accuracy", "macro-F1", "sentences"],
                [["NLU intents (all intents)", f"{nlu['intent']['accuracy']:.3f}", f"{nlu['intent']['macro_f1']:.3f}",
                  nlu["sentences"]],
                 ["NLU → measure (topic intents)", f"{nlu['measure_nlu']['accuracy']:.3f}",
                  f"{nlu['measure_nlu']['macro_f1']:.3f}", nlu["measure_nlu"]["sentences"]],
                 ["BM25 keyword search → measure", f"{nlu['measure_bm25']['accuracy']:.3f}",
                  f"{nlu['measure_bm25']['macro_f1']:.3f}", nlu["measure_bm25"]["sentences"]]]))
    print(f"NLU parse latency p50 {nlu['parse_ms']['p50']} ms, p95 {nlu['parse_ms']['p95']} ms "
          f"(BM25 search {nlu['bm25_ms_mean']} ms per query)\n")
    print(table(f"End to end (busy: no think time; paced: think time {think:g} s ±50%)",
                ["setup", "channel", "mode", "users", "messages", "failed", "late", "p50 ms", "p95 ms", "p99 ms",
                 "msg/s"],
                [[r["setup"], r["channel"], r["mode"], r["users"], r["messages"], r["failed"], r["late"],
                  r["p50_ms"], r["p95_ms"], r["p99_ms"], r["messages_per_second"]] for r in rows]))
    print("late = WeChat answers that missed the 4.5 s passive window (acknowledged instead)\n")
    budgets = []
    for setup in (SINGLE, SCALED):
        for mode in ("paced", "busy"):
            rest10 = _row(rows, setup, "REST", mode, 10)
            wechat50 = _row(rows, setup, "WeChat", mode, 50)
            if rest10:
                budgets.append([f"REST p95 at 10 users ({setup}, {mode})", "< 300 ms", f"{rest10['p95_ms']} ms",
                                _budget(rest10["p95_ms"] < 300 and not rest10["failed"])])
            if wechat50:
                budgets.append([f"WeChat passive p99 at 50 users ({setup}, {mode})", "< 1 s",
                                f"{wechat50['p99_ms']} ms", _budget(wechat50["p99_ms"] < 1000 and not wechat50["failed"])])
    seconds = train.get("seconds")
    budgets.append(["training time", "< 5 min", f"{seconds} s" if seconds else "not measured",
                    _budget(None if seconds is None else seconds < 300)])
    for name, key in (("Rasa server peak RSS", "rasa_server_peak_rss_mb"),
                      ("Rasa replica peak RSS (PostgreSQL/Redis)", "replica_peak_rss_mb"),
                      ("action server peak RSS", "action_server_peak_rss_mb")):
        if key in memory:
            server = key != "action_server_peak_rss_mb"
            budgets.append([name, "< 2 GB" if server else "—", f"{memory[key]} MB",
                            _budget(memory[key] < 2048) if server else "—"])
    budgets.append(["model size (models/xinmi.tar.gz)", "—", f"{train.get('project_model_mb')} MB", "—"])
    print(table("Budgets", ["figure", "budget", "measured", "verdict"], budgets))
    print(f"training: {train.get('source')}")
    print(f"results: {RESULTS.relative_to(ROOT)}/*.json   ({s['minutes']} min)")


if __name__ == "__main__":
    sys.exit(main())

"""Training time and model size.

Training takes minutes, so it is measured only with ``BENCH_TRAIN=1``: ``rasa train --force`` into a
temporary directory (the project's model is not touched), the time written to results/bench/train.json.
Otherwise the last measured time is read back from that file, with the date it was measured.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from bot.launcher import BIN, ROOT
from tests.harness.servers import MODEL


def train(out: Path, timeout: float = 900) -> dict:
    """Time one full training (``make train``'s command plus ``--force``); returns the record written."""
    with tempfile.TemporaryDirectory(prefix="xinmi-train-") as tmp:
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", RASA_TELEMETRY_ENABLED="false")
        subprocess.run([str(BIN / "python"), "-m", "bot.generate"], cwd=ROOT, check=True, env=env,
                       stdout=subprocess.DEVNULL)
        started = time.monotonic()
        log = Path(tmp) / "train.log"
        with log.open("wb") as handle:
            done = subprocess.run([str(BIN / "rasa"), "train", "--domain", "domain", "--data", "data", "--force",
                                   "--fixed-model-name", "bench", "--out", tmp], check=False, cwd=ROOT, env=env,
                                  stdout=handle, stderr=subprocess.STDOUT, timeout=timeout)
        seconds = time.monotonic() - started
        if done.returncode != 0:
            raise RuntimeError("rasa train failed:\n" + log.read_text(errors="replace")[-2000:])
        size = (Path(tmp) / "bench.tar.gz").stat().st_size
    record = {"seconds": round(seconds, 1), "model_mb": round(size / 1e6, 1),
              "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
              "command": "rasa train --domain domain --data data --force (BENCH_TRAIN=1 make bench)"}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    return record


def training_figures(results: Path, measure: bool) -> dict:
    path = results / "train.json"
    if measure:
        record = train(path)
        record["source"] = "measured in this run"
    elif path.exists():
        record = json.loads(path.read_text(encoding="utf-8"))
        record["source"] = f"last measured {record.get('measured_at', '?')} (BENCH_TRAIN=1 to measure again)"
    else:
        record = {"seconds": None, "source": "not measured yet: run BENCH_TRAIN=1 make bench"}
    record["project_model_mb"] = round(MODEL.stat().st_size / 1e6, 1) if MODEL.exists() else None
    return record

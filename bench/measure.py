"""Small helpers shared by the speed benchmarks: robust statistics, machine facts, load average.

The machine these run on is shared, so every section records the load average before and after
it; numbers taken under load say so instead of pretending to be quiet-machine figures.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else float("nan")


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100): an observed value, never an interpolation."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return float(ordered[rank - 1])


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    """n, median, p95, min, max in milliseconds."""
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "median_ms": round(median(ms), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "min_ms": round(min(ms), 2) if ms else float("nan"),
        "max_ms": round(max(ms), 2) if ms else float("nan"),
    }


def timed(fn: Callable[..., object], *args: object, **kwargs: object) -> float:
    """Seconds one call of `fn(*args, **kwargs)` takes."""
    start = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - start


def load_average() -> list[float]:
    """1/5/15-minute load averages (what `uptime` prints)."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def machine() -> dict[str, object]:
    """What a reader needs to compare numbers: cores, memory, CPU model, library versions."""
    info: dict[str, object] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["mem_gib"] = round(int(line.split()[1]) / 1024**2, 1)
                break
    except OSError:
        pass
    for module in ("torch", "faiss", "sentence_transformers", "textual"):
        try:
            info[module] = __import__(module).__version__
        except Exception:  # noqa: BLE001 - a missing library is just not reported
            pass
    return info


def run_child(args: list[str], env: dict[str, str] | None = None, timeout: float = 600) -> str:
    """Run a helper script with this interpreter from the repo root; its stdout, or raise."""
    done = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]} failed ({done.returncode}): {done.stderr.strip()[-800:]}")
    return done.stdout

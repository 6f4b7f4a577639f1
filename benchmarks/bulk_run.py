"""Running ``summarizer bulk`` in a subprocess and measuring it: shared by the bulk benchmarks.

Wall time is from launch to exit (start-up included). Memory is the peak, sampled every 0.2 s,
of the proportional set size (PSS) summed over the bulk process and its worker processes: a page
the forked workers share with the parent counts once in all, split between them, so the sum is
what the run holds. (Summed RSS counted shared pages once per process: 285-365 MB for the same
runs.) Not more often: the kernel walks a process's page tables under its memory-map lock to
answer, and sampling every 20 ms slowed the rules workers measurably (--workers 2 speed-up 1.65x
unsampled, 1.33x sampled). Next to it, the kernel's peak RSS of the largest single process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Measured:
    seconds: float
    tree_mb: float
    max_process_rss_mb: float
    returncode: int
    stderr: str
    cpu_seconds: float = 0.0  # user + system, the process and the children it waited for
    launched: float = 0.0  # time.time() at launch
    first_request: float | None = None  # seconds from launch to the server's first request


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            continue
    return pids


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_bulk(args: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run ``summarizer bulk ARGS`` and measure it."""
    return run_measured([sys.executable, "-m", "summarizer", "bulk", *args], env)


def run_measured(argv: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run ``argv`` and measure it."""
    launched = time.time()
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_pss_kb(p) for p in _tree(proc.pid)))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert proc.stderr is not None
    err = proc.stderr.read()  # until the process closes it (exits)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Measured(
        seconds, peak / 1024, usage.ru_maxrss / 1024, proc.returncode, err, cpu, launched
    )


def count_ok(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(1 for line in f if b'"status":"ok"' in line[:400])

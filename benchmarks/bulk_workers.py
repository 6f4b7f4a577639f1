"""Rules backend through ``summarizer bulk``: ``--workers 2`` against ``--workers 1``.

Run: python benchmarks/bulk_workers.py [DATA_DIR] [--articles 200] [--repeats 3] [--workers 2]

The same articles (PolNeAR's dev texts from ../shared/data/polnear-dev/text, cycled to
``--articles`` with distinct ids; generated articles when the folder is missing) go through the
real CLI in a subprocess, start-up included, the two settings alternating so machine noise hits
both alike. Target (issue 4): at least 1.7x faster with 2 workers. Medians of the repeats.

Baseline, run in the same loop: how much parallelism the machine gives right now, as the
speed-up of a pure-Python CPU loop run in 2 processes instead of one after the other. On a
shared machine where other jobs hold a core this is well under 2x, and bulk cannot beat it.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bulk_run import count_ok, run_bulk
from standin_server import article

DEFAULT_DATA = (
    Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear-dev" / "text"
)


def texts(folder: Path, n: int) -> list[str]:
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        print(f"{folder}: no texts, using generated articles", file=sys.stderr)
        return [article(i) for i in range(n)]
    found = [f.read_text(encoding="utf-8") for f in files]
    return [found[i % len(found)] for i in range(n)]


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_speedup(workers: int, n: int = 10_000_000) -> float:
    """Speed-up of ``workers`` copies of a CPU loop in parallel processes over running them in turn."""
    started = time.perf_counter()
    for _ in range(workers):
        _burn(n)
    serial = time.perf_counter() - started
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pool.map(_burn, [n] * workers)
    return serial / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    settings = {1: [], args.workers: []}  # type: dict[int, list[float]]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        with open(src, "w", encoding="utf-8") as f:
            for i, text in enumerate(texts(args.data, args.articles)):
                f.write(json.dumps({"id": f"art-{i}", "text": text}) + "\n")
        machine = []
        for r in range(args.repeats):
            machine.append(machine_speedup(args.workers))
            print(f"  run {r + 1}, machine parallelism: {machine[-1]:.2f}x", file=sys.stderr)
            for w in settings:
                out = Path(tmp) / f"out-{w}-{r}.jsonl"
                m = run_bulk([str(src), "-o", str(out), "--workers", str(w)])
                ok = count_ok(out)
                if m.returncode != 0 or ok != args.articles:
                    sys.exit(f"run failed ({m.returncode}, {ok} ok): {m.stderr[-2000:]}")
                settings[w].append(m.seconds)
                print(
                    f"  run {r + 1}, --workers {w}: {m.seconds:.2f} s, peak {m.tree_mb:.0f} MB (PSS, all processes)",
                    file=sys.stderr,
                )
    one = statistics.median(settings[1])
    many = statistics.median(settings[args.workers])
    print(f"bulk rules backend, {args.articles} articles, {args.repeats} repeats")
    print(f"--workers 1: median {one:.2f} s ({args.articles / one:.2f} articles/s)")
    print(f"--workers {args.workers}: median {many:.2f} s ({args.articles / many:.2f} articles/s)")
    print(f"speed-up: {one / many:.2f}x")
    base = statistics.median(machine)
    print(f"baseline, CPU loop in {args.workers} processes vs in turn: {base:.2f}x")
    print(f"bulk speed-up relative to what the machine gave: {one / many / base:.2f}")


if __name__ == "__main__":
    main()

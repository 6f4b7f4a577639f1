"""Bulk throughput and memory on the LLM path, against a stand-in server with a fixed delay.

Run: python benchmarks/bulk_throughput.py [--sizes 500 2000] [--repeats 3] [--delay 0.5]
                                           [--concurrency 64] [-- extra bulk flags]

Each run is the real CLI in a subprocess (start-up included) over generated articles (distinct
texts, ``--no-cache``), against ``standin_server.py`` on 127.0.0.1 in this process. The baseline
is the ideal time, ``articles / concurrency * delay``: a run can only approach it when the
client's own work per request fits between the answers. Targets (issue 4): ratio <= 1.1 for
2,000 articles at ``--concurrency 64``, 0.5 s; peak memory < 400 MB and flat in the number of
articles (compare the sizes). Medians of the repeats are reported.

A second row per size, "engine only", runs the same bulk run (same inputs, output, engine and
flags, in a subprocess) with a backend that only awaits the delay: what the bulk machinery costs
without the LLM client's per-request work (building the request, instructor, validation).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bulk_run import Measured, count_ok, run_bulk, run_measured
from standin_server import StandIn, article

ENGINE_ONLY = """
import asyncio, sys
from pathlib import Path
from summarizer.backends.base import Draft
from summarizer.bulk.run import BulkOptions, run_bulk
from summarizer.bulk.work import Job
from summarizer.settings import Settings

class Sleeper:  # answers after the delay, with nothing to build, send or validate
    name = "llm"
    def __init__(self, settings): pass
    async def aextract(self, doc):
        await asyncio.sleep(float(sys.argv[3]))
        return Draft()

src, out, _, concurrency, *extra = sys.argv[1:]
opts = BulkOptions([src], Path(out), Job(Settings(model="standin")), concurrency=int(concurrency),
                   progress=False)
if extra:
    opts.workers = int(extra[0])
run_bulk(opts, factory=Sleeper)
"""


def engine_only(
    src: Path, out: Path, delay: float, concurrency: int, workers: str | None
) -> Measured:
    argv = [sys.executable, "-c", ENGINE_ONLY, str(src), str(out), str(delay), str(concurrency)]
    return run_measured(argv + ([workers] if workers else []))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--delay", type=float, default=0.5)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("extra", nargs="*", help="more flags for summarizer bulk (after --)")
    args = parser.parse_args()
    server = StandIn(args.delay).start()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            src = Path(tmp) / f"in-{n}.jsonl"
            with open(src, "w", encoding="utf-8") as f:
                for i in range(n):
                    f.write(json.dumps({"id": f"a{i}", "text": article(i)}) + "\n")
            ideal = n / args.concurrency * args.delay
            runs = []
            for r in range(args.repeats):
                out = Path(tmp) / f"out-{n}-{r}.jsonl"
                cmd = [str(src), "-o", str(out), "--model", "standin", "--base-url", server.url]
                cmd += ["--concurrency", str(args.concurrency), "--no-cache", *args.extra]
                m = run_bulk(cmd)
                ok = count_ok(out)
                if m.returncode != 0 or ok != n:
                    sys.exit(f"run failed ({m.returncode}, {ok}/{n} ok): {m.stderr[-2000:]}")
                runs.append(m)
                print(
                    f"  {n} articles, run {r + 1}: {m.seconds:.2f} s ({m.seconds / ideal:.3f}x ideal), "
                    f"peak RSS {m.tree_rss_mb:.0f} MB all processes, {m.max_process_rss_mb:.0f} MB "
                    f"largest process",
                    file=sys.stderr,
                )
            base = []
            workers = (
                args.extra[args.extra.index("--workers") + 1] if "--workers" in args.extra else None
            )
            for r in range(args.repeats):
                out = Path(tmp) / f"base-{n}-{r}.jsonl"
                m = engine_only(src, out, args.delay, args.concurrency, workers)
                if m.returncode != 0 or count_ok(out) != n:
                    sys.exit(f"engine-only run failed: {m.stderr[-2000:]}")
                base.append(m)
            rows.append((n, ideal, runs))
            rows.append((n, ideal, base))
    server.stop()
    print(
        f"bulk throughput: delay {args.delay} s, --concurrency {args.concurrency} {' '.join(args.extra)}"
    )
    print(
        f"{'run':<12} {'articles':>8} {'ideal s':>8} {'median s':>9} {'ratio':>6} "
        f"{'RSS MB (all)':>13} {'RSS MB (largest)':>17}"
    )
    for k, (n, ideal, runs) in enumerate(rows):
        secs = statistics.median(m.seconds for m in runs)
        rss = statistics.median(m.tree_rss_mb for m in runs)
        big = statistics.median(m.max_process_rss_mb for m in runs)
        label = "engine only" if k % 2 else "summarizer"
        print(
            f"{label:<12} {n:>8} {ideal:>8.2f} {secs:>9.2f} {secs / ideal:>6.3f} {rss:>13.0f} {big:>17.0f}"
        )
    if len(rows) > 2:
        first = statistics.median(m.tree_rss_mb for m in rows[0][2])
        last = statistics.median(m.tree_rss_mb for m in rows[-2][2])
        print(f"memory growth {rows[0][0]} -> {rows[-2][0]} articles: {last / first:.2f}x")


if __name__ == "__main__":
    main()

"""Bulk throughput and memory on the LLM path, against a stand-in server with a fixed delay.

Run: python benchmarks/bulk_throughput.py [--sizes 500 2000] [--repeats 3] [--delay 0.5]
                                           [--concurrency 64] [-- extra bulk flags]

Each run is the real CLI in a subprocess (start-up included) over generated articles (distinct
texts, ``--no-cache``), against ``standin_server.py`` on 127.0.0.1 in this process. The baseline
is the ideal time, ``articles / concurrency * delay``: a run can only approach it when the
client's own work per request fits between the answers. Targets (issue 4): ratio <= 1.1 for
2,000 articles at ``--concurrency 64``, 0.5 s; peak memory < 400 MB and flat in the number of
articles (compare the sizes). Medians of the repeats are reported.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bulk_run import count_ok, run_bulk
from standin_server import StandIn, article


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
            rows.append((n, ideal, runs))
    server.stop()
    print(
        f"bulk throughput: delay {args.delay} s, --concurrency {args.concurrency} {' '.join(args.extra)}"
    )
    print(
        f"{'articles':>8} {'ideal s':>8} {'median s':>9} {'ratio':>6} {'RSS MB (all)':>13} {'RSS MB (largest)':>17}"
    )
    for n, ideal, runs in rows:
        secs = statistics.median(m.seconds for m in runs)
        rss = statistics.median(m.tree_rss_mb for m in runs)
        big = statistics.median(m.max_process_rss_mb for m in runs)
        print(f"{n:>8} {ideal:>8.2f} {secs:>9.2f} {secs / ideal:>6.3f} {rss:>13.0f} {big:>17.0f}")
    if len(rows) > 1:
        first = statistics.median(m.tree_rss_mb for m in rows[0][2])
        last = statistics.median(m.tree_rss_mb for m in rows[-1][2])
        print(f"memory growth {rows[0][0]} -> {rows[-1][0]} articles: {last / first:.2f}x")


if __name__ == "__main__":
    main()

"""``summarizer bulk --batch`` on many articles against the fake Batch API: what the client pays.

Run: python benchmarks/bulk_batch.py [--articles 2000] [--repeats 1]

Each run is the real CLI in a subprocess against ``tests/fake_openai.py``'s Batch API (files and
batches on 127.0.0.1, in this process; its answers are the stand-in's hand-written extraction,
``standin_server.completion``, not a model's). Reported: client CPU per article (user + system
of the bulk process), requests and bytes uploaded, batches made, wall time; side by side, the
same articles through the live path (``--workers 1``, the same server answering at once), whose
client CPU per article is the baseline. The batch run polls every 0.05 s at most (``--batch-poll``),
so its wall time is mostly the client's own work.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
from bulk_run import Measured, count_ok, run_bulk
from fake_openai import FakeOpenAI, Received, Reply
from standin_server import article, completion


def _answer(cid: str, body: dict[str, Any]) -> Reply:
    return Reply.json(completion(body))


def _live(received: Received) -> Reply:
    return Reply.json(completion(received.json()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    n = args.articles
    runs: dict[str, list[Measured]] = {"batch": [], "live": []}
    uploads: list[tuple[int, int, int]] = []
    with tempfile.TemporaryDirectory() as tmp, FakeOpenAI() as server:
        server.batches.answer = _answer
        server.default = _live
        src = Path(tmp) / "in.jsonl"
        with open(src, "w", encoding="utf-8") as f:
            for i in range(n):
                f.write(json.dumps({"id": f"a{i}", "text": article(i)}) + "\n")
        for r in range(args.repeats):
            for label in ("batch", "live"):
                out = Path(tmp) / f"{label}-{r}.jsonl"
                cmd = [str(src), "-o", str(out), "--model", "standin", "--base-url", server.url]
                cmd += ["--no-cache", "--workers", "1", "--concurrency", "64"]
                if label == "batch":
                    cmd += ["--batch", "--batch-poll", "0.05"]
                    seen = set(server.batches.content)
                m = run_bulk(cmd)
                if m.returncode != 0 or count_ok(out) != n:
                    sys.exit(f"{label} run failed ({m.returncode}): {m.stderr[-2000:]}")
                runs[label].append(m)
                if label == "batch":
                    mine = [
                        c
                        for fid, c in server.batches.content.items()
                        if fid not in seen and server.batches.files[fid]["purpose"] == "batch"
                    ]
                    uploads.append(
                        (len(mine), sum(len(c.splitlines()) for c in mine), sum(map(len, mine)))
                    )
    print(f"bulk --batch: {n} articles, fake Batch API on 127.0.0.1")
    print(f"{'run':<6} {'wall s':>7} {'CPU s':>7} {'CPU ms/article':>15} {'peak RSS MB':>12}")
    per = {}
    for label, ms in runs.items():
        cpu = statistics.median(m.cpu_seconds for m in ms)
        per[label] = cpu / n * 1000
        wall = statistics.median(m.seconds for m in ms)
        rss = statistics.median(m.max_process_rss_mb for m in ms)
        print(f"{label:<6} {wall:>7.2f} {cpu:>7.2f} {per[label]:>15.2f} {rss:>12.0f}")
    files, requests, size = uploads[-1]
    print(f"batch/live client CPU per article: {per['batch'] / per['live']:.2f}x")
    print(
        f"uploaded: {files} file(s), {requests:,} requests, {size:,} bytes "
        f"({size / requests:,.0f} bytes a request)"
    )


if __name__ == "__main__":
    main()

"""Bulk throughput and memory on the LLM path, against a stand-in server with a fixed delay.

Run: python benchmarks/bulk_throughput.py [--sizes 500 2000] [--repeats 3] [--delay 0.5]
                                           [--concurrency 64] [-- extra bulk flags]
Archive size (issue 13): python benchmarks/bulk_throughput.py --sizes 2000 10000 --repeats 1

Each run is the real CLI in a subprocess (start-up included) over generated articles (distinct
texts, ``--no-cache``), against ``standin_server.py`` on 127.0.0.1. The baseline is the ideal
time, ``articles / concurrency * delay``. Targets (issue 4): ratio <= 1.1 for 2,000 articles at
``--concurrency 64``, 0.5 s; peak memory < 400 MB and flat in the number of articles (compare
the sizes); issue 13: <= 1.08 for 10,000, and the first request at the server within 1.5 s of
the launch ("first req s", from the stand-in's arrival times; same clock, same machine). Medians of the repeats are reported. Rows run side by side, in the same loop:

- summarizer: ``summarizer bulk`` as a user runs it.
- engine only: the same bulk run with a backend that only awaits the delay: the bulk machinery
  (inputs, resume, workers, output) without the LLM client's per-request work. It still pays
  the SDK import, as any run with ``--model`` does.
- bare SDK: instructor over ``AsyncOpenAI`` alone, the same requests at the same concurrency
  from one event loop, results thrown away: what the client libraries reach with nothing
  around them.
- floor: the least any client on these libraries can take: starting Python, importing openai
  and instructor and the SDK's chat resources (a subprocess, measured), plus
  ``ceil(articles / concurrency)`` rounds of the delay.
"""

from __future__ import annotations

import argparse
import json
import math
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
from summarizer.backends.base import BackendBase, Draft
from summarizer.bulk.run import BulkOptions, run_bulk
from summarizer.bulk.work import Job
from summarizer.settings import Settings

class Sleeper(BackendBase):  # answers after the delay, with nothing to build, send or validate
    name = "llm"
    bound = "io"
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


BARE_SDK = """
import asyncio, json, sys
import instructor, openai
from pydantic import BaseModel

class ArticleExtraction(BaseModel):  # the answer's top level, without our validators
    summary: dict
    events: list[dict]
    claims: list[dict]
    quotes: list[dict]

async def main(src, url, concurrency):
    client = instructor.from_openai(
        openai.AsyncOpenAI(api_key="x", base_url=url, max_retries=0,
                           http_client=openai.DefaultAioHttpClient()),
        mode=instructor.Mode.TOOLS,
    )
    slots = asyncio.Semaphore(concurrency)
    async def one(text):
        try:
            await client.chat.completions.create(
                model="standin", response_model=ArticleExtraction, max_retries=0,
                messages=[{"role": "system", "content": "Extract events, claims and quotes."},
                          {"role": "user", "content": text}])
        finally:
            slots.release()
    tasks = set()
    with open(src, encoding="utf-8") as f:
        for line in f:
            await slots.acquire()
            task = asyncio.create_task(one(json.loads(line)["text"]))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
    await asyncio.gather(*tasks)
    await client.client.close()

asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
"""

SDK_SETUP = """
import os, sys
import instructor, openai
client = openai.AsyncOpenAI(api_key="x", base_url=sys.argv[1], max_retries=0)
instructor.patch(create=client.chat.completions.create, mode=instructor.Mode.TOOLS)
os._exit(0)
"""


LABELS = ("summarizer", "engine only", "bare SDK", "floor")


def engine_only(
    src: Path, out: Path, delay: float, concurrency: int, workers: str | None
) -> Measured:
    argv = [sys.executable, "-c", ENGINE_ONLY, str(src), str(out), str(delay), str(concurrency)]
    return run_measured(argv + ([workers] if workers else []))


def bare_sdk(src: Path, url: str, concurrency: int) -> Measured:
    return run_measured([sys.executable, "-c", BARE_SDK, str(src), url, str(concurrency)])


def floor(url: str, n: int, delay: float, concurrency: int) -> Measured:
    """The SDK's set-up, measured, plus the rounds of the delay that ``n`` articles need."""
    m = run_measured([sys.executable, "-c", SDK_SETUP, url])
    m.seconds += math.ceil(n / concurrency) * delay
    return m


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--delay", type=float, default=0.5)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("extra", nargs="*", help="more flags for summarizer bulk (after --)")
    args = parser.parse_args()
    server = StandIn(args.delay).start()
    table: list[tuple[int, float, dict[str, list[Measured]]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            src = Path(tmp) / f"in-{n}.jsonl"
            with open(src, "w", encoding="utf-8") as f:
                for i in range(n):
                    f.write(json.dumps({"id": f"a{i}", "text": article(i)}) + "\n")
            ideal = n / args.concurrency * args.delay
            workers = (
                args.extra[args.extra.index("--workers") + 1] if "--workers" in args.extra else None
            )
            runs: dict[str, list[Measured]] = {label: [] for label in LABELS}
            for r in range(args.repeats):  # the rows take turns, so noise falls on all of them
                out = Path(tmp) / f"out-{n}-{r}.jsonl"
                cmd = [str(src), "-o", str(out), "--model", "standin", "--base-url", server.url]
                cmd += ["--concurrency", str(args.concurrency), "--no-cache", *args.extra]
                m = run_bulk(cmd)
                first = server.first_after(m.launched)
                m.first_request = None if first is None else first - m.launched
                ok = count_ok(out)
                if m.returncode != 0 or ok != n:
                    sys.exit(f"run failed ({m.returncode}, {ok}/{n} ok): {m.stderr[-2000:]}")
                runs["summarizer"].append(m)
                print(
                    f"  {n} articles, run {r + 1}: {m.seconds:.2f} s ({m.seconds / ideal:.3f}x ideal), "
                    f"peak {m.tree_mb:.0f} MB all processes (PSS), {m.max_process_rss_mb:.0f} MB "
                    f"largest process",
                    file=sys.stderr,
                )
                out = Path(tmp) / f"base-{n}-{r}.jsonl"
                m = engine_only(src, out, args.delay, args.concurrency, workers)
                if m.returncode != 0 or count_ok(out) != n:
                    sys.exit(f"engine-only run failed: {m.stderr[-2000:]}")
                runs["engine only"].append(m)
                m = bare_sdk(src, server.url, args.concurrency)
                first = server.first_after(m.launched)
                m.first_request = None if first is None else first - m.launched
                if m.returncode != 0:
                    sys.exit(f"bare SDK run failed: {m.stderr[-2000:]}")
                runs["bare SDK"].append(m)
                runs["floor"].append(floor(server.url, n, args.delay, args.concurrency))
            table.append((n, ideal, runs))
    server.stop()
    print(
        f"bulk throughput: delay {args.delay} s, --concurrency {args.concurrency} {' '.join(args.extra)}"
    )
    print(
        f"{'run':<12} {'articles':>8} {'ideal s':>8} {'median s':>9} {'ratio':>6} "
        f"{'vs floor':>8} {'PSS MB (all)':>13} {'RSS MB (largest)':>17} {'first req s':>12}"
    )
    for n, ideal, runs in table:
        least = statistics.median(m.seconds for m in runs["floor"])
        for label in LABELS:
            secs = statistics.median(m.seconds for m in runs[label])
            rss = statistics.median(m.tree_mb for m in runs[label])
            big = statistics.median(m.max_process_rss_mb for m in runs[label])
            firsts = [m.first_request for m in runs[label] if m.first_request is not None]
            first = f"{statistics.median(firsts):>12.2f}" if firsts else f"{'-':>12}"
            print(
                f"{label:<12} {n:>8} {ideal:>8.2f} {secs:>9.2f} {secs / ideal:>6.3f} "
                f"{secs / least:>8.3f} {rss:>13.0f} {big:>17.0f} {first}"
            )
    if len(table) > 1:
        first, last = (
            statistics.median(m.tree_mb for m in t[2]["summarizer"]) for t in (table[0], table[-1])
        )
        print(f"memory growth {table[0][0]} -> {table[-1][0]} articles: {last / first:.2f}x")


if __name__ == "__main__":
    main()

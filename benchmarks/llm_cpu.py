"""Client CPU per article on the LLM path: what bounds ``summarizer bulk`` at high concurrency.

Run: python benchmarks/llm_cpu.py [--articles 300] [--concurrency 64] [--mode tools|json]
                                  [--profile out.prof]

The bulk per-article function (``Worker.aprocess``: load, segment, the instructor request,
validation, grounding, the output line) runs over generated articles against
``standin_server.py`` with no delay, in a separate process, so only the client's CPU is counted
(``time.process_time`` of this process). The first article is run alone and reported apart: it
pays the client libraries' one-off set-up. A baseline row runs the same function with a backend
that returns an empty draft at once (the bulk machinery without the LLM client). At
``--concurrency 64`` and 0.5 s per answer, 2,000 articles in 1.1x the ideal 15.6 s leave the
client about 7.8 ms of CPU per article on one core, less on a shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from standin_server import article

from summarizer import _speedups
from summarizer.backends.base import BackendBase, Bound, Draft
from summarizer.bulk.inputs import Item
from summarizer.bulk.runner import make_worker, preload
from summarizer.bulk.work import Job, Worker
from summarizer.document import Document
from summarizer.pipeline import backend_for
from summarizer.settings import Settings

_speedups.install()  # measure what the CLI runs


class Empty(BackendBase):
    """A backend with nothing to do: the bulk function's own cost."""

    name = "llm"
    bound: Bound = "io"

    def __init__(self, settings: Settings) -> None:
        pass

    async def aextract(self, doc: Document) -> Draft:
        return Draft()


def _items(n: int, offset: int) -> list[Item]:
    return [Item(id=f"a{i}", origin=f"a{i}", text=article(i)) for i in range(offset, offset + n)]


async def _all(worker: Worker, items: list[Item], concurrency: int) -> None:
    slots = asyncio.Semaphore(concurrency)

    async def one(item: Item) -> None:
        async with slots:
            outcome = await worker.aprocess(item)
            if not outcome.ok:
                raise SystemExit(f"article {item.id} failed: {outcome.line[:300]}")

    await asyncio.gather(*(one(i) for i in items))


async def measure(worker: Worker, items: list[Item], concurrency: int) -> float:
    """CPU ms per article of one run over ``items``."""
    cpu = time.process_time()
    await _all(worker, items, concurrency)
    return (time.process_time() - cpu) * 1000 / len(items)


async def runs(args: argparse.Namespace, job: Job) -> tuple[float, list[float], list[float]]:
    """The first article alone, then the repeats of both rows, on one event loop (the client's
    connection pool belongs to its loop)."""
    worker = make_worker(job, backend_for)
    first = await measure(worker, _items(1, 10**6), 1)
    llm, base = [], []
    empty = make_worker(job, Empty)
    for r in range(args.repeats):
        llm.append(
            await measure(worker, _items(args.articles, r * args.articles), args.concurrency)
        )
        base.append(
            await measure(empty, _items(args.articles, r * args.articles), args.concurrency)
        )
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        await measure(worker, _items(args.articles, 10**5), args.concurrency)
        profiler.disable()
        profiler.dump_stats(args.profile)
    await worker.aclose()
    return first, llm, base


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--mode", default="tools", choices=("tools", "json"))
    parser.add_argument("--profile", help="write a cProfile of one more run here")
    args = parser.parse_args()
    server = subprocess.Popen(
        [sys.executable, str(Path(__file__).parent / "standin_server.py"), "--delay", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        settings = Settings(model="standin", options={"base_url": url, "mode": args.mode})
        job = Job(settings)
        started = time.process_time()
        preload(make_worker(job, backend_for).backends)
        imports = (time.process_time() - started) * 1000
        served = _cpu_seconds(server.pid)
        first, llm, base = asyncio.run(runs(args, job))
        served = _cpu_seconds(server.pid) - served
    finally:
        server.terminate()
        server.wait()
    cpu = statistics.median(llm)
    floor = statistics.median(base)
    print(
        f"LLM path CPU per article, mode {args.mode}, {args.articles} articles x {args.repeats}, "
        f"--concurrency {args.concurrency} (medians)"
    )
    print(f"  import openai + instructor      {imports:8.0f} ms once")
    print(f"  first article (lazy set-up)     {first:8.1f} ms once")
    print(f"  summarizer per article          {cpu:8.2f} ms CPU")
    print(f"  empty backend per article       {floor:8.2f} ms CPU (bulk machinery, baseline)")
    print(f"  LLM client share                {cpu - floor:8.2f} ms CPU")
    requests = 1 + args.repeats * args.articles + (args.articles if args.profile else 0)
    print(f"  stand-in server per request     {served * 1000 / requests:8.2f} ms CPU (its process)")


if __name__ == "__main__":
    main()

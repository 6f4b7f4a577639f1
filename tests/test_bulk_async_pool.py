"""The asyncio engine over worker processes: stopping it while articles wait to be handed out."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

RUN = """
import asyncio, sys
from pathlib import Path
from summarizer.backends.base import BackendBase
from summarizer.bulk.run import BulkOptions, run_bulk
from summarizer.bulk.work import Job
from summarizer.settings import Settings

class Never(BackendBase):  # a server that never answers: every slot stays taken
    name = "never"
    bound = "io"
    def __init__(self, settings): pass
    async def aextract(self, doc):
        await asyncio.Event().wait()

src, out = sys.argv[1:]
options = BulkOptions([src], Path(out), Job(Settings(model="never")), concurrency=2, workers=2,
                      progress=False)
run_bulk(options, factory=Never)
"""


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as f:
            found += [int(c) for c in f.read().split()]
    return found


def test_sigterm_ends_the_run_while_the_queue_to_the_workers_is_full(tmp_path: Path) -> None:
    """Articles big enough that those queued for the workers fill the pipe to them: after
    SIGTERM the workers are gone and nothing reads it, yet the run must end (it used to wait
    forever for the queue's feeder thread to finish writing)."""
    src = tmp_path / "in.jsonl"
    text = "Officials said the river had peaked. " * 2000  # ~74 KB an article
    src.write_text("".join(json.dumps({"id": f"a{i}", "text": text}) + "\n" for i in range(20)))
    run = subprocess.Popen(
        [sys.executable, "-c", RUN, str(src), str(tmp_path / "out.jsonl")],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while len(_children(run.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1.0)  # the workers take their articles; the rest wait in the pipe
        run.send_signal(signal.SIGTERM)
        code = run.wait(timeout=20)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert code != 0, "the run should stop as interrupted"

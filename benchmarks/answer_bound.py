"""Seconds per article with the answer bounded (``max_tokens`` from the article) and unbounded.

Usage (a llama.cpp server on 127.0.0.1, e.g. ../shared/tools/local-model serve 0.5b 8090):

    python benchmarks/answer_bound.py --base-url http://127.0.0.1:8090/v1 \
        --model qwen2.5-coder-0.5b [--article fixtures/articles/012_council_vote.txt] \
        [--modes json,tools] [--timeout 600]

Each mode runs ``summarizer summarise`` twice, side by side: as it is (the bound set from the
article's length) and with ``--max-tokens 100000`` (no bound a server would reach: requests as
they were before issue 11 set one). A small model that runs away keeps writing until the context
is full, or the client gives up (``--timeout``) and re-asks. Reported per run: exit code,
seconds, requests, prompt and completion tokens, and the items the record kept.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNBOUNDED = "100000"


def summarise(args: argparse.Namespace, mode: str, bounded: bool) -> dict[str, object]:
    argv = [sys.executable, "-m", "summarizer", "summarise", str(args.article)]
    argv += ["--base-url", args.base_url, "--model", args.model, "--mode", mode]
    argv += ["--timeout", str(args.timeout), "--max-retries", "1", "--format", "json"]
    if not bounded:
        argv += ["--max-tokens", UNBOUNDED]
    env = {**os.environ, "OPENAI_API_KEY": os.environ.get("OPENAI_API_KEY", "local")}
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT)
    row: dict[str, object] = {
        "mode": mode,
        "bound": "from the article" if bounded else f"--max-tokens {UNBOUNDED}",
        "exit": done.returncode,
        "seconds": round(time.perf_counter() - started, 1),
    }
    if done.returncode == 0:
        record = json.loads(done.stdout)
        row["usage"] = record["meta"]["usage"]
        row["items"] = {k: len(record[k]) for k in ("quotes", "claims", "events")}
    else:
        row["error"] = done.stderr.strip().splitlines()[-1:]
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--article", type=Path, default=ROOT / "fixtures/articles/012_council_vote.txt")
    ap.add_argument("--modes", default="json,tools")
    ap.add_argument("--timeout", type=float, default=600.0)
    args = ap.parse_args()
    for mode in args.modes.split(","):
        for bounded in (True, False):
            print(json.dumps(summarise(args, mode, bounded)), flush=True)


if __name__ == "__main__":
    main()

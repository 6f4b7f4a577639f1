"""Seconds per article with a GGUF model in process (``--model gguf:PATH``) against the same file
behind llama.cpp's server (``--base-url ... --mode json``), side by side in one run.

Both use the same number of threads, the same prompt and the same grounding; the tokens are
printed, since the two may answer at different lengths, and a server that has just seen the same
request answers from its prompt cache (use an article it has not seen). The server must be
started beforehand with that model (``../shared/tools/local-model/local-model serve 1.5b PORT``).
On a shared machine run it once and say so: one article takes minutes on two cores.

    python benchmarks/local_model.py MODEL.gguf --base-url http://127.0.0.1:8090/v1 \\
        --served-name qwen2.5-coder-1.5b [--article fixtures/articles/000_1c6f5c5be20c7c12.txt]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from summarizer import _speedups
from summarizer.backends.gguf import GGUFBackend
from summarizer.models import Extraction
from summarizer.pipeline import summarise
from summarizer.settings import Settings

_speedups.install()  # measure what the CLI runs

REFERENCE = Path(__file__).resolve().parent.parent / "fixtures/articles/000_1c6f5c5be20c7c12.txt"


def in_process(text: str, model: Path, threads: int) -> tuple[float, str]:
    """Seconds for one article, model load included (a CLI run pays it once per article)."""
    started = time.perf_counter()
    backend = GGUFBackend(Settings(model=f"gguf:{model}"), n_threads=threads)
    result = summarise(text, backend=backend)
    return time.perf_counter() - started, _counts(result)


def served(text: str, base_url: str, name: str) -> tuple[float, str]:
    started = time.perf_counter()
    result = summarise(text, model=name, base_url=base_url, mode="json", timeout=1800)
    return time.perf_counter() - started, _counts(result)


def _counts(r: Extraction) -> str:
    return (
        f"{len(r.quotes)} quotes, {len(r.claims)} claims, {len(r.events)} events, "
        f"{r.meta.usage.requests} requests, {r.meta.usage.prompt_tokens} prompt and "
        f"{r.meta.usage.completion_tokens} completion tokens, {len(r.meta.warnings)} warnings"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--served-name", required=True)
    parser.add_argument("--article", type=Path, default=REFERENCE)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    os.environ.setdefault("OPENAI_API_KEY", "local")
    text = args.article.read_text(encoding="utf-8")
    local: list[float] = []
    server: list[float] = []
    for _ in range(args.repeats):  # interleaved, so load on the machine hits both alike
        seconds, what = in_process(text, args.model, args.threads)
        local.append(seconds)
        print(f"in process: {seconds:.1f} s ({what})", flush=True)
        seconds, what = served(text, args.base_url, args.served_name)
        server.append(seconds)
        print(f"server:     {seconds:.1f} s ({what})", flush=True)
    a, b = statistics.median(local), statistics.median(server)
    print(f"median s/article: in process {a:.1f}, server {b:.1f}, ratio {a / b:.2f}x")


if __name__ == "__main__":
    main()

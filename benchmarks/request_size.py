"""Size of what the LLM backend sends: the fixed part of every request, and a whole request.

Run: python benchmarks/request_size.py [--base-url http://127.0.0.1:8089/v1 --model NAME]
Target (issue 2): the fixed part (instructions and schema, without the article) under 6,000
characters. The requests are captured as they go over HTTP, to the stand-in server of
tests/fake_openai.py, so what is counted is the real request body (compact JSON, characters).
The fixed part is the body for a one-sentence article "X" less the 5 characters of "[1] X".
Rows: each mode (tools, json), for that one-sentence article and for the reference article,
with the article's share of the request. With ``--base-url`` the same requests go to a real
server with ``max_tokens=1`` and its prompt-token counts are printed too (what prefill costs).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fake_openai import FakeOpenAI, content_reply, tool_reply  # noqa: E402

from summarizer import _speedups  # noqa: E402
from summarizer.backends.openai import LLMBackend  # noqa: E402
from summarizer.document import Document  # noqa: E402
from summarizer.errors import ExtractionError, SummarizerError  # noqa: E402
from summarizer.loading import load, source_for  # noqa: E402
from summarizer.pipeline import prepare  # noqa: E402
from summarizer.settings import Settings  # noqa: E402

_speedups.install()  # measure what the CLI runs

REFERENCE = ROOT / "fixtures" / "articles" / "000_1c6f5c5be20c7c12.txt"
EMPTY_ANSWER = {
    "summary": {"headline": "", "text": "", "key_points": []},
    "events": [],
    "claims": [],
    "quotes": [],
}


def body_size(doc: Document, mode: str) -> int:
    """Characters of the request body the backend sends for ``doc``."""
    with FakeOpenAI() as server:
        server.default = content_reply(EMPTY_ANSWER) if mode == "json" else tool_reply(EMPTY_ANSWER)
        with contextlib.suppress(ExtractionError):  # an empty answer is no success: asked again
            options = {"base_url": server.url, "mode": mode}
            LLMBackend(Settings(model="m", options=options, max_retries=0)).extract(doc)
        return len(server.requests[0].body.decode("utf-8"))


def prompt_tokens(doc: Document, mode: str, base_url: str, model: str) -> int:
    """Prompt tokens a real server counts for ``doc`` (asked for a one-token answer)."""
    options = {"base_url": base_url, "mode": mode, "timeout": 900.0}
    settings = Settings(model=model, options=options, max_retries=0, max_tokens=1)
    try:
        draft = LLMBackend(settings).extract(doc)
    except SummarizerError as exc:
        return exc.spent[1]
    return draft.usage.prompt_tokens


def main() -> None:
    ap = argparse.ArgumentParser(description="fixed part of every LLM request")
    ap.add_argument("--base-url", help="also count prompt tokens on this server")
    ap.add_argument("--model", default="m")
    args = ap.parse_args()
    one = Document(text="X", source=source_for("X"), paragraphs=[(0, 1)], sentences=[(0, 1)])
    reference = prepare(load(str(REFERENCE)), Settings())
    print(f"{'mode':<6} {'fixed part':>10} {'reference request':>18} {'article share':>14}")
    for mode in ("tools", "json"):
        fixed = body_size(one, mode) - len("[1] X")
        whole = body_size(reference, mode)
        print(f"{mode:<6} {fixed:>10,} {whole:>18,} {1 - fixed / whole:>14.0%}")
    if args.base_url:
        print(f"{'mode':<6} {'fixed tokens':>12} {'reference tokens':>17}")
        for mode in ("tools", "json"):
            fixed = prompt_tokens(one, mode, args.base_url, args.model)
            whole = prompt_tokens(reference, mode, args.base_url, args.model)
            print(f"{mode:<6} {fixed:>12,} {whole:>17,}")


if __name__ == "__main__":
    main()

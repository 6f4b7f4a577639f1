"""An OpenAI-compatible stand-in for bulk figures: answers every chat completion after a delay.

Not a model: every answer is the same hand-written extraction of the articles ``article(i)``
generates (a valid ``ArticleExtraction`` for the LLM backend, grounded in those articles), sent
as a tool call when the request offers tools and as message content otherwise (JSON mode).
Answers are serialised once per request shape (``answer_for``): the server shares the cores.

It runs in a process of its own on aiohttp's web server (one event loop, TCP_NODELAY, as
uvicorn under vLLM): answers go out on time. The first version, a thread per connection inside
the benchmark's process, shared a GIL with the memory sampler and 64 sleeping threads, and
without TCP_NODELAY Nagle's algorithm held each answer's body ~40 ms behind its headers.

    python benchmarks/standin_server.py --delay 0.5      # prints its base URL, serves until killed
    GET /stats?since=T -> {"requests": N, "first": epoch seconds of the first request after T}
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import json
import subprocess
import sys
import time
import urllib.request
from functools import lru_cache
from pathlib import Path
from typing import Any

from aiohttp import web

TOWNS = ("Avila", "Brno", "Cork", "Dax", "Elche", "Faro", "Gdynia", "Hull", "Ioannina", "Jena")

ANSWER: dict[str, Any] = {
    "summary": {
        "headline": "River peaks; two arrested for looting",
        "text": "Officials said the river had peaked. Police arrested two men for looting.",
        "key_points": [1],
    },
    "events": [
        {
            "description": "Police arrested two men for looting",
            "type": "arrest",
            "sentences": [1],
            "trigger": "arrested",
            "actors": ["Police"],
            "targets": ["two men"],
            "time": "on Tuesday",
        }
    ],
    "claims": [
        {
            "sentence": 1,
            "text": "the river had peaked",
            "statement": "The river had peaked.",
            "claimant": "Officials",
            "kind": "reported",
        }
    ],
    "quotes": [
        {
            "sentence": 1,
            "text": "We will rebuild the bridge by spring",
            "kind": "direct",
            "speaker": "Ana Lopez",
            "mention": "Mayor Ana Lopez",
            "cue": "said",
        }
    ],
}


def article(i: int, paragraphs: int = 6) -> str:
    """Article number ``i``: distinct text (so no cache hits), about 250 words, grounded above."""
    town = TOWNS[i % len(TOWNS)]
    body = [
        f'Officials in {town} said on Monday that the river had peaked. "We will rebuild the '
        f'bridge by spring," Mayor Ana Lopez said. Police arrested two men for looting on Tuesday.'
    ]
    for p in range(paragraphs - 1):
        body.append(
            f"Residents of district {i}-{p} returned to their homes as the water receded. "
            "Volunteers cleared mud from the streets while engineers inspected the embankments. "
            "Schools will stay closed until the end of the week, the council said."
        )
    return f"Flood defences hold in {town} (report {i})\n\n" + "\n\n".join(body) + "\n"


def completion(body: dict[str, Any]) -> dict[str, Any]:
    """The chat.completion answering ``body``: a tool call if it offers tools, else content."""
    arguments = json.dumps(ANSWER)
    if body.get("tools"):
        name = body["tools"][0]["function"]["name"]
        call = {
            "id": "call_1",
            "type": "function",
            "function": {"name": name, "arguments": arguments},
        }
        message: dict[str, Any] = {"role": "assistant", "content": None, "tool_calls": [call]}
        finish = "tool_calls"
    else:
        message, finish = {"role": "assistant", "content": arguments}, "stop"
    prompt_tokens = max(1, len(json.dumps(body.get("messages", []))) // 4)
    return {
        "id": "chatcmpl-standin",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "standin"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": 180,
            "total_tokens": prompt_tokens + 180,
        },
    }


@lru_cache(maxsize=64)
def _answer_bytes(tool: str | None, model: str, prompt_tokens: int) -> bytes:
    """``completion``'s JSON for one shape of request, serialised once: the stand-in shares the
    client's cores, so it should cost as little as possible per request."""
    body: dict[str, Any] = {"model": model, "messages": [{"content": "x" * (4 * prompt_tokens)}]}
    if tool is not None:
        body["tools"] = [{"function": {"name": tool}}]
    answer = completion(body)
    answer["usage"]["prompt_tokens"] = prompt_tokens
    answer["usage"]["total_tokens"] = prompt_tokens + 180
    return json.dumps(answer).encode()


def answer_for(raw: bytes) -> bytes:
    """The response body for request body ``raw``; prompt tokens estimated from its size
    (rounded to 256, so a few cached answers serve every article)."""
    body = json.loads(raw or b"{}")
    tools = body.get("tools")
    tool = tools[0]["function"]["name"] if tools else None
    prompt_tokens = max(1, len(raw) // 4 // 256 * 256)
    return _answer_bytes(tool, str(body.get("model", "standin")), prompt_tokens)


class StandIn:
    """The server, in a child process; ``url`` is its OpenAI base URL."""

    def __init__(self, delay: float = 0.5) -> None:
        self.delay = delay
        self.url = ""
        self._proc: subprocess.Popen[str] | None = None

    def start(self) -> StandIn:
        self._proc = subprocess.Popen(
            [sys.executable, str(Path(__file__)), "--delay", str(self.delay)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._proc.stdout is not None
        self.url = self._proc.stdout.readline().strip()
        if not self.url:
            sys.exit("the stand-in server did not start")
        return self

    @property
    def pid(self) -> int:
        assert self._proc is not None
        return self._proc.pid

    @property
    def requests(self) -> int:
        """Chat completions served so far."""
        with urllib.request.urlopen(self.url.removesuffix("/v1") + "/stats") as response:
            return int(json.load(response)["requests"])

    def first_after(self, since: float) -> float | None:
        """When (``time.time()``) the first chat completion after ``since`` arrived."""
        url = self.url.removesuffix("/v1") + f"/stats?since={since}"
        with urllib.request.urlopen(url) as response:
            first = json.load(response)["first"]
        return None if first is None else float(first)

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            self._proc.wait()


def app(delay: float) -> web.Application:
    served = 0
    arrived: list[float] = []  # time.time() of each request, in order

    async def completions(request: web.Request) -> web.Response:
        nonlocal served
        arrived.append(time.time())
        data = answer_for(await request.read())
        served += 1
        await asyncio.sleep(delay)
        return web.Response(body=data, content_type="application/json")

    async def stats(request: web.Request) -> web.Response:
        since = float(request.query.get("since", "0"))
        n = bisect.bisect_right(arrived, since)
        return web.json_response(
            {"requests": served, "first": arrived[n] if n < len(arrived) else None}
        )

    application = web.Application(client_max_size=64 * 1024 * 1024)
    application.router.add_post("/v1/chat/completions", completions)
    application.router.add_get("/stats", stats)
    return application


async def serve(delay: float) -> None:
    runner = web.AppRunner(app(delay), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
    await site.start()
    port = runner.addresses[0][1]
    print(f"http://127.0.0.1:{port}/v1", flush=True)
    await asyncio.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.5, help="seconds before each answer")
    args = parser.parse_args()
    try:
        asyncio.run(serve(args.delay))
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()

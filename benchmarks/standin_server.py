"""An OpenAI-compatible stand-in for bulk figures: answers every chat completion after a delay.

Not a model: every answer is the same hand-written extraction of the articles ``article(i)``
generates (a valid ``ArticleExtraction`` for the LLM backend, grounded in those articles), sent
as a tool call when the request offers tools and as message content otherwise (JSON mode).
Answers are serialised once per request shape (``answer_for``): the server shares the cores.
A threading server with a deep listen backlog, so 64+ concurrent requests are served at once.
TCP_NODELAY is set, as production servers (uvicorn, vLLM) do: without it Nagle's algorithm held
each answer's body behind its headers until the client's delayed ACK, ~40 ms per request.

    python benchmarks/standin_server.py --delay 0.5      # prints its base URL, serves until killed
    GET /stats -> {"requests": N}
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

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
    """The server; ``url`` is its OpenAI base URL, ``requests`` how many completions it served."""

    def __init__(self, delay: float = 0.5) -> None:
        self.delay = delay
        self.requests = 0
        self._lock = threading.Lock()
        ThreadingHTTPServer.request_queue_size = 1024
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def start(self) -> StandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def _send(self, data: bytes) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._send(json.dumps({"requests": server.requests}).encode())

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                data = answer_for(self.rfile.read(length))
                with server._lock:
                    server.requests += 1
                time.sleep(server.delay)
                self._send(data)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet."""

        return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.5, help="seconds before each answer")
    args = parser.parse_args()
    server = StandIn(args.delay).start()
    print(server.url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()
        sys.exit(0)


if __name__ == "__main__":
    main()

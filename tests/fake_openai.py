"""A scriptable OpenAI-compatible HTTP server for tests: real sockets, 127.0.0.1, ephemeral port.

Every response it gives is hand-written by the test that scripts it (a test double, not a model).
Script it with ``server.push(reply, ...)``: replies are served in order, one per request, and
``server.default`` answers once the script runs out. A reply is a ``Reply`` (status, JSON or raw
body, headers, delay) or a callable ``(Received) -> Reply`` for answers that depend on the
request. ``server.requests`` records what arrived, so a test can count attempts.

    with FakeOpenAI() as server:
        server.push(Reply.error(429, headers={"Retry-After": "0"}), tool_reply({...}))
        client = openai.OpenAI(base_url=server.url, api_key="test")

The ``fake_openai`` fixture in ``conftest.py`` starts one per test and stops it afterwards.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    """One request as the server saw it; header names are lower-cased."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    at: float = field(default_factory=time.monotonic)

    def json(self) -> Any:
        return json.loads(self.body or b"null")


@dataclass
class Reply:
    """One scripted response; ``delay`` seconds pass before it is sent (to provoke timeouts)."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0

    @classmethod
    def json(cls, payload: Any, status: int = 200, **kwargs: Any) -> Reply:
        headers = {"Content-Type": "application/json", **kwargs.pop("headers", {})}
        return cls(status=status, body=json.dumps(payload).encode(), headers=headers, **kwargs)

    @classmethod
    def error(cls, status: int, message: str = "scripted failure", **kwargs: Any) -> Reply:
        payload = {"error": {"message": message, "type": "server_error", "code": status}}
        return cls.json(payload, status=status, **kwargs)


Script = Reply | Callable[[Received], Reply]


def completion(
    message: dict[str, Any],
    *,
    finish_reason: str = "stop",
    model: str = "fake-model",
    prompt_tokens: int = 100,
    completion_tokens: int = 20,
) -> dict[str, Any]:
    """A chat.completion object around one assistant ``message``."""
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [
            {"index": 0, "message": message, "finish_reason": finish_reason, "logprobs": None}
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def tool_reply(
    arguments: dict[str, Any] | str, *, name: str = "ArticleExtraction", **kwargs: Any
) -> Reply:
    """A tools-mode answer calling ``name`` with ``arguments`` (a dict, or raw text as sent)."""
    raw = arguments if isinstance(arguments, str) else json.dumps(arguments)
    call = {"id": "call_1", "type": "function", "function": {"name": name, "arguments": raw}}
    finish = kwargs.pop("finish_reason", "tool_calls")
    message = {"role": "assistant", "content": None, "tool_calls": [call]}
    return Reply.json(completion(message, finish_reason=finish, **kwargs))


def content_reply(content: dict[str, Any] | str, **kwargs: Any) -> Reply:
    """A JSON-mode answer whose message content is ``content`` (a dict, or raw text as sent)."""
    text = content if isinstance(content, str) else json.dumps(content)
    return Reply.json(completion({"role": "assistant", "content": text}, **kwargs))


class FakeOpenAI:
    """The server; ``url`` is its OpenAI base URL (``http://127.0.0.1:PORT/v1``)."""

    def __init__(self) -> None:
        self.requests: list[Received] = []
        self.in_flight = 0
        self.peak_in_flight = 0  # the most requests it was answering at once
        self.default: Script = Reply.error(500, "nothing scripted")
        self._script: deque[Script] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def push(self, *replies: Script) -> None:
        """Queue replies for the next requests, in order."""
        with self._lock:
            self._script.extend(replies)

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; a reply still waiting out its delay is abandoned."""
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _next(self, received: Received) -> Reply:
        with self._lock:
            self.requests.append(received)
            script = self._script.popleft() if self._script else self.default
        return script(received) if callable(script) else script

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                received = Received(self.command, self.path, headers, body)
                with server._lock:
                    server.in_flight += 1
                    server.peak_in_flight = max(server.peak_in_flight, server.in_flight)
                try:
                    self._answer(server._next(received))
                finally:
                    with server._lock:
                        server.in_flight -= 1

            def _answer(self, reply: Reply) -> None:
                if reply.delay and server._stopping.wait(reply.delay):
                    return
                try:
                    self.send_response(reply.status)
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout test): nothing to answer

            do_GET = do_POST = _serve

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: tests read ``server.requests`` instead of a log."""

        return Handler

"""A scriptable OpenAI-compatible HTTP server for tests: real sockets, 127.0.0.1, ephemeral port.

Every response it gives is hand-written by the test that scripts it (a test double, not a model).
Script it with ``server.push(reply, ...)``: replies are served in order, one per request, and
``server.default`` answers once the script runs out. A reply is a ``Reply`` (status, JSON or raw
body, headers, delay) or a callable ``(Received) -> Reply`` for answers that depend on the
request. ``server.requests`` records what arrived, so a test can count attempts.

``server.batches`` (a ``FakeBatches``) serves the Batch API: ``/v1/files`` (upload, list,
content) and ``/v1/batches`` (create, retrieve, list, cancel). A batch's status moves one step
per retrieve (``steps``); when it ends, each request line is answered by ``batches.answer``
(hand-written by the test, like every reply here) into the output and error files.

    with FakeOpenAI() as server:
        server.push(Reply.error(429, headers={"Retry-After": "0"}), tool_reply({...}))
        client = openai.OpenAI(base_url=server.url, api_key="test")

The ``fake_openai`` fixture in ``conftest.py`` starts one per test and stops it afterwards.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
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


Answer = Callable[[str, dict[str, Any]], Reply]


@dataclass
class FakeBatch:
    """One batch as the fake Batch API holds it."""

    id: str
    input_file_id: str
    metadata: dict[str, str]
    steps: list[str]
    status: str = "validating"
    output_file_id: str | None = None
    error_file_id: str | None = None
    errors: list[dict[str, str]] | None = None
    total: int = 0
    completed: int = 0
    failed: int = 0
    created_at: int = field(default_factory=lambda: int(time.time()))

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "batch",
            "endpoint": "/v1/chat/completions",
            "errors": {"object": "list", "data": self.errors} if self.errors else None,
            "input_file_id": self.input_file_id,
            "completion_window": "24h",
            "status": self.status,
            "output_file_id": self.output_file_id,
            "error_file_id": self.error_file_id,
            "created_at": self.created_at,
            "request_counts": {
                "total": self.total,
                "completed": self.completed,
                "failed": self.failed,
            },
            "metadata": self.metadata,
        }


class FakeBatches:
    """The Batch API's files and batches, in memory.

    ``steps``: the statuses a new batch goes through, one per retrieve; the last is where it
    ends: ``completed``, ``expired`` (the first ``answered_before_expiry`` lines answered, the
    rest ``batch_expired``) or ``failed`` (the whole file refused). ``answer(custom_id, body)``
    gives each request line's reply: status 200 goes to the output file, others to the error
    file. ``hold`` keeps every batch in its current status (a test kills the client meanwhile).
    """

    def __init__(self) -> None:
        self.files: dict[str, dict[str, Any]] = {}
        self.content: dict[str, bytes] = {}
        self.batches: dict[str, FakeBatch] = {}
        self.answer: Answer = lambda cid, body: Reply.error(500, "nothing scripted")
        self.steps = ["validating", "in_progress", "finalizing", "completed"]
        self.answered_before_expiry = 0
        self.hold = False
        self._ids = itertools.count(1)

    def handle(self, r: Received) -> Reply:
        path = r.path.split("?", 1)[0].removeprefix("/v1")
        if r.method == "POST" and path == "/files":
            return self._upload(r)
        if r.method == "GET" and path == "/files":
            purpose = re.search(r"purpose=(\w+)", r.path)
            data = [f for f in self.files.values() if not purpose or f["purpose"] == purpose[1]]
            return Reply.json({"object": "list", "data": data, "has_more": False})
        if m := re.fullmatch(r"/files/([\w-]+)/content", path):
            if m[1] not in self.content:
                return Reply.error(404, "no such file")
            return Reply(body=self.content[m[1]], headers={"Content-Type": "application/jsonl"})
        if r.method == "POST" and path == "/batches":
            return self._create(r.json())
        if r.method == "GET" and path == "/batches":
            data = [b.as_json() for b in reversed(self.batches.values())]
            return Reply.json({"object": "list", "data": data, "has_more": False})
        if m := re.fullmatch(r"/batches/([\w-]+)(/cancel)?", path):
            batch = self.batches.get(m[1])
            if batch is None:
                return Reply.error(404, "no such batch")
            if m[2]:
                if batch.status not in ("completed", "failed", "expired", "cancelled"):
                    batch.status, batch.steps = "cancelling", ["cancelled"]
            elif not self.hold:
                self._advance(batch)
            return Reply.json(batch.as_json())
        return Reply.error(404, f"no route {r.method} {path}")

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}-{next(self._ids)}"

    def _add_file(self, data: bytes, filename: str, purpose: str) -> dict[str, Any]:
        fid = self._new_id("file")
        meta = {
            "id": fid,
            "object": "file",
            "bytes": len(data),
            "created_at": int(time.time()),
            "filename": filename,
            "purpose": purpose,
            "status": "processed",
        }
        self.files[fid], self.content[fid] = meta, data
        return meta

    def _upload(self, r: Received) -> Reply:
        head = f"Content-Type: {r.headers['content-type']}\r\n\r\n".encode()
        form = BytesParser(policy=HTTP).parsebytes(head + r.body)
        fields: dict[str, Any] = {}
        for part in form.iter_parts():
            name = part.get_param("name", header="content-disposition")
            fields[str(name)] = (part.get_filename(), part.get_payload(decode=True))
        filename, data = fields["file"]
        return Reply.json(self._add_file(data, filename, fields["purpose"][1].decode()))

    def _create(self, body: dict[str, Any]) -> Reply:
        fid = body["input_file_id"]
        if fid not in self.content:
            return Reply.error(400, "no such input file")
        batch = FakeBatch(
            self._new_id("batch"), fid, body.get("metadata") or {}, list(self.steps[1:])
        )
        batch.status = self.steps[0]
        batch.total = len(self.content[fid].splitlines())
        self.batches[batch.id] = batch
        return Reply.json(batch.as_json())

    def _advance(self, batch: FakeBatch) -> None:
        if not batch.steps:
            return
        batch.status = batch.steps.pop(0)
        if batch.status == "failed":
            batch.errors = [{"code": "invalid_request", "message": "scripted: file refused"}]
        elif batch.status in ("completed", "expired", "cancelled"):
            self._finish(batch)

    def _finish(self, batch: FakeBatch) -> None:
        """Answer the lines: all when completed, some when expired, none when cancelled."""
        answered = {"completed": None, "expired": self.answered_before_expiry, "cancelled": 0}
        limit = answered[batch.status]
        out, err = [], []
        for n, raw in enumerate(self.content[batch.input_file_id].splitlines()):
            line = json.loads(raw)
            cid = line["custom_id"]
            rid = f"batch_req_{batch.id}_{n}"
            if limit is not None and n >= limit:
                if batch.status == "expired":
                    error = {"code": "batch_expired", "message": "not answered in time"}
                    err.append({"id": rid, "custom_id": cid, "response": None, "error": error})
                continue
            reply = self.answer(cid, line["body"])
            response = {
                "status_code": reply.status,
                "request_id": rid,
                "body": json.loads(reply.body),
            }
            record = {"id": rid, "custom_id": cid, "response": response, "error": None}
            (out if reply.status == 200 else err).append(record)
        batch.completed, batch.failed = len(out), len(err)
        if out:
            data = "".join(json.dumps(x) + "\n" for x in out).encode()
            batch.output_file_id = self._add_file(data, "output.jsonl", "batch_output")["id"]
        if err:
            data = "".join(json.dumps(x) + "\n" for x in err).encode()
            batch.error_file_id = self._add_file(data, "errors.jsonl", "batch_output")["id"]


class FakeOpenAI:
    """The server; ``url`` is its OpenAI base URL (``http://127.0.0.1:PORT/v1``)."""

    def __init__(self) -> None:
        self.requests: list[Received] = []
        self.in_flight = 0
        self.peak_in_flight = 0  # the most requests it was answering at once
        self.default: Script = Reply.error(500, "nothing scripted")
        self.batches = FakeBatches()
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
            if received.path.startswith(("/v1/files", "/v1/batches")):
                return self.batches.handle(received)
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

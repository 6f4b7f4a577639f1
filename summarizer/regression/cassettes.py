"""Cassettes: recorded model exchanges (vcrpy YAML), how they are matched and what they hide.

Replays match a request on method, path and its body parsed as JSON, so key order, whitespace,
host and port do not matter while every word of the prompt does: change the prompt and the
replay no longer matches. Credentials never reach a cassette: the headers and query parameters
that carry keys are filtered out before anything is written. Each cassette starts with comment
lines naming the server, model and quantisation that made it (``header``).

vcrpy is imported inside functions: ``summarizer --help`` must not pay for it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SCRUBBED_HEADERS = [
    "authorization",
    "api-key",
    "x-api-key",
    "openai-organization",
    "openai-project",
    "cookie",
    "set-cookie",
]
# What a client says of itself (library versions, OS): never matched, so not kept either.
VOLATILE_HEADERS = [
    "user-agent",
    *(
        f"x-stainless-{name}"
        for name in (
            "arch",
            "async",
            "lang",
            "os",
            "package-version",
            "read-timeout",
            "retry-count",
            "runtime",
            "runtime-version",
        )
    ),
]
VCR_CONFIG: dict[str, Any] = {
    "match_on": ["method", "path", "json_body"],
    "filter_headers": SCRUBBED_HEADERS + VOLATILE_HEADERS,
    "filter_query_parameters": ["api_key", "key"],
    "decode_compressed_response": True,
}
NO_RECORDING = "Can't play back this request"  # what vcrpy says of an unrecorded request


def parsed_body(body: bytes | str | None) -> Any:
    """A request body as data: JSON parsed (key order and whitespace do not matter), else text."""
    if body is None:
        return None
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    try:
        return json.loads(text)
    except ValueError:
        return text


def json_body(r1: Any, r2: Any) -> None:
    """vcrpy matcher: the same request body once parsed (hosts and ports are not compared:
    ``path`` leaves them out)."""
    assert parsed_body(r1.body) == parsed_body(r2.body)


def recorder(record_mode: str) -> Any:
    """A ``vcr.VCR`` with this project's matching and scrubbing (``record_mode``: vcrpy's
    "none", "once", "new_episodes" or "all")."""
    import vcr

    made = vcr.VCR(record_mode=record_mode, **VCR_CONFIG)
    made.register_matcher("json_body", json_body)
    return made


@contextmanager
def cassette(path: Path, record_mode: str) -> Iterator[Any]:
    """Requests inside go through the cassette at ``path``; "none" replays only."""
    with recorder(record_mode).use_cassette(str(path)) as used:
        yield used


def recorded_endpoint(path: Path) -> tuple[str, str] | None:
    """The base URL and model name a cassette was recorded with (a replay sends the same);
    None when it holds no exchange."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not data.get("interactions"):
        return None
    request = data["interactions"][0]["request"]
    base = request["uri"].rsplit("/chat/completions", 1)[0]
    return base, json.loads(request["body"])["model"]


def header(base_url: str, model: str, server: str | None, quantisation: str | None) -> str:
    """The comment lines a cassette starts with: who made it, and how to make it again."""
    lines = [
        f"Recorded by `summarizer record` on {datetime.now(UTC):%Y-%m-%d}.",
        f"server: {server or 'not given'}",
        f"base URL: {base_url}",
        f"model: {model}",
        f"quantisation: {quantisation or 'not given'}",
        "Replays match on method, path and the parsed JSON body: after a prompt or request",
        "change, record again (`summarizer record SUITE --record-mode all`).",
    ]
    return "".join(f"# {line}\n" for line in lines)


def with_header(path: Path, head: str) -> None:
    """Put ``head`` at the top of the cassette in place of any comment lines it had."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    path.write_text(head + "".join(lines), encoding="utf-8")


def comments(path: Path) -> list[str]:
    """A cassette's header lines, without their ``# ``."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        found.append(line.removeprefix("#").strip())
    return found

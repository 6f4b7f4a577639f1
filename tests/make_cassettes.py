"""Regenerate fixtures/cassettes/*.yaml and fixtures/expected/*.json for tests/test_llm_replay.py.

    python tests/make_cassettes.py                                  # canned answers (default)
    python tests/make_cassettes.py --base-url URL --model NAME      # record a real server

By default no model is involved: tests/fake_openai.py serves the hand-written answers of
tests/llm_canned.py, and vcrpy records the exchange, so each cassette holds the request the
current code really sends (the replay matches on method, path and body: change the prompt and the
replay fails until this is run again) and a canned response, which the cassette's header says.
With ``--base-url`` the same requests go to a real OpenAI-compatible server (``OPENAI_API_KEY``
is sent if set, and scrubbed from the cassette) and the header names server and model.
The golden outputs are then rewritten from a replay of the new cassettes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from fake_openai import FakeOpenAI, Reply, content_reply, tool_reply  # noqa: E402
from llm_canned import INJECTION, REFERENCE, ROOT, injection_answer, reference_answer  # noqa: E402

CASSETTES = ROOT / "fixtures" / "cassettes"
EXPECTED = ROOT / "fixtures" / "expected"
CANNED_MODEL = "canned-model"
VCR_CONFIG: dict[str, Any] = {
    "match_on": ["method", "path", "json_body"],
    "filter_headers": [
        "authorization",
        "api-key",
        "x-api-key",
        "openai-organization",
        "openai-project",
        "cookie",
        "set-cookie",
    ],
    "filter_query_parameters": ["api_key", "key"],
    "decode_compressed_response": True,
}


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
    """A ``vcr.VCR`` with this project's matching and scrubbing."""
    import vcr

    made = vcr.VCR(record_mode=record_mode, **VCR_CONFIG)
    made.register_matcher("json_body", json_body)
    return made


@dataclass(frozen=True)
class Case:
    """One replayed run: an article, a mode, and the canned answer for it."""

    name: str
    article: str
    mode: str
    answer: Callable[[], Reply]

    @property
    def cassette(self) -> Path:
        return CASSETTES / f"{self.name}.yaml"

    @property
    def expected(self) -> Path:
        return EXPECTED / f"{self.name}.json"


CASES = (
    Case("reference_tools", REFERENCE, "tools", lambda: tool_reply(reference_answer())),
    Case("reference_json", REFERENCE, "json", lambda: content_reply(reference_answer())),
    # The canned model obeys the article's injected instruction and invents a quote every time:
    # the cassette holds the answer and both re-asks; the output drops the quote with a warning.
    Case("injection_tools", INJECTION, "tools", lambda: tool_reply(injection_answer())),
)


def recorded_endpoint(cassette: Path) -> tuple[str, str]:
    """The base URL and model name a cassette was recorded with (replays must use the same)."""
    import yaml

    data = yaml.safe_load(cassette.read_text(encoding="utf-8"))
    request = data["interactions"][0]["request"]
    base = request["uri"].rsplit("/chat/completions", 1)[0]
    return base, json.loads(request["body"])["model"]


def run_case(case: Case, base_url: str, model: str) -> dict[str, Any]:
    """Summarise the case's article through the pipeline; the output as golden-comparable JSON."""
    from summarizer.pipeline import summarise_file
    from summarizer.settings import Settings

    settings = Settings(model=model, base_url=base_url, mode=case.mode, transport_attempts=1)
    result = summarise_file(case.article, settings).model_dump(mode="json")
    result["meta"].pop("seconds")
    return result


@contextmanager
def _in_root() -> Iterator[None]:
    import os

    here = Path.cwd()
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(here)


def header(base_url: str | None, model: str) -> str:
    if base_url is None:
        lines = [
            "HAND-WRITTEN CANNED RESPONSES: not recorded from a model (none was reachable).",
            "The requests are what the current code sends; the responses were served by",
            "tests/fake_openai.py from the answers written in tests/llm_canned.py.",
        ]
    else:
        lines = [f"Recorded from {base_url}, model {model}."]
    lines += [
        f"Made {datetime.now(UTC):%Y-%m-%d} by `python tests/make_cassettes.py`; run it again",
        "after changing the prompt or the request (replays match on method, path and the parsed JSON body).",
    ]
    return "".join(f"# {line}\n" for line in lines)


def record(case: Case, base_url: str | None, model: str) -> None:
    case.cassette.unlink(missing_ok=True)
    with _in_root(), FakeOpenAI() as server:
        server.default = lambda _received: case.answer()
        url = base_url or server.url
        with recorder("all").use_cassette(str(case.cassette)):
            run_case(case, url, model)
    case.cassette.write_text(header(base_url, model) + case.cassette.read_text("utf-8"), "utf-8")


def replay(case: Case) -> dict[str, Any]:
    """The case's output from its cassette alone (no server is contacted)."""
    base_url, model = recorded_endpoint(case.cassette)
    with _in_root(), recorder("none").use_cassette(str(case.cassette)):
        return run_case(case, base_url, model)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", help="a real OpenAI-compatible server to record from")
    parser.add_argument("--model", default=CANNED_MODEL, help="model name to request")
    args = parser.parse_args()
    CASSETTES.mkdir(parents=True, exist_ok=True)
    EXPECTED.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        record(case, args.base_url, args.model)
        golden = json.dumps(replay(case), indent=2, ensure_ascii=False) + "\n"
        case.expected.write_text(golden, encoding="utf-8")
        print(f"{case.cassette.relative_to(ROOT)}  {case.expected.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

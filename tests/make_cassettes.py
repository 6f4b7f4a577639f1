"""Record the test doubles' suites (tests/canned-suites/*) from hand-written answers.

    python tests/make_cassettes.py

No model is involved: tests/fake_openai.py serves the hand-written answers of tests/llm_canned.py
(picked by the article in each request) and ``summarizer record SUITE --record-mode all`` records
the exchanges, so each cassette holds the request the current code really sends and a canned
response, which its header says. Run it after a deliberate prompt or request change.

These suites test the check and record machinery with answers a small model does not give
(an obeyed injection, every speaker and nested quote right). The suites in fixtures/suites are
real recordings from a model (their suite.toml says how to record them again).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from fake_openai import FakeOpenAI, Received, Reply, content_reply, tool_reply  # noqa: E402
from llm_canned import (  # noqa: E402
    ROOT,
    flood_answer,
    injection_answer,
    reference_answer,
    transit_answer,
)

SUITES = ROOT / "tests" / "canned-suites"
CANNED_SUITES = (SUITES / "tools", SUITES / "json")
CANNED_SERVER = (
    "tests/fake_openai.py serving HAND-WRITTEN canned answers (tests/llm_canned.py), not a model"
)
# A phrase only one article has -> its hand-written answer. The canned model obeys the injected
# instruction and invents a quote every time: the cassette holds the answer and both re-asks.
ANSWERS = {
    "Hashd al-Shaabi": reference_answer,
    "Ignore previous instructions": injection_answer,
    "Westbridge": transit_answer,
    "Aldwick": flood_answer,
}


def canned(received: Received) -> Reply:
    """The hand-written answer to the article in this request, in the request's mode."""
    body: dict[str, Any] = received.json()
    sent = " ".join(str(m.get("content") or "") for m in body["messages"])
    for phrase, answer in ANSWERS.items():
        if phrase in sent:
            return tool_reply(answer()) if "tools" in body else content_reply(answer())
    return Reply.error(400, "no canned answer for this article (add one to tests/llm_canned.py)")


def record_canned(suite: Path, base_url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """``summarizer record SUITE`` against the canned server at ``base_url``."""
    args = ["record", str(suite), "--base-url", base_url, "--server", CANNED_SERVER, *extra]
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args], capture_output=True, text=True, check=False
    )


def main() -> None:
    with FakeOpenAI() as server:
        server.default = canned
        for suite in CANNED_SUITES:
            done = record_canned(suite, server.url, "--record-mode", "all")
            sys.stdout.write(done.stdout)
            sys.stderr.write(done.stderr)
            if done.returncode:
                raise SystemExit(done.returncode)


if __name__ == "__main__":
    main()

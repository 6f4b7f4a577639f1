"""The `summarizer` command with an LLM behind ``--base-url``: a real process, a real socket.

The server is tests/fake_openai.py; its answers are hand-written (tests/llm_canned.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from fake_openai import FakeOpenAI, Reply, content_reply, tool_reply
from llm_canned import REFERENCE, ROOT, reference_answer


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("OPENAI_") and k != "SUMMARIZER_MODEL"
    }
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**clean, **env},
        timeout=120,
        check=False,
    )


def test_summarise_through_a_base_url_prints_json(fake_openai: FakeOpenAI) -> None:
    fake_openai.push(tool_reply(reference_answer(), prompt_tokens=800, completion_tokens=200))
    done = run("summarise", REFERENCE, "--base-url", fake_openai.url, "--model", "m")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["meta"]["backend"] == "llm" and result["meta"]["model"] == "m"
    assert result["meta"]["usage"] == {
        "prompt_tokens": 800,
        "completion_tokens": 200,
        "requests": 1,
    }
    assert [q["speaker"]["name"] for q in result["quotes"]][-1] == "Nasser Kanaani"
    article = (ROOT / REFERENCE).read_text(encoding="utf-8")
    for quote in result["quotes"]:
        assert article[quote["start"] : quote["end"]] == quote["text"]


def test_openai_base_url_from_the_environment_and_json_mode(fake_openai: FakeOpenAI) -> None:
    fake_openai.default = content_reply(reference_answer())
    done = run("summarize", REFERENCE, "-m", "m", "--mode", "json", OPENAI_BASE_URL=fake_openai.url)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["quotes"]) == 3
    assert fake_openai.requests[0].json()["response_format"]["type"] == "json_object"


def test_failing_server_is_exit_1_with_one_stderr_line(fake_openai: FakeOpenAI) -> None:
    fake_openai.default = Reply.error(500, headers={"Retry-After": "0"})
    done = run("summarise", REFERENCE, "--base-url", fake_openai.url, "--model", "m")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        f"summarizer: server at http://127.0.0.1:{fake_openai.port} kept failing: "
        "500 Internal Server Error after 5 attempts\n"
    )
    assert len(fake_openai.requests) == 5  # Settings.transport_attempts


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--model", "openai/gpt-4o-mini"], "OPENAI_API_KEY is not set"),
        (["--model", "m", "--base-url", "http://127.0.0.1:9/v1", "--mode", "xml"], "--mode"),
    ],
)
def test_configuration_mistakes_are_exit_2_with_one_line(args: list[str], message: str) -> None:
    done = run("summarise", REFERENCE, *args)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr
    assert "Traceback" not in done.stderr


def test_an_answer_with_every_list_empty_is_exit_1_with_one_line(fake_openai: FakeOpenAI) -> None:
    # What llama.cpp's server made of a named tool_choice (issue 11): a call in plain content
    # whose arguments hold nothing, here written by hand.
    empty = {"summary": {"headline": "", "text": "", "key_points": []}, "events": []}
    call = {"function": "ArticleExtraction", "arguments": {**empty, "claims": [], "quotes": []}}
    fake_openai.default = content_reply("```json\n" + json.dumps([call]) + "\n```")
    done = run("summarise", REFERENCE, "--base-url", fake_openai.url, "--model", "m")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "no usable answer after 3 requests" in done.stderr
    assert "Traceback" not in done.stderr

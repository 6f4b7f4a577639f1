"""Recording a suite from a server and replaying it offline (summarizer.regression.recording).

The server is tests/fake_openai.py on 127.0.0.1 serving the HAND-WRITTEN answers of
tests/llm_canned.py (``make_cassettes.canned``), not a model.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fake_openai import FakeOpenAI, Reply, tool_reply
from llm_canned import ROOT, reference_answer
from make_cassettes import canned

from summarizer.regression.cassettes import comments
from summarizer.regression.expected import read_expected
from summarizer.regression.recording import NoRecording, Target, record_suite, replay
from summarizer.regression.suite import Suite, open_suite

ARTICLES = ROOT / "tests" / "canned-suites" / "tools" / "articles"


def canned_suite(root: Path, url: str, *names: str) -> Suite:
    """A suite of the given fixture articles whose model is the canned server at ``url``."""
    (root / "articles").mkdir(parents=True)
    for name in names or ("reference.txt", "transit_talks.txt"):
        shutil.copyfile(ARTICLES / name, root / "articles" / name)
    (root / "suite.toml").write_text(
        f'[model]\nname = "canned-model"\nbase_url = "{url}"\nserver = "fake server"\n',
        encoding="utf-8",
    )
    return open_suite(root)


@pytest.fixture
def served(fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> FakeOpenAI:
    fake_openai.default = canned
    monkeypatch.setenv("OPENAI_API_KEY", "test-key-do-not-record")
    return fake_openai


def test_record_then_replay_offline(tmp_path: Path, served: FakeOpenAI) -> None:
    suite = canned_suite(tmp_path, served.url)
    done = record_suite(suite, Target.of(suite))
    assert [(d.article.id, d.action) for d in done] == [
        ("reference", "recorded"),
        ("transit_talks", "recorded"),
    ]
    sent = len(served.requests)
    assert sent == 2
    for article in suite.articles():
        cassette = suite.cassette(article).read_text(encoding="utf-8")
        assert "test-key-do-not-record" not in cassette and "authorization" not in cassette.lower()
        assert "server: fake server" in comments(suite.cassette(article))
        assert f"base URL: {served.url}" in comments(suite.cassette(article))
        expected = read_expected(suite.expected(article))
        assert expected is not None and expected["source"]["path"] == article.relative
        assert replay(suite, article) == expected
    assert len(served.requests) == sent  # the replays never reached the server


def test_record_modes(tmp_path: Path, served: FakeOpenAI) -> None:
    suite = canned_suite(tmp_path, served.url)
    record_suite(suite, Target.of(suite))
    suite.expected(suite.article("transit_talks")).unlink()
    again = record_suite(suite, Target.of(suite), "once")
    assert [d.action for d in again] == ["kept", "replayed"]  # once: no cassette, no request
    assert len(served.requests) == 2
    assert [d.action for d in record_suite(suite, Target.of(suite), "new")] == ["recorded"] * 2
    assert len(served.requests) == 2  # new: every request was in its cassette already
    assert [d.action for d in record_suite(suite, Target.of(suite), "all")] == ["recorded"] * 2
    assert len(served.requests) == 4
    served.default = lambda r: tool_reply({**reference_answer(), "quotes": []})
    [redone] = record_suite(suite, Target.of(suite), "all", [suite.article("reference")])
    assert redone.changed == "quotes −3"  # what the overwritten expected record had more


def test_another_model_is_named_by_its_url_alone(tmp_path: Path, served: FakeOpenAI) -> None:
    suite = canned_suite(tmp_path, "http://127.0.0.1:9/v1", "reference.txt")
    record_suite(suite, Target.of(suite, base_url=served.url, quantisation="Q8_0"))
    head = comments(suite.cassette(suite.article("reference")))
    assert "server: not given" in head and "quantisation: Q8_0" in head


def test_a_failed_recording_leaves_the_suite_as_it_was(tmp_path: Path, served: FakeOpenAI) -> None:
    suite = canned_suite(tmp_path, served.url, "reference.txt")
    record_suite(suite, Target.of(suite))
    article = suite.article("reference")
    before = suite.cassette(article).read_text(encoding="utf-8")
    served.default = Reply.error(400, "model not loaded")
    [failed] = record_suite(suite, Target.of(suite), "all")
    assert failed.action == "failed" and failed.error is not None
    assert suite.cassette(article).read_text(encoding="utf-8") == before


def test_a_request_with_no_recording_names_the_article(tmp_path: Path, served: FakeOpenAI) -> None:
    suite = canned_suite(tmp_path, served.url)
    record_suite(suite, Target.of(suite))
    article = suite.article("transit_talks")
    suite.cassette(article).unlink()
    with pytest.raises(NoRecording) as caught:
        replay(suite, article)
    assert "articles/transit_talks.txt: no cassette transit_talks.yaml" in str(caught.value)
    assert str(caught.value).endswith(f"record it with `summarizer record {tmp_path}`")
    # A suite asking with other options sends another request: not in the cassette either.
    other = canned_suite(tmp_path / "other", served.url, "reference.txt")
    record_suite(other, Target.of(other))
    other.mode = "json"
    with pytest.raises(
        NoRecording, match=r"a request it sends is not in cassettes/reference\.yaml"
    ):
        replay(other, other.article("reference"))
    assert len(served.requests) == 3

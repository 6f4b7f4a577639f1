"""One suite article's record, made three ways: recorded from the model, replayed from its
cassette with the network blocked, or live from the model without touching the suite.

A record is the ``summarise --format json`` contract with ``meta.seconds`` left out (it changes
every run) and ``source.path`` relative to the suite (``articles/<file>``), so a suite checks the
same wherever it is cloned. A rules-backend suite has no cassettes: the backend is deterministic,
so "replay" and "live" simply run it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.errors import SummarizerError
from summarizer.regression.cassettes import (
    NO_RECORDING,
    cassette,
    header,
    recorded_endpoint,
    with_header,
)
from summarizer.regression.network import no_network
from summarizer.regression.suite import Article, Suite

RECORD_MODES = {"once": "once", "new": "new_episodes", "all": "all"}
Record = dict[str, Any]


class NoRecording(SummarizerError):
    """A replay sent a request its cassette does not hold (or there is no cassette)."""

    exit_code = 2


def no_recording(suite: Suite, article: Article, why: str) -> NoRecording:
    """The error naming the article and the command that records it."""
    return NoRecording(f"{article.path}: {why}; record it with `summarizer record {suite.root}`")


def request_changed(suite: Suite, article: Article, cassette: str) -> NoRecording:
    """The error of a replay whose request is not the recorded one: the prompt, the model or
    an option changed. Re-recording would bless the new answers unseen, so ``--live`` first."""
    return NoRecording(
        f"{article.path}: a request it sends is not in {cassette} (the prompt, model or "
        f"options changed since it was recorded): see what changes with `summarizer check "
        f"{suite.root} --live`, bless it with `summarizer check {suite.root} --live --update`"
    )


@dataclass(frozen=True)
class Target:
    """Which model a recording is made from, and what its cassettes' headers say of it."""

    model: str
    base_url: str | None
    server: str | None
    quantisation: str | None

    @classmethod
    def of(
        cls,
        suite: Suite,
        *,
        model: str | None = None,
        base_url: str | None = None,
        server: str | None = None,
        quantisation: str | None = None,
    ) -> Target:
        """The suite's model unless overridden; the suite's server and quantisation describe
        only the suite's own model, so another model or URL is named by its URL alone."""
        same = model in (None, suite.model) and base_url in (None, suite.base_url)
        return cls(
            model=model or suite.model,
            base_url=base_url or suite.base_url,
            server=server or (suite.server if same else None),
            quantisation=quantisation or (suite.quantisation if same else None),
        )


def run(suite: Suite, article: Article, **settings: Any) -> Record:
    """Extract ``article`` with the suite's settings (``settings`` override some)."""
    from summarizer.loading import load
    from summarizer.pipeline import summarise_loaded

    result = summarise_loaded(load(str(article.path)), suite.settings(**settings))
    record: Record = result.model_dump(mode="json")
    record["meta"].pop("seconds", None)
    record["source"]["path"] = article.relative
    return record


@contextmanager
def _any_key() -> Iterator[None]:
    """A placeholder API key while replaying: the SDK wants one for api.openai.com, and no
    request leaves the machine."""
    had = os.environ.get("OPENAI_API_KEY")
    if not had:
        os.environ["OPENAI_API_KEY"] = "replay-no-key"
    try:
        yield
    finally:
        if not had:
            os.environ.pop("OPENAI_API_KEY", None)


def replay_cassette(suite: Suite, article: Article, path: Path) -> Record:
    """The article's record from the cassette at ``path`` alone, the network blocked."""
    if not path.is_file():
        raise no_recording(suite, article, f"no cassette {path.name}")
    endpoint = recorded_endpoint(path)
    given = {} if endpoint is None else {"base_url": endpoint[0], "model": endpoint[1]}
    with _any_key(), no_network(), cassette(path, "none"):
        try:
            return run(suite, article, transport_attempts=1, **given)
        except SummarizerError as exc:
            if NO_RECORDING in str(exc) or "network blocked" in str(exc):
                where = f"{path.parent.name}/{path.name}"
                raise request_changed(suite, article, where) from None
            raise


def replay(suite: Suite, article: Article) -> Record:
    """The article's record as its cassette replays it (a rules suite: run the rules)."""
    if not suite.uses_llm:
        return run(suite, article)
    return replay_cassette(suite, article, suite.cassette(article))


def record_into(
    suite: Suite, article: Article, target: Target, path: Path, record_mode: str
) -> None:
    """Record the article's exchanges with ``target`` into ``path`` (vcrpy's ``record_mode``),
    then head it with who made it. On failure ``path`` is as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="summarizer-record-") as tmp:
        scratch = Path(tmp) / path.name
        if record_mode != "all" and path.is_file():
            shutil.copyfile(path, scratch)
        with cassette(scratch, record_mode):
            run(suite, article, model=target.model, base_url=target.base_url)
        if not scratch.is_file():  # nothing was sent (an article with no sentences)
            scratch.write_text("interactions: []\nversion: 1\n", encoding="utf-8")
        endpoint = recorded_endpoint(scratch)
        base, model = endpoint or (target.base_url or "https://api.openai.com/v1", target.model)
        with_header(scratch, header(base, model, target.server, target.quantisation))
        shutil.move(scratch, path)


def live(suite: Suite, article: Article, into: Path | None = None) -> Record:
    """The article's record from the suite's model now; with ``into``, its exchanges are
    recorded there too (so that ``check --live --update`` can bless them)."""
    if not suite.uses_llm:
        return run(suite, article)
    if into is None:
        return run(suite, article)
    record_into(suite, article, Target.of(suite), into, "all")
    return replay_cassette(suite, article, into)


@dataclass(frozen=True)
class Recorded:
    """What ``record`` did to one article: "recorded", "replayed" (expected written from the
    cassette it had), "kept" (left as it was) or "failed" (``error`` says why); ``changed``:
    how the expected record it overwrote differed (None: it was new or the same)."""

    article: Article
    action: str
    error: str | None = None
    changed: str | None = None


def _bless(suite: Suite, article: Article, record: Record) -> str | None:
    """Write the expected record; how the one it replaced differed, if it did."""
    from summarizer.regression.compare import KINDS, compare
    from summarizer.regression.expected import read_expected, write_expected
    from summarizer.regression.text import counts

    path = suite.expected(article)
    old = read_expected(path)
    write_expected(path, record)
    if old is None:
        return None
    diff = compare(old, record, id=article.id)
    return ", ".join(f"{k} {c}" for k in KINDS if (c := counts(diff, k))) or None


def record_article(
    suite: Suite, article: Article, target: Target, record_mode: str
) -> tuple[str, str | None]:
    """Record one article per ``record_mode`` (once, new, all) and write its expected record;
    the action taken, and how the expected record changed."""
    path, expected = suite.cassette(article), suite.expected(article)
    if not suite.uses_llm:
        if record_mode == "once" and expected.is_file():
            return "kept", None
        return "recorded", _bless(suite, article, run(suite, article))
    if record_mode == "once" and path.is_file():
        if expected.is_file():
            return "kept", None
        return "replayed", _bless(suite, article, replay(suite, article))
    record_into(suite, article, target, path, RECORD_MODES[record_mode])
    return "recorded", _bless(suite, article, replay(suite, article))


def record_suite(
    suite: Suite, target: Target, record_mode: str = "once", only: list[Article] | None = None
) -> list[Recorded]:
    """Record every article (or ``only`` these); one that fails leaves its files as they were
    and the others go on."""
    done = []
    for article in only or suite.articles():
        try:
            action, changed = record_article(suite, article, target, record_mode)
            done.append(Recorded(article, action, changed=changed))
        except SummarizerError as exc:
            done.append(Recorded(article, "failed", str(exc)))
    return done

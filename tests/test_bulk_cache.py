"""The content-addressed extraction cache: keys change with what changes the answer."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from summarizer.backends.llm.prompt import ASSIST_REVISION, PROMPT_VERSION
from summarizer.backends.openai import LLMBackend
from summarizer.bulk.cache import Cache, default_dir, key
from summarizer.settings import Settings


def _key(text: str, s: Settings) -> str:
    return key(text, s, LLMBackend(s).cache_identity)


def test_key_depends_on_text_model_prompt_and_options() -> None:
    s = Settings(model="m1", options={"base_url": "http://127.0.0.1:9/v1"})
    base = _key("Text.", s)
    assert _key("Text.", replace(s)) == base
    assert _key("Text!", s) != base
    assert _key("Text.", replace(s, model="m2")) != base
    assert key("Text.", s, {**LLMBackend(s).cache_identity, "prompt_version": "v2"}) != base
    assert _key("Text.", s.with_options(mode="json")) != base
    assert _key("Text.", replace(s, anchor_date=date(2024, 1, 2))) != base
    assisted = _key("Text.", replace(s, assist="rules"))
    assert assisted != base
    assert (
        LLMBackend(replace(s, assist="rules")).cache_identity["assist_revision"] == ASSIST_REVISION
    )
    # where the model is served does not change its answer: several servers share the cache
    assert _key("Text.", s.with_options(base_url="http://other/v1")) == base


def test_openai_keys_are_the_ones_runs_before_the_backend_seam_wrote() -> None:
    """Entries cached before backends named their own cache identity are still found: the
    key is the same hash of the same fields (written out here as the old ``key`` built it)."""
    s = Settings(
        model="m1", options={"base_url": "http://127.0.0.1:9/v1"}, anchor_date=date(2024, 1, 2)
    )
    before = {
        "schema": "1",
        "backend": "llm",
        "model": "m1",
        "prompt_version": PROMPT_VERSION,
        "mode": "tools",
        "max_retries": 2,
        "max_input_tokens": None,
        "anchor_date": "2024-01-02",
        "extra": [],
        "text_sha256": hashlib.sha256(b"Text.").hexdigest(),
    }
    old = hashlib.sha256(json.dumps(before, sort_keys=True).encode()).hexdigest()
    assert _key("Text.", s) == old


def test_put_then_get_and_misses(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    k = key("Text.", Settings(model="m"), {"backend": "llm"})
    assert cache.get(k) is None
    cache.put(k, '{"x": 1}')
    assert cache.get(k) == '{"x": 1}'
    assert (tmp_path / "c" / k[:2] / f"{k}.json").is_file()
    assert not list((tmp_path / "c").rglob(".tmp-*"))


def test_unwritable_cache_only_costs_a_miss(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    cache = Cache(blocker)  # a file where the folder should be
    cache.put("ab" * 32, "v")
    assert cache.get("ab" * 32) is None


def test_default_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_dir() == tmp_path / "summarizer" / "bulk"

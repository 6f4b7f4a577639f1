"""The content-addressed extraction cache: keys change with what changes the answer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from summarizer.bulk.cache import Cache, default_dir, key
from summarizer.settings import Settings


def test_key_depends_on_text_model_prompt_and_options() -> None:
    s = Settings(model="m1")
    base = key("Text.", s, "llm", "extract-v2")
    assert key("Text.", Settings(model="m1"), "llm", "extract-v2") == base
    assert key("Text!", s, "llm", "extract-v2") != base
    assert key("Text.", replace(s, model="m2"), "llm", "extract-v2") != base
    assert key("Text.", s, "llm", "extract-v3") != base
    assert key("Text.", replace(s, mode="json"), "llm", "extract-v2") != base
    assert key("Text.", replace(s, assist="rules"), "llm", "extract-v2") != base
    assert key("Text.", replace(s, max_tokens=300), "llm", "extract-v2") != base
    assert key("Text.", replace(s, anchor_date=date(2024, 1, 2)), "llm", "extract-v2") != base
    # where the model is served does not change its answer: several servers share the cache
    assert key("Text.", replace(s, base_url="http://other/v1"), "llm", "extract-v2") == base


def test_put_then_get_and_misses(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    k = key("Text.", Settings(model="m"), "llm", None)
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

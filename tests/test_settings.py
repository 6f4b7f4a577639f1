"""``Settings``: backend-neutral fields, and backend options by name in ``options``."""

from __future__ import annotations

from datetime import date

import pytest

from summarizer.settings import Settings


def test_from_env_puts_names_it_does_not_hold_into_backend_options(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SUMMARIZER_MODEL", raising=False)
    s = Settings.from_env(model="m", max_retries=1, base_url="http://x/v1", timeout=None)
    assert (s.model, s.max_retries, s.options) == ("m", 1, {"base_url": "http://x/v1"})


def test_from_env_merges_given_options_and_skips_unset_fields(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SUMMARIZER_MODEL", "env-model")
    s = Settings.from_env(options={"mode": "json"}, n_ctx=2048, anchor_date=None)
    assert (s.model, s.anchor_date) == ("env-model", None)
    assert s.options == {"mode": "json", "n_ctx": 2048}


def test_with_options_copies_and_leaves_the_original() -> None:
    s = Settings(model="m", anchor_date=date(2024, 1, 2), options={"mode": "json"})
    t = s.with_options(base_url="http://b/v1")
    assert t.options == {"mode": "json", "base_url": "http://b/v1"}
    assert s.options == {"mode": "json"} and t.anchor_date == s.anchor_date

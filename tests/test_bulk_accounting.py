"""Run accounting: counts, token totals, and the cost estimate from the price table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.bulk.accounting import Tally, cost, load_prices, price_for, summary_line
from summarizer.errors import ConfigError


def _tally() -> Tally:
    t = Tally()
    t.add(True, False, requests=2, prompt=1_000_000, completion=100_000)
    t.add(False, False, requests=1, prompt=0, completion=0)
    t.add(True, True, requests=0, prompt=0, completion=0)
    return t


def test_tally_counts_and_cost_with_builtin_price() -> None:
    t = _tally()
    assert (t.ok, t.error, t.cached, t.requests) == (2, 1, 1, 3)
    prices = load_prices(None)
    assert price_for("openai/gpt-4o-mini", prices) == price_for("gpt-4o-mini", prices)
    assert cost(t, "openai/gpt-4o-mini", prices) == pytest.approx(0.15 + 0.06)


def test_unknown_model_has_no_cost_in_the_summary() -> None:
    line = summary_line(_tally(), "my-local-llama", load_prices(None), interrupted=False)
    assert line.startswith("bulk: 2 ok, 1 error, 1 from cache in ")
    assert "3 requests, 1,000,000 prompt + 100,000 completion tokens" in line
    assert "$" not in line


def test_prices_file_overrides_and_adds(tmp_path: Path) -> None:
    f = tmp_path / "prices.json"
    f.write_text(json.dumps({"my-local-llama": {"input": 1, "output": 2}}))
    prices = load_prices(f)
    line = summary_line(_tally(), "my-local-llama", prices, interrupted=True)
    assert line.startswith("bulk (interrupted):") and line.endswith("est. $1.2000")


def test_bad_prices_file_is_a_config_error(tmp_path: Path) -> None:
    f = tmp_path / "prices.json"
    f.write_text('{"m": 3}')
    with pytest.raises(ConfigError, match="--prices"):
        load_prices(f)
    with pytest.raises(ConfigError, match="cannot read"):
        load_prices(tmp_path / "missing.json")

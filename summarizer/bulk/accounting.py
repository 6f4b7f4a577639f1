"""Counting a run (articles by status, requests, tokens) and pricing it.

Prices are USD per million tokens, list prices of a few hosted models as of late 2025, live and
through the Batch API (half); they go stale, so ``--prices prices.json`` replaces or adds
entries: ``{"gpt-4o-mini": {"input": 0.15, "output": 0.6, "batch_input": 0.075,
"batch_output": 0.3}}`` (batch prices default to half the live ones). A model with no known
price (a local vLLM server) gets no cost, never a guess.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from summarizer.errors import ConfigError


class Price(NamedTuple):
    """USD per million tokens, live and through the Batch API."""

    input: float
    output: float
    batch_input: float
    batch_output: float


def _price(live_in: float, live_out: float) -> Price:
    return Price(live_in, live_out, live_in / 2, live_out / 2)


PRICES: dict[str, Price] = {
    "gpt-4o-mini": _price(0.15, 0.60),
    "gpt-4o": _price(2.50, 10.00),
    "gpt-4.1": _price(2.00, 8.00),
    "gpt-4.1-mini": _price(0.40, 1.60),
    "gpt-4.1-nano": _price(0.10, 0.40),
    "gpt-5": _price(1.25, 10.00),
    "gpt-5-mini": _price(0.25, 2.00),
    "gpt-5-nano": _price(0.05, 0.40),
    "o4-mini": _price(1.10, 4.40),
}


@dataclass
class Tally:
    """What a run did so far; updated by the engine as each article finishes."""

    ok: int = 0
    error: int = 0
    skipped: int = 0
    duplicate: int = 0
    cached: int = 0
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    batch_prompt_tokens: int = 0  # of the tokens above, those paid at batch prices
    batch_completion_tokens: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def finished(self) -> int:
        return self.ok + self.error

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def add(self, ok: bool, cached: bool, requests: int, prompt: int, completion: int) -> None:
        if ok:
            self.ok += 1
        else:
            self.error += 1
        self.cached += cached
        self.requests += requests
        self.prompt_tokens += prompt
        self.completion_tokens += completion


def load_prices(path: Path | None) -> dict[str, Price]:
    """The built-in table, with ``path``'s entries (``{"model": {"input": x, "output": y}}``,
    optionally ``batch_input``/``batch_output``) on top."""
    prices = dict(PRICES)
    if path is None:
        return prices
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        for model, p in data.items():
            live = _price(float(p["input"]), float(p["output"]))
            prices[str(model)] = live._replace(
                batch_input=float(p.get("batch_input", live.batch_input)),
                batch_output=float(p.get("batch_output", live.batch_output)),
            )
    except OSError as exc:
        raise ConfigError(f"--prices {path}: cannot read ({exc.strerror})") from None
    except (ValueError, TypeError, KeyError, AttributeError):
        raise ConfigError(
            f'--prices {path}: expected {{"model": {{"input": USD/1M, "output": USD/1M}}}}'
        ) from None
    return prices


def price_for(model: str | None, prices: dict[str, Price]) -> Price | None:
    """A model's price, looked up by its name with any ``provider/`` prefix removed."""
    if not model:
        return None
    return prices.get(model) or prices.get(model.split("/", 1)[-1])


def cost(
    tally: Tally, model: str | None, prices: dict[str, Price], *, live: bool = False
) -> float | None:
    """Estimated USD spent by this run (``live``: had every token been paid at live prices), or
    None when the model's price is unknown."""
    price = price_for(model, prices)
    if price is None:
        return None
    batch_in, batch_out = (
        (0, 0) if live else (tally.batch_prompt_tokens, tally.batch_completion_tokens)
    )
    usd = (tally.prompt_tokens - batch_in) * price.input + batch_in * price.batch_input
    usd += (tally.completion_tokens - batch_out) * price.output + batch_out * price.batch_output
    return usd / 1_000_000


def summary_line(
    tally: Tally, model: str | None, prices: dict[str, Price], *, interrupted: bool
) -> str:
    """The one line printed at the end of a run."""
    parts = [f"{tally.ok:,} ok", f"{tally.error:,} error"]
    if tally.skipped:
        parts.append(f"{tally.skipped:,} already done")
    if tally.duplicate:
        parts.append(f"{tally.duplicate:,} duplicate ids skipped")
    if tally.cached:
        parts.append(f"{tally.cached:,} from cache")
    line = f"bulk{' (interrupted)' if interrupted else ''}: {', '.join(parts)} in {tally.elapsed:.1f} s"
    line += (
        f"; {tally.requests:,} requests, {tally.prompt_tokens:,} prompt + "
        f"{tally.completion_tokens:,} completion tokens"
    )
    usd = cost(tally, model, prices)
    if usd is not None:
        line += f", est. ${usd:.4f}"
        if tally.batch_prompt_tokens or tally.batch_completion_tokens:
            at_live = cost(tally, model, prices, live=True) or 0.0
            line += f" at batch prices (${at_live:.4f} live: ${at_live - usd:.4f} saved)"
    return line

"""Counting a run (articles by status, requests, tokens) and pricing it.

Prices are USD per million tokens, list prices of a few hosted models as of late 2025; they go
stale, so ``--prices prices.json`` replaces or adds entries: ``{"gpt-4o-mini": {"input": 0.15,
"output": 0.6}}``. A model with no known price (a local vLLM server) gets no cost, never a guess.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.errors import ConfigError

PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-5": (1.25, 10.00),
    "gpt-5-mini": (0.25, 2.00),
    "gpt-5-nano": (0.05, 0.40),
    "o4-mini": (1.10, 4.40),
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


def load_prices(path: Path | None) -> dict[str, tuple[float, float]]:
    """The built-in table, with ``path``'s entries (``{"model": {"input": x, "output": y}}``) on top."""
    prices = dict(PRICES)
    if path is None:
        return prices
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        for model, p in data.items():
            prices[str(model)] = (float(p["input"]), float(p["output"]))
    except OSError as exc:
        raise ConfigError(f"--prices {path}: cannot read ({exc.strerror})") from None
    except (ValueError, TypeError, KeyError, AttributeError):
        raise ConfigError(
            f'--prices {path}: expected {{"model": {{"input": USD/1M, "output": USD/1M}}}}'
        ) from None
    return prices


def price_for(
    model: str | None, prices: dict[str, tuple[float, float]]
) -> tuple[float, float] | None:
    """A model's price, looked up by its name with any ``provider/`` prefix removed."""
    if not model:
        return None
    return prices.get(model) or prices.get(model.split("/", 1)[-1])


def cost(tally: Tally, model: str | None, prices: dict[str, tuple[float, float]]) -> float | None:
    """Estimated USD spent by this run, or None when the model's price is unknown."""
    price = price_for(model, prices)
    if price is None:
        return None
    return (tally.prompt_tokens * price[0] + tally.completion_tokens * price[1]) / 1_000_000


def summary_line(
    tally: Tally, model: str | None, prices: dict[str, tuple[float, float]], *, interrupted: bool
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
    return line

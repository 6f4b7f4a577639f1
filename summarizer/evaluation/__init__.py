"""``summarizer eval``: run a backend over a gold folder and score what it finds.

Gold formats are detected from the path and dispatched through ``FORMATS``; adding one is a
detector and an evaluator function in its own module, plus one entry here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.errors import InputError

if TYPE_CHECKING:  # not at run time: ``diff`` imports ``evaluation.matching`` without a backend
    from summarizer.backends.base import Backend
    from summarizer.settings import Settings

Metrics = dict[str, float | int]


@dataclass
class Report:
    """What one evaluation run measured: named sections of metrics."""

    format: str
    gold: str
    backend: str
    articles: int
    sections: dict[str, Metrics] = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


Evaluator = Callable[[Path, "Backend", "Settings", "int | None"], Report]


@dataclass(frozen=True)
class GoldFormat:
    """A gold layout: how to recognise its path, and how to evaluate a backend on it."""

    detect: Callable[[Path], bool]
    evaluate: Evaluator


def _attributions(reader_name: str) -> Evaluator:
    def evaluate(path: Path, backend: Backend, settings: Settings, limit: int | None) -> Report:
        from summarizer.evaluation import attributions

        return attributions.evaluate(reader_name, path, backend, settings, limit)

    return evaluate


def _is_polnear(path: Path) -> bool:
    from summarizer.evaluation.polnear import is_polnear

    return is_polnear(path)


def _is_json_gold(path: Path) -> bool:
    from summarizer.evaluation.jsongold import is_json_gold

    return is_json_gold(path)


def _is_wikievents(path: Path) -> bool:
    from summarizer.evaluation.wikievents import is_wikievents

    return is_wikievents(path)


def _wikievents(path: Path, backend: Backend, settings: Settings, limit: int | None) -> Report:
    from summarizer.evaluation import wikievents

    return wikievents.evaluate(path, backend, settings, limit)


# Tried in order; the first whose detector accepts the path wins.
FORMATS: dict[str, GoldFormat] = {
    "polnear": GoldFormat(_is_polnear, _attributions("polnear")),
    "json": GoldFormat(_is_json_gold, _attributions("json")),
    "wikievents": GoldFormat(_is_wikievents, _wikievents),
}


def detect_format(path: Path) -> str:
    """The name of the gold format at ``path``; an ``InputError`` naming the layouts otherwise."""
    if not path.exists():
        raise InputError(f"{path}: no such gold folder or file")
    for name, fmt in FORMATS.items():
        if fmt.detect(path):
            return name
    raise InputError(
        f"{path}: not a gold set (expected text/ and attributions/ for PolNeAR, "
        "or *.json summarizer records)"
    )


def evaluate(path: Path, backend: Backend, settings: Settings, limit: int | None = None) -> Report:
    """Run ``backend`` over the gold at ``path`` and score it."""
    started = time.perf_counter()
    report = FORMATS[detect_format(path)].evaluate(path, backend, settings, limit)
    report.seconds = round(time.perf_counter() - started, 2)
    return report

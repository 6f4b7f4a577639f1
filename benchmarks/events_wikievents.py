"""Event trigger and argument scores of the rules backend on WikiEvents, whole and in two halves.

Usage: python benchmarks/events_wikievents.py [GOLD_JSONL]

GOLD_JSONL defaults to ../shared/data/wikievents-dev.jsonl. The halves (even and odd lines) show
how much the figure moves between documents: rules tuned while looking at one half and checked on
the other should score alike on both. ``summarizer eval GOLD_JSONL`` prints the whole-set row.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from summarizer import _speedups
from summarizer.backends.rules import RulesBackend
from summarizer.evaluation.wikievents import WikiDoc, predict, read, score
from summarizer.settings import Settings

_speedups.install()  # measure what the CLI runs

DEFAULT = Path(__file__).parent.parent.parent / "shared" / "data" / "wikievents-dev.jsonl"


def row(name: str, docs: list[WikiDoc]) -> str:
    started = time.perf_counter()
    predicted = predict(docs, RulesBackend(), Settings())
    result = score([(p, d.events) for p, d in zip(predicted, docs, strict=True)])
    cells = "  ".join(
        f"{section} P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}"
        for section, m in result.items()
    )
    return f"{name:<6} {len(docs):>3} docs  {cells}  ({time.perf_counter() - started:.1f} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT)
    args = parser.parse_args()
    docs = read(args.gold)
    print(row("all", docs))
    print(row("even", docs[0::2]))
    print(row("odd", docs[1::2]))


if __name__ == "__main__":
    main()

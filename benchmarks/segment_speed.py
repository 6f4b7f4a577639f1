"""How long ``segment`` takes per article: it runs for every article and every backend.

Usage: python benchmarks/segment_speed.py [ARTICLE ...] [--repeat N]

Articles default to the reference fixture, plus a 1,000-word article made of its paragraphs
repeated (the budget is under 1 ms for that one). Rows, in the same run: ``segment`` (furniture,
paragraphs, sentences, title) and, as the baseline, a bare split on blank lines and sentence-end
punctuation; the ratio says what furniture detection and abbreviation handling cost on top.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from summarizer.loading import source_for
from summarizer.segment import segment

REFERENCE = Path(__file__).parent.parent / "fixtures" / "articles" / "000_1c6f5c5be20c7c12.txt"
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def baseline(text: str) -> list[str]:
    """The least a segmenter does: paragraphs at blank lines, sentences after . ! ?"""
    return [s for p in text.split("\n\n") for s in _SENTENCE.split(p) if s.strip()]


def thousand_words(text: str) -> str:
    """Whole paragraphs of ``text`` repeated until the article has 1,000 words."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    out: list[str] = []
    words = 0
    while words < 1000:
        for p in paragraphs:
            out.append(p)
            words += len(p.split())
            if words >= 1000:
                break
    return "\n\n".join(out)


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=500)
    args = parser.parse_args()
    reference = REFERENCE.read_text(encoding="utf-8")
    texts = {"reference": reference, "1000 words": thousand_words(reference)}
    texts.update({p.name: p.read_text(encoding="utf-8") for p in args.articles})
    print(f"{'article':<28}{'words':>7}{'segment ms':>12}{'baseline ms':>13}{'ratio':>7}")
    for name, text in texts.items():
        source = source_for(text)
        ours = median_ms(lambda t=text, s=source: segment(t, s), args.repeat)
        base = median_ms(lambda t=text: baseline(t), args.repeat)
        words = len(text.split())
        print(f"{name[:27]:<28}{words:>7}{ours:>12.3f}{base:>13.3f}{ours / base:>7.1f}")


if __name__ == "__main__":
    main()

"""Per-article work outside the model call: segmentation, response validation and grounding.

Run: python benchmarks/overhead.py [--words 1000] [--repeats 200]
Target (issue 2): <= 5 ms for a 1,000-word article. The article is built from the fixture
articles; the "model answer" is a canned draft citing every quote found in it, so validation and
grounding do the same work they do on a real response. The baseline is `len(text.split())`, a
trivial pass over the same text in the same loop.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

from summarizer.backends.base import Draft
from summarizer.grounding import ground
from summarizer.loading import source_for
from summarizer.models import Quote
from summarizer.segment import segment
from summarizer.spans import find_verbatim, fold

ROOT = Path(__file__).resolve().parent.parent


def build_article(words: int) -> str:
    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted((ROOT / "fixtures" / "articles").glob("*.txt"))
    ]
    out: list[str] = []
    while sum(len(t.split()) for t in out) < words:
        out.extend(texts)
    return "\n\n".join(out)


def work(text: str) -> int:
    doc = segment(text, source_for(text))
    folded = fold(text)
    quotes = []
    for m in re.finditer(r"[\"\u201c]([^\"\u201d]{10,300})[\"\u201d]", text):
        hit = find_verbatim(m.group(1), text, folded=folded)
        if hit:
            quotes.append(
                Quote(text=text[hit[0] : hit[1]], start=hit[0], end=hit[1], kind="direct")
            )
    return len(ground(Draft(quotes=quotes), doc).quotes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    text = build_article(args.words)
    words = len(text.split())
    ours, base = [], []
    for _ in range(args.repeats):
        t = time.perf_counter()
        n = work(text)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        len(text.split())
        base.append(time.perf_counter() - t)
    med, bmed = statistics.median(ours), statistics.median(base)
    print(f"article: {words} words, {len(text)} chars, {n} quotes grounded")
    print(f"segment+validate+ground median: {med * 1000:.2f} ms  (target <= 5 ms)")
    print(f"baseline str.split median:      {bmed * 1000:.3f} ms  ratio {med / bmed:.0f}x")


if __name__ == "__main__":
    main()

"""Article-body extraction from web pages, scored as the Scrapinghub/Zyte benchmark scores it.

Usage: python benchmarks/article_extraction.py [DATA_DIR] [--variants] [--pages]

DATA_DIR holds ``html/ID.html.gz`` and ``ground-truth.json`` (default:
../shared/data/article-extraction). Rows, all in the same run:

- ``project``: ``summarizer.loading.load(page)``, the text ``summarizer summarise page.html``
  analyses and every offset indexes into;
- ``project-content``: the content paragraphs of that text after ``segment`` sets page furniture
  aside (what a backend reads);
- ``trafilatura``: plain ``trafilatura.extract(html, include_comments=False)``, exactly the call of
  the benchmark's ``extractors/run_trafilatura.py`` (published F1 0.958 on all 181 pages);
- with ``--variants``: trafilatura option variants, to see which phenomena they trade.

Scoring follows the benchmark's ``evaluate.py``: ``\\w+`` tokens, word 4-gram shingles counted
with multiplicity, TP/FP/FN normalised per page, precision and recall averaged over pages (a page
with no predicted shingles is left out of precision, as there), F1 from the two averages.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)
Counts = tuple[float, float, float]


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    grams = (tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)))
    return Counter(g for g in grams if g)


def shingle_matching(true: str | None, pred: str | None) -> Counts:
    """TP, FP, FN over shingles, normalised so that long pages do not weigh more."""
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for key in set(t) | set(p):
        tp += min(t[key], p[key])
        fp += max(0, p[key] - t[key])
        fn += max(0, t[key] - p[key])
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s > 0 else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def metrics(counts: list[Counts]) -> dict[str, float]:
    p = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    r = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def page_f1(c: Counts) -> float:
    p, r = _precision(*c), _recall(*c)
    return 2 * p * r / (p + r) if p + r else 0.0


def project_text(path: Path) -> str:
    from summarizer.loading import load

    return load(str(path)).text


def project_content(path: Path) -> str:
    from summarizer.loading import load
    from summarizer.segment import segment

    loaded = load(str(path))
    doc = segment(loaded.text, loaded.source)
    return "\n\n".join(doc.text[s:e] for s, e in doc.paragraphs)


def trafilatura_with(**options: object) -> Callable[[Path], str]:
    def run(path: Path) -> str:
        import trafilatura

        with gzip.open(path, "rt", encoding="utf8") as f:
            html = f.read()
        return trafilatura.extract(html, include_comments=False, **options) or ""  # type: ignore[arg-type]

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "data",
        nargs="?",
        type=Path,
        default=Path(__file__).resolve().parents[2] / "shared/data/article-extraction",
    )
    parser.add_argument("--variants", action="store_true", help="also try trafilatura options")
    parser.add_argument("--pages", action="store_true", help="list pages where project < baseline")
    args = parser.parse_args()
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf8"))
    ids = sorted(truth)
    systems: dict[str, Callable[[Path], str]] = {
        "trafilatura": trafilatura_with(),
        "project": project_text,
        "project-content": project_content,
    }
    if args.variants:
        systems |= {
            "traf favor_recall": trafilatura_with(favor_recall=True),
            "traf favor_precision": trafilatura_with(favor_precision=True),
            "traf no tables": trafilatura_with(include_tables=False),
            "traf fast": trafilatura_with(fast=True),
        }
    counts: dict[str, list[Counts]] = {name: [] for name in systems}
    for key in ids:
        path = args.data / "html" / f"{key}.html.gz"
        gold = truth[key].get("articleBody", "")
        for name, system in systems.items():
            try:
                pred = system(path)
            except Exception as exc:  # a refused page scores as an empty prediction
                print(f"{key[:12]} {name}: {exc}", file=sys.stderr)
                pred = ""
            counts[name].append(shingle_matching(gold, pred))
    print(f"{len(ids)} pages from {args.data}")
    print(f"{'system':<22} {'precision':>9} {'recall':>7} {'F1':>6}")
    for name, c in counts.items():
        m = metrics(c)
        print(f"{name:<22} {m['precision']:9.3f} {m['recall']:7.3f} {m['f1']:6.3f}")
    base, ours = counts["trafilatura"], counts["project"]
    worse = [(k, page_f1(b), page_f1(o)) for k, b, o in zip(ids, base, ours, strict=True)]
    worse = [w for w in worse if w[2] < w[1] - 1e-9]
    print(f"pages where project F1 < trafilatura F1: {len(worse)}")
    if args.pages:
        for key, b, o in worse:
            print(f"  {key[:16]} trafilatura {b:.3f} project {o:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

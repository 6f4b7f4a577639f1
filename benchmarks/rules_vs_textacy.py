"""Articles per second and peak memory: the rules backend against textacy's direct_quotations.

Usage: python benchmarks/rules_vs_textacy.py [DATA_DIR] [--repeats N] [--limit N] [--score]

DATA_DIR is a PolNeAR folder with ``text/*.txt`` (default: ../shared/data/polnear-dev). Both
sides read the same texts with the same spaCy model package, each run in a fresh subprocess so
its peak RSS is its own; runs alternate (textacy, rules, textacy, rules, ...) so load from other
processes on the machine falls on both alike. Reported: medians over the repeats and the ratio.

- ``textacy``: the documented way, ``doc = nlp(text)`` with the full pipeline, then
  ``textacy.extract.triples.direct_quotations(doc)`` (it raises on unbalanced quote marks; such
  an article counts as done with no quotes).
- ``rules``: ``summarizer``'s whole offline backend, not only quotes: segmentation, one
  ``nlp.pipe`` stream without the entity recogniser except on event and number sentences, then
  quotes, reported claims, assertions, events and the summary, each grounded.
- ``rules-quotes``: the same task as textacy's: segmentation, ``nlp.pipe`` with no entity
  recogniser at all, then quotes and reported claims only.

Every worker runs with one BLAS thread (``OPENBLAS_NUM_THREADS=1``): the rules backend does
its matrix products with NumPy's BLAS rather than thinc's BLIS (``_speedups.spacy_swaps``; the
same model and the same output, about three times faster here), and textacy could do the same.

Timing starts after the model is loaded (load time is reported apart). textacy is the optional
``bench`` extra: ``pip install 'summarizer[bench]'`` or ``pip install textacy``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "polnear-dev"
SIDES = ("textacy", "rules", "rules-quotes")


def _texts(data: Path, limit: int | None) -> list[str]:
    files = sorted((data / "text").glob("*.txt"))[:limit]
    return [f.read_text(encoding="utf-8") for f in files]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _run_textacy(texts: list[str]) -> tuple[float, float, int]:
    import spacy
    from textacy.extract.triples import direct_quotations

    started = time.perf_counter()
    nlp = spacy.load(_model_package())
    loaded = time.perf_counter()
    found = 0
    for text in texts:
        doc = nlp(text)
        try:
            found += len(list(direct_quotations(doc)))
        except ValueError:  # "unclosed quotation": textacy bails out on the article
            continue
    return loaded - started, time.perf_counter() - loaded, found


def _run_rules(texts: list[str]) -> tuple[float, float, int]:
    from summarizer import _speedups

    _speedups.install()  # measure what the CLI runs
    from summarizer.backends.rules import RulesBackend
    from summarizer.backends.rules.nlp import load_nlp
    from summarizer.loading import Loaded, source_for
    from summarizer.pipeline import assemble, prepare
    from summarizer.settings import Settings

    started = time.perf_counter()
    load_nlp()
    from summarizer.backends.rules import assertions, events, quotes, summary  # noqa: F401

    loaded = time.perf_counter()
    settings = Settings()
    backend = RulesBackend(settings)
    docs = [prepare(Loaded(t, source_for(t)), settings) for t in texts]
    drafts = backend.extract_many(docs)
    records = [
        assemble(d, backend.name, draft, loaded) for d, draft in zip(docs, drafts, strict=True)
    ]
    return loaded - started, time.perf_counter() - loaded, sum(len(r.quotes) for r in records)


def _run_rules_quotes(texts: list[str]) -> tuple[float, float, int]:
    from summarizer import _speedups

    _speedups.install()  # measure what the CLI runs
    from summarizer.backends.rules import quotes
    from summarizer.backends.rules.nlp import load_nlp, parse_many
    from summarizer.loading import source_for
    from summarizer.segment import segment

    started = time.perf_counter()
    load_nlp()
    loaded = time.perf_counter()
    found = 0
    for at in range(0, len(texts), 16):
        docs = [segment(t, source_for(t)) for t in texts[at : at + 16]]
        for doc, parsed in zip(docs, parse_many(docs, entities=lambda _: False), strict=True):
            found += len(quotes.extract(doc, parsed)[0])
    return loaded - started, time.perf_counter() - loaded, found


RUNNERS = {"textacy": _run_textacy, "rules": _run_rules, "rules-quotes": _run_rules_quotes}


def score_textacy(data: Path, limit: int | None) -> dict[str, dict[str, float | int]]:
    """textacy's quotes scored by ``summarizer eval``'s rules, for the quality side by side
    (content span, speaker tokens as the mention; an article it bails out on has no quotes)."""
    import spacy
    from textacy.extract.triples import direct_quotations

    from summarizer.evaluation import polnear
    from summarizer.evaluation.gold import GoldAttribution
    from summarizer.evaluation.scoring import score_attributions

    nlp = spacy.load(_model_package())
    pairs = []
    for article in polnear.read(data)[:limit]:
        doc = nlp(article.text)
        preds = []
        try:
            for q in direct_quotations(doc):
                who = tuple((t.idx, t.idx + len(t.text)) for t in q.speaker)
                preds.append(
                    GoldAttribution(((q.content.start_char, q.content.end_char),), who, True)
                )
        except ValueError:
            pass
        pairs.append((preds, article.attributions))
    report = score_attributions(pairs)
    return {k: report[k] for k in ("quotes", "speaker", "quotes_with_speaker")}


def _model_package() -> str:
    import importlib.util

    from summarizer.backends.rules.nlp import MODEL_PACKAGES

    found = [name for name in MODEL_PACKAGES if importlib.util.find_spec(name) is not None]
    if not found:
        raise SystemExit("no spaCy English model installed")
    return found[0]


def worker(side: str, data: Path, limit: int | None) -> None:
    """One measurement, in its own process: prints one JSON line."""
    texts = _texts(data, limit)
    load, seconds, quotes = RUNNERS[side](texts)
    print(
        json.dumps(
            {
                "side": side,
                "articles": len(texts),
                "load_seconds": round(load, 3),
                "seconds": round(seconds, 3),
                "articles_per_second": round(len(texts) / seconds, 3),
                "peak_mb": round(_peak_mb(), 1),
                "quotes": quotes,
            }
        )
    )


def _measure(side: str, data: Path, limit: int | None) -> dict[str, float]:
    cmd = [sys.executable, __file__, str(data), "--worker", side]
    if limit:
        cmd += ["--limit", str(limit)]
    # One BLAS thread on both sides: the rules backend multiplies with NumPy's BLAS, which
    # would otherwise use every core; textacy's spaCy uses BLIS, single-threaded.
    env = {
        **os.environ,
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    out = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    if out.returncode != 0:
        raise SystemExit(f"{side} run failed:\n{out.stderr.strip()}")
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--worker", choices=SIDES, help=argparse.SUPPRESS)
    ap.add_argument(
        "--score", action="store_true", help="also score textacy's quotes as summarizer eval does"
    )
    args = ap.parse_args()
    data = args.data.resolve()
    if not (data / "text").is_dir():
        raise SystemExit(
            f"{data}: no text/ folder here; pass a PolNeAR folder (default {DEFAULT_DATA})"
        )
    if args.worker:
        worker(args.worker, data, args.limit)
        return
    try:
        import textacy  # noqa: F401
    except ImportError:
        raise SystemExit(
            "textacy is not installed: pip install textacy (the 'bench' extra)"
        ) from None

    runs: dict[str, list[dict[str, float]]] = {side: [] for side in SIDES}
    for r in range(args.repeats):
        for side in SIDES:
            runs[side].append(_measure(side, data, args.limit))
            print(f"repeat {r + 1} {side}: {runs[side][-1]}", file=sys.stderr)

    def median(side: str, key: str) -> float:
        return statistics.median(run[key] for run in runs[side])

    print(f"{data}: {runs['rules'][0]['articles']:.0f} articles, {args.repeats} repeats, medians")
    print(f"{'':12} {'articles/s':>11} {'peak MB':>9} {'load s':>7} {'quotes':>7}")
    for side in SIDES:
        print(
            f"{side:12} {median(side, 'articles_per_second'):11.2f} {median(side, 'peak_mb'):9.0f}"
            f" {median(side, 'load_seconds'):7.2f} {median(side, 'quotes'):7.0f}"
        )
    for side in SIDES[1:]:
        ratios = [
            ours["articles_per_second"] / textacy["articles_per_second"]
            for ours, textacy in zip(runs[side], runs["textacy"], strict=True)
        ]
        print(f"{side} / textacy articles per second: {statistics.median(ratios):.2f}x")
    if args.score:
        for name, metrics in score_textacy(data, args.limit).items():
            print(f"textacy {name}: {json.dumps(metrics)}")


if __name__ == "__main__":
    main()

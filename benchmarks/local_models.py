"""Local models on PolNeAR dev's shortest articles: plain vs candidates mode, beside the rules backend.

Run (a llama.cpp server on 127.0.0.1, e.g. ../shared/tools/local-model serve 1.5b 8089):

    python benchmarks/local_models.py --base-url http://127.0.0.1:8089/v1 \
        --model qwen2.5-coder-1.5b --mode json --out results/local_models

Before each model run an untimed request (the next shortest article, not in the sample: an
article of the sample would then find its own prompt cached) puts the run's fixed prefix
(instructions and schema) into the server's prompt cache, as a bulk run's first article does;
its seconds are reported apart (``warm_up_seconds``; ``--no-warm-up`` times it cold). Seconds per
article count everything after the article is read: segmenting, finding the candidates (in
candidates mode), the requests and grounding.

Requests go at ``--temperature 0`` unless told otherwise: at the server's default (0.8 on
llama.cpp) one article's seconds varied threefold between runs (10.9 to 95.8 s), too much for
five articles to compare two modes by.

For each of the ``--articles`` shortest PolNeAR dev articles (default 5), in each of ``--runs``
(default "plain,candidates": plain = the model finds everything; candidates = ``--assist rules``),
the article goes through the whole pipeline against the server; the rules backend runs on the
same articles. Reported per run: quotes precision/recall/F1 (one-to-one, as ``summarizer eval``),
speaker accuracy, misplaced direct quotes (a ``direct`` quote not inside quote marks), requests,
re-asks, prompt and completion tokens, seconds per article (median and mean), failures.
Every record is kept under ``--out`` as JSONL (one line per article and run, the whole output
record with its warnings and usage) and every HTTP exchange as a vcrpy cassette, so the figures
can be re-scored (``--rescore``) without running the model again. One article takes minutes on a
2-core machine: run it in the background.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from summarizer import marks
from summarizer.errors import SummarizerError
from summarizer.evaluation.attributions import predictions, read_gold
from summarizer.evaluation.gold import GoldArticle
from summarizer.evaluation.scoring import score_attributions
from summarizer.loading import Loaded, source_for
from summarizer.models import Extraction
from summarizer.pipeline import backend_for, prepare, run
from summarizer.settings import Settings
from summarizer.spans import pieces

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "data" / "polnear-dev"


def shortest(gold: Path, n: int) -> list[GoldArticle]:
    articles = read_gold("polnear", gold)
    return sorted(articles, key=lambda a: (len(a.text), a.name))[:n]


def misplaced(record: Extraction, text: str) -> int:
    """``direct`` quotes not inside quoted passages (each part of a discontinuous one)."""
    doc = prepare(Loaded(text, source_for(text)), Settings())
    found = marks.find(text, doc.paragraphs)
    return sum(
        1
        for q in record.quotes
        if q.kind == "direct"
        and not all(any(m.start <= a and b <= m.end for m in found) for a, b in pieces(q))
    )


def extract(article: GoldArticle, settings: Settings, cassette: Path | None) -> dict[str, Any]:
    """One article through the pipeline: its record, or its error, with the seconds taken."""
    import vcr

    started = time.perf_counter()  # finding the candidates (candidates mode) counts too
    doc = prepare(Loaded(article.text, source_for(article.text, source_id=article.name)), settings)
    try:
        if cassette is None:
            record = run(doc, backend_for(settings))
        else:
            recorder = vcr.VCR(record_mode="all", filter_headers=["authorization"])
            with recorder.use_cassette(str(cassette)):
                record = run(doc, backend_for(settings))
    except SummarizerError as exc:
        requests, prompt, completion = exc.spent
        return {
            "id": article.name,
            "error": str(exc),
            "seconds": time.perf_counter() - started,
            "usage": {
                "requests": requests,
                "prompt_tokens": prompt,
                "completion_tokens": completion,
            },
        }
    return {
        "id": article.name,
        "record": json.loads(record.model_dump_json(exclude_none=True)),
        "seconds": time.perf_counter() - started,
        "usage": record.meta.usage.model_dump(),
    }


def summary(rows: list[dict[str, Any]], articles: list[GoldArticle]) -> dict[str, Any]:
    """The figures of one run from its rows (re-scored from the kept records)."""
    texts = {a.name: a for a in articles}
    pairs, wrong = [], 0
    for row in rows:
        gold = texts[row["id"]]
        if "record" in row:
            record = Extraction.model_validate(row["record"])
            pairs.append((predictions(record, gold.text), gold.attributions))
            wrong += misplaced(record, gold.text)
        else:
            pairs.append(([], gold.attributions))
    sections = score_attributions(pairs)
    seconds = [r["seconds"] for r in rows]
    requests = [r["usage"]["requests"] for r in rows]
    return {
        "articles": len(rows),
        "failed": sum("error" in r for r in rows),
        "quotes": sections["quotes"],
        "speaker": sections["speaker"],
        "misplaced_direct": wrong,
        "requests_per_article": statistics.mean(requests) if requests else 0,
        "reasks_per_article": statistics.mean(max(0, n - 1) for n in requests) if requests else 0,
        "prompt_tokens": sum(r["usage"]["prompt_tokens"] for r in rows),
        "completion_tokens": sum(r["usage"]["completion_tokens"] for r in rows),
        "seconds_median": statistics.median(seconds) if seconds else 0,
        "seconds_mean": statistics.mean(seconds) if seconds else 0,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--articles", type=int, default=5)
    ap.add_argument("--base-url")
    ap.add_argument("--model")
    ap.add_argument("--mode", default="json")
    ap.add_argument("--runs", default="plain,candidates")
    ap.add_argument("--timeout", type=float, default=900.0)
    ap.add_argument(
        "--temperature", type=float, default=0.0, help="0 (default): repeatable answers"
    )
    ap.add_argument("--max-retries", type=int, default=1)
    ap.add_argument(
        "--no-warm-up",
        dest="warm_up",
        action="store_false",
        help="time the first article cold (default: an untimed request first)",
    )
    ap.add_argument("--out", type=Path, default=Path("results/local_models"))
    ap.add_argument("--rescore", action="store_true", help="score the kept records only")
    args = ap.parse_args()
    if not args.gold.is_dir():
        sys.exit(f"no PolNeAR gold at {args.gold} (give --gold)")
    *articles, warm_up = shortest(args.gold, args.articles + 1)  # warm up on one not timed
    args.out.mkdir(parents=True, exist_ok=True)
    tag = f"{args.model}-{args.mode}" if args.model else "rules"
    runs = {"rules": Settings()}
    if args.model:
        for name in args.runs.split(","):
            runs[name] = Settings(
                model=args.model,
                options={
                    "base_url": args.base_url,
                    "mode": args.mode,
                    "timeout": args.timeout,
                    "temperature": args.temperature,
                },
                max_retries=args.max_retries,
                assist="rules" if name == "candidates" else None,
            )
    report: dict[str, Any] = {"articles": [a.name for a in articles], "runs": {}}
    for name, settings in runs.items():
        path = args.out / f"{tag}.{name}.jsonl" if name != "rules" else args.out / "rules.jsonl"
        if not args.rescore:
            path.write_text("")
            if settings.model and args.warm_up:
                warm = extract(warm_up, settings, None)
                report.setdefault("warm_up_seconds", {})[name] = warm["seconds"]
                print(f"{name} warm-up {warm_up.name}: {warm['seconds']:.1f}s", flush=True)
            for article in articles:
                cassette = None
                if settings.model:
                    cassette = args.out / "cassettes" / f"{tag}.{name}.{article.name}.yaml"
                    cassette.parent.mkdir(parents=True, exist_ok=True)
                    cassette.unlink(missing_ok=True)
                row = extract(article, settings, cassette)
                with path.open("a") as out:
                    out.write(json.dumps(row) + "\n")
                print(f"{name} {article.name}: {row['seconds']:.1f}s {row['usage']}", flush=True)
        rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        report["runs"][name] = summary(rows, articles)
    (args.out / f"{tag}.summary.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

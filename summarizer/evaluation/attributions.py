"""Quote and attribution scoring for gold read from PolNeAR or from summarizer JSON records."""

from __future__ import annotations

import time
from pathlib import Path

from summarizer.backends.base import Backend, failures_named
from summarizer.evaluation import Report
from summarizer.evaluation.gold import GoldArticle, GoldAttribution
from summarizer.evaluation.jsongold import to_gold
from summarizer.evaluation.scoring import score_attributions
from summarizer.loading import Loaded, source_for
from summarizer.models import Extraction
from summarizer.pipeline import assemble, prepare, run
from summarizer.settings import Settings


def read_gold(reader_name: str, path: Path) -> list[GoldArticle]:
    if reader_name == "polnear":
        from summarizer.evaluation import polnear

        return polnear.read(path)
    from summarizer.evaluation import jsongold

    return jsongold.read(path)


def extract_all(
    articles: list[GoldArticle], backend: Backend, settings: Settings
) -> list[Extraction]:
    """Each article through the pipeline; in one ``extract_many`` batch when the backend has no
    input budget (rules: one ``nlp.pipe`` stream), else one by one, chunked to the budget."""
    docs = [
        prepare(Loaded(a.text, source_for(a.text, source_id=a.name)), settings) for a in articles
    ]
    if backend.input_budget is not None:
        return [run(doc, backend) for doc in docs]
    started = time.perf_counter()
    with failures_named(backend.name):
        drafts = backend.extract_many(docs)
    return [assemble(doc, backend.name, d, started) for doc, d in zip(docs, drafts, strict=True)]


def predictions(record: Extraction, text: str) -> list[GoldAttribution]:
    """A backend's quotes and reported claims in the shape gold is read into."""
    return to_gold(record, text, record.source.id).attributions


def evaluate(
    reader_name: str, path: Path, backend: Backend, settings: Settings, limit: int | None
) -> Report:
    articles = read_gold(reader_name, path)[:limit]
    records = extract_all(articles, backend, settings)
    pairs = [
        (predictions(r, a.text), a.attributions) for r, a in zip(records, articles, strict=True)
    ]
    return Report(reader_name, str(path), backend.name, len(articles), score_attributions(pairs))

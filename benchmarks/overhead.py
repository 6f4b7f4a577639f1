"""Per-article work outside the model call: segmentation, response validation, building and grounding.

Run: python benchmarks/overhead.py [--copies 2] [--repeats 200]
Target (issue 2): <= 5 ms for a 1,000-word article. The article is the reference fixture repeated
(two copies are about 1,000 words). The model's answer is the hand-written canned answer the tests
use (tests/llm_canned.py), validated exactly as instructor validates it (`context=` with the
grounding article), then built into a draft and grounded, as `LLMBackend` does after the call.
The baseline, timed in the same loop, is `len(text.split())`: a trivial pass over the same text.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from llm_canned import REFERENCE, reference_answer  # noqa: E402

from summarizer import _speedups  # noqa: E402
from summarizer.backends.llm.draft import build  # noqa: E402
from summarizer.backends.llm.response import Article, ArticleExtraction  # noqa: E402
from summarizer.grounding import ground  # noqa: E402
from summarizer.loading import Loaded, source_for  # noqa: E402
from summarizer.pipeline import prepare  # noqa: E402
from summarizer.settings import Settings  # noqa: E402

_speedups.install()  # measure what the CLI runs


def work(loaded: Loaded, answer: dict[str, object]) -> int:
    doc = prepare(loaded, Settings())
    article = Article(doc)
    parsed = ArticleExtraction.model_validate(answer, context={"grounding": article})
    draft = ground(build(parsed, article), doc)
    return len(draft.quotes) + len(draft.claims) + len(draft.events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    one = (ROOT / REFERENCE).read_text(encoding="utf-8")
    text = "\n\n".join([one] * args.copies)
    loaded = Loaded(text, source_for(text))
    answer = reference_answer()
    ours, base = [], []
    for _ in range(args.repeats):
        t = time.perf_counter()
        items = work(loaded, answer)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        len(text.split())
        base.append(time.perf_counter() - t)
    med, bmed = statistics.median(ours), statistics.median(base)
    print(f"article: {len(text.split())} words, {len(text)} chars; {items} grounded items")
    print(f"segment+validate+build+ground median: {med * 1000:.2f} ms  (target <= 5 ms)")
    print(f"baseline str.split median:            {bmed * 1000:.3f} ms  ratio {med / bmed:.0f}x")


if __name__ == "__main__":
    main()

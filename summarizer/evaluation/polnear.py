"""PolNeAR's brat standoff layout as gold: ``text/NAME.txt`` and ``attributions/NAME_XXXX.ann``.

An article annotated by several people keeps only its first annotation file (sorted by name), as
the corpus' own scripts do. A ``T`` line is a labelled span (``Source``, ``Cue``, ``Content``;
``s1 e1;s2 e2`` when discontinuous); an ``E`` line ties one attribution's spans together.
"""

from __future__ import annotations

from pathlib import Path

from summarizer.errors import InputError
from summarizer.evaluation.gold import GoldArticle, GoldAttribution, Range
from summarizer.quotemarks import NEVER_APOSTROPHE


def is_polnear(path: Path) -> bool:
    return path.is_dir() and (path / "text").is_dir() and (path / "attributions").is_dir()


def _ranges(field: str) -> tuple[Range, ...]:
    out = []
    for part in field.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return tuple(out)


def parse_ann(ann: str, text: str) -> list[GoldAttribution]:
    """The attributions of one ``.ann`` file over ``text``."""
    spans: dict[str, tuple[str, tuple[Range, ...]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if cols[0].startswith("T"):
            label, _, where = cols[1].partition(" ")
            spans[cols[0]] = (label, _ranges(where))
        elif cols[0].startswith("E"):
            roles = dict(arg.split(":", 1) for arg in cols[1].split() if ":" in arg)
            events.append(roles)
    out: list[GoldAttribution] = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        ranges = content[1]
        source = spans.get(roles.get("Source", ""), ("", ()))[1]
        words = "".join(text[s:e] for s, e in ranges)
        # A content with a quote mark is a direct or partial quote; "’" is far more often an
        # apostrophe than a closing mark, so it does not count.
        quoted = any(m in words for m in NEVER_APOSTROPHE)
        out.append(GoldAttribution(ranges, source, quoted))
    return out


def read(path: Path) -> list[GoldArticle]:
    """Every annotated article under a PolNeAR folder, in name order."""
    anns: dict[str, Path] = {}
    for ann in sorted((path / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    articles = []
    for txt in sorted((path / "text").glob("*.txt")):
        ann_path = anns.get(txt.stem)
        if ann_path is None:
            continue
        text = txt.read_text(encoding="utf-8")
        attributions = parse_ann(ann_path.read_text(encoding="utf-8"), text)
        articles.append(GoldArticle(txt.stem, text, attributions))
    if not articles:
        raise InputError(f"{path}: no article in text/ has an annotation file in attributions/")
    return articles

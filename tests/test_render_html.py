"""The HTML report, read back with an HTML parser: every highlight holds its item's exact text,
overlaps nest, everything is escaped and nothing is loaded from the network.

fixtures/pages/overlaps.extraction.json is a hand-written result (not a model's): an article
whose title and text contain ``<script>`` and an ``onerror`` image, a quote inside an event's
evidence sentence, a claim and a trigger inside another event's evidence.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from interrupted import interrupted

from summarizer.loading import source_for
from summarizer.models import Extraction, Meta, Quote
from summarizer.render import render
from summarizer.render.html import Failed, render_report

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "pages" / "overlaps.extraction.json"


@pytest.fixture()
def sample() -> Extraction:
    return Extraction.model_validate_json(SAMPLE.read_text(encoding="utf-8"))


class ArticleReader(HTMLParser):
    """Collects the article's text and, per highlighted range id, the text it wraps."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, list[str], str]] = []  # (tag, range ids, kind)
        self.depth = 0  # > 0 inside an .article-text element
        self.text: list[str] = []
        self.by_range: dict[str, str] = {}
        self.kinds_per_piece: list[tuple[str, ...]] = []
        self.tags: list[str] = []
        self.links: list[str] = []  # every src= and href= value

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        self.links += [v or "" for k, v in attrs if k in ("src", "href")]
        if self.depth:
            self.depth += 1
            kind = next((c for c in (a.get("class") or "").split() if c.startswith("hl-")), "")
            self.stack.append((tag, (a.get("data-r") or "").split(), kind))
        elif "article-text" in (a.get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
            if self.stack and self.depth:
                self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.depth:
            return
        self.text.append(data)
        for _, rids, _ in self.stack:
            for rid in rids:
                self.by_range[rid] = self.by_range.get(rid, "") + data
        self.kinds_per_piece.append(tuple(k for _, _, k in self.stack if k))


def read(html: str) -> ArticleReader:
    reader = ArticleReader()
    reader.feed(html)
    return reader


def expected_ranges(result: Extraction, section: str = "a0") -> dict[str, str]:
    want: dict[str, str] = {}
    for i, ev in enumerate(result.events):
        for n, s in enumerate(ev.evidence):
            want[f"{section}-e{i}.{n}"] = s.text
        if ev.trigger:
            want[f"{section}-e{i}.t"] = ev.trigger.text
    for i, q in enumerate(result.quotes):
        want.update({f"{section}-q{i}.{n}": p.text for n, p in enumerate(q.parts or [q])})
    for i, c in enumerate(result.claims):
        want.update({f"{section}-c{i}.{n}": p.text for n, p in enumerate(c.parts or [c])})
    return want


def test_an_item_in_parts_is_one_item_with_every_part_highlighted() -> None:
    html = render(interrupted(), "html")
    page = read(html)
    halves = ["We will respond,", "at the right time."]
    assert page.by_range == {f"a0-{k}.{n}": t for k in ("q0", "c0") for n, t in enumerate(halves)}
    assert html.count('class="item-link"') == 2  # one quote and one claim in the side list
    assert "(2 parts)" in html
    assert "We will respond, at the right time." in html  # its words, as a reader reads them


def test_the_article_text_is_shown_whole_and_every_highlight_holds_its_item(
    sample: Extraction,
) -> None:
    page = read(render(sample, "html"))
    assert "".join(page.text) == sample.source.text
    assert page.by_range == expected_ranges(sample)


def test_overlapping_spans_nest_one_wrapper_per_kind(sample: Extraction) -> None:
    page = read(render(sample, "html"))
    # the quote sits inside the second event's evidence sentence
    assert ("hl-event", "hl-quote") in page.kinds_per_piece
    # the trigger "exploded" sits inside a claim inside the first event's evidence
    assert ("hl-event", "hl-claim", "hl-trigger") in page.kinds_per_piece


def test_everything_is_escaped_and_only_the_report_script_can_run(sample: Extraction) -> None:
    html = render(sample, "html")
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "<script>window" not in html and "<img" not in html
    page = read(html)
    assert page.tags.count("script") == 2  # the JSON data and the report's own script
    assert "img" not in page.tags and "b" not in page.tags and "i" not in page.tags
    assert not any(link.startswith("javascript:") for link in page.links)
    script = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(script) == 1
    digest = base64.b64encode(hashlib.sha256(script[0].encode()).digest()).decode()
    csp = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)[1])
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp


def test_nothing_is_loaded_from_the_network(sample: Extraction) -> None:
    html = render(sample, "html")
    # the empty favicon and the side list's in-page links; the javascript: URL stays text
    assert set(read(html).links) == {"data:,", "#"}
    assert "@import" not in html and "url(" not in html


def test_item_fields_travel_as_inert_json(sample: Extraction) -> None:
    html = render(sample, "html")
    data = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', html, re.S)
    assert data is not None
    assert "<" not in data.group(1)  # "<b>by a group</b>" is \u003cb\u003e
    assert "Ali Hassan" in data.group(1) and "central market" in data.group(1)


def test_plain_text_results_are_highlighted_from_their_unchanged_file(tmp_path: Path) -> None:
    text = 'Title\n\n"We are ready," the coach said.\n'
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    quote = Quote(text="We are ready,", start=8, end=21, kind="direct")
    result = Extraction(
        source=source_for(text, path=str(path)), quotes=[quote], meta=Meta(backend="rules")
    )
    assert read(render(result, "html")).by_range == {"a0-q0.0": "We are ready,"}
    path.write_text(text.replace("ready", "set"), encoding="utf-8")
    assert "article text is not in this result" in render(result, "html")


def test_a_bulk_report_has_an_index_a_section_per_article_and_the_errors(
    sample: Extraction,
) -> None:
    second = sample.model_copy(update={"source": sample.source.model_copy(update={"id": "two"})})
    html = render_report([sample, Failed(id="bad-1", reason="x.html: no article text"), second])
    assert 'href="#a0"' in html and 'href="#a2"' in html and 'href="#errors"' in html
    assert "bad-1" in html and "x.html: no article text" in html
    page = read(html)
    assert page.by_range == expected_ranges(sample, "a0") | expected_ranges(second, "a2")

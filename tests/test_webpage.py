"""Web pages in: trafilatura's article text becomes the analysed text, with the page's metadata.

The pages are hand-written fixtures (fixtures/pages/); ``--url`` is served from loopback.
"""

from __future__ import annotations

import gzip
import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.loading import load, load_url
from summarizer.pipeline import prepare
from summarizer.settings import Settings
from summarizer.spans import find_verbatim
from summarizer.webpage import fetch, looks_like_html, paragraphs_text

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "fixtures" / "pages"
HARBOUR = PAGES / "harbour.html"


def test_article_text_and_metadata_come_from_the_page() -> None:
    loaded = load(str(HARBOUR))
    text = loaded.text
    assert text.startswith("Storm closes Port Elling harbour for three days\n\n")
    assert "fourteen fishing boats" in text and "Friday if the inspection" in text
    for furniture in ("Subscribe today", "Most read", "Lottery winner", "All rights reserved"):
        assert furniture not in text
    src = loaded.source
    assert src.text == text and src.chars == len(text)
    assert src.title == "Storm closes Port Elling harbour for three days"
    assert src.author == "Maria Okafor"
    assert src.date == "2023-03-14"
    assert src.url == "https://ledger.example.org/news/2023/03/14/storm-harbour"
    assert src.path == str(HARBOUR)


def test_offsets_index_into_the_extracted_text_and_the_date_anchors_it() -> None:
    loaded = load(str(HARBOUR))
    doc = prepare(loaded, Settings())
    assert doc.anchor_date == date(2023, 3, 14)
    assert len(doc.paragraphs) == 6  # title + five paragraphs: blank lines between blocks
    hit = find_verbatim("We will not take risks with people's lives", loaded.text)
    assert hit is not None
    assert loaded.text[hit[0] : hit[1]] == "We will not take risks with people's lives"


def test_html_is_sniffed_whatever_the_file_is_called(tmp_path: Path) -> None:
    saved = tmp_path / "saved-page.txt"
    saved.write_bytes(HARBOUR.read_bytes())
    assert load(str(saved)).text == load(str(HARBOUR)).text


def test_plain_text_keeps_its_own_text(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    body = "Title line\n\nThe <b>council</b> met on Monday.\n"
    article.write_text(body, encoding="utf-8")
    loaded = load(str(article))
    assert loaded.text == body
    assert loaded.source.text is None and loaded.source.title is None


def test_gzipped_page_is_read(tmp_path: Path) -> None:
    packed = tmp_path / "page.html.gz"
    packed.write_bytes(gzip.compress(HARBOUR.read_bytes()))
    assert load(str(packed)).text == load(str(HARBOUR)).text


def test_a_page_with_no_article_is_one_input_error() -> None:
    with pytest.raises(InputError, match="no article text found"):
        load(str(PAGES / "no_article.html"))


def test_a_page_declaring_another_charset_is_decoded_by_trafilatura(tmp_path: Path) -> None:
    page = tmp_path / "latin.html"
    html = HARBOUR.read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="iso-8859-1"')
    page.write_bytes(html.replace("Reyes", "Réyes").encode("iso-8859-1"))
    assert "Harbour master Tom Réyes" in load(str(page)).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html>", True),
        ("  \n<html lang='en'><body>", True),
        ("<!-- saved --><HTML>", True),
        ('<?xml version="1.0"?>\n<html xmlns="x">', True),
        ("Title\n\n<html> is a markup language.", False),
        ("The <b>council</b> met.", False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_paragraphs_are_separated_by_blank_lines() -> None:
    assert (
        paragraphs_text("Title\n  First para.\n\n\nSecond.  \n")
        == "Title\n\nFirst para.\n\nSecond."
    )


class _Pages(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, directory=str(PAGES), **kwargs)  # type: ignore[arg-type]

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_url_is_fetched_and_recorded(server: str) -> None:
    url = f"{server}/harbour.html"
    loaded = load_url(url, timeout=5)
    assert loaded.text == load(str(HARBOUR)).text
    assert loaded.source.url == url and loaded.source.path is None


def test_url_failures_are_one_line(server: str) -> None:
    with pytest.raises(InputError, match="HTTP 404"):
        fetch(f"{server}/missing.html", timeout=5)
    with pytest.raises(InputError, match="give an http"):
        fetch("file:///etc/passwd")
    with pytest.raises(InputError, match="byte limit"):
        fetch(f"{server}/harbour.html", timeout=5, max_bytes=100)


def test_cli_url_failure_is_one_line_and_exit_2(server: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", "summarise", "--url", f"{server}/missing.html"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"summarizer: --url {server}/missing.html: the server answered HTTP 404"
    ]


def test_cli_needs_a_path_or_a_url() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", "summarise", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "give an article PATH or --url URL" in proc.stderr


@pytest.mark.slow
def test_cli_summarises_a_page_into_a_self_contained_html_report(tmp_path: Path) -> None:
    out = tmp_path / "out.html"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "summarizer",
            "summarise",
            str(HARBOUR),
            "-f",
            "html",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    assert "<title>Storm closes Port Elling harbour for three days</title>" in html
    assert "fourteen fishing boats" in html and "Subscribe today" not in html
    assert 'class="hl hl-quote"' in html

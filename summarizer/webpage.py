"""Web pages in: the article's main text and metadata, extracted by trafilatura.

Pages arrive full of navigation, adverts and comments; trafilatura (not hand-written parsing)
finds the article body, its title, author and publication date. The body becomes the analysed
text: its paragraphs are separated by blank lines so ``segment`` sees them as paragraphs, and
every offset in the output indexes into it. trafilatura is imported lazily: it is slow to load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.errors import InputError

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
# Fewer words than this is a menu, a cookie wall or an error page, not an article.
MIN_ARTICLE_WORDS = 10
USER_AGENT = "summarizer/0.1 (+https://github.com/; article extraction)"
# A page starts with a doctype, an <html>/<head>/<body> tag, maybe after comments or an XML prolog.
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)


@dataclass
class Page:
    """An article extracted from a web page; ``text`` is what every offset indexes into."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None


def looks_like_html(text: str) -> bool:
    """True when ``text`` is a web page rather than article text (sniffed from its start)."""
    return bool(_HTML_START.match(text[:4096]))


def is_html_name(name: str) -> bool:
    return name.lower().endswith(HTML_SUFFIXES)


def paragraphs_text(extracted: str) -> str:
    """trafilatura's one-line-per-block text, with blank lines between blocks (paragraphs)."""
    lines = (line.strip() for line in extracted.split("\n"))
    return "\n\n".join(line for line in lines if line)


def extract(html: str | bytes, *, name: str, url: str | None = None) -> Page:
    """The article in ``html``; a page with no extractable article is an ``InputError``.

    Comments are not the article; tables and lists are kept (trafilatura's defaults). The
    publication date is the original one, not the last update, so relative dates resolve
    against the day the article was written.
    """
    from trafilatura import bare_extraction

    try:
        doc = bare_extraction(
            html,
            url=url,
            include_comments=False,
            with_metadata=True,
            date_extraction_params={"original_date": True, "extensive_search": True},
        )
    except Exception as exc:  # trafilatura raises assorted lxml/parser errors on broken pages
        raise InputError(
            f"{name}: cannot parse the page as HTML ({exc.__class__.__name__})"
        ) from None
    text = paragraphs_text(getattr(doc, "text", None) or "") if doc is not None else ""
    words = len(text.split())
    if words < MIN_ARTICLE_WORDS:
        found = f" (only {words} words outside the page furniture)" if words else ""
        raise InputError(f"{name}: no article text found in the page{found}")
    return Page(
        text=text,
        title=_clean(getattr(doc, "title", None)),
        author=_clean(getattr(doc, "author", None)),
        date=_clean(getattr(doc, "date", None)),
        url=url or _clean(getattr(doc, "url", None)),
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def fetch(url: str, *, timeout: float = 30.0, max_bytes: int = 5_000_000) -> bytes:
    """The body of ``url`` (http or https only); any failure is a one-line ``InputError``."""
    import urllib.error
    import urllib.request

    if not re.match(r"https?://[^/\s]+", url, re.IGNORECASE):
        raise InputError(f"--url {url}: give an http:// or https:// address")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data: bytes = response.read(max_bytes + 1)
    except urllib.error.HTTPError as exc:
        raise InputError(f"--url {url}: the server answered HTTP {exc.code}") from None
    except urllib.error.URLError as exc:
        raise InputError(f"--url {url}: cannot fetch ({_reason(exc.reason)})") from None
    except (TimeoutError, OSError, ValueError) as exc:
        raise InputError(f"--url {url}: cannot fetch ({_reason(exc)})") from None
    if len(data) > max_bytes:
        raise InputError(
            f"--url {url}: larger than the {max_bytes:,}-byte limit; raise it with --max-bytes"
        )
    if not data.strip():
        raise InputError(f"--url {url}: the page is empty")
    return data


def _reason(exc: object) -> str:
    if isinstance(exc, TimeoutError):
        return "timed out"
    text = str(getattr(exc, "strerror", None) or exc).strip()
    return text or exc.__class__.__name__

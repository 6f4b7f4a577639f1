"""Read an article from a file or stdin into text, refusing what is not an article.

Every refusal is an ``InputError`` whose message is the single line the user sees.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import InputError
from summarizer.models import Source
from summarizer.webpage import extract as extract_page
from summarizer.webpage import fetch, is_html_name, looks_like_html

DEFAULT_MAX_BYTES = 5_000_000


@dataclass
class Loaded:
    """An article's analysed text and the record of where it came from."""

    text: str
    source: Source


def source_for(text: str, *, path: str | None = None, source_id: str | None = None) -> Source:
    """The ``Source`` record of ``text``; the id is the given one, else a content hash."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Source(id=source_id or digest[:16], path=path, chars=len(text), sha256=digest)


def decode(data: bytes, *, name: str, encoding: str = "utf-8") -> str:
    """Bytes to text; binary or undecodable content is an ``InputError`` naming the encoding."""
    if not data.strip():
        raise InputError(f"{name}: the article is empty")
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not article text")
    try:
        text = data.decode("utf-8-sig" if encoding.lower() in {"utf-8", "utf8"} else encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(
            f"{name}: cannot decode as {encoding} ({exc.__class__.__name__}); "
            "pass --encoding with the file's encoding"
        ) from None
    if not text.strip():
        raise InputError(f"{name}: the article is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_bytes(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of ``path`` ("-" is stdin), refusing missing paths, folders and huge files."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(f"{path}: no such file")
        if p.is_dir():
            raise InputError(
                f"{path}: is a folder; give an article file (or use 'summarizer bulk')"
            )
        try:
            size = p.stat().st_size
            if size > max_bytes:
                raise InputError(_too_large(path, max_bytes))
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise InputError(_too_large(path, max_bytes))
    return data


def _too_large(path: str, max_bytes: int) -> str:
    return f"{path}: larger than the {max_bytes:,}-byte limit; raise it with --max-bytes"


def load(
    path: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str = "utf-8",
    source_id: str | None = None,
) -> Loaded:
    """Load the article at ``path`` ("-" for stdin) as text with its ``Source``."""
    name = "stdin" if path == "-" else path
    stored = None if path == "-" else path
    data = read_bytes(path, max_bytes=max_bytes)
    if is_html_name(name):
        data = (
            _gunzip(data, name=name, max_bytes=max_bytes) if name.lower().endswith(".gz") else data
        )
        return from_html(
            _html_text(data, name=name, encoding=encoding),
            name=name,
            path=stored,
            source_id=source_id,
        )
    text = decode(data, name=name, encoding=encoding)
    if looks_like_html(text):
        return from_html(text, name=name, path=stored, source_id=source_id)
    return Loaded(text, source_for(text, path=stored, source_id=source_id))


def from_html(
    html: str | bytes,
    *,
    name: str,
    path: str | None = None,
    url: str | None = None,
    source_id: str | None = None,
) -> Loaded:
    """A web page's article: offsets index into the extracted text, carried as ``source.text``."""
    page = extract_page(html, name=name, url=url)
    source = source_for(page.text, path=path, source_id=source_id).model_copy(
        update={
            "text": page.text,
            "title": page.title,
            "author": page.author,
            "date": page.date,
            "url": page.url,
        }
    )
    return Loaded(page.text, source)


def load_url(
    url: str,
    *,
    timeout: float = 30.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str = "utf-8",
    source_id: str | None = None,
) -> Loaded:
    """Fetch the page at ``url`` and load its article; a failure is one ``InputError`` line."""
    data = fetch(url, timeout=timeout, max_bytes=max_bytes)
    name = f"--url {url}"
    return from_html(
        _html_text(data, name=name, encoding=encoding), name=name, url=url, source_id=source_id
    )


def _html_text(data: bytes, *, name: str, encoding: str) -> str | bytes:
    """A page's text; with the default encoding, undecodable bytes go to trafilatura, which
    reads the page's declared charset."""
    if not data.strip():
        raise InputError(f"{name}: the page is empty")
    try:
        return decode(data, name=name, encoding=encoding)
    except InputError:
        if encoding.lower() in {"utf-8", "utf8"} and b"\x00" not in data[:8192]:
            return data
        raise


def _gunzip(data: bytes, *, name: str, max_bytes: int) -> bytes:
    """A gzipped page (``page.html.gz``), refusing more than ``max_bytes`` once unpacked."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error):
        raise InputError(f"{name}: not a valid gzip file") from None
    if len(out) > max_bytes:
        raise InputError(_too_large(name, max_bytes))
    return out

"""Read an article from a file or stdin into text, refusing what is not an article.

Every refusal is an ``InputError`` whose message is the single line the user sees.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import InputError
from summarizer.models import Source

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
    text = decode(read_bytes(path, max_bytes=max_bytes), name=name, encoding=encoding)
    return Loaded(text, source_for(text, path=None if path == "-" else path, source_id=source_id))

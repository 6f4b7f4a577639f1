"""Reading articles: good text loads with its source record, bad input is one clear error."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.loading import decode, load, source_for


def test_text_file_loads_with_hash_and_offsets_into_its_own_text(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes("\ufeffHeadline\r\n\r\nBody text.\r\n".encode())
    loaded = load(str(p))
    assert loaded.text == "Headline\n\nBody text.\n"
    assert loaded.source.chars == len(loaded.text)
    assert loaded.source.sha256 == hashlib.sha256(loaded.text.encode()).hexdigest()
    assert loaded.source.path == str(p)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        (b"caf\xe9 au lait", "cannot decode as utf-8"),
    ],
)
def test_bad_bytes_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode(data, name="x.txt")


def test_other_encoding_can_be_named() -> None:
    assert decode(b"caf\xe9", name="x", encoding="latin-1") == "caf\u00e9"


def test_missing_folder_and_oversized_paths(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="is a folder"):
        load(str(tmp_path))
    big = tmp_path / "big.txt"
    big.write_text("word " * 100)
    with pytest.raises(InputError, match="--max-bytes"):
        load(str(big), max_bytes=100)


def test_source_id_defaults_to_content_hash() -> None:
    assert source_for("abc").id == hashlib.sha256(b"abc").hexdigest()[:16]
    assert source_for("abc", source_id="given").id == "given"

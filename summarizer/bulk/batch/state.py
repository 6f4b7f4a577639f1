"""What a ``--batch`` run has sent, kept next to the output so a killed run resumes.

``results.jsonl`` gets ``results.jsonl.batch/``: ``state.json`` (one entry per request file:
its articles, file id, batch id, where it stands) and the request, output and error files. The
state is rewritten whole, atomically (temporary file, fsync, rename, fsync of the folder), and
always before the step it records is taken further: an id the server gave is on disk before
anything else happens, and an entry is marked ``uploading``/``creating`` before the request
that may or may not reach the server, so a re-run finds what a killed one left there
(``files`` by name, ``batches`` by input file) instead of sending it again.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from summarizer.errors import ConfigError

# prepared -> uploading -> uploaded -> creating -> submitted -> downloaded -> collected
OPEN = ("prepared", "uploading", "uploaded", "creating", "submitted", "downloaded")


@dataclass
class Entry:
    """One request file and the batch made of it."""

    name: str  # request file in the state folder, and the filename uploaded
    ids: list[str]  # articles whose requests it holds (all chunks of each)
    requests: int
    bytes: int
    step: str = "prepared"
    round: int = 0  # 0: first answers; n: the n-th follow-up batch of re-asks
    prior: str | None = None  # answers so far of a follow-up's articles (a file in the folder)
    output_offset: int = 0  # size of the output when the batch was made: its lines come after
    file_id: str | None = None
    batch_id: str | None = None
    status: str | None = None  # the batch's last status seen
    output_file_id: str | None = None
    error_file_id: str | None = None
    errors: list[str] = field(default_factory=list)  # a failed batch's reasons


@dataclass
class State:
    """Every entry of a run, and a token that makes its uploaded filenames unique."""

    token: str
    entries: list[Entry] = field(default_factory=list)

    def open_entries(self) -> list[Entry]:
        return [e for e in self.entries if e.step in OPEN]

    def in_flight(self) -> set[str]:
        """Articles sent (or about to be) and not yet written to the output."""
        return {i for e in self.open_entries() for i in e.ids}


def folder_for(output: Path) -> Path:
    return output.with_name(output.name + ".batch")


def load(folder: Path) -> State:
    """The state in ``folder``, or a new one (with a fresh token) when there is none yet."""
    path = folder / "state.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return State(token=os.urandom(6).hex())
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path}: cannot read the batch state ({exc})") from None
    try:
        return State(data["token"], [Entry(**e) for e in data["entries"]])
    except (KeyError, TypeError) as exc:
        raise ConfigError(f"{path}: not a batch state file ({exc})") from None


def save(folder: Path, state: State) -> None:
    """Write the state atomically: a kill leaves the old state or the new, never half."""
    write_atomic(folder / "state.json", json.dumps(asdict(state), indent=1).encode())


def write_atomic(path: Path, data: bytes) -> None:
    """``data`` at ``path`` durably: temporary file, fsync, rename, fsync of the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

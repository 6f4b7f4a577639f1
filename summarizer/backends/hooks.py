"""Where speed-ups plug into the backends; empty unless an entry point fills them.

``summarizer._speedups.install()`` (called by the CLI and bulk entry points only) adds its
functions here. A Python caller who imports summarizer gets spaCy and instructor exactly as they
are: nothing of theirs is changed unless one of these lists holds something.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Each is called with the freshly loaded spaCy ``Language`` (ours only) before first use.
SPACY_PIPELINE: list[Callable[[Any], None]] = []
# Each is called before instructor patches a client's ``create``.
INSTRUCTOR: list[Callable[[], object]] = []

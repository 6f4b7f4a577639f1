"""Speed patches, on request: installed by the CLI and bulk entry points, never by ``import
summarizer`` (an import-linter contract keeps every other module from importing this package).

- ``instructor``: two caches of per-request costs inside instructor (module-level patches);
- ``spacy``: faster equivalents of three components of the rules backend's own spaCy pipeline;
- ``exit.leave``: the CLI's exit without tearing down the heap.

``SUMMARIZER_NO_SPEEDUPS=1`` turns them all off (to compare, or to rule them out of a bug).
Installing only registers functions in ``summarizer.backends.hooks``: spaCy and instructor are
imported when a backend first needs them, as before, so ``summarizer --help`` stays fast.
"""

from __future__ import annotations

import os

from summarizer.backends import hooks

OFF = "SUMMARIZER_NO_SPEEDUPS"


def enabled() -> bool:
    """False when ``SUMMARIZER_NO_SPEEDUPS`` is set to anything but "" or "0"."""
    return os.environ.get(OFF, "").strip() in ("", "0")


def install() -> bool:
    """Register the speed-ups (idempotent); False, and nothing registered, when turned off."""
    if not enabled():
        return False
    from summarizer._speedups import instructor_patches, spacy_swaps

    if spacy_swaps.tune not in hooks.SPACY_PIPELINE:
        hooks.SPACY_PIPELINE.append(spacy_swaps.tune)
    if instructor_patches.install not in hooks.INSTRUCTOR:
        hooks.INSTRUCTOR.append(instructor_patches.install)
    return True


def uninstall() -> None:
    """Stop applying them and put instructor's functions back; a spaCy pipeline already tuned
    stays so until it is loaded again (``load_nlp.cache_clear()``)."""
    from summarizer._speedups import instructor_patches

    hooks.SPACY_PIPELINE.clear()
    hooks.INSTRUCTOR.clear()
    instructor_patches.uninstall()

"""The CLI's way out: exit handlers, flushed streams, then ``os._exit`` (no heap teardown)."""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from typing import NoReturn

from summarizer._speedups import enabled


def leave(code: int | str | None) -> NoReturn:
    """Exit without freeing the heap, as mypy's ``hard_exit`` does: tearing down the openai
    SDK's ~1,200 classes took ~0.55 s after every model run (measured), to free memory the
    system takes back anyway. Exit handlers still run (logging, Ray, multiprocessing) and the
    standard streams are flushed; files are all closed by then. A live non-daemon thread gets
    the ordinary exit, which waits for it. With ``SUMMARIZER_NO_SPEEDUPS=1``, the ordinary exit."""
    if not enabled() or any(
        t.is_alive() and not t.daemon
        for t in threading.enumerate()
        if t is not threading.main_thread()
    ):
        sys.exit(code)
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (| head): nothing to say
            stream.flush()
    os._exit(code or 0)

"""The CLI's exit: handlers run and streams are flushed either way; with the speed-ups on it
skips the heap teardown (``os._exit``), with ``SUMMARIZER_NO_SPEEDUPS=1`` it is the ordinary one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# A global whose finaliser prints: the ordinary exit tears the heap down and runs it, os._exit not.
FREED = "class Held:\n    def __del__(self):\n        print('freed')\nheld = Held()\n"


@pytest.fixture(params=["speedups", "no-speedups"])
def env(request: pytest.FixtureRequest) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SUMMARIZER_NO_SPEEDUPS"}
    if request.param == "no-speedups":
        env["SUMMARIZER_NO_SPEEDUPS"] = "1"
    return env


def _python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60
    )


def test_leave_runs_exit_handlers_and_flushes_before_exiting(env: dict[str, str]) -> None:
    code = (
        "import atexit, sys\n"
        "from summarizer._speedups.exit import leave\n"
        "atexit.register(lambda: print('handler ran'))\n"
        "sys.stdout.write('x' * 100000)\n"  # still in the buffer when leave is called
        "leave(3)\n"
    )
    proc = _python(code, env)
    assert proc.returncode == 3
    assert proc.stdout.startswith("x" * 100000)
    assert proc.stdout.endswith("handler ran\n")


def test_leave_skips_the_heap_teardown_only_with_the_speedups(env: dict[str, str]) -> None:
    proc = _python(FREED + "from summarizer._speedups.exit import leave\nleave(0)\n", env)
    assert proc.returncode == 0
    assert ("freed" in proc.stdout) == ("SUMMARIZER_NO_SPEEDUPS" in env)


def test_leave_with_a_message_prints_it_and_exits_1(env: dict[str, str]) -> None:
    proc = _python("from summarizer._speedups.exit import leave\nleave('summarizer: stopped')", env)
    assert (proc.returncode, proc.stderr) == (1, "summarizer: stopped\n")


def test_leave_waits_for_a_live_non_daemon_thread(env: dict[str, str]) -> None:
    code = (
        "import threading, time\n"
        "from summarizer._speedups.exit import leave\n"
        "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done'))).start()\n"
        "leave(0)\n"
    )
    proc = _python(code, env)
    assert (proc.returncode, proc.stdout) == (0, "thread done\n")

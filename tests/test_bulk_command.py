"""``summarizer bulk`` as a user runs it: a subprocess against the fake OpenAI server.

Resume after SIGKILL, Ctrl-C, stdin input, SQLite output and usage errors. The server's answers
are hand-written (see ``test_bulk_run.ANSWER``), not a model's.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from fake_openai import FakeOpenAI
from test_bulk_run import answering, jsonl


def bulk(*args: str, env_dir: Path, **kw: object) -> subprocess.Popen[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(env_dir / "xdg"), "PYTHONUNBUFFERED": "1"}
    env.pop("OPENAI_BASE_URL", None)
    env.pop("SUMMARIZER_MODEL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "summarizer", "bulk", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,  # type: ignore[call-overload]
    )


def wait_for_lines(path: Path, n: int, proc: subprocess.Popen[str], limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    raise AssertionError(f"fewer than {n} lines after {limit} s")


def assert_no_process_mentions(text: str, limit: float = 15) -> None:
    """Wait until no running process has ``text`` on its command line."""
    deadline = time.monotonic() + limit
    while True:
        alive = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                if text.encode() in cmdline.read_bytes():
                    alive.append(cmdline.parent.name)
            except OSError:
                continue
        if not alive:
            return
        assert time.monotonic() < deadline, f"processes {alive} still run after {limit} s"
        time.sleep(0.1)


def llm_args(server: FakeOpenAI, src: Path, out: Path, *extra: str) -> list[str]:
    return [str(src), "-o", str(out), "--model", "fake", "--base-url", server.url, *extra]


def test_resume_after_sigkill_loses_nothing_and_repeats_nothing(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    answering(fake_openai, delay=0.2)
    src = jsonl(tmp_path / "in.jsonl", 40)
    out = tmp_path / "out.jsonl"
    args = llm_args(fake_openai, src, out, "--concurrency", "4", "--no-cache")
    proc = bulk(*args, env_dir=tmp_path)
    wait_for_lines(out, 8, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert_no_process_mentions(str(out))  # its worker processes noticed and stopped
    done_before = out.read_bytes().count(b"\n")
    assert 8 <= done_before < 40

    again = bulk(*args, env_dir=tmp_path)
    _, err = again.communicate(timeout=120)
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert again.returncode == 0, err
    assert f"{done_before:,} already done" in err, (err, [x["id"] for x in lines])
    assert "Unclosed" not in err  # each event loop closed its HTTP session
    assert all(x["status"] == "ok" for x in lines)
    assert Counter(x["id"] for x in lines) == Counter(f"a{i}" for i in range(40))


def test_batch_killed_while_polling_resumes_without_a_second_batch(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    """``--batch``: SIGKILL while the batch is in progress, then the same command again."""
    from test_bulk_batch_engine import good

    fake_openai.batches.answer = good
    fake_openai.batches.hold = True  # the batch stays "validating" until the client is killed
    src = jsonl(tmp_path / "in.jsonl", 6)
    out = tmp_path / "out.jsonl"
    args = llm_args(fake_openai, src, out, "--batch", "--batch-poll", "0.05", "--no-cache")
    proc = bulk(*args, env_dir=tmp_path)
    state = tmp_path / "out.jsonl.batch" / "state.json"
    deadline = time.monotonic() + 60
    polled = 0
    while polled < 3:  # killed after it has looked at the batch a few times
        assert time.monotonic() < deadline and proc.poll() is None, proc.communicate()
        polled = sum(1 for r in fake_openai.requests if r.path.startswith("/v1/batches/"))
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert '"submitted"' in state.read_text()
    assert not out.exists() or out.read_text() == ""

    fake_openai.batches.hold = False
    again = bulk(*args, env_dir=tmp_path)
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert len(fake_openai.batches.batches) == 1  # polled again, never created twice
    assert not [r for r in fake_openai.requests if r.path.endswith("/chat/completions")]
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert Counter(x["id"] for x in lines) == Counter(f"a{i}" for i in range(6))
    assert all(x["status"] == "ok" for x in lines)
    assert "at batch prices" not in err  # fake-model has no price; counts are still given
    assert "6 requests, 600 prompt + 120 completion tokens" in err

    # and once more: every article is done, nothing is sent
    sent = len(fake_openai.requests)
    third = bulk(*args, env_dir=tmp_path)
    _, err = third.communicate(timeout=120)
    assert third.returncode == 0 and "6 already done" in err, err
    assert len(fake_openai.requests) == sent


def test_ctrl_c_keeps_what_finished_prints_the_summary_and_exits_130(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    answering(fake_openai, delay=0.3)
    src = jsonl(tmp_path / "in.jsonl", 40)
    out = tmp_path / "out.jsonl"
    args = llm_args(fake_openai, src, out, "--concurrency", "2", "--no-cache")
    proc = bulk(*args, env_dir=tmp_path)
    wait_for_lines(out, 4, proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "bulk (interrupted):" in err and "Traceback" not in err
    kept = [json.loads(x) for x in out.read_text().splitlines()]
    assert kept and all(x["status"] == "ok" for x in kept)

    again = bulk(*args, env_dir=tmp_path)
    again.communicate(timeout=120)
    ids = [json.loads(x)["id"] for x in out.read_text().splitlines()]
    assert sorted(ids) == sorted(f"a{i}" for i in range(40))


def test_stdin_jsonl_and_sqlite_output(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    answering(fake_openai)
    src = jsonl(tmp_path / "in.jsonl", 5)
    out, db = tmp_path / "out.jsonl", tmp_path / "r.sqlite"
    with open(src, encoding="utf-8") as stdin:
        proc = bulk(
            *llm_args(fake_openai, Path("-"), out, "--db", str(db)), env_dir=tmp_path, stdin=stdin
        )
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    summary = err.strip().splitlines()[-1]
    assert summary.startswith("bulk: 5 ok, 0 error in ")
    assert "5 requests, 500 prompt + 100 completion tokens" in summary
    rows = sqlite3.connect(db).execute(
        "SELECT a.id, q.text FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE q.speaker = 'Ana Lopez' ORDER BY a.id"
    )
    assert [r[0] for r in rows] == [f"a{i}" for i in range(5)]


def test_usage_errors_are_one_line_and_exit_2(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    (tmp_path / "empty").mkdir()
    src = jsonl(tmp_path / "in.jsonl", 1)
    cases = {
        "no articles found": [str(tmp_path / "empty"), "-o", str(tmp_path / "o.jsonl")],
        "no such file or folder": [str(tmp_path / "nope"), "-o", str(tmp_path / "o.jsonl")],
        "cannot write": [str(src), "-o", str(tmp_path / "no" / "o.jsonl")],
        "--engine": [str(src), "-o", str(tmp_path / "o.jsonl"), "--engine", "spark"],
        "--batch needs a model": [str(src), "-o", str(tmp_path / "o.jsonl"), "--batch"],
        "--article-timeout": [str(src), "-o", str(tmp_path / "o.jsonl"), "--article-timeout", "-1"],
    }
    for message, args in cases.items():
        proc = bulk(*args, env_dir=tmp_path)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 2, (message, err)
        assert message in err and len(err.strip().splitlines()) == 1, err

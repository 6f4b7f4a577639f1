"""``summarizer diff`` of two bulk outputs: articles per second, peak memory, and whether memory
stays flat as the runs grow.

Usage: python benchmarks/diff_speed.py [--sizes 2000 10000] [--repeat 3]

The inputs are made here: fixtures/articles run once through the rules backend
(``summarizer bulk``), then copied under new ids into run A, and into run B with changes every
few articles (a quote dropped, a speaker renamed, casualties changed, the article text shifted
by a new first line, an error line, an article missing), as bulk writes them. Rows, each in a
fresh process, taking turns per repeat:

- ``diff``: ``run_diff(A, B, json)`` to /dev/null, what ``summarizer diff A B -f json`` does
  after start-up (its modules imported before the clock starts);
- ``diff cli``: the whole command in a subprocess (start-up included);
- ``baseline``: the least any diff does, ``json.loads`` of every line of both files, one line at
  a time (nothing kept); the ratio says what pairing and comparing cost on top.

Wall time is what a user waits; CPU time (``process_time``) is less swayed by other work on a
shared machine. Peak memory is the process's max RSS (``ru_maxrss``), Python and its imports
included. ``x baseline`` is the wall-time ratio.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "fixtures" / "articles"
SHIFT = "Updated with a correction.\n\n"


def base_records(work: Path) -> list[dict[str, Any]]:
    """The fixture articles through the rules backend, once."""
    out = work / "base.jsonl"
    subprocess.run(
        [sys.executable, "-m", "summarizer", "bulk", str(ARTICLES), "-o", str(out)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    records = []
    for line in out.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec.get("status") == "ok":
            for key in ("id", "status", "cached", "origin"):
                rec.pop(key, None)
            records.append(rec)  # as bulk writes them: a text file's record has no source.text
    return records


def shifted(rec: dict[str, Any]) -> dict[str, Any]:
    """The same record over a text with a new first line: every offset moves."""
    moved = json.loads(json.dumps(rec))
    old = moved["source"]["sha256"].encode()
    moved["source"]["sha256"] = hashlib.sha256(SHIFT.encode() + old).hexdigest()  # another text

    def move(obj: Any) -> None:
        if isinstance(obj, dict):
            for k in ("start", "end"):
                if isinstance(obj.get(k), int):
                    obj[k] += len(SHIFT)
            for v in obj.values():
                move(v)
        elif isinstance(obj, list):
            for v in obj:
                move(v)

    move(moved["quotes"])
    move(moved["claims"])
    move(moved["events"])
    return moved


def varied(rec: dict[str, Any], n: int) -> dict[str, Any] | None:
    """Run B's record of article ``n``: unchanged for most, one kind of change for some."""
    rec = json.loads(json.dumps(rec))
    rec["meta"]["seconds"] = round(rec["meta"]["seconds"] * 1.1 + 0.001, 3)  # a second run's time
    change = n % 10
    if change == 1 and rec["quotes"]:
        rec["quotes"].pop()
    elif change == 2 and rec["quotes"]:
        rec["quotes"][0]["speaker"] = {"name": "A Spokesperson", "mention": None}
    elif change == 3 and rec["events"]:
        rec["events"][0]["casualties"] = {"killed": 7, "injured": None}
    elif change == 4:
        return shifted(rec)
    elif change == 5 and n % 100 == 5:
        return None  # an error line
    return rec


def write_runs(work: Path, records: list[dict[str, Any]], size: int) -> tuple[Path, Path]:
    a, b = work / f"a{size}.jsonl", work / f"b{size}.jsonl"
    with a.open("w", encoding="utf-8") as fa, b.open("w", encoding="utf-8") as fb:
        for n in range(size):
            key = f"art{n:05d}"
            rec = records[n % len(records)]
            fa.write(_line(key, rec))
            if n % 500 == 7:
                continue  # missing in B
            fb.write(_line(key, varied(rec, n)))
    return a, b


def _line(key: str, rec: dict[str, Any] | None) -> str:
    if rec is None:
        body: dict[str, Any] = {"id": key, "status": "error", "error": "timed out"}
    else:
        body = {"id": key, "status": "ok", "cached": False, **rec}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n"


def child(kind: str, a: Path, b: Path) -> None:
    """One measurement in this (fresh) process; prints seconds and peak RSS as JSON."""
    if kind == "diff":  # imported before the clock starts: the CLI row counts start-up
        import rich.console  # noqa: F401

        import summarizer.regression.html  # noqa: F401
        from summarizer.commands.diff import DiffFormat, run_diff
    started, cpu = time.perf_counter(), time.process_time()
    if kind == "diff":
        run_diff(a, b, DiffFormat.json, Path("/dev/null"), None)
    else:
        for path in (a, b):
            with path.open("rb") as fh:
                for line in fh:
                    json.loads(line)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak_mb}))


def measure(kind: str, a: Path, b: Path) -> dict[str, float]:
    if kind == "diff cli":
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "summarizer", "diff", str(a), str(b), "-f", "json"],
            stdout=subprocess.DEVNULL,
            cwd=ROOT,
        )
        assert proc.returncode == 1, "the runs differ: diff must exit 1"
        seconds = time.perf_counter() - started
        return {"seconds": seconds, "cpu": float("nan"), "peak_mb": float("nan")}
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(a), str(b)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(out)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return
    kinds = ("diff", "diff cli", "baseline")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        records = base_records(work)
        print(f"{len(records)} base records; runs made by varying them (see the docstring)")
        print(
            f"{'articles':>9}{'MB A+B':>8}  {'row':<10}{'median s':>9}{'articles/s':>11}"
            f"{'CPU s':>7}{'per CPU s':>10}{'peak MB':>9}{'x baseline':>11}"
        )
        peaks: dict[int, float] = {}
        for size in args.sizes:
            a, b = write_runs(work, records, size)
            mb = (a.stat().st_size + b.stat().st_size) / 1e6
            runs: dict[str, list[dict[str, float]]] = {k: [] for k in kinds}
            for _ in range(args.repeat):
                for kind in kinds:  # rows take turns, so load on the machine hits all alike
                    runs[kind].append(measure(kind, a, b))
            base = statistics.median(r["seconds"] for r in runs["baseline"])
            for kind in kinds:
                secs = statistics.median(r["seconds"] for r in runs[kind])
                cpu = statistics.median(r["cpu"] for r in runs[kind])
                peak = max(r["peak_mb"] for r in runs[kind])
                if kind == "diff":
                    peaks[size] = peak
                print(
                    f"{size:>9}{mb:>8.1f}  {kind:<10}{secs:>9.2f}{size / secs:>11,.0f}"
                    f"{cpu:>7.2f}{size / cpu:>10,.0f}{peak:>9.0f}{secs / base:>11.2f}"
                )
        if len(peaks) > 1:
            lo, hi = min(peaks), max(peaks)
            print(f"diff peak memory {hi:,} vs {lo:,} articles: {peaks[hi] / peaks[lo]:.2f}x")


if __name__ == "__main__":
    main()

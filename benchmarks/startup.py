"""How long `summarizer --help` takes, next to a bare interpreter and (if installed) `llm --help`.

Run: python benchmarks/startup.py [--repeats 21]
Target (issue 2): median <= 0.20 s. The bare interpreter is the baseline run in the same loop, so
the ratio is meaningful on a noisy shared machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=21)
    args = parser.parse_args()
    bindir = Path(sys.executable).parent
    commands = {
        "python -c pass (baseline)": [sys.executable, "-c", "pass"],
        "summarizer --help": [str(bindir / "summarizer"), "--help"],
    }
    llm = shutil.which("llm", path=str(bindir)) or shutil.which("llm")
    if llm:
        commands["llm --help"] = [llm, "--help"]
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.repeats):  # interleaved, so load on the machine hits all alike
        for name, cmd in commands.items():
            times[name].append(_timed(cmd))
    base = statistics.median(times["python -c pass (baseline)"])
    print(f"{'command':32} {'median s':>9} {'vs python':>10}")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"{name:32} {med:9.3f} {med / base:9.2f}x")


if __name__ == "__main__":
    main()

"""The Ray engine on a local Ray instance, against the fake OpenAI server (canned answers).

Needs the optional extra (``pip install 'summarizer[ray]'``); skipped, saying so, without it.
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_openai import FakeOpenAI
from test_bulk_run import answering, completions, jsonl, options

from summarizer.bulk.run import run_bulk

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("ray") is None,
        reason="Ray is not installed: pip install 'summarizer[ray]' to test --engine ray",
    ),
]


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    """One local instance for the module (starting Ray takes seconds); bulk runs join it."""
    import ray

    ray.init(num_cpus=2, include_dashboard=False, object_store_memory=128 * 1024**2)
    yield
    ray.shutdown()


@pytest.mark.usefixtures("local_ray")
def test_ray_engine_writes_the_same_lines_and_resumes(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    answering(fake_openai)
    first = jsonl(tmp_path / "first.jsonl", 6)
    both = jsonl(tmp_path / "all.jsonl", 12)
    tally = run_bulk(
        options(tmp_path, [str(first)], fake_openai, engine="ray", workers=2, batch_size=4)
    )
    assert (tally.ok, tally.error, tally.requests) == (6, 0, 6)

    again = run_bulk(
        options(tmp_path, [str(both)], fake_openai, engine="ray", workers=2, batch_size=4)
    )
    assert (again.skipped, again.ok, again.requests) == (6, 6, 6)
    assert len(completions(fake_openai)) == 12
    lines = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert Counter(x["id"] for x in lines) == Counter(f"a{i}" for i in range(12))
    for x in lines:
        assert x["status"] == "ok" and x["meta"]["backend"] == "llm"
        assert x["quotes"][0]["text"] == "We will rebuild the bridge"


def _free_ports(n: int) -> list[int]:
    import socket

    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def _ray(*args: str, env: dict[str, str]) -> None:
    import subprocess
    import sys

    ray_cli = str(Path(sys.executable).parent / "ray")
    proc = subprocess.run([ray_cli, *args], env=env, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]


def _node_ports() -> list[str]:
    """The ports a node would otherwise take by default (two nodes on one machine collide)."""
    manager, objects, agent, metrics, grpc, runtime = _free_ports(6)
    low = _free_ports(1)[0]
    return [
        f"--node-manager-port={manager}",
        f"--object-manager-port={objects}",
        f"--dashboard-agent-listen-port={agent}",
        f"--dashboard-agent-grpc-port={grpc}",
        f"--metrics-export-port={metrics}",
        f"--runtime-env-agent-port={runtime}",
        f"--min-worker-port={low}",
        f"--max-worker-port={low + 40}",
    ]


def _mentioning(*needles: str) -> list[int]:
    """Processes whose command line or environment holds one of ``needles`` (Ray renames its
    agents' command lines, ``ray::DashboardAgent``; their environment still has the token path)."""
    pids = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            text = (proc / "cmdline").read_bytes() + (proc / "environ").read_bytes()
        except OSError:
            continue
        if any(n.encode() in text for n in needles):
            pids.append(int(proc.name))
    return pids


def _stop_cluster(temp: str, address: str) -> None:
    """End this cluster's processes only (found by its folder and address), by pid."""
    import os
    import signal
    import time

    for sig, wait in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
        for pid in _mentioning(temp, address):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                continue
        deadline = time.monotonic() + wait
        while _mentioning(temp, address) and time.monotonic() < deadline:
            time.sleep(0.2)
    assert not _mentioning(temp, address), "the test cluster's processes did not stop"


@pytest.fixture(scope="module")
def ray_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real two-node cluster on this machine: ``ray start --head`` on 127.0.0.1 with free
    ports, and a second node joined to it; one CPU each, stopped after the module."""
    import os

    temp = Path("/tmp") / f"ray-{os.getpid()}"  # Ray's socket paths must stay short
    # Token auth with a token of its own: a token in ~/.ray (another Ray user of this machine)
    # would otherwise switch the head to token auth that the joining node does not send.
    temp.mkdir(parents=True, exist_ok=True)
    (temp / "token").write_text(os.urandom(16).hex())
    auth = {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN_PATH": str(temp / "token")}
    saved = {k: os.environ.get(k) for k in auth}
    os.environ.update(auth)  # the bulk runs join with it too
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
    (port,) = _free_ports(1)
    address = f"127.0.0.1:{port}"
    common = ["--num-cpus=1", "--object-store-memory=80000000", "--disable-usage-stats"]
    try:
        _ray(
            "start", "--head", "--node-ip-address=127.0.0.1", f"--port={port}",
            "--include-dashboard=false",
            f"--temp-dir={temp}", *common, *_node_ports(), env=env,
        )  # fmt: skip
        _ray(
            "start", f"--address={address}", "--node-ip-address=127.0.0.1", *common,
            f"--temp-dir={temp}", *_node_ports(), env=env,
        )  # fmt: skip
        yield address
    finally:
        _stop_cluster(str(temp), address)  # not ``ray stop``: it ends every Ray on the machine
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def test_ray_cluster_of_two_nodes_writes_every_article_once_and_resumes(
    tmp_path: Path, fake_openai: FakeOpenAI, ray_cluster: str
) -> None:
    """``--ray-address`` of a real two-node cluster, from the command line, a shared cache."""
    import subprocess
    import sys

    from test_bulk_command import bulk

    count = (
        f"import ray; ray.init(address={ray_cluster!r}, logging_level='ERROR'); "
        "print(sum(n['Alive'] for n in ray.nodes()))"
    )
    probe = subprocess.run(
        [sys.executable, "-c", count], capture_output=True, text=True, timeout=120
    )
    assert probe.stdout.strip().splitlines()[-1] == "2", probe.stderr[-2000:]

    answering(fake_openai)
    first = jsonl(tmp_path / "first.jsonl", 6)
    both = jsonl(tmp_path / "all.jsonl", 12)
    out, cache = tmp_path / "out.jsonl", tmp_path / "shared-cache"
    args = ["-o", str(out), "--model", "fake-model", "--base-url", fake_openai.url,
            "--engine", "ray", "--ray-address", ray_cluster, "--workers", "2",
            "--batch-size", "3", "--cache-dir", str(cache)]  # fmt: skip
    proc = bulk(str(first), *args, env_dir=tmp_path)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "6 ok, 0 error" in err

    again = bulk(str(both), *args, env_dir=tmp_path)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert "6 ok, 0 error, 6 already done" in err
    assert len(completions(fake_openai)) == 12  # no article asked twice
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert Counter(x["id"] for x in lines) == Counter(f"a{i}" for i in range(12))
    assert all(x["status"] == "ok" for x in lines)
    assert len(list(cache.glob("*/*.json"))) == 12  # the nodes wrote the one cache

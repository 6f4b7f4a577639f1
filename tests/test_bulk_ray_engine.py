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

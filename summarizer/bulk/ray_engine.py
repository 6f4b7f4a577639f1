"""The Ray engine: the same per-article function as a Ray Data pipeline (``map_batches``).

For runs bigger than one machine: ``ray.init`` joins ``--ray-address`` (an existing cluster) or
starts a local instance. Inputs are still read and results still written by this process (the
driver), so the output format, the resume rules and the cache are those of the other engines;
Ray only decides where batches run. Inputs go to Ray in chunks of a few thousand articles, each
chunk a streaming ``Dataset``, so the driver never holds a whole archive. On a cluster the
package must be installed on every node, and ``--cache-dir`` should be storage they all see.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from summarizer.bulk.inputs import Item
from summarizer.bulk.runner import BackendFactory, Interrupted, Sink, batches, make_worker
from summarizer.bulk.work import Job, Outcome, Worker
from summarizer.errors import ConfigError

_CACHED: tuple[Job, tuple[str, ...], Worker] | None = None


def _worker(job: Job, factory: BackendFactory, base_urls: tuple[str, ...]) -> Worker:
    """One backend per Ray worker process, reused by every batch it runs."""
    global _CACHED
    if _CACHED is None:
        from summarizer import _speedups

        _speedups.install()  # a Ray worker is a fresh interpreter: the CLI's install is not here
    if _CACHED is None or _CACHED[0] != job or _CACHED[1] != base_urls:
        _CACHED = (job, base_urls, make_worker(job, factory, base_urls))
    return _CACHED[2]


def ray_batch(
    batch: dict[str, Any], job: Job, factory: BackendFactory, base_urls: tuple[str, ...]
) -> dict[str, list[Any]]:
    """``map_batches`` function: a batch of JSON-encoded items in, their outcomes out."""
    items = [Item(**json.loads(s)) for s in batch["item"]]
    outcomes = _worker(job, factory, base_urls).process_batch(items)
    return {k: [getattr(o, k) for o in outcomes] for k in Outcome.__dataclass_fields__}


def _start(address: str | None, workers: int) -> bool:
    """Connect to Ray (or start it); True when this run started it and must shut it down."""
    try:
        import ray
    except ImportError:
        raise ConfigError(
            "--engine ray needs Ray: pip install 'summarizer[ray]' (ray[data])"
        ) from None
    if ray.is_initialized():  # a caller (a notebook, a test) already runs Ray: use it
        return False
    options: dict[str, Any] = {
        "include_dashboard": False,
        "log_to_driver": False,
        "logging_level": logging.WARNING,
    }
    if address is None:  # a local instance sized for this run, with a modest object store
        options.update(num_cpus=workers, object_store_memory=256 * 1024**2)
    try:
        ray.init(address=address, ignore_reinit_error=True, **options)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise ConfigError(f"--ray-address {address}: cannot connect ({exc})") from None
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False  # bulk draws its own
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.WARNING)
    return True


def run_ray(
    items: Iterable[Item],
    job: Job,
    factory: BackendFactory,
    sink: Sink,
    *,
    workers: int,
    batch_size: int,
    address: str | None = None,
    base_urls: tuple[str, ...] = (),
    chunk: int = 4_000,
) -> None:
    """Run every article through Ray Data, ``workers`` tasks at a time on a local instance."""
    owned = _start(address, workers)
    import ray

    try:
        for part in batches(items, chunk):
            ds: Any = ray.data.from_items([{"item": json.dumps(asdict(i))} for i in part])
            ds = ds.map_batches(
                ray_batch,
                batch_size=batch_size,
                batch_format="numpy",
                fn_kwargs={"job": job, "factory": factory, "base_urls": base_urls},
                compute=ray.data.TaskPoolStrategy(size=workers),
                num_cpus=1,
            )
            for row in ds.iter_rows():
                sink.accept(Outcome(**{k: _plain(row[k]) for k in Outcome.__dataclass_fields__}))
    except KeyboardInterrupt:
        raise Interrupted(2) from None
    finally:
        if owned:
            ray.shutdown()  # on a cluster this only disconnects the driver


def _plain(value: Any) -> Any:
    """numpy scalars back to Python values for ``Outcome``."""
    return value.item() if hasattr(value, "item") else value

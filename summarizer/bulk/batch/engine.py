"""``summarizer bulk --batch``: the run as batches, resumable at every step.

1. prepare: each new article's requests (``requests.body``, all its chunks) into request files
   split at the limits (``files``), recorded in the state before anything is sent;
2. submit: upload each file, then create its batch, each id saved as soon as the server gives it;
3. poll, with backoff, printing a progress line, until every batch has ended;
4. collect: download the output and error files, replay each article's answers through the live
   path (``requests.replay``), write one line per article; a request that failed, expired or
   was cancelled is an error line with its reason. An answer instructor wants to re-ask is asked
   live, or (``--batch-reask batch``) becomes a request in a follow-up batch, back to 2.

The backend supplies the requests, their replay and the server's files and batches
(``Backend.batching``, ``backends/batching.py``); the engine never asks which backend it is.

A re-run of the same command loads the state, skips what the output already has ``ok``, never
prepares an article that is in a batch still open, and carries on from the step it was at.
"""

from __future__ import annotations

import asyncio
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from summarizer.backends.base import Draft
from summarizer.backends.batching import TERMINAL, Reask, Replayed
from summarizer.bulk.batch import results
from summarizer.bulk.batch import state as st
from summarizer.bulk.batch.files import (
    MAX_BYTES,
    MAX_REQUESTS,
    RequestFiles,
    Written,
    line,
)
from summarizer.bulk.batch.results import Answers
from summarizer.bulk.inputs import Item
from summarizer.bulk.runner import BackendFactory, Interrupted, Sink, make_worker
from summarizer.bulk.work import Job, Outcome, Worker, error_line, failed
from summarizer.chunking import chunks_for, merge
from summarizer.errors import ConfigError
from summarizer.pipeline import assemble, prepare, run

REASKS = ("live", "batch")


@dataclass
class BatchOptions:
    """How a ``--batch`` run sends, waits and re-asks."""

    reask: str = "live"
    cancel: bool = False
    max_requests: int = MAX_REQUESTS
    max_bytes: int = MAX_BYTES
    poll_min: float = 2.0
    poll_max: float = 60.0


class BatchRun:
    """One ``--batch`` run over ``items``; ``reread`` streams the inputs again for collecting."""

    def __init__(
        self,
        job: Job,
        factory: BackendFactory,
        sink: Sink,
        output: Path,
        options: BatchOptions,
        *,
        concurrency: int = 16,
        stream: TextIO | None = None,
    ) -> None:
        if options.reask not in REASKS:
            raise ConfigError(f"--batch-reask: expected 'live' or 'batch', got {options.reask!r}")
        self.job = job
        self.sink = sink
        self.output = output
        self.options = options
        self.concurrency = concurrency
        self.stream = stream or sys.stderr
        self.worker: Worker = make_worker(job, factory)
        self.backend = self.worker.backends[0]
        batching = self.backend.batching()
        if batching is None:
            raise ConfigError("--batch needs a model (--model openai/... or --base-url)")
        self.requests, self.api = batching.requests, batching.service
        self.folder = st.folder_for(output)
        self.state = st.load(self.folder)
        self.in_flight = 0

    # --- the run ------------------------------------------------------------------------------

    def run(self, items: Iterable[Item], reread: Callable[[], Iterator[Item]]) -> None:
        """Prepare, submit, poll and collect until no batch is open; a signal stops it as
        ``Interrupted`` (the state is on disk: the same command carries on)."""
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
        try:
            if self.options.cancel:
                self._cancel()
            else:
                self._prepare(items)
            while self.state.open_entries():
                self._submit()
                self._poll()
                for entry in self.state.entries:
                    if entry.step == "downloaded":
                        self._collect(entry, reread)
        except KeyboardInterrupt:
            raise Interrupted(signal.SIGINT) from None
        finally:
            signal.signal(signal.SIGTERM, previous)
            self.api.close()

    def _save(self) -> None:
        st.save(self.folder, self.state)

    # --- 1. prepare ---------------------------------------------------------------------------

    def _prepare(self, items: Iterable[Item]) -> None:
        sending = self.state.in_flight()
        files = self._files(round_=0)
        for item in items:
            if item.id in sending:
                self.in_flight += 1
                continue
            try:
                loaded, k, hit = self.worker._load_and_look_up(item)
                if hit is not None:
                    self.sink.accept(hit)
                    continue
                doc = prepare(loaded, self.job.settings)
                if not doc.sentences:  # nothing to ask: the live path answers without a request
                    self.sink.accept(self.worker._done(item, run(doc, self.backend), k))
                    continue
                chunks = chunks_for(doc, self.backend)
                files.add(
                    item.id, [line(item.id, n, self.requests.body(c)) for n, c in enumerate(chunks)]
                )
            except ConfigError:
                raise
            except Exception as exc:
                self.sink.accept(failed(item, exc))
        self._record(files.close(), round_=0, prior=None)
        self._save()
        if self.in_flight:
            print(f"batch: {self.in_flight:,} articles already in open batches", file=self.stream)

    def _files(self, round_: int) -> RequestFiles:
        return RequestFiles(
            self.folder,
            f"{self.state.token}-r{round_}",
            max_requests=self.options.max_requests,
            max_bytes=self.options.max_bytes,
            first=len(self.state.entries),
        )

    def _record(self, written: list[Written], *, round_: int, prior: str | None) -> None:
        """Add the written files to the state (the caller saves it)."""
        offset = self.output.stat().st_size if self.output.exists() else 0
        for w in written:
            self.state.entries.append(
                st.Entry(w.name, w.ids, w.requests, w.bytes, round=round_, prior=prior,
                         output_offset=offset)
            )  # fmt: skip

    # --- 2. submit ----------------------------------------------------------------------------

    def _submit(self) -> None:
        for e in self.state.entries:
            if e.step in ("prepared", "uploading"):
                found = self.api.find_file(e.name) if e.step == "uploading" else None
                if found is None:
                    e.step = "uploading"
                    self._save()
                    found = self.api.upload(self.folder / e.name, e.name)
                e.file_id, e.step = found, "uploaded"
                self._save()
            if e.step in ("uploaded", "creating"):
                assert e.file_id is not None
                batch = self.api.find_batch(e.file_id) if e.step == "creating" else None
                if batch is None:
                    e.step = "creating"
                    self._save()
                    batch = self.api.create(e.file_id, {"summarizer": e.name})
                e.batch_id, e.status, e.step = batch.id, batch.status, "submitted"
                self._save()
                print(f"batch: {e.batch_id}: {e.requests:,} requests submitted", file=self.stream)

    def _cancel(self) -> None:
        for e in self.state.entries:
            if e.step == "submitted" and e.batch_id and e.status not in TERMINAL:
                self.api.cancel(e.batch_id)
                print(f"batch: {e.batch_id}: cancelling", file=self.stream)
        for e in self.state.entries:  # never sent: nothing to cancel, the articles stay to do
            if e.step in ("prepared", "uploading", "uploaded", "creating") and e.batch_id is None:
                e.step = "collected"
        self._save()

    # --- 3. poll ------------------------------------------------------------------------------

    def _poll(self) -> None:
        wait = self.options.poll_min
        started = time.monotonic()
        first_done: int | None = None
        while True:
            waiting = [e for e in self.state.entries if e.step == "submitted"]
            if not waiting:
                return
            counts: dict[str, int] = {}
            done = failed_n = total = 0
            changed = False
            for e in waiting:
                assert e.batch_id is not None
                b = self.api.retrieve(e.batch_id)
                changed |= b.status != e.status
                e.status = b.status
                counts[b.status] = counts.get(b.status, 0) + 1
                rc = b.request_counts
                total += rc.total if rc and rc.total else e.requests
                done += rc.completed if rc else 0
                failed_n += rc.failed if rc else 0
                if b.status in TERMINAL:
                    self._download(e, b)
            if first_done is None:
                first_done = done
            elapsed = time.monotonic() - started
            print(self._progress(counts, done, failed_n, total, first_done, elapsed),
                  file=self.stream, flush=True)  # fmt: skip
            if any(e.step == "downloaded" for e in self.state.entries):
                return  # collect what has ended while the rest keep running
            wait = self.options.poll_min if changed else min(self.options.poll_max, wait * 1.5)
            time.sleep(wait)

    @staticmethod
    def _progress(
        counts: dict[str, int], done: int, failed_n: int, total: int, base: int, elapsed: float
    ) -> str:
        """``batch: 2 batches (1 in_progress, 1 validating); 1,200/2,000 requests done, 3 failed,
        ETA 0:04:10``."""
        statuses = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
        n = sum(counts.values())
        text = f"batch: {n} batch{'es' if n != 1 else ''} ({statuses}); "
        text += f"{done:,}/{total:,} requests done, {failed_n:,} failed"
        rate = (done - base) / elapsed if elapsed > 0 else 0.0
        if rate > 0 and total > done + failed_n:
            s = int((total - done - failed_n) / rate)
            text += f", ETA {s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
        return text

    def _download(self, e: st.Entry, batch: Any) -> None:
        e.output_file_id, e.error_file_id = batch.output_file_id, batch.error_file_id
        errors = getattr(batch, "errors", None)
        e.errors = [f"{x.code}: {x.message}" for x in (errors.data or [])] if errors else []
        for kind, fid in (("output", e.output_file_id), ("errors", e.error_file_id)):
            if fid:
                st.write_atomic(self.folder / f"{e.name}.{kind}", self.api.download(fid))
        e.step = "downloaded"
        self._save()

    # --- 4. collect ---------------------------------------------------------------------------

    def _collect(self, e: st.Entry, reread: Callable[[], Iterator[Item]]) -> None:
        answers, reasons = results.read(self.folder, e)
        prior, asked = results.prior(self.folder, e)
        written = results.written_since(self.output, e.output_offset)
        todo = set(e.ids) - written
        follow: list[tuple[str, Answers, dict[int, dict[str, Any]]]] = []

        async def collect_all() -> None:
            slots = asyncio.Semaphore(self.concurrency)
            tasks = []
            for item in reread():
                if item.id in todo:
                    todo.discard(item.id)
                    await slots.acquire()
                    tasks.append(asyncio.create_task(one(item, slots)))
            await asyncio.gather(*tasks)
            await self.requests.aclose()
            await self.worker.aclose()

        async def one(item: Item, slots: asyncio.Semaphore) -> None:
            try:
                outcome = await self._article(item, e, (answers, reasons), (prior, asked), follow)
                if outcome is not None:
                    self.sink.accept(outcome)
            except ConfigError:
                raise
            except Exception as exc:
                self.sink.accept(failed(item, exc))
            finally:
                slots.release()

        asyncio.run(collect_all())
        for missing in sorted(todo):  # no longer among the inputs: say so rather than drop it
            self.sink.accept(_lost(missing, "no longer among the inputs; its batch answer is kept"))
        if follow:
            self._follow_up(e, follow)
        e.step = "collected"
        self._save()  # the follow-up and this entry's end at once: a kill never sends one twice
        for suffix in ("", ".output", ".errors"):
            (self.folder / f"{e.name}{suffix}").unlink(missing_ok=True)
        if e.prior and not any(
            x.prior == e.prior and x.step in st.OPEN for x in self.state.entries
        ):
            (self.folder / e.prior).unlink(missing_ok=True)

    async def _article(
        self,
        item: Item,
        e: st.Entry,
        results: tuple[dict[str, dict[str, Any]], dict[str, str]],
        before: tuple[dict[str, Answers], dict[str, set[int]]],
        follow: list[tuple[str, Answers, dict[int, dict[str, Any]]]],
    ) -> Outcome | None:
        started = time.perf_counter()
        (answers, reasons), (prior, asked) = results, before
        loaded, k, _ = self.worker._load_and_look_up(item)
        doc = prepare(loaded, self.job.settings)
        chunks = chunks_for(doc, self.backend)
        so_far: Answers = {n: list(prior.get(item.id, {}).get(n, [])) for n in range(len(chunks))}
        for n in range(len(chunks)):
            cid = f"{item.id}#{n}"
            if cid in reasons:
                return Outcome(item.id, False, error_line(item, reasons[cid]))
            if cid in answers:
                so_far[n].append(answers[cid])
            elif e.round == 0 or n in asked.get(item.id, set()):
                why = e.errors[0] if e.errors else f"not answered: the batch {e.status}"
                return Outcome(item.id, False, error_line(item, f"{why} ({e.batch_id})"))
        drafts: list[Draft] = []
        reasks: dict[int, dict[str, Any]] = {}
        paid = [0, 0]
        live = self.options.reask == "live"
        for n, chunk in enumerate(chunks):
            got = await self.requests.replay(chunk, so_far[n], live=live)
            if isinstance(got, Reask):
                reasks[n] = got.body
                continue
            assert isinstance(got, Replayed)
            drafts.append(got.draft)
            paid[0] += got.batch_prompt_tokens
            paid[1] += got.batch_completion_tokens
        if reasks:
            follow.append((item.id, so_far, reasks))
            return None
        draft = drafts[0] if len(drafts) == 1 else merge(drafts, budget=self.backend.input_budget)
        result = assemble(doc, self.backend.name, draft, started)
        out = self.worker._done(item, result, k)
        out.batch_prompt_tokens, out.batch_completion_tokens = paid
        return out

    def _follow_up(
        self, e: st.Entry, follow: list[tuple[str, Answers, dict[int, dict[str, Any]]]]
    ) -> None:
        """The re-asks as the next round's request files, with the answers so far beside them."""
        round_ = e.round + 1
        prior_name = f"{self.state.token}-r{round_}-{len(self.state.entries)}.answers.jsonl"
        rows = [
            st.as_json({"id": i, "answers": so_far, "asked": sorted(r)}) + "\n"
            for i, so_far, r in follow
        ]
        st.write_atomic(self.folder / prior_name, "".join(rows).encode())
        files = self._files(round_)
        for article_id, _, reasks in follow:
            files.add(article_id, [line(article_id, n, body) for n, body in sorted(reasks.items())])
        self._record(files.close(), round_=round_, prior=prior_name)


def _lost(article_id: str, reason: str) -> Outcome:
    item = Item(id=article_id, origin=article_id)
    return Outcome(article_id, False, error_line(item, reason))


def _raise_interrupt(signum: int, frame: object) -> None:
    raise Interrupted(signum)

"""What a batch's files say once it has ended: each request's answer or the reason it failed,
a follow-up's answers so far, and which articles a collection already wrote.

Read only; ``engine`` decides what to do with them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summarizer.bulk.batch import state as st
from summarizer.bulk.store import head

Answers = dict[int, list[dict[str, Any]]]  # chunk -> its answers so far (chat completions)


def read(folder: Path, e: st.Entry) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """The batch's answers (custom id -> chat completion) and failures (-> reason), from its
    downloaded output and error files."""
    answers: dict[str, dict[str, Any]] = {}
    reasons: dict[str, str] = {}
    for kind in ("output", "errors"):
        path = folder / f"{e.name}.{kind}"
        if not path.exists():
            continue
        for raw in path.read_bytes().splitlines():
            if not raw.strip():
                continue
            rec = json.loads(raw)
            cid = rec.get("custom_id", "")
            resp = rec.get("response") or {}
            if resp.get("status_code") == 200 and not rec.get("error"):
                answers[cid] = resp["body"]
            else:
                reasons[cid] = reason(rec, e)
    return answers, reasons


def reason(rec: dict[str, Any], e: st.Entry) -> str:
    """Why one request of the batch failed, in one line naming the batch."""
    err = rec.get("error") or {}
    resp = rec.get("response") or {}
    body = resp.get("body") or {}
    inner = body.get("error") if isinstance(body, dict) else None
    code = err.get("code") or (inner or {}).get("code") or resp.get("status_code")
    message = err.get("message") or (inner or {}).get("message") or "no reason given"
    return f"batch request failed ({e.batch_id}): {code}: {message}"


def prior(folder: Path, e: st.Entry) -> tuple[dict[str, Answers], dict[str, set[int]]]:
    """A follow-up's articles: their answers so far, and which chunks it asks again."""
    answers: dict[str, Answers] = {}
    asked: dict[str, set[int]] = {}
    if e.prior is None:
        return answers, asked
    for raw in (folder / e.prior).read_bytes().splitlines():
        rec = json.loads(raw)
        answers[rec["id"]] = {int(n): a for n, a in rec["answers"].items()}
        asked[rec["id"]] = set(rec["asked"])
    return answers, asked


def written_since(output: Path, offset: int) -> set[str]:
    """Ids with a line in the output after ``offset`` (a collection a kill interrupted)."""
    if not output.exists() or output.stat().st_size <= offset:
        return set()
    seen = set()
    with open(output, "rb") as f:
        f.seek(offset)
        for raw in f:
            if raw.endswith(b"\n"):
                h = head(raw)
                if h is not None:
                    seen.add(h[0])
    return seen

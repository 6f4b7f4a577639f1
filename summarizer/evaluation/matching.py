"""The project's one pairing rule: which predicted item stands for which gold item.

``summarizer eval`` (prediction against gold) and ``summarizer diff`` (run B against run A) both
pair through ``pair``, so a score and a diff never disagree on what "the same item" means.

An item is a list of parts ``[(start, end), ...]`` (a quote interrupted by its cue has two).
Two items match when the characters they share, summed over all parts, are at least half of the
shorter item's length. Pairing is one-to-one and greedy, best overlap first: each gold item can
be claimed by one prediction, so the second piece of an already matched quote is left unpaired
(a false positive), as GenderGapTracker's and most attribution scorers count it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

Part = tuple[int, int]
Parts = Sequence[Part]


def overlap(a: Parts, b: Parts) -> int:
    """Characters ``a`` and ``b`` share, over all their parts."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def length(a: Parts) -> int:
    return sum(e - s for s, e in a)


def matches(a: Parts, b: Parts) -> bool:
    """Overlap of at least half of the shorter item (and of at least one character)."""
    shared = overlap(a, b)
    return shared > 0 and 2 * shared >= min(length(a), length(b))


def parts_of(item: Any) -> list[Part]:
    """An output item's parts: its ``parts`` when it has them, else its one ``[start, end)``.

    ``item`` is a model (``Quote``, ``Claim``, ``Span``) or its JSON dict; an item without
    offsets has no parts and so matches nothing by overlap.
    """
    get: Callable[[str], Any] = (
        item.get if isinstance(item, dict) else lambda k: getattr(item, k, None)
    )
    parts = get("parts")
    if parts:
        return [(p["start"], p["end"]) if isinstance(p, dict) else (p.start, p.end) for p in parts]
    start, end = get("start"), get("end")
    return [] if start is None or end is None else [(start, end)]


def pair(
    preds: Sequence[Parts],
    golds: Sequence[Parts],
    *,
    allowed: Callable[[int, int], bool] | None = None,
    keys: tuple[Sequence[Hashable | None], Sequence[Hashable | None]] | None = None,
) -> list[tuple[int, int]]:
    """One-to-one ``(pred index, gold index)`` pairs, greedy, best overlap first.

    ``allowed(i, j)`` can rule a pair out (e.g. events of different types when scoring typed
    triggers). ``keys``, one per pred and one per gold: a pred and a gold with the same key (not
    None) are the same item whatever their offsets (``diff``: the same words, moved when the
    article text shifted); such pairs are taken before any pair by overlap, nearest first. Ties
    go to the smaller union, then to text order, so the result depends on the inputs only.
    """
    candidates = _keyed(preds, golds, keys, allowed) if keys is not None else []
    candidates += _overlapping(preds, golds, allowed)
    candidates.sort()
    return _greedy(candidates)


#: A possible pair: (rank, -score or distance, union, pred index, gold index); sorted, the best
#: comes first.
Candidate = tuple[int, int, int, int, int]


def _keyed(
    preds: Sequence[Parts],
    golds: Sequence[Parts],
    keys: tuple[Sequence[Hashable | None], Sequence[Hashable | None]],
    allowed: Callable[[int, int], bool] | None,
) -> list[Candidate]:
    """Pairs of a pred and a gold with the same key, ranked before any pair by overlap,
    nearest first."""
    by_key: dict[Hashable, list[int]] = {}
    for j, key in enumerate(keys[1]):
        if key is not None:
            by_key.setdefault(key, []).append(j)
    out: list[Candidate] = []
    for i, key in enumerate(keys[0]):
        for j in by_key.get(key, ()) if key is not None else ():
            if allowed is None or allowed(i, j):
                out.append((0, abs(_first(preds[i]) - _first(golds[j])), 0, i, j))
    return out


def _overlapping(
    preds: Sequence[Parts], golds: Sequence[Parts], allowed: Callable[[int, int], bool] | None
) -> list[Candidate]:
    """Pairs that ``matches`` (overlap of at least half the shorter), best overlap first."""
    # Each gold's extent and length once; an extent test skips most pairs before summing parts.
    spans = [
        (min(s for s, _ in g), max(e for _, e in g), length(g), j) for j, g in enumerate(golds) if g
    ]
    out: list[Candidate] = []
    for i, p in enumerate(preds):
        if not p:
            continue
        p_start, p_end, p_len = min(s for s, _ in p), max(e for _, e in p), length(p)
        for g_start, g_end, g_len, j in spans:
            if g_start >= p_end or p_start >= g_end:
                continue
            if allowed is not None and not allowed(i, j):
                continue
            g = golds[j]
            if len(p) == 1 and len(g) == 1:
                shared = min(p_end, g_end) - max(p_start, g_start)
            else:
                shared = overlap(p, g)
            if shared > 0 and 2 * shared >= min(p_len, g_len):
                out.append((1, -shared, p_len + g_len - shared, i, j))
    return out


def _greedy(candidates: list[Candidate]) -> list[tuple[int, int]]:
    """One-to-one pairs from sorted candidates: each side's index is taken once, best first."""
    taken_p: set[int] = set()
    taken_g: set[int] = set()
    out = []
    for _, _, _, i, j in candidates:
        if i in taken_p or j in taken_g:
            continue
        taken_p.add(i)
        taken_g.add(j)
        out.append((i, j))
    return out


def _first(parts: Parts) -> int:
    return parts[0][0] if parts else 0


def prf(matched: int, predicted: int, gold: int) -> dict[str, float | int]:
    """Precision, recall and F1 of one-to-one pairs: ``matched`` counts both sides at once."""
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f1, 4),
        "predicted": predicted,
        "gold": gold,
        "matched": matched,
    }

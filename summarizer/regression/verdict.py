"""Whether one article's changes are within the suite's thresholds, and why not.

Only what the suite counts is judged: the kinds in ``[compare] kinds``, the fields not in
``[compare] ignore`` (``counted``). With no thresholds any counted change fails, as a snapshot
test does. A threshold relaxes exactly what it names: ``min_quote_f1`` lets quotes be added or
removed while B's one-to-one F1 against the blessed record stays at or above it;
``speaker_changes = N`` lets at most N items change their speaker. Everything a threshold does
not name still fails on any change.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from summarizer.regression.compare import KINDS, ArticleDiff, Changed, KindDiff
from summarizer.regression.suite import Suite
from summarizer.regression.text import SINGULAR


def counted(diff: ArticleDiff, suite: Suite) -> ArticleDiff:
    """``diff`` with only what the suite counts: its kinds, and no ignored field."""
    kinds: dict[str, KindDiff] = {}
    for kind in KINDS:
        d = diff.kind(kind)
        if kind not in suite.kinds:
            kinds[kind] = KindDiff(matched=d.matched + len(d.added))
            continue
        changed = []
        for c in d.changed:
            fields = [f for f in c.fields if f not in suite.ignore]
            if fields:
                changed.append(Changed(c.a, c.b, fields))
        kinds[kind] = replace(d, changed=changed)
    return ArticleDiff(diff.id, diff.missing, kinds["quotes"], kinds["claims"], kinds["events"])


def reasons(diff: ArticleDiff, suite: Suite) -> list[str]:
    """Why the (counted) ``diff`` fails the suite's thresholds; empty when it passes."""
    limits = suite.thresholds
    found = []
    if diff.missing is not None:
        found.append("no record to compare" if diff.missing == "b" else "no expected record")
    for kind in suite.kinds:
        d = diff.kind(kind)
        one = SINGULAR[kind]
        least = limits.min_f1.get(kind)
        if least is None:
            if d.added or d.removed:
                found.append(
                    f"{kind} +{len(d.added)} −{len(d.removed)} (no min_{one}_f1 set: any change fails)"
                )
        elif d.f1 < least:
            found.append(f"{kind} F1 {d.f1:.3f} below min_{one}_f1 {least:g}")
    fields = Counter(f for kind in suite.kinds for c in diff.kind(kind).changed for f in c.fields)
    for name, n in sorted(fields.items()):
        most = limits.max_changes.get(name)
        if most is None:
            found.append(f"{name} changed in {n} item(s) (no {name}_changes set: any change fails)")
        elif n > most:
            found.append(f"{name} changed in {n} item(s), more than {name}_changes {most}")
    return found

"""JUnit XML for CI (GitLab, Jenkins, GitHub test reporters): one test case per article.

Shared by ``summarizer diff --junit`` and ``summarizer check --junit``. The layout is the common
subset every reader accepts: ``<testsuites><testsuite><testcase><failure>``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

# Characters XML 1.0 cannot carry at all, even escaped (article text can hold them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class JUnitCase(NamedTuple):
    """One test case: ``failure`` is the message when it failed, None when it passed."""

    name: str
    classname: str
    failure: str | None
    seconds: float = 0.0


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def junit_xml(cases: Iterable[JUnitCase | tuple[str, str, str | None, float]], suite: str) -> str:
    """The JUnit XML document of ``cases`` as one ``<testsuite>`` named ``suite``."""
    rows = [JUnitCase(*c) for c in cases]
    failures = sum(c.failure is not None for c in rows)
    root = ET.Element("testsuites", tests=str(len(rows)), failures=str(failures))
    element = ET.SubElement(
        root,
        "testsuite",
        name=_clean(suite),
        tests=str(len(rows)),
        failures=str(failures),
        errors="0",
        skipped="0",
        time=f"{sum(c.seconds for c in rows):.3f}",
    )
    for case in rows:
        test = ET.SubElement(
            element,
            "testcase",
            name=_clean(case.name),
            classname=_clean(case.classname),
            time=f"{case.seconds:.3f}",
        )
        if case.failure is not None:
            text = _clean(case.failure)
            failure = ET.SubElement(
                test, "failure", message=text.splitlines()[0] if text else "", type="failure"
            )
            failure.text = text
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_junit(
    path: Path, cases: Iterable[JUnitCase | tuple[str, str, str | None, float]], suite: str
) -> None:
    """Write ``junit_xml(cases, suite)`` to ``path`` (UTF-8)."""
    path.write_text(junit_xml(cases, suite), encoding="utf-8")

"""JUnit XML: parsed back with ElementTree and checked against the JUnit element structure."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from summarizer.regression.junit import JUnitCase, junit_xml, write_junit


def test_passes_and_failures_in_the_junit_layout(tmp_path: Path) -> None:
    out = tmp_path / "report.xml"
    write_junit(
        out,
        [
            JUnitCase("port", "diff.quotes", None, 0.25),
            ("strike", "diff.events", 'casualties changed\n  a: 2 <killed> & "b": 3', 0.5),
        ],
        suite="summarizer diff",
    )
    root = ET.parse(out).getroot()
    assert root.tag == "testsuites" and root.get("tests") == "2" and root.get("failures") == "1"
    (suite,) = root
    assert suite.tag == "testsuite" and suite.get("name") == "summarizer diff"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    assert float(suite.get("time", "")) == 0.75
    passed, failed = suite.findall("testcase")
    assert (passed.get("name"), passed.get("classname"), passed.get("time")) == (
        "port",
        "diff.quotes",
        "0.250",
    )
    assert list(passed) == []
    (failure,) = failed
    assert failure.tag == "failure" and failure.get("message") == "casualties changed"
    assert failure.text == 'casualties changed\n  a: 2 <killed> & "b": 3'  # escaped, round-trips


def test_characters_xml_cannot_carry_are_replaced_not_fatal() -> None:
    xml = junit_xml([JUnitCase("a\x00b", "c", "bell\x07 here", 0.0)], suite="s")
    case = ET.fromstring(xml.split("\n", 1)[1]).find("testsuite/testcase")
    assert case is not None and case.get("name") == "a\ufffdb"
    failure = case.find("failure")
    assert failure is not None and failure.text == "bell\ufffd here"


def test_no_cases_is_an_empty_valid_suite() -> None:
    root = ET.fromstring(junit_xml([], suite="empty").split("\n", 1)[1])
    assert root.find("testsuite") is not None and root.get("tests") == "0"

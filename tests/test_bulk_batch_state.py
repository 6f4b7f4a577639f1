"""The batch state file: round trip, atomic replacement, a damaged file is a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.bulk.batch import state as st
from summarizer.errors import ConfigError


def test_state_round_trips_and_open_entries_are_in_flight(tmp_path: Path) -> None:
    folder = st.folder_for(tmp_path / "out.jsonl")
    assert folder.name == "out.jsonl.batch"
    s = st.load(folder)
    assert s.entries == [] and len(s.token) == 12
    s.entries = [
        st.Entry("f-0.jsonl", ["a", "b"], 2, 100, step="submitted", batch_id="batch_1"),
        st.Entry("f-1.jsonl", ["c"], 1, 50, step="collected"),
    ]
    st.save(folder, s)
    again = st.load(folder)
    assert again == s and again.in_flight() == {"a", "b"}
    assert [p.name for p in folder.iterdir()] == ["state.json"]  # no temporary file left


def test_a_damaged_state_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "state.json").write_text("{not json")
    with pytest.raises(ConfigError, match="cannot read the batch state"):
        st.load(tmp_path)
    (tmp_path / "state.json").write_text('{"entries": []}')
    with pytest.raises(ConfigError, match="not a batch state file"):
        st.load(tmp_path)

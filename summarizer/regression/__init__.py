"""Regression tooling: what changed between two sets of records (``diff``, ``check``).

One layer above ``bulk | evaluation | render`` (it pairs items through ``evaluation.matching``
and renders through ``render``), below ``commands``. Records are handled as plain JSON dicts, so
diffing two 10,000-article runs never builds pydantic models.
"""

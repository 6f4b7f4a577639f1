"""The OpenAI-compatible backend's own options, read from ``Settings.options`` and checked.

``base_url`` (``--base-url``, else ``OPENAI_BASE_URL``, else OpenAI), ``mode`` (``tools`` or
``json``), ``timeout`` (seconds per response), ``temperature`` (sent only when set: 0 makes a
local model's answers repeatable), ``transport_attempts`` and
``transport_max_seconds`` (how hard one request is retried). Other backends' options are
ignored; a wrong value of one of these is an ``OptionError`` naming it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from summarizer.errors import OptionError

OPENAI_URL = "https://api.openai.com/v1"
MODES = ("tools", "json")


@dataclass(frozen=True)
class OpenAIOptions:
    """Where and how requests go; ``base_url`` is resolved (never None)."""

    base_url: str = OPENAI_URL
    mode: str = "tools"
    timeout: float = 60.0
    transport_attempts: int = 5
    transport_max_seconds: float = 120.0
    temperature: float | None = None

    @classmethod
    def of(cls, options: Mapping[str, object]) -> OpenAIOptions:
        """These options out of a run's ``Settings.options``; an unusable value is an
        ``OptionError``."""
        given = options.get("base_url")
        env = None if given else os.environ.get("OPENAI_BASE_URL") or None
        given = given or env
        base_url = OPENAI_URL if given is None else str(given).rstrip("/")
        if urlsplit(base_url).scheme not in ("http", "https"):
            whence = " (from OPENAI_BASE_URL)" if env else ""
            raise OptionError("base_url", f"expected an http(s) URL, got {given!r}{whence}")
        raw_mode = options.get("mode") or "tools"
        mode = str(raw_mode).lower()
        if mode not in MODES:
            raise OptionError("mode", f"expected 'tools' or 'json', got {raw_mode!r}")
        return cls(
            base_url=base_url,
            mode=mode,
            timeout=_number(options, "timeout", cls.timeout),
            temperature=_temperature(options),
            transport_attempts=max(1, int(_number(options, "transport_attempts", 5, least=0))),
            transport_max_seconds=_number(options, "transport_max_seconds", 120.0),
        )


def _number(
    options: Mapping[str, object], name: str, default: float, *, least: float | None = None
) -> float:
    """A number above 0 (or at least ``least``; ``None``: the default); anything else is an
    ``OptionError`` naming the option."""
    value = options.get(name)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise OptionError(name, f"expected a number, got {value!r}")
    try:
        number = float(value)
    except ValueError:
        raise OptionError(name, f"expected a number, got {value!r}") from None
    if (number < least) if least is not None else (number <= 0):
        floor = f"at least {least:g}" if least is not None else "more than 0"
        raise OptionError(name, f"must be {floor}, got {value!r}")
    return number


def _temperature(options: Mapping[str, object]) -> float | None:
    """The sampling temperature, 0 to 2 as the OpenAI API takes it; None: the server's own."""
    if options.get("temperature") is None:
        return None
    number = _number(options, "temperature", 0.0, least=0)
    if number > 2:
        raise OptionError("temperature", f"must be at most 2, got {options['temperature']!r}")
    return number

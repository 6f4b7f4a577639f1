"""The answer inside whatever envelope a server put it in.

Asked for a tool call, llama.cpp's server (and others) may answer in plain content instead: a
fenced block, a list ``[{"function": "ArticleExtraction", "arguments": {...}}]``, a bare
``{"name": ..., "arguments": ...}``, Qwen's ``<tool_call>...</tool_call>``. Each is the same
answer; ``arguments`` finds it, so such an answer is parsed instead of being read as an object
with every list missing (an empty success).
"""

from __future__ import annotations

import json
import re
from typing import Any

_FENCE = re.compile(r"```(?:json)?\s*(.*?)\s*```", re.DOTALL)
_TAGGED = re.compile(r"<tool_call>\s*(.*?)\s*(?:</tool_call>|$)", re.DOTALL)
_NAME_KEYS = ("function", "name", "tool", "tool_name")
_ARGUMENT_KEYS = ("arguments", "parameters", "args", "input")


def unwrap(value: Any, name: str) -> Any:
    """The arguments of a call to ``name`` when ``value`` is such a call (or a list starting
    with one), else ``value`` itself."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        value = value[0]
    if not isinstance(value, dict):
        return value
    called = next((value[k] for k in _NAME_KEYS if k in value), None)
    if isinstance(called, dict):  # {"function": {"name": ..., "arguments": ...}}
        return unwrap(called, name)
    arguments = next((value[k] for k in _ARGUMENT_KEYS if k in value), None)
    if called is not None and arguments is not None and len(value) <= 3:
        if isinstance(arguments, str):
            try:
                arguments = json.loads(arguments)
            except ValueError:
                return value
        return arguments
    return value


def parse_content(content: str | None, name: str) -> dict[str, Any] | None:
    """The answer object in a message's text content, out of fences, tags and call wrappers;
    None when the text holds no JSON object."""
    if not content or not content.strip():
        return None
    text = content.strip()
    for pattern in (_TAGGED, _FENCE):
        found = pattern.search(text)
        if found:
            text = found.group(1)
            break
    try:
        value = json.loads(text)
    except ValueError:
        start = min((i for i in (text.find("{"), text.find("[")) if i >= 0), default=-1)
        if start < 0:
            return None
        try:
            value, _ = json.JSONDecoder().raw_decode(text[start:])
        except ValueError:
            return None
    value = unwrap(value, name)
    return value if isinstance(value, dict) else None


def arguments(completion: Any, name: str) -> str | None:
    """The JSON text of a chat completion's answer: the tool call's arguments, else the object
    in its content (unwrapped); None when there is neither."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    calls = getattr(message, "tool_calls", None) or []
    if calls:
        raw = calls[0].function.arguments
        try:
            value = unwrap(json.loads(raw) if isinstance(raw, str) else raw, name)
        except ValueError:
            return raw if isinstance(raw, str) else None
        return json.dumps(value)
    found = parse_content(getattr(message, "content", None), name)
    return json.dumps(found) if found is not None else getattr(message, "content", None)

"""The two patches of instructor internals we make, both pure caches of a per-request cost.

1. The async-validator check, remembered per class. instructor 1.17 calls ``reject_async_validators(response_model)`` up to six times per request
(``patch.new_create_*``, ``prepare_response_model`` twice, the retry loop, parsing), and each call
walks the whole model tree and every class's ``__mro__`` again: about 1.5 ms of CPU per request
for ``ArticleExtraction``, the largest cost left once the schema is built once. The answer only
depends on the class, so a class that passed is remembered (weakly) and not walked again; a class
that fails still raises every time, with instructor's own message.
2. Message templates compiled once. With ``context=`` instructor renders every message through
``templating.apply_template``, which builds a new Jinja ``SandboxedEnvironment`` and compiles the
text each time (~1 ms per request for our two messages, more in JSON mode, whose system message
holds the schema). Here one sandboxed environment compiles each distinct text once; rendering
and ``dedent`` are as before.

instructor offers no hook for either, hence the patches. ``tests/test_speedups_instructor_patches.py``
fails if instructor moves these functions or stops calling them from those places.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from functools import lru_cache
from typing import Any

_PATCHED = "_summarizer_memoised"
MODULES = ("instructor.v2.validation.async_validators", "instructor.v2.core.patch")
TEMPLATING = "instructor.v2.core.templating"


def memoised(check: Callable[[Any], None]) -> Callable[[Any], None]:
    """``check`` that skips classes it already passed (other arguments are checked each time)."""
    passed: weakref.WeakSet[type] = weakref.WeakSet()

    def reject_async_validators(response_model: Any) -> None:
        if isinstance(response_model, type):
            if response_model in passed:
                return
            check(response_model)
            passed.add(response_model)
            return
        check(response_model)

    setattr(reject_async_validators, _PATCHED, check)
    reject_async_validators.__doc__ = check.__doc__
    return reject_async_validators


def install() -> bool:
    """Both patches (idempotent); False if this instructor lacks what either needs."""
    return quick_async_validator_check() & compiled_templates()


def uninstall() -> None:
    """Put instructor's own functions back where the patches replaced them."""
    import sys

    for name in (*MODULES, TEMPLATING):
        module = sys.modules.get(name)
        for attr in ("reject_async_validators", "apply_template"):
            current = getattr(module, attr, None)
            original = getattr(current, _PATCHED, None)
            if original is not None:
                setattr(module, attr, original)


def compiled_templates() -> bool:
    """Install the compiling-once ``apply_template`` (idempotent); False if it is not there."""
    import importlib

    try:
        module = importlib.import_module(TEMPLATING)
    except ImportError:
        return False
    current = getattr(module, "apply_template", None)
    if current is None or not hasattr(module, "SandboxedEnvironment"):
        return False
    if getattr(current, _PATCHED, None) is None:
        fast = cached_apply_template(current, module.SandboxedEnvironment())
        module.apply_template = fast  # type: ignore[attr-defined]
    return True


def cached_apply_template(original: Callable[..., str], env: Any) -> Callable[..., str]:
    """instructor's ``apply_template`` (``dedent(render)``) with each text compiled once."""
    from textwrap import dedent

    compile_once = lru_cache(maxsize=64)(env.from_string)

    def apply_template(text: str, context: dict[str, Any]) -> str:
        return dedent(compile_once(text).render(**context))

    setattr(apply_template, _PATCHED, original)
    return apply_template


def quick_async_validator_check() -> bool:
    """Install the memoised check where instructor looks it up (idempotent). False, and nothing
    changed, when this instructor does not have it where 1.17 has it."""
    import importlib

    try:
        source, user = (importlib.import_module(name) for name in MODULES)
    except ImportError:
        return False
    check = getattr(source, "reject_async_validators", None)
    if check is None or getattr(user, "reject_async_validators", None) is None:
        return False
    if getattr(check, _PATCHED, None) is None:
        check = memoised(check)
        source.reject_async_validators = check  # type: ignore[attr-defined]
    user.reject_async_validators = check  # type: ignore[attr-defined]
    return True

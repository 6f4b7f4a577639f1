"""The one patch of instructor internals we make: its async-validator check, remembered per class.

instructor 1.17 calls ``reject_async_validators(response_model)`` up to six times per request
(``patch.new_create_*``, ``prepare_response_model`` twice, the retry loop, parsing), and each call
walks the whole model tree and every class's ``__mro__`` again: about 1.5 ms of CPU per request
for ``ArticleExtraction``, the largest cost left once the schema is built once. The answer only
depends on the class, so a class that passed is remembered (weakly) and not walked again; a class
that fails still raises every time, with instructor's own message. instructor offers no hook for
this, hence the patch. ``tests/test_llm_instructor_speedup.py`` fails if instructor moves the
function or stops calling it from those places.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

_PATCHED = "_summarizer_memoised"
MODULES = ("instructor.v2.validation.async_validators", "instructor.v2.core.patch")


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

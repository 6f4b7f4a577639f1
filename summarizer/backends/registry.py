"""Which backend a ``--model`` value names, imported only when it is used.

- ``rules`` (or no model): the offline spaCy backend;
- ``gguf:PATH``: a GGUF file run in process by llama-cpp-python (``summarizer[local]``);
- ``openai/<name>``, or any other name (served at ``--base-url``): the OpenAI-compatible backend;
- ``NAME:...`` or ``NAME/...`` where NAME is an entry point of the ``summarizer.backends`` group:
  that third-party backend. Its value is ``"package.module:Class"``; the class is built with the
  run's ``Settings``.

A name with a prefix nobody registered (``qwen2.5:7b``, ``Qwen/Qwen2.5-7B``) is a model name for
the OpenAI-compatible server, as it always was; ``openai/`` in front forces that reading.

What the rest of the project asks before a backend is built goes through here and the class's
declared answers (``BackendClass``): ``bound``, ``takes_candidates``, ``check``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from importlib.metadata import entry_points
from typing import cast

from summarizer.backends.base import Backend, BackendClass, Bound, failures_named
from summarizer.errors import ConfigError
from summarizer.settings import Settings

GROUP = "summarizer.backends"
BUILTIN: dict[str, str] = {
    "rules": "summarizer.backends.rules:RulesBackend",
    "openai": "summarizer.backends.openai:LLMBackend",
    "gguf": "summarizer.backends.gguf:GGUFBackend",
}
#: What to install when a built-in backend's optional dependencies are missing.
INSTALL: dict[str, str] = {"gguf": "pip install 'summarizer[local]'"}
DEFAULT = "openai"
_PREFIX = re.compile(r"^([A-Za-z][\w.-]*)[:/]")

Factory = BackendClass


def backend_name(model: str | None) -> str:
    """The registered name ``model`` selects (``rules``, ``gguf``, ``openai``, a plugin's)."""
    model = (model or "").strip()
    if model in ("", "rules"):
        return "rules"
    match = _PREFIX.match(model)
    if match is not None:
        prefix = match.group(1)
        if prefix in BUILTIN or prefix in _plugins():
            return prefix
    return DEFAULT


def factory(model: str | None) -> Factory:
    """The class (``BackendClass``) for ``model``; ConfigError if it cannot be imported."""
    name = backend_name(model)
    target = BUILTIN.get(name) or _plugins()[name]
    module, _, attr = target.partition(":")
    try:
        loaded = getattr(import_module(module), attr)
    except ImportError as exc:
        extra = f" ({INSTALL[name]})" if name in INSTALL else ""
        raise ConfigError(
            f"--model {model}: backend {name!r} cannot be loaded: {exc}{extra}"
        ) from None
    except AttributeError:
        raise ConfigError(f"--model {model}: backend {name!r}: {target} does not exist") from None
    return cast(Factory, loaded)


def create(settings: Settings) -> Backend:
    """The backend the settings' model names, built with them (a plugin's own exception while
    building is a ``BackendError`` naming it)."""
    made = factory(settings.model)
    with failures_named(backend_name(settings.model)):
        return made(settings)


def bound(model: str | None) -> Bound:
    """Whether the backend ``model`` names waits on a server (``"io"``) or computes in process
    (``"cpu"``), known before one is built."""
    made = factory(model)
    with _declared(model, "bound"):
        return made.bound


def takes_candidates(model: str | None) -> bool:
    """Whether the backend ``model`` names reads the rules backend's candidate quotes."""
    made = factory(model)
    with _declared(model, "takes_candidates"):
        return made.takes_candidates


def check(settings: Settings) -> None:
    """Check the settings' options for the backend their model names, building nothing."""
    made = factory(settings.model)
    with _declared(settings.model, "check"):
        check = made.check
    check(settings)


@contextmanager
def _declared(model: str | None, what: str) -> Iterator[None]:
    """A backend class that lacks one of ``BackendClass``'s answers is a ConfigError naming
    it (a plugin that implements ``Backend`` without subclassing ``BackendBase``)."""
    try:
        yield
    except AttributeError:
        name = backend_name(model)
        raise ConfigError(
            f"--model {model}: backend {name!r} does not declare {what!r} "
            "(subclass summarizer.BackendBase, or see CONTRIBUTING.md: Adding a backend)"
        ) from None


def _plugins() -> dict[str, str]:
    """Entry points of the ``summarizer.backends`` group: name -> ``module:attr``. Built-in
    names cannot be taken over."""
    return {ep.name: ep.value for ep in entry_points(group=GROUP) if ep.name not in BUILTIN}

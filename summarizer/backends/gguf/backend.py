"""A GGUF model in this process, through llama-cpp-python: no server to run.

instructor drives llama-cpp-python's ``create_chat_completion_openai_v1`` in JSON mode, as its
llama-cpp-python guide does; the answer is constrained by llama.cpp's grammar built from the
response schema (``response_format["schema"]``), so it always parses, and the shared validators
re-ask when it does not ground. The model is loaded once per process (bulk: once per worker,
before it takes work; extraction is CPU-bound, so bulk runs worker processes). One ``Llama`` is
not thread-safe, so calls to it take turns.
"""

from __future__ import annotations

import importlib.util
import inspect
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from summarizer.backends import hooks
from summarizer.backends.base import BackendBase, Bound, Draft
from summarizer.backends.llm import instructed
from summarizer.backends.llm.budget import budget_for
from summarizer.backends.llm.prompt import PROMPT_VERSION
from summarizer.backends.llm.response import Article
from summarizer.document import Document
from summarizer.errors import ConfigError, ExtractionError, SummarizerError
from summarizer.models import Usage
from summarizer.settings import Settings

PREFIX = "gguf:"
CONTEXT_TOKENS = 12_288
ANSWER_TOKENS = 2_048
INSTALL = "pip install 'summarizer[local]'"


_LOADING = threading.Lock()


@contextmanager
def _weights_not_repacked() -> Iterator[None]:
    """While one ``Llama`` is built: its model loads without llama.cpp's "extra buffer types"
    (weights repacked for the CPU's matrix units). With them, llama-cpp-python 0.3.36 built from
    source crashes (SIGSEGV in ``llama_decode``) on the first prompt of a few dozen tokens with a
    Q4_K_M model on this project's machines (AMX-capable Xeons); without them it runs. The
    library's own default is put back at once, so nothing outside this load sees a change.
    ``tests/test_gguf_backend.py`` checks it is restored."""
    import llama_cpp.llama as module

    original = module.llama_cpp.llama_model_default_params

    def defaults() -> Any:
        params = original()
        params.use_extra_bufts = False
        return params

    with _LOADING:
        module.llama_cpp.llama_model_default_params = defaults
        try:
            yield
        finally:
            module.llama_cpp.llama_model_default_params = original


class GGUFBackend(BackendBase):
    """Extraction by a GGUF model loaded in process. ``n_ctx`` (context tokens) and
    ``n_threads`` are this backend's own options; the input budget is ``--max-input-tokens``
    or the model family's, at most a third of the context (instructions and answer need room).
    """

    name = "gguf"
    bound: Bound = "cpu"
    share_warm_up = False  # llama.cpp's threads do not survive a fork: each worker loads its own

    def __init__(
        self, settings: Settings, *, n_ctx: int = CONTEXT_TOKENS, n_threads: int | None = None
    ) -> None:
        self.settings = settings
        given = (settings.model or "").removeprefix(PREFIX).strip()
        self.path = Path(given).expanduser()
        if not given or not self.path.is_file():
            raise ConfigError(f"--model gguf:PATH: no GGUF file at {given or '(empty path)'!r}")
        if importlib.util.find_spec("llama_cpp") is None:
            raise ConfigError(f"--model gguf: needs llama-cpp-python: {INSTALL}")
        self.n_ctx = n_ctx
        self.n_threads = n_threads
        self.model = self.path.name
        self._llama: Any = None
        self._turn = threading.Lock()

    @property
    def input_budget(self) -> int:  # type: ignore[override]
        family = budget_for(self.model, self.settings.max_input_tokens)
        return family if self.settings.max_input_tokens else min(family, self.n_ctx // 3)

    @property
    def cache_identity(self) -> Mapping[str, object]:  # type: ignore[override]
        """The file by name, size and modification time (a new download is a new model)."""
        stat = self.path.stat()
        return {
            "backend": self.name,
            "model": f"{self.path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}",
            "prompt_version": PROMPT_VERSION,
            "max_retries": self.settings.max_retries,
            "max_input_tokens": self.settings.max_input_tokens,
            "n_ctx": self.n_ctx,
        }

    def warm_up(self) -> None:
        """Load the model now (bulk: in each worker, before its first article)."""
        self._load()
        instructed.response_model()

    def _load(self) -> Any:
        if self._llama is None:
            try:
                import llama_cpp
            except ImportError:
                raise ConfigError(f"--model gguf: needs llama-cpp-python: {INSTALL}") from None
            try:
                with _weights_not_repacked():
                    self._llama = llama_cpp.Llama(
                        model_path=str(self.path),
                        n_ctx=self.n_ctx,
                        n_threads=self.n_threads,
                        verbose=False,
                    )
            except (ValueError, RuntimeError) as exc:
                raise ConfigError(f"--model gguf:{self.path}: cannot load it ({exc})") from None
        return self._llama

    def extract(self, doc: Document) -> Draft:
        if not doc.sentences:
            return instructed.empty(self.model)
        import instructor

        instructed.quiet_instructor()
        for tune in hooks.INSTRUCTOR:
            tune()
        usage = Usage()
        create = instructor.patch(create=self._counted(usage), mode=instructor.Mode.JSON)
        article = Article(doc)
        request = instructed.request(article, self.model, self.settings.max_retries)
        try:
            answer = create(**request)
        except Exception as exc:
            try:
                result = instructed.recover(exc, article, self.settings.max_retries)
            except SummarizerError as error:
                error.spent = (usage.requests, usage.prompt_tokens, usage.completion_tokens)
                raise
            return instructed.finish(result, article, usage, self.model)
        return instructed.finish((answer, []), article, usage, self.model)

    def _counted(self, usage: Usage) -> Callable[..., Any]:
        """The model's chat completion as instructor calls it: the schema-constrained format
        put where llama.cpp reads it, greedy decoding, every call and its tokens counted."""
        llama = self._load()
        accepted = set(inspect.signature(llama.create_chat_completion).parameters)

        def create(**kwargs: Any) -> Any:
            call = {k: v for k, v in kwargs.items() if k in accepted}
            call["response_format"] = instructed.json_response_format()
            call.setdefault("temperature", 0.0)
            call.setdefault("max_tokens", ANSWER_TOKENS)
            usage.requests += 1
            with self._turn:
                try:
                    completion = llama.create_chat_completion_openai_v1(**call)
                except ValueError as exc:  # "Requested tokens (N) exceed context window of M"
                    raise ExtractionError(
                        f"{self.model}: the article and instructions do not fit the model's "
                        f"context ({exc}); give a smaller --max-input-tokens"
                    ) from None
            used = completion.usage
            if used is not None:
                usage.prompt_tokens += used.prompt_tokens or 0
                usage.completion_tokens += used.completion_tokens or 0
            return completion

        return create

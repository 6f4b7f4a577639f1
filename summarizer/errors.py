"""Exceptions the CLI turns into one line on stderr and an exit code (2 input, 1 extraction)."""

from __future__ import annotations


class SummarizerError(Exception):
    """Base class: its message is the one line the user sees."""

    exit_code = 1
    #: What calls to a model cost before the failure: (requests, prompt tokens, completion
    #: tokens), so that a bulk run's account includes articles that failed.
    spent: tuple[int, int, int] = (0, 0, 0)


class InputError(SummarizerError):
    """The article could not be read: missing, empty, binary, undecodable or too large."""

    exit_code = 2


class ConfigError(SummarizerError):
    """The tool is configured wrongly: unknown backend, missing key, bad option."""

    exit_code = 2


class ExtractionError(SummarizerError):
    """The backend failed after its retries: the server kept failing or never answered well."""

    exit_code = 1


class OptionError(ConfigError):
    """A backend option with a wrong value; ``option`` is its name in ``Settings.options``
    (the flag without ``--``), so a suite.toml can name its own key instead of the flag."""

    def __init__(self, option: str, problem: str) -> None:
        super().__init__(f"--{option.replace('_', '-')}: {problem}")
        self.option = option
        self.problem = problem


class BackendError(ExtractionError):
    """A backend raised an exception of its own (not a ``SummarizerError``, e.g. a plugin's
    ``ValueError``): one line naming the backend and the error, exit 1, never a traceback."""

    def __init__(self, backend: str, error: Exception) -> None:
        said = str(error).strip().splitlines()
        super().__init__(
            f"backend {backend!r} failed: {type(error).__name__}" + (f": {said[0]}" if said else "")
        )

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

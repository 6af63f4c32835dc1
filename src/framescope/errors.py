"""Errors the library raises. Each message names the input and says what to do; the CLI prints it as one line."""

from __future__ import annotations


class FramescopeError(Exception):
    """Base class: a problem a user can act on."""


class InputError(FramescopeError):
    """An input (file, URL, record) cannot be read or makes no article."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class FetchError(InputError):
    """A URL could not be fetched, or was refused (private address, too large, too many redirects)."""


class MissingDependencyError(FramescopeError):
    """An optional package or model is not installed; the message carries the exact install command."""


class StoreError(FramescopeError):
    """The store cannot be opened, migrated or written."""

"""Exceptions.  Every message names the input (a file path, a document id, or ``<text>``)
and says what was wrong with it."""

from __future__ import annotations

__all__ = ["PolicytextError", "InputError", "DecodeError", "OptionError"]


class PolicytextError(Exception):
    """Base class of every error policytext raises on purpose."""


class InputError(PolicytextError):
    """An input that cannot be analyzed: missing, a directory, binary, empty, too large."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class DecodeError(InputError):
    """Bytes that are not text in any supported encoding."""


class OptionError(PolicytextError, ValueError):
    """An option value outside the allowed set; the message lists the allowed values."""

    def __init__(self, name: str, value: object, allowed: object) -> None:
        self.name = name
        self.value = value
        self.allowed = allowed
        super().__init__(f"{name}={value!r} is not allowed; choose one of {allowed}")

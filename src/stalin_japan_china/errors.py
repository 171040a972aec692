"""The package's errors: one base class, so callers can catch everything we raise on purpose.

Each error also subclasses the built-in it replaces (``ValueError``, ``LookupError``,
``RuntimeError``), so code written against 0.2.0 keeps catching what it caught. Anything
else escaping a public function is a bug, and the fuzz tests treat it as one.
"""

from __future__ import annotations


class Error(Exception):
    """Base of every error the package raises deliberately."""

    def __str__(self) -> str:  # LookupError subclasses would quote the message like a key
        return str(self.args[0]) if self.args else ""


class InvalidValueError(Error, ValueError):
    """An argument of the wrong type, outside its vocabulary or of the wrong form."""


class NotFoundError(Error, LookupError):
    """No record has this id or name; ``suggestions`` holds the closest ones."""

    def __init__(self, what: str, value: str = "", suggestions: list[str] | None = None):
        # One argument is a complete message (a withdrawn id says why it was withdrawn).
        self.value, self.suggestions = value, list(suggestions or [])
        if not value and suggestions is None:
            super().__init__(what)
            return
        hint = f"; closest: {', '.join(self.suggestions)}" if self.suggestions else ""
        super().__init__(f"no {what} matches {value!r}{hint}")


class AmbiguousNameError(Error, LookupError):
    """A name fits several actors; ``candidates`` lists their ids to choose from."""

    def __init__(self, value: str, candidates: list[str]):
        self.value, self.candidates = value, candidates
        super().__init__(
            f"{value!r} fits {len(candidates)} actors: {', '.join(candidates)}; "
            "pass one of these ids instead"
        )


class DataFileError(Error, RuntimeError):
    """A shipped data file is missing, unreadable or not what it claims: a damaged install."""


__all__ = ["AmbiguousNameError", "DataFileError", "Error", "InvalidValueError", "NotFoundError"]

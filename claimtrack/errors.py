"""Errors the library raises for the user to see.

The library raises these; only the CLI turns them into ``Error: …`` on stderr and an
exit status (the sqlite-utils split). Anything else escaping is a bug and keeps its
traceback.
"""

from __future__ import annotations


class ClaimtrackError(Exception):
    """An error whose message is meant for the user and says what to do."""


class InputError(ClaimtrackError):
    """Bad input: names the file and, where known, the line."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class NotFoundError(ClaimtrackError):
    """A claim, statement or article that does not exist."""


class SchemaError(ClaimtrackError):
    """The database was made by a newer claimtrack, or is not a claimtrack database."""

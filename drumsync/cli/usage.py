"""A bad command-line argument, as the commands raise it and the CLI reports it."""

from __future__ import annotations

#: The exit code of a usage error.
EXIT_USAGE = 2


class UsageError(Exception):
    """A bad command-line argument; reported as one line, exit code 2."""


__all__ = ["EXIT_USAGE", "UsageError"]

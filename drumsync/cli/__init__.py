"""Command line: ``drumsync COMMAND ...``. ``main(argv)`` returns the exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from ..core.errors import DrumSyncError
from .parser import build_parser
from .usage import EXIT_USAGE, UsageError


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.command is None:
        from .commands import launch_game

        handler = launch_game
    else:
        handler = args.handler
    try:
        _tidy_user_folders()
        return int(handler(args) or 0)
    except BrokenPipeError:  # ``drumsync scores | head -1``: the reader has what it wanted
        _silence_stdout()
        return 0
    except (UsageError, DrumSyncError, ValueError) as exc:
        _fail(args, str(exc))
    except OSError as exc:
        where = f": {exc.filename}" if getattr(exc, "filename", None) else ""
        _fail(args, f"{exc.strerror or exc}{where}")
    except KeyboardInterrupt:
        return 130
    return EXIT_USAGE


def _tidy_user_folders() -> None:
    """Remove what a killed save left behind (``.<name>.<pid>-<random>.tmp`` files)."""
    from ..storage.paths import remove_leftover_temps

    remove_leftover_temps()


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's final flush does not fail on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _fail(args, message: str) -> None:
    prog = "drumsync" + (f" {args.command}" if getattr(args, "command", None) else "")
    first_line = message.strip().splitlines()[0] if message.strip() else "failed"
    sys.stderr.write(f"{prog}: error: {first_line}\n")


__all__ = ["main"]

"""Command line: ``drumsync COMMAND ...``. ``main(argv)`` returns the exit code."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ..core.errors import DrumSyncError
from .parser import EXIT_USAGE, UsageError, build_parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.command is None:
        from .commands import launch_game

        handler = launch_game
    else:
        handler = args.handler
    try:
        return int(handler(args) or 0)
    except (UsageError, DrumSyncError, ValueError) as exc:
        _fail(args, str(exc))
    except OSError as exc:
        where = f": {exc.filename}" if getattr(exc, "filename", None) else ""
        _fail(args, f"{exc.strerror or exc}{where}")
    except KeyboardInterrupt:
        return 130
    return EXIT_USAGE


def _fail(args, message: str) -> None:
    prog = "drumsync" + (f" {args.command}" if getattr(args, "command", None) else "")
    first_line = message.strip().splitlines()[0] if message.strip() else "failed"
    sys.stderr.write(f"{prog}: error: {first_line}\n")


__all__ = ["main"]

"""The argument parser: every command, and errors that fit on one line."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from .. import __version__
from ..core import kernel
from .usage import EXIT_USAGE


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (no usage dump), exit code 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see {self.prog} --help)\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> OneLineParser:
    from . import commands

    parser = OneLineParser(
        prog="drumsync",
        description=(
            "DrumSync: a two-player rhythm-sync drumming game. With no command, the game opens."
        ),
        epilog="Run 'drumsync COMMAND --help' for a command's options.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"drumsync {__version__} (scoring loops: {kernel.status()})",
    )
    parser.add_argument(
        "--no-sound",
        dest="game_no_sound",
        action="store_true",
        help="with no command: open the game without audio (no music, no drum sounds)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    for command in commands.ALL:
        command.register(sub)
    return parser

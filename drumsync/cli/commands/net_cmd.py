"""``drumsync net host|join``: a duet between two machines, played by bots, headless.

The host (player 1) listens and picks the chart; the joiner (player 2) dials its address.
Both print the same report (``drumsync score`` on the merged replay each saves). Exit 0 when
both sides completed the match and agree, 3 when the link was lost for good (the report then
holds this side's hits and the partner's received until then), 2 for errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..options import (
    SEED,
    add_generator_options,
    add_json_option,
    add_windows_option,
    float_in,
    int_in,
)
from .score_cmd import print_report

EXIT_LINK_LOST = 3
MAX_LIBRARY_FILES = 1000


def _common(p: argparse.ArgumentParser, bot_flag: str, player: str) -> None:
    p.add_argument(
        bot_flag,
        metavar="SPEC",
        required=True,
        help=f"a simulated drummer plays {player} (e.g. steady)",
    )
    p.add_argument("--bot-seed", type=SEED, default=0, help="the bot's random seed (default 0)")
    p.add_argument("--name", metavar="NAME", help="name shown to the other player")
    p.add_argument("--replay-out", metavar="FILE", type=Path, help="also write the replay here")
    add_json_option(p, "the stable report")
    p.add_argument(
        "--silence-s",
        type=float_in(0.5, 60),
        default=3.0,
        help="nothing heard this long: the link counts as dropped (default 3)",
    )
    p.add_argument(
        "--reconnect-s",
        type=float_in(0, 600),
        default=20.0,
        help="how long a dropped link may take to come back (default 20)",
    )


def register(sub) -> None:
    p = sub.add_parser(
        "net",
        help="a duet between two machines (host or join), headless with bots",
        description="Play a duet across the network: one side hosts, the other joins.",
    )
    roles = p.add_subparsers(dest="role", metavar="ROLE", required=True, parser_class=type(p))
    host = roles.add_parser("host", help="wait for the other player and pick the chart")
    host.add_argument("chart", metavar="CHART", nargs="?", help="chart file (or generator options)")
    add_generator_options(host)
    add_windows_option(host, default="standard")
    host.add_argument(
        "--port",
        type=int_in(0, 65535),
        default=None,
        help="port to listen on (default 47474; 0 picks a free one)",
    )
    host.add_argument(
        "--bind",
        default="0.0.0.0",
        help="address to listen on (default 0.0.0.0: every interface; "
        "127.0.0.1 for this machine only)",
    )
    host.add_argument(
        "--wait-s",
        type=float_in(1, 3600),
        default=300.0,
        help="how long to wait for the other player (default 300)",
    )
    _common(host, "--p1-bot", "player 1")
    host.set_defaults(handler=run)
    join = roles.add_parser("join", help="join a host by its address")
    join.add_argument("address", metavar="ADDRESS[:PORT]", help="the host's address")
    join.add_argument(
        "--chart",
        metavar="FILE",
        action="append",
        default=[],
        type=Path,
        help="a chart file the host may pick (repeatable)",
    )
    join.add_argument(
        "--charts", metavar="DIR", type=Path, help="a folder of chart files the host may pick from"
    )
    _common(join, "--p2-bot", "player 2")
    join.set_defaults(handler=run)


def chart_library(files: list[Path], folder: Path | None):
    """Charts this side holds, read lazily; unreadable files are skipped with a warning."""
    from ...core import load_chart
    from ...core.errors import ChartError

    paths = list(files)
    if folder is not None:
        paths += sorted(folder.glob("*.json"))[:MAX_LIBRARY_FILES] if folder.is_dir() else []
    for path in paths:
        try:
            yield load_chart(path)
        except ChartError as error:
            print(f"drumsync net: warning: skipping {path}: {error}", file=sys.stderr)


def _log(text: str) -> None:
    print(f"drumsync net: {text}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    import asyncio

    from ...core.drummers import parse_spec
    from ...game.match.replay_files import file_replay
    from ...net.address import DEFAULT_PORT, AddressError, parse_address
    from ...net.headless import bot_info, host_with_bot, join_with_bot
    from ...net.session import Timeouts
    from ..options import chart_from_args
    from ..usage import UsageError

    hosting = args.role == "host"
    model = parse_spec(args.p1_bot if hosting else args.p2_bot)
    me = bot_info(args.name, model, 0.0)
    timeouts = Timeouts(
        silence_s=args.silence_s,
        reconnect_s=args.reconnect_s,
        wait_for_joiner_s=getattr(args, "wait_s", 300.0),
    )
    if args.name is not None and not (1 <= len(args.name) <= 32 and args.name.isprintable()):
        raise UsageError("--name must be 1..32 printable characters")
    if hosting:
        chart = chart_from_args(args)
        port = DEFAULT_PORT if args.port is None else args.port
        match = host_with_bot(
            chart, args.windows, model, args.bot_seed, me, args.bind, port, timeouts, _log
        )
    else:
        try:
            address, port = parse_address(args.address)
        except AddressError as error:
            raise UsageError(str(error)) from None
        library = lambda: chart_library(args.chart, args.charts)  # noqa: E731
        match = join_with_bot(address, port, library, model, args.bot_seed, me, timeouts, _log)
    result = asyncio.run(match)
    filed = file_replay(result.replay, args.replay_out)
    for path in filed.paths:
        _log(f"replay saved: {path}")
    if filed.problem is not None:
        _log(f"warning: {filed.problem}")
    for note in result.notes:
        _log(f"warning: {note}")
    print_report(result.report, as_json=args.json)
    return 0 if result.complete else EXIT_LINK_LOST

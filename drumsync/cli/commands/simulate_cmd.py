"""``drumsync simulate``: two simulated drummers play a chart; prints their results."""

from __future__ import annotations

from ..options import (
    SEED,
    add_generator_options,
    add_json_option,
    add_song_options,
    add_windows_option,
)
from .score_cmd import print_report


def register(sub) -> None:
    import argparse

    from ...core.drummers import PRESETS, describe

    presets = ", ".join(PRESETS)
    p = sub.add_parser(
        "simulate",
        help="let two simulated drummers play a chart",
        description=(
            "Two simulated drummers play a chart (a file, or one generated from the options). "
            f"SPEC is a preset ({presets}) with optional overrides, "
            "e.g. metronome,mean_ms=30,sd_ms=2."
        ),
        epilog=describe(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "chart", metavar="CHART", nargs="?", help="chart or song file (or generator options)"
    )
    add_generator_options(p)
    add_song_options(p)
    p.add_argument("--p1", metavar="SPEC", default="steady", help="player 1 (default steady)")
    p.add_argument("--p2", metavar="SPEC", default="steady", help="player 2 (default steady)")
    p.add_argument("--bot-seed", type=SEED, default=0, help="drummers' random seed (default 0)")
    add_windows_option(p, default="standard")
    p.add_argument("-o", "--output", metavar="REPLAY", help="write the replay to this file")
    add_json_option(p, "the stable report")
    p.set_defaults(handler=run)


def run(args) -> int:
    from ...core import save_replay, score, simulate
    from ...core.drummers import parse_spec
    from ..options import chart_from_args

    p1, p2 = parse_spec(args.p1), parse_spec(args.p2)
    chart = chart_from_args(args)
    replay = simulate(chart, p1, p2, seed=args.bot_seed, windows=args.windows)
    report = score(chart, replay)
    if args.output:
        save_replay(replay, args.output)
    print_report(report, as_json=args.json)
    return 0

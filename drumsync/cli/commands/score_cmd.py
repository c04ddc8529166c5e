"""``drumsync score``: score a replay against its chart, headless."""

from __future__ import annotations

import json

from ..options import add_json_option, add_song_options, add_windows_option, load_chart_arg


def register(sub) -> None:
    p = sub.add_parser(
        "score",
        help="score a replay headless",
        description="Score a replay against its chart with the same rules the game uses.",
    )
    p.add_argument("chart", metavar="CHART", help="chart file (JSON) or song file")
    add_song_options(p, with_parts=True)
    p.add_argument("replay", metavar="REPLAY", help="replay file (JSON)")
    add_windows_option(p, default=None)
    add_json_option(p, "the stable report")
    p.set_defaults(handler=run)


def run(args) -> int:
    from ...core import load_replay, score

    chart = load_chart_arg(args.chart, args)
    replay = load_replay(args.replay, chart=chart)
    report = score(chart, replay, windows=args.windows)
    print_report(report, as_json=args.json)
    return 0


def print_report(report, as_json: bool) -> None:
    if as_json:
        print(json.dumps(report.to_json(), indent=2, sort_keys=True))
    else:
        print(report.format_text())

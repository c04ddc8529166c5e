"""``drumsync replay``: rescore a saved replay, regenerating its chart from the header."""

from __future__ import annotations

from ...core.errors import ReplayError
from ..options import add_json_option, add_song_options, add_windows_option, load_chart_arg
from ..usage import UsageError


def register(sub) -> None:
    p = sub.add_parser(
        "replay",
        help="rescore a saved replay",
        description=(
            "Rescore a saved replay with the rules the game uses. The chart is regenerated from "
            "the generator arguments in the replay's header (or read from --chart) and must "
            "match the chart the replay was recorded on."
        ),
    )
    p.add_argument("replay", metavar="FILE", help="replay file (JSON)")
    p.add_argument(
        "--chart",
        metavar="CHART",
        help="chart or song file (for a replay of a chart not generated)",
    )
    add_song_options(p, with_parts=True)
    add_windows_option(p, default=None)
    add_json_option(p, "the stable report")
    p.set_defaults(handler=run)


def run(args) -> int:
    from ...core import score
    from ...core.replay import check_replay_chart, loads_replay, read_replay_bytes
    from .score_cmd import print_report

    # Read once: FILE may be a pipe such as /dev/stdin, which cannot be read twice.
    data = read_replay_bytes(args.replay)
    try:
        replay = loads_replay(data)
    except ReplayError as error:
        raise ReplayError(f"{args.replay}: {error}") from None
    if args.chart is not None:
        chart = load_chart_arg(args.chart, args)
    else:
        chart = regenerate_chart(replay.header.generator_args)
    check_replay_chart(replay, chart)  # ReplayError if it was recorded on another chart
    report = score(chart, replay, windows=args.windows)
    print_report(report, as_json=args.json)
    return 0


def regenerate_chart(generator_args: dict | None):
    """The chart a replay names by its generator arguments; a one-line error if it cannot."""
    from ...core import generate_chart
    from ...core.chart import SOURCE_FORMATS

    if not generator_args or generator_args.get("style") in SOURCE_FORMATS:
        raise UsageError("the replay's chart was not generated; give it with --chart CHART")
    try:
        return generate_chart(**generator_args)
    except TypeError as exc:
        raise UsageError(f"the replay's generator arguments are not usable: {exc}") from None

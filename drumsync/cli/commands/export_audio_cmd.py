"""``drumsync export-audio``: render a chart's music and drums to a WAV file."""

from __future__ import annotations

from ...audio.timebase import MAX_RATE, MIN_RATE
from ..options import add_song_options, float_in, load_chart_arg


def register(sub) -> None:
    p = sub.add_parser(
        "export-audio",
        help="render a chart to a WAV file",
        description="Render a chart to a 44.1 kHz 16-bit stereo WAV file.",
    )
    p.add_argument("chart", metavar="CHART", help="chart file (JSON) or song file")
    add_song_options(p)
    p.add_argument("-o", "--output", metavar="WAV", required=True, help="WAV file to write")
    p.add_argument(
        "--parts",
        default="backing,click,drums",
        help="comma-separated parts: backing, click, drums (default all three); band adds "
        "DrumSync's band quietly under a song's own audio",
    )
    p.add_argument(
        "--rate",
        type=float_in(MIN_RATE, MAX_RATE),
        default=1.0,
        help=f"practice tempo {MIN_RATE:g}..{MAX_RATE:g} (default 1)",
    )
    p.set_defaults(handler=run)


def run(args) -> int:
    from ...audio.export import export_audio, parse_parts
    from ..usage import UsageError

    try:
        parts = parse_parts(args.parts)
    except ValueError as exc:
        raise UsageError(f"--parts: {exc}") from None
    chart = load_chart_arg(args.chart, args)
    info = export_audio(chart, args.output, parts=parts, rate=args.rate)
    print(
        f"wrote {args.output}: {info.duration_s:.1f} s, parts {', '.join(info.parts)}, "
        f"rate {info.rate:g}, peak {info.peak:.2f}"
    )
    return 0

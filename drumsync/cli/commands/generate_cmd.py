"""``drumsync generate``: make a chart from a seed, style, tempo and difficulty, or on the
beat of a song file (``--audio FILE``)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..options import add_generator_options, generator_args


def register(sub) -> None:
    p = sub.add_parser(
        "generate",
        help="generate a chart (JSON) from a seed, or for a song file (--audio)",
        description="Generate a chart. Without -o the chart's JSON goes to standard output. "
        "With --audio the chart is made on the beat of your own song (WAV, OGG, MP3, FLAC, "
        "Opus, WavPack, or a MIDI file), which is then its music.",
    )
    add_generator_options(p)
    p.add_argument(
        "--audio",
        metavar="FILE",
        help="make the chart for this song: its beats, bars and sections (analysed once, "
        "then cached by the file's content); with --bpm, the tempo you hear guides it",
    )
    p.add_argument("-o", "--output", metavar="CHART", help="write the chart to this file")
    p.set_defaults(handler=run)


def _song_chart(args):
    from ...songmaker import make_song_chart
    from ...songmaker.corrections import MAX_TAP_BPM, MIN_TAP_BPM
    from ...storage.paths import data_dir
    from ..usage import UsageError

    if args.bpm is not None and not MIN_TAP_BPM <= args.bpm <= MAX_TAP_BPM:
        raise UsageError(
            f"--bpm with --audio is the tempo you hear: {MIN_TAP_BPM:g}..{MAX_TAP_BPM:g}"
        )
    chosen = generator_args(args)
    chart_dir = Path(args.output).parent if args.output else None
    made = make_song_chart(
        args.audio,
        chosen["style"],
        chosen["difficulty"],
        chosen["parts"],
        chosen["seed"],
        bars=args.bars,
        hint_bpm=args.bpm,
        data_folder=data_dir(),
        chart_dir=chart_dir,
    )
    if made.notice:
        print(f"warning: {made.notice}", file=sys.stderr)
    a = made.analysis
    if a is not None:
        source = "cached analysis" if made.from_cache else "analysed"
        print(
            f"{source}: {a.bpm:.1f} bpm, {len(a.beat_times_s)} beats, {a.bars} bars, "
            f"{len(a.boundaries)} section changes, confidence {a.confidence:.2f}",
            file=sys.stderr if not args.output else sys.stdout,
        )
    return made.chart


def run(args) -> int:
    from ...core import generate_chart
    from ...core.chart_io import dumps_chart, save_chart

    chart = _song_chart(args) if args.audio else generate_chart(**generator_args(args))
    if args.output:
        save_chart(chart, args.output)
        m = chart.meta
        tempo = f"{m.bpm:g} bpm" + (" (the song's beat)" if args.audio else "")
        print(
            f"wrote {args.output}: {m.title!r}, {m.style} {tempo}, {m.bars} bars, "
            f"{len(chart.parts[0])}+{len(chart.parts[1])} notes, "
            f"difficulty {m.difficulty} (rated {m.rating:.2f})"
        )
    else:
        sys.stdout.write(dumps_chart(chart))
    return 0

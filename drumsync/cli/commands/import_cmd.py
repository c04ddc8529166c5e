"""``drumsync import``: a TJA, osu!, MIDI or Clone Hero song file -> a DrumSync chart file."""

from __future__ import annotations

from pathlib import Path

from ..options import add_song_options


def register(sub) -> None:
    p = sub.add_parser(
        "import",
        help="import a song file (.tja .osu .mid .chart) as a chart",
        description=(
            "Import a TJA, osu!taiko, General MIDI, Rock Band / Clone Hero notes.mid or Clone "
            "Hero .chart file as a DrumSync chart, and print what was imported and what was "
            "dropped. The chart keeps the song's tempo map and names its audio file."
        ),
    )
    p.add_argument("song", metavar="FILE", help="song file to import")
    add_song_options(p, with_parts=True)
    p.add_argument("-o", "--output", metavar="CHART", help="chart file to write (JSON)")
    p.set_defaults(handler=run)


def run(args) -> int:
    from ...core import save_chart
    from ...core.importers import import_song

    chart, report = import_song(
        args.song,
        course=args.course,
        parts=args.parts or "unison",
        with_audio=not args.no_audio,
    )
    for line in report.lines():
        print(line)
    m = chart.meta
    print(
        f"  chart: {m.title!r}, {m.bars} bars, {chart.tempo_text}, {chart.duration_s:.1f} s, "
        f"rating {m.rating:.2f}, parts {m.parts}"
    )
    if args.output:
        save_chart(_relative_audio(chart, Path(args.output)), args.output)
        print(f"wrote {args.output}")
    return 0


def _relative_audio(chart, output: Path):
    """The chart naming its audio relative to the chart file's folder where it lies inside
    it (the pair can move together), else by its absolute path."""
    import dataclasses

    if chart.audio_file is None:
        return chart
    audio = Path(chart.audio_file).resolve()
    folder = output.resolve().parent
    name = str(audio.relative_to(folder)) if audio.is_relative_to(folder) else str(audio)
    return dataclasses.replace(chart, audio_file=name)

"""``python -m drumsync.bench``: print the project's performance figures.

Figures are measured side by side in one run, so ratios are fair on a shared machine.
``--quick`` shrinks every workload (used by the test that keeps this script working).
"""

from __future__ import annotations

import argparse
import sys

from .generation import generation_figures
from .judging import compare_throughput


def _judging(quick: bool) -> None:
    notes = 20_000 if quick else 1_000_000
    f = compare_throughput(notes_per_part=notes)
    print(f"judging: two-player chart, {notes:,} notes per part, {f['hits']:,} hits")
    print(f"  batch scorer  {f['batch_hits_per_s']:>13,.0f} hits/s  ({f['batch_s']:.2f} s)")
    print(f"  live Judge    {f['judge_hits_per_s']:>13,.0f} hits/s  ({f['judge_s']:.2f} s)")
    print(f"  ratio         {f['ratio']:>13.1f}x   identical results: {f['identical']}")


def _scoring(quick: bool) -> None:
    from .plain_ratio import score_vs_plain

    print(
        "scoring: score() (judging, scores, sync, team) vs a plain per-hit judge that only"
        " counts tiers; medians, taking turns"
    )
    for notes in (20_000,) if quick else (20_000, 1_000_000):
        f = score_vs_plain(notes_per_part=notes, repeats=15 if notes < 100_000 else 5)
        print(
            f"  {f['hits']:>9,} hits  plain {_ms(f['plain_s'])}   score(): chart in use"
            f" {_ms(f['score_s'])} ({f['ratio']:4.1f}x), freshly loaded"
            f" {_ms(f['fresh_s'])} ({f['fresh_ratio']:4.1f}x), with the pair analysis read"
            f" {_ms(f['analysed_s'])} ({f['analysed_ratio']:4.1f}x)"
        )
        print(
            f"  {'':>9}       numpy path alone (no compiled loops), chart in use"
            f" {_ms(f['numpy_s'])} ({f['numpy_ratio']:4.1f}x)"
        )
        print(
            f"  {'':>9}       same as live Judge and numpy path: {f['identical']}"
            f"   tier counts agree: {f['counts_agree']}   scorer: {f['scorer']}"
        )


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def _coordination(quick: bool) -> None:
    from .coordination_stages import coordination_stages

    print("coordination: the pair's analysis inside score(), by stage (best of 5)")
    for notes in (20_000,) if quick else (20_000, 1_000_000):
        f = coordination_stages(notes_per_part=notes)
        print(f"  {f['points']:,.0f} shared points, {f['windows']:,.0f} windows")
        for stage, ms in f.items():
            if stage not in ("points", "windows"):
                print(f"    {stage:20s} {ms:9.2f} ms")


def _footprint(quick: bool) -> None:
    from .footprint import idle_figures, peak_memory

    m = peak_memory(bars=16 if quick else 256)
    print(f"memory: {m['bars']} bars at 40 bpm ({m['song_s'] / 60:.1f} min of audio)")
    print(f"  export-audio peak      {m['export_peak_mb']:7.1f} MB")
    print(f"  match music peak       {m['music_peak_mb']:7.1f} MB (song file written, streamed)")
    _song_footprint(quick)
    if quick:
        print("idle: skipped with --quick (runs the game under Xvfb for about 30 s)")
        return
    f = idle_figures()
    if f is None:
        print("idle: skipped (no Xvfb here)")
        return
    print(f"idle: the game under Xvfb, {f['seconds']:.0f} s each, share of one core")
    print(f"  title  {f['title_cpu_percent']:5.1f} %   demo  {f['demo_cpu_percent']:5.1f} %")
    r, h = f["title_resident"], f["holders"]
    print(f"  memory at the title    {f['title_rss_mb']:7.1f} MB resident, of which:")
    print(f"    GL stack (Mesa, loaded by the vsync probe) {r['gl_stack_mb']:6.1f} MB")
    print(f"    other shared libraries                     {r['libraries_mb']:6.1f} MB")
    print(f"    heap and anonymous                         {r['heap_and_anonymous_mb']:6.1f} MB")
    print(
        f"    (interpreter {h['interpreter_mb']:.0f} MB, numpy + pygame "
        f"{h['numpy_pygame_mb']:.0f} MB, drum kit {h['kit_mb']:.1f} MB, title loop "
        f"{h['title_loop_mb']:.1f} MB, canvas-sized surfaces {h['canvas_surfaces_mb']:.0f} MB)"
    )


def _song_footprint(quick: bool) -> None:
    from ..songmaker.make import MAX_SONG_S
    from .song_footprint import song_peaks

    minutes, analysis_minutes = (1, 1) if quick else (60, 20)
    s = song_peaks(minutes, analysis_minutes)
    limit = ", its limit" if analysis_minutes * 60 == MAX_SONG_S else ""
    print(f"memory: an imported song with its own audio file ({minutes} min OGG, 44.1 kHz stereo)")
    for what, label in (
        ("play", "match music"),
        ("practice", "practice at 50 %"),
        ("export", "export-audio"),
        ("analysis", f"beat analysis ({analysis_minutes} min{limit})"),
    ):
        peak = s[f"{what}_peak_mb"]
        figure = f"{peak:7.1f} MB" if peak is not None else f"failed: {s.get(what + '_error')}"
        print(f"  {label:<34} {figure}")


def _generation(quick: bool) -> None:
    rows = generation_figures(bars=40 if quick else 500)
    print(f"generation: {rows[0]['song_s']:.0f} s charts at 200 bpm, difficulty 7")
    for row in rows:
        print(
            f"  {row['style']:<10} {row['generate_s'] * 1000:8.1f} ms  "
            f"{row['x_real_time']:>9,.0f}x real time  ({row['notes']:,} notes)"
        )


def _audio(quick: bool) -> None:
    from ..audio.bench import audio_figures

    f = audio_figures()
    print("audio:")
    for key, value in f.items():
        print(f"  {key:<28} {value}")


def _render(quick: bool) -> None:
    from .render import render_figures

    f = render_figures(frames=120 if quick else 1200)
    print(f"render: play scene, both highways, difficulty 10 at 200 bpm ({f['frames']} frames)")
    print(f"  update+draw   p50 {f['draw_p50_ms']:.2f} ms   p99 {f['draw_p99_ms']:.2f} ms")
    print(f"  scene+flip    p50 {f['scene_p50_ms']:.2f} ms   p99 {f['scene_p99_ms']:.2f} ms")
    print(f"  floor         p50 {f['floor_p50_ms']:.2f} ms   p99 {f['floor_p99_ms']:.2f} ms")
    print(
        f"  ratio         p50 {f['ratio_p50']:.2f}x   p99 {f['ratio_p99']:.2f}x of the floor"
        f"   (video driver: {f['driver']})"
    )


def _beats(quick: bool) -> None:
    from .beats import print_beat_figures

    print_beat_figures(quick)


def _importing(quick: bool) -> None:
    from .importing import import_figures

    minutes = 0.5 if quick else 5.0
    rows = import_figures(minutes=minutes)
    print(f"import: a {minutes:g}-minute song in every format (best of 3; goal < 100 ms)")
    for row in rows:
        print(
            f"  {row['format']:<10} {row['import_s'] * 1000:8.1f} ms  "
            f"({row['notes']:,} notes, {row['song_s']:.0f} s)"
        )


def _library(quick: bool) -> None:
    from .importing import scan_figures

    files = 40 if quick else 1000
    f = scan_figures(files=files)
    print(f"library: first scan of {f['files']:,} song files (2-minute songs, the four formats)")
    print(f"  scan          {f['files_per_s']:>8.0f} files/s  ({f['scan_s']:.2f} s; goal >= 100)")
    per_core = f["files"] / f["cpu_s"] * f["workers"] if f["cpu_s"] > 0 else 0.0
    print(
        f"  cpu           {f['cpu_s']:>8.2f} s   ({f['workers']} workers: {per_core:.0f} files/s "
        "on that many idle cores)"
    )
    print(f"  rescan        {f['rescan_s'] * 1000:>8.1f} ms  (nothing changed)")


SECTIONS = {
    "judging": _judging,
    "scoring": _scoring,
    "coordination": _coordination,
    "generation": _generation,
    "audio": _audio,
    "render": _render,
    "footprint": _footprint,
    "import": _importing,
    "library": _library,
    "beats": _beats,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m drumsync.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small workloads (seconds)")
    parser.add_argument("sections", nargs="*", metavar="SECTION", help=f"{', '.join(SECTIONS)}")
    args = parser.parse_args(argv)
    unknown = [name for name in args.sections if name not in SECTIONS]
    if unknown:
        parser.error(f"unknown section {unknown[0]!r} (choose from {', '.join(SECTIONS)})")
    for name in args.sections or SECTIONS:
        SECTIONS[name](args.quick)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

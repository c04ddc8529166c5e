"""Audio benchmark figures (printed by ``python -m drumsync.audio.bench``).

* kit build time (uncached synthesis of every sound and velocity layer), in ms;
* backing render speed for a 3-minute generated chart, as "x real time" (audio seconds per
  second of rendering), per style, and for the full game mix (backing + count-in + guide);
* output latency implied by the mixer buffer sizes;
* optionally (``--disk``) the song clock against SDL's disk driver (see ``diskcheck``).

Timings are measured, never asserted: they depend on the machine.
"""

from __future__ import annotations

import json
import sys
import time

from ..core.chart import STYLES, Chart
from .backing import render_backing
from .kit import build_kit, get_kit
from .song import render_song
from .timebase import RATE_HZ

SONG_S = 180.0


def _best(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def three_minute_chart(style: str, bpm: float = 120.0, seed: int = 1) -> Chart:
    """A generated chart of about ``SONG_S`` seconds."""
    from ..core.generator import generate_chart

    bars = round(SONG_S / (4 * 60.0 / bpm))
    return generate_chart(seed=seed, style=style, bpm=bpm, difficulty=7, bars=bars)


def bench_kit_build(repeats: int = 5) -> dict:
    seconds = _best(lambda: build_kit(RATE_HZ), repeats)
    return {"kit_build_ms": round(1000 * seconds, 1)}


def bench_backing_render(repeats: int = 3) -> dict:
    get_kit(RATE_HZ)
    out: dict = {}
    for style in STYLES:
        chart = three_minute_chart(style)
        audio_s = chart.duration_s
        seconds = _best(lambda chart=chart: render_backing(chart), repeats)
        out[f"backing_{style}_x_realtime"] = round(audio_s / seconds, 1)
    chart = three_minute_chart("rock")
    seconds = _best(lambda: render_song(chart, ("backing", "count-in", "guide")), repeats)
    out["song_duration_s"] = round(chart.duration_s, 1)
    out["game_mix_x_realtime"] = round(chart.duration_s / seconds, 1)
    slow = _best(lambda: render_backing(chart, rate=0.5), repeats)
    out["backing_rate_0.5_x_realtime"] = round(2 * chart.duration_s / slow, 1)
    return out


def latency_figures() -> dict:
    return {f"mixer_buffer_{frames}_ms": round(1000 * frames / RATE_HZ, 2) for frames in (256, 512)}


def audio_figures(disk: bool = False) -> dict:
    figures = {**bench_kit_build(), **bench_backing_render(), **latency_figures()}
    if disk:
        from .diskcheck import measure

        figures["disk_clock"] = measure(30.0).summary()
    return figures


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    print(json.dumps(audio_figures(disk="--disk" in args), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

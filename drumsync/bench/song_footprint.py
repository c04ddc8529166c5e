"""Peak memory of a long imported song that carries its own audio file, path by path.

A test song is written to a temporary folder: an OGG Vorbis file (44.1 kHz stereo, pygame-ce's
``house_lo`` loop tiled to the length asked for, then encoded a block at a time) and a TJA
chart that names it as its ``WAVE`` and lasts as long. Each path then runs in its own child
process, which reports its own high-water mark (``VmHWM``):

* ``play``: a match's music prepared (song file written for the mixer to stream);
* ``practice``: the same at 50 % (the song time-stretched, pitch kept);
* ``export``: ``export-audio`` of the chart (backing, click, drums);
* ``analysis``: the beat analysis of ``generate --audio`` (a chart made for the audio file).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np

from .footprint import _child

RATE_HZ = 44_100
BPM = 120

_PATH = """
    import sys
    from pathlib import Path
    what, chart_path, out = sys.argv[1:4]
    from drumsync.core.importers import import_song
    chart = import_song(chart_path)[0]
    if what in ("play", "practice"):
        from drumsync.game.match.audio_link import open_song_audio
        audio = open_song_audio(chart, enabled=True, rate=0.5 if what == "practice" else 1.0)
        assert audio.song_buffer is not None, audio.notice
        audio.close()
    elif what == "export":
        from drumsync.audio.export import export_audio
        export_audio(chart, out)
    else:
        from drumsync.songmaker.make import analyse_song
        try:
            analyse_song(Path(chart.audio_file), None)
        except Exception as exc:  # a song over the analysis limit is refused
            print("refused:", str(exc).splitlines()[0], file=sys.stderr)
    with open("/proc/self/status") as status:
        peak_kib = next(int(l.split()[1]) for l in status if l.startswith("VmHWM"))
    print(peak_kib)
"""


def _loop() -> np.ndarray:
    """pygame-ce's ``house_lo`` loop as 44.1 kHz stereo float32 (a little wider than mono)."""
    import pygame
    import soundfile

    path = Path(pygame.__file__).parent / "examples/data/house_lo.wav"
    samples, rate_hz = soundfile.read(path, dtype="float32", always_2d=True)
    mono = samples.mean(axis=1)
    at = np.arange(round(len(mono) * RATE_HZ / rate_hz)) * (rate_hz / RATE_HZ)
    mono = np.interp(at, np.arange(len(mono)), mono).astype(np.float32)
    return np.stack([mono, np.roll(mono, 441) * np.float32(0.8)], axis=1)


def write_long_song(folder: Path, minutes: float) -> Path:
    """A ``minutes``-long OGG and a TJA chart of as many 4/4 bars at 120 bpm naming it."""
    import soundfile

    loop = _loop()
    frames = round(minutes * 60 * RATE_HZ)
    audio = folder / "long.ogg"
    with soundfile.SoundFile(
        audio, "w", RATE_HZ, 2, format="OGG", subtype="VORBIS"
    ) as out:  # one loop at a time: the file is written in bounded memory
        for start in range(0, frames, len(loop)):
            out.write(loop[: frames - start])
    bars = int(minutes * 60 * BPM / 240)
    chart = folder / "long.tja"
    chart.write_text(
        f"TITLE:Long\nBPM:{BPM}\nOFFSET:0\nWAVE:{audio.name}\n#START\n"
        + "1010,\n" * bars
        + "#END\n"
    )
    return chart


def song_peaks(minutes: float, analysis_minutes: float, env: dict | None = None) -> dict:
    """Peak MB per path of a ``minutes``-long song (analysis: ``analysis_minutes``)."""
    out: dict = {"minutes": minutes, "analysis_minutes": analysis_minutes}
    child_env = {"SDL_AUDIODRIVER": "dummy", **(env or {})}
    with tempfile.TemporaryDirectory() as top:
        for what in ("play", "practice", "export", "analysis"):
            length = analysis_minutes if what == "analysis" else minutes
            folder = Path(top) / f"{length:g}"
            if not folder.exists():
                folder.mkdir()
                write_long_song(folder, length)
            child_env["TMPDIR"] = str(folder)
            done = _child(
                _PATH, what, str(folder / "long.tja"), str(folder / "out.wav"), env=child_env
            )
            lines = done.stdout.split()
            out[f"{what}_peak_mb"] = int(lines[-1]) / 1024 if lines else None
            if done.returncode != 0 or not lines:
                out[f"{what}_error"] = (done.stderr.strip().splitlines() or ["?"])[-1]
    return out


__all__ = ["song_peaks", "write_long_song"]

"""``drumsync export-audio``: a chart's parts as a 44.1 kHz 16-bit stereo WAV file.

``export_audio(chart, "song.wav", parts=("backing", "click", "drums"), rate=1.0)``; parts
are any of ``backing`` (the generated band, or a song's own audio), ``band`` (the band quietly
under a song's own audio), ``click`` (count-in and a metronome through the
song), ``count-in`` (the count-in alone), ``drums`` (the chart's notes played by the kit) and
``guide`` (the drums, quietly). ``rate`` (0.5..1.0) renders a slower practice version, pitch
unchanged. The song is rendered and written a block at a time (memory does not grow with
its length) into a temporary file that replaces ``path`` only once complete: a killed export
leaves the previous file whole. Bad parts or rate raise ``AudioExportError`` (a ``ValueError`` and a
``DrumSyncError``, so the command line reports it in one line); an unwritable path raises
``AudioExportError`` too, carrying the ``OSError`` as its cause.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..core.atomic_file import atomic_output
from ..core.chart import Chart
from ..core.errors import DrumSyncError
from .song import PARTS, SongStream, check_parts
from .timebase import RATE_HZ, check_rate
from .wav import MAX_WAV_FRAMES, WavWriter

DEFAULT_PARTS = ("backing", "click", "drums")


class AudioExportError(DrumSyncError, ValueError):
    """Bad parts, bad rate, or a file that cannot be written."""


@dataclass(frozen=True, slots=True)
class ExportInfo:
    path: Path
    parts: tuple[str, ...]
    rate: float
    frames: int
    rate_hz: int
    peak: float  # largest absolute sample, 0..1

    @property
    def duration_s(self) -> float:
        return self.frames / self.rate_hz


def parse_parts(text: str) -> tuple[str, ...]:
    """``"backing,click"`` (commas and/or spaces) to a checked tuple of parts."""
    names = [p for p in text.replace(",", " ").split() if p]
    try:
        return check_parts(names)
    except ValueError as exc:
        raise AudioExportError(str(exc)) from None


def export_audio(
    chart: Chart,
    path: str | Path,
    parts: Iterable[str] | str = DEFAULT_PARTS,
    rate: float = 1.0,
    rate_hz: int = RATE_HZ,
) -> ExportInfo:
    """Render ``parts`` of ``chart`` at practice ``rate`` and write them to ``path``."""
    try:
        chosen = parse_parts(parts) if isinstance(parts, str) else check_parts(parts)
        rate = check_rate(rate)
    except ValueError as exc:
        raise AudioExportError(str(exc)) from None
    stream = SongStream(chart, chosen, rate, rate_hz)
    if stream.frames > MAX_WAV_FRAMES:
        hours = MAX_WAV_FRAMES / rate_hz / 3600
        raise AudioExportError(
            f"the song is too long for a WAV file ({stream.frames / rate_hz / 3600:.1f} h; "
            f"a WAV holds at most {hours:.1f} h at {rate_hz} Hz)"
        )
    target = Path(path)
    peak = 0.0
    try:
        stream.scale()  # one pass to find the peak, before the file is touched
        with atomic_output(target) as out, WavWriter(out, stream.frames, rate_hz) as wav:
            for block in stream.blocks():
                wav.write(block)
                if len(block):
                    peak = max(peak, float(np.max(np.abs(block))))
    except OSError as exc:
        raise AudioExportError(f"cannot write {target}: {exc.strerror or exc}") from exc
    return ExportInfo(target, chosen, rate, stream.frames, rate_hz, peak)


__all__ = [
    "DEFAULT_PARTS",
    "PARTS",
    "AudioExportError",
    "ExportInfo",
    "export_audio",
    "parse_parts",
]

"""``drumsync export-audio``: a chart's parts as a 44.1 kHz 16-bit stereo WAV file.

``export_audio(chart, "song.wav", parts=("backing", "click", "drums"), rate=1.0)``; parts
are any of ``backing`` (the generated band, or a song's own audio), ``band`` (the band quietly
under a song's own audio), ``click`` (count-in and a metronome through the
song), ``count-in`` (the count-in alone), ``drums`` (the chart's notes played by the kit) and
``guide`` (the drums, quietly). ``rate`` (0.5..1.0) renders a slower practice version, pitch
unchanged. Bad parts or rate raise ``AudioExportError`` (a ``ValueError`` and a
``DrumSyncError``, so the command line reports it in one line); an unwritable path raises
``AudioExportError`` too, carrying the ``OSError`` as its cause.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..core.chart import Chart
from ..core.errors import DrumSyncError
from .song import PARTS, check_parts, render_song
from .timebase import RATE_HZ, check_rate
from .wav import write_wav

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
    mix = render_song(chart, chosen, rate, rate_hz)
    target = Path(path)
    try:
        write_wav(target, mix, rate_hz)
    except OSError as exc:
        raise AudioExportError(f"cannot write {target}: {exc.strerror or exc}") from exc
    peak = float(np.max(np.abs(mix))) if len(mix) else 0.0
    return ExportInfo(target, chosen, rate, len(mix), rate_hz, peak)


__all__ = [
    "DEFAULT_PARTS",
    "PARTS",
    "AudioExportError",
    "ExportInfo",
    "export_audio",
    "parse_parts",
]

"""Sound for DrumSync: a synthesized kit, generated backing music and a song clock.

Everything here is pure numpy and deterministic except :mod:`drumsync.audio.mixer` (the
pygame mixer wrapper ``AudioEngine``), which this package's ``__init__`` does not import.

Time conventions (see :mod:`drumsync.audio.timebase`): *song time* is chart time
(``Part.time_s``). A track rendered at practice ``rate`` plays song time ``t`` at audio time
``t / rate``, i.e. at sample ``round(t / rate * rate_hz)``; sample 0 of a track is song time 0.
"""

from .clock import SongClock
from .export import AudioExportError, ExportInfo, export_audio, parse_parts
from .kit import Kit, get_kit
from .onsets import detect_onsets
from .song import PARTS, render_song
from .song_audio import SongAudio
from .timebase import MAX_RATE, MIN_RATE, RATE_HZ

__all__ = [
    "MAX_RATE",
    "MIN_RATE",
    "PARTS",
    "RATE_HZ",
    "AudioExportError",
    "ExportInfo",
    "Kit",
    "SongAudio",
    "SongClock",
    "detect_onsets",
    "export_audio",
    "get_kit",
    "parse_parts",
    "render_song",
]

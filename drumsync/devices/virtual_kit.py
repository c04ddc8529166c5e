"""A recorded performance played in real time, on a virtual clock, through the MIDI path.

The game polls its input about every millisecond (see the input loop); this does the same
on a clock that only moves when told, so a two-minute performance runs in a fraction of a
second and gives the same result every time. Each poll hands the port's new events to the
same :class:`MidiPortReader` and :class:`InputRouter` the game uses, stamped by the device's
own clock (converted by the measured offset), then tells the caller the song has moved on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .midi_port import MidiPortReader
from .pads import RoutedHit
from .recorded_port import RecordedMidiPort
from .router import InputRouter

POLL_INTERVAL_S = 0.001
#: Where the device's clock stood when the song began: any value works (the offset is
#: measured), a non-zero one proves that it is.
DEVICE_CLOCK_AT_START_MS = 7_345.0


class VirtualClock:
    def __init__(self, start_s: float = 1_000.0) -> None:
        self.now_s = start_s

    def now(self) -> float:
        return self.now_s


def play_recording(
    device: str,
    events: Sequence,
    router: InputRouter,
    until_song_s: float,
    on_hit: Callable[[RoutedHit, float], None],
    on_tick: Callable[[float], None],
    poll_interval_s: float = POLL_INTERVAL_S,
) -> None:
    """Play ``events`` (PortMidi events, times in ms from song time 0) as device ``device``.

    ``on_hit(hit, song_time_s)`` gets each drum hit as its poll reads it; ``on_tick(song_s)``
    runs after every poll (the game's judge advances on it). Stops at ``until_song_s``.
    """
    clock = VirtualClock()
    song_start_s = clock.now()
    device_epoch_s = song_start_s - DEVICE_CLOCK_AT_START_MS / 1000.0

    def device_time_ms() -> float:
        return (clock.now() - device_epoch_s) * 1000.0

    shifted = [[data, time_ms + DEVICE_CLOCK_AT_START_MS] for data, time_ms in events]
    port = RecordedMidiPort(shifted, device_time_ms)
    reader = MidiPortReader(device, port, device_time_ms, clock.now, router)
    previous_s = clock.now()
    steps = 0
    while True:
        steps += 1
        clock.now_s = song_start_s + steps * poll_interval_s
        now_s = clock.now()
        song_s = now_s - song_start_s
        for hit in reader.poll(now_s, (previous_s + now_s) / 2.0):
            on_hit(hit, hit.stamp_s - song_start_s)
        previous_s = now_s
        on_tick(song_s)
        if song_s >= until_song_s:
            return

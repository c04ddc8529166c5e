"""A recorded MIDI performance played back as if from a kit: a PortMidi-shaped port.

``drumsync feed-midi`` and the tests use it to drive the real MIDI input path on a virtual
clock. A Standard MIDI File is read with ``mido`` (tempo changes and all); its note-ons become
PortMidi events ``[[status, note, velocity, 0], time_ms]`` on the device's clock, and the port
releases each one once the clock has reached its time, as a kit's driver would.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from ..core.errors import DrumSyncError

#: MIDI channel 10 (index 9): General MIDI percussion, where kits send by default.
DRUM_CHANNEL = 9


class PerformanceError(DrumSyncError):
    """A MIDI file that cannot be read as a performance."""


def performance_events(
    path: str | os.PathLike, channel: int | None = DRUM_CHANNEL, shift_ms: float = 0.0
) -> list:
    """The file's note-ons (on ``channel``, 0-based; None for every channel) as PortMidi
    events, their times in ms from the start of the file plus ``shift_ms``; those that
    would fall before 0 are left out."""
    import mido

    try:
        midi = mido.MidiFile(os.fspath(path))
    except OSError as error:
        raise PerformanceError(f"cannot read {path}: {error.strerror or error}") from None
    except (ValueError, EOFError, KeyError, IndexError, TypeError) as error:
        raise PerformanceError(f"{path} is not a Standard MIDI File ({error})") from None
    if midi.type == 2:
        raise PerformanceError(f"{path} is a type 2 MIDI file (separate songs): not supported")
    events = []
    elapsed_s = 0.0
    try:
        for message in midi:  # merged tracks, delta times in seconds through every set_tempo
            elapsed_s += message.time
            if message.type != "note_on" or message.velocity == 0:
                continue
            if channel is not None and message.channel != channel:
                continue
            time_ms = elapsed_s * 1000.0 + shift_ms
            if time_ms >= 0.0:
                status = 0x90 | message.channel
                events.append([[status, message.note, message.velocity, 0], time_ms])
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise PerformanceError(f"{path}: bad MIDI data ({error})") from None
    return events


class RecordedMidiPort:
    """``poll()``/``read(n)`` like ``pygame.midi.Input``, releasing events by a clock."""

    def __init__(self, events: Sequence, device_time_ms: Callable[[], float]) -> None:
        self._events = sorted(events, key=lambda e: e[1])
        self._next = 0
        self._device_time_ms = device_time_ms

    @property
    def finished(self) -> bool:
        return self._next >= len(self._events)

    def _due(self) -> int:
        now_ms = self._device_time_ms()
        end = self._next
        while end < len(self._events) and self._events[end][1] <= now_ms:
            end += 1
        return end

    def poll(self) -> bool:
        return self._due() > self._next

    def read(self, count: int) -> list:
        end = min(self._due(), self._next + max(0, int(count)))
        chunk = self._events[self._next : end]
        self._next = end
        return chunk

"""MIDI input as it arrives: PortMidi event lists and raw byte streams -> note-ons.

``pygame.midi.Input.read(n)`` returns PortMidi events: ``[[status, data1, data2, data3],
timestamp_ms]``, one complete short message each. A raw stream (a serial MIDI port, a dump of
a USB-MIDI session) is bytes with *running status* (a data byte repeats the last channel
status), real-time bytes (0xF8-0xFF) that may appear anywhere, even inside a message, and
system-exclusive blocks (0xF0 ... 0xF7, ended early by any other status byte) to skip;
system exclusive and system common messages cancel running status. A note-on with
velocity 0 is a note-off (MIDI 1.0 spec; Yamaha modules send them); only note-ons strike.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

NOTE_ON = 0x90
#: Data bytes that follow each channel status high nibble (0x8n..0xEn).
_DATA_BYTES = {0x80: 2, 0x90: 2, 0xA0: 2, 0xB0: 2, 0xC0: 1, 0xD0: 1, 0xE0: 2}
_SYSTEM_COMMON_DATA = {0xF1: 1, 0xF2: 2, 0xF3: 1, 0xF6: 0}


@dataclass(frozen=True, slots=True)
class NoteOn:
    channel: int  # 0..15 (channel 10 is 9)
    note: int
    velocity: int  # 1..127
    time_ms: float  # the device's timestamp


def note_on_of(status: int, data1: int, data2: int, time_ms: float) -> NoteOn | None:
    """The strike a short message means, or None (other messages, note-on velocity 0)."""
    if (status & 0xF0) != NOTE_ON or not 0 < data2 <= 127 or not 0 <= data1 <= 127:
        return None
    return NoteOn(status & 0x0F, data1, data2, time_ms)


def note_ons_from_portmidi(events: Iterable) -> list[NoteOn]:
    """Note-ons from a ``pygame.midi.Input.read`` result; malformed entries are skipped."""
    found = []
    for entry in events:
        try:
            data, time_ms = entry
            status, data1, data2 = int(data[0]), int(data[1]), int(data[2])
            time_ms = float(time_ms)
        except (TypeError, ValueError, IndexError):
            continue
        note = note_on_of(status, data1, data2, time_ms)
        if note is not None:
            found.append(note)
    return found


class MidiByteParser:
    """Incremental parser of a raw MIDI byte stream; feed chunks, get note-ons."""

    def __init__(self) -> None:
        self._running = 0  # running status (0: none)
        self._data: list[int] = []
        self._in_sysex = False
        self._skip = 0  # data bytes of a system common message still to skip

    def feed(self, chunk: bytes, time_ms: float) -> list[NoteOn]:
        return list(self._parse(chunk, time_ms))

    def _parse(self, chunk: bytes, time_ms: float) -> Iterator[NoteOn]:
        for byte in chunk:
            if byte >= 0xF8:  # real-time: a single byte, anywhere
                continue
            if byte >= 0x80:
                self._status(byte)
                continue
            if self._in_sysex:
                continue
            if self._skip:
                self._skip -= 1
                continue
            if not self._running:
                continue  # data with no status: skip until a status byte
            self._data.append(byte)
            if len(self._data) == _DATA_BYTES[self._running & 0xF0]:
                data, self._data = self._data, []
                if len(data) == 2:
                    note = note_on_of(self._running, data[0], data[1], time_ms)
                    if note is not None:
                        yield note

    def _status(self, byte: int) -> None:
        self._data = []
        if byte == 0xF0:
            self._in_sysex, self._running = True, 0
        elif byte == 0xF7:  # end of exclusive: a system common message
            self._in_sysex, self._running = False, 0
        elif byte >= 0xF0:  # system common cancels running status
            self._in_sysex, self._running = False, 0
            self._skip = _SYSTEM_COMMON_DATA.get(byte, 0)
        else:
            self._in_sysex, self._running, self._skip = False, byte, 0

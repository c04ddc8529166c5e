"""MIDI drum kits through pygame-ce's PortMidi binding (``pygame.midi``).

Every MIDI input port is opened and read each poll through :class:`MidiPortReader` (device
timestamps converted by the measured offset). PortMidi lists its devices once, when it
starts, so finding a newly plugged kit means restarting it, which closes the open ports: the
ports are rescanned every couple of seconds only while none is open or one was lost, and
whenever a screen asks (the devices screen does on entry). A machine without a MIDI system
(no ALSA sequencer, no ``/dev/snd``) is a quiet fact: ``reason`` says so, nothing is raised,
and ALSA's own complaints on stderr are kept off the terminal.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from ....audio.quiet_backend import quiet_stderr
from ....devices import InputRouter, RoutedHit
from ....devices.midi_port import MidiPortReader, PortLost
from ....devices.pads import clean_device_name

RESCAN_INTERVAL_S = 2.0
PORT_BUFFER_EVENTS = 256


@dataclass(frozen=True, slots=True)
class MidiInputInfo:
    device_id: int
    name: str


class PortMidiBackend:
    """The real ``pygame.midi``; tests pass an object with the same methods."""

    def __init__(self) -> None:
        import pygame.midi

        self._midi = pygame.midi
        self.errors: tuple[type[BaseException], ...] = (pygame.midi.MidiException,)

    def start(self) -> str:
        """Start PortMidi; the reason it cannot ("" when it did)."""
        try:
            with quiet_stderr():
                self._midi.init()
        except Exception as error:  # PortMidi reports host problems in many ways
            return f"no MIDI system ({error})"
        return ""

    def stop(self) -> None:
        with contextlib.suppress(Exception), quiet_stderr():
            self._midi.quit()

    def inputs(self) -> list[MidiInputInfo]:
        found = []
        for device_id in range(self._midi.get_count()):
            info = self._midi.get_device_info(device_id)
            if info is None:
                continue
            _interface, name, is_input, _is_output, _opened = info
            if is_input:
                found.append(MidiInputInfo(device_id, clean_device_name(name, "MIDI input")))
        return found

    def open(self, device_id: int):
        return self._midi.Input(device_id, PORT_BUFFER_EVENTS)

    def close(self, port) -> None:
        with contextlib.suppress(Exception):
            port.close()

    def time_ms(self) -> float:
        return float(self._midi.time())


class MidiKits:
    """Open MIDI inputs, read each poll; notices lost ones and (by rescanning) new ones."""

    def __init__(self, router: InputRouter, now: Callable[[], float], backend=None) -> None:
        self.router = router
        self._now = now
        self._backend = backend
        self.reason = ""  # why there is no MIDI (a quiet fact, shown on the devices screen)
        self.readers: dict[str, MidiPortReader] = {}
        self._ports: dict[str, object] = {}
        self._started = False
        self._last_scan_s: float | None = None
        self.lost: set[str] = set()
        #: set during a match: rescan (which closes the ports) only to find a lost kit
        self.hold = False

    @property
    def names(self) -> list[str]:
        return list(self.readers)

    def start(self) -> None:
        if self._started:
            return
        if self._backend is None:
            try:
                self._backend = PortMidiBackend()
            except ImportError as error:
                self.reason = f"no MIDI support in this pygame ({error})"
                return
        self.reason = self._backend.start()
        self._started = not self.reason

    def scan(self) -> tuple[list[str], list[str]]:
        """Restart PortMidi and open every input: (names that appeared, names that went)."""
        self._last_scan_s = self._now()
        before = set(self.readers)
        if self._started:
            for port in self._ports.values():
                self._backend.close(port)
            self._backend.stop()
            self._started = False
        self.readers.clear()
        self._ports.clear()
        self.start()
        if not self._started:
            return [], sorted(before)
        for info in self._backend.inputs():
            if info.name in self.readers:
                continue  # two ports of one name: the first one plays
            try:
                port = self._backend.open(info.device_id)
            except (*self._backend.errors, OSError, RuntimeError):
                continue
            self._ports[info.name] = port
            self.router.forget_clock(info.name)  # PortMidi's clock restarted with it
            self.readers[info.name] = MidiPortReader(
                info.name,
                port,
                self._backend.time_ms,
                self._now,
                self.router,
                self._backend.errors,
            )
        after = set(self.readers)
        self.lost -= after
        return sorted(after - before), sorted(before - after)

    def due_for_scan(self, now_s: float) -> bool:
        if self._last_scan_s is None:
            return True
        if (self.readers or self.hold) and not self.lost:
            return False
        return now_s - self._last_scan_s >= RESCAN_INTERVAL_S

    def poll(self, arrived_s: float, fallback_s: float) -> tuple[list[RoutedHit], list[str]]:
        """Hits from every open port, and the names of ports that failed (now closed)."""
        hits: list[RoutedHit] = []
        failed = []
        for name, reader in list(self.readers.items()):
            try:
                hits.extend(reader.poll(arrived_s, fallback_s))
            except PortLost:
                failed.append(name)
                self._backend.close(self._ports.pop(name))
                del self.readers[name]
                self.lost.add(name)
        return hits, failed

    def close(self) -> None:
        if self._started:
            for port in self._ports.values():
                self._backend.close(port)
            self._backend.stop()
        self.readers.clear()
        self._ports.clear()
        self._started = False

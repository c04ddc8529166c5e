"""Reading one open MIDI input port each poll, and keeping its clock measured.

The port is anything shaped like ``pygame.midi.Input`` (``poll()``, ``read(n)``) and
``device_time_ms`` reads the port's clock (``pygame.midi.time``): the game passes the real
ones, ``drumsync feed-midi`` and the tests a recorded performance on a virtual clock. This
module imports neither pygame nor the wall clock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from .pads import RoutedHit
from .router import InputRouter

#: Re-read both clocks this often (s): enough samples to follow drift, few enough to be free.
RESYNC_INTERVAL_S = 0.5
#: Events fetched per ``read`` call (PortMidi's buffer default is 256 events).
READ_CHUNK = 64
#: Bound the work of one poll: a flooding device cannot stall the game.
MAX_READS_PER_POLL = 16


class MidiPort(Protocol):
    def poll(self) -> bool: ...

    def read(self, count: int) -> list[Any]: ...


class PortLost(Exception):
    """The device behind a port stopped answering (unplugged)."""


class MidiPortReader:
    """Pulls a port's events through the router; measures the port's clock as it goes."""

    def __init__(
        self,
        device: str,
        port: MidiPort,
        device_time_ms: Callable[[], float],
        now: Callable[[], float],
        router: InputRouter,
        port_errors: tuple[type[BaseException], ...] = (),
    ) -> None:
        self.device = device
        self.port = port
        self._device_time_ms = device_time_ms
        self._now = now
        self.router = router
        self._errors = (OSError, RuntimeError, *port_errors)
        self._measured_at_s: float | None = None

    def measure(self) -> bool:
        """Read the perf counter, the device clock, the perf counter again."""
        before_s = self._now()
        device_ms = self._device_time_ms()
        after_s = self._now()
        self._measured_at_s = after_s
        return self.router.clock(self.device).measure(before_s, device_ms, after_s)

    def poll(self, arrived_s: float, fallback_s: float) -> list[RoutedHit]:
        """Everything the port has now; ``arrived_s`` is this poll's time and
        ``fallback_s`` the poll midpoint (the stamp when the device's time is unusable).
        Raises :class:`PortLost` when the port fails."""
        hits: list[RoutedHit] = []
        try:
            if self._measured_at_s is None or arrived_s - self._measured_at_s >= RESYNC_INTERVAL_S:
                self.measure()
            for _ in range(MAX_READS_PER_POLL):
                if not self.port.poll():
                    break
                events = self.port.read(READ_CHUNK)
                hits.extend(self.router.midi(self.device, events, arrived_s, fallback_s))
        except self._errors as error:
            raise PortLost(f"{self.device}: {error}") from None
        return hits

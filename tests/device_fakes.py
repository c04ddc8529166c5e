"""Stand-ins for the hardware boundary only: a PortMidi that lists and reads recorded
events, and an SDL opener that reports a device at an index. Everything above them (the
readers, router, events, scenes) is the game's own code."""

from __future__ import annotations

from drumsync.devices import DeviceKind
from drumsync.game.runtime.input.controllers import OpenedDevice
from drumsync.game.runtime.input.midi_ports import MidiInputInfo


class FakeMidiError(Exception):
    pass


class FakePort:
    def __init__(self) -> None:
        self.queue: list = []
        self.broken = False
        self.closed = False

    def poll(self) -> bool:
        if self.broken:
            raise FakeMidiError("Host error")
        return bool(self.queue)

    def read(self, count: int) -> list:
        chunk, self.queue = self.queue[:count], self.queue[count:]
        return chunk


class FakePortMidi:
    """PortMidi with a device clock ``device_ms = (perf_s - epoch_s) * 1000``."""

    errors = (FakeMidiError,)

    def __init__(self, now, names=(), epoch_s: float = 42.0, reason: str = "") -> None:
        self.now = now
        self.epoch_s = epoch_s
        self.names = list(names)
        self.reason = reason
        self.ports: dict[str, FakePort] = {}
        self.starts = 0

    def start(self) -> str:
        self.starts += 1
        return self.reason

    def stop(self) -> None:
        pass

    def inputs(self) -> list[MidiInputInfo]:
        return [MidiInputInfo(i, name) for i, name in enumerate(self.names)]

    def open(self, device_id: int) -> FakePort:
        port = FakePort()
        self.ports[self.names[device_id]] = port
        return port

    def close(self, port: FakePort) -> None:
        port.closed = True

    def time_ms(self) -> float:
        return (self.now() - self.epoch_s) * 1000.0

    def device_ms(self, perf_s: float) -> float:
        return (perf_s - self.epoch_s) * 1000.0


class FakeSdl:
    """``open(index)`` finds what is plugged in at that index."""

    def __init__(self, plugged: dict[int, tuple[int, str, DeviceKind]] | None = None) -> None:
        self.plugged = dict(plugged or {})
        self.closed: list[int] = []

    def open(self, device_index: int) -> OpenedDevice | None:
        found = self.plugged.get(device_index)
        return None if found is None else OpenedDevice(*found)

    def close(self, device: OpenedDevice) -> None:
        self.closed.append(device.instance_id)

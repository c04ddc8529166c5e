"""The input layer's hub for drum kits and controllers: one per run of the game.

It owns the :class:`~drumsync.devices.InputRouter` (profiles by device name, from the
settings), the MIDI ports and the SDL controllers. The main loop calls :meth:`pre_poll`
before each input poll (MIDI ports are read there, stamped by the device's clock) and
:meth:`handle` with each SDL event (controllers, hot-plug); both return the events to hand to
the scenes: ``DRUM_HIT`` with its own stamp, ``DEVICE_LOST`` / ``DEVICE_FOUND``. The keyboard
does not pass through here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ....core.voices import Player
from ....devices import DeviceKind, DeviceProfile, InputRouter
from .controllers import ALL_EVENTS, Controllers
from .device_events import DEVICE_FOUND, DEVICE_LOST, device_event, drum_hit_event
from .midi_ports import MidiKits


@dataclass(frozen=True, slots=True)
class DeviceStatus:
    name: str
    kind: DeviceKind
    present: bool
    player: Player | None


class InputDevices:
    def __init__(
        self,
        profiles: Iterable[DeviceProfile] = (),
        now: Callable[[], float] | None = None,
        midi_backend=None,
        controller_backend=None,
        enabled: bool = True,
    ) -> None:
        self._now = now or (lambda: 0.0)
        self.router = InputRouter(profiles)
        self.midi = MidiKits(self.router, self._now, midi_backend)
        self.controllers = Controllers(self.router, controller_backend)
        self.enabled = enabled
        self._previous_poll_s: float | None = None
        self.started = False

    def start(self) -> None:
        """Open what is there. Without a MIDI system or controllers this is quiet."""
        if not self.enabled or self.started:
            return
        self.started = True
        self.controllers.start()
        self.midi.scan()

    # -- the loop's hooks ---------------------------------------------------------------------
    def pre_poll(self, now_s: float) -> list:
        """MIDI hits and hot-plug news, read just before the loop polls SDL's queue."""
        if not self.started:
            return []
        previous = self._previous_poll_s if self._previous_poll_s is not None else now_s
        self._previous_poll_s = now_s
        events = []
        if self.midi.due_for_scan(now_s):
            added, removed = self.midi.scan()
            events += [device_event(DEVICE_FOUND, name) for name in added]
            events += [device_event(DEVICE_LOST, name) for name in removed]
        hits, failed = self.midi.poll(now_s, (previous + now_s) / 2.0)
        events += [drum_hit_event(hit) for hit in hits]
        events += [device_event(DEVICE_LOST, name, "stopped answering") for name in failed]
        return events

    def handle(self, event, stamp_s: float) -> list | None:
        """Scene events for an SDL event that is ours (controllers, hot-plug), else None."""
        if event.type not in ALL_EVENTS:
            return None
        hits, added, removed = self.controllers.handle(event, stamp_s)
        events = [drum_hit_event(hit) for hit in hits]
        if added:
            events.append(device_event(DEVICE_FOUND, added))
        if removed:
            events.append(device_event(DEVICE_LOST, removed, "unplugged"))
        return events

    def hold_scans(self, hold: bool) -> None:
        """During a match, MIDI is rescanned only to find a lost kit again."""
        self.midi.hold = hold

    def rescan_midi(self) -> None:
        """Look for MIDI devices now (restarts PortMidi: not during a match)."""
        if self.started:
            self.midi.scan()

    # -- what is there ------------------------------------------------------------------------
    def present(self) -> list[str]:
        return [*self.midi.names, *self.controllers.names]

    def statuses(self) -> list[DeviceStatus]:
        """Every device present or remembered, present ones first."""
        present = self.present()
        rows = []
        for name in present:
            profile = self.router.ensure_profile(name, self._kind_of(name))
            rows.append(DeviceStatus(name, profile.kind, True, profile.player))
        for profile in self.router.profiles():
            if profile.name not in present:
                rows.append(DeviceStatus(profile.name, profile.kind, False, profile.player))
        return rows

    def _kind_of(self, name: str) -> DeviceKind:
        if name in self.midi.names:
            return DeviceKind.MIDI
        return self.controllers.kind_of(name) or DeviceKind.JOYSTICK

    def in_use(self, player: Player) -> list[str]:
        """The present devices ``player`` plays on."""
        present = set(self.present())
        return [name for name in self.router.devices_of(player) if name in present]

    def owner(self, device: str) -> Player | None:
        profile = self.router.profile(device)
        return None if profile is None else profile.player

    def set_profile(self, profile: DeviceProfile) -> None:
        self.router.set_profile(profile)

    def use_profiles(self, profiles: Iterable[DeviceProfile]) -> None:
        """Take the saved profiles (after the settings changed); other devices keep theirs."""
        for profile in profiles:
            self.router.set_profile(profile)

    def profiles(self) -> tuple[DeviceProfile, ...]:
        """Profiles worth saving: those someone plays on or has set up."""
        return tuple(
            p for p in self.router.profiles() if p != DeviceProfile.for_device(p.name, p.kind)
        )

    @property
    def midi_note(self) -> str:
        """Why there is no MIDI, or ""; shown as a fact, never as an error."""
        return self.midi.reason

    def close(self) -> None:
        self.midi.close()
        self.controllers.close()
        self.started = False

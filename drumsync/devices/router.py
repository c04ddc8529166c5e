"""The input layer's decisions: every device's strikes become the game's drum hits here.

The game's device readers (and ``drumsync feed-midi``, and the tests) hand in what a device
reported; :class:`InputRouter` maps, filters and stamps it by each device's profile and keeps
a log of recent strikes with what became of each (the input test shows it; the binding screen
takes the last one).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.voices import Player, Voice
from .device_clock import DeviceClock
from .midi_stream import MidiByteParser, NoteOn, note_ons_from_portmidi
from .pad_filter import PadFilter, Verdict
from .pads import DeviceKind, PadHit, RoutedHit, midi_pad
from .profile import DeviceProfile

LOG_SIZE = 64


@dataclass(frozen=True, slots=True)
class StrikeRecord:
    """One strike and its fate, for the input test and the binding screen."""

    hit: PadHit
    label: str
    player: Player | None
    voice: Voice | None
    verdict: Verdict
    interval_ms: float | None


class InputRouter:
    def __init__(self, profiles: Iterable[DeviceProfile] = (), log_size: int = LOG_SIZE) -> None:
        self._profiles: dict[str, DeviceProfile] = {}
        self._clocks: dict[str, DeviceClock] = {}
        self._parsers: dict[str, MidiByteParser] = {}
        self.filter = PadFilter()
        self.log: deque[StrikeRecord] = deque(maxlen=log_size)
        self.strikes = 0
        for profile in profiles:
            self.set_profile(profile)

    # -- profiles -----------------------------------------------------------------------------
    def set_profile(self, profile: DeviceProfile) -> None:
        self._profiles[profile.name] = profile

    def profile(self, device: str) -> DeviceProfile | None:
        return self._profiles.get(device)

    def profiles(self) -> list[DeviceProfile]:
        return list(self._profiles.values())

    def ensure_profile(self, device: str, kind: DeviceKind) -> DeviceProfile:
        """The device's profile, made (not in use by any player) when it is new."""
        profile = self._profiles.get(device)
        if profile is None:
            profile = DeviceProfile.for_device(device, kind)
            self._profiles[device] = profile
        return profile

    def devices_of(self, player: Player) -> list[str]:
        return [p.name for p in self._profiles.values() if p.player is player]

    def forget_clock(self, device: str) -> None:
        """The device's clock restarted (its port was reopened): measure it afresh."""
        self._clocks.pop(device, None)
        self._parsers.pop(device, None)

    def clock(self, device: str) -> DeviceClock:
        clock = self._clocks.get(device)
        if clock is None:
            clock = self._clocks[device] = DeviceClock()
        return clock

    # -- strikes ------------------------------------------------------------------------------
    def strike(self, hit: PadHit) -> RoutedHit | None:
        """Map, screen and stamp one strike; the drum hit it makes, or None."""
        self.strikes += 1
        profile = self._profiles.get(hit.device)
        if profile is None:
            self.log.append(StrikeRecord(hit, hit.pad, None, None, Verdict.NO_PLAYER, None))
            return None
        voice, verdict = profile.voice_for(hit.pad)
        interval_ms = None
        if voice is not None and profile.player is None:
            verdict = Verdict.NO_PLAYER
        elif voice is not None:
            screened = self.filter.screen(
                hit.device,
                voice,
                hit.velocity,
                hit.stamp_s,
                profile.threshold_for(hit.pad),
                profile.debounce_ms,
            )
            verdict, interval_ms = screened.verdict, screened.interval_ms
        label = profile.pad_label(hit.pad)
        self.log.append(StrikeRecord(hit, label, profile.player, voice, verdict, interval_ms))
        if verdict is not Verdict.ACCEPTED or voice is None or profile.player is None:
            return None
        stamp_s = hit.stamp_s - profile.offset_ms / 1000.0
        return RoutedHit(profile.player, voice, hit.velocity, stamp_s, hit.device, hit.pad)

    def midi(
        self, device: str, events: Iterable, arrived_s: float, fallback_s: float
    ) -> list[RoutedHit]:
        """Strikes from a ``pygame.midi.Input.read`` result read at ``arrived_s``;
        ``fallback_s`` (the poll midpoint) stamps them when the device's time is unusable."""
        return self._notes(device, note_ons_from_portmidi(events), arrived_s, fallback_s)

    def midi_bytes(
        self, device: str, chunk: bytes, device_ms: float, arrived_s: float, fallback_s: float
    ) -> list[RoutedHit]:
        """Strikes from a raw MIDI byte stream chunk the device stamped ``device_ms``."""
        parser = self._parsers.get(device)
        if parser is None:
            parser = self._parsers[device] = MidiByteParser()
        return self._notes(device, parser.feed(chunk, device_ms), arrived_s, fallback_s)

    def _notes(
        self, device: str, notes: list[NoteOn], arrived_s: float, fallback_s: float
    ) -> list[RoutedHit]:
        if not notes:
            return []
        self.ensure_profile(device, DeviceKind.MIDI)
        clock = self.clock(device)
        routed = []
        for note in notes:
            stamp_s, own = clock.to_perf(note.time_ms, arrived_s, fallback_s)
            hit = self.strike(PadHit(device, midi_pad(note.note), note.velocity, stamp_s, own))
            if hit is not None:
                routed.append(hit)
        return routed

    def last_strike(self) -> StrikeRecord | None:
        return self.log[-1] if self.log else None

    def strikes_since(self, count: int) -> list[StrikeRecord]:
        """The logged strikes after the first ``count`` ever made (see :attr:`strikes`)."""
        fresh = max(0, self.strikes - count)
        return list(self.log)[-fresh:] if fresh else []

    def reset(self) -> None:
        """Forget debounce state (a new match, a resumed one)."""
        self.filter.reset()

"""One device's settings: whose it is, which preset maps its pads, and how it is filtered.

Profiles are keyed by the device's name (what PortMidi or SDL calls it), so a kit keeps its
bindings, thresholds and latency wherever it is plugged in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from ..core.voices import Player, Voice
from .controller_maps import CONTROLLER_MAPS, controller_map, guess_controller_map
from .kit_pieces import KitPiece, voice_of_piece
from .note_maps import NOTE_MAPS, guess_note_map, note_map
from .pad_filter import (
    DEBOUNCE_RANGE_MS,
    DEFAULT_DEBOUNCE_MS,
    DEFAULT_THRESHOLD,
    THRESHOLD_RANGE,
    Verdict,
)
from .pads import DeviceKind, pad_note

OFFSET_RANGE_MS = (-300.0, 300.0)
MAX_DEVICE_NAME_CHARS = 64


def _frozen(mapping: Mapping | None) -> Mapping:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True, slots=True)
class DeviceProfile:
    """How one device plays: ``player`` None means the device is not used.

    ``bindings`` override the preset: pad id -> voice, or None to silence a pad the preset
    maps. ``thresholds`` are per-pad minimum velocities (``threshold`` for the others).
    ``offset_ms`` is this device's input latency beyond the keyboard's (positive = its
    hits arrive late): it is removed from every stamp before judging.
    """

    name: str
    kind: DeviceKind
    player: Player | None = None
    preset: str = ""
    bindings: Mapping[str, Voice | None] = field(default_factory=dict)
    thresholds: Mapping[str, int] = field(default_factory=dict)
    threshold: int = DEFAULT_THRESHOLD
    debounce_ms: float = DEFAULT_DEBOUNCE_MS
    hihat_pedal: bool = False
    offset_ms: float = 0.0

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not 1 <= len(self.name) <= MAX_DEVICE_NAME_CHARS:
            raise ValueError(f"device name must be 1..{MAX_DEVICE_NAME_CHARS} characters")
        if not isinstance(self.kind, DeviceKind):
            raise ValueError(f"unknown device kind {self.kind!r}")
        preset = self.preset or default_preset(self.name, self.kind)
        known = NOTE_MAPS if self.kind is DeviceKind.MIDI else CONTROLLER_MAPS
        if self.kind is not DeviceKind.KEYBOARD and preset not in known:
            raise ValueError(f"unknown preset {preset!r} (known: {', '.join(known)})")
        object.__setattr__(self, "preset", preset)
        _check_range(self.threshold, THRESHOLD_RANGE, "velocity threshold")
        for pad, value in self.thresholds.items():
            _check_range(value, THRESHOLD_RANGE, f"velocity threshold of {pad}")
        _check_range(self.debounce_ms, DEBOUNCE_RANGE_MS, "debounce window (ms)")
        _check_range(self.offset_ms, OFFSET_RANGE_MS, "latency offset (ms)")
        if not isinstance(self.hihat_pedal, bool):
            raise ValueError("expected true or false")
        object.__setattr__(self, "bindings", _frozen(self.bindings))
        object.__setattr__(self, "thresholds", _frozen(self.thresholds))

    @classmethod
    def for_device(cls, name: str, kind: DeviceKind, player: Player | None = None):
        return cls(name=name[:MAX_DEVICE_NAME_CHARS] or "device", kind=kind, player=player)

    # -- mapping ------------------------------------------------------------------------------
    def piece(self, pad: str) -> KitPiece | None:
        """The kit piece a MIDI pad is in this profile's note map (None for others)."""
        note = pad_note(pad)
        if self.kind is not DeviceKind.MIDI or note is None:
            return None
        return note_map(self.preset).piece(note)

    def voice_for(self, pad: str) -> tuple[Voice | None, Verdict]:
        """The voice ``pad`` plays, or None with the reason (unmapped, pedal off)."""
        if pad in self.bindings:
            voice = self.bindings[pad]
            return voice, Verdict.ACCEPTED if voice is not None else Verdict.UNMAPPED
        if self.kind is DeviceKind.MIDI:
            piece = self.piece(pad)
            if piece is None:
                return None, Verdict.UNMAPPED
            voice = voice_of_piece(piece, self.hihat_pedal)
            return voice, Verdict.ACCEPTED if voice is not None else Verdict.PEDAL_OFF
        if self.kind is DeviceKind.KEYBOARD:
            return None, Verdict.UNMAPPED
        voice = controller_map(self.preset).voice(pad)
        return voice, Verdict.ACCEPTED if voice is not None else Verdict.UNMAPPED

    def threshold_for(self, pad: str) -> int:
        return self.thresholds.get(pad, self.threshold)

    def pads_of(self, voice: Voice) -> list[str]:
        """Every pad that plays ``voice`` in this profile (preset and bindings)."""
        if self.kind is DeviceKind.MIDI:
            candidates = [f"note:{n}" for n in note_map(self.preset).pieces]
        elif self.kind is DeviceKind.KEYBOARD:
            candidates = []
        else:
            candidates = list(controller_map(self.preset).voices)
        candidates += [p for p in self.bindings if p not in candidates]
        return [pad for pad in candidates if self.voice_for(pad)[0] is voice]

    def pad_label(self, pad: str) -> str:
        """``"note 38 (snare head)"``, ``"button a"``: how the input test names a pad."""
        piece = self.piece(pad)
        text = pad.replace(":", " ", 1)
        return f"{text} ({piece.label})" if piece is not None else text

    # -- changes ------------------------------------------------------------------------------
    def with_binding(self, pad: str, voice: Voice | None) -> DeviceProfile:
        """``pad`` plays ``voice``; every other pad that played ``voice`` through an earlier
        binding keeps it (a kit can have several pads per voice)."""
        bindings = dict(self.bindings)
        bindings[pad] = voice
        return replace(self, bindings=bindings)

    def with_only_pad_for(self, voice: Voice, pad: str) -> DeviceProfile:
        """``pad`` plays ``voice`` and no other pad does: what "hit the pad for ..." sets."""
        bindings = {p: v for p, v in self.bindings.items() if v is not voice}
        for other in self.pads_of(voice):
            if other != pad:
                bindings[other] = None
        bindings[pad] = voice
        return replace(self, bindings=bindings)

    def with_changes(self, **changes) -> DeviceProfile:
        return replace(self, **changes)


def device_offset_from(
    measured_ms: float, device_offset_ms: float, player_offset_ms: float
) -> float:
    """A device's latency offset from a calibration (or a match) played on it.

    The device's hits reached the measurement with its current offset already taken off, so
    ``measured_ms`` is player + device latency minus ``device_offset_ms``; the player's own
    offset (measured on the keyboard) stays, and the device takes the rest. Clamped to the
    allowed range."""
    low, high = OFFSET_RANGE_MS
    return round(min(high, max(low, measured_ms + device_offset_ms - player_offset_ms)), 1)


def default_preset(name: str, kind: DeviceKind) -> str:
    if kind is DeviceKind.MIDI:
        return guess_note_map(name)
    if kind is DeviceKind.KEYBOARD:
        return "keyboard"
    return guess_controller_map(name, mapped=kind is DeviceKind.CONTROLLER)


def _check_range(value: object, bounds: tuple, what: str) -> None:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} must be a number, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{what} {value!r} is outside {low:g}..{high:g}")

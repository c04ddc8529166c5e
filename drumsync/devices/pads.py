"""The values every device speaks: a pad hit as read, and the drum hit it became."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..core.voices import Player, Voice

MAX_VELOCITY = 127
#: Device names are settings keys and replay sources: printable, at most this long.
MAX_DEVICE_NAME_CHARS = 56


def clean_device_name(name: object, fallback: str = "device") -> str:
    """A device's name as the game keeps it: printable characters only, trimmed, at most
    :data:`MAX_DEVICE_NAME_CHARS` long (room for a " #2" when two share a name)."""
    text = name.decode("utf-8", "replace") if isinstance(name, bytes) else str(name)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = " ".join(text.split())[:MAX_DEVICE_NAME_CHARS].strip()
    return text or fallback


class DeviceKind(Enum):
    """What kind of input a device is; decides which presets apply to it."""

    KEYBOARD = "keyboard"
    MIDI = "midi"
    CONTROLLER = "controller"  # an SDL game controller: named buttons and axes
    JOYSTICK = "joystick"  # a joystick SDL has no mapping for: numbered buttons, hats, axes

    @property
    def label(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class PadHit:
    """One strike as the device reported it.

    ``pad`` names the pad in the device's own terms: ``"note:38"`` (MIDI), ``"button:a"``,
    ``"axis:lefttrigger"`` (game controller), ``"button:3"``, ``"hat:0:left"``,
    ``"axis:2:+"`` (raw joystick). ``velocity`` is 1..127 (buttons strike at 127).
    ``stamp_s`` is on the ``time.perf_counter`` scale; ``from_device_clock`` says whether it
    came from the device's own timestamp rather than the input loop's poll midpoint.
    """

    device: str
    pad: str
    velocity: int
    stamp_s: float
    from_device_clock: bool = False


@dataclass(frozen=True, slots=True)
class RoutedHit:
    """A pad hit that passed mapping, threshold and debounce: a drum hit for the game."""

    player: Player
    voice: Voice
    velocity: int
    stamp_s: float
    device: str
    pad: str


def midi_pad(note: int) -> str:
    return f"note:{int(note)}"


def pad_note(pad: str) -> int | None:
    """The MIDI note of a ``"note:N"`` pad id, else None."""
    kind, _, rest = pad.partition(":")
    if kind != "note" or not rest.isdigit():
        return None
    return int(rest)

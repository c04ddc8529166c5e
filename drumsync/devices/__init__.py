"""Drum kits, gamepads and taiko controllers as sources of DrumSync hits: the pure part.

Everything here is plain Python (stdlib only, no pygame, no wall clock), so it runs headless
and in tests exactly as in the game. The game's input layer reads the devices (``pygame.midi``,
SDL game controllers and joysticks) and hands what it read to :class:`InputRouter`:

    device event (MIDI note-on, button, hat, axis)
        -> PadHit (device, pad id, velocity 1..127, perf-counter stamp)
        -> DeviceProfile: pad id -> Voice (a note-map / controller preset plus the player's own
           bindings), per-pad velocity threshold, hi-hat pedal on/off
        -> PadFilter: debounce of double triggers
        -> RoutedHit (player, voice, velocity, stamp_s, device)

Device timestamps (PortMidi's millisecond clock) become perf-counter time through a
:class:`DeviceClock`, an offset measured by reading both clocks together.
"""

from .device_clock import DeviceClock
from .kit_pieces import KitPiece
from .pads import DeviceKind, PadHit, RoutedHit
from .profile import DeviceProfile
from .router import InputRouter

__all__ = [
    "DeviceClock",
    "DeviceKind",
    "DeviceProfile",
    "InputRouter",
    "KitPiece",
    "PadHit",
    "RoutedHit",
]

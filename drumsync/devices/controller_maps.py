"""Gamepads, taiko drums and Rock Band kits: which pad (button, hat, axis) plays which voice.

Pad ids use SDL's game-controller names (``SDL_GameControllerGetStringForButton``), so a
binding means the same button on any controller SDL has a mapping for: ``button:a``,
``button:leftshoulder``, ``button:dpleft``, ``axis:lefttrigger``. A joystick SDL cannot map
gets numbered pads instead: ``button:3``, ``hat:0:left``, ``axis:2:+``.

Presets (each also reachable and changeable on the binding screen):

- ``gamepad``: the two hands mirror the keyboard lanes: left hand (d-pad / left shoulder and
  trigger) crash, snare, hi-hat, right hand (face buttons / right shoulder and trigger) the
  rest, kick on A and the right trigger.
- ``taiko``: taiko drum controllers present their four zones (left rim, left face, right
  face, right rim) as buttons; this preset takes the rims as the shoulder buttons and the
  faces as the d-pad (left) and the face buttons (right): left rim crash, left face snare,
  right face kick, right rim hi-hat.
- ``rock-band``: Rock Band drum kits show their pads as the face buttons in their colours:
  red (B) snare, yellow (Y) hi-hat, blue (X) hi-hat (ride), green (A) crash, and the kick
  pedal as the left shoulder.

Controllers differ: the input test shows what each pad sends, and the binding screen fixes
any pad a preset gets wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..core.voices import Voice
from .presets import named_preset

#: SDL_GameControllerButton, in enum order (SDL 2.0.14+).
SDL_BUTTON_NAMES = (
    "a",
    "b",
    "x",
    "y",
    "back",
    "guide",
    "start",
    "leftstick",
    "rightstick",
    "leftshoulder",
    "rightshoulder",
    "dpup",
    "dpdown",
    "dpleft",
    "dpright",
    "misc1",
    "paddle1",
    "paddle2",
    "paddle3",
    "paddle4",
    "touchpad",
)
#: SDL_GameControllerAxis, in enum order.
SDL_AXIS_NAMES = ("leftx", "lefty", "rightx", "righty", "lefttrigger", "righttrigger")
#: SDL_HAT_* bits of a joystick hat value.
HAT_DIRECTIONS = (("up", 1), ("right", 2), ("down", 4), ("left", 8))

#: An axis counts as struck when it passes this fraction of its range (and released below
#: half of it: the gap is hysteresis against a trigger resting near the line).
AXIS_STRIKE_FRACTION = 0.5


def controller_button_pad(button: int) -> str:
    """Pad id of an SDL game-controller button number."""
    if 0 <= button < len(SDL_BUTTON_NAMES):
        return f"button:{SDL_BUTTON_NAMES[button]}"
    return f"button:{int(button)}"


def controller_axis_pad(axis: int) -> str:
    if 0 <= axis < len(SDL_AXIS_NAMES):
        return f"axis:{SDL_AXIS_NAMES[axis]}"
    return f"axis:{int(axis)}"


def joystick_button_pad(button: int) -> str:
    return f"button:{int(button)}"


def joystick_hat_pads(hat: int, value: tuple[int, int]) -> tuple[str, ...]:
    """Pad ids of the directions a hat value presses (pygame's ``(x, y)``, y up = +1)."""
    x, y = value
    pressed = []
    if y > 0:
        pressed.append("up")
    if x > 0:
        pressed.append("right")
    if y < 0:
        pressed.append("down")
    if x < 0:
        pressed.append("left")
    return tuple(f"hat:{int(hat)}:{direction}" for direction in pressed)


def joystick_axis_pad(axis: int, value: float) -> str:
    return f"axis:{int(axis)}:{'+' if value >= 0 else '-'}"


@dataclass(frozen=True, slots=True)
class ControllerMap:
    name: str
    label: str
    voices: Mapping[str, Voice]

    def voice(self, pad: str) -> Voice | None:
        return self.voices.get(pad)


def _map(name: str, label: str, voices: dict[str, Voice]) -> ControllerMap:
    return ControllerMap(name, label, MappingProxyType(dict(voices)))


V = Voice
GAMEPAD = _map(
    "gamepad",
    "Gamepad",
    {
        "button:dpleft": V.CRASH,
        "button:dpdown": V.SNARE,
        "button:dpright": V.HIHAT,
        "button:dpup": V.HIHAT,
        "button:leftshoulder": V.HIHAT,
        "axis:lefttrigger": V.CRASH,
        "button:x": V.SNARE,
        "button:y": V.HIHAT,
        "button:b": V.CRASH,
        "button:a": V.KICK,
        "button:rightshoulder": V.SNARE,
        "axis:righttrigger": V.KICK,
    },
)
TAIKO = _map(
    "taiko",
    "Taiko drum",
    {
        "button:leftshoulder": V.CRASH,
        "button:dpright": V.SNARE,
        "button:dpdown": V.SNARE,
        "button:b": V.KICK,
        "button:a": V.KICK,
        "button:rightshoulder": V.HIHAT,
    },
)
ROCK_BAND = _map(
    "rock-band",
    "Rock Band drums",
    {
        "button:b": V.SNARE,
        "button:y": V.HIHAT,
        "button:x": V.HIHAT,
        "button:a": V.CRASH,
        "button:leftshoulder": V.KICK,
    },
)
#: A joystick without an SDL mapping: buttons 0-3 as the four voices, the first hat as pads.
JOYSTICK = _map(
    "joystick",
    "Joystick (unmapped)",
    {
        "button:0": V.KICK,
        "button:1": V.SNARE,
        "button:2": V.HIHAT,
        "button:3": V.CRASH,
        "hat:0:left": V.CRASH,
        "hat:0:down": V.SNARE,
        "hat:0:right": V.HIHAT,
        "hat:0:up": V.KICK,
    },
)

CONTROLLER_MAPS: dict[str, ControllerMap] = {
    m.name: m for m in (GAMEPAD, TAIKO, ROCK_BAND, JOYSTICK)
}


def controller_map(name: str) -> ControllerMap:
    return named_preset(CONTROLLER_MAPS, name, "controller map")


def guess_controller_map(device_name: str, mapped: bool) -> str:
    """The preset a controller's name suggests; ``mapped`` is False for raw joysticks."""
    lowered = device_name.lower()
    if "taiko" in lowered or "太鼓" in device_name:
        return TAIKO.name
    if "drum" in lowered or "rock band" in lowered:
        return ROCK_BAND.name
    return GAMEPAD.name if mapped else JOYSTICK.name

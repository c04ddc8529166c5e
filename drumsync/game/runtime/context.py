"""What every scene may use: options, clock, caches, key map, devices, hooks into the input
loop."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .input.devices import InputDevices
from .input.keyboard import KeyMap
from .loop import Timer
from .options import GameOptions
from .sprites import NoteSprites
from .text import TextCache


@dataclass
class GameContext:
    options: GameOptions
    timer: Timer
    text: TextCache
    sprites: NoteSprites
    keymap: KeyMap
    #: Called with the perf-counter time just before each input poll (bots post keys here).
    pre_poll: list[Callable[[float], None]] = field(default_factory=list)
    #: Ends the main loop.
    quit: Callable[[], None] = lambda: None
    #: Switches between windowed and fullscreen (F11 does it too).
    toggle_fullscreen: Callable[[], None] = lambda: None
    #: Drum kits and controllers (the keyboard is ``keymap``).
    devices: InputDevices = field(default_factory=lambda: InputDevices(enabled=False))
    #: When the frame begun at a given time will be shown (the loop's prediction; scenes
    #: draw moving things for that time).
    present_at: Callable[[float], float] = lambda now_s: now_s
    #: Whether the window is fullscreen now (None when unknown, e.g. no window).
    is_fullscreen: Callable[[], bool | None] = lambda: None

"""Settings (drum keys, offsets, windows, speed, volumes) and the key test."""

from .key_test import KeyTestScene
from .scene import SettingsScene

__all__ = ["KeyTestScene", "SettingsScene"]

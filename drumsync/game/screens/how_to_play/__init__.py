"""The how-to-play card: each player's keys on the keyboard, and how to hit together."""

from .scene import HowToPlayScene

__all__ = ["HowToPlayScene"]

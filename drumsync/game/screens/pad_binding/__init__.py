""" "Hit the pad for ...": binding a kit's or controller's pads, drum by drum."""

from .scene import PadBindingScene

__all__ = ["PadBindingScene"]

"""Kits and controllers: each device's player, pad map, threshold, double triggers, latency."""

from .scene import DevicesScene

__all__ = ["DevicesScene"]

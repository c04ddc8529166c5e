"""The calibration screen: one player taps along to a beat to measure their offset."""

from .scene import CalibrationScene

__all__ = ["CalibrationScene"]

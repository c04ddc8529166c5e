"""The calibration screen: one player taps along to a beat to measure their offset."""

from .scene import CalibrationScene, open_calibration

__all__ = ["CalibrationScene", "open_calibration"]

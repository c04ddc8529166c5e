"""Exceptions the core raises for bad input. Each carries a one-line message for users."""


class DrumSyncError(Exception):
    """Base class: anything the command line reports as a one-line error."""


class ChartError(DrumSyncError):
    """A chart file or chart request is malformed."""


class ReplayError(DrumSyncError):
    """A replay file is malformed, or belongs to another chart."""


class CaptionError(DrumSyncError):
    """The article in ``seeds/`` is missing, empty or unreadable."""


class SpecError(DrumSyncError):
    """A simulated-drummer spec such as ``metronome,mean_ms=30`` is malformed."""

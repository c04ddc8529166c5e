"""Replays: a header naming the chart and settings, plus the time-ordered input events.

- :mod:`.model`: :class:`Replay` and :class:`ReplayHeader` (valid by construction),
  :func:`replay_for`, :func:`check_replay_chart`, :func:`devices_used`;
- :mod:`.file_format`: the JSON file (its layout is described there), written and read back;
- :mod:`.fields`: the limits, and the check of each header field and event.

The names below are the replay's public surface, importable from ``drumsync.core.replay``.
"""

from .fields import FORMAT_VERSION, MAX_EVENTS, MAX_OFFSET_MS
from .file_format import (
    FORMAT,
    MAX_FILE_BYTES,
    dumps_replay,
    load_replay,
    loads_replay,
    read_replay_bytes,
    save_new_replay,
    save_replay,
)
from .model import Replay, ReplayHeader, check_replay_chart, devices_used, replay_for

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_EVENTS",
    "MAX_FILE_BYTES",
    "MAX_OFFSET_MS",
    "Replay",
    "ReplayHeader",
    "check_replay_chart",
    "devices_used",
    "dumps_replay",
    "load_replay",
    "loads_replay",
    "read_replay_bytes",
    "replay_for",
    "save_new_replay",
    "save_replay",
]

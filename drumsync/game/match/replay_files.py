"""Filing finished matches: each replay goes to the user data directory (and ``--replay-out``).

The directory comes from :func:`drumsync.storage.paths.replays_dir` (``DRUMSYNC_DATA_DIR``
overrides it).
"""

from __future__ import annotations

import time
from pathlib import Path

from ...core.replay import Replay, save_replay
from ...storage.paths import replays_dir


def replay_file_name(replay: Replay, when: float | None = None) -> str:
    """``20250101-120000-<first 10 hex of the chart hash>.json`` (local time)."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(time.time() if when is None else when))
    return f"{stamp}-{replay.header.chart_hash[:10]}.json"


def file_replay(replay: Replay, extra_path: Path | None = None, keep: bool = True) -> list[Path]:
    """Write the replay to the replays directory (when ``keep``) and to ``extra_path``."""
    written: list[Path] = []
    if keep:
        folder = replays_dir()
        folder.mkdir(parents=True, exist_ok=True)
        name = replay_file_name(replay)
        path = folder / name
        counter = 1
        while path.exists():
            path = folder / f"{Path(name).stem}-{counter}.json"
            counter += 1
        save_replay(replay, path)
        written.append(path)
    if extra_path is not None:
        extra_path.parent.mkdir(parents=True, exist_ok=True)
        save_replay(replay, extra_path)
        written.append(extra_path)
    return written

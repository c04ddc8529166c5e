"""Filing finished matches: each replay goes to the user data directory (and ``--replay-out``).

The directory comes from :func:`drumsync.storage.paths.replays_dir` (``DRUMSYNC_DATA_DIR``
overrides it).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ...core.errors import ReplayError
from ...core.replay import Replay, save_new_replay, save_replay
from ...storage.paths import replays_dir


def replay_file_name(replay: Replay, when: float | None = None) -> str:
    """``20250101-120000-<first 10 hex of the chart hash>.json`` (local time)."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(time.time() if when is None else when))
    return f"{stamp}-{replay.header.chart_hash[:10]}.json"


@dataclass(frozen=True, slots=True)
class FiledReplay:
    """Where a finished match's replay went, and why a copy could not be written (if so)."""

    paths: tuple[Path, ...] = ()
    problem: str | None = None  # "replay not saved: <reason>", one line for the player


def file_replay(replay: Replay, extra_path: Path | None = None, keep: bool = True) -> FiledReplay:
    """Write the replay to the replays directory (when ``keep``) and to ``extra_path``.

    Never raises for a storage problem (a read-only folder, a full disk): the match is
    not lost for it; the problem comes back as one line to show.
    """
    written: list[Path] = []
    problems: list[str] = []
    if keep:
        folder = replays_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            stem = Path(replay_file_name(replay)).stem
            written.append(save_new_replay(replay, folder, stem))
        except ReplayError as error:
            problems.append(str(error))
        except OSError as error:
            problems.append(f"cannot make {folder}: {error.strerror or error}")
    if extra_path is not None:
        try:
            save_replay(replay, extra_path)
            written.append(extra_path)
        except ReplayError as error:
            problems.append(str(error))
    problem = f"replay not saved: {'; '.join(problems)}" if problems else None
    return FiledReplay(tuple(written), problem)

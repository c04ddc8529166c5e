"""``drumsync play`` files what it played, like the menus do: a scores row and the replay.

The replay itself is written by the match (into the replays folder, and to ``--replay-out``);
this adds the scores row pointing at it. A storage problem never loses the report: it is one
warning line on stderr.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def check_replay_out(path: Path | None) -> None:
    """UsageError now, before the match, if ``--replay-out`` could not be written afterwards."""
    from .usage import UsageError

    if path is None:
        return
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"--replay-out: folder {folder} does not exist")
    if path.is_dir():
        raise UsageError(f"--replay-out: {path} is a folder, not a file")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"--replay-out: folder {folder} is not writable")


def file_played_match(result, mode: str) -> int | None:
    """Record the finished match of ``result`` (a GameResult); the row id, or None if not."""
    from ..storage.scores_db import MatchRecord, ScoresDB, ScoresError

    outcome = result.outcome
    header = outcome.replay.header
    record = MatchRecord.from_report(
        outcome.report,
        mode=mode,
        chart_hash=header.chart_hash,
        names=tuple(header.players),
        generator_args=outcome.chart.meta.generator_args(),
        replay_path=result.replay_paths[0] if result.replay_paths else None,
    )
    try:
        with ScoresDB() as db:
            record_id = db.record_match(record)
            warnings = list(db.warnings)
    except ScoresError as error:
        _warn(f"this match was not saved: {error}")
        return None
    for warning in warnings:
        _warn(warning)
    return record_id


def _warn(line: str) -> None:
    sys.stderr.write(f"drumsync play: warning: {line}\n")

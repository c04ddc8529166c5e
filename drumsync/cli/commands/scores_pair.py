"""``drumsync scores --pair NAME_A NAME_B``: the pair's matches newest first, with sync and
strategy told from NAME_A's side, and the one-line summary the Scores screen's pair view
shows."""

from __future__ import annotations

import json
import sys

from ..usage import UsageError


def run_pair(args) -> int:
    from ...core.pair_words import headline, history_line
    from ...storage import paths
    from ...storage.record_titles import record_title
    from ...storage.scores_db import PlayerResult, ScoresDB

    try:
        names = tuple(PlayerResult(name).name for name in args.pair)
    except ValueError as error:
        raise UsageError(f"--pair: {error}") from None
    path = paths.scores_path()
    history = []
    if path.exists():
        with ScoresDB(path) as db:
            history = db.pair_history(*names, limit=args.limit)
            for warning in db.warnings:
                sys.stderr.write(f"drumsync scores: warning: {warning}\n")
    oldest_first = history[::-1]
    line = history_line(
        names, [m.sync_percent for m in oldest_first], [m.strategy for m in oldest_first]
    )
    if args.json:
        rows = [
            {
                "id": m.match_id,
                "played_at": m.played_at.isoformat(),
                "mode": m.mode,
                "title": record_title(m.record),
                "sync_percent": m.sync_percent,
                "strategy": m.strategy,
                "strategy_words": headline(m.strategy, names) if m.strategy else None,
                "drift_ms_per_bar": m.drift_ms_per_bar,
            }
            for m in history
        ]
        print(
            json.dumps(
                {"names": list(names), "summary": line, "matches": rows},
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    print(line)
    if history:
        print(format_pair_table(history, names))
    return 0


COLUMNS = ("#", "played (UTC)", "mode", "stage / chart", "sync", "how they played")


def format_pair_table(history, names) -> str:
    from ...core.pair_words import headline
    from ...storage.record_titles import record_title
    from ..tables import plain_table

    rows = [COLUMNS]
    for m in history:
        rows.append(
            (
                str(m.match_id),
                m.played_at.strftime("%Y-%m-%d %H:%M"),
                m.mode,
                record_title(m.record),
                "-" if m.sync_percent is None else f"{m.sync_percent:.1f}%",
                headline(m.strategy, names) if m.strategy else "not recorded",
            )
        )
    return plain_table(rows)

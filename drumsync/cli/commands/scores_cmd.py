"""``drumsync scores``: list recorded matches, newest first; ``--pair A B``: the matches two
players played together, with their sync and strategy (told from A's side)."""

from __future__ import annotations

import json
import sys

from ..options import add_json_option, int_in
from ..tables import plain_table


def register(sub) -> None:
    p = sub.add_parser(
        "scores",
        help="list recorded matches",
        description=(
            "List the matches recorded in the scores database (in the user data directory, "
            "or DRUMSYNC_DATA_DIR), newest first."
        ),
    )
    p.add_argument("--limit", type=int_in(1, 1_000_000), metavar="N", help="show the newest N")
    p.add_argument(
        "--pair",
        nargs=2,
        metavar=("NAME_A", "NAME_B"),
        help="only the matches these two played together (either side), with how they played",
    )
    add_json_option(p, "the list")
    p.set_defaults(handler=run)


def run(args) -> int:
    from ...storage import paths
    from ...storage.scores_db import ScoresDB

    if args.pair is not None:
        from .scores_pair import run_pair

        return run_pair(args)
    path = paths.scores_path()
    if not path.exists():
        records = []
    else:
        with ScoresDB(path) as db:
            records = db.matches(limit=args.limit)
            for warning in db.warnings:  # after reading: skipped rows are reported too
                sys.stderr.write(f"drumsync scores: warning: {warning}\n")
    if args.json:
        from ...storage.record_titles import record_title

        rows = [{**r.to_json(), "title": record_title(r)} for r in records]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif not records:
        print(f"no matches recorded yet ({path})")
    else:
        print(format_table(records))
    return 0


COLUMNS = ("#", "played (UTC)", "mode", "stage / chart", "p1", "p2", "sync", "team")


def format_table(records) -> str:
    """A plain-text table, one match a line."""
    from ...storage.record_titles import record_title

    rows = [COLUMNS]
    for r in records:
        rows.append(
            (
                str(r.id),
                r.played_at.strftime("%Y-%m-%d %H:%M") if r.played_at else "-",
                r.mode,
                record_title(r),
                _player(r.players[0]),
                _player(r.players[1]),
                _percent(r.sync_percent),
                _percent(r.team_percent),
            )
        )
    return plain_table(rows)


def _player(p) -> str:
    parts = [p.name]
    if p.score is not None:
        parts.append(str(p.score))
    if p.accuracy_percent is not None:
        parts.append(f"{p.accuracy_percent:.1f}%")
    if p.grade is not None:
        parts.append(p.grade)
    return " ".join(parts)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"

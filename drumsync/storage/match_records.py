"""A finished match as a value: the players' results and what the pair made of it.

Both records check their fields on construction (names and other text are shown on screen and
printed by ``drumsync scores``, so they must be plain one-line text). :class:`MatchRecord`
knows what "better" means (:meth:`MatchRecord.rank`), as the database orders it.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from ..core.text import unsafe_text_reason
from ..core.voices import PLAYERS

MAX_TEXT_CHARS = 1000


@dataclass(frozen=True, slots=True)
class PlayerResult:
    """One player's result in a match. Fields other than the name are None when unknown
    (matches migrated from the first schema kept only the score)."""

    name: str
    score: int | None = None
    accuracy_percent: float | None = None
    grade: str | None = None
    max_combo: int | None = None
    detail: Mapping | None = None

    def __post_init__(self) -> None:
        _text(self.name, "player name")
        _optional_int(self.score, "score")
        _optional_float(self.accuracy_percent, "accuracy")
        if self.grade is not None:
            _text(self.grade, "grade")
        _optional_int(self.max_combo, "max combo")

    @classmethod
    def from_report(
        cls, name: str, player_json: Mapping, devices: tuple[str, ...] = ()
    ) -> PlayerResult:
        """From one entry of ``MatchReport.to_json()["players"]``; ``devices`` (what the
        player played on: "keyboard", a kit's name) is kept with the detail."""
        detail = dict(player_json)
        if devices:
            detail["devices"] = [str(d) for d in devices]
        return cls(
            name=name,
            score=player_json.get("score"),
            accuracy_percent=player_json.get("accuracy"),
            grade=player_json.get("grade"),
            max_combo=player_json.get("max_combo"),
            detail=detail,
        )

    @property
    def devices(self) -> tuple[str, ...]:
        """The devices the player's hits came from (empty when not recorded)."""
        found = (self.detail or {}).get("devices")
        if not isinstance(found, list):
            return ()
        return tuple(d for d in found if isinstance(d, str))

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "score": self.score,
            "accuracy": self.accuracy_percent,
            "grade": self.grade,
            "max_combo": self.max_combo,
            "devices": list(self.devices),
        }


@dataclass(frozen=True, slots=True)
class MatchRecord:
    """One finished match. ``played_at`` None means "now" (the database's clock) when recorded.

    ``key`` (what best scores group by) is the tour stage id when there is one, else the chart
    hash. ``id`` is set on records read back from the database.
    """

    mode: str
    chart_hash: str
    players: tuple[PlayerResult, PlayerResult]
    sync_percent: float | None = None
    team_percent: float | None = None
    team_score: int | None = None
    stage_id: str | None = None
    generator_args: Mapping | None = None
    played_at: datetime | None = None
    replay_path: str | None = None
    id: int | None = None
    coordination: Mapping | None = None  # the report's sync.coordination (JSON-ready)

    def __post_init__(self) -> None:
        _text(self.mode, "mode")
        _text(self.chart_hash, "chart hash")
        if self.stage_id is not None:
            _text(self.stage_id, "stage id")
        players = tuple(self.players)
        if len(players) != len(PLAYERS) or not all(isinstance(p, PlayerResult) for p in players):
            raise ValueError("a match record needs one PlayerResult per player")
        object.__setattr__(self, "players", players)
        _optional_float(self.sync_percent, "sync percent")
        _optional_float(self.team_percent, "team percent")
        _optional_int(self.team_score, "team score")
        if self.played_at is not None:
            if not isinstance(self.played_at, datetime) or self.played_at.tzinfo is None:
                raise ValueError("played_at must be a datetime with a time zone")
            object.__setattr__(self, "played_at", self.played_at.astimezone(UTC))
        if self.replay_path is not None:
            object.__setattr__(self, "replay_path", _text(os.fspath(self.replay_path), "path"))
        if self.generator_args is not None:
            try:
                json.dumps(dict(self.generator_args))
            except (TypeError, ValueError):
                raise ValueError("generator_args must be a JSON-ready mapping") from None

    @property
    def key(self) -> str:
        return self.stage_id if self.stage_id is not None else self.chart_hash

    @property
    def total_score(self) -> int:
        return sum(p.score or 0 for p in self.players)

    def rank(self) -> tuple[float, float, int]:
        """Sort key of "better" (higher is better), matching the database's ordering."""
        return (
            -math.inf if self.team_percent is None else self.team_percent,
            -math.inf if self.team_score is None else self.team_score,
            self.total_score,
        )

    @classmethod
    def from_report(
        cls,
        report,
        *,
        mode: str,
        chart_hash: str,
        names: tuple[str, str],
        generator_args: Mapping | None = None,
        stage_id: str | None = None,
        replay_path: str | os.PathLike | None = None,
        played_at: datetime | None = None,
        devices: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
    ) -> MatchRecord:
        """From a ``MatchReport`` (or its ``to_json()`` dict) and what the report cannot know."""
        data = report.to_json() if hasattr(report, "to_json") else report
        team = data.get("team") or {}
        return cls(
            mode=mode,
            chart_hash=chart_hash,
            players=tuple(
                PlayerResult.from_report(name, player, used)
                for name, player, used in zip(names, data["players"], devices, strict=True)
            ),
            sync_percent=(data.get("sync") or {}).get("percent"),
            team_percent=team.get("percent"),
            team_score=team.get("score"),
            stage_id=stage_id,
            generator_args=generator_args,
            played_at=played_at,
            replay_path=None if replay_path is None else os.fspath(replay_path),
            coordination=(data.get("sync") or {}).get("coordination"),
        )

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "played_at": None if self.played_at is None else self.played_at.isoformat(),
            "mode": self.mode,
            "key": self.key,
            "stage_id": self.stage_id,
            "chart_hash": self.chart_hash,
            "generator_args": None if self.generator_args is None else dict(self.generator_args),
            "players": [p.to_json() for p in self.players],
            "sync_percent": self.sync_percent,
            "team_percent": self.team_percent,
            "team_score": self.team_score,
            "replay_path": self.replay_path,
            "strategy": self.strategy,
        }

    @property
    def strategy(self) -> str | None:
        """How the pair played together (``mutual``, ``p1_leads``...), None when unknown."""
        return None if self.coordination is None else self.coordination.get("strategy")


def _text(value: object, what: str) -> str:
    if not isinstance(value, str) or not value or len(value) > MAX_TEXT_CHARS:
        raise ValueError(f"{what} must be non-empty text of at most {MAX_TEXT_CHARS} characters")
    problem = unsafe_text_reason(value)  # it is shown on screen and printed by `scores`
    if problem is not None:
        raise ValueError(f"{what} {problem}")
    return value


def _optional_int(value: object, what: str) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValueError(f"{what} must be a whole number or None, got {value!r}")


def _optional_float(value: object, what: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number or None, got {value!r}")

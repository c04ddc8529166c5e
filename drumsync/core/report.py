"""The match report: both players' scores, the sync report and the team score, as a stable JSON
object and as a short text summary for the command line."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from .batch import judge_batch
from .chart import Chart
from .events import EventArrays, InputEvent
from .judgement import MatchJudgements, resolve_offsets, resolve_windows
from .scoring import PlayerScore, TeamScore, score_player, team_score
from .sync import SyncReport, sync_report
from .voices import Player
from .windows import DEFAULT_WINDOWS, Windows

#: Decimal places of every float in the JSON report.
JSON_DECIMALS = 3


def _round(value: float | None, decimals: int = JSON_DECIMALS) -> float | None:
    """JSON-safe rounding: None for missing or non-finite, no negative zero."""
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), decimals) + 0.0


def _player_json(player: Player, score: PlayerScore) -> dict:
    return {
        "player": player.label,
        "accuracy": _round(score.accuracy_percent),
        "score": score.points,
        "combo": score.combo,
        "max_combo": score.max_combo,
        "counts": score.counts.as_dict(),
        "notes": score.note_count,
        "stray": score.stray,
        "mean_offset_ms": _round(score.mean_offset_ms),
        "sd_offset_ms": _round(score.sd_offset_ms),
        "grade": score.grade,
    }


def _sync_json(sync: SyncReport) -> dict:
    return {
        "percent": _round(sync.percent),
        "mean_delta_ms": _round(sync.mean_delta_ms),
        "sd_delta_ms": _round(sync.sd_delta_ms),
        "tiers": sync.tiers.as_dict(),
        "leader": sync.leader,
        "lead_ms": _round(sync.lead_ms),
        "xcorr_p1_to_p2": _round(sync.xcorr_p1_to_p2),
        "xcorr_p2_to_p1": _round(sync.xcorr_p2_to_p1),
        "xcorr_lag0": _round(sync.xcorr_lag0),
        "phase_coherence": _round(sync.phase_coherence),
        "pairs": sync.pair_count,
        "both_hit": sync.both_hit,
        "bonus": sync.bonus,
    }


def _fmt(value: float | None, spec: str, missing: str = "-") -> str:
    return missing if value is None else format(value, spec)


@dataclass(frozen=True, slots=True)
class MatchReport:
    players: tuple[PlayerScore, PlayerScore]
    sync: SyncReport
    team: TeamScore
    windows: str
    offsets_ms: tuple[float, float] = (0.0, 0.0)

    def player(self, player: Player) -> PlayerScore:
        return self.players[int(player)]

    def to_json(self) -> dict:
        """A JSON-ready dict: floats rounded to 3 decimals, None (null) where undefined."""
        return {
            "players": [_player_json(p, s) for p, s in zip(Player, self.players, strict=True)],
            "sync": _sync_json(self.sync),
            "team": {
                "percent": _round(self.team.percent),
                "score": self.team.points,
                "sync_bonus": self.team.sync_bonus,
            },
            "windows": self.windows,
            "offsets_ms": [_round(o) for o in self.offsets_ms],
        }

    def format_text(self) -> str:
        """A compact multi-line summary for the command line."""
        lines = [
            f"windows {self.windows}   offsets p1 {self.offsets_ms[0]:+.1f} ms, "
            f"p2 {self.offsets_ms[1]:+.1f} ms"
        ]
        for player, s in zip(Player, self.players, strict=True):
            c = s.counts
            offset = (
                f"{s.mean_offset_ms:+.1f} ± {s.sd_offset_ms:.1f} ms"
                if s.mean_offset_ms is not None and s.sd_offset_ms is not None
                else "-"
            )
            lines.append(
                f"{player.label}  {s.grade}  {s.accuracy_percent:6.2f}%  score {s.points}  "
                f"max combo {s.max_combo}  perfect {c.perfect} great {c.great} good {c.good} "
                f"miss {c.miss}  stray {s.stray}  offset {offset}"
            )
        y = self.sync
        t = y.tiers
        delta = (
            f"{y.mean_delta_ms:+.1f} ± {y.sd_delta_ms:.1f} ms"
            if y.mean_delta_ms is not None and y.sd_delta_ms is not None
            else "-"
        )
        lead = "even" if y.leader == "even" else f"{y.leader} by {_fmt(y.lead_ms, '.1f')} ms"
        lines.append(
            f"sync {_fmt(y.percent, '.1f')}%  unison {t.unison} together {t.together} "
            f"close {t.close} apart {t.apart} missed {t.missed} (of {y.pair_count} shared)  "
            f"delta {delta}  leads {lead}  R {_fmt(y.phase_coherence, '.3f')}"
        )
        lines.append(f"team {self.team.percent:.1f}%  score {self.team.points}")
        return "\n".join(lines)


def build_report(chart: Chart, judgements: MatchJudgements) -> MatchReport:
    players = (score_player(judgements.players[0]), score_player(judgements.players[1]))
    sync = sync_report(chart, judgements)
    team = team_score(players[0], players[1], sync.percent, sync.bonus)
    return MatchReport(players, sync, team, judgements.windows_name, judgements.offsets_ms)


def score_events(
    chart: Chart,
    events: Iterable[InputEvent] | EventArrays,
    windows: str | Windows = DEFAULT_WINDOWS,
    offsets_ms: tuple[float, float] = (0.0, 0.0),
) -> MatchReport:
    """Score a whole match headless (the batch path): what a replay scores to."""
    judgements = judge_batch(chart, events, resolve_windows(windows), resolve_offsets(offsets_ms))
    return build_report(chart, judgements)


__all__ = ["JSON_DECIMALS", "MatchReport", "build_report", "score_events"]

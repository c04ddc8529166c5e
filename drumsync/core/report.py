"""The match report: both players' scores, the sync report and the team score, as a stable JSON
object and as a short text summary for the command line."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial

from . import kernel
from .batch import judge_batch
from .chart import Chart
from .compiled_score import scored_players
from .coordination import Coordination, coordination_from_points
from .events import EventArrays, InputEvent
from .judgement import MatchJudgements, resolve_offsets, resolve_windows
from .pair_words import pair_sentences
from .phase_correction import GainEstimate
from .scoring import PlayerScore, TeamScore, score_player, team_score
from .sync import PairDeltas, SyncReport, shared_hits, sync_from_points
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


def _gain_json(gain: GainEstimate | None, key: str):
    return None if gain is None else _round(getattr(gain, key))


def _lags_json(lags) -> dict:
    return {key: _round(value) for key, value in lags.as_dict().items()}


def coordination_json(c: Coordination) -> dict:
    """``sync.coordination``: the required keys first, then the extras."""
    return {
        "xcorr": _lags_json(c.xcorr),
        "strategy": c.strategy,
        "alpha": [_gain_json(g, "alpha") for g in c.alpha],
        "drift_ms_per_bar": _round(c.drift_ms_per_bar),
        "sections": [
            {
                "name": s.name,
                "sync_percent": _round(s.percent),
                "start_bar": s.start_bar,
                "bars": s.bars,
                "points": s.points,
            }
            for s in c.sections
        ],
        "alpha_se": [_gain_json(g, "se") for g in c.alpha],
        "alpha_ci95": [
            None if g is None else [_round(g.ci_low), _round(g.ci_high)] for g in c.alpha
        ],
        "alpha_chart": [_gain_json(g, "alpha") for g in c.alpha_chart],
        "drift_se_ms_per_bar": _round(c.drift_se_ms_per_bar),
        "tracks": {"p1_tracks_p2": c.tracks[0], "p2_tracks_p1": c.tracks[1]},
        "track_threshold": _round(c.track_threshold),
        "intervals": c.xcorr.intervals,
        "xcorr_windows": [
            {"start_s": _round(w.start_s), "end_s": _round(w.end_s), "xcorr": _lags_json(w.lags)}
            for w in c.windows
        ],
    }


def _fmt(value: float | None, spec: str, missing: str = "-") -> str:
    return missing if value is None else format(value, spec)


@dataclass(frozen=True, slots=True, eq=False)
class MatchReport:
    """Both players' scores, the pair's sync and team score, and the pair's coordination.

    ``coordination`` (the analysis the results' "together" view, ``score --json`` and the
    scores database read) is worked out the first time it is read, from what the report was
    built from (``analysis``: a :class:`Coordination` or a function making one). Nothing
    that decides a score depends on it, so scoring a match does not wait for it. Equality
    compares every field, the coordination included.
    """

    players: tuple[PlayerScore, PlayerScore]
    sync: SyncReport
    team: TeamScore
    windows: str
    offsets_ms: tuple[float, float] = (0.0, 0.0)
    analysis: Coordination | Callable[[], Coordination] | None = field(default=None, repr=False)

    @property
    def coordination(self) -> Coordination | None:
        if callable(self.analysis):
            object.__setattr__(self, "analysis", self.analysis())
        return self.analysis  # type: ignore[return-value]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MatchReport):
            return NotImplemented
        return (
            self.players == other.players
            and self.sync == other.sync
            and self.team == other.team
            and self.windows == other.windows
            and tuple(self.offsets_ms) == tuple(other.offsets_ms)
            and self.coordination == other.coordination
        )

    __hash__ = None  # type: ignore[assignment]

    def player(self, player: Player) -> PlayerScore:
        return self.players[int(player)]

    def to_json(self) -> dict:
        """A JSON-ready dict: floats rounded to 3 decimals, None (null) where undefined."""
        sync = _sync_json(self.sync)
        if self.coordination is not None:
            sync["coordination"] = coordination_json(self.coordination)
        return {
            "players": [_player_json(p, s) for p, s in zip(Player, self.players, strict=True)],
            "sync": sync,
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
        if self.coordination is not None:
            c = self.coordination
            xcorr = "  ".join(f"lag {k} {_fmt(v, '+.2f')}" for k, v in c.xcorr.as_dict().items())
            lines.append(f"together: {c.strategy}  ({xcorr})")
            lines.extend(f"  {line}" for line in pair_sentences(c))
        return "\n".join(lines)


def build_report(chart: Chart, judgements: MatchJudgements) -> MatchReport:
    """The report of judged notes; the coordination is worked out when first read."""
    players = (score_player(judgements.players[0]), score_player(judgements.players[1]))
    points, hits = shared_hits(chart, judgements)
    return _report(chart, players, points, hits, judgements.windows_name, judgements.offsets_ms)


def _report(chart, players, points, hits, windows_name, offsets_ms) -> MatchReport:
    """The report from both players' scores and each one's hit times at the shared points."""
    deltas = PairDeltas.of(points.time_s, hits)
    sync = sync_from_points(points.time_s, hits, chart.seconds_per_beat, deltas)
    team = team_score(players[0], players[1], sync.percent, sync.bonus)
    analysis = partial(
        coordination_from_points,
        chart,
        points.time_s[0],
        hits,
        credits=deltas.credits,
        coherence=sync.phase_coherence,
    )
    return MatchReport(players, sync, team, windows_name, offsets_ms, analysis)


def score_events(
    chart: Chart,
    events: Iterable[InputEvent] | EventArrays,
    windows: str | Windows = DEFAULT_WINDOWS,
    offsets_ms: tuple[float, float] = (0.0, 0.0),
) -> MatchReport:
    """Score a whole match headless (the batch path): what a replay scores to.

    Where the compiled loops are built, judging and both players' scores are one call
    (:mod:`.compiled_score`); the report is the one :func:`build_report` makes of
    :func:`~drumsync.core.batch.judge_batch`'s judgements either way."""
    windows, offsets_ms = resolve_windows(windows), resolve_offsets(offsets_ms)
    library = kernel.compiled()
    if library is None:
        return build_report(chart, judge_batch(chart, events, windows, offsets_ms))
    players, points, hits = scored_players(library, chart, events, windows, offsets_ms)
    return _report(chart, players, points, hits, windows.name, offsets_ms)


__all__ = ["JSON_DECIMALS", "MatchReport", "build_report", "score_events"]

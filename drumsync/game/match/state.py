"""One match's rules state, without pygame: the live judge, the recorded events, the outcome.

Every hit goes through :meth:`Match.hit`, which records exactly the event the judge saw, so
the saved replay scores (with ``drumsync score``) to what the screen showed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core.chart import Chart
from ...core.events import InputEvent
from ...core.judge import Judge
from ...core.judgement import Judgement, MatchJudgements
from ...core.replay import Replay, replay_for
from ...core.report import MatchReport, build_report
from ...core.scoring import LiveScore
from ...core.voices import Player


@dataclass(frozen=True, slots=True)
class MatchOutcome:
    """What a finished match leaves: the report the results scene shows, and the replay.

    ``stage_label`` (e.g. "Stage 3 · Nara" in the Summit Tour, else empty) is only shown: it
    is in neither the chart (whose title is part of its identity) nor the replay.
    ``pair_deltas_ms`` are the live judge's ``t_p1 - t_p2`` at each shared point both players
    hit, in chart order: the pairs the sync meter showed and the sync report is made of."""

    chart: Chart
    report: MatchReport
    replay: Replay
    judgements: MatchJudgements
    pair_deltas_ms: tuple[float, ...] = ()
    stage_label: str = ""


class Match:
    def __init__(
        self,
        chart: Chart,
        windows: str = "standard",
        offsets_ms: tuple[float, float] = (0.0, 0.0),
        mode: str = "duet",
        player_names: tuple[str, str] = ("P1", "P2"),
        stage_label: str = "",
    ) -> None:
        self.chart = chart
        self.stage_label = stage_label
        self.windows = windows
        self.offsets_ms = (float(offsets_ms[0]), float(offsets_ms[1]))
        self.mode = mode
        self.player_names = player_names
        self.reset()

    def reset(self) -> None:
        self.judge = Judge(self.chart, self.windows, self.offsets_ms)
        self.events: list[InputEvent] = []
        self._pairs_seen = 0
        self._settled_since_check = False
        self.outcome: MatchOutcome | None = None

    @property
    def finished(self) -> bool:
        return self.outcome is not None

    def hit(self, event: InputEvent) -> Judgement:
        """Judge and record a hit. A stamp behind the judge's clock (the clock may have been
        advanced to a frame time a little after it) is moved up to the clock."""
        if event.time_s < self.judge.clock_s:
            event = InputEvent(self.judge.clock_s, event.player, event.voice, event.source)
        judgement = self.judge.hit(event)
        self.events.append(event)
        self._settled_since_check = True
        return judgement

    def advance(self, song_time_s: float) -> list[Judgement]:
        """Notes the song has now left behind (misses), in judging order."""
        misses = self.judge.advance(song_time_s)
        if misses:
            self._settled_since_check = True
        return misses

    def new_pair_deltas(self) -> list[tuple[float, float]]:
        """(chart time_s, delta_ms) of shared points settled since the last call."""
        if not self._settled_since_check:
            return []
        self._settled_since_check = False
        deltas = self.judge.pair_deltas
        fresh = deltas[self._pairs_seen :]
        self._pairs_seen = len(deltas)
        return fresh

    def live(self, player: Player) -> LiveScore:
        return self.judge.live(player)

    def sync_percent(self) -> float | None:
        return self.judge.live_sync_percent()

    def finish(self) -> tuple[list[Judgement], MatchOutcome]:
        """Settle the remaining notes; returns those misses and the outcome."""
        misses = self.judge.finish()
        judgements = self.judge.result()
        replay = replay_for(
            self.chart,
            self.events,
            windows=self.windows,
            offsets_ms=self.offsets_ms,
            players=self.player_names,
            mode=self.mode,
        )
        deltas = tuple(delta_ms for _, delta_ms in sorted(self.judge.pair_deltas))
        self.outcome = MatchOutcome(
            self.chart,
            build_report(self.chart, judgements),
            replay,
            judgements,
            deltas,
            self.stage_label,
        )
        return misses, self.outcome

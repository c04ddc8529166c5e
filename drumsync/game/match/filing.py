"""Filing a finished match: recorded in the scores database (not practice or the demo), "NEW
BEST" when it beats every earlier match of its stage or chart in that mode (never an empty
score or a 0-0 draw), and the tour
advanced when a stage is cleared."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.replay import devices_used
from ...core.verdict import may_be_new_best
from ...storage.scores_db import MatchRecord, ScoresError
from ...storage.tour_progress import stage_id
from .plan import MatchPlan, clears_stage
from .session import Session

NEW_BEST = "NEW BEST"
STAGE_CLEARED = "STAGE CLEARED"


@dataclass(frozen=True, slots=True)
class FiledMatch:
    """What filing a finished match found: its row, whether it is a new best, and the tour."""

    record_id: int | None = None
    new_best: bool = False
    cleared: bool = False
    tour_complete: bool = False
    #: a storage problem to show on the results ("replay not saved: ..."), or ""
    notice: str = ""

    @property
    def badge(self) -> str:
        """What the results say about this match beyond its numbers ("" for nothing)."""
        words = [NEW_BEST] if self.new_best else []
        if self.cleared:
            words.append(STAGE_CLEARED)
        return "  ·  ".join(words)


def file_match(
    session: Session, plan: MatchPlan, outcome, replay_paths=(), replay_problem: str | None = None
) -> FiledMatch:
    """Record a finished match (when the plan records) and advance the tour.

    A replay that could not be written does not stop the row: ``replay_problem`` is passed on
    for the results screen."""
    notice = replay_problem or ""
    if not plan.records:
        return FiledMatch(notice=notice)
    report = outcome.report
    header = outcome.replay.header
    record = MatchRecord.from_report(
        report,
        mode=plan.game_mode,
        chart_hash=header.chart_hash,
        names=tuple(header.players),
        generator_args=outcome.chart.meta.generator_args(),
        stage_id=stage_id(plan.stage) if plan.stage is not None else None,
        replay_path=replay_paths[0] if replay_paths else None,
        devices=devices_used(outcome.replay),
    )
    record_id, new_best = None, False
    if session.db is not None:
        try:
            new_best = may_be_new_best(report) and session.db.is_new_best(record)
            record_id = session.db.record_match(record)
        except ScoresError as error:
            session.notices.append(f"this match was not saved: {error}")
            new_best = False
    cleared = plan.stage is not None and clears_stage(report.team.percent)
    complete = session.clear_stage(plan.stage) if cleared else False
    return FiledMatch(record_id, new_best, cleared, complete, notice)

"""What to play: a match's mode, generator arguments, tour stage, partner, practice rate and
loop (:class:`MatchPlan`), and the rule for clearing a tour stage."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ...audio.timebase import MAX_RATE, MIN_RATE
from ...core.chart import Chart
from ...core.generator import generate_chart
from ...core.scoring import GRADE_THRESHOLDS, MATCH_MODES
from ...core.tour import TourStage
from ...core.voices import Player
from ..runtime.options import SOLO_PARTNER
from .practice_chart import LoopRange, section_chart

PLAN_MODES = (*MATCH_MODES, "practice", "demo")
MODE_TITLES = {
    "duet": "Duet",
    "versus": "Versus",
    "solo": "Solo",
    "practice": "Practice",
    "demo": "Demo",
}
#: A stage is cleared with this team grade or better.
CLEAR_GRADE = "C"
CLEAR_PERCENT = dict((grade, percent) for percent, grade in GRADE_THRESHOLDS)[CLEAR_GRADE]
#: The simulated drummer playing along in practice: exact, so the sync shows your timing.
PRACTICE_GUIDE = "metronome"
DEMO_BOTS = ("steady", "partner")


def clears_stage(team_percent: float) -> bool:
    return team_percent >= CLEAR_PERCENT


def stage_label_for(stage: TourStage | None) -> str:
    """What the match's headers call a tour stage, e.g. "Stage 3 · Nara" ("" for none)."""
    return f"Stage {stage.index + 1} · {stage.name}" if stage is not None else ""


@dataclass(frozen=True, slots=True)
class MatchPlan:
    mode: str
    generator_args: Mapping = field(default_factory=dict)
    stage: TourStage | None = None
    partner: str = SOLO_PARTNER
    demo_bots: tuple[str, str] = DEMO_BOTS
    rate: float = 1.0
    loop: LoopRange | None = None
    practice_player: Player = Player.P1
    bot_seed: int = 0

    def __post_init__(self) -> None:
        if self.mode not in PLAN_MODES:
            raise ValueError(f"unknown mode {self.mode!r} (known: {', '.join(PLAN_MODES)})")
        if not MIN_RATE <= self.rate <= MAX_RATE:
            raise ValueError(f"practice rate must be {MIN_RATE:g}..{MAX_RATE:g}, got {self.rate:g}")
        if self.stage is not None and not self.generator_args:
            object.__setattr__(self, "generator_args", self.stage.generator_args())
        object.__setattr__(self, "generator_args", dict(self.generator_args))

    @property
    def game_mode(self) -> str:
        """The play scene's mode: practice is solo beside a guide, the demo a duet of bots."""
        return {"practice": "solo", "demo": "duet"}.get(self.mode, self.mode)

    @property
    def records(self) -> bool:
        """Whether the match goes into the scores database (not practice, not the demo)."""
        return self.mode in MATCH_MODES

    def bots(self) -> tuple[str | None, str | None]:
        if self.mode == "solo":
            return (None, self.partner)
        if self.mode == "practice":
            guide = PRACTICE_GUIDE
            return (None, guide) if self.practice_player is Player.P1 else (guide, None)
        if self.mode == "demo":
            return self.demo_bots
        return (None, None)

    def chart(self) -> Chart:
        chart = generate_chart(**self.generator_args)
        return section_chart(chart, self.loop) if self.loop is not None else chart

    @property
    def stage_label(self) -> str:
        """Shown in the play and results headers before the chart's own title (which the
        chart keeps: it is part of its hash and of the replay's identity)."""
        return stage_label_for(self.stage)

    def heading(self) -> str:
        if self.stage is not None:
            return self.stage.name
        return MODE_TITLES[self.mode]

    def detail(self) -> str:
        a = self.generator_args
        bits = [MODE_TITLES[self.mode].upper()]
        if self.mode == "solo":
            bits.append(f"with {self.partner}")
        bits += [
            str(a.get("style", "")),
            f"{a.get('bpm', 0):g} BPM",
            f"level {a.get('difficulty')}",
        ]
        if self.loop is not None:
            bits.append(self.loop.label)
        else:
            bits.append(f"{a.get('bars')} bars")
        if self.rate != 1.0:
            bits.append(f"{self.rate:.0%} speed")
        return "  ·  ".join(bits)

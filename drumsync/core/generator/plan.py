"""Everything random about a song, drawn once from the seed: form, dice for motifs,
variations and fills. Rendering a plan at an intensity level is then pure."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..chart import Section
from ..tempo_map import TempoMap
from .args import GeneratorArgs
from .dice import Dice
from .feel import gap_steps
from .grid import STEPS_PER_BAR, VOICES
from .structure import SECTION_NAMES, Phrase, phrases_of, plan_sections

# Sub-stream numbers: np.random.default_rng([seed, STREAM, ...]).
STREAM_FORM, STREAM_TITLE, STREAM_MOTIF, STREAM_PHRASE, STREAM_THIN = 0, 1, 2, 3, 4
MOTIF_DICE, PHRASE_DICE = 160, 96
VARIATION_PROBABILITY = 0.6


@dataclass(frozen=True, slots=True)
class PhrasePlan:
    phrase: Phrase
    dice: Dice
    variation_bars: tuple[int, ...]  # offsets within the phrase


@dataclass(frozen=True, slots=True)
class SongPlan:
    args: GeneratorArgs
    gap_steps: int
    sections: tuple[Section, ...]
    phrases: tuple[PhrasePlan, ...]
    motif_dice: dict[str, Dice]
    thin_keys: dict[str, np.ndarray]
    memo: dict = field(default_factory=dict)  # render-time cache (e.g. fills by feel)
    tempo_map: TempoMap | None = None  # a song's own beat grid; None: args.bpm throughout

    def seconds(self, beat: np.ndarray) -> np.ndarray:
        """Seconds from beat 0 to ``beat`` on the song's grid."""
        if self.tempo_map is None:
            return beat * (60.0 / self.args.bpm)
        return self.tempo_map.seconds_at(beat)

    def probe(self, bars: int) -> tuple[PhrasePlan, ...]:
        """A short stand-in for the song: the phrases that start within the first ``bars``
        bars, plus those of the first section of every kind (so the hardest motif is in)."""
        firsts = {}
        for section in self.sections:
            firsts.setdefault(section.name, section)
        keep = {(s.start_bar, s.bars) for s in firsts.values()}
        return tuple(
            p
            for p in self.phrases
            if p.phrase.start_bar < bars or any(a <= p.phrase.start_bar < a + n for a, n in keep)
        )


def _variation_bars(phrase: Phrase, dice: Dice) -> tuple[int, ...]:
    """At most a third of the non-fill bars vary; never the first (it carries the crash)."""
    plain = phrase.bars - 1
    chosen: list[int] = []
    for i in range(plain // 3):
        if dice.below(40 + i, VARIATION_PROBABILITY):
            offset = 1 + dice.index(44 + i, plain - 1)
            if offset not in chosen:
                chosen.append(offset)
    return tuple(sorted(chosen))


def make_plan(
    args: GeneratorArgs,
    sections: tuple[Section, ...] | None = None,
    tempo_map: TempoMap | None = None,
) -> SongPlan:
    """The plan of a song; ``sections`` (a song's own form) replace the invented one."""
    seed = args.seed
    if sections is None:
        sections = plan_sections(args.bars, np.random.default_rng([seed, STREAM_FORM]))
    motif_dice = {
        name: Dice(np.random.default_rng([seed, STREAM_MOTIF, i]), MOTIF_DICE)
        for i, name in enumerate(SECTION_NAMES)
    }
    thin_keys = {
        name: np.random.default_rng([seed, STREAM_THIN, i]).random((VOICES, STEPS_PER_BAR))
        for i, name in enumerate(SECTION_NAMES)
    }
    plans = []
    for phrase in phrases_of(sections):
        dice = Dice(np.random.default_rng([seed, STREAM_PHRASE, phrase.index]), PHRASE_DICE)
        plans.append(PhrasePlan(phrase, dice, _variation_bars(phrase, dice)))
    return SongPlan(
        args=args,
        gap_steps=gap_steps(args.difficulty, args.bpm),
        sections=sections,
        phrases=tuple(plans),
        motif_dice=motif_dice,
        thin_keys=thin_keys,
        tempo_map=tempo_map,
    )

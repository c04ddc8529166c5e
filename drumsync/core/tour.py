"""The Summit Tour: 4 to 6 stages told by the article, the same for everybody.

Stages are the article's story moments (:func:`drumsync.core.story_moments.story_moments`),
in story order. Each gets a style by rule (a stage whose sentence mentions heavy metal
plays ``metal``, K-pop or pop plays ``dance-pop``, and so on; otherwise by the kind of
moment), a tempo from its style, a difficulty and length that rise over the tour, and
a seed hashed from its name. The last stage closes on the "same rhythm" quotation.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .article import Article, load_article, words
from .captions import caption
from .chart import generator_args_of
from .story_moments import Moment, story_moments

#: (style, words that choose it); the first rule that matches the stage's sentence wins.
STYLE_RULES: tuple[tuple[str, frozenset[str]], ...] = (
    ("metal", frozenset({"metal", "heavy-metal", "thrash"})),
    ("dance-pop", frozenset({"pop", "k-pop", "kpop", "dance", "disco", "idol"})),
    ("rock", frozenset({"rock", "punk", "guitar", "band"})),
    ("euclidean", frozenset({"tradition", "traditional", "folk", "ancient", "temple", "taiko"})),
)
#: Style of a stage whose sentence names no style, by the kind of moment.
KIND_STYLES = {
    "performance": "dance-pop",
    "event": "rock",
    "object": "rock",
    "place": "euclidean",
    "sentence": "rock",
}
STYLE_BPM = {"dance-pop": 118, "rock": 104, "metal": 136, "euclidean": 96}
BPM_STEP = 4  # each stage a little faster
FIRST_DIFFICULTY, LAST_DIFFICULTY = 2, 8
BAR_STEPS = (16, 24, 32)  # bars in the first, middle and last third of the tour
SEED_SALT = "drumsync-summit-tour"


@dataclass(frozen=True, slots=True)
class TourStage:
    """One stage: what the intro card says and the arguments that generate its chart."""

    index: int
    name: str
    kind: str  # the kind of story moment: event, place, object, performance, sentence
    intro: str
    style: str
    bpm: float
    difficulty: int
    bars: int
    parts: str  # "unison" or "split"
    seed: int
    outro: str | None = None  # only the final stage has one

    def generator_args(self) -> dict:
        """Keyword arguments for ``generate_chart`` (the keys of ``ChartMeta.generator_args``)."""
        return generator_args_of(self)


def stage_seed(name: str) -> int:
    """A stable 31-bit seed from a stage name (SHA-256, the same in every process)."""
    digest = hashlib.sha256(f"{SEED_SALT}:{name}".encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFF_FFFF


def stage_style(moment: Moment) -> str:
    found = set(words(f"{moment.name} {moment.context}"))
    for style, cues in STYLE_RULES:
        if found & cues:
            return style
    return KIND_STYLES.get(moment.kind, "rock")


def _difficulty(index: int, count: int) -> int:
    span = LAST_DIFFICULTY - FIRST_DIFFICULTY
    return FIRST_DIFFICULTY + int(span * index / max(1, count - 1) + 0.5)


def _bars(index: int, count: int) -> int:
    return BAR_STEPS[index * len(BAR_STEPS) // count]


def tour_stages(article: Article | None = None) -> tuple[TourStage, ...]:
    """The tour's stages in story order (4 to 6); deterministic for a given article."""
    article = article if article is not None else load_article()
    moments = story_moments(article)
    outro = caption("results", article)
    stages = []
    for index, moment in enumerate(moments):
        style = stage_style(moment)
        stages.append(
            TourStage(
                index=index,
                name=moment.name,
                kind=moment.kind,
                intro=moment.intro,
                style=style,
                bpm=float(STYLE_BPM[style] + BPM_STEP * index),
                difficulty=_difficulty(index, len(moments)),
                bars=_bars(index, len(moments)),
                parts="split" if moment.kind == "object" else "unison",
                seed=stage_seed(moment.name),
                outro=outro if index == len(moments) - 1 else None,
            )
        )
    return tuple(stages)


__all__ = ["STYLE_RULES", "TourStage", "stage_seed", "stage_style", "tour_stages"]

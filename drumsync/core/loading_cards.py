"""What the loading cards say: real tips about the game, and sentences from the news.

A card says what it is: ``TIP`` for advice about playing DrumSync (keys, the key test,
calibration, sync, scroll speed, practice), ``FROM THE NEWS`` for a sentence of the
article. The cards take turns, a tip first, so a new player learns the game while the
chart is made. Every text is a whole sentence (:mod:`drumsync.core.sentence_rules`).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest

from .article import Article
from .captions import captions

TIP_LABEL = "TIP"
NEWS_LABEL = "FROM THE NEWS"

#: Tips about playing; each names a real key or screen of the game.
GAME_TIPS: tuple[str, ...] = (
    "Each player drums with four keys on their own half of the keyboard; Settings shows "
    "them and can change them.",
    "Hit each note as its shape crosses the line; each lane is one of your keys, named at "
    "the foot of the lane.",
    "Sync is how close your hits land to each other's: two players late together are "
    "still in sync.",
    "If hits that feel right are judged early or late, Calibrate measures your audio and "
    "video offsets as you tap along to a click.",
    "Not sure your keyboard takes both players' keys at once? The Key test screen shows "
    "every key it reports while you hold them.",
    "F3 and F4 slow down or speed up the scrolling notes during a song: you see more or "
    "less ahead, and the tempo stays the same.",
    "Practice plays one player's part slower if you like and loops a section until it sits.",
    "Esc pauses a song; from the pause you can go on, restart or leave.",
)


@dataclass(frozen=True, slots=True)
class LoadingCard:
    label: str  # TIP_LABEL or NEWS_LABEL
    text: str


def loading_cards(article: Article | None = None) -> tuple[LoadingCard, ...]:
    """The cards in the order they are shown: tips and news sentences taking turns."""
    tips = [LoadingCard(TIP_LABEL, text) for text in GAME_TIPS]
    news = [LoadingCard(NEWS_LABEL, text) for text in captions("news", article)]
    paired = zip_longest(tips, news)
    return tuple(card for pair in paired for card in pair if card is not None)


__all__ = ["GAME_TIPS", "NEWS_LABEL", "TIP_LABEL", "LoadingCard", "loading_cards"]

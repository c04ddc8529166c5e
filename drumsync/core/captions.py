"""Captions for the game's scenes, picked from the article by rules (keywords, quotes).

Nothing here knows the article's sentences: every caption is found by scoring the text,
so another article in ``seeds/`` gives other captions. Every caption is a whole sentence
of the article (see :mod:`drumsync.core.sentence_rules`): verbatim with its whitespace
collapsed, a quotation it leaves open closed, and, when it is too long for its place
(:data:`PLACE_CHARS`), shortened at a clause boundary with an ellipsis; a sentence that
cannot be is not used there.

Scenes: ``title`` (the sentences that best tell the drumming story), ``intro`` (one card
per Summit Tour stage, see :func:`story_moments`), ``news`` (the loading cards' sentences
from the news, ranked), ``results`` (the quote card about the *same rhythm*, with its
speaker) and ``about`` (the first sentence; ``credits`` is an alias). A rule that finds
nothing falls back to the best-scoring sentence; an article without a single whole
sentence gives no captions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .article import Article, keyword_score, load_article
from .errors import CaptionError
from .quote_card import quote_cards
from .sentence_rules import PLACE_CHARS, shorten_at_clause, shown_sentences
from .story_moments import MUSIC_WEIGHTS, Candidate, rank_candidates, story_moments

SCENES = ("title", "intro", "news", "results", "about")
SCENE_ALIASES = {"credits": "about"}

TITLE_WEIGHTS = {
    "drum": 3,
    "perform": 2,
    "leader": 2,
    "rhythm": 2,
    "beat": 1,
    "music": 1,
    "together": 1,
    "summit": 1,
}
RESULTS_WEIGHTS = {"rhythm": 3, "same": 2, "together": 1, "timing": 1, "heart": 1, "shar": 1}
NEWS_WEIGHTS = {
    "rhythm": 3,
    "timing": 3,
    "clumsy": 3,
    "drum": 2,
    "together": 2,
    "practi": 2,
    "beat": 1,
    "same": 1,
    "perform": 1,
    "play": 1,
}
MIN_NEWS, MAX_NEWS = 3, 6


def _fitting(texts: Sequence[str | None], place: str) -> list[str]:
    """Each text shortened for ``place`` (those that cannot be are left out), no repeats."""
    chosen: list[str] = []
    for text in texts:
        short = shorten_at_clause(text, PLACE_CHARS[place]) if text else None
        if short and short not in chosen:
            chosen.append(short)
    return chosen


def _ranked_sentences(article: Article, weights: Mapping[str, float]) -> list[str | None]:
    """The showable sentences scoring above 0 under ``weights``, best first."""
    shown = shown_sentences(article)
    candidates = [
        Candidate(text, span.start, score)
        for text, span in zip(shown, article.sentence_spans, strict=True)
        if text is not None and (score := keyword_score(text, weights)) > 0
    ]
    return [c.text for c in rank_candidates(candidates)]


def _best_sentences(article: Article, place: str, *weights: Mapping[str, float]) -> list[str]:
    """Sentences that score under the first weights that match anything, best first.

    Falls back through the given weights, then :data:`MUSIC_WEIGHTS`, then every
    showable sentence in order.
    """
    for table in (*weights, MUSIC_WEIGHTS):
        chosen = _fitting(_ranked_sentences(article, table), place)
        if chosen:
            return chosen
    return _fitting(shown_sentences(article), place)


# --- scene rules -----------------------------------------------------------------------


def _title(article: Article) -> list[str]:
    return _best_sentences(article, "title", TITLE_WEIGHTS)


def _results(article: Article) -> list[str]:
    """Quote cards about rhythm (the 'same rhythm' one first), else the best sentence."""
    cards = [card for card in quote_cards(article, RESULTS_WEIGHTS) if "rhythm" in card.said]
    chosen = _fitting([card.text for card in cards], "results")
    return chosen or _best_sentences(article, "results", RESULTS_WEIGHTS)[:1]


def _news(article: Article) -> list[str]:
    """Quote cards and sentences about timing and drumming, best first, no repeats."""
    cards = quote_cards(article, NEWS_WEIGHTS)
    ranked = [c.text for c in cards if keyword_score(c.said, NEWS_WEIGHTS) > 0]
    ranked += _ranked_sentences(article, NEWS_WEIGHTS)
    chosen: list[str] = []
    said = [card.said.strip("“”") for card in cards]
    for text in _fitting(ranked, "news"):
        repeats = [s for s in said if s in text and text not in (c.text for c in cards)]
        repeats += [o for o in chosen if text in o or o in text]
        if len(chosen) < MAX_NEWS and not repeats:
            chosen.append(text)
    for text in _best_sentences(article, "news") + _fitting(shown_sentences(article), "news"):
        if len(chosen) >= MIN_NEWS:  # too few: top up with the best sentences, then in order
            break
        if text not in chosen:
            chosen.append(text)
    return chosen


def _about(article: Article) -> list[str]:
    return _fitting(shown_sentences(article), "about")[:1]


def _intro(article: Article) -> list[str]:
    return [moment.intro for moment in story_moments(article) if moment.intro]


_RULES = {
    "title": _title,
    "intro": _intro,
    "news": _news,
    "results": _results,
    "about": _about,
}


def captions(scene: str, article: Article | None = None) -> list[str]:
    """All captions for ``scene``, best first (empty only when the article has no whole
    sentence). Loads the article if not given."""
    name = SCENE_ALIASES.get(scene, scene)
    rule = _RULES.get(name)
    if rule is None:
        known = ", ".join(SCENES)
        raise CaptionError(f"unknown caption scene {scene!r} (known: {known})")
    return rule(article if article is not None else load_article())


def caption(scene: str, article: Article | None = None, index: int = 0) -> str:
    """One caption for ``scene`` ("" when there is none); ``index`` cycles through
    :func:`captions` (wraps around)."""
    options = captions(scene, article)
    return options[index % len(options)] if options else ""


__all__ = ["PLACE_CHARS", "SCENES", "caption", "captions"]

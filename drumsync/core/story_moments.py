"""The places and moments of the article's story that a Summit Tour is made of.

Cues: named events (``APEC summit``), places after a preposition (``visit to Nara``,
people's names excluded), drum objects with their modifiers (``custom drum set``), all found
by :mod:`.story_cues`, and the performance (named by a quoted song title in its sentence).
Only cues in sentences about music or drumming count. Each moment is introduced by a whole
sentence of the article (shortened at a clause boundary when too long for the stage card);
two moments never share an intro, so a cue whose sentence is already taken uses that
sentence's beginning up to its clause where it can (else it shares the whole sentence).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .article import Article, Span, keyword_score, normalise_space, words
from .sentence_rules import PLACE_CHARS, clause_beginnings, shorten_at_clause, shown_sentences
from .story_cues import Cue, fallback_name, people, sentence_cues

#: How much a sentence is about music and drumming: what makes a moment a tour stage.
MUSIC_WEIGHTS = {
    "drum": 3,
    "perform": 2,
    "music": 2,
    "rhythm": 2,
    "concert": 2,
    "k-pop": 2,
    "kpop": 2,
    "beat": 1,
    "song": 1,
    "track": 1,
    "band": 1,
    "play": 1,
    "danc": 1,
}
PERFORMANCE_WEIGHTS = {
    "perform": 3,
    "concert": 3,
    "k-pop": 2,
    "kpop": 1,
    "song": 2,
    "track": 1,
    "beat": 1,
    "showcas": 1,
    "danc": 1,
    "drum": 1,
    "music": 1,
}
MIN_MOMENTS, MAX_MOMENTS = 4, 6
KIND_BONUS = {"performance": 3.0, "event": 2.0, "object": 2.0, "place": 1.0, "sentence": 0.0}

# Phases of the story: before the visit, during it, the performance, after it.
BEFORE, DURING, PERFORMANCE, AFTER = 0, 1, 2, 3
BEFORE_CUES = ("previous", "previously", "last year", "earlier", "prior", "before", "ago")
AFTER_CUES = ("after", "afterwards", "followed", "later")


_SHOW_RE = re.compile(r"\b([\w-]+)\s+(performance|concert|session|jam|show)\b", re.IGNORECASE)
_CLAUSE_BREAK_RE = re.compile(r",\s|;\s|:\s|\s[–-]\s|—|\(|\)")
_BEFORE_RE = re.compile(r"\b(?:" + "|".join(BEFORE_CUES) + r")\b")
_AFTER_RE = re.compile(r"\b(?:" + "|".join(AFTER_CUES) + r")\b")


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    start: int
    score: float


def rank_candidates(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Best score first; ties go to the earlier text."""
    return sorted(candidates, key=lambda c: (-c.score, c.start))


def score_spans(spans: Sequence[Span], weights: Mapping[str, float]) -> list[Candidate]:
    return [Candidate(s.text, s.start, keyword_score(s.text, weights)) for s in spans]


@dataclass(frozen=True, slots=True)
class Moment:
    """A place or moment of the story, as the article tells it."""

    name: str  # a short title in the article's words, e.g. "APEC summit"
    kind: str  # "event", "place", "object", "performance" or "sentence"
    intro: str  # a whole sentence that introduces it ("" when the article has none)
    position: int  # offset of its cue in the article text
    phase: int  # BEFORE, DURING, PERFORMANCE or AFTER
    score: float
    context: str  # the whole sentence it comes from


def _performance(article: Article) -> Cue | None:
    ranked = rank_candidates(score_spans(article.sentence_spans, PERFORMANCE_WEIGHTS))
    if not ranked or ranked[0].score < 3:
        return None
    best = ranked[0]
    index = next(i for i, s in enumerate(article.sentence_spans) if s.start == best.start)
    for quote in article.quote_spans:
        inside = best.start <= quote.start < best.start + len(best.text)
        title = quote.text.strip(" .,!?")
        tokens = title.split()
        if (
            inside
            and quote.closed
            and 1 <= len(tokens) <= 4
            and all(t[0].isupper() for t in tokens)
        ):
            return Cue(title, "performance", quote.start, quote.end, index)
    match = _SHOW_RE.search(best.text)
    name = f"{match.group(1)} {match.group(2)}" if match else "Performance"
    return Cue(name[0].upper() + name[1:], "performance", best.start, best.start, index)


def _clauses(span: Span) -> list[tuple[int, int]]:
    """(start, end) offsets in the article of the sentence's clauses."""
    bounds, start = [], 0
    for match in _CLAUSE_BREAK_RE.finditer(span.text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(span.text)))
    return [(span.start + a, span.start + b) for a, b in bounds if span.text[a:b].strip()]


def _clause_around(article: Article, cue: Cue, min_words: int = 6) -> str:
    """The clause holding the cue, widened with its neighbours to at least ``min_words``."""
    sentence = article.sentence_spans[cue.sentence]
    clauses = _clauses(sentence) or [(sentence.start, sentence.end)]
    index = next((i for i, (a, b) in enumerate(clauses) if a <= cue.start < b), 0)
    lo = hi = index

    def count() -> int:
        return len(words(article.text[clauses[lo][0] : clauses[hi][1]]))

    while count() < min_words and (hi + 1 < len(clauses) or lo > 0):
        if hi + 1 < len(clauses):
            hi += 1
        else:
            lo -= 1
    return article.text[clauses[lo][0] : clauses[hi][1]]


def _phase(article: Article, cue: Cue) -> int:
    if cue.kind == "performance":
        return PERFORMANCE
    sentence = article.sentence_spans[cue.sentence].text.lower()
    clause = _clause_around(article, cue, min_words=0).lower()
    opening = " ".join(sentence.split()[:2])
    if _BEFORE_RE.search(clause) or _BEFORE_RE.match(opening):
        return BEFORE
    if _AFTER_RE.search(clause) or _AFTER_RE.match(opening):
        return AFTER
    return DURING


def _intro_options(article: Article, shown: Sequence[str | None], cue: Cue) -> list[str]:
    """Intros for ``cue``: its whole sentence (shortened to fit the card), then the
    sentence's beginnings that still hold the cue, shortest first."""
    sentence = shown[cue.sentence]
    if sentence is None:
        return []
    whole = shorten_at_clause(sentence, PLACE_CHARS["intro"])
    options = [whole] if whole else []
    span = article.sentence_spans[cue.sentence]
    cue_end = len(normalise_space(article.text[span.start : max(cue.end, span.start)]))
    for cut, short in clause_beginnings(sentence):
        if cut >= cue_end and len(short) <= PLACE_CHARS["intro"] and short not in options:
            options.append(short)
    return options


def _pick_cues(article: Article) -> list[tuple[Cue, float, str]]:
    names = people(article)
    shown = shown_sentences(article)
    relevance = [keyword_score(s.text, MUSIC_WEIGHTS) for s in article.sentence_spans]
    best: dict[str, tuple[Cue, float]] = {}
    performance = _performance(article)
    found = [performance] if performance else []
    for index in range(len(article.sentence_spans)):
        found += sentence_cues(article, index, names)
    for cue in found:
        if relevance[cue.sentence] <= 0 and cue.kind != "performance":
            continue
        score = relevance[cue.sentence] + KIND_BONUS[cue.kind]
        key = cue.name.lower()
        if key not in best or score > best[key][1]:
            best[key] = (cue, score)
    ranked = sorted(best.values(), key=lambda item: (-item[1], item[0].start))
    chosen: list[tuple[Cue, float, str]] = []
    intros: set[str] = set()
    for cue, score in ranked:  # cards say different things where the sentence allows it
        options = _intro_options(article, shown, cue)
        fresh = [o for o in options if o not in intros] or options[:1]
        if len(chosen) < MAX_MOMENTS and fresh:
            intros.add(fresh[0])
            chosen.append((cue, score, fresh[0]))
    if len(chosen) < MIN_MOMENTS:
        taken = {cue.name for cue, _, _ in chosen}
        order = sorted(range(len(relevance)), key=lambda i: (-relevance[i], i))
        usable = [
            i for i in order if shown[i] and shorten_at_clause(shown[i], PLACE_CHARS["intro"])
        ]
        spare = [
            i for i in usable if shorten_at_clause(shown[i], PLACE_CHARS["intro"]) not in intros
        ]
        spare = spare or usable or order
        k = 0
        while len(chosen) < MIN_MOMENTS:
            index = spare[k % len(spare)]
            span = article.sentence_spans[index]
            name = fallback_name(span.text, names, taken)
            suffix = 2
            while name in taken:
                name = f"{fallback_name(span.text, names, set())} {_roman(suffix)}"
                suffix += 1
            taken.add(name)
            cue = Cue(name, "sentence", span.start, span.start, index)
            intro = shorten_at_clause(shown[index], PLACE_CHARS["intro"]) if shown[index] else ""
            chosen.append((cue, relevance[index] + KIND_BONUS["sentence"], intro or ""))
            k += 1
    return chosen


def _roman(number: int) -> str:
    return {2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}.get(number, str(number))


def story_moments(article: Article) -> tuple[Moment, ...]:
    """4 to 6 places and moments of the story, in story order, each with its intro caption.

    Cues: named events (``APEC summit``), places after a preposition (``visit to Nara``,
    people's names excluded), drum objects with their modifiers (``custom drum set``)
    and the performance (named by a quoted song title in its sentence). Only cues in
    sentences about music or drumming count; the best-scoring 6 are kept and too few
    are topped up with the best sentences. Story order: moments told as earlier
    (*previous*, *last year*) first, then the article's order, the performance, and
    what came *after* it. Each intro is a whole sentence (see the module's notes); an
    article with no whole sentence at all gives empty intros.
    """
    moments = [
        Moment(
            name=cue.name,
            kind=cue.kind,
            intro=intro,
            position=cue.start,
            phase=_phase(article, cue),
            score=score,
            context=normalise_space(article.sentence_spans[cue.sentence].text),
        )
        for cue, score, intro in _pick_cues(article)
    ]
    return tuple(sorted(moments, key=lambda m: (m.phase, m.position)))


__all__ = [
    "MUSIC_WEIGHTS",
    "Candidate",
    "Moment",
    "rank_candidates",
    "score_spans",
    "story_moments",
]

"""What in a sentence of the article can become a stage of the story: its cues.

A cue is a named event (``APEC summit``), a place after a preposition (``visit to Nara``;
people's names, found after their titles, are never places) or a drum object with its
modifiers (``custom drum set``). :mod:`.story_moments` adds the performance, picks the
cues of sentences about music and gives each its intro.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .article import Article, normalise_space


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TITLES = _wordset(
    "president prime minister mr mrs ms dr king queen prince princess chancellor governor "
    "senator mayor emperor empress pope secretary chairman premier sir"
)
_STOP_CAPS = _wordset(
    "the a an this that these those his her their its our my in on at during after before "
    "however both prior when while with for from to of and but also as if it he she they "
    "we i january february march april may june july august september october november "
    "december monday tuesday wednesday thursday friday saturday sunday"
)
_FUNCTION_WORDS = _wordset(
    "a an the of his her their its our my with some and or to on in at for by from as "
    "play plays playing played beat beats new old two"
)
_VERBISH = _wordset(
    "is was were are be been being has had have will would can could did does do sounded "
    "rolled echoed rang which who whom whose where than then"
)
_DETERMINERS = _wordset("a an the of his her their its our my with some pair")
_EVENT_NOUNS = (
    "summit|meeting|conference|festival|concert|forum|ceremony|games|expo|fair|parade|"
    "championship|cup|gala|show"
)
_EVENT_RE = re.compile(rf"((?:[A-Z][\w-]*\s+){{1,3}})((?i:{_EVENT_NOUNS}))\b")
_PLACE_RE = re.compile(
    r"\b(?:in|at|to|from|visit|visited|visiting|near|toward|towards|across|around)\s+"
    r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})"
)
_OBJECT_RE = re.compile(
    r"\b(drum\s+sets?|drum\s+kits?|drumsticks?|drums?|sticks|cymbals?|gongs?)\b"
)
_PERSON_RE = re.compile(
    r"\b(?:"
    + "|".join(sorted(t.capitalize() for t in _TITLES))
    + r")\.?((?:\s+[A-Z][\w’'-]*){1,4})"
)
_TOKEN_RE = re.compile(r"[\w’'-]+")


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue found in the article: its name, kind, offsets and sentence."""

    name: str
    kind: str
    start: int
    end: int
    sentence: int


def people(article: Article) -> frozenset[str]:
    """First and last names that follow a title (``President Lee Jae Myung``)."""
    names: set[str] = set()
    for match in _PERSON_RE.finditer(article.text):
        for token in match.group(1).split():
            token = re.sub(r"[’']s$", "", token)
            if token.lower() not in _TITLES:
                names.add(token)
    return frozenset(names)


def full_names(article: Article) -> dict[str, str]:
    """Each name word of a titled person mapped to the fullest mention of them in the
    article, title included: ``{"Lee": "President Lee Jae Myung", "Jae": ...}``."""
    found: dict[str, str] = {}
    for match in _PERSON_RE.finditer(article.text):
        title = match.group(0)[: match.start(1) - match.start(0)].strip()
        tokens = [re.sub(r"[’']s$", "", t) for t in match.group(1).split()]
        tokens = [t for t in tokens if t.lower() not in _TITLES]
        full = " ".join([title, *tokens])
        for token in tokens:
            if len(full) > len(found.get(token, "")):
                found[token] = full
    return found


def _proper(tokens: Sequence[str], people: frozenset[str]) -> list[str]:
    """Leading capitalised tokens that are neither stop words, titles nor people's names."""
    kept = list(tokens)
    while kept and kept[0].lower() in _STOP_CAPS | _TITLES:
        kept.pop(0)
    if not kept or kept[0] in people or kept[0].lower() in _TITLES:
        return []
    return kept


def _is_noun_adjunct_partner(word: str) -> bool:
    """Whether ``word`` after a singular "drum" is the noun it modifies ("drum duet")."""
    return (
        re.fullmatch(r"[a-z]+", word) is not None
        and word not in _FUNCTION_WORDS | _STOP_CAPS | _VERBISH
        and not word.endswith(("ed", "ly"))
    )


def sentence_cues(article: Article, sentence_index: int, people: frozenset[str]) -> list[Cue]:
    """The events, places and drum objects named in one sentence, in that order."""
    span = article.sentence_spans[sentence_index]
    text, base, cues = span.text, span.start, []
    for match in _EVENT_RE.finditer(text):
        proper = _proper(match.group(1).split(), people)
        if proper:
            name = " ".join([*proper, match.group(2)])
            cues.append(
                Cue(name, "event", base + match.start(), base + match.end(), sentence_index)
            )
    event_words = set(_EVENT_NOUNS.split("|"))
    for match in _PLACE_RE.finditer(text):
        proper = _proper(match.group(1).split(), people)
        following = text[match.end() :].split(maxsplit=1)
        is_event = proper and proper[-1].lower() in event_words
        if following and following[0].lower().strip(".,;:") in event_words:
            is_event = True
        if proper and not is_event:
            name = " ".join(proper)
            start = base + match.start(1)
            cues.append(Cue(name, "place", start, start + len(name), sentence_index))
    for match in _OBJECT_RE.finditer(text):
        before = _TOKEN_RE.findall(text[: match.start()])
        modifiers: list[str] = []
        while before and len(modifiers) < 2:
            word = before[-1]
            if not re.fullmatch(r"[a-z][a-z-]*", word) or word in _FUNCTION_WORDS:
                break
            modifiers.insert(0, before.pop())
        if modifiers and before and before[-1].lower() in _DETERMINERS:
            head = [normalise_space(match.group(1))]
            after = (
                _TOKEN_RE.match(text, match.end() + 1)
                if text[match.end() : match.end() + 1] == " "
                else None
            )
            if head[0] == "drum" and after and _is_noun_adjunct_partner(after.group()):
                head.append(after.group())  # "a surprise drum duet", "a drum circle"
            name = " ".join([*modifiers, *head])
            name = name[0].upper() + name[1:]
            cues.append(
                Cue(name, "object", base + match.start(), base + match.end(), sentence_index)
            )
    return cues


def fallback_name(text: str, people: frozenset[str], taken: set[str]) -> str:
    """A name for a stage made of a whole sentence: its first proper name not ``taken``,
    else its first content words."""
    tokens = _TOKEN_RE.findall(text)
    for i in range(1, len(tokens)):
        if tokens[i][0].isupper():
            run = []
            for token in tokens[i : i + 3]:
                if not token[0].isupper():
                    break
                run.append(re.sub(r"[’']s$", "", token))
            proper = _proper(run, people)
            if proper and " ".join(proper) not in taken:
                return " ".join(proper)
    content = [t for t in tokens if t.lower() not in _FUNCTION_WORDS | _STOP_CAPS][:2]
    name = " ".join(content) or " ".join(tokens[:2]) or normalise_space(text)[:24] or "Stage"
    return name[0].upper() + name[1:]


__all__ = ["Cue", "fallback_name", "full_names", "people", "sentence_cues"]

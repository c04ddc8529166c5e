"""The article in ``seeds/``: reading, paragraphs, sentences, quotations, keyword scores.

Every span keeps offsets into :attr:`Article.text`, so whatever is picked from it is a
verbatim piece of the article.

Paragraphs: if the text has blank lines, they separate paragraphs (single line breaks are
soft wraps); otherwise every line is a paragraph.

Sentences end at ``.``, ``!`` or ``?`` (optionally followed by closing quotes or brackets)
when whitespace and an uppercase letter or an opening quote follow, and at a paragraph end.
A period closing an abbreviation (``U.S.``, ``e.g.``, ``Mr.``, a single capital initial)
ends nothing.

Quotations run from “ to ” (or between straight double quotes); one left open ends with
its paragraph. Apostrophes (’) are never quote marks.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..resources import seeds_dir
from .errors import CaptionError
from .user_file import read_user_file, reason_of

#: An article file is prose: a book-length text is a few MiB.
MAX_ARTICLE_FILE_BYTES = 16 * 1024 * 1024
OPENING_QUOTES = '“‘"«('
CLOSING_MARKS = "”’\"»)]'"
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "vs",
        "inc",
        "ltd",
        "co",
        "corp",
        "gen",
        "gov",
        "sen",
        "rep",
        "lt",
        "col",
        "capt",
        "mt",
        "fig",
        "approx",
        "dept",
        "no",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
_END_RE = re.compile(r"[.!?]+[”’\"»)\]']*")
_INITIALS_RE = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Z]\.")
_WORD_RE = re.compile(r"[a-z0-9]+(?:[-'’][a-z0-9]+)*")
_SPACE_RE = re.compile(r"\s+")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True, slots=True)
class Span:
    """``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: the words inside the marks (stripped), located in the article."""

    start: int
    end: int
    text: str
    closed: bool


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    paragraph_spans: tuple[Span, ...]
    sentence_spans: tuple[Span, ...]
    quote_spans: tuple[Quote, ...]
    sources: tuple[str, ...] = ()

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(span.text for span in self.paragraph_spans)

    @property
    def sentences(self) -> tuple[str, ...]:
        return tuple(span.text for span in self.sentence_spans)

    @property
    def quotes(self) -> tuple[str, ...]:
        return tuple(quote.text for quote in self.quote_spans)

    def sentence_index_at(self, offset: int) -> int:
        """Index of the sentence holding character ``offset`` (the nearest one before it)."""
        index = 0
        for i, span in enumerate(self.sentence_spans):
            if span.start <= offset:
                index = i
        return index

    def paragraph_index_at(self, offset: int) -> int:
        index = 0
        for i, span in enumerate(self.paragraph_spans):
            if span.start <= offset:
                index = i
        return index


# --- splitting -------------------------------------------------------------------------


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end]) if end > start else None


def split_paragraphs(text: str) -> tuple[Span, ...]:
    separator = r"\n[ \t]*\n\s*" if _BLANK_LINE_RE.search(text) else r"\n\s*"
    spans, start = [], 0
    for match in re.finditer(separator, text):
        spans.append(_trimmed(text, start, match.start()))
        start = match.end()
    spans.append(_trimmed(text, start, len(text)))
    return tuple(span for span in spans if span is not None)


def _is_abbreviation(text: str, period: int, start: int) -> bool:
    """Whether the period at ``text[period]`` closes an abbreviation or initial."""
    word_start = period
    while word_start > start and not text[word_start - 1].isspace():
        word_start -= 1
    token = text[word_start : period + 1].lstrip(OPENING_QUOTES + "[")
    if _INITIALS_RE.fullmatch(token):
        return True
    return token[:-1].lower() in ABBREVIATIONS


def _sentence_ends(text: str, para: Span) -> Iterable[tuple[int, int]]:
    """(end of sentence, start of the next) pairs inside one paragraph."""
    for match in _END_RE.finditer(text, para.start, para.end):
        after = match.end()
        nxt = after
        while nxt < para.end and text[nxt].isspace():
            nxt += 1
        if nxt == after or nxt >= para.end:
            continue
        follower = text[nxt]
        if not (follower.isupper() or follower in OPENING_QUOTES):
            continue
        single_period = match.group().rstrip(CLOSING_MARKS) == "."
        if single_period and _is_abbreviation(text, match.start(), para.start):
            continue
        yield after, nxt


def split_sentences(text: str, paragraphs: Iterable[Span]) -> tuple[Span, ...]:
    spans = []
    for para in paragraphs:
        start = para.start
        for end, nxt in _sentence_ends(text, para):
            spans.append(_trimmed(text, start, end))
            start = nxt
        spans.append(_trimmed(text, start, para.end))
    return tuple(span for span in spans if span is not None)


def _quote(text: str, start: int, end: int, closed: bool) -> Quote | None:
    span = _trimmed(text, start, end)
    return Quote(span.start, span.end, span.text, closed) if span else None


def find_quotes(text: str, paragraphs: Iterable[Span]) -> tuple[Quote, ...]:
    quotes: list[Quote | None] = []
    for para in paragraphs:
        open_at, mark = None, ""
        for i in range(para.start, para.end):
            char = text[i]
            if char == "“" or (char == '"' and open_at is None):
                if open_at is not None:  # a new quote opens before the last one closed
                    quotes.append(_quote(text, open_at, i, closed=False))
                open_at, mark = i + 1, char
            elif open_at is not None and (
                (char == "”" and mark == "“") or (char == '"' and mark == '"')
            ):
                quotes.append(_quote(text, open_at, i, closed=True))
                open_at = None
        if open_at is not None:
            quotes.append(_quote(text, open_at, para.end, closed=False))
    return tuple(quote for quote in quotes if quote is not None)


def parse_article(text: str, sources: Iterable[str] = ()) -> Article:
    """An :class:`Article` from its text; CaptionError if there is no text at all."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    if not text.strip():
        raise CaptionError("the article is empty")
    paragraphs = split_paragraphs(text)
    return Article(
        text=text,
        paragraph_spans=paragraphs,
        sentence_spans=split_sentences(text, paragraphs),
        quote_spans=find_quotes(text, paragraphs),
        sources=tuple(sources),
    )


def load_article(folder: str | os.PathLike | None = None) -> Article:
    """Read every ``*.txt`` in ``folder`` (default :func:`seeds_dir`), in name order.

    Files are joined by a paragraph break. CaptionError (one line) if the folder is
    missing, holds no text files, a file is unreadable or not UTF-8, or all are blank.
    """
    where = Path(folder) if folder is not None else seeds_dir()
    if not where.is_dir():
        raise CaptionError(f"article folder not found: {where}")
    files = sorted(path for path in where.glob("*.txt") if path.is_file())
    if not files:
        raise CaptionError(f"no article (*.txt files) in {where}")
    texts = []
    for path in files:
        try:
            texts.append(read_user_file(path, MAX_ARTICLE_FILE_BYTES).decode("utf-8"))
        except UnicodeDecodeError as error:
            raise CaptionError(
                f"article file {path} is not UTF-8 text (bad byte at offset {error.start})"
            ) from None
        except OSError as error:
            raise CaptionError(f"cannot read article file {path}: {reason_of(error)}") from None
    texts = [text.removeprefix("\ufeff").replace("\r\n", "\n").strip() for text in texts]
    texts = [text for text in texts if text]
    if not texts:
        raise CaptionError(f"the article in {where} is empty")
    # Files with blank-line paragraphs are joined by a blank line, one-line ones by a line.
    blank_lines = any(_BLANK_LINE_RE.search(text) for text in texts)
    joined = ("\n\n" if blank_lines else "\n").join(texts)
    return parse_article(joined, sources=[path.name for path in files])


# --- keyword scores --------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Lowercase words (hyphenated and apostrophe words kept whole)."""
    return _WORD_RE.findall(text.lower())


def keyword_score(text: str, weights: Mapping[str, float]) -> float:
    """Sum of the weights of the stems that start some word of ``text`` (each stem once).

    ``{"drum": 3}`` matches drum, drums, drummer, drumming, drumsticks.
    """
    found = words(text)
    return float(
        sum(weight for stem, weight in weights.items() if any(w.startswith(stem) for w in found))
    )


def normalise_space(text: str) -> str:
    """Runs of whitespace become one space; ends are stripped."""
    return _SPACE_RE.sub(" ", text).strip()


__all__ = [
    "Article",
    "Quote",
    "Span",
    "find_quotes",
    "keyword_score",
    "load_article",
    "normalise_space",
    "parse_article",
    "split_paragraphs",
    "split_sentences",
    "words",
]

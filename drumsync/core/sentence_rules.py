"""What makes a text fit to show: a whole sentence, its quotes balanced, short enough.

Every caption, stage intro, quote card and tip the game shows passes
:func:`caption_problems`: it starts with a capital letter (or an opening quote mark), ends
with terminal punctuation (``.``, ``!``, ``?`` or the ellipsis ``…``, optionally followed
by closing quote marks or brackets), its curly double quotes pair up in order and its
straight double quotes are even, and it has a few words.

A sentence too long for its place is shortened by :func:`shorten_at_clause`: it keeps the
sentence's beginning up to a clause boundary and adds ``…``. A boundary counts only where
what follows is clearly an add-on to a complete clause (``, followed by …``, ``, which …``,
``, boosting …``), never inside a quotation or a dash or bracket aside, and never right
after an opening phrase (``In an unprecedented display of cultural diplomacy…`` is not a
sentence). When no such boundary fits, there is no short form: the caller picks another
sentence.
"""

from __future__ import annotations

import re

from .article import Article, normalise_space

#: Most characters a text may have in each place the game shows it (measured on the
#: screens at their text size, with room to spare; the screens also shrink text to fit).
PLACE_CHARS = {"title": 240, "intro": 260, "news": 250, "results": 200, "about": 250}
TERMINAL = ".!?…"
CLOSERS = '”"’»)]'
ELLIPSIS = "…"
MIN_WORDS = 3
#: Fewest words a shortened sentence keeps.
MIN_SHORT_WORDS = 6

#: Words that open a phrase leading into the main clause ("During the summit, …").
LEADING_WORDS = frozenset(
    [
        "in",
        "during",
        "prior",
        "after",
        "before",
        "while",
        "although",
        "though",
        "even",
        "if",
        "when",
        "as",
        "despite",
        "with",
        "following",
        "since",
        "because",
        "unlike",
        "like",
        "for",
        "on",
        "at",
        "by",
        "from",
        "under",
        "over",
        "amid",
        "amidst",
        "through",
        "throughout",
        "within",
        "without",
        "upon",
        "once",
        "whereas",
        "given",
    ]
)
#: Words that start an add-on after a complete clause (", followed by …").
TRAILING_WORDS = frozenset(
    [
        "followed",
        "which",
        "who",
        "whom",
        "whose",
        "where",
        "while",
        "with",
        "including",
        "particularly",
        "especially",
        "despite",
        "amid",
        "amidst",
        "as",
        "after",
        "before",
        "since",
        "because",
        "although",
        "though",
        "whereas",
        "demonstrating",
        "boosting",
        "making",
        "leaving",
        "giving",
        "showing",
        "adding",
        "saying",
        "calling",
        "according",
        "thanks",
        "so",
    ]
)
#: Finite verbs a clause shows without "-ed" (auxiliaries and common irregular pasts).
FINITE_VERBS = frozenset(
    [
        "is",
        "was",
        "were",
        "are",
        "am",
        "be",
        "been",
        "has",
        "had",
        "have",
        "will",
        "would",
        "can",
        "could",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "did",
        "does",
        "do",
        "met",
        "made",
        "gave",
        "took",
        "said",
        "told",
        "drew",
        "sang",
        "began",
        "came",
        "went",
        "saw",
        "led",
        "held",
        "won",
        "got",
        "kept",
        "left",
        "brought",
        "found",
        "became",
        "ran",
        "wrote",
        "struck",
        "rang",
        "spoke",
        "sat",
        "stood",
        "threw",
        "lost",
        "felt",
        "heard",
        "built",
        "sent",
        "paid",
        "put",
        "set",
        "let",
        "cut",
        "hit",
        "knew",
        "thought",
        "taught",
        "caught",
    ]
)
#: Words before an "-ed" word that make it an adjective ("an unprecedented display").
_MODIFIED = frozenset(
    [
        "a",
        "an",
        "the",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "this",
        "that",
        "very",
        "more",
        "most",
        "so",
    ]
)
_BOUNDARY_RE = re.compile(r",\s+|;\s+|:\s+|\s+[–—-]\s+")
_WORD_RE = re.compile(r"[\w’'-]+")


def quotes_balanced(text: str) -> bool:
    """Curly double quotes open and close in order (no nesting); straight ones are even."""
    depth = 0
    for char in text:
        if char == "“":
            if depth:
                return False
            depth = 1
        elif char == "”":
            if not depth:
                return False
            depth = 0
    return depth == 0 and text.count('"') % 2 == 0


def _starts_well(text: str) -> bool:
    body = text.lstrip('“"‘(')
    return bool(body) and body[0].isupper()


def _ends_well(text: str) -> bool:
    body = text.rstrip(CLOSERS)
    return bool(body) and body[-1] in TERMINAL


def caption_problems(text: str) -> list[str]:
    """Why ``text`` is not a whole, showable sentence (empty when it is)."""
    problems = []
    if not text or text != normalise_space(text):
        problems.append("empty or has stray whitespace")
        return problems
    if not _starts_well(text):
        problems.append("does not start with a capital letter or an opening quote")
    if not _ends_well(text):
        problems.append("does not end with terminal punctuation")
    if not quotes_balanced(text):
        problems.append("quotes are not balanced")
    if len(_WORD_RE.findall(text)) < MIN_WORDS:
        problems.append("too few words to be a sentence")
    return problems


def is_whole_sentence(text: str) -> bool:
    return not caption_problems(text)


def _quote_left_open(text: str) -> str:
    """The closing mark of a quotation ``text`` leaves open ("" when none is open)."""
    depth = 0
    for char in text:
        if char == "“":
            depth = 1
        elif char == "”":
            depth = 0
    if depth:
        return "”"
    return '"' if text.count('"') % 2 else ""


def close_open_quote(text: str) -> str:
    """``text`` with a quotation left open at its end closed after the final punctuation.

    An article quotation may run on into the next sentence (or, by a slip, never close);
    one sentence of it shown alone needs its closing mark.
    """
    closer = _quote_left_open(text)
    return text + closer if closer and _ends_well(text) else text


_EDGE_PUNCTUATION = ",;:—– \t\n"


def clean_caption(text: str) -> str:
    """Whitespace collapsed; a dangling quote mark, comma or colon at either end removed.

    Text made only of such marks is returned with its whitespace collapsed (never empty).
    """
    original = text = normalise_space(text)
    text = text.strip(_EDGE_PUNCTUATION)
    if text.endswith("”") and "“" not in text:
        text = text[:-1]
    if text.startswith("“") and "”" not in text:
        text = text[1:]
    if text.count('"') % 2 == 1:
        text = text[:-1] if text.endswith('"') else text.removeprefix('"')
    return text.strip(_EDGE_PUNCTUATION) or original


def shown_sentences(article: Article) -> tuple[str | None, ...]:
    """Each article sentence as it may be shown alone, or None where it cannot be.

    A sentence that starts inside a quotation opened by an earlier sentence is someone's
    words without their name (None); a quotation it leaves open is closed; what is still
    not a whole sentence (no final punctuation, no capital) is None.
    """
    shown: list[str | None] = []
    for span in article.sentence_spans:
        para = article.paragraph_spans[article.paragraph_index_at(span.start)]
        if _quote_left_open(article.text[para.start : span.start]):
            shown.append(None)
            continue
        text = close_open_quote(clean_caption(span.text))
        shown.append(text if is_whole_sentence(text) else None)
    return tuple(shown)


def _asides(text: str) -> list[tuple[int, int]]:
    """(start, end) of quotations, bracketed asides and em-dash asides, where no cut goes."""
    spans = []
    for opener, closer in (("“", "”"), ("(", ")"), ("[", "]")):
        start = None
        for i, char in enumerate(text):
            if char == opener and start is None:
                start = i
            elif char == closer and start is not None:
                spans.append((start, i + 1))
                start = None
        if start is not None:
            spans.append((start, len(text)))
    dashes = [i for i, char in enumerate(text) if char == "—"]
    spans += list(zip(dashes[::2], [d + 1 for d in dashes[1::2]], strict=False))
    quote_marks = [i for i, char in enumerate(text) if char == '"']
    spans += list(zip(quote_marks[::2], [q + 1 for q in quote_marks[1::2]], strict=False))
    return spans


def clause_cuts(text: str) -> list[int]:
    """Offsets where ``text`` may be cut, each after a complete clause, in order."""
    asides = _asides(text)
    first_word = (_WORD_RE.findall(text) or [""])[0].lower()
    cuts = []
    for index, match in enumerate(_BOUNDARY_RE.finditer(text)):
        at = match.start()
        if any(a <= at < b for a, b in asides):
            continue
        main = text[:at].rsplit("—", 1)[-1] if "—" in text[:at] else ""
        if index == 0 and first_word in LEADING_WORDS and not has_finite_verb(main):
            continue  # the opening phrase alone is no sentence (unless a dash aside ended it)
        following = _WORD_RE.match(text, match.end())
        word = following.group().lower() if following else ""
        if word in TRAILING_WORDS or word.endswith("ing"):
            cuts.append(at)
    return cuts


def has_finite_verb(text: str) -> bool:
    """Whether ``text`` shows a verb (a rough test: a listed verb or an "-ed" word after the
    first), so a noun phrase alone ("The viral video footage…") is never taken for a clause."""
    tokens = [token.lower() for token in _WORD_RE.findall(text)]
    return any(
        t in FINITE_VERBS or (i > 0 and t.endswith("ed") and tokens[i - 1] not in _MODIFIED)
        for i, t in enumerate(tokens)
    )


def clause_beginnings(text: str) -> list[tuple[int, str]]:
    """(cut offset, shortened text) for every beginning of ``text`` that ends at a clause
    boundary and is still a whole sentence, shortest first."""
    found = []
    for cut in clause_cuts(text):
        short = text[:cut].rstrip(" ,;:–—-") + ELLIPSIS
        enough = len(_WORD_RE.findall(short)) >= MIN_SHORT_WORDS and has_finite_verb(short)
        if enough and is_whole_sentence(short):
            found.append((cut, short))
    return found


def shorten_at_clause(text: str, max_chars: int) -> str | None:
    """``text`` itself when it fits ``max_chars``, else its longest beginning that ends at a
    clause boundary, with ``…``; None when no boundary gives a whole sentence that fits."""
    if len(text) <= max_chars:
        return text
    fitting = [short for _, short in clause_beginnings(text) if len(short) <= max_chars]
    return fitting[-1] if fitting else None


__all__ = [
    "ELLIPSIS",
    "PLACE_CHARS",
    "caption_problems",
    "clause_beginnings",
    "clause_cuts",
    "clean_caption",
    "close_open_quote",
    "has_finite_verb",
    "is_whole_sentence",
    "quotes_balanced",
    "shorten_at_clause",
    "shown_sentences",
]

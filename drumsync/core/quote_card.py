"""The quote card: one whole sentence someone said in the article, with who said it.

A quotation in the article may hold several sentences; a card shows one of them, in its
quote marks, after the speaker's name as the article first gives it in full
(``President Lee Jae Myung: “Even if our timing was slightly different, …”``). The
speaker is the titled person named in the quotation's sentence, before the quotation (or
after it, as in ``…,” said Mayor Silva.``). A quotation with no named speaker, or no
whole sentence inside it, gives no card.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .article import Article, Quote, Span, keyword_score, split_sentences
from .sentence_rules import clean_caption, is_whole_sentence
from .story_cues import full_names

_NAME_RE = re.compile(r"[A-Z][\w-]*")


@dataclass(frozen=True, slots=True)
class QuoteCard:
    said: str  # one whole sentence, in its quote marks
    speaker: str  # as the article names them in full, e.g. "President Lee Jae Myung"

    @property
    def text(self) -> str:
        return f"{self.speaker}: {self.said}"


def speaker_of(article: Article, quote: Quote, names: Mapping[str, str]) -> str | None:
    """The titled person named in the quotation's sentence (before the quote first)."""
    sentence = article.sentence_spans[article.sentence_index_at(quote.start)]
    before = article.text[sentence.start : quote.start]
    after = article.text[quote.end : sentence.end]
    for region in (before, after):
        for token in _NAME_RE.findall(region):
            if token in names:
                return names[token]
    return None


def _said(quote: Quote) -> list[str]:
    """The whole sentences inside a quotation, each in curly quote marks."""
    inside = split_sentences(quote.text, [Span(0, len(quote.text), quote.text)])
    cards = []
    for span in inside:
        text = clean_caption(span.text)
        if "“" not in text and '"' not in text and is_whole_sentence(text):
            cards.append(f"“{text}”")
    return cards


def quote_cards(article: Article, weights: Mapping[str, float]) -> list[QuoteCard]:
    """Every quote card of the article, the best under ``weights`` first (ties: earlier)."""
    names = full_names(article)
    found: list[tuple[float, int, QuoteCard]] = []
    for quote in article.quote_spans:
        speaker = speaker_of(article, quote, names)
        if speaker is None:
            continue
        for order, said in enumerate(_said(quote)):
            card = QuoteCard(said, speaker)
            found.append((-keyword_score(said, weights), quote.start + order, card))
    found.sort(key=lambda item: item[:2])
    return [card for _, _, card in found]


__all__ = ["QuoteCard", "quote_cards", "speaker_of"]

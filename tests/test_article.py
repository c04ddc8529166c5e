"""Reading the article: files, paragraphs, sentences (U.S., quotes, dashes), quotations."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drumsync.core.article import (
    keyword_score,
    load_article,
    normalise_space,
    parse_article,
)
from drumsync.core.errors import CaptionError
from drumsync.resources import seeds_dir


@pytest.fixture
def article(monkeypatch):
    monkeypatch.delenv("DRUMSYNC_SEEDS", raising=False)
    return load_article()


def test_reads_the_seed_article(article):
    assert article.sources and all(name.endswith(".txt") for name in article.sources)
    raw = "".join(p.read_text(encoding="utf-8") for p in sorted(seeds_dir().glob("*.txt")))
    assert normalise_space(article.text) == normalise_space(raw)
    assert len(article.paragraphs) == 10


def test_every_sentence_and_quote_is_a_verbatim_slice(article):
    for span in (*article.sentence_spans, *article.quote_spans, *article.paragraph_spans):
        assert article.text[span.start : span.end] == span.text
        assert span.text == span.text.strip()
    # Sentences tile each paragraph: nothing but whitespace between them.
    for paragraph in article.paragraph_spans:
        inside = [s for s in article.sentence_spans if paragraph.start <= s.start < paragraph.end]
        rebuilt = " ".join(s.text for s in inside)
        assert normalise_space(rebuilt) == normalise_space(paragraph.text)


def test_us_never_ends_a_sentence(article):
    assert article.text.count("U.S.") == 2
    holders = [s for s in article.sentences if "U.S." in s]
    assert len(holders) == 2
    assert not any(s.endswith("U.S.") for s in article.sentences)
    assert any("U.S. President Donald Trump" in s for s in holders)


def test_sentence_ends_follow_the_rules(article):
    assert len(article.sentences) == 20
    for sentence in article.sentences:
        assert sentence[0].isupper() or sentence[0] == "“"
        assert sentence.rstrip('”"’').endswith((".", "!", "?"))
    # Em dashes (Nara—...—Lee) and en dashes (Korea–Japan) stay inside sentences.
    assert any("Nara—Prime" in s and "hometown—Lee" in s for s in article.sentences)
    assert any("Korea–Japan" in s for s in article.sentences)
    # The unclosed quote ends with its paragraph, which ends the sentence.
    assert any(s.endswith("“KPop Demon Hunters.") for s in article.sentences)
    # A closing quote after the period stays with its sentence.
    assert article.sentences[-1].endswith("with one heart.”")


def test_quotations(article):
    quotes = article.quotes
    assert "Dynamite" in quotes
    assert "a little clumsy," in quotes
    unclosed = [q for q in article.quote_spans if not q.closed]
    assert [q.text for q in unclosed] == ["KPop Demon Hunters."]
    rhythm = [q for q in quotes if "same rhythm" in q]
    assert len(rhythm) == 1
    assert rhythm[0].startswith("Even if our timing") and rhythm[0].endswith("one heart.")
    assert "’" not in "".join(q[:1] for q in quotes)  # apostrophes open nothing


def test_splitter_rules_on_made_up_text():
    text = (
        "Mr. Kim met Dr. Lee in the U.K. on Monday. They played e.g. drums, cymbals etc. "
        "all night! Was it loud? “Very loud,” said J. R. Smith. "
        'He added: "We kept time." Then they left.\n'
        "A second paragraph without an end\n"
        "“An unclosed quote. It runs on\n"
        "Last line – with an en dash – and 3.5 beats."
    )
    article = parse_article(text)
    assert article.sentences == (
        "Mr. Kim met Dr. Lee in the U.K. on Monday.",
        "They played e.g. drums, cymbals etc. all night!",
        "Was it loud?",
        "“Very loud,” said J. R. Smith.",
        'He added: "We kept time."',
        "Then they left.",
        "A second paragraph without an end",
        "“An unclosed quote.",
        "It runs on",
        "Last line – with an en dash – and 3.5 beats.",
    )
    assert article.quotes == ("Very loud,", "We kept time.", "An unclosed quote. It runs on")
    assert [q.closed for q in article.quote_spans] == [True, True, False]


def test_blank_line_paragraphs_allow_soft_wrapped_lines():
    text = "First line of a\nwrapped paragraph. Still it.\n\nSecond\nparagraph."
    article = parse_article(text)
    assert len(article.paragraphs) == 2
    assert article.sentences == (
        "First line of a\nwrapped paragraph.",
        "Still it.",
        "Second\nparagraph.",
    )


def test_keyword_score_counts_stems_once():
    weights = {"drum": 3, "rhythm": 2, "lead": 1}
    assert keyword_score("Drummers drum; drumsticks!", weights) == 3
    assert keyword_score("Rhythmic drumming", weights) == 5
    assert keyword_score("nothing here", weights) == 0


# --- loading and its errors ------------------------------------------------------------


def test_folder_argument_and_env_var(tmp_path: Path, monkeypatch):
    (tmp_path / "b.txt").write_text("Second file.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("\ufeffFirst file. Two sentences.\r\n", encoding="utf-8")
    (tmp_path / "ignored.md").write_text("Not an article.", encoding="utf-8")
    article = load_article(tmp_path)
    assert article.sources == ("a.txt", "b.txt")
    assert article.sentences == ("First file.", "Two sentences.", "Second file.")
    assert article.paragraphs == ("First file. Two sentences.", "Second file.")
    monkeypatch.setenv("DRUMSYNC_SEEDS", str(tmp_path))
    assert load_article() == article


def test_blank_files_among_others_are_skipped(tmp_path: Path):
    (tmp_path / "a.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Only text.", encoding="utf-8")
    assert load_article(tmp_path).sentences == ("Only text.",)


@pytest.mark.parametrize(
    ("setup", "fragment"),
    [
        (lambda d: d / "missing", "article folder not found"),
        (lambda d: d, "no article"),
        (lambda d: (d / "a.txt").write_text(" \n\t\n", encoding="utf-8") and d, "is empty"),
        (lambda d: (d / "a.txt").write_bytes(b"Caf\xe9 drums.") and d, "not UTF-8"),
        (lambda d: (d / "a.txt").write_text("x", encoding="utf-8") and d / "a.txt", "not found"),
    ],
)
def test_missing_empty_or_bad_articles_give_clear_errors(tmp_path: Path, setup, fragment):
    folder = setup(tmp_path)
    with pytest.raises(CaptionError) as caught:
        load_article(folder)
    assert fragment in str(caught.value)
    assert "\n" not in str(caught.value)


def test_env_var_pointing_nowhere(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("DRUMSYNC_SEEDS", str(tmp_path / "nowhere"))
    with pytest.raises(CaptionError, match="nowhere"):
        load_article()


def test_empty_text_is_an_error():
    with pytest.raises(CaptionError, match="empty"):
        parse_article(" \n ")


TOKENS = [*"abcXYZ .,!?;:“”\"’'—–-\n", "U.S.", "Mr.", " Dr. ", "e.g.", "Drum", "rhythm"]
article_text = (
    st.lists(st.sampled_from(TOKENS), min_size=1, max_size=60)
    .map("".join)
    .filter(lambda text: text.strip())
)


@given(article_text)
@settings(max_examples=300, deadline=None)
def test_any_text_splits_into_verbatim_slices(text):
    article = parse_article(text)
    assert article.sentences
    for span in (*article.sentence_spans, *article.quote_spans):
        assert span.text and article.text[span.start : span.end] == span.text
    words_in = normalise_space(" ".join(article.paragraphs))
    assert normalise_space(" ".join(article.sentences)) == words_in

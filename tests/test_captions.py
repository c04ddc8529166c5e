"""Captions: chosen by rules from whatever article is in seeds/, always verbatim."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from articles import OTHER_ARTICLE
from hypothesis import given, settings
from hypothesis import strategies as st

from drumsync.cli.commands.captions_cmd import shown_texts
from drumsync.core.article import load_article, normalise_space, parse_article, words
from drumsync.core.captions import PLACE_CHARS, SCENES, caption, captions
from drumsync.core.errors import CaptionError
from drumsync.core.loading_cards import NEWS_LABEL, TIP_LABEL, loading_cards
from drumsync.core.sentence_rules import (
    caption_problems,
    clause_beginnings,
    clean_caption,
    quotes_balanced,
    shorten_at_clause,
)


@pytest.fixture
def article(monkeypatch):
    monkeypatch.delenv("DRUMSYNC_SEEDS", raising=False)
    return load_article()


@pytest.fixture
def other_folder(tmp_path: Path) -> Path:
    (tmp_path / "story.txt").write_text(OTHER_ARTICLE, encoding="utf-8")
    return tmp_path


def assert_verbatim(text: str, article) -> None:
    assert text, "empty caption"
    assert normalise_space(text) in normalise_space(article.text)


def assert_from_article(text: str, article) -> None:
    """Verbatim, apart from a quotation closed, a speaker named or an ending shortened."""
    assert text, "empty caption"
    said = text.split(": “", 1)[-1] if text.endswith("”") else text
    body = normalise_space(said).strip("“”").removesuffix("…")
    assert body.rstrip(".!?”") in normalise_space(article.text)


def every_text(article) -> list[str]:
    """Every sentence the game can show from ``article`` (what ``captions --json`` prints)."""
    texts = shown_texts(article)
    found = [t for scene in SCENES for t in texts[scene]]
    found += [card["text"] for card in texts["loading"]]
    found += [s[key] for s in texts["tour"] for key in ("intro", "outro") if s[key]]
    return found


@pytest.mark.parametrize("which", ["seed", "other"])
def test_every_shown_text_is_a_whole_sentence(article, which):
    source = article if which == "seed" else parse_article(OTHER_ARTICLE)
    texts = every_text(source)
    assert len(texts) > 10
    for text in texts:
        assert caption_problems(text) == [], text
    for scene in SCENES:
        for text in captions(scene, source):
            assert len(text) <= PLACE_CHARS[scene]
            assert_from_article(text, source)


def test_the_seed_article_slips_are_not_shown(article):
    texts = every_text(article)
    assert not any(
        t.startswith("During his visit to Nara—Prime Minister Takaichi’s hometown")
        and t.endswith("hometown")
        for t in texts
    )
    assert not any(t.startswith("followed by") for t in texts)
    assert not any(t.startswith("In that same spirit") for t in texts), "a quote without speaker"
    dynamite = [t for t in texts if "KPop Demon Hunters" in t]
    assert dynamite and all(t.endswith("Hunters.”") for t in dynamite)
    assert all(
        loose not in texts
        for loose in ("Lee presented his Japanese counterpart with a custom drum set",)
    )


def test_results_is_the_same_rhythm_quote_with_its_speaker(article):
    text = caption("results", article)
    assert text == (
        "President Lee Jae Myung: “Even if our timing was slightly different, our intention "
        "to find the same rhythm was shared.”"
    )
    other = caption("results", parse_article(OTHER_ARTICLE))
    assert (
        other
        == "Mayor Ana Silva: “We lost the beat twice, but we kept the same rhythm in the end.”"
    )


def test_title_tells_the_drumming_story(article):
    text = caption("title", article)
    assert any(w.startswith("drum") for w in words(text))


def test_news_ranks_timing_and_drumming(article):
    news = captions("news", article)
    assert 3 <= len(news) <= 6
    assert len(set(news)) == len(news)
    keywords = ("drum", "rhythm", "timing", "clumsy", "together")
    for text in news:
        assert any(w.startswith(keywords) for w in words(text))
    assert any("clumsy" in text for text in news)
    assert "same rhythm" in news[0]


def test_about_and_credits_are_the_first_sentence(article):
    first = normalise_space(article.sentences[0])
    assert caption("about", article) == first
    assert caption("credits", article) == first


def test_intro_captions_follow_the_tour(article):
    intros = captions("intro", article)
    assert 4 <= len(intros) <= 6
    assert all(a != b for a, b in itertools.pairwise(intros))  # neighbours never repeat
    assert "APEC summit" in intros[0]


def test_loading_cards_say_what_they_are(article):
    cards = loading_cards(article)
    labels = {card.label for card in cards}
    assert labels == {TIP_LABEL, NEWS_LABEL}
    assert cards[0].label == TIP_LABEL
    for card in cards:
        in_news = card.text in captions("news", article)
        assert (card.label == NEWS_LABEL) == in_news
    tips = " ".join(card.text for card in cards if card.label == TIP_LABEL)
    for topic in ("keys", "Calibrate", "Sync", "F3", "Key test"):
        assert topic in tips


def test_shortening_cuts_at_a_clause_boundary_only():
    long = (
        "President Lee’s diplomatic methodology has yielded domestic political benefits, "
        "boosting his approval ratings through a series of carefully orchestrated engagements."
    )
    short = shorten_at_clause(long, 100)
    assert (
        short == "President Lee’s diplomatic methodology has yielded domestic political benefits…"
    )
    assert shorten_at_clause(long, 500) == long
    assert shorten_at_clause(long, 20) is None
    opening = (
        "In an unprecedented display of cultural diplomacy, the two leaders played drums together."
    )
    assert shorten_at_clause(opening, 60) is None  # "In an unprecedented display…" is no sentence
    subject = (
        "The viral video footage of the drumming session, which Lee described as clumsy, "
        "went viral."
    )
    assert shorten_at_clause(subject, 60) is None
    quoted = (
        "He said “we kept the same rhythm, with one heart,” and left the stage, smiling widely."
    )
    for _, text in clause_beginnings(quoted):
        assert quotes_balanced(text)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("During his visit to Nara—Prime Minister Takaichi’s hometown", "terminal"),
        ("followed by an exchange of autographed drumsticks after their performance.", "capital"),
        ("The two leaders danced to “KPop Demon Hunters.", "quotes"),
        ("Lee presented his counterpart with a custom drum set", "terminal"),
        ("Yes.", "few words"),
    ],
)
def test_caption_problems_name_the_fault(text, problem):
    assert any(problem in p for p in caption_problems(text))
    assert caption_problems("He said: “We kept the same rhythm.”") == []


def test_caption_index_wraps_around(article):
    news = captions("news", article)
    assert caption("news", article, index=1) == news[1]
    assert caption("news", article, index=len(news)) == news[0]


def test_unknown_scene():
    with pytest.raises(CaptionError, match="unknown caption scene 'credits-roll'"):
        captions("credits-roll", parse_article("One sentence."))


def test_a_different_article_gives_different_captions(article, other_folder, monkeypatch):
    other = load_article(other_folder)
    assert "We lost the beat twice" in caption("results", other)
    assert caption("title", other).startswith("The mayors of two sister cities")
    for scene in SCENES:
        assert captions(scene, other) != captions(scene, article)
        for text in captions(scene, other):
            assert_from_article(text, other)
    # The default article comes from DRUMSYNC_SEEDS.
    monkeypatch.setenv("DRUMSYNC_SEEDS", str(other_folder))
    assert caption("results") == caption("results", other)
    assert captions("news") == captions("news", other)


def test_rules_fall_back_to_the_best_sentence():
    plain = parse_article("The band rehearsed all week. The drummer counted in. Then it rained.")
    assert caption("results", plain) == "The drummer counted in."  # no quote: best sentence
    assert caption("title", plain) == "The drummer counted in."
    assert len(captions("news", plain)) >= 3
    nothing = parse_article("Nothing matches here at all. Really nothing is here.")
    for scene in SCENES:
        assert captions(scene, nothing)
    assert caption("results", nothing) == "Nothing matches here at all."
    fragments = parse_article("no capital and no stop")
    assert all(captions(scene, fragments) == [] for scene in SCENES)
    assert caption("title", fragments) == ""


def test_missing_or_empty_article_is_an_error(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("DRUMSYNC_SEEDS", str(tmp_path))
    with pytest.raises(CaptionError, match="no article"):
        caption("title")
    (tmp_path / "a.txt").write_text("   \n", encoding="utf-8")
    with pytest.raises(CaptionError, match="empty"):
        captions("results")


def test_clean_caption_trims_dangling_marks_only():
    assert clean_caption("a little clumsy,") == "a little clumsy"
    assert clean_caption("with one heart.”") == "with one heart."
    assert clean_caption("“Unclosed start") == "Unclosed start"
    assert clean_caption("said “yes” twice") == "said “yes” twice"
    assert clean_caption("  spread \n over\tlines ") == "spread over lines"


WORDS = [
    "the",
    "drum",
    "rhythm",
    "beat",
    "leaders",
    "played",
    "in",
    "Kyoto",
    "Mayor",
    "Ana",
    "Silva",
    "said",
    "together",
    "summit",
    "U.S.",
    "which",
    "was",
    "shared",
]
PUNCT = [
    " ",
    " ",
    " ",
    ", ",
    "; ",
    " — ",
    "—",
    ". ",
    "! ",
    "? ",
    "\n",
    "\n\n",
    " “",
    "” ",
    ' "',
    "’s ",
    ": “",
    ".” ",
    "…",
]
ARTICLE_LIKE = st.lists(
    st.tuples(st.sampled_from(WORDS), st.booleans(), st.sampled_from(PUNCT)),
    min_size=1,
    max_size=80,
).map(lambda items: "".join((w.capitalize() if cap else w) + p for w, cap, p in items))


@given(ARTICLE_LIKE)
@settings(max_examples=150, deadline=None)
def test_any_article_like_text_gives_only_whole_sentences(text):
    if not text.strip():
        return
    article = parse_article(text)
    for item in every_text(article):
        assert caption_problems(item) == [], item
    for scene in SCENES:
        for item in captions(scene, article):
            assert len(item) <= PLACE_CHARS[scene]


@given(st.text(alphabet='ab C,;:—“”".!? ', min_size=1, max_size=300), st.integers(20, 200))
@settings(max_examples=200, deadline=None)
def test_shortened_text_is_whole_or_none(text, max_chars):
    short = shorten_at_clause(text, max_chars)
    if short is not None and short != text:
        assert len(short) <= max_chars and caption_problems(short) == []


TOKENS = [*"abcXYZ .,!?;:“”\"’'—–-\n", "U.S.", "drum ", "rhythm ", "in Kyoto ", "the Big Summit "]


@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=50).map("".join))
@settings(max_examples=200, deadline=None)
def test_any_article_gives_whole_sentences_for_every_scene(text):
    if not text.strip():
        return
    article = parse_article(text)
    for scene in SCENES:
        for item in captions(scene, article):
            assert caption_problems(item) == [], item

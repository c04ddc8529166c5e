"""Captions: chosen by rules from whatever article is in seeds/, always verbatim."""

from __future__ import annotations

from pathlib import Path

import pytest
from articles import OTHER_ARTICLE
from hypothesis import given, settings
from hypothesis import strategies as st

from drumsync.core.article import load_article, normalise_space, parse_article, words
from drumsync.core.captions import SCENES, caption, captions, clean_caption
from drumsync.core.errors import CaptionError


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


@pytest.mark.parametrize("scene", SCENES)
def test_every_caption_is_verbatim(article, scene):
    found = captions(scene, article)
    assert found
    for text in found:
        assert_verbatim(text, article)
        assert text == text.strip() and "\n" not in text


def test_results_gets_the_same_rhythm_quote(article):
    text = caption("results", article)
    assert "same rhythm" in text
    assert text.startswith("Even if our timing")
    assert any(text in normalise_space(q) for q in article.quotes)


def test_title_tells_the_drumming_story(article):
    text = caption("title", article)
    assert any(w.startswith("drum") for w in words(text))
    assert text == normalise_space(article.sentences[0])


def test_tips_rank_timing_and_drumming(article):
    tips = captions("tip", article)
    assert 3 <= len(tips) <= 6
    assert len(set(tips)) == len(tips)
    keywords = ("drum", "rhythm", "timing", "clumsy", "together")
    for tip in tips:
        assert any(w.startswith(keywords) for w in words(tip))
    assert any("clumsy" in tip for tip in tips)
    assert "same rhythm" in tips[0]


def test_about_and_credits_are_the_first_sentence(article):
    first = normalise_space(article.sentences[0])
    assert caption("about", article) == first
    assert caption("credits", article) == first


def test_intro_captions_follow_the_tour(article):
    intros = captions("intro", article)
    assert 4 <= len(intros) <= 6
    assert len(set(intros)) == len(intros)
    assert "APEC summit" in intros[0]


def test_caption_index_wraps_around(article):
    tips = captions("tip", article)
    assert caption("tip", article, index=1) == tips[1]
    assert caption("tip", article, index=len(tips)) == tips[0]


def test_unknown_scene():
    with pytest.raises(CaptionError, match="unknown caption scene 'credits-roll'"):
        captions("credits-roll", parse_article("One sentence."))


def test_a_different_article_gives_different_captions(article, other_folder, monkeypatch):
    other = load_article(other_folder)
    assert (
        caption("results", other)
        == "We lost the beat twice, but we kept the same rhythm in the end."
    )
    assert caption("title", other).startswith("The mayors of two sister cities")
    for scene in SCENES:
        assert captions(scene, other) != captions(scene, article)
        for text in captions(scene, other):
            assert_verbatim(text, other)
    # The default article comes from DRUMSYNC_SEEDS.
    monkeypatch.setenv("DRUMSYNC_SEEDS", str(other_folder))
    assert caption("results") == caption("results", other)
    assert captions("tip") == captions("tip", other)


def test_rules_fall_back_to_the_best_sentence():
    plain = parse_article("The band rehearsed all week. The drummer counted in. Then it rained.")
    assert caption("results", plain) == "The drummer counted in."  # no quote: best sentence
    assert caption("title", plain) == "The drummer counted in."
    assert len(captions("tip", plain)) >= 3
    nothing = parse_article("Nothing matches here. Really nothing.")
    for scene in SCENES:
        assert captions(scene, nothing)
    assert caption("results", nothing) == "Nothing matches here."


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


TOKENS = [*"abcXYZ .,!?;:“”\"’'—–-\n", "U.S.", "drum ", "rhythm ", "in Kyoto ", "the Big Summit "]


@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=50).map("".join))
@settings(max_examples=200, deadline=None)
def test_any_article_gives_verbatim_captions_for_every_scene(text):
    if not text.strip():
        return
    article = parse_article(text)
    for scene in SCENES:
        found = captions(scene, article)
        assert found
        for item in found:
            assert item and normalise_space(item) in normalise_space(article.text)

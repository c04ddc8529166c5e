"""The Summit Tour: stages, order, intros, styles and seeds all derived from the article."""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path

import pytest
from articles import OTHER_ARTICLE
from hypothesis import given, settings
from hypothesis import strategies as st

from drumsync.core.article import load_article, normalise_space, parse_article
from drumsync.core.captions import caption, captions
from drumsync.core.chart import STYLES, ChartMeta
from drumsync.core.sentence_rules import caption_problems
from drumsync.core.tour import stage_seed, tour_stages


@pytest.fixture
def article(monkeypatch):
    monkeypatch.delenv("DRUMSYNC_SEEDS", raising=False)
    return load_article()


def test_stages_come_from_the_article_in_story_order(article):
    stages = tour_stages(article)
    names = [stage.name for stage in stages]
    assert 4 <= len(stages) <= 6
    assert [stage.index for stage in stages] == list(range(len(stages)))
    for expected in ("APEC summit", "Nara", "Custom drum set", "Autographed drumsticks"):
        assert expected in names
    # The earlier meeting comes first; the drumsticks were exchanged after the performance.
    assert names[0] == "APEC summit"
    assert names.index("Nara") < names.index("Custom drum set")
    performance = next(s for s in stages if s.kind == "performance")
    assert names.index(performance.name) < names.index("Autographed drumsticks")
    assert len(set(names)) == len(names)


def test_intros_are_verbatim_and_about_their_stage(article):
    stages = tour_stages(article)
    text = normalise_space(article.text)
    for stage in stages:
        body = stage.intro.removesuffix("…").removesuffix("”").rstrip(".")
        assert stage.intro and body in text
        assert caption_problems(stage.intro) == []
    by_name = {stage.name: stage for stage in stages}
    assert "previous meeting at the APEC summit" in by_name["APEC summit"].intro
    assert "Nara" in by_name["Nara"].intro
    assert "custom drum set" in by_name["Custom drum set"].intro
    assert "autographed drumsticks" in by_name["Autographed drumsticks"].intro
    assert all(a.intro != b.intro for a, b in itertools.pairwise(stages))
    assert captions("intro", article) == [stage.intro for stage in stages]


def test_the_tour_ends_on_the_same_rhythm_quote(article):
    stages = tour_stages(article)
    assert all(stage.outro is None for stage in stages[:-1])
    assert stages[-1].outro == caption("results", article)
    assert "same rhythm" in stages[-1].outro


def test_styles_follow_the_text(article):
    stages = tour_stages(article)
    assert all(stage.style in STYLES for stage in stages)
    metal = [s for s in stages if "heavy metal" in s.intro]
    assert metal and all(s.style == "metal" for s in metal)
    kpop = [s for s in stages if "K-pop" in s.intro]
    assert kpop and all(s.style == "dance-pop" for s in kpop)
    assert len({stage.style for stage in stages}) >= 3


def test_difficulty_and_length_rise(article):
    stages = tour_stages(article)
    difficulty = [stage.difficulty for stage in stages]
    bars = [stage.bars for stage in stages]
    assert difficulty == sorted(difficulty) and difficulty[0] < difficulty[-1]
    assert difficulty[0] >= 1 and difficulty[-1] <= 10
    assert bars == sorted(bars) and all(b % 8 == 0 for b in bars)
    assert all(60 <= stage.bpm <= 200 for stage in stages)


def test_seeds_are_fixed_hashes_of_the_names(article):
    stages = tour_stages(article)
    for stage in stages:
        digest = hashlib.sha256(f"drumsync-summit-tour:{stage.name}".encode()).digest()
        assert stage.seed == int.from_bytes(digest[:4], "big") & 0x7FFF_FFFF
        assert stage.seed == stage_seed(stage.name)
    assert len({stage.seed for stage in stages}) == len(stages)
    assert tour_stages(article) == stages  # deterministic


def test_generator_args_match_the_chart_metadata_keys(article):
    meta = ChartMeta("t", "rock", 120.0, 4, 16, 1, 2, 2.0, "unison", 1)
    for stage in tour_stages(article):
        args = stage.generator_args()
        assert args.keys() == meta.generator_args().keys()
        assert args["parts"] in ("unison", "split")


def test_another_article_gives_another_tour(tmp_path: Path, article, monkeypatch):
    (tmp_path / "story.txt").write_text(OTHER_ARTICLE, encoding="utf-8")
    other = load_article(tmp_path)
    stages = tour_stages(other)
    names = [stage.name for stage in stages]
    assert 4 <= len(stages) <= 6
    assert not set(names) & {stage.name for stage in tour_stages(article)}
    assert "Kyoto" in names and "Riverside Festival" in names
    assert names[0] == "Harbor Conference"  # "two years earlier": told as before
    assert "Mayor" not in names and "Ana" not in " ".join(names)  # people are not places
    taiko = next(stage for stage in stages if "taiko" in stage.name)
    assert taiko.style == "euclidean"
    assert stages[-1].outro == (
        "Mayor Ana Silva: “We lost the beat twice, but we kept the same rhythm in the end.”"
    )
    for stage in stages:
        assert stage.intro in normalise_space(other.text)
        assert caption_problems(stage.intro) == []
    monkeypatch.setenv("DRUMSYNC_SEEDS", str(tmp_path))
    assert tour_stages() == stages


def test_an_article_without_cues_still_gives_four_stages():
    sparse = parse_article(
        "The weather was mild. Nobody spoke. It was late. Then it rained. "
        "Everyone left. Drummers gathered in the square."
    )
    stages = tour_stages(sparse)
    assert len(stages) == 4
    assert len({stage.name for stage in stages}) == 4
    assert len({stage.seed for stage in stages}) == 4
    for stage in stages:
        assert stage.intro in sparse.text
    intros = [stage.intro for stage in stages]
    assert "Drummers gathered in the square." in intros  # the best-scoring sentence is in
    assert intros == sorted(intros, key=sparse.text.index)  # told in the article's order
    tiny = parse_article("Drums.")
    assert len(tour_stages(tiny)) == 4


TOKENS = [
    *"abcXYZ .,!?;:“”\"’'—–-\n",
    "U.S.",
    "drum ",
    "in Kyoto ",
    "the Big Summit ",
    "a red drum ",
]


@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=60).map("".join))
@settings(max_examples=150, deadline=None)
def test_any_article_gives_a_valid_tour(text):
    if not text.strip():
        return
    article = parse_article(text)
    stages = tour_stages(article)
    assert 4 <= len(stages) <= 6
    assert len({stage.name for stage in stages}) == len(stages)
    for stage in stages:
        assert stage.name and stage.style in STYLES
        if stage.intro:  # empty only when the article has no whole sentence to give
            assert caption_problems(stage.intro) == []
            body = stage.intro.removesuffix("…").removesuffix("”").removesuffix('"')
            assert body.rstrip(".!?") in normalise_space(article.text)

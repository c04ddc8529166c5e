"""Every screen with the longest names a player can have, in Latin, CJK and emoji: no text
runs off the screen and no two texts overlap.

Each text the screens draw goes through ``TextCache.blit``; the test records the inked box
of every text drawn onto a full-screen surface (the canvas or a screen's composed layer)
and checks the boxes against the screen's edges and against each other.
"""

from __future__ import annotations

import dataclasses

import game_support  # noqa: F401  (dummy SDL drivers first)
import pygame
import pytest

from drumsync.core import generate_chart, parse_spec, simulate
from drumsync.core.voices import Player
from drumsync.game.app import GameApp
from drumsync.game.front import Front, front_options
from drumsync.game.match.plan import MatchPlan
from drumsync.game.match.session import Session
from drumsync.game.match.state import Match
from drumsync.game.runtime import theme
from drumsync.game.runtime.loop import VirtualTimer
from drumsync.game.runtime.text import TextCache
from drumsync.game.screens.how_to_play import HowToPlayScene
from drumsync.game.screens.names.scene import NamesScene
from drumsync.game.screens.results.scene import ResultsScene
from drumsync.game.screens.scores import ScoresScene
from drumsync.game.screens.scores.summary import read_summary
from drumsync.game.screens.title.scene import TitleScene
from drumsync.storage.scores_db import MatchRecord, PlayerResult
from drumsync.storage.settings import NAME_MAX_CHARS

NAMES = {
    "latin": ("Wolfgang Amadeus", "Maximiliana Wwww"),
    "cjk": ("山田太郎山田太郎山田太郎山田太郎", "李小龍李小龍李小龍李小龍李小龍李"),
    "emoji": ("🥁" * NAME_MAX_CHARS, "🎶" * NAME_MAX_CHARS),
}
#: Inked boxes may touch; they may not share more than this many pixels.
OVERLAP_PX = 4


@pytest.fixture
def drawn(monkeypatch):
    """Records (text, inked box, surface) of each text drawn: on the screen (a full-screen
    surface: the canvas or a composed layer) or on a smaller surface (a card drawn apart and
    then placed), whose own edges then bound its texts."""
    records: list[tuple[str, pygame.Rect, tuple]] = []
    kept: list[pygame.Surface] = []  # alive, so that no other surface takes a recorded id
    original = TextCache.blit

    def recording(self, target, text, size, colour, pos, anchor="topleft", alpha=255, shadow=False):
        rect = original(self, target, text, size, colour, pos, anchor, alpha, shadow)
        if text.strip():
            ink = self.render(text, size, colour, alpha).get_bounding_rect()
            full = target.get_size() == (theme.CANVAS_W, theme.CANVAS_H)
            surface = (0, 0, 0) if full else (id(target), *target.get_size())
            kept.append(target)
            records.append((text, ink.move(rect.topleft), surface))
        return rect

    monkeypatch.setattr(TextCache, "blit", recording)
    return records


def problems(records) -> list[str]:
    """Texts off their surface's edges, and pairs of texts on one surface that overlap."""
    found = []
    unique = sorted({(surface, text, tuple(rect)) for text, rect, surface in records})
    for surface in sorted({surface for surface, _, _ in unique}):
        size = (theme.CANVAS_W, theme.CANVAS_H) if surface == (0, 0, 0) else surface[1:]
        found += _problems_on(pygame.Rect((0, 0), size), [u[1:] for u in unique if u[0] == surface])
    return found


def _problems_on(edges: pygame.Rect, items) -> list[str]:
    found = []
    for text, box in items:
        if not edges.contains(pygame.Rect(box)):
            found.append(f"off the {edges.size} surface: {text!r} at {box}")
    for i, (a, box_a) in enumerate(items):
        for b, box_b in items[i + 1 :]:
            if a == b:
                continue  # the same words drawn twice on purpose (the logo's coloured copies)
            clip = pygame.Rect(box_a).clip(pygame.Rect(box_b))
            if clip.width * clip.height > OVERLAP_PX:
                found.append(f"overlap: {a!r} {box_a} and {b!r} {box_b}")
    return found


@pytest.fixture(params=sorted(NAMES))
def front(request):
    session = Session.open()
    p1, p2 = NAMES[request.param]
    session.settings = session.settings.with_name(Player.P1, p1).with_name(Player.P2, p2)
    app = GameApp(front_options(session, sound=False, vsync=False, fps=60.0), VirtualTimer(10.0))
    front = Front(app, session)
    yield front
    app.stack.clear()
    session.close()
    app.close()


def show(front, scene, seconds=0.2):
    front.stack.push(scene)
    for _ in range(max(1, round(seconds * 60))):
        front.app.timer.advance(1 / 60)
        front.stack.update(front.app.timer.now())
    front.stack.draw(front.app.display.canvas)


def outcome_with(chart, names):
    replay = simulate(chart, parse_spec("steady"), parse_spec("clumsy"), seed=3)
    match = Match(chart, mode="duet", player_names=names)
    for event in sorted(replay.events, key=lambda e: e.time_s):
        match.advance(event.time_s)
        match.hit(event)
    return match.finish()[1]


def test_menus_and_cards(front, drawn):
    names = tuple(p.name for p in front.session.settings.players)
    screens = {
        "title": lambda: TitleScene(
            front.ctx,
            on_start=lambda: None,
            notices=[
                "no audio device: ALSA could not open the default card - playing without sound",
                "settings.toml: players.p1.name: too long; using default 'Player 1'",
                "tour progress not saved: permission denied",
            ],
        ),
        "names": lambda: NamesScene(front.ctx, names, remember=False),
        "how to play": lambda: HowToPlayScene(front.ctx, front.session.settings, lambda: None),
    }
    failures = {}
    for name, make in screens.items():
        drawn.clear()
        show(front, make())
        failures[name] = problems(drawn)
        front.stack.clear()
    drawn.clear()
    front.open_modes()
    show(front, front.stack.top.__class__.__new__(front.stack.top.__class__)) if False else None
    front.stack.draw(front.app.display.canvas)
    failures["modes"] = problems(drawn)
    assert not any(failures.values()), failures


def test_the_loading_card_the_match_and_its_results(front, drawn):
    args = {"seed": 3, "style": "rock", "bpm": 120.0, "difficulty": 3, "bars": 4, "parts": "unison"}
    failures = {}
    card = front.flow.start(MatchPlan("duet", args))
    drawn.clear()
    show(front, card) if front.stack.top is not card else front.stack.draw(front.app.display.canvas)
    failures["loading card"] = problems(drawn)
    front.stack.clear()
    plan = MatchPlan("duet", args)
    play = front.flow.build_play(plan, lambda play, outcome: None)
    drawn.clear()
    show(front, play, 0.1)
    failures["ready"] = problems(drawn)
    drawn.clear()
    for _ in range(180):
        front.app.timer.advance(1 / 60)
        front.stack.update(front.app.timer.now())
    play._static = None if False else play._static
    front.stack.draw(front.app.display.canvas)
    failures["playing"] = [p for p in problems(drawn) if "READY" not in p]
    front.stack.clear()
    names = tuple(p.name for p in front.session.settings.players)
    chart = generate_chart(3, "rock", 120.0, 3, 4)
    drawn.clear()
    show(front, ResultsScene(front.ctx, outcome_with(chart, names)))
    failures["results"] = problems(drawn)
    front.stack.clear()
    record = MatchRecord(
        "duet",
        "ab" * 32,
        tuple(PlayerResult(n, 1000) for n in names),
        sync_percent=50.0,
        team_percent=60.0,
        generator_args=args,
    )
    front.session.db.record_match(record)
    for strategy in ("p1_leads", "p2_leads", "mutual", "both_lead", "independent", "unknown"):
        led = dataclasses.replace(record, coordination={"strategy": strategy})
        front.session.db.record_match(led)
    drawn.clear()
    scores = ScoresScene(front.ctx, front.session, read_summary(front.session.db))
    show(front, scores)
    failures["scores"] = problems(drawn)
    drawn.clear()
    scores.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0), 0.0)
    front.stack.draw(front.app.display.canvas)
    assert scores.view == "pair" and len(scores.pairs.current().rows) == 7
    failures["scores, pair view"] = problems(drawn)
    assert not any(failures.values()), failures

"""The Summit Tour: the article's places and moments as stages, played in order.

The stage list (left) shows each stage locked, open or cleared with its best score in the
current mode; the panel (right) previews the selected stage: its intro caption from the
article, what it plays (style, tempo, level, length) and the best match so far. Enter on an
open stage starts it (its intro card comes first); a locked one says which stage opens it.
When every stage is cleared a last row replays the tour's ending. Progress and bests are
re-read whenever the scene comes back to the top.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame

from ....core.scoring import grade_for
from ....core.tour import TourStage
from ....storage.scores_db import ScoresError
from ....storage.tour_progress import stage_id
from ...match.session import Session
from ...runtime import theme
from ...runtime.scenes import Scene
from ...widgets.key_hints import render_hints
from ...widgets.menu_backdrop import FOOTER_Y, render_menu_backdrop
from ...widgets.menu_list import MenuAction, MenuItem, MenuList
from ...widgets.text_fit import GRADE_COLOURS, wrap_words

ENDING_KEY = "ending"
LIST_RECT = pygame.Rect(40, 96, 500, 560)
PANEL_RECT = pygame.Rect(570, 84, theme.CANVAS_W - 610, 584)
TOAST_S = 3.0
CLEARED_COLOUR = theme.OI_GREEN


def stage_key(index: int) -> str:
    return f"stage-{index}"


class TourScene(Scene):
    def __init__(
        self,
        ctx,
        session: Session,
        mode: str,
        on_play: Callable[[TourStage], None],
        on_ending: Callable[[], None] | None = None,
        on_back: Callable[[], None] | None = None,
        mode_label: str = "",
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.session = session
        self.mode = mode
        self.mode_label = mode_label or mode.upper()
        self.on_play = on_play
        self.on_ending = on_ending
        self.on_back = on_back
        self.stages = session.stages
        self.bests: dict = {}
        start = session.progress.next_stage(self.stages)
        self.menu = MenuList(self._items(), selected=start, row_h=64, label_x=78)
        self.toast = ""
        self.toast_until_s = 0.0
        self.now_s = 0.0
        self._backdrop: pygame.Surface | None = None
        self._hints = None

    # -- state --------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.session.db is not None:
            try:
                self.bests = self.session.db.bests(self.mode)
            except (ScoresError, OSError):  # the stages show without their bests
                self.bests = {}
        self.menu.set_items(self._items())
        self._backdrop = None

    def best_for(self, stage: TourStage):
        return self.bests.get(stage_id(stage))

    def state_of(self, index: int) -> str:
        progress = self.session.progress
        if progress.is_cleared(self.stages[index]):
            return "cleared"
        return "open" if progress.is_unlocked(self.stages, index) else "locked"

    def _items(self) -> list[MenuItem]:
        items = []
        for i, stage in enumerate(self.stages):
            state = self.state_of(i)
            best = self.best_for(stage)
            if state == "locked":
                detail = "LOCKED"
            elif best is not None and best.team_percent is not None:
                detail = f"{best.team_percent:.1f}%"
            else:
                detail = "CLEARED" if state == "cleared" else "NEW"
            items.append(
                MenuItem(
                    stage_key(i),
                    stage.name,
                    enabled=state != "locked",
                    detail=detail,
                    accent=CLEARED_COLOUR if state == "cleared" else None,
                )
            )
        if self.session.progress.is_complete(self.stages):
            items.append(MenuItem(ENDING_KEY, "Finale", detail="ENDING"))
        return items

    # -- life cycle ---------------------------------------------------------------------------
    def enter(self) -> None:
        self.now_s = self.ctx.timer.now()
        self.refresh()
        self._hints = render_hints(
            self.ctx.text, (("UP/DOWN", "stage"), ("ENTER", "play"), ("ESC", "back"))
        )

    def uncover(self) -> None:
        self.now_s = self.ctx.timer.now()
        self.refresh()
        self.menu.select(stage_key(self.session.progress.next_stage(self.stages)))
        if self.session.notices:  # e.g. a match that could not be saved
            self._show_toast(self.session.notices[-1])
            self.session.notices.clear()

    # -- input --------------------------------------------------------------------------------
    def handle(self, event: Any, stamp_s: float) -> None:
        action = self.menu.handle(event)
        if action is not None:
            self._act(action)

    def _act(self, action: MenuAction) -> None:
        if action.kind == "back":
            self.go_back(self.on_back)
        elif action.kind == "choose" and action.key == ENDING_KEY:
            if self.on_ending is not None:
                self.on_ending()
        elif action.kind == "choose":
            self.on_play(self.stages[self.menu.selected])
        elif action.kind == "refused":
            before = self.stages[self.menu.selected - 1].name
            self._show_toast(f"Clear “{before}” to open this stage")

    def _show_toast(self, message: str) -> None:
        self.toast = message
        self.toast_until_s = self.ctx.timer.now() + TOAST_S

    def update(self, now_s: float) -> None:
        self.now_s = now_s

    # -- drawing ------------------------------------------------------------------------------
    def draw(self, canvas: pygame.Surface) -> None:
        if self._backdrop is None:
            cleared = sum(self.session.progress.is_cleared(s) for s in self.stages)
            self._backdrop = render_menu_backdrop(
                self.ctx.text,
                "SUMMIT TOUR",
                self.mode_label,
                f"{cleared} / {len(self.stages)} cleared",
            )
        canvas.blit(self._backdrop, (0, 0))
        self.menu.draw(canvas, self.ctx.text, LIST_RECT)
        self._draw_marks(canvas)
        key = self.menu.selected_item.key
        if key == ENDING_KEY:
            self._draw_ending_panel(canvas)
        else:
            self._draw_stage_panel(canvas, self.menu.selected)
        canvas.blit(self._hints, (0, FOOTER_Y - self._hints.get_height() // 2))
        if self.toast and self.now_s < self.toast_until_s:
            self._draw_toast(canvas)

    def _draw_marks(self, canvas: pygame.Surface) -> None:
        """Each stage's number in a disc: filled green when cleared, outlined when open,
        dim when locked; a line joins them, lit as far as the tour has come."""
        text = self.ctx.text
        rows = self.menu.layout(LIST_RECT)
        centres = [(row.x + 44, row.centery) for row in rows[: len(self.stages)]]
        for i in range(len(centres) - 1):
            lit = self.state_of(i) == "cleared"
            colour = CLEARED_COLOUR if lit else theme.PANEL_EDGE
            a, b = centres[i], centres[i + 1]
            pygame.draw.line(canvas, colour, (a[0], a[1] + 17), (b[0], b[1] - 17), 3)
        for i, centre in enumerate(centres):
            state = self.state_of(i)
            if state == "cleared":
                pygame.draw.aacircle(canvas, CLEARED_COLOUR, centre, 16)
                number_colour = theme.BACKGROUND
            elif state == "open":
                pygame.draw.aacircle(canvas, theme.BACKGROUND, centre, 16)
                pygame.draw.aacircle(canvas, theme.PLAYER_COLOURS[theme.Player.P1], centre, 16, 3)
                number_colour = theme.TEXT
            else:
                pygame.draw.aacircle(canvas, theme.LANE_DARK, centre, 16)
                pygame.draw.aacircle(canvas, theme.PANEL_EDGE, centre, 16, 2)
                number_colour = theme.TEXT_FAINT
            text.blit(canvas, str(i + 1), theme.FONT_SMALL, number_colour, centre, "center")

    def _panel(self, canvas: pygame.Surface, colour: theme.Colour) -> None:
        pygame.draw.rect(canvas, theme.PANEL, PANEL_RECT, border_radius=14)
        pygame.draw.rect(canvas, theme.PANEL_EDGE, PANEL_RECT, 2, border_radius=14)
        top = pygame.Rect(PANEL_RECT.x + 16, PANEL_RECT.y, PANEL_RECT.width - 32, 5)
        pygame.draw.rect(canvas, colour, top, border_radius=2)

    def _draw_stage_panel(self, canvas: pygame.Surface, index: int) -> None:
        text = self.ctx.text
        stage = self.stages[index]
        state = self.state_of(index)
        colour = {
            "cleared": CLEARED_COLOUR,
            "open": theme.PLAYER_COLOURS[theme.Player.P1],
            "locked": theme.TEXT_FAINT,
        }[state]
        self._panel(canvas, colour)
        x = PANEL_RECT.x + 32
        y = PANEL_RECT.y + 28
        kicker = f"STAGE {index + 1} OF {len(self.stages)}  ·  {state.upper()}"
        text.blit(canvas, kicker, theme.FONT_TINY, colour, (x, y))
        text.blit(canvas, stage.name, theme.FONT_BIG, theme.TEXT, (x, y + 26))
        y += 100
        width = PANEL_RECT.width - 64
        size = theme.FONT_BODY if len(stage.intro) < 260 else theme.FONT_SMALL
        lines = wrap_words(stage.intro, width, lambda s: text.size(s, size)[0])
        line_h = text.font(size).get_linesize() + 4
        intro_colour = theme.TEXT_DIM if state != "locked" else theme.TEXT_FAINT
        for line in lines[:6]:
            text.blit(canvas, line, size, intro_colour, (x, y))
            y += line_h
        y = max(y + 18, PANEL_RECT.y + 330)
        facts = (
            ("STYLE", stage.style),
            ("TEMPO", f"{stage.bpm:g} BPM"),
            ("LEVEL", str(stage.difficulty)),
            ("LENGTH", f"{stage.bars} bars"),
            ("PARTS", stage.parts),
        )
        column = width // len(facts)
        for i, (label, value) in enumerate(facts):
            fx = x + i * column
            text.blit(canvas, label, theme.FONT_TINY, theme.TEXT_FAINT, (fx, y))
            text.blit(canvas, value, theme.FONT_BODY, theme.TEXT, (fx, y + 22))
        y += 86
        pygame.draw.line(canvas, theme.PANEL_EDGE, (x, y), (PANEL_RECT.right - 32, y))
        y += 18
        self._draw_best(canvas, stage, state, x, y)

    def _draw_best(
        self, canvas: pygame.Surface, stage: TourStage, state: str, x: int, y: int
    ) -> None:
        text = self.ctx.text
        best = self.best_for(stage)
        text.blit(canvas, f"BEST  ·  {self.mode_label}", theme.FONT_TINY, theme.TEXT_FAINT, (x, y))
        if best is None or best.team_percent is None:
            if state == "locked":
                before = self.stages[stage.index - 1].name
                line = f"Clear “{before}” to open this stage."
            elif state == "cleared":
                line = "Cleared. No score in this mode yet."
            else:
                line = "Not played yet. Team grade C or better clears the stage."
            text.blit(canvas, line, theme.FONT_SMALL, theme.TEXT_DIM, (x, y + 30))
            return
        grade = grade_for(best.team_percent)
        text.blit(canvas, grade, theme.FONT_BIG, GRADE_COLOURS.get(grade, theme.TEXT), (x, y + 22))
        gx = x + 64
        text.blit(canvas, f"{best.team_percent:.1f}%", theme.FONT_LABEL, theme.TEXT, (gx, y + 24))
        names = " & ".join(p.name for p in best.players)
        when = best.played_at.astimezone().strftime("%d %b %Y") if best.played_at else ""
        sync = f"sync {best.sync_percent:.1f}%" if best.sync_percent is not None else ""
        line = "  ·  ".join(bit for bit in (names, sync, when) if bit)
        text.blit(canvas, line, theme.FONT_TINY, theme.TEXT_DIM, (gx, y + 62))

    def _draw_ending_panel(self, canvas: pygame.Surface) -> None:
        text = self.ctx.text
        self._panel(canvas, theme.OI_YELLOW)
        x, y = PANEL_RECT.x + 32, PANEL_RECT.y + 28
        text.blit(canvas, "TOUR COMPLETE", theme.FONT_TINY, theme.OI_YELLOW, (x, y))
        text.blit(canvas, "Finale", theme.FONT_BIG, theme.TEXT, (x, y + 26))
        outro = self.stages[-1].outro or ""
        size = theme.FONT_SMALL
        lines = wrap_words(outro, PANEL_RECT.width - 64, lambda s: text.size(s, size)[0])
        y += 110
        for line in lines[:8]:
            text.blit(canvas, line, size, theme.TEXT_DIM, (x, y))
            y += text.font(size).get_linesize() + 2

    def _draw_toast(self, canvas: pygame.Surface) -> None:
        text = self.ctx.text
        w, h = text.size(self.toast, theme.FONT_SMALL)
        box = pygame.Rect(0, 0, w + 40, h + 20)
        box.midbottom = (LIST_RECT.centerx, FOOTER_Y - 24)
        pygame.draw.rect(canvas, theme.PANEL, box, border_radius=10)
        pygame.draw.rect(canvas, theme.OI_ORANGE, box, 2, border_radius=10)
        text.blit(canvas, self.toast, theme.FONT_SMALL, theme.TEXT, box.center, "center")

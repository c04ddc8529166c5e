"""Scenes on a stack: one object per screen, the top one gets input and time.

A scene is pushed over another (pause over play), popped back, or switched for another.
Overlay scenes let the scenes below them show through: drawing starts at the lowest scene
that is covered only by overlays. Only the top scene is updated, so a covered scene freezes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Scene:
    """Base class: override what you need. ``stack`` is set while the scene is on a stack."""

    #: True when the scene below stays visible (drawn first) under this one.
    overlay: bool = False
    #: The title loop (``title_music.py``) plays while a scene on the stack says True and none
    #: says False: a match, or anything with a sound of its own, says False.
    title_music: bool | None = None

    def __init__(self) -> None:
        self.stack: SceneStack | None = None

    def enter(self) -> None:
        """Called once when the scene is put on the stack."""

    def exit(self) -> None:
        """Called once when the scene leaves the stack."""

    def cover(self) -> None:
        """Another scene was pushed on top of this one."""

    def uncover(self) -> None:
        """The scene on top of this one was popped; this one is on top again."""

    def handle(self, event: Any, stamp_s: float) -> None:
        """One input event, stamped on the ``time.perf_counter()`` scale."""

    def update(self, now_s: float) -> None:
        """Advance to ``now_s`` (perf-counter seconds of the latest input poll)."""

    def draw(self, canvas: Any) -> None:
        """Draw onto the logical canvas."""

    def pop_self(self) -> bool:
        """Leave the stack if this scene is on top of it (a callback may have popped it)."""
        if self.stack is not None and self.stack.top is self:
            self.stack.pop()
            return True
        return False

    def go_back(self, on_back: Callable[[], None] | None) -> None:
        """Back out: the owner's ``on_back`` when there is one, else pop this scene."""
        if on_back is not None:
            on_back()
        else:
            self.pop_self()


class SceneStack:
    """Push/pop/switch with enter/exit/cover/uncover calls in a fixed order."""

    def __init__(self, context: Any = None) -> None:
        self.context = context
        self._scenes: list[Scene] = []

    def __len__(self) -> int:
        return len(self._scenes)

    def __bool__(self) -> bool:
        return bool(self._scenes)

    @property
    def scenes(self) -> tuple[Scene, ...]:
        return tuple(self._scenes)

    @property
    def top(self) -> Scene | None:
        return self._scenes[-1] if self._scenes else None

    def push(self, scene: Scene) -> Scene:
        if scene in self._scenes:
            raise ValueError(f"{type(scene).__name__} is already on the stack")
        if self._scenes:
            self._scenes[-1].cover()
        self._scenes.append(scene)
        scene.stack = self
        scene.enter()
        return scene

    def pop(self) -> Scene:
        if not self._scenes:
            raise IndexError("pop from an empty scene stack")
        scene = self._scenes.pop()
        scene.exit()
        scene.stack = None
        if self._scenes:
            self._scenes[-1].uncover()
        return scene

    def switch(self, scene: Scene) -> Scene:
        """Replace the top scene (the one below is not uncovered in between)."""
        if self._scenes:
            old = self._scenes.pop()
            old.exit()
            old.stack = None
        self._scenes.append(scene)
        scene.stack = self
        scene.enter()
        return scene

    def clear(self) -> None:
        while self._scenes:
            scene = self._scenes.pop()
            scene.exit()
            scene.stack = None

    def handle(self, event: Any, stamp_s: float) -> None:
        if self._scenes:
            self._scenes[-1].handle(event, stamp_s)

    def update(self, now_s: float) -> None:
        if self._scenes:
            self._scenes[-1].update(now_s)

    def draw(self, canvas: Any) -> None:
        start = len(self._scenes) - 1
        while start > 0 and self._scenes[start].overlay:
            start -= 1
        for scene in self._scenes[max(start, 0) :]:
            scene.draw(canvas)

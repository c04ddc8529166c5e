"""The scene stack: push/pop/switch order of enter/exit/cover/uncover, input, update, draw."""

from __future__ import annotations

import pytest

from drumsync.game.runtime.scenes import Scene, SceneStack


class Recorder(Scene):
    def __init__(self, name: str, log: list, overlay: bool = False) -> None:
        super().__init__()
        self.name = name
        self.log = log
        self.overlay = overlay

    def enter(self):
        self.log.append(("enter", self.name))

    def exit(self):
        self.log.append(("exit", self.name))

    def cover(self):
        self.log.append(("cover", self.name))

    def uncover(self):
        self.log.append(("uncover", self.name))

    def handle(self, event, stamp_s):
        self.log.append(("handle", self.name, event, stamp_s))

    def update(self, now_s):
        self.log.append(("update", self.name, now_s))

    def draw(self, canvas):
        canvas.append(self.name)


def test_push_pop_switch_call_order():
    log: list = []
    stack = SceneStack()
    a, b, c = Recorder("a", log), Recorder("b", log), Recorder("c", log)
    stack.push(a)
    assert stack.top is a and a.stack is stack
    stack.push(b)
    assert log == [("enter", "a"), ("cover", "a"), ("enter", "b")]
    log.clear()
    stack.switch(c)
    assert log == [("exit", "b"), ("enter", "c")]
    assert stack.scenes == (a, c) and b.stack is None
    log.clear()
    assert stack.pop() is c
    assert log == [("exit", "c"), ("uncover", "a")]
    assert stack.top is a
    stack.pop()
    assert not stack and stack.top is None


def test_switch_on_empty_stack_and_errors():
    log: list = []
    stack = SceneStack()
    a = Recorder("a", log)
    stack.switch(a)
    assert stack.scenes == (a,)
    with pytest.raises(ValueError):
        stack.push(a)
    stack.pop()
    with pytest.raises(IndexError):
        stack.pop()


def test_only_the_top_scene_gets_input_and_time():
    log: list = []
    stack = SceneStack()
    a, b = Recorder("a", log), Recorder("b", log)
    stack.push(a)
    stack.push(b)
    log.clear()
    stack.handle("key", 1.5)
    stack.update(2.0)
    assert log == [("handle", "b", "key", 1.5), ("update", "b", 2.0)]


def test_overlays_draw_over_the_scenes_below_them():
    log: list = []
    stack = SceneStack()
    stack.push(Recorder("menu", log))
    stack.push(Recorder("play", log))
    stack.push(Recorder("pause", log, overlay=True))
    stack.push(Recorder("confirm", log, overlay=True))
    drawn: list = []
    stack.draw(drawn)
    assert drawn == ["play", "pause", "confirm"]
    stack.pop()
    stack.pop()
    drawn.clear()
    stack.draw(drawn)
    assert drawn == ["play"]


def test_clear_exits_every_scene_top_first():
    log: list = []
    stack = SceneStack()
    stack.push(Recorder("a", log))
    stack.push(Recorder("b", log))
    log.clear()
    stack.clear()
    assert log == [("exit", "b"), ("exit", "a")]
    assert len(stack) == 0

"""The option form on its own: range steps and typed numbers, the events each row kind
gives, held keys repeating, and rows scrolled into a rectangle."""

from __future__ import annotations

import pygame
import pytest

from drumsync.game.runtime.input.key_repeat import (
    MAX_REPEATS_PER_UPDATE,
    REPEAT_DELAY_S,
    REPEAT_INTERVAL_S,
    KeyRepeat,
)
from drumsync.game.widgets.form.layout import RowLayout
from drumsync.game.widgets.form.option_form import OptionForm
from drumsync.game.widgets.form.rows import Action, Choice, Range, Row, Toggle


def test_range_steps_snap_and_typed_numbers():
    bpm = Range(40, 300, 1, 10, name="tempo")
    assert bpm.moved(125, 1, big=True) == 130 and bpm.moved(125, -1, big=True) == 120
    assert bpm.moved(300, 1) == 300 and bpm.moved(40, -1, big=True) == 40
    speed = Range(0.5, 3.0, 0.1, 0.5, integer=False)
    value = 1.0
    for _ in range(3):
        value = speed.moved(value, 1)
    assert value == 1.3
    assert speed.parse(" 2.5 ") == 2.5
    seed = Range(0, 2**63 - 1, 1)
    assert seed.parse("9223372036854775807") == 2**63 - 1
    assert seed.moved(2**62 + 1, 1) == 2**62 + 2
    for bad, words in (("", "nothing is not a number"), ("1e400", "must be"), ("120.5", "whole")):
        with pytest.raises(ValueError, match=words):
            bpm.parse(bad)


def test_form_events_for_each_kind():
    rows = [
        Row("pick", "Pick", Choice(("a", "b", "c"), wrap=False), group="one"),
        Row("flag", "Flag", Toggle(), group="one"),
        Row("go", "Go", Action(), group="two"),
        Row("num", "Num", Range(0, 10, 2, typed=False), group="two"),
    ]
    form = OptionForm(rows, {"pick": "a", "flag": False, "num": 4})
    assert form.change(-1) is None  # no wrap below the first option
    assert form.change(1).value == "b"
    assert form.activate().value == "c"
    form.move(1)
    assert form.activate().value is True
    assert form.jump_group(1).key == "go"
    assert form.activate().kind == "activated"
    form.move(1)
    event = form.activate()  # an untyped range: Enter is the scene's to decide
    assert (event.kind, event.key, event.value) == ("activated", "num", 4)
    assert form.press(pygame.K_ESCAPE).kind == "back"
    with pytest.raises(ValueError):
        OptionForm([rows[0], rows[0]], {})


def test_held_key_repeats_after_the_delay_and_catches_up_only_a_little():
    held = KeyRepeat((pygame.K_UP,))
    held.pressed(pygame.K_a, 0, 0.0)  # not a repeating key
    assert list(held.due(10.0)) == []
    held.pressed(pygame.K_UP, 1, 0.0)
    assert list(held.due(REPEAT_DELAY_S / 2)) == []
    assert list(held.due(REPEAT_DELAY_S + 1.5 * REPEAT_INTERVAL_S)) == [(pygame.K_UP, 1)] * 2
    assert len(list(held.due(60.0))) == MAX_REPEATS_PER_UPDATE  # after a stall, no race
    assert list(held.due(60.0)) == []
    assert len(list(held.due(60.0 + REPEAT_INTERVAL_S))) == 1
    held.released(pygame.K_DOWN)  # another key's release changes nothing
    assert len(list(held.due(61.0))) == MAX_REPEATS_PER_UPDATE
    held.released(pygame.K_UP)
    assert list(held.due(100.0)) == []


def test_rows_scroll_to_the_selection_and_are_found_under_a_point():
    layout = RowLayout()
    area = pygame.Rect(0, 100, 200, 3 * 40)
    first = layout.place(range(6), 0, area, 40, "all")
    assert [index for index, _ in first.rows] == [0, 1, 2]
    assert (first.more_above, first.more_below, first.end_y) == (False, True, 220)
    assert layout.row_at((10, 145)) == 1 and layout.row_at((10, 137)) is None  # the gap
    last = layout.place(range(6), 5, area, 40, "all")
    assert [index for index, _ in last.rows] == [3, 4, 5]
    assert (last.more_above, last.more_below) == (True, False)
    assert layout.rect_of(0) is None and layout.rect_of(5) == pygame.Rect(0, 180, 200, 36)
    assert [i for i, _ in layout.place(range(6), 4, area, 40, "all").rows] == [3, 4, 5]
    assert [i for i, _ in layout.place(range(6), 4, area, 40, "other").rows] == [2, 3, 4]

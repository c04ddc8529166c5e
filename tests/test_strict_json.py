"""The strict JSON reader shared by charts, replays and network messages: each problem comes
out in the format's own error type and words (the callers' own tests pin their messages)."""

from __future__ import annotations

import pytest

from drumsync.core.strict_json import StrictJson, first_line


class WordsError(Exception):
    pass


class ValueWordsError(ValueError):
    """An error type that is also a ValueError must still pass through unchanged."""


def words(error: type[Exception] = WordsError, **changes) -> StrictJson:
    return StrictJson(
        error=error,
        max_bytes=2 * 1024 * 1024,
        too_large="over {max_mib} MiB ({max_bytes} bytes)",
        not_utf8="bad byte {start}",
        syntax="syntax: {msg} @{line}:{column}",
        too_deep="deep ({reason})",
        bad_value="value ({reason})",
        reason=lambda exc: first_line(exc, "none"),
        **changes,
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"x" * (2 * 1024 * 1024 + 1), "over 2 MiB (2097152 bytes)"),
        ("x" * (2 * 1024 * 1024 + 1), "over 2 MiB (2097152 bytes)"),
        (b'{"a": \xff}', "bad byte 6"),
        (b"[NaN]", "NaN is not allowed (numbers must be finite)"),
        ("[-Infinity]", "-Infinity is not allowed (numbers must be finite)"),
        ('{"a": 1, "b": {"c": 2, "c": 3}}', "duplicate key 'c'"),
        ("[1,]", "syntax: Expecting value @1:4"),
        ("[" * 100_000 + "]" * 100_000, "deep (maximum recursion depth exceeded"),
        ("9" * 5000, "value (Exceeds the limit (4300 digits)"),
        (3.5, "expected JSON text, got float"),
    ],
)
def test_each_problem_is_one_line_in_the_formats_words(data, message):
    with pytest.raises(WordsError) as caught:
        words().parse(data)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)
    assert caught.value.__cause__ is None


def test_valid_json_reads_as_json_does():
    assert words().parse('\ufeff{"a": [1, 2.5, "x", null, true]}') == {
        "a": [1, 2.5, "x", None, True]
    }
    assert words().parse(b"[1e999]") == [float("inf")]  # allowed unless the format says not


def test_the_options_change_only_what_they_name():
    strict = words(
        huge_number="{text} is too big",
        text_too_large="text over {max_mib} MiB",
        show_key=lambda key: f"<{key}>",
        byte_types=(bytes,),
        strip_bom=False,
        not_text="not text: {type}",
    )
    for data, message in [
        (b"[1e999]", "1e999 is too big"),
        ("x" * (2 * 1024 * 1024 + 1), "text over 2 MiB"),
        ('{"k": 1, "k": 1}', "duplicate key <k>"),
        (bytearray(b"[]"), "not text: bytearray"),
        ("\ufeff[]", "syntax: Unexpected UTF-8 BOM"),
    ]:
        with pytest.raises(WordsError, match=message.replace("(", r"\(")):
            strict.parse(data)
    assert words(byte_types=(bytes, bytearray, memoryview)).parse(memoryview(b"[1]")) == [1]


def test_a_format_error_that_is_a_value_error_is_not_reworded():
    with pytest.raises(ValueWordsError, match=r"^duplicate key 'a'$"):
        words(ValueWordsError).parse('{"a": 1, "a": 2}')

"""Every importer, fed damaged or random input, either imports or fails with one clear line
(an ImportFileError naming the file): never another exception, never a hang."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from song_files import SONGS, pygame_data

from drumsync.core.importers import ImportFileError, import_song

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

TJA_PIECES = st.sampled_from(
    ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "A", "B", "C", ",", "\n", " ",
     "#BPMCHANGE 90\n", "#BPMCHANGE -3\n", "#DELAY 0.5\n", "#DELAY -0.25\n", "#MEASURE 3/4\n",
     "#MEASURE 0/4\n", "#MEASURE 7/x\n", "#BRANCHSTART p,1,2\n", "#N\n", "#E\n", "#M\n",
     "#BRANCHEND\n", "#SCROLL 2\n", "#GOGOSTART\n", "#SECTION\n", "#START\n", "#END\n",
     "#START P1\n", "#START P2\n", "STYLE:Double\n", "COURSE:Edit\n", "BPM:0\n", "OFFSET:2\n",
     "// comment\n", "é", "\x00"]
)  # fmt: skip


def check(path, **kwargs):
    try:
        chart, report = import_song(path, **kwargs)
    except ImportFileError as exc:
        message = str(exc)
        assert "\n" not in message and path.name in message
        return None
    assert chart.note_count > 0 and report.notes[0] + report.notes[1] == chart.note_count
    return chart


@FUZZ
@given(st.lists(TJA_PIECES, max_size=80))
def test_tja_fuzz(tmp_path, pieces):
    path = tmp_path / "fuzz.tja"
    path.write_text("TITLE:f\nBPM:120\nOFFSET:-1\n#START\n" + "".join(pieces) + "\n#END\n")
    check(path)


@FUZZ
@given(st.binary(max_size=400))
def test_every_format_on_random_bytes(tmp_path, data):
    for suffix in (".tja", ".osu", ".mid", ".chart"):
        path = tmp_path / f"fuzz{suffix}"
        path.write_bytes(data)
        check(path)


def mutations(text: str):
    return st.tuples(
        st.integers(0, max(0, len(text) - 1)),
        st.integers(0, 40),
        st.text(alphabet="0123456789-,.:= \n|#ABNTS", max_size=12),
    )


@pytest.mark.parametrize("name", ["taiko.osu", "pro_drums.chart", "branches.tja"])
@FUZZ
@given(data=st.data())
def test_mutated_fixtures(tmp_path, name, data):
    text = (SONGS / name).read_text()
    at, cut, insert = data.draw(mutations(text))
    path = tmp_path / name
    path.write_text(text[:at] + insert + text[at + cut :])
    check(path)


@FUZZ
@given(st.integers(0, 6000), st.binary(min_size=1, max_size=8))
def test_damaged_midi(tmp_path, at, junk):
    data = pygame_data("MIDI_sample.mid").read_bytes()
    path = tmp_path / "damaged.mid"
    path.write_bytes(data[:at] + junk + data[at + len(junk) :])
    check(path)

"""The compiled scorer loops: built by the install, identical to the numpy path, and safely
left unused when missing, stale or turned off."""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from factories import make_chart
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_judge_equivalence import matches

from drumsync.core import kernel
from drumsync.core.batch import judge_batch
from drumsync.core.events import EventArrays
from drumsync.core.report import build_report, score_events
from drumsync.core.scoring import fold_order, fold_tiers, score_player
from drumsync.core.sync import POINT_TOLERANCE_S, shared_points

REPO = Path(__file__).resolve().parent.parent
needs_compiled = pytest.mark.skipif(
    kernel.compiled() is None and not os.environ.get(kernel.DISABLE_ENV),
    reason=f"compiled scorer loops: {kernel.status()}",
)


numpy_path = kernel.turned_off


def test_the_install_built_the_compiled_loops_where_there_is_a_compiler():
    if not (shutil.which("cc") or shutil.which("gcc")):
        pytest.skip("no C compiler on this machine")
    assert kernel.LIBRARY_PATH.is_file(), "the install did not build the compiled scorer"
    assert kernel.status() == "compiled"


def test_turning_the_compiled_loops_off_is_reported():
    with numpy_path():
        assert kernel.compiled() is None
        assert kernel.status().startswith("numpy")


@needs_compiled
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(matches(), st.booleans())
def test_compiled_and_numpy_judge_and_report_identically(match, shuffle):
    chart, events, offsets, windows, _ = match
    if shuffle:
        events = events[::-1]  # out of time order: both take the hits in stable time order
    arrays = EventArrays.from_events(events)
    compiled = judge_batch(chart, arrays, windows, offsets)
    with numpy_path():
        plain = judge_batch(chart, arrays, windows, offsets)
        plain_report = build_report(chart, plain)
    assert compiled == plain, compiled.difference(plain)
    assert build_report(chart, compiled) == plain_report
    # score() judges and scores in one compiled call: the same report.
    assert score_events(chart, arrays, windows, offsets) == plain_report


# Times on a grid a hair finer than the point tolerance, so notes fall just inside and just
# outside one another's points; and arbitrary times.
near_time = st.integers(0, 60).map(lambda k: k * POINT_TOLERANCE_S * 0.75)
any_time = st.floats(0.0, 1e-4, allow_nan=False)
times = st.lists(st.one_of(near_time, any_time), max_size=30).map(sorted)


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(times, times)
def test_compiled_and_numpy_find_the_same_shared_points(t1, t2):
    chart = make_chart(p1=[(t, 0) for t in t1], p2=[(t, 0) for t in t2])
    compiled = shared_points(chart)
    with numpy_path():
        plain = shared_points(chart)
    for name in ("time_s", "start", "stop"):
        for mine, theirs in zip(getattr(compiled, name), getattr(plain, name), strict=True):
            np.testing.assert_array_equal(mine, theirs)


@needs_compiled
@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 3), max_size=400), st.randoms(use_true_random=False))
def test_compiled_fold_equals_the_numpy_fold(tiers, random):
    from drumsync.core.judgement import PlayerJudgements

    count = len(tiers)
    judged = np.array([random.random() for _ in range(count)])
    hit = np.where(np.array(tiers) < 3, judged, np.nan)
    judgements = PlayerJudgements(np.array(tiers, np.int8), hit, hit, judged, np.zeros(0))
    compiled = score_player(judgements)
    with numpy_path():
        assert score_player(judgements) == compiled
        order = fold_order(judgements)
        assert fold_tiers(judgements.tier[order]) == (
            compiled.points,
            compiled.combo,
            compiled.max_combo,
        )


def test_bad_events_raise_the_numpy_paths_errors_from_the_compiled_loop():
    chart = make_chart(p1=[(0.5, 0)], p2=[(0.5, 1)])
    bad = [
        EventArrays(np.array([0.1, np.nan]), np.array([0, 0], np.int8), np.array([0, 0], np.int8)),
        EventArrays(np.array([0.1, 0.2]), np.array([0, 2], np.int8), np.array([0, 0], np.int8)),
        EventArrays(np.array([0.1, 0.2]), np.array([0, 1], np.int8), np.array([0, 9], np.int8)),
        EventArrays(np.array([0.2, 0.1]), np.array([0, 1], np.int8), np.array([9, 0], np.int8)),
        EventArrays(np.array([0.1]), np.array([0, 1], np.int8), np.array([0, 0], np.int8)),
    ]
    for arrays in bad:
        with pytest.raises(ValueError) as compiled:
            judge_batch(chart, arrays)
        with numpy_path(), pytest.raises(ValueError) as plain:
            judge_batch(chart, arrays)
        assert str(compiled.value) == str(plain.value)


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler on this machine")
def test_a_library_built_from_other_source_is_left_unused(tmp_path):
    source = tmp_path / "old.c"
    text, changed = re.subn(
        r"ds_kernel_version\(void\) \{ return \d+; \}",
        "ds_kernel_version(void) { return 0; }",
        kernel.SOURCE_PATH.read_text(),
    )
    assert changed == 1
    source.write_text(text)
    library = tmp_path / "_judge_kernel.bin"
    others = [str(path) for path in kernel.SOURCE_PATHS if path != kernel.SOURCE_PATH]
    subprocess.run(
        [
            "cc",
            "-shared",
            "-fPIC",
            f"-I{kernel.SOURCE_PATH.parent}",
            "-o",
            str(library),
            str(source),
            *others,
            "-lm",
        ],
        check=True,
    )
    assert _why_not_loaded(library).startswith("built from other source: version 0")


def _why_not_loaded(path: Path) -> str:
    """Why the library at ``path`` would be left unused ("" if it would be used)."""
    saved = kernel.LIBRARY_PATH
    kernel.LIBRARY_PATH = path
    try:
        library, why = kernel._load()
    finally:
        kernel.LIBRARY_PATH = saved
    assert (library is None) == bool(why)
    return why


def test_a_missing_library_leaves_scoring_to_numpy(tmp_path):
    assert _why_not_loaded(tmp_path / "none.bin").startswith("not built")


def test_version_says_which_scoring_loops_are_in_use():
    done = subprocess.run(
        [sys.executable, "-m", "drumsync", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert f"(scoring loops: {kernel.status()})" in " ".join(done.stdout.split())


@needs_compiled
def test_the_compiled_loops_refuse_what_would_send_them_out_of_bounds():
    from drumsync.core.kernel import calls

    library = kernel.compiled()
    base, step = np.array([1000, 750, 500, 0]), np.array([100, 75, 50, 0])
    for tiers, order in (([0, 5], [0, 1]), ([0, 1], [0, 7]), ([0, 1], [0, -1]), ([0], [0, 0])):
        with pytest.raises(ValueError):
            calls.fold(library, np.array(tiers, np.int8), np.array(order), (base, step, 3, 10, 10))
    tiers, hits = np.zeros(3, np.int8), np.arange(3.0)
    for start, stop in (([0, 2], [2, 9]), ([0, 2], [2, 2]), ([-1], [1]), ([0], [1, 2])):
        with pytest.raises(ValueError):
            calls.point_hit_times(library, tiers, hits, np.array(start), np.array(stop), 2)
    np.testing.assert_array_equal(
        calls.point_hit_times(library, tiers, hits, np.array([0, 2]), np.array([2, 3]), 2),
        [0.5, 2.0],
    )


hit_or_miss = st.one_of(st.just(math.nan), st.floats(-0.08, 0.08, allow_nan=False))


@needs_compiled
@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(hit_or_miss, hit_or_miss), max_size=60), st.floats(0.1, 1.0))
def test_compiled_and_numpy_pair_deltas_are_identical(points, spacing):
    from drumsync.core.sync import PairDeltas, sync_from_points

    chart_t = np.arange(len(points)) * spacing
    point_time_s = (chart_t, chart_t.copy())
    hit_time_s = tuple(chart_t + np.array([p[i] for p in points] or [], float) for i in (0, 1))
    compiled = PairDeltas.of(point_time_s, hit_time_s)
    with numpy_path():
        plain = PairDeltas.of(point_time_s, hit_time_s)
        plain_sync = sync_from_points(point_time_s, hit_time_s, 0.5, plain)
    for name in ("both", "delta_ms", "credits", "tier_counts"):
        np.testing.assert_array_equal(getattr(compiled, name), getattr(plain, name))
    assert compiled.lags == plain.lags
    assert sync_from_points(point_time_s, hit_time_s, 0.5, compiled) == plain_sync


@needs_compiled
def test_compiled_and_numpy_score_a_long_bench_match_identically():
    from drumsync.bench.judging import OFFSETS_MS, synthetic_chart, synthetic_events

    chart = synthetic_chart(3000, seed=5)
    events = synthetic_events(chart, seed=5)
    compiled = score_events(chart, events, offsets_ms=OFFSETS_MS)
    assert compiled.sync.xcorr_lag0 is not None and compiled.sync.both_hit > 1000
    with numpy_path():
        assert score_events(chart, events, offsets_ms=OFFSETS_MS) == compiled


@needs_compiled
def test_a_crowded_chart_folds_in_the_same_order_on_both_paths():
    # 3,000 notes in a fifth of a second: hits judged up to 135 ms from their notes land
    # thousands of places from them in judged-time order, past the insertion sort's budget.
    rng = np.random.default_rng(3)
    notes = sorted(
        zip(rng.uniform(0, 0.2, 3000).tolist(), rng.integers(0, 4, 3000).tolist(), strict=True)
    )
    chart = make_chart(p1=notes, p2=notes[::2])
    hits = rng.uniform(-0.1, 0.3, 4000)
    arrays = EventArrays(
        np.sort(hits),
        rng.integers(0, 2, 4000).astype(np.int8),
        rng.integers(0, 4, 4000).astype(np.int8),
    )
    compiled = score_events(chart, arrays)
    with numpy_path():
        plain = build_report(chart, judge_batch(chart, arrays))
    assert compiled == plain
    assert compiled.players[0].max_combo > 10


def test_work_arrays_are_kept_per_name_and_thread_up_to_a_limit():
    import threading

    from drumsync.core import work_buffers

    first = work_buffers.work_array("test", 10)
    first[:] = 7.0
    again = work_buffers.work_array("test", 5)
    assert again.base is first.base and len(again) == 5
    assert work_buffers.work_array("other", 5).base is not first.base
    elsewhere = []
    thread = threading.Thread(target=lambda: elsewhere.append(work_buffers.work_array("test", 5)))
    thread.start()
    thread.join()
    assert elsewhere[0].base is not first.base
    huge = work_buffers.work_array("test", work_buffers.KEEP_AT_MOST + 1)
    assert huge.base is None and work_buffers.work_array("test", 5).base is first.base

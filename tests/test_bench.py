"""The benchmark script keeps working (its figures are printed, never asserted)."""

from __future__ import annotations

from drumsync.bench.__main__ import main


def test_quick_bench_prints_every_figure(capsys, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    assert main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "identical results: True" in out
    assert "same as live Judge and numpy path: True   tier counts agree: True" in out
    for figure in (
        "hits/s",
        "x real time",
        "kit_build_ms",
        "scene+flip",
        "of the floor",
        "import:",
        "score()",
        "bGLS, both players",
        "export-audio peak",
        "match music peak",
        "practice at 50 %",
        "beat analysis",
    ):
        assert figure in out
    assert "failed:" not in out  # every path of the imported song measured
    for style in ("dance-pop", "rock", "metal", "euclidean"):
        assert style in out


def test_unknown_section_is_a_usage_error(capsys):
    try:
        main(["--quick", "nonsense"])
    except SystemExit as exc:
        assert exc.code == 2
    else:
        raise AssertionError("an unknown section must be refused")
    assert "unknown section" in capsys.readouterr().err


def test_a_freshly_loaded_chart_is_the_same_chart_with_nothing_worked_out():
    from drumsync.bench.judging import synthetic_chart
    from drumsync.bench.plain_ratio import freshly_loaded
    from drumsync.core import chart_identity
    from drumsync.core.note_groups import note_groups
    from drumsync.core.sync import chart_shared_points

    chart = synthetic_chart(200, seed=1)
    per_chart = (chart_identity._kept_hash, note_groups, chart_shared_points)
    for worked_out in per_chart:
        worked_out(chart)
    fresh = freshly_loaded(chart)
    assert all(w.kept(chart) is not None and w.kept(fresh) is None for w in per_chart)
    assert chart_identity.chart_hash(fresh) == chart_identity.chart_hash(chart)
    assert all(a == b for a, b in zip(fresh.parts, chart.parts, strict=True))

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
    assert "same as live Judge: True   tier counts agree: True" in out
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
    from drumsync.core.chart_identity import chart_hash

    chart = synthetic_chart(200, seed=1)
    chart_hash(chart), chart.note_groups, chart.shared_points  # worked out on the original
    fresh = freshly_loaded(chart)
    assert not {"content_hash", "note_groups", "shared_points"} & set(vars(fresh))
    assert chart_hash(fresh) == chart_hash(chart)
    assert all(a == b for a, b in zip(fresh.parts, chart.parts, strict=True))

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

"""How the host's chart reaches the other side (pure: the caller reads the files).

A generated chart travels as its generator arguments plus its content hash; the other side
generates it again and checks the hash (a different generator version would make another
chart, and says so). Any other chart (a file, an imported song) travels by content hash
only: the other side must already hold a chart with that hash, or it refuses with a message
naming the chart. Chart contents never cross the link, so a peer cannot make us write a file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..core.chart import Chart
from ..core.chart_identity import chart_hash
from ..core.errors import ChartError
from ..core.generator import generate_chart
from ..core.windows import WINDOW_PRESETS
from .messages import MAX_TEXT_CHARS

KINDS = ("generated", "file")


class ChartRefused(ChartError):
    """This side cannot play the chart the host chose; the message says why."""


@dataclass(frozen=True, slots=True)
class ChartOffer:
    """The ``chart`` message's fields."""

    kind: str
    hash: str
    title: str
    args: dict | None
    windows: str = "standard"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown chart kind {self.kind!r}")
        if (self.args is None) != (self.kind == "file"):
            raise ValueError("a generated chart carries its arguments, a file chart none")
        if self.windows not in WINDOW_PRESETS:
            raise ValueError(f"unknown windows preset {self.windows!r}")

    def to_fields(self) -> dict:
        return {
            "kind": self.kind,
            "hash": self.hash,
            "title": self.title,
            "args": self.args,
            "windows": self.windows,
        }

    @classmethod
    def from_fields(cls, fields) -> ChartOffer:
        return cls(
            fields["kind"], fields["hash"], fields["title"], fields["args"], fields["windows"]
        )


def _regenerates(chart: Chart, digest: str) -> bool:
    """Whether the generator makes the chart whose content hash is ``digest`` from its args."""
    try:
        return chart_hash(generate_chart(**chart.meta.generator_args())) == digest
    except ChartError:
        return False


def offer_for(chart: Chart, windows: str = "standard") -> ChartOffer:
    """The offer for ``chart``: by its arguments when the generator makes exactly this chart
    again (a saved generated chart counts), else by content hash."""
    title = (chart.meta.title or "untitled")[:MAX_TEXT_CHARS]
    if not title.isprintable():
        title = "untitled"
    digest = chart_hash(chart)
    if _regenerates(chart, digest):
        return ChartOffer("generated", digest, title, dict(chart.meta.generator_args()), windows)
    return ChartOffer("file", digest, title, None, windows)


def accept_offer(offer: ChartOffer, library: Iterable[Chart] = ()) -> Chart:
    """The chart ``offer`` names, built or found here; :class:`ChartRefused` otherwise.

    ``library`` is every chart this side holds (only searched for a file chart)."""
    if offer.kind == "generated":
        try:
            chart = generate_chart(**offer.args)
        except ChartError as error:
            raise ChartRefused(f"cannot generate the host's chart: {error}") from None
        if chart_hash(chart) != offer.hash:
            raise ChartRefused(
                f"the host's chart {offer.title!r} comes out differently here (generator version "
                f"{chart.meta.generator_version}): both players need the same DrumSync version"
            )
        return chart
    for chart in library:
        if chart_hash(chart) == offer.hash:
            return chart
    raise ChartRefused(
        f"you do not have the host's chart {offer.title!r} (content hash {offer.hash[:12]}...): "
        "get the same chart file and join again"
    )


__all__ = ["ChartOffer", "ChartRefused", "accept_offer", "offer_for"]

"""``drumsync rate``: the difficulty rating computed from a chart's notes."""

from __future__ import annotations

import json

from ..options import add_json_option, add_song_options, load_chart_arg


def register(sub) -> None:
    p = sub.add_parser("rate", help="rate a chart's difficulty from its notes")
    p.add_argument("chart", metavar="CHART", help="chart file (JSON) or song file")
    add_song_options(p, with_parts=True)
    add_json_option(p, "the rating")
    p.set_defaults(handler=run)


def run(args) -> int:
    from ...core import rate_chart
    from ...core.chart import SOURCE_FORMATS

    chart = load_chart_arg(args.chart, args)
    rating = float(rate_chart(chart))
    m = chart.meta
    if args.json:
        print(json.dumps({"rating": rating, "requested": m.difficulty, "title": m.title}))
    else:
        source = (
            f"imported from {m.style}"
            if m.style in SOURCE_FORMATS
            else f"requested difficulty {m.difficulty}"
        )
        print(f"{m.title}: rating {rating:.2f} ({source})")
    return 0

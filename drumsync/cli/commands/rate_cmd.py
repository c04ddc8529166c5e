"""``drumsync rate``: the difficulty rating computed from a chart's notes."""

from __future__ import annotations

import json


def register(sub) -> None:
    p = sub.add_parser("rate", help="rate a chart's difficulty from its notes")
    p.add_argument("chart", metavar="CHART", help="chart file (JSON)")
    p.add_argument("--json", action="store_true", help="print the rating as JSON")
    p.set_defaults(handler=run)


def run(args) -> int:
    from ...core import load_chart, rate_chart

    chart = load_chart(args.chart)
    rating = float(rate_chart(chart))
    m = chart.meta
    if args.json:
        print(json.dumps({"rating": rating, "requested": m.difficulty, "title": m.title}))
    else:
        print(f"{m.title}: rating {rating:.2f} (requested difficulty {m.difficulty})")
    return 0

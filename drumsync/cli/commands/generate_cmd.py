"""``drumsync generate``: make a chart from a seed, style, tempo and difficulty."""

from __future__ import annotations

import sys

from ..options import add_generator_options, generator_args


def register(sub) -> None:
    p = sub.add_parser(
        "generate",
        help="generate a chart (JSON) from a seed",
        description="Generate a chart. Without -o the chart's JSON goes to standard output.",
    )
    add_generator_options(p)
    p.add_argument("-o", "--output", metavar="CHART", help="write the chart to this file")
    p.set_defaults(handler=run)


def run(args) -> int:
    from ...core import generate_chart
    from ...core.chart_io import dumps_chart, save_chart

    chart = generate_chart(**generator_args(args))
    if args.output:
        save_chart(chart, args.output)
        m = chart.meta
        print(
            f"wrote {args.output}: {m.title!r}, {m.style} {m.bpm:g} bpm, {m.bars} bars, "
            f"{len(chart.parts[0])}+{len(chart.parts[1])} notes, "
            f"difficulty {m.difficulty} (rated {m.rating:.2f})"
        )
    else:
        sys.stdout.write(dumps_chart(chart))
    return 0

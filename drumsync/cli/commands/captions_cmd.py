"""``drumsync captions``: every text the game takes from the article (and its tips).

``--json`` prints them all, so they can be checked: the scenes' captions, the loading
cards with their labels, and each Summit Tour stage's intro and closing card.
"""

from __future__ import annotations

import json

from ..options import add_json_option


def register(sub) -> None:
    from ...core.captions import SCENES

    p = sub.add_parser(
        "captions",
        help="show the captions chosen from the article",
        description=(
            "Show every text the game shows from the article in seeds/ (by scene, loading "
            "card and tour stage)."
        ),
    )
    p.add_argument("--scene", choices=SCENES, help="only this scene (default: everything)")
    add_json_option(p, "the captions")
    p.set_defaults(handler=run)


def shown_texts(article) -> dict:
    """Everything the game can show from ``article``: {scene: [...], "loading": [...],
    "tour": [...]}."""
    from ...core.captions import SCENES, captions
    from ...core.loading_cards import loading_cards
    from ...core.tour import tour_stages

    texts: dict = {scene: captions(scene, article) for scene in SCENES}
    texts["loading"] = [{"label": c.label, "text": c.text} for c in loading_cards(article)]
    texts["tour"] = [
        {"stage": s.index + 1, "name": s.name, "intro": s.intro, "outro": s.outro}
        for s in tour_stages(article)
    ]
    return texts


def run(args) -> int:
    from ...core.article import load_article

    texts = shown_texts(load_article())
    if args.scene:
        texts = {args.scene: texts[args.scene]}
    if args.json:
        print(json.dumps(texts, ensure_ascii=False, indent=2))
        return 0
    for scene, lines in texts.items():
        print(f"[{scene}]")
        for line in lines:
            if isinstance(line, dict):
                line = "  ".join(f"{k}: {v}" for k, v in line.items() if v is not None)
            print(f"  {line}")
    return 0

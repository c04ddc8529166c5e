"""``drumsync captions``: the captions the scenes take from the article in ``seeds/``."""

from __future__ import annotations

import json


def register(sub) -> None:
    from ...core.captions import SCENES

    p = sub.add_parser(
        "captions",
        help="show the captions chosen from the article",
        description="Show the captions each scene takes from the article in seeds/.",
    )
    p.add_argument("--scene", choices=SCENES, help="only this scene (default: all)")
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.set_defaults(handler=run)


def run(args) -> int:
    from ...core.article import load_article
    from ...core.captions import SCENES, captions

    article = load_article()
    scenes = (args.scene,) if args.scene else SCENES
    chosen = {scene: captions(scene, article) for scene in scenes}
    if args.json:
        print(json.dumps(chosen, ensure_ascii=False, indent=2))
        return 0
    for scene, lines in chosen.items():
        print(f"[{scene}]")
        for line in lines:
            print(f"  {line}")
    return 0

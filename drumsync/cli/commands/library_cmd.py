"""``drumsync library``: the song library (the data folder's songs folder and the folders in
the settings), scanned into an index; unreadable files are listed with their reason."""

from __future__ import annotations

import json
import sys

from ..options import add_json_option


def register(sub) -> None:
    p = sub.add_parser(
        "library",
        help="list (and scan) the song library",
        description=(
            "List the songs found in the song folders: the 'songs' folder in the user data "
            "directory (or DRUMSYNC_DATA_DIR) and the folders listed under [library] in the "
            "settings. --scan brings the index up to date first (only new or changed files "
            "are imported); files that cannot be read are listed with their reason."
        ),
    )
    p.add_argument("--scan", action="store_true", help="scan the song folders first")
    add_json_option(p, "the list")
    p.set_defaults(handler=run)


def run(args) -> int:
    from ...storage import paths
    from ...storage.library import LibraryIndex
    from ...storage.library_scan import default_workers, library_folders, scan_library
    from ...storage.settings import load_settings

    loaded = load_settings()
    for warning in loaded.warnings:
        sys.stderr.write(f"drumsync library: warning: {warning}\n")
    folders = library_folders(loaded.settings.song_folders)
    index = LibraryIndex(paths.library_path())
    try:
        for warning in index.warnings:
            sys.stderr.write(f"drumsync library: warning: {warning}\n")
        if args.scan:
            progress = _progress if sys.stderr.isatty() else None
            result = scan_library(index, folders, progress, workers=default_workers())
            if sys.stderr.isatty():
                sys.stderr.write("\n")
            if not args.json:
                print(
                    f"scanned {result.files} files: {result.imported} imported, "
                    f"{result.unchanged} unchanged, {result.removed} removed, "
                    f"{result.unreadable} unreadable"
                )
        entries = index.entries()
    finally:
        index.close()
    if args.json:
        print(json.dumps([e.to_json() for e in entries], indent=2, ensure_ascii=False))
        return 0
    print("song folders: " + ", ".join(str(f) for f in folders))
    if not entries:
        hint = "" if args.scan else " (run 'drumsync library --scan')"
        print(f"no songs in the library{hint}")
    for entry in entries:
        print(format_entry(entry))
    return 0


def _progress(done: int, total: int) -> None:
    sys.stderr.write(f"\rscanning {done}/{total}")


def format_entry(entry) -> str:
    if not entry.readable:
        return f"  unreadable  {entry.path}: {entry.error}"
    artist = f" - {entry.artist}" if entry.artist else ""
    minutes, seconds = divmod(round(entry.length_s), 60)
    return (
        f"  {entry.rating:5.2f}  {entry.title}{artist}  ·  {entry.tempo_text}  ·  "
        f"{minutes}:{seconds:02d}  ·  {entry.source_format}"
        + (f" ({entry.course})" if entry.course else "")
        + f"  ·  {entry.path}"
    )

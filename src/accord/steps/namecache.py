"""Locale display names remembered in ``build/cache/`` so that ``status`` loads no CLDR data.

babel's locale data for a display name costs more than the rest of ``accord status``
on a small repository; the names only change with the installed babel, which keys them
(``locales.babel_stamp``: found without importing babel).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from pathlib import Path

from accord.fsutil import write_text_if_changed
from accord.locales import babel_stamp, display_name


def display_names(cache_dir: Path, locales: Iterable[str]) -> dict[str, str]:
    """``display_name`` of each locale, from the cache when babel's version is the same."""
    stamp = babel_stamp()
    path = cache_dir / "display-names.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        known = data["names"] if data.get("babel") == stamp else {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        known = {}
    if not isinstance(known, dict):
        known = {}
    wanted = list(dict.fromkeys(locales))
    names = {loc: str(known[loc]) if isinstance(known.get(loc), str) else display_name(loc)
             for loc in wanted}
    if any(loc not in known for loc in wanted):
        merged = {**{k: v for k, v in known.items() if isinstance(v, str)}, **names}
        with contextlib.suppress(OSError):
            write_text_if_changed(path, json.dumps(
                {"babel": stamp, "names": dict(sorted(merged.items()))},
                ensure_ascii=False))
    return names

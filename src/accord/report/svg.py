"""Progress plots as inline SVG: stacked bars of review states, no JavaScript needed.

Every function returns SVG markup whose text parts (locale names, titles) are
escaped here, so the HTML templates may insert it as is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from accord.report.model import STATES, percent
from accord.review.state import COMPLETE_BY_DEFAULT

# Colours chosen to be told apart in print and by most colour-blind readers;
# each bar segment also carries a <title> naming the state and its count.
STATE_COLOURS = {
    "untranslated": "#c8ccd2",
    "machine": "#a48fd1",
    "fuzzy": "#e8a33d",
    "translated": "#4f8fcf",
    "approved": "#2e9a57",
    "rejected": "#d0453f",
}


def _fmt(value: float) -> str:
    """Coordinates with at most two decimals and no trailing zeros: stable text."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _bar(counts: Mapping[str, int], total: int, *, x: float, y: float, width: float,
         height: float, label: str) -> list[str]:
    parts = [
        f'<rect x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(width)}" height="{_fmt(height)}" '
        f'fill="#f1f2f4" stroke="#9aa1ab" stroke-width="0.5"/>'
    ]
    offset = x
    for state in STATES:
        count = int(counts.get(state, 0))
        if count <= 0 or total <= 0:
            continue
        w = width * count / total
        title = f"{label}{state}: {count} of {total} ({percent(count, total)} %)"
        parts.append(
            f'<rect class="state-{state}" data-state="{state}" data-count="{count}" '
            f'x="{_fmt(offset)}" y="{_fmt(y)}" width="{_fmt(w)}" height="{_fmt(height)}" '
            f'fill="{STATE_COLOURS[state]}"><title>{escape(title)}</title></rect>'
        )
        offset += w
    return parts


def progress_bar(counts: Mapping[str, int], total: int, width: int = 220, height: int = 14,
                 label: str = "") -> str:
    """One horizontal bar split by review state, proportional to the segment counts."""
    name = escape(label + " " if label else "")
    parts = [
        f'<svg class="progress" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{name}progress by review state">'
    ]
    parts += _bar(counts, total, x=0, y=0, width=width, height=height,
                  label=label + ": " if label else "")
    parts.append("</svg>")
    return "".join(parts)


def progress_chart(rows: Sequence[tuple[str, Mapping[str, int], int]], width: int = 760,
                   done: Sequence[int] | None = None) -> str:
    """Stacked bars, one per ``(label, counts, total)`` row, with a percent axis.

    ``done`` gives each row's done segments (status ``complete``, counted with the
    configured ``complete_states``); without it, translated + approved.

    The state legend is HTML next to the chart, so it wraps and scales with the page.
    """
    label_w, bar_h, gap, top = 70.0, 22.0, 10.0, 8.0
    plot_w = width - label_w - 60
    height = top + len(rows) * (bar_h + gap) + 20
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{_fmt(height)}" viewBox="0 0 {width} {_fmt(height)}" role="img" '
        f'aria-label="Progress per locale by review state" font-family="sans-serif" '
        f'font-size="13">'
    ]
    axis_y = top + len(rows) * (bar_h + gap)
    for tick in (0, 25, 50, 75, 100):
        x = label_w + plot_w * tick / 100
        parts.append(
            f'<line x1="{_fmt(x)}" y1="{_fmt(top - 4)}" x2="{_fmt(x)}" y2="{_fmt(axis_y)}" '
            f'stroke="#d5d9de" stroke-width="1"/>'
            f'<text x="{_fmt(x)}" y="{_fmt(axis_y + 13)}" text-anchor="middle" '
            f'fill="#555">{tick} %</text>'
        )
    for index, (label, counts, total) in enumerate(rows):
        y = top + index * (bar_h + gap)
        finished = (done[index] if done is not None
                    else sum(int(counts.get(s, 0)) for s in COMPLETE_BY_DEFAULT))
        parts.append(
            f'<text x="{_fmt(label_w - 8)}" y="{_fmt(y + bar_h - 6)}" text-anchor="end" '
            f'fill="#222">{escape(label)}</text>'
        )
        parts += _bar(counts, total, x=label_w, y=y, width=plot_w, height=bar_h,
                      label=label + ": ")
        parts.append(
            f'<text x="{_fmt(label_w + plot_w + 6)}" y="{_fmt(y + bar_h - 6)}" '
            f'fill="#222">{percent(finished, total)} %</text>'
        )
    parts.append("</svg>")
    return "".join(parts)

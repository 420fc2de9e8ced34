"""Server-side SVG charts (no script, no external asset), each with its numbers as a table.

Every chart is a ``<figure>``: an SVG with ``role="img"`` and a text title, value labels written
next to the bars (so the chart reads without colour), and a ``<details>`` table of the same
numbers. All text goes through :func:`markupsafe.escape`.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Optional, Sequence

from markupsafe import Markup, escape

_ROW_H = 22
_LABEL_W = 130  # sized for a sidebar (about 20rem): drawn at about 1:1
_BAR_W = 150


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]], caption: str) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return (f'<details class="chart-data"><summary>Numbers ({escape(caption)})</summary><div class="table-scroll">'
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div></details>")


def _figure(chart_id: str, title: str, svg: str, table: str, note: str = "") -> Markup:
    note_html = f'<p class="muted">{escape(note)}</p>' if note else ""
    return Markup(f'<figure class="chart" id="{escape(chart_id)}" data-chart="{escape(chart_id)}">'
                  f"<figcaption>{escape(title)}</figcaption>{svg}{note_html}{table}</figure>")


def bar_chart(chart_id: str, title: str, rows: Sequence[tuple[str, int, Optional[str]]],
              value_label: str = "count", note: str = "") -> Markup:
    """Horizontal bars: ``rows`` = ``(label, value, link or None)``, drawn in the given order."""
    if not rows:
        return Markup("")
    top = max(v for _, v, _ in rows) or 1
    h = _ROW_H * len(rows) + 8
    width = _LABEL_W + _BAR_W + 55
    parts = [f'<svg class="bars" viewBox="0 0 {width} {h}" width="100%" role="img" '
             f'aria-labelledby="{escape(chart_id)}-t"><title id="{escape(chart_id)}-t">{escape(title)}</title>']
    for i, (label, value, link) in enumerate(rows):
        y = 4 + i * _ROW_H
        w = max(1.0, _BAR_W * value / top)
        short = label if len(label) <= 20 else label[:19] + "…"
        text = f'<text x="{_LABEL_W - 6}" y="{y + 15}" text-anchor="end" class="lbl">{escape(short)}</text>'
        if link:
            text = f'<a href="{escape(link)}">{text}</a>'
        parts.append(f'{text}<rect x="{_LABEL_W}" y="{y + 3}" width="{w:.1f}" height="{_ROW_H - 7}" class="bar">'
                     f"<title>{escape(label)}: {value:,}</title></rect>"
                     f'<text x="{_LABEL_W + w + 5:.1f}" y="{y + 15}" class="val">{value:,}</text>')
    parts.append("</svg>")
    table = _table(["", value_label], [(label, f"{value:,}") for label, value, _ in rows], title)
    return _figure(chart_id, title, "".join(parts), table, note)


def time_chart(chart_id: str, title: str, bins: Sequence[dict], value_label: str = "articles",
               note: str = "") -> Markup:
    """Vertical bars per period (``bins`` = ``[{label: "2025-03", count}]`` in time order), with
    the periods between filled in as zero so the time axis is even."""
    if not bins:
        return Markup("")
    filled = _fill_months(bins)
    n = len(filled)
    top = max(b["count"] for b in filled) or 1
    width, height, pad_l, pad_b = 640, 200, 40, 40
    bw = (width - pad_l - 10) / n
    parts = [f'<svg class="time" viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-labelledby="{escape(chart_id)}-t"><title id="{escape(chart_id)}-t">{escape(title)}</title>',
             f'<line x1="{pad_l}" y1="{height - pad_b}" x2="{width - 5}" y2="{height - pad_b}" class="axis"/>',
             f'<text x="{pad_l - 4}" y="14" text-anchor="end" class="val">{top:,}</text>',
             f'<text x="{pad_l - 4}" y="{height - pad_b}" text-anchor="end" class="val">0</text>']
    step = max(1, n // 8)
    for i, b in enumerate(filled):
        x = pad_l + i * bw
        h = (height - pad_b - 20) * b["count"] / top
        parts.append(f'<rect x="{x + 1:.1f}" y="{height - pad_b - h:.1f}" width="{max(1.0, bw - 2):.1f}" '
                     f'height="{h:.1f}" class="bar"><title>{escape(b["label"])}: {b["count"]:,}</title></rect>')
        if i % step == 0:
            parts.append(f'<text x="{x + bw / 2:.1f}" y="{height - pad_b + 16}" text-anchor="middle" '
                         f'class="lbl">{escape(b["label"])}</text>')
    parts.append("</svg>")
    table = _table(["period", value_label], [(b["label"], f"{b['count']:,}") for b in filled if b["count"]], title)
    return _figure(chart_id, title, "".join(parts), table, note)


def _fill_months(bins: Sequence[dict]) -> list[dict]:
    """Months between the first and the last bin, zero where absent (other labels kept as given)."""
    try:
        first = date.fromisoformat(bins[0]["label"] + "-01")
        last = date.fromisoformat(bins[-1]["label"] + "-01")
    except (ValueError, KeyError, TypeError):
        return list(bins)
    have = {b["label"]: b["count"] for b in bins}
    out, y, m = [], first.year, first.month
    for _ in range(240):  # at most 20 years of months
        label = f"{y:04d}-{m:02d}"
        out.append({"label": label, "count": have.get(label, 0)})
        if (y, m) >= (last.year, last.month):
            break
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def story_timeline(chart_id: str, title: str, timeline: Sequence[dict]) -> Markup:
    """A story's reports on a time axis: one row per original report (outlet and title), a dot at its
    date, and its copies folded under it as hollow dots on the same row (with their count)."""
    dated = [e for e in timeline if _day(e.get("published"))]
    if not dated:
        return Markup("")
    days = [_day(e["published"]) for e in dated] + [
        _day(c.get("published")) for e in dated for c in e.get("copies", []) if _day(c.get("published"))]
    lo, hi = min(d for d in days if d), max(d for d in days if d)
    span = max(1, (hi - lo).days)
    width, left, right = 660, 230, 20
    row_h = 24
    height = row_h * len(dated) + 40
    axis_y = height - 24

    def x_of(d: date) -> float:
        return left + (width - left - right) * (d - lo).days / span

    parts = [f'<svg class="timeline" viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-labelledby="{escape(chart_id)}-t"><title id="{escape(chart_id)}-t">{escape(title)}</title>',
             f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" class="axis"/>',
             f'<text x="{left}" y="{axis_y + 16}" class="lbl">{lo.isoformat()}</text>',
             f'<text x="{width - right}" y="{axis_y + 16}" text-anchor="end" class="lbl">{hi.isoformat()}</text>']
    rows = []
    for i, e in enumerate(dated):
        y = 14 + i * row_h
        d = _day(e["published"])
        assert d is not None
        label = f"{e.get('outlet') or 'unknown outlet'}: {e.get('title') or e.get('id')}"
        short = label if len(label) <= 34 else label[:33] + "…"
        marker = "first report" if i == 0 else "report"
        parts.append(f'<a href="/articles/{escape(e["id"])}"><text x="{left - 8}" y="{y + 4}" text-anchor="end" '
                     f'class="lbl">{escape(short)}</text></a>'
                     f'<line x1="{left}" y1="{y}" x2="{width - right}" y2="{y}" class="grid"/>'
                     f'<circle cx="{x_of(d):.1f}" cy="{y}" r="6" class="dot"><title>{escape(marker)}, '
                     f'{d.isoformat()}: {escape(label)}</title></circle>')
        for c in e.get("copies", []):
            cd = _day(c.get("published"))
            if cd:
                parts.append(f'<circle cx="{x_of(cd):.1f}" cy="{y}" r="5" class="copy-dot"><title>copy '
                             f'({escape(c.get("kind") or "copy")}), {cd.isoformat()}: '
                             f'{escape(c.get("outlet") or "")}</title></circle>')
        if e.get("copies"):
            parts.append(f'<text x="{x_of(d) + 10:.1f}" y="{y - 7}" class="val">+{len(e["copies"])} '
                         f'cop{"y" if len(e["copies"]) == 1 else "ies"}</text>')
        rows.append((d.isoformat(), e.get("outlet") or "", e.get("title") or "", marker, len(e.get("copies", []))))
    parts.append("</svg>")
    table = _table(["date", "outlet", "title", "", "copies"], rows, title)
    return _figure(chart_id, title, "".join(parts), table,
                   "Filled dots: reports; hollow dots on the same row: their copies.")


def _day(value: Optional[str]) -> Optional[date]:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None

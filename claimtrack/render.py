"""Human output: rich renderables for the terminal, and HTML/SVG through rich's
recording console.

The only module that imports rich. Text from articles is untrusted (propaganda
outlets are exactly what users ingest): it reaches rich only as ``Text`` (never
parsed as markup) after ``inert()`` has replaced control characters, escape
sequences and bidi overrides with visible stand-ins.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Console, Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .safe import inert

STANCE_MARK = {
    "asserts": ("+", "green"),
    "confirms": ("✓", "green"),
    "denies": ("✗", "red"),
    "doubts": ("?", "yellow"),
    "retracts": ("↶", "magenta"),
}


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word boundary with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return (cut or text[: limit - 1]) + "…"


def t(text: str | None, style: str = "") -> Text:
    return Text(inert(text), style=style)


def console(file: TextIO | None = None, width: int | None = None, record: bool = False) -> Console:
    """A console for stdout; honours NO_COLOR, FORCE_COLOR and COLUMNS (rich does)."""
    return Console(
        file=file or sys.stdout,
        width=width,
        record=record,
        no_color=bool(os.environ.get("NO_COLOR")) or None,
        highlight=False,
        soft_wrap=False,
    )


def error_console() -> Console:
    return Console(stderr=True, highlight=False)


def stance_text(stance: str) -> Text:
    mark, style = STANCE_MARK.get(stance, ("·", ""))
    return Text(f"{mark} {stance}", style=f"bold {style}")


def _source_text(src: dict[str, Any] | None, count: int) -> Text:
    """One dim line: where the statement was reported."""
    if not src:
        return Text("")
    out = Text("↳ ", style="dim")
    out.append(inert(shorten(src.get("title") or "(untitled)", 70)), style="dim italic")
    if src.get("published"):
        out.append(f" · {src['published']}", style="dim")
    out.append(
        f" · {inert(os.path.basename(src['path']) or src['path'])}:{src['line']}", style="cyan"
    )
    if count > 1:
        out.append(f" · {count} sources", style="bold")
    return out


def _statement_text(e: dict[str, Any]) -> Text:
    out = Text()
    text = inert(e["text"])
    quote = inert(e.get("quote"))
    if quote and quote in text:
        i = text.index(quote)
        out.append(text[:i])
        out.append(text[i : i + len(quote)], style="bold")
        out.append(text[i + len(quote) :])
    else:
        out.append(text)
    if e.get("reversal"):
        r = e["reversal"]
        out.append(
            f"\n↻ turn: was {r['previous_stance']} on "
            + (
                r["previous_date"]
                or f"about {r.get('previous_date_inferred') or 'an earlier date'}"
            ),
            style="bold magenta",
        )
    return out


def timeline(
    summary: dict[str, Any],
    claim: dict[str, Any],
    entries: Sequence[dict[str, Any]],
    coverage: str | None = None,
) -> Group:
    """The timeline view: header, then one row per statement grouped by date."""
    header = Text()
    header.append(inert(claim["name"]), style="bold")
    header.append("  ")
    header.append(inert(claim["description"]))
    stances = "  ".join(f"{STANCE_MARK[s][0]} {s} {n}" for s, n in summary["stances"].items() if n)
    sides = "  ".join(
        f"{inert(side)}: " + ", ".join(f"{n} {s}" for s, n in c.items() if n)
        for side, c in summary["sides"].items()
    )
    header.append(f"\n{summary['statements']} statements  {stances}", style="dim")
    if summary["first_date"]:
        header.append(f"\n{summary['first_date']} → {summary['last_date']}", style="dim")
    if sides:
        header.append(f"\nby side: {sides}", style="dim")
    if summary.get("reversals"):
        header.append(f"\n{summary['reversals']} change(s) of stance", style="dim")
    if coverage:
        header.append(f"\ncoverage: {inert(coverage)}", style="dim")
    table = Table(show_lines=True, expand=True, header_style="bold")
    table.add_column("date", no_wrap=True, min_width=10)
    table.add_column("stance", no_wrap=True, min_width=10)
    table.add_column("who said what, and where it was reported", ratio=1)
    previous = object()
    for e in entries:
        date = e["date"] or "undated"
        shown = "" if date == previous else date
        previous = date
        cell = t(e["speaker"], "bold")
        if e.get("side") and e["side"] != e["speaker"]:
            cell.append(f" ({inert(e['side'])})", style="dim")
        cell.append("\n")
        cell.append_text(_statement_text(e))
        cell.append("\n")
        cell.append_text(_source_text(e["source"], e["count"]))
        table.add_row(Text(shown), stance_text(e["stance"]), cell)
    return Group(header, table)


def side_summary(summary: dict[str, Any]) -> Table:
    table = Table(title="by side", header_style="bold")
    table.add_column("side")
    for s in STANCE_MARK:
        table.add_column(s, justify="right")
    for side, c in summary["sides"].items():
        table.add_row(t(side), *(str(c[s]) for s in STANCE_MARK))
    return table


COVERAGE_MARK = {"asserts": ("+", "green"), "denies": ("✗", "red"), "observes": ("~", "yellow")}


def coverage_table(rows: Sequence[dict[str, Any]]) -> Group:
    """Articles per claim grouped by their own stance, with counts."""
    parts: list[Any] = []
    by_claim: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_claim.setdefault(r["claim"], []).append(r)
    if not by_claim:
        return Group(Text("(no articles linked to a claim)"))
    for claim, items in by_claim.items():
        counts = {s: sum(1 for r in items if r["stance"] == s) for s in COVERAGE_MARK}
        head = t(claim, "bold")
        head.append(
            "  " + "  ".join(f"{COVERAGE_MARK[s][0]} {s} {n}" for s, n in counts.items()),
            style="dim",
        )
        table = Table(header_style="bold", expand=True, show_lines=False)
        table.add_column("stance", no_wrap=True, min_width=11)
        table.add_column("published", no_wrap=True)
        table.add_column("article", ratio=3)
        table.add_column("outlet", ratio=1)
        table.add_column("why", ratio=2)
        order = {s: i for i, s in enumerate(COVERAGE_MARK)}
        for r in sorted(items, key=lambda r: (order.get(r["stance"], 9), r["published"] or "")):
            mark, style = COVERAGE_MARK.get(r["stance"], ("·", ""))
            table.add_row(
                Text(f"{mark} {r['stance']}", style=f"bold {style}"),
                Text(r["published"] or "undated"),
                t(shorten(r["title"] or r["article_id"], 90)),
                t(r.get("outlet") or ""),
                t(r.get("reason") or "", "dim"),
            )
        parts += [head, table]
    return Group(*parts)


WIDE = {"text", "description", "title", "explain", "reason", "sources"}
NOWRAP = {"id", "date", "published", "stance", "line"}
ID_WIDTH = 10  # ids are shown shortened; every command takes a unique prefix


def rows_table(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str | None = None
) -> Table:
    """A generic listing. A column is ``key`` or ``key:Header``; numbers are right
    aligned and never wrap, long text columns take the spare width; all cells inert."""
    table = Table(title=t(title) if title else None, header_style="bold", expand=True)
    keys = []
    for c in columns:
        key, _, header = c.partition(":")
        keys.append(key)
        numeric = bool(rows) and all(isinstance(r.get(key), (int, float)) for r in rows)
        if numeric:
            table.add_column(header or key, justify="right", no_wrap=True)
        elif key in NOWRAP:
            table.add_column(header or key, no_wrap=True)
        elif key in WIDE:
            table.add_column(header or key, ratio=3, overflow="fold")
        else:
            table.add_column(
                header or key, ratio=1, overflow="fold", min_width=min(len(header or key), 12)
            )
    for r in rows:
        cells = []
        for key in keys:
            v = r.get(key)
            if key == "stance" and isinstance(v, str):
                cells.append(stance_text(v))
            elif key == "id" and isinstance(v, str):
                cells.append(t(v[:ID_WIDTH]))
            elif isinstance(v, list):
                cells.append(t(", ".join(_compact(x) for x in v)))
            elif isinstance(v, dict):
                cells.append(t(", ".join(f"{k} {x}" for k, x in v.items())))
            else:
                cells.append(t("" if v is None else str(v)))
        table.add_row(*cells)
    return table


def _compact(value: Any) -> str:
    if isinstance(value, dict) and "path" in value:
        span = f"{value.get('start_line', value.get('line', ''))}"
        if value.get("end_line") is not None:
            span += f"-{value['end_line']}"
        return f"{os.path.basename(value['path']) or value['path']}:{span}"
    return str(value)


def article(detail: dict[str, Any]) -> Group:
    """One article with its original line numbers."""
    head = t(detail.get("title") or "(untitled)", "bold")
    meta = [f"id {detail['id']}"]
    if detail.get("published"):
        meta.append(f"published {detail['published']} ({detail.get('published_source')})")
    for s in detail["sources"]:
        meta.append(f"{inert(s['path'])}:{s['start_line']}-{s['end_line']}")
    lines = Text()
    for ln, text in detail["body"]:
        lines.append(f"{ln:>6}  ", style="dim")
        lines.append(inert(text))
        lines.append("\n")
    return Group(head, Text("\n".join(meta), style="dim"), Text(""), lines)


def print_to(renderable: Any, out: TextIO | None = None, width: int | None = None) -> None:
    console(out, width).print(renderable)


def export_html_svg(renderable: Any, fmt: str, width: int = 120, title: str = "claimtrack") -> str:
    """The renderable as an HTML page or an SVG image (rich's recording console)."""
    import io

    rec = Console(file=io.StringIO(), record=True, width=width, highlight=False)
    rec.print(renderable)
    if fmt == "svg":
        return rec.export_svg(title=title)
    return rec.export_html()


class file_progress:
    """A spinner on stderr naming the file being read, with a count; it clears
    itself when done. The CLI shows it only when stderr is a terminal."""

    def __init__(self) -> None:
        from rich.progress import Progress, SpinnerColumn, TextColumn

        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            console=Console(stderr=True, highlight=False),
            transient=True,
        )
        self._task = self._progress.add_task("starting", total=None)
        self._count = 0

    def __enter__(self) -> file_progress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def file(self, path: str) -> None:
        self._count += 1
        self._progress.update(self._task, description=f"file {self._count}: {escape(inert(path))}")

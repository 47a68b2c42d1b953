"""Views: the data behind each command's output, and writing it in a chosen format.

Querying (``store``) and building (``timeline``) stay apart from presenting: the
same dict goes to JSON, JSON Lines, CSV (``export``, no rich) or to the terminal,
Markdown, HTML and SVG (``render``).
"""

from __future__ import annotations

import html
import json
from typing import Any, TextIO

import sqlite_utils

from . import export, store
from . import timeline as tl
from .claims import find_claim
from .safe import inert
from .timeline import Filters

__all__ = ["Filters", "statements", "timeline", "write_timeline"]

CSV_COLUMNS = [
    "id", "date", "date_precision", "speaker", "side", "stance", "cue", "text", "quote",
    "score", "count", "source_path", "source_line", "source_article_id", "source_title",
    "source_published", "source_url", "reversal_previous_stance", "reversal_previous_date",
    "reversal_previous_id",
]  # fmt: skip


def timeline(
    db: sqlite_utils.Database, query: str, filters: Filters | None = None, coverage: bool = False
) -> dict[str, Any]:
    """``{"claim", "summary", "statements"}`` for the claim ``query`` names."""
    claim = find_claim(db, query)
    filters = filters or Filters()
    rows = store.timeline_rows(db, claim.name, filters.min_score)
    entries = tl.build(rows, filters)
    summary = tl.summary(claim, entries)
    if coverage:  # costs a pass over the claim's articles: only for the human views
        summary["coverage"] = coverage_line(article_coverage(db, claim.name))
    return {"claim": tl.claim_dict(claim), "summary": summary, "statements": entries}


def article_coverage(db: sqlite_utils.Database, query: str | None = None) -> list[dict[str, Any]]:
    """One row per (claim, article): the article's own stance toward the claim."""
    from .coverage import coverage_rows

    name = find_claim(db, query).name if query else None
    return coverage_rows(db, name)


def coverage_line(rows: list[dict[str, Any]]) -> str | None:
    """'4 articles: 1 asserts, 1 denies, 2 observes' for the timeline header."""
    if not rows:
        return None
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["stance"]] = counts.get(r["stance"], 0) + 1
    parts = ", ".join(f"{counts[s]} {s}" for s in ("asserts", "denies", "observes") if s in counts)
    return f"{len(rows)} article(s): {parts}"


def _csv_row(entry: dict[str, Any]) -> dict[str, Any]:
    row = {k: v for k, v in entry.items() if k not in ("sources", "merged", "how")}
    row["reversal"] = entry["reversal"] or {
        "previous_stance": None,
        "previous_date": None,
        "previous_id": None,
    }
    return row


def _markdown(data: dict[str, Any]) -> str:
    claim, summary = data["claim"], data["summary"]

    def cell(value: Any) -> str:
        text = inert(str(value if value is not None else ""))
        return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")

    lines = [f"# {cell(claim['name'])}", "", cell(claim["description"]), ""]
    counts = ", ".join(f"{n} {s}" for s, n in summary["stances"].items() if n)
    lines.append(
        f"{summary['statements']} statements ({counts or 'none'}); "
        f"{summary['first_date'] or '?'} to {summary['last_date'] or '?'}"
    )
    lines += [
        "",
        "| date | stance | speaker | side | statement | source |",
        "|---|---|---|---|---|---|",
    ]
    for e in data["statements"]:
        src = e["source"] or {}
        where = f"{src.get('path', '')}:{src.get('line', '')}"
        stance = e["stance"] + (" (turn)" if e["reversal"] else "")
        sources = f" ({e['count']} sources)" if e["count"] > 1 else ""
        lines.append(
            f"| {cell(e['date'] or 'undated')} | {stance} | {cell(e['speaker'])} | {cell(e['side'])} "
            f"| {cell(e['text'])} | {cell(src.get('title'))} {cell(where)}{sources} |"
        )
    return "\n".join(lines) + "\n"


def write_timeline(
    data: dict[str, Any], fmt: str, out: TextIO, width: int | None = None, by: str | None = None
) -> None:
    if fmt == "json":
        export.write_json(
            {"claim": data["claim"], "summary": data["summary"], "statements": data["statements"]},
            out,
        )
    elif fmt == "jsonl":
        export.write_jsonl(data["statements"], out)
    elif fmt == "csv":
        export.write_csv((_csv_row(e) for e in data["statements"]), out, CSV_COLUMNS)
    elif fmt == "markdown":
        out.write(_markdown(data))
    else:
        from . import render

        renderable: Any
        if by == "side":
            renderable = render.side_summary(data["summary"])
        else:
            renderable = render.timeline(
                data["summary"], data["claim"], data["statements"], data["summary"].get("coverage")
            )
        if fmt in ("html", "svg"):
            out.write(render.export_html_svg(renderable, fmt, width or 140, data["claim"]["name"]))
        else:
            render.print_to(renderable, out, width)


def search(db: sqlite_utils.Database, query: str, limit: int = 50) -> list[dict[str, Any]]:
    return [_statement_item(r) for r in store.search(db, query, limit)]


def _statement_item(r: dict[str, Any], explain: bool = False) -> dict[str, Any]:
    src = r["sources"][0] if r["sources"] else None
    item = {
        "id": r["id"],
        "date": r["date"],
        "date_precision": r["date_precision"],
        "speaker": r["speaker"],
        "role": r["role"],
        "side": r["side"],
        "stance": r["stance"],
        "cue": r["cue"],
        "kind": r["kind"],
        "text": r["text"],
        "quote": r["quote"],
        "line": src["line"] if src else r["line"],
        "source": src,
    }
    if explain:
        item["explain"] = json.loads(r["explain"] or "[]")
    return item


def statements(
    db: sqlite_utils.Database,
    speaker: str | None = None,
    stance: str | None = None,
    article: str | None = None,
    limit: int | None = None,
    explain: bool = False,
) -> list[dict[str, Any]]:
    rows = store.statement_rows(db, speaker, stance, article, limit)
    return [_statement_item(r, explain) for r in rows]


def claimreview(
    data: dict[str, Any], author: str = "claimtrack", url: str | None = None
) -> dict[str, Any]:
    """The timeline as schema.org ClaimReview JSON-LD.

    claimtrack does not rule on truth: the rating names the balance of statements
    ("asserted by Russia; denied by Ukraine; doubted by United States") and leaves
    ``ratingValue`` out. Each statement becomes an ``appearance`` of the claim.
    """
    claim, summary = data["claim"], data["summary"]
    entries = data["statements"]
    verbs = {"asserts": "asserted", "confirms": "confirmed", "denies": "denied",
             "doubts": "doubted", "retracts": "retracted"}  # fmt: skip
    parts = []
    for stance, verb in verbs.items():
        sides = sorted({e["side"] or e["speaker"] for e in entries if e["stance"] == stance})
        if sides:
            parts.append(f"{verb} by {', '.join(sides)}")
    contested = summary["stances"]["asserts"] + summary["stances"]["confirms"] > 0 and (
        summary["stances"]["denies"] + summary["stances"]["doubts"] + summary["stances"]["retracts"]
        > 0
    )
    first = entries[0] if entries else None
    appearances = [
        {
            "@type": "CreativeWork",
            "headline": (e["source"] or {}).get("title"),
            "datePublished": e["date"],
            "url": (e["source"] or {}).get("url"),
            "author": {
                "@type": "Person" if " " in e["speaker"] else "Organization",
                "name": e["speaker"],
            },
            "text": e["text"],
            "about": e["stance"],
        }
        for e in entries
    ]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url or f"urn:claimtrack:claim:{claim['name']}",
        "claimReviewed": claim["description"],
        "datePublished": summary["last_date"],
        "author": {"@type": "Organization", "name": author},
        "reviewRating": {
            "@type": "Rating",
            "alternateName": ("Contested: " if contested else "")
            + ("; ".join(parts) or "no statements"),
            "ratingExplanation": f"{summary['statements']} attributed statements tracked by claimtrack",
        },
        "itemReviewed": {
            "@type": "Claim",
            "name": claim["name"],
            "author": first
            and {"@type": "Organization", "name": first["side"] or first["speaker"]},
            "datePublished": summary["first_date"],
            "firstAppearance": appearances[0] if appearances else None,
            "appearance": appearances,
        },
    }

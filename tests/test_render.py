"""Rendering: golden output at a fixed width with colour off, and hostile text shown inertly.

Regenerate the golden files after an intended change with
``UPDATE_GOLDEN=1 pytest tests/test_render.py`` and review the diff.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from claimtrack import render
from claimtrack import timeline as tl
from claimtrack.models import Claim

GOLDEN = Path(__file__).parent / "golden"


def entries() -> list[dict[str, Any]]:
    def row(i: int, speaker: str, side: str, stance: str, text: str, quote: str | None,
            date: str | None, n: int = 1) -> dict[str, Any]:  # fmt: skip
        sources = [{"path": f"dump{k}.txt", "line": 10 * i + k, "article_id": f"a{i}",
                    "title": f"Report {i}", "published": date, "url": None} for k in range(n)]  # fmt: skip
        return {"id": f"s{i}", "article_id": f"a{i}", "seq": 0, "speaker": speaker, "side": side,
                "stance": stance, "cue": "said", "text": text, "quote": quote, "date": date,
                "date_precision": "day" if date else None, "score": 0.8, "how": "auto",
                "sources": sources}  # fmt: skip

    return tl.build([
        row(1, "Ana Flores", "Ostland", "asserts", "Flores said saboteurs blew up the dam.", None, "2026-01-01"),
        row(2, "Westmark", "Westmark", "denies", "“It is a fabrication,” the ministry said.", "It is a fabrication", "2026-01-02", n=3),
        row(3, "Ana Flores", "Ostland", "doubts", "Flores said she was no longer sure it happened.", None, "2026-01-05"),
        row(4, "Unnamed analyst", "", "doubts", "An analyst said the evidence was thin.", None, None),
    ])  # fmt: skip


def capture(renderable: Any, width: int = 100) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"golden file {path} missing: run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


def test_timeline_table_golden() -> None:
    es = entries()
    claim = Claim("dam-sabotage", "Saboteurs blew up the Norvik dam")
    out = capture(render.timeline(tl.summary(claim, es), tl.claim_dict(claim), es))
    check_golden("timeline_100.txt", out)
    # readable without colour: stance symbols and words, the turn, the source count
    assert "✗ denies" in out and "? doubts" in out and "+ asserts" in out
    assert "turn: was asserts on 2026-01-01" in out
    assert "3 sources" in out


def test_timeline_is_width_aware() -> None:
    es = entries()
    claim = Claim("dam-sabotage", "Saboteurs blew up the Norvik dam")
    for width in (60, 100, 160):
        out = capture(render.timeline(tl.summary(claim, es), tl.claim_dict(claim), es), width)
        assert max(len(line) for line in out.splitlines()) <= width


@pytest.mark.parametrize(
    "hostile",
    ["[bold red]pwned[/]", "[link=http://evil.example]click[/link]", "\x1b[2J\x1b[31mred",
     "\u202eevil\u202c", "zero\u200bwidth", "bell\x07", "\x9b31m"],
)  # fmt: skip
def test_hostile_text_is_shown_inertly(hostile: str) -> None:
    es = entries()
    es[0]["text"] = f"Flores said {hostile} today."
    es[0]["speaker"] = hostile
    claim = Claim("x", hostile)
    out = capture(render.timeline(tl.summary(claim, es), tl.claim_dict(claim), es), 200)
    for bad in ("\x1b", "\u202e", "\u200b", "\x07", "\x9b"):
        assert bad not in out
    if hostile.startswith("["):
        assert hostile.split("]")[0] in out  # markup printed as text, not interpreted


def test_rows_table_and_article() -> None:
    out = capture(
        render.rows_table([{"a": 1, "stance": "denies", "l": ["x", "y"]}], ["a", "stance", "l"])
    )
    assert "✗ denies" in out and "x, y" in out
    detail = {"id": "c1abc", "title": "T", "published": "2026-01-01", "published_source": "text",
              "sources": [{"path": "d.txt", "start_line": 3, "end_line": 4}],
              "body": [[3, "First [b]line[/b]."], [4, "Second."]]}  # fmt: skip
    out = capture(render.article(detail))
    assert "     3  First [b]line[/b]." in out and "d.txt:3-4" in out


def test_html_and_svg_export() -> None:
    es = entries()
    claim = Claim("dam-sabotage", "Saboteurs blew up the Norvik dam")
    renderable = render.timeline(tl.summary(claim, es), tl.claim_dict(claim), es)
    html = render.export_html_svg(renderable, "html")
    assert html.lstrip().lower().startswith("<!doctype html") and "fabrication" in html
    svg = render.export_html_svg(renderable, "svg")
    assert svg.lstrip().startswith("<svg") and "</svg>" in svg

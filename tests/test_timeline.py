"""Timeline building: order, corroboration, reversals, filters, summary."""

from __future__ import annotations

from typing import Any

from claimtrack import timeline as tl
from claimtrack.models import Claim


def row(i: int, speaker: str, stance: str, text: str, date: str | None, path: str = "a.txt",
        line: int = 1, quote: str | None = None, side: str | None = "X") -> dict[str, Any]:  # fmt: skip
    return {
        "id": f"s{i}", "article_id": f"a{i}", "seq": 0, "speaker": speaker, "side": side,
        "stance": stance, "cue": "said", "text": text, "quote": quote, "date": date,
        "date_precision": "day" if date else None, "score": 0.9, "how": "auto",
        "sources": [{"path": path, "line": line, "article_id": f"a{i}", "title": "T",
                     "published": date, "url": None}],
    }  # fmt: skip


def test_order_by_date_then_source_undated_last() -> None:
    rows = [
        row(1, "A", "asserts", "one", None),
        row(2, "B", "denies", "two", "2026-01-02"),
        row(3, "C", "asserts", "three", "2026-01-01", line=9),
        row(4, "D", "asserts", "four", "2026-01-01", line=2),
    ]
    assert [e["id"] for e in tl.build(rows)] == ["s4", "s3", "s2", "s1"]


def test_same_statement_from_several_articles_is_one_entry_with_all_sources() -> None:
    text = "Kyiv called the story a complete fabrication, officials said."
    rows = [
        row(1, "Ukraine", "denies", text, "2026-01-01", path="a.txt", line=5),
        row(
            2,
            "Ukraine",
            "denies",
            text.replace("officials", "its officials"),
            "2026-01-02",
            path="b.txt",
            line=7,
        ),
        row(3, "Ukraine", "asserts", text, "2026-01-02", path="c.txt"),  # other stance: kept apart
    ]
    entries = tl.build(rows)
    assert len(entries) == 2
    first = entries[0]
    assert first["count"] == 2
    assert first["source"]["path"] == "a.txt"
    assert [s["path"] for s in first["sources"]] == ["a.txt", "b.txt"]


def test_reversal_marks_the_turn_with_previous_stance_and_date() -> None:
    rows = [
        row(1, "Trump", "asserts", "It happened, I was angry.", "2025-12-29"),
        row(2, "Trump", "asserts", "Something happened.", "2025-12-30"),
        row(3, "Zelenskyy", "denies", "It did not happen.", "2025-12-30"),
        row(4, "Trump", "doubts", "I don't believe that strike happened.", "2026-01-04"),
    ]
    entries = {e["id"]: e for e in tl.build(rows)}
    assert entries["s4"]["reversal"] == {
        "previous_stance": "asserts", "previous_date": "2025-12-30", "previous_id": "s2",
    }  # fmt: skip
    assert entries["s1"]["reversal"] is None and entries["s3"]["reversal"] is None


def test_no_reversal_between_doubt_and_denial() -> None:
    rows = [
        row(1, "A", "doubts", "unclear", "2026-01-01"),
        row(2, "A", "denies", "no", "2026-01-02"),
    ]
    assert all(e["reversal"] is None for e in tl.build(rows))


def test_filters() -> None:
    rows = [
        row(1, "Sergey Lavrov", "asserts", "a", "2025-12-29", side="Russia"),
        row(2, "Andrii Sybiha", "denies", "b", "2025-12-30", side="Ukraine"),
        row(3, "Nobody", "asserts", "c", None, side=None),
    ]
    ids = lambda f: [e["id"] for e in tl.build(rows, f)]  # noqa: E731
    assert ids(tl.Filters(side="russia")) == ["s1"]
    assert ids(tl.Filters(stance="denies")) == ["s2"]
    assert ids(tl.Filters(speaker="lavrov")) == ["s1"]
    assert ids(tl.Filters(since="2025-12-30")) == ["s2"]
    assert ids(tl.Filters(until="2025-12-29")) == ["s1"]


def test_summary_counts() -> None:
    rows = [
        row(1, "A", "asserts", "a", "2025-12-29", side="Russia"),
        row(2, "B", "denies", "b", "2025-12-31", side="Ukraine"),
        row(3, "C", "doubts", "c", None, side=None),
    ]
    s = tl.summary(Claim("c", "d"), tl.build(rows))
    assert s["statements"] == 3
    assert (
        s["stances"]["asserts"] == 1 and s["stances"]["denies"] == 1 and s["stances"]["doubts"] == 1
    )
    assert s["sides"]["Russia"]["asserts"] == 1 and s["sides"]["unknown"]["doubts"] == 1
    assert (s["first_date"], s["last_date"]) == ("2025-12-29", "2025-12-31")


def test_turn_after_a_mixed_day_and_only_once() -> None:
    rows = [
        row(1, "Trump", "confirms", "He accepted Moscow's version.", "2025-12-29"),
        row(2, "Trump", "doubts", "We'll find out.", "2025-12-29"),
        row(3, "Trump", "doubts", "I don't believe it happened.", "2026-01-04"),
        row(4, "Trump", "denies", "It did not happen.", "2026-01-05"),
    ]
    entries = {e["id"]: e for e in tl.build(rows)}
    assert entries["s3"]["reversal"]["previous_id"] == "s1"
    assert entries["s2"]["reversal"] is None  # same day: no turn
    assert entries["s4"]["reversal"] is None  # already turned on the 4th


def test_assertion_only_near_the_claim_is_no_position() -> None:
    near = row(1, "A", "asserts", "I want to see the intelligence.", "2026-01-01")
    near["reason"] = "refers back to a paragraph about the claim"
    rows = [near, row(2, "A", "doubts", "Unclear whether it happened.", "2026-01-02")]
    assert all(e["reversal"] is None for e in tl.build(rows))


def test_undated_statement_in_an_article_with_an_inferred_date_can_be_turned_from() -> None:
    early = row(1, "A", "confirms", "It happened.", None)
    early["published"], early["published_source"] = "2025-12-29", "inferred"
    rows = [early, row(2, "A", "doubts", "Maybe not.", "2026-01-04")]
    later = next(e for e in tl.build(rows) if e["id"] == "s2")
    assert later["reversal"] == {
        "previous_stance": "confirms", "previous_date": None, "previous_id": "s1",
        "previous_date_inferred": "2025-12-29",
    }  # fmt: skip

"""Views beyond the timeline: search, ClaimReview export, backups, discovery, SQL views."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app

DAM = Path(__file__).parent / "fixtures" / "cli" / "dam.txt"
DESCRIPTION = "Westmark saboteurs blew up the Norvik dam"


def invoke(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def loaded() -> None:
    assert invoke("ingest", str(DAM)).exit_code == 0
    assert (
        invoke("claim", "add", "dam-sabotage", DESCRIPTION, "-k", "Norvik", "-k", "dam").exit_code
        == 0
    )


def test_search_finds_statements(loaded: None) -> None:
    rows = json.loads(invoke("search", "fabrication", "-f", "json").stdout)
    assert rows and all("fabrication" in r["text"].lower() for r in rows)
    assert json.loads(invoke("search", "volcano", "-f", "json").stdout) == []
    # user words are never FTS syntax
    assert invoke("search", 'dam" OR (', "-f", "json").exit_code in (0, 1)


def test_claimreview_has_required_fields(loaded: None) -> None:
    r = invoke(
        "export", "dam-sabotage", "--format", "claimreview", "--url", "https://example.org/r/1"
    )
    data = json.loads(r.stdout)
    assert data["@context"] == "https://schema.org" and data["@type"] == "ClaimReview"
    for key in ("url", "claimReviewed", "reviewRating", "author", "itemReviewed"):
        assert data[key], key
    assert data["claimReviewed"] == DESCRIPTION
    assert data["reviewRating"]["@type"] == "Rating" and data["reviewRating"]["alternateName"]
    assert data["itemReviewed"]["@type"] == "Claim"
    assert data["itemReviewed"]["appearance"]


def test_backup_round_trip_into_a_rebuilt_database(loaded: None, tmp_path: Path) -> None:
    sts = json.loads(invoke("show", "dam-sabotage", "-f", "json").stdout)["statements"]
    first = sts[0]["id"]
    invoke("unlink", "dam-sabotage", first)
    speaker = sts[-1]["speaker"]
    invoke("speaker", "side", speaker, "Neutralia")
    backup = invoke("export-db").stdout
    assert {json.loads(line)["type"] for line in backup.splitlines()} >= {
        "claim",
        "link",
        "correction",
    }
    rebuilt = tmp_path / "rebuilt.db"
    assert invoke("--db", str(rebuilt), "ingest", str(DAM)).exit_code == 0
    r = invoke("--db", str(rebuilt), "import-db", "-", input=backup)
    assert r.exit_code == 0, r.stderr
    before = json.loads(invoke("show", "dam-sabotage", "-f", "json").stdout)
    after = json.loads(invoke("--db", str(rebuilt), "show", "dam-sabotage", "-f", "json").stdout)
    assert [s["id"] for s in after["statements"]] == [s["id"] for s in before["statements"]]
    assert first not in [s["id"] for s in after["statements"]]
    assert any(s["side"] == "Neutralia" for s in after["statements"])


def test_import_db_bad_line_names_file_and_line(tmp_path: Path) -> None:
    f = tmp_path / "b.jsonl"
    f.write_text('{"type": "claim", "name": "x", "description": "y"}\n{broken\n')
    r = invoke("import-db", str(f))
    assert r.exit_code == 1 and "b.jsonl:2" in r.stderr
    assert json.loads(invoke("claims", "-f", "json").stdout) == []  # all or nothing


def test_sql_timeline_view(loaded: None, db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    rows = conn.execute("select claim, speaker, stance, path, line from timeline").fetchall()
    shown = json.loads(invoke("show", "dam-sabotage", "-f", "json").stdout)["statements"]
    assert len(rows) == len(shown) and {r[0] for r in rows} == {"dam-sabotage"}
    counts = dict(conn.execute("select stance, statements from claim_stances").fetchall())
    assert sum(counts.values()) == len(rows)


def test_discover_proposes_the_contested_claim() -> None:
    examples = Path(__file__).resolve().parent.parent / "examples"
    assert invoke("ingest", str(DAM), str(examples)).exit_code == 0
    proposals = json.loads(invoke("discover", "-f", "json").stdout)
    assert proposals, "a denial and an assertion about the dam should be proposed"
    assert {"name", "description", "keywords", "score", "statements"} <= set(proposals[0])
    assert [p["score"] for p in proposals] == sorted((p["score"] for p in proposals), reverse=True)
    top = next(p for p in proposals if "norvik" in p["name"] or "dam" in p["name"])
    r = invoke("discover", "--add", top["name"])
    assert r.exit_code == 0, r.stderr
    claims = json.loads(invoke("claims", "-f", "json").stdout)
    assert claims[0]["name"] == top["name"] and claims[0]["statements"] >= 2
    assert claims[0]["denies"] >= 1
    # registered claims are not proposed again
    assert top["name"] not in [
        p["name"] for p in json.loads(invoke("discover", "-f", "json").stdout)
    ]
    assert invoke("discover", "--add", "no-such-proposal").exit_code == 1

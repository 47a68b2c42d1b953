"""Schema: created by migrations from nothing, upgraded in place, newer refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimtrack import db as dbmod
from claimtrack.errors import SchemaError

EXPECTED_TABLES = {
    "articles",
    "sources",
    "sketches",
    "statements",
    "claims",
    "links",
    "corrections",
}


def test_blank_database_gets_every_table(tmp_path: Path) -> None:
    db = dbmod.connect(tmp_path / "x.db")
    assert EXPECTED_TABLES <= set(db.table_names())
    assert dbmod.schema_version(db) == dbmod.latest_version()
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert db.execute("pragma foreign_keys").fetchone()[0] == 1


def test_connect_twice_applies_nothing_new(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    dbmod.connect(path)
    db = dbmod.connect(path)
    names = [m.name for m in dbmod.migrations.applied(db)]
    assert len(names) == len(set(names)) == dbmod.latest_version()


def test_database_from_newer_claimtrack_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    db = dbmod.connect(path)
    db["_sqlite_migrations"].insert(
        {"migration_set": "claimtrack", "name": "m9999_future", "applied_at": "2030-01-01"}
    )
    with pytest.raises(SchemaError, match="newer claimtrack"):
        dbmod.connect(path)


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(SchemaError, match="not a usable SQLite database"):
        dbmod.connect(path)


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match="does not exist"):
        dbmod.connect(tmp_path / "nope" / "x.db")


def test_db_path_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMTRACK_DB", "/tmp/from-env.db")
    assert dbmod.resolve_path(None) == "/tmp/from-env.db"
    assert dbmod.resolve_path("given.db") == "given.db"
    monkeypatch.delenv("CLAIMTRACK_DB")
    assert dbmod.resolve_path(None) == "claimtrack.db"


def test_stance_check_constraint(tmp_path: Path) -> None:
    db = dbmod.connect(tmp_path / "x.db")
    db.execute("insert into articles (id, text, body, ingested_at) values ('a', 't', '[]', 'now')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "insert into statements (id, article_id, line, seq, speaker, cue, stance, kind, text) "
            "values ('s', 'a', 1, 0, 'X', 'said', 'shouts', 'direct', 't')"
        )

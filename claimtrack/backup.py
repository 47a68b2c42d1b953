"""Backing up the work users do by hand: claims, links and corrections.

Articles and statements can always be rebuilt by ingesting the same files again (their
ids come from their content); what cannot be rebuilt is registered claims, manual links
and unlinks, and speaker corrections. ``export_records`` writes them as JSON Lines,
``import_records`` restores them into a database, e.g. one rebuilt from the articles.

Each line is an object with a ``type`` of ``claim``, ``link`` or ``correction``::

    {"type": "claim", "name": …, "description": …, "keywords": […], "aliases": […]}
    {"type": "link", "claim": …, "statement_id": …, "score": …, "how": …, "reason": …}
    {"type": "correction", "kind": "side"|"merge", "subject": …, "value": …}
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from . import store
from .errors import InputError
from .models import Claim
from .records import json_objects

FORMAT_VERSION = 1


def export_records(db: sqlite_utils.Database, auto_links: bool = True) -> Iterator[dict[str, Any]]:
    yield {"type": "claimtrack-backup", "version": FORMAT_VERSION}
    for claim in store.claims(db):
        yield {
            "type": "claim",
            "name": claim.name,
            "description": claim.description,
            "keywords": claim.keywords,
            "aliases": claim.aliases,
        }
    where = "" if auto_links else " where how != 'auto'"
    for row in db.query(
        f"select claim, statement_id, score, how, reason from links{where} order by rowid"
    ):
        yield {"type": "link", **row}
    for row in db.query("select kind, subject, value from corrections order by rowid"):
        yield {"type": "correction", **row}


@dataclass
class ImportResult:
    claims: int = 0
    links: int = 0
    corrections: int = 0
    missing_statements: int = 0  # links whose statement is not in this database


def import_records(
    db: sqlite_utils.Database, lines: Iterable[str], path: str = "-"
) -> ImportResult:
    """Restore a backup in one transaction: all of it or nothing."""
    result = ImportResult()
    records = []
    for i, record in json_objects(lines, path):
        if "type" not in record:
            raise InputError(path, "expected an object with a 'type'", i)
        records.append((i, record))
    with store.write_transaction(db):
        for i, r in records:
            try:
                kind = r["type"]
                if kind == "claim":
                    claim = Claim(
                        r["name"],
                        r["description"],
                        list(r.get("keywords") or []),
                        list(r.get("aliases") or []),
                    )
                    store.upsert_claim(db, claim)
                    result.claims += 1
                elif kind == "link":
                    if not db.execute(
                        "select 1 from statements where id = ?", [r["statement_id"]]
                    ).fetchone():
                        result.missing_statements += 1
                        continue
                    db.execute(
                        "insert into links (claim, statement_id, score, how, reason) values (?,?,?,?,?) "
                        "on conflict(claim, statement_id) do update set score = excluded.score, "
                        "how = excluded.how, reason = excluded.reason",
                        [
                            r["claim"],
                            r["statement_id"],
                            float(r["score"]),
                            r["how"],
                            r.get("reason"),
                        ],
                    )
                    result.links += 1
                elif kind == "correction":
                    store.set_correction(db, r["kind"], r["subject"], r.get("value"))
                    result.corrections += 1
                elif kind != "claimtrack-backup":
                    raise InputError(path, f"unknown record type {kind!r}", i)
            except (KeyError, TypeError, ValueError) as e:
                raise InputError(path, f"malformed {r.get('type')} record ({e})", i) from e
            except sqlite3.IntegrityError as e:
                raise InputError(
                    path, f"{r.get('type')} record does not fit this database ({e})", i
                ) from e
    return result

"""Registering claims, reading claim files, and finding a claim from what a user typed.

A claim file is TOML (``[[claims]]`` tables or one table per name), JSON Lines, a JSON
list, or CSV, each claim with ``name``, ``description`` and optional ``keywords`` and
``aliases`` (lists; in CSV separated by ``;`` or ``|``). Importing is idempotent.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sqlite_utils
from rapidfuzz import fuzz, process

from . import store
from .errors import ClaimtrackError, InputError, NotFoundError
from .link import ClaimMatcher, Linker, Sections
from .models import Claim
from .records import json_objects

_NAME = re.compile(r"^[\w][\w.\-]*$")


def validate(claim: Claim, where: str = "") -> Claim:
    prefix = f"{where}: " if where else ""
    if not claim.name or not _NAME.match(claim.name):
        raise ClaimtrackError(
            f"{prefix}claim name {claim.name!r} must be one word of letters, digits, '-', '_' or '.'"
        )
    if not claim.description.strip():
        raise ClaimtrackError(f"{prefix}claim {claim.name!r} needs a description")
    return claim


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[;|]", value) if v.strip()]
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    raise ValueError(f"expected a list of strings, got {type(value).__name__}")


def _claim(record: dict[str, Any], where: str) -> Claim:
    try:
        claim = Claim(
            name=str(record.get("name") or "").strip(),
            description=str(record.get("description") or "").strip(),
            keywords=_as_list(record.get("keywords")),
            aliases=_as_list(record.get("aliases")),
        )
    except ValueError as e:
        raise InputError(where, str(e)) from e
    return validate(claim, where)


def read_claims(path: str) -> list[Claim]:
    """Claims from a TOML, JSON, JSON Lines or CSV file."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise InputError(path, e.strerror or str(e)) from e
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(path, "not UTF-8 text") from e
    suffix = p.suffix.lower()
    if suffix == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise InputError(path, f"invalid TOML: {e}") from e
        records = data.get("claims")
        if records is None:  # one table per claim: [putin-residence-attack]
            records = [{"name": k, **v} for k, v in data.items() if isinstance(v, dict)]
        return [_claim(r, path) for r in records]
    if suffix == ".csv":
        return [
            _claim(r, f"{path}:{i}") for i, r in enumerate(csv.DictReader(io.StringIO(text)), 2)
        ]
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            records = json.loads(text)
        except json.JSONDecodeError as e:
            raise InputError(path, f"invalid JSON: {e.msg}", e.lineno) from e
        return [_claim(r, path) for r in records]
    return [_claim(record, f"{path}:{i}") for i, record in json_objects(text.splitlines(), path)]


def add_claims(db: sqlite_utils.Database, claims: Iterable[Claim]) -> tuple[int, int]:
    """Register claims (or update them) and (re)link the stored statements to them;
    manual links and unlinks are kept. Returns (claims new or changed, links made)."""
    given = [validate(c) for c in claims]
    changed = 0
    with store.write_transaction(db):
        for claim in given:
            changed += store.upsert_claim(db, claim)
    return changed, link_claims(db, given)


def remove_claim(db: sqlite_utils.Database, name: str) -> None:
    with store.write_transaction(db):
        store.delete_claim(db, name)


def find_claim(db: sqlite_utils.Database, query: str) -> Claim:
    """The claim a user means: its exact name, else the single clear best fuzzy match
    on names, aliases and descriptions."""
    claims = store.claims(db)
    for c in claims:
        if c.name == query:
            return c
    if not claims:
        raise NotFoundError(
            f"no claim named {query!r}; no claims are registered yet (see 'claimtrack claim add')"
        )
    choices: dict[int, str] = {}
    owners: list[Claim] = []
    for c in claims:
        for text in (c.name, c.description, *c.aliases):
            choices[len(owners)] = text
            owners.append(c)
    scored = process.extract(query, choices, scorer=fuzz.WRatio, limit=len(choices))
    best: dict[str, float] = {}
    for _, score, key in scored:
        name = owners[key].name
        best[name] = max(best.get(name, 0.0), score)
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    closest = ", ".join(name for name, _ in ranked[:3])
    top_name, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if top >= 80 and top - second >= 10:
        return next(c for c in claims if c.name == top_name)
    if top >= 80:
        raise NotFoundError(f"{query!r} is ambiguous; closest claims: {closest}")
    raise NotFoundError(f"no claim matches {query!r}; closest claims: {closest}")


def link_claims(db: sqlite_utils.Database, claims: Iterable[Claim]) -> int:
    """(Re)link every stored statement to ``claims``; manual links are kept."""
    matchers = [ClaimMatcher.build(c) for c in claims]
    if not matchers:
        return 0
    n = 0
    with store.write_transaction(db):
        for m in matchers:
            store.clear_auto_links(db, m.claim.name)
        phrases = [w for m in matchers for w in m.search_terms()]
        linker = Linker(matchers)
        candidates = store.candidate_articles(db, phrases)
        links = []
        sections: Sections | None = None
        for row, body, title in store.statements_with_context(db, candidates):
            if sections is None or sections.body is not body:  # a new article
                sections = Sections(body)
            context = sections.before(row["line"], row["text"])
            for match in linker.match(row["text"], context, title):
                links.append(store.LinkRow(match.claim, row["id"], match.score, match.reason))
        n = store.save_auto_links(db, links)
    return n

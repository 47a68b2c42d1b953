"""Claim files in every format, validation, and finding a claim from what a user typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtrack import db as dbmod
from claimtrack.claims import add_claims, find_claim, read_claims, remove_claim
from claimtrack.errors import ClaimtrackError, InputError, NotFoundError
from claimtrack.models import Claim

TOML = """
[[claims]]
name = "dam-sabotage"
description = "Saboteurs blew up the Norvik dam"
keywords = ["Norvik", "dam"]
aliases = ["Norvik dam explosion"]

[[claims]]
name = "port-fire"
description = "A fire destroyed the grain terminal at Ossa port"
"""


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("c.toml", TOML),
        ("c.jsonl",
         '{"name": "dam-sabotage", "description": "Saboteurs blew up the Norvik dam", '
         '"keywords": ["Norvik", "dam"], "aliases": ["Norvik dam explosion"]}\n\n'
         '{"name": "port-fire", "description": "A fire destroyed the grain terminal at Ossa port"}\n'),
        ("c.json",
         '[{"name": "dam-sabotage", "description": "Saboteurs blew up the Norvik dam", '
         '"keywords": ["Norvik", "dam"], "aliases": ["Norvik dam explosion"]},'
         '{"name": "port-fire", "description": "A fire destroyed the grain terminal at Ossa port"}]'),
        ("c.csv",
         "name,description,keywords,aliases\n"
         'dam-sabotage,Saboteurs blew up the Norvik dam,Norvik;dam,Norvik dam explosion\n'
         'port-fire,"A fire destroyed the grain terminal at Ossa port",,\n'),
    ],
)  # fmt: skip
def test_read_claims_every_format(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    claims = read_claims(str(path))
    assert [c.name for c in claims] == ["dam-sabotage", "port-fire"]
    assert claims[0].keywords == ["Norvik", "dam"]
    assert claims[0].aliases == ["Norvik dam explosion"]
    assert claims[1].keywords == [] and claims[1].aliases == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.toml", "[[claims]]\nname = ", "invalid TOML"),
        ("bad.jsonl", '{"name": "a", "description": "b"}\n{oops\n', "bad.jsonl:2: invalid JSON"),
        ("bad.jsonl", '{"name": "has space", "description": "b"}\n', "must be one word"),
        ("bad.jsonl", '{"name": "a"}\n', "needs a description"),
        ("bad.jsonl", '{"name": "a", "description": "b", "keywords": 3}\n', "expected a list"),
    ],
)
def test_bad_claim_files_name_the_file(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ClaimtrackError, match=message):
        read_claims(str(path))


def test_missing_claim_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.toml"):
        read_claims(str(tmp_path / "nope.toml"))


@pytest.fixture
def db(tmp_path: Path):  # type: ignore[no-untyped-def]
    database = dbmod.connect(tmp_path / "c.db")
    add_claims(
        database,
        [
            Claim(
                "dam-sabotage", "Saboteurs blew up the Norvik dam", ["Norvik"], ["dam explosion"]
            ),
            Claim("port-fire", "A fire destroyed the grain terminal at Ossa port"),
            Claim("port-strike", "Dock workers at Ossa port went on strike"),
        ],
    )
    return database


def test_import_is_idempotent(db) -> None:  # type: ignore[no-untyped-def]
    changed, _ = add_claims(
        db, [Claim("port-fire", "A fire destroyed the grain terminal at Ossa port")]
    )
    assert changed == 0
    changed, _ = add_claims(db, [Claim("port-fire", "A fire destroyed the terminal")])
    assert changed == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [("dam-sabotage", "dam-sabotage"), ("dam sabotage", "dam-sabotage"),
     ("Saboteurs blew up the Norvik dam", "dam-sabotage"), ("dam explosion", "dam-sabotage"),
     ("grain terminal fire", "port-fire")],
)  # fmt: skip
def test_find_claim(db, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert find_claim(db, query).name == expected


def test_unknown_claim_lists_the_closest(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError, match="closest claims: ") as e:
        find_claim(db, "volcano eruption")
    assert "dam-sabotage" in str(e.value) or "port-fire" in str(e.value)


def test_ambiguous_claim_is_an_error(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError, match=r"ambiguous|no claim matches"):
        find_claim(db, "Ossa port")


def test_remove_claim(db) -> None:  # type: ignore[no-untyped-def]
    remove_claim(db, "port-fire")
    with pytest.raises(NotFoundError):
        remove_claim(db, "port-fire")

"""Linking statements to claims: direct words, aliases, and context (tables with negatives)."""

from __future__ import annotations

import pytest

from claimtrack.link import ClaimMatcher, is_heading, match_statement, section_before, stem, terms
from claimtrack.models import Claim

CLAIM = Claim(
    "dam-sabotage",
    "Saboteurs blew up the Norvik dam on the river Elm",
    keywords=["Norvik", "dam"],
    aliases=["Norvik dam explosion"],
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("drones", "drone"), ("attacked", "attack"), ("Putin’s", "putin"), ("residences", "residence"),
     ("countries", "country"), ("class", "class"), ("bus", "bus")],
)  # fmt: skip
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_terms_drop_stopwords_and_numbers() -> None:
    assert terms("The minister said that 91 drones were shot down") == {
        "minister",
        "drone",
        "shot",
        "down",
    }


@pytest.mark.parametrize(
    ("text", "context", "linked"),
    [
        # the statement names the claim itself
        ("The ministry denied that saboteurs had touched the Norvik dam.", [], True),
        ("Engineers said the dams at Norvik were intact.", [], True),
        ("Officials called the Norvik dam explosion a fabrication.", [], True),
        # it refers back to a section about the claim
        ("The mayor called it a complete fabrication.",
         ["Who blew up the Norvik dam?", "Water rose after the dam broke."], True),
        ("The ministry rejected the allegations.",
         ["Norvik dam: what we know", "Saboteurs were blamed."], True),
        # negatives: the same words elsewhere, or no reference back
        ("The mayor called it a complete fabrication.", ["Elections", "Turnout was low."], False),
        ("The mayor opened a new school on Monday.",
         ["Who blew up the Norvik dam?", "Water rose after the dam broke."], False),
        ("Farmers said the harvest was good.", [], False),
    ],
)  # fmt: skip
def test_linking(text: str, context: list[str], linked: bool) -> None:
    matches = match_statement([ClaimMatcher.build(CLAIM)], text, context)
    assert bool(matches) is linked, matches
    for m in matches:
        assert 0 < m.score <= 1 and m.reason


def test_claim_without_keywords_uses_its_description() -> None:
    claim = Claim("x", "Saboteurs blew up the Norvik dam")
    assert match_statement(
        [ClaimMatcher.build(claim)], "Police said saboteurs blew up the Norvik dam.", []
    )


@pytest.mark.parametrize(
    ("line", "heading"),
    [("How has Ukraine responded?", True), ("Peace talks", True), ("‘No such attack happened’", True),
     ("The talks resumed on Monday.", False), ("", False),
     ("A very long line that goes on and on with many words but has no final stop at all here", False)],
)  # fmt: skip
def test_is_heading(line: str, heading: bool) -> None:
    assert is_heading(line) is heading


def test_section_before_stops_at_the_last_heading() -> None:
    body = [(1, "Intro."), (2, "Dam news"), (3, "The dam broke."), (4, "Later."), (5, "Now.")]
    assert section_before(body, 4) == ["Dam news", "The dam broke."]
    assert section_before(body, 1) == []

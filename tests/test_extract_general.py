"""Statement extraction: general patterns of real news that the first rules missed.

(text, expected) tables, negatives included. Every sentence is written for the test;
none is copied from the seed or the held-out sets. Published Wednesday 2026-01-07.
"""

from __future__ import annotations

import pytest
from test_extract import run  # one paragraph per line, published 2026-01-07

from claimtrack.dates import find_times
from claimtrack.extract import find_quotes


def rows(text: str) -> list[tuple[str, str | None, str]]:
    return [(s.speaker, s.side, s.stance.value) for s in run(text)]


# ---------------------------------------------------------------- who speaks

SPEAKERS = [
    # an apposition in narration gives the person a role for a later "the president"
    (
        "Sadyr Japarov, the Kyrgyz president, met officials on Monday.\n"
        "The president said the border was calm.",
        [("Sadyr Japarov", "Kyrgyzstan", "asserts")],
    ),
    (
        "Jane Wambui, a spokeswoman for the Kenyan interior ministry, met reporters.\n"
        "The spokeswoman said the breach was contained.",
        [("Jane Wambui", "Kenya", "asserts")],
    ),
    # a titled person named outside subject position
    (
        "The clashes began hours after Chilean Interior Minister Rafael Ortiz arrived.\n"
        "The minister said the army would stay.",
        [("Rafael Ortiz", "Chile", "asserts")],
    ),
    (
        "Talks were led by Tajik Deputy Prime Minister Usmon Davlatov.\n"
        "He said the talks had been difficult.",
        [("Usmon Davlatov", "Tajikistan", "asserts")],
    ),
    # a body as a narration subject is who "the ministry" is
    (
        "The Chilean foreign ministry summoned the ambassador. "
        "The ministry said the shooting was a provocation.",
        [("Chilean Ministry of Foreign Affairs", "Chile", "asserts")],
    ),
    # "of <country>" after a titled name is the side, not part of the name
    (
        "Interior Minister Rafael Ortiz of Chile said the damage was severe.",
        [("Rafael Ortiz", "Chile", "asserts")],
    ),
    (
        "Mona Adel, spokesperson for the Egyptian cabinet, said the pound was stable.",
        [("Mona Adel", "Egypt", "asserts")],
    ),
    # an absolute "with X saying" has its own subject
    (
        "The ministry rejected the plan, with Minister Ana Ruiz saying it cost too much.",
        [("ministry", None, "denies"), ("Ana Ruiz", None, "asserts")],
    ),
    # an acronym in parentheses between subject and verb
    (
        "The National Farmers Union (NFU) warned in a statement that prices had fallen.",
        [("National Farmers Union", None, "asserts")],
    ),
    # possessive plurals are neither quotes nor the end of the speaker
    ("Farmers’ unions said the duties would hurt growers.", [("Farmers' unions", None, "asserts")]),
    ("The plan, the envoys said, was a first step.", [("envoys", None, "asserts")]),
    # "was quick to deny": the subject of "quick" speaks
    (
        "Kenya’s central bank was quick to deny the rumours.",
        [("Kenyan central bank", "Kenya", "denies")],
    ),
    ("Critics question whether the vote was fair.", [("critics", None, "doubts")]),
]


@pytest.mark.parametrize("text,expected", SPEAKERS)
def test_speakers(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    assert rows(text) == expected


def test_an_acronym_that_spells_another_language_names_the_speaker_later() -> None:
    got = rows(
        "The Congolese armed forces (FARDC) accused the rebels of attacking.\n"
        "The FARDC said the rebels had broken the truce."
    )
    assert got == [
        ("Congolese military", "Democratic Republic of the Congo", "asserts"),
        ("Congolese military", "Democratic Republic of the Congo", "asserts"),
    ]


def test_a_trade_association_has_no_side() -> None:
    assert rows("The Chilean Salmon Association said exports had fallen.") == [
        ("Chilean Salmon Association", None, "asserts")  # the nationality is in the name
    ]


def test_a_state_body_takes_the_country_of_the_article() -> None:
    got = run(
        "Kenya’s government said the attack had been contained.\n"
        "Kenyan officials said on Monday that Kenya would not pay a ransom.\n"
        "The Kenyan police were deployed across Kenya.\n"
        "The Directorate of Cyber Investigations said the hackers were based abroad."
    )
    assert got[-1].speaker.endswith("Directorate of Cyber Investigations")
    assert got[-1].side == "Kenya"


# ---------------------------------------------------------------- stance

STANCES = [
    # the speaker negates its own doing: a rebuttal
    ("The ministry said it had not been hacked.", "denies"),
    ("The army said its troops did not fire first.", "denies"),
    ("The police said that no shots were fired.", "denies"),
    ("Officials said no such order had ever been issued.", "denies"),
    ("The bank said the circulating letter was not authentic.", "denies"),
    ("The governor said the video was doctored.", "denies"),
    ("The ministry said in a statement that the claims had “no basis”.", "denies"),
    ("The rebels contradicted the army’s account.", "denies"),
    ("The bank moved to dispel rumours of a devaluation.", "denies"),
    # ... but a pledge, a casualty report or a not-yet is no denial
    ("The ministry said it would not attend the talks.", "asserts"),
    ("The regional governor said no injuries were reported.", "asserts"),
    ("The ministry said it had not yet received the report.", "asserts"),
    ("The ministry said it did not know who was behind the attack.", "asserts"),
    # retractions
    ("The army corrected its earlier figure, saying 12 soldiers had died.", "retracts"),
    ("The border service withdrew a post about the clash.", "retracts"),
    ("The spokesman later said he had misspoken.", "retracts"),
    ("The agency deleted the post on Tuesday.", "retracts"),
]


@pytest.mark.parametrize("text,stance", STANCES)
def test_stances(text: str, stance: str) -> None:
    got = run(text)
    assert got, text
    assert got[0].stance.value == stance, got[0].explain


def test_a_correction_is_dated_like_any_statement() -> None:
    got = run("The army corrected its earlier figure on Tuesday.")
    assert [(s.cue, s.date, s.stance.value) for s in got] == [
        ("corrected its earlier figure", "2026-01-06", "retracts")
    ]


@pytest.mark.parametrize(
    "text,found",
    [
        ("its earlier figure", []),
        ("an earlier statement", []),
        ("earlier than planned", []),
        ("He said earlier", ["earlier"]),
        ("Earlier, he said", ["Earlier"]),
    ],
)
def test_earlier_as_an_adjective_is_no_time(text: str, found: list[str]) -> None:
    assert [t.text for t in find_times(text)] == found


# ---------------------------------------------------------------- hard cases of quoting


def test_a_mismatched_closing_mark_still_pairs() -> None:
    got = run('“The bridge is safe," said Transport Minister Pavel Novak.')
    assert [(s.speaker, s.quote, s.kind) for s in got] == [
        ("Pavel Novak", "The bridge is safe", "direct")
    ]


def test_an_unbalanced_quote_spoils_neither_the_next_sentence_nor_paragraph() -> None:
    text = (
        'The mayor called the plan "reckless. “We never agreed to it,” Novak said.\n'
        "“We will appeal,” the council said."
    )
    _, warnings = find_quotes(text.split("\n")[0])
    assert warnings
    assert [(s.speaker, s.line) for s in run(text)] == [("Novak", 1), ("council", 2)]


def test_trailing_dash_attribution_with_a_title() -> None:
    got = run("“We will rebuild.” — Interior Minister Rafael Ortiz")
    assert [(s.speaker, s.quote) for s in got] == [("Rafael Ortiz", "We will rebuild.")]


def test_lead_in_colon_with_a_denial() -> None:
    got = run("From the ministry: “No such decision has been taken.”")
    assert [(s.speaker, s.stance.value, s.kind) for s in got] == [("ministry", "denies", "direct")]


def test_in_a_post_on_x_dates_and_attributes() -> None:
    got = run("In a post on X on Tuesday, the ministry said the reports were fake.")
    assert [(s.speaker, s.date, s.stance.value) for s in got] == [
        ("ministry", "2026-01-06", "denies")
    ]

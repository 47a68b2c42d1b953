"""Statement extraction, third rule pass: the general forms of a reported denial.

(text, expected) tables, negatives included. Every sentence is written for these tests;
none is copied from the seed or the held-out sets. Published Wednesday 2026-01-07.
"""

from __future__ import annotations

import pytest
from test_extract_general import run  # same article wrapper, published 2026-01-07

DENIALS = [
    # denial verbs and phrases in reported speech
    "The ministry denied the report.",
    "The army rejected the accusation as propaganda.",
    "Ruth Okafor refuted the allegations on Monday.",
    "The company rebuffed the accusations.",
    "The ministry called the report baseless.",
    "Ruth Okafor called the story fabricated.",
    "The ministry termed the report baseless.",
    "The ministry branded the report a fabrication.",
    "Ruth Okafor labelled the claims false.",
    "Ruth Okafor described the claims as groundless.",
    "The ministry said the report was untrue.",
    "The ministry said the strike never happened.",
    "The ministry said the meeting had not taken place.",
    "The spokesman said there was no truth in the reports.",
    "The ministry categorically denied the report.",
    "The company denied any involvement in the leak.",
    "The group denied responsibility for the attack.",
    "The ministry rejected the allegations as baseless.",
    "The army insisted that it had not fired on civilians.",
    "The ministry said it is not true that troops crossed the border.",
    "The army said it did not carry out the strike.",
    "The army said its forces were not involved.",
    "The minister said there had been no attack on the convoy.",
    "The ministry said the report was incorrect.",
    "The ministry said the figures were wrong.",
    "The ministry said reports of casualties were exaggerated.",
    "The ministry said the claims were an attempt to mislead.",
    "The minister said the claims were “absolutely false”.",
    "Ruth Okafor said those claims were “ridiculous”.",
    "Ruth Okafor has maintained her innocence.",
    "The ministry said the claims did not correspond to reality.",
    "Ruth Okafor called the accusations a pretext for sanctions.",
    "The embassy said the story was bogus.",
    "“Nothing could be further from the truth,” the minister said.",
    # another party's claim negated in the reported clause
    "The ministry said the drones were not Iranian.",
    "The ministry said the drones are not Iranian.",
    "The ministry said the photographs were not taken in Gaza.",
    "The minister said the strike did not hit the hospital.",
    # a negation that opens the clause: "never" without an auxiliary, "none of"
    "Ruth Okafor said she never took any money.",
    "The army said it never shelled the town.",
    "The ministry said none of its soldiers were involved.",
    "The ministry said that at no time had its troops entered the town.",
    # denials in direct quotes
    "“This is a lie,” the minister said.",
    "“We categorically reject these allegations,” the minister said.",
    "“Nothing of the sort happened,” the minister said.",
    "“These claims are false,” the minister said.",
    "“There was no attack,” Ruth Okafor said.",
    "“We reject these accusations,” Ruth Okafor said.",
    "“We deny these accusations,” Ruth Okafor said.",
    # a quote opening with the speaker's own deed negated
    "“We did not strike any hospital,” Ruth Okafor said.",
    "“Our troops never fired on the crowd,” the general said.",
]


@pytest.mark.parametrize("text", DENIALS)
def test_denial_forms(text: str) -> None:
    got = run(text)
    assert got, text
    assert got[0].stance.value == "denies", (text, got[0].explain)


NOT_DENIALS = [
    # 'disputed' is a doubt (GUIDELINES)
    ("The army disputed the figures.", "doubts"),
    # a pledge or a plain report is no denial
    ("The ministry said the talks would not resume before March.", "asserts"),
    ("The governor said the harvest was bigger than expected.", "asserts"),
    # a negated clause that reports a state, a scope, a reading or a pledge
    ("The police said the suspect had not been identified.", "asserts"),
    ("The bank said the figures did not include the last quarter.", "asserts"),
    ("The mayor said the water supply had not been restored.", "asserts"),
    ("The analyst said the meeting did not appear to shift his position.", "asserts"),
    ("The ministry said the talks had not yet produced a deal.", "asserts"),
    ("The trade chief said the commission does not negotiate on tariffs.", "asserts"),
    # a concern that a claim may serve as a pretext is no denial of it
    ("The government said the allegations could be used as a pretext for escalation.", "asserts"),
    ("The ministry said none of the residents were hurt.", "asserts"),
    # a first-person stand or boast in a quote is not a deed denied
    ("“We are not asking for favours,” Ruth Okafor said.", "asserts"),
    ("“We have never been closer to a deal,” the envoy said.", "asserts"),
    # a quoted "they" is somebody else
    ("“They did not pay the fine,” Ruth Okafor said.", "asserts"),
    # "wrong" of somebody's act, not of a claim
    ("Ruth Okafor said the raid on the clinic was wrong.", "asserts"),
]


@pytest.mark.parametrize("text,stance", NOT_DENIALS)
def test_not_denials(text: str, stance: str) -> None:
    got = run(text)
    assert got, text
    assert got[0].stance.value == stance, (text, got[0].explain)


@pytest.mark.parametrize(
    "text",
    [
        "The ministry declined to comment.",
        "There was no evidence of a strike in the satellite images.",
        "The ministry refused to confirm the report.",
    ],
)
def test_absences_and_narration_are_no_statements(text: str) -> None:
    assert run(text) == []

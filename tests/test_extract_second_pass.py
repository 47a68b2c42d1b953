"""Statement extraction, second rule pass: patterns behind the errors of held-out half CA.

(text, expected) tables, negatives included. Every sentence is written for these tests;
none is copied from the seed or the held-out sets. Published Wednesday 2026-01-07.
"""

from __future__ import annotations

import pytest
from test_extract_general import run  # same article wrapper, published 2026-01-07

from claimtrack.actors import default_registry


def stances(text: str) -> list[tuple[str, str]]:
    return [(s.speaker, s.stance.value) for s in run(text)]


# ---------------------------------------------------------------- stance phrases

STANCES = [
    # an inquiry of the speaker's own that found nothing negates the claim
    ("Ruth Okafor said her review had found no evidence of bribery.", "denies"),
    ("The auditors said they found no credible evidence that ballots were altered.", "denies"),
    # a mere lack of proof stays a doubt
    ("The analyst said there was no evidence the plant had been hit.", "doubts"),
    # calling the other side's story a tale or a forgery
    ("The minister said the report of a mutiny was a fairy tale.", "denies"),
    ("The agency said the letter circulating online was a forgery.", "denies"),
    ("Coach Ruth Okafor said that photo was not evidence of anything.", "denies"),
    # two accounts that cannot both hold, a claim nobody can check
    ("The professor said the timeline was hard to square with the official account.", "doubts"),
    ("Ruth Okafor said nobody had measured the leak, so nobody can prove anything.", "doubts"),
    # the speaker narrows or takes back their own words
    ("The governor said he had been too optimistic about the harvest.", "retracts"),
    ("“I chose my words badly,” the senator said.", "retracts"),
    (
        "The bank said the remarks should not be interpreted as a signal on interest rates.",
        "retracts",
    ),
    # standing by a disputed document or account confirms it
    ("Ruth Okafor stood by the report on Thursday.", "confirms"),
    ("Ruth Okafor stands by her earlier claims.", "confirms"),
]


def test_standing_by_a_door_is_no_statement() -> None:
    assert run("Ruth Okafor stood by the door as the votes were counted.") == []


@pytest.mark.parametrize("text,stance", STANCES)
def test_stance_phrases(text: str, stance: str) -> None:
    got = run(text)
    assert got, text
    assert got[0].stance.value == stance, (text, got[0].explain)


# ---------------------------------------------------------------- sides

SIDES = [
    ("North Korean Ministry of National Defence spokesperson", "North Korea"),
    ("South Korean Joint Chiefs of Staff", "South Korea"),
    ("United States Forces Korea", "United States"),
    ("Korean Central News Agency", "North Korea"),
    ("KCNA", "North Korea"),
    ("OAS observers", "Organization of American States"),
    ("Kim Yo Jong", "North Korea"),
    # a lone "korean" names neither Korea
    ("Korean Air", None),
]


@pytest.mark.parametrize("name,side", SIDES)
def test_multi_word_nationality_gives_the_side(name: str, side: str | None) -> None:
    assert default_registry().side_for(name) == side


def test_a_known_agency_as_narration_subject_is_a_later_it() -> None:
    text = "KCNA carried a long report on the launch. It said the missile had hit its target."
    assert [(s.speaker, s.side) for s in run(text)] == [
        ("Korean Central News Agency", "North Korea")
    ]


# ---------------------------------------------------------------- who speaks

SPEAKERS = [
    # after a titled person's full name, "of the <party>" is an affiliation
    (
        "Senator Ana Lucero of the opposition Green Front said the count was rigged.",
        [("Ana Lucero", "said")],
    ),
    (
        "Deputy Tomas Berg of the ruling People's Union said the vote was clean.",
        [("Tomas Berg", "said")],
    ),
    # a pronoun right after a narration sentence is that sentence's subject
    (
        "Joseph Mwangi met Interior Minister Ruth Okafor on Monday.\n"
        "Mwangi did not back down. Later, he wrote that the inquiry was a sham.",
        [("Joseph Mwangi", "wrote")],
    ),
    # "it" opening a paragraph is the body that spoke last, not a country named since
    (
        "The Kenyan interior ministry said in a statement that no data had been lost.\n"
        "It added that Kenya had hired auditors from abroad.",
        [
            ("Kenyan Ministry of Interior", "said in a statement"),
            ("Kenyan Ministry of Interior", "added"),
        ],
    ),
]


@pytest.mark.parametrize("text,expected", SPEAKERS)
def test_speakers(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(s.speaker, s.cue) for s in run(text)] == expected


# ---------------------------------------------------------------- joint subjects

JOINT = [
    # a list with a multi-word first member: one speaker each
    (
        "The United Arab Emirates, India and Pakistan, by contrast, condemned the strike.",
        ["United Arab Emirates", "India", "Pakistan"],
    ),
    ("Germany, France and Italy said the vote had been fair.", ["Germany", "France", "Italy"]),
    (
        "Ruth Okafor, Joseph Mwangi and Ana Lucero said the vote had been fair.",
        ["Ruth Okafor", "Joseph Mwangi", "Ana Lucero"],
    ),
]


@pytest.mark.parametrize("text,speakers", JOINT)
def test_a_listed_subject_gives_one_speaker_each(text: str, speakers: list[str]) -> None:
    assert [s.speaker for s in run(text)] == speakers


def test_wanting_to_see_proof_before_concluding_is_doubt() -> None:
    got = run(
        "Ruth Okafor, the Kenyan envoy, said she wanted to see the evidence "
        "before drawing any conclusion about the strike."
    )
    assert [(s.speaker, s.stance.value) for s in got] == [("Ruth Okafor", "doubts")]


def test_an_inquiry_before_anybody_concludes_stays_an_assertion() -> None:
    got = run("Ruth Okafor said the tapes would be examined before anybody draws conclusions.")
    assert [(s.speaker, s.stance.value) for s in got] == [("Ruth Okafor", "asserts")]


# ---------------------------------------------------------------- statement dates

DATES = [
    # a time inside the reported clause is the content's, not the speech act's
    ("Final figures are due by January 19, Ruth Okafor said.", ["2026-01-07"]),
    ("The 2022 election was stolen, Ruth Okafor said.", ["2026-01-07"]),
    # a fronted time of its own still dates the statement
    ("On Monday, Ruth Okafor said the figures were final.", ["2026-01-05"]),
    ("December 15, 2025, Ruth Okafor said the figures were final.", ["2025-12-15"]),
    # the outlet that carried the words stands between the verb and its time
    (
        "Ruth Okafor said in a statement carried by Xinhua on Monday that the talks had failed.",
        ["2026-01-05"],
    ),
    # "at the time" and ", when" set the speech back to the absolute time named before it
    (
        "In 2019, the Kenyan federation banned two referees, a case it said at the time was isolated.",
        ["2019-01-01"],
    ),
    (
        "In October 2022, the then finance minister accused the bank of hoarding reserves, "
        "a charge the bank rejected at the time.",
        ["2022-10-01", "2022-10-01"],
    ),
    (
        "The OAS played a role in the country's 2019 crisis, when its observers said the "
        "count had been manipulated.",
        ["2019-01-01"],
    ),
    # spoken right after the event the date names
    (
        "Coach Ruth Okafor said after the match on January 3 that her side was tired.",
        ["2026-01-03"],
    ),
]


@pytest.mark.parametrize("text,dates", DATES)
def test_statement_dates(text: str, dates: list[str]) -> None:
    assert [s.date for s in run(text)] == dates


def test_insisting_against_the_account_just_reported_denies() -> None:
    got = run("Nairobi says its drones hit the camp, but Mogadishu insists the strike missed.")
    assert [(s.speaker, s.stance.value) for s in got] == [
        ("Kenya", "asserts"),
        ("Somalia", "denies"),
    ]


def test_insisting_without_a_contrast_asserts() -> None:
    got = run("Mogadishu insists the talks will go ahead next week.")
    assert [(s.speaker, s.stance.value) for s in got] == [("Somalia", "asserts")]


def test_despite_the_claims_denies() -> None:
    got = run("Ruth Okafor said that, despite the government's claims, the dam was leaking.")
    assert [s.stance.value for s in got] == ["denies"]


def test_a_dash_attribution_names_the_person_before_the_comma() -> None:
    got = run(
        "“The count is final.” – Ana Lucero, president of the electoral tribunal\n"
        "The tribunal's vice-president, Hugo Lema, said an audit would follow.\n"
        "Results are due by Friday, the tribunal president said."
    )
    assert [s.speaker for s in got] == ["Ana Lucero", "Hugo Lema", "Ana Lucero"]


NAMED_LATER = [
    # a standfirst speaker given by role is the person the body names with that title
    (
        "An opposition senator says the count was rigged.\n"
        "Senator Ana Lucero said on Monday that the servers had been hacked.",
        ["Ana Lucero", "Ana Lucero"],
    ),
    (
        "The electoral tribunal says its system was never breached.\n"
        "Peru's National Electoral Tribunal said on Monday the count was final.",
        ["National Electoral Tribunal", "National Electoral Tribunal"],
    ),
    # … but not when the body names nobody with that title
    (
        "An opposition senator says the count was rigged.\n"
        "The tribunal said on Monday the count was final.",
        ["unnamed opposition senator", "tribunal"],
    ),
]


@pytest.mark.parametrize("text,speakers", NAMED_LATER)
def test_a_lead_speaker_given_by_role_is_named_later(text: str, speakers: list[str]) -> None:
    assert [s.speaker for s in run(text)] == speakers


BODY_SIDES = [
    # a state body with no country of its own speaks for the article's country
    (
        "Kenyan police said on Monday that the border was calm. "
        "The Anti-Fraud Commission said it had opened an inquiry.",
        [("Kenyan police", "Kenya"), ("Anti-Fraud Commission", "Kenya")],
    ),
    # local media and a club's official speak for no government
    (
        "Kenyan police said the border was calm. Local media said the bridge was shut.",
        [("Kenyan police", "Kenya"), ("Local media", None)],
    ),
    # "Its spokesman, X" speaks for the body just named in narration
    (
        "Turkey's agriculture ministry denied the report.\n"
        "Iraq's Ministry of Water Resources was not convinced. Its spokesman, Khalid Hamid, "
        "said on Wednesday that Baghdad had received signals.",
        [("Turkish Ministry of Agriculture", "Turkey"), ("Khalid Hamid", "Iraq")],
    ),
]


@pytest.mark.parametrize("text,expected", BODY_SIDES)
def test_sides_of_bodies(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(s.speaker, s.side) for s in run(text)] == expected


VERB_STANCES = [
    ("Ruth Okafor laughed off the report of a coup.", "denies"),
    ("Ruth Okafor scoffed at the claim that the dam was leaking.", "denies"),
    ("Ruth Okafor voiced doubts about the official toll.", "doubts"),
    ("Ruth Okafor poured cold water on the claim that talks had resumed.", "doubts"),
    ("Ruth Okafor vouched for the account of the two witnesses.", "confirms"),
    ("Ruth Okafor backed away from her earlier claim that the vote was rigged.", "retracts"),
    ("Ruth Okafor distanced herself from the remarks on Monday.", "retracts"),
    ("Ruth Okafor said she had been misquoted by the paper.", "denies"),
    ("Ruth Okafor said the report was simply wrong.", "denies"),
]


@pytest.mark.parametrize("text,stance", VERB_STANCES)
def test_verb_and_phrase_stances(text: str, stance: str) -> None:
    got = run(text)
    assert [s.stance.value for s in got][:1] == [stance], [s.explain for s in got]


def test_a_doubt_carries_to_the_same_speakers_next_sentence() -> None:
    got = run(
        "Researcher Ana Lucero cast doubt on both accounts. "
        "She said a two-hour outage was unusual for a planned switchover."
    )
    assert [(s.cue, s.stance.value) for s in got] == [("cast doubt", "doubts"), ("said", "doubts")]


def test_a_quote_in_the_next_paragraph_keeps_its_own_stance() -> None:
    got = run(
        "Ana Lucero rejected the plan as illegal.\n“States have rights of their own,” she said."
    )
    assert [s.stance.value for s in got] == ["denies", "asserts"]


def test_a_body_in_a_capital_speaks_and_takes_its_country() -> None:
    got = run(
        "The Joint Chiefs of Staff (JCS) in Seoul said the launch was detected at once.\n"
        "Late on Tuesday, the JCS said the debris had been found."
    )
    assert [(s.speaker, s.side) for s in got] == [
        ("South Korean Joint Chiefs of Staff", "South Korea"),
        ("South Korean Joint Chiefs of Staff", "South Korea"),
    ]


def test_a_ministry_quoted_by_a_state_outlet_is_of_the_outlets_state() -> None:
    got = run(
        "Seoul said the missile had been shot down.\n"
        "KCNA quoted a spokesperson for the Ministry of National Defence as saying "
        "the missile had hit its target."
    )
    assert [s.side for s in got] == ["South Korea", "North Korea", "North Korea"]


def test_quoted_x_as_saying_gives_the_outlet_a_row_too() -> None:
    got = run("The news agency Xinhua quoted Ruth Okafor as saying the talks had failed.")
    assert [(s.speaker, s.cue) for s in got] == [
        ("Xinhua", "quoted"),
        ("Ruth Okafor", "quoted as saying"),
    ]


def test_quoted_by_x_as_saying_gives_only_the_speaker() -> None:
    got = run("Ruth Okafor was quoted by Xinhua as saying the talks had failed.")
    assert [s.speaker for s in got] == ["Ruth Okafor"]


@pytest.mark.parametrize(
    "text,stance",
    [
        ("The minister added that the earlier toll had been a data-entry error.", "retracts"),
        ("The ministry blamed a clerical error for the wrong figure.", "retracts"),
        # an error the speaker finds in somebody else's work is no retraction of their own
        ("Ruth Okafor said the agency's model was simply wrong.", "denies"),
    ],
)
def test_an_earlier_figure_put_down_to_a_slip_retracts(text: str, stance: str) -> None:
    assert [s.stance.value for s in run(text)] == [stance]


def test_a_recorded_voice_is_the_person_it_is_identified_as() -> None:
    got = run(
        "In the clip, a man is heard saying that the referee had been paid.\n"
        "Local media identified the voice as that of Joseph Mwangi, a club manager."
    )
    assert [(s.speaker, s.side) for s in got][:1] == [("Joseph Mwangi", None)]


def test_an_unidentified_voice_stays_unnamed() -> None:
    got = run("In the clip, a man is heard saying that the referee had been paid.")
    assert [s.speaker for s in got] == ["unnamed man"]


@pytest.mark.parametrize(
    "text,stance",
    [
        ("Ana Lucero said she had been mistaken about the date.", "retracts"),
        ("The agency said it had been wrong to publish the figure.", "retracts"),
        ("The agency withdrew the circular on Monday.", "retracts"),
        # somebody else's error
        ("Ana Lucero said they were wrong to attack the convoy.", "asserts"),
        # another party's report called wrong is not retracted: it is denied
        ("Ana Lucero said the report was wrong.", "denies"),
    ],
)
def test_the_speakers_own_error_retracts(text: str, stance: str) -> None:
    assert [s.stance.value for s in run(text)][:1] == [stance]


@pytest.mark.parametrize(
    "text,speaker",
    [
        ("The firm running the mine denied that it had ignored warnings.", "firm"),
        ("The company operating the plant said the leak was contained.", "company"),
        ("Ana Lucero, a lawyer representing the families, said the firm was warned.", "Ana Lucero"),
    ],
)
def test_a_reduced_relative_leaves_the_head_as_speaker(text: str, speaker: str) -> None:
    assert [s.speaker for s in run(text)] == [speaker]


def test_a_quote_cut_by_a_stray_mark_stays_as_printed() -> None:
    text = 'Ana Lucero spoke to reporters.\n" We will win " " and soon'
    got = run(text)
    assert got and all(s.quote is None or s.quote in text for s in got)


def test_a_quote_split_by_an_attribution_keeps_both_pieces() -> None:
    got = run("“We will win,” Ana Lucero said, “and soon.”")
    assert [s.quote for s in got] == ["We will win and soon."]


def test_a_definite_body_is_not_a_person_whose_title_mentions_it() -> None:
    got = run(
        "Hungary's central bank governor, Anna Kiss, said rates would stay high.\n"
        "The finance minister accused the bank of hurting growth, a charge the bank rejected."
    )
    assert [s.speaker for s in got if s.cue == "rejected"] == ["Hungarian bank"]
    assert [s.speaker for s in got][:1] == ["Anna Kiss"]
    # the title itself still goes to the person
    more = run(
        "Hungary's central bank governor, Anna Kiss, said rates would stay high.\n"
        "The governor said the bank was independent."
    )
    assert [s.speaker for s in more] == ["Anna Kiss", "Anna Kiss"]


def test_the_statement_read_speaks_for_who_issued_it_in_narration() -> None:
    got = run(
        "Ana Lucero said the plan was on track.\n"
        "On Tuesday, the Kenyan interior ministry issued a clarification. "
        "“No decision has been taken,” the statement read."
    )
    assert [(s.speaker, s.cue) for s in got] == [
        ("Ana Lucero", "said"),
        ("Kenyan Ministry of Interior", "read"),
    ]


@pytest.mark.parametrize(
    "text,stance",
    [
        ("Ana Lucero said the charges were politically motivated.", "denies"),
        ("Ana Lucero said the video had been staged.", "denies"),
        ("Ana Lucero said the figures were grossly exaggerated.", "denies"),
        ("Ana Lucero said the claims were unsubstantiated.", "doubts"),
        ("Ana Lucero said the toll was dubious.", "doubts"),
    ],
)
def test_framing_a_charge_as_motive_or_fiction(text: str, stance: str) -> None:
    assert [s.stance.value for s in run(text)] == [stance]


@pytest.mark.parametrize(
    "text,stance",
    [
        (
            "“One of the two accounts is not true, and possibly neither is,” Ana Lucero said.",
            "doubts",
        ),
        ("“The report is probably fake,” Ana Lucero said.", "doubts"),
        ("“The report is fake,” Ana Lucero said.", "denies"),
    ],
)
def test_a_hedged_denial_is_doubt(text: str, stance: str) -> None:
    assert [s.stance.value for s in run(text)] == [stance]


@pytest.mark.parametrize(
    "text",
    [
        "“What the ministry says is simply not what our sensors show,” Ana Lucero said.",
        "Ana Lucero said the government's figures were not borne out by the data.",
    ],
)
def test_an_account_set_against_the_speakers_data_is_denied(text: str) -> None:
    assert [s.stance.value for s in run(text)] == ["denies"]

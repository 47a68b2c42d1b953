"""Statement extraction: (text, expected) tables, negatives included.

Every sentence here is written for the test; none is copied from the evaluation seed.
The publication date of the test articles is Wednesday 2026-01-07 unless a row says
otherwise.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from claimtrack.extract import extract_statements, find_quotes, split_paragraph
from claimtrack.models import Article, Statement

PUBLISHED = "2026-01-07"  # a Wednesday


def run(text: str, published: str | None = PUBLISHED) -> list[Statement]:
    """One paragraph per line of ``text``."""
    body = [(i, line) for i, line in enumerate(text.split("\n"), 1) if line.strip()]
    art = Article("t.txt", 1, len(body), body, published=published)
    return extract_statements(art)


def who(text: str, published: str | None = PUBLISHED) -> list[tuple[str, str, str]]:
    """(speaker, stance, kind) of each statement."""
    return [(s.speaker, s.stance.value, s.kind) for s in run(text, published)]


# ---------------------------------------------------------------- direct quotes

DIRECT = [
    (
        "“We will not retreat,” Mayor Anna Kovacs said.",
        [("Anna Kovacs", "We will not retreat")],
    ),
    (
        '"The bridge is safe," said Transport Minister Pavel Novak.',
        [("Pavel Novak", "The bridge is safe")],
    ),
    (
        'Pavel Novak said: "Inspections found no cracks in the deck."',
        [("Pavel Novak", "Inspections found no cracks in the deck.")],
    ),
    (
        "“The talks failed. We expect more strikes,” Sergey Lavrov said.",
        [("Sergey Lavrov", "The talks failed. We expect more strikes")],
    ),
    (
        "“The talks failed,” said Sergey Lavrov, “and we expect more strikes.”",
        [("Sergey Lavrov", "The talks failed and we expect more strikes.")],
    ),
    (
        "“We are ready for a ceasefire,” Zelenskyy wrote on Telegram.",
        [("Volodymyr Zelenskyy", "We are ready for a ceasefire")],
    ),
    (
        "“Nobody is above the law.” – Commissioner Elena Varga",
        [("Elena Varga", "Nobody is above the law.")],
    ),
    (
        "From the chairwoman: “The vote is postponed until March.”",
        [("chairwoman", "The vote is postponed until March.")],
    ),
]


@pytest.mark.parametrize("text,expected", DIRECT)
def test_direct_quotes(text: str, expected: list[tuple[str, str]]) -> None:
    got = run(text)
    assert [(s.speaker, s.quote) for s in got] == expected
    assert all(s.kind == "direct" for s in got)


def test_multi_sentence_quote_is_one_statement() -> None:
    got = run("“Prices will fall,” Minister Ana Ruiz said. “Wages will rise. Trust us.”")
    assert len(got) == 1
    assert got[0].quote == "Prices will fall Wages will rise. Trust us."
    assert "Trust us" in got[0].text


# ---------------------------------------------------------------- reported speech

REPORTED = [
    ("Poland’s foreign ministry said that the convoy had been hit.",
     [("Polish Ministry of Foreign Affairs", "Poland", "asserts", "said")]),
    ("Kremlin spokesman Dmitry Peskov claimed the drones came from the west.",
     [("Dmitry Peskov", "Russia", "asserts", "claimed")]),
    ("Ukraine’s military denied carrying out the strike.",
     [("Ukrainian military", "Ukraine", "denies", "denied")]),
    ("Hungarian Prime Minister Viktor Orban warned that sanctions would backfire.",
     [("Viktor Orban", "Hungary", "asserts", "warned")]),
    ("Beijing rejected the accusations as baseless.",
     [("China", "China", "denies", "rejected")]),
    ("Foreign Minister Andrii Sybiha told reporters the claim was a fabrication.",
     [("Andrii Sybiha", "Ukraine", "denies", "told reporters")]),
    ("Deputy Prime Minister Oleksii Kuleba wrote on Telegram that two ports had been hit.",
     [("Oleksii Kuleba", "Ukraine", "asserts", "wrote on telegram")]),
    ("In a post on X, Foreign Minister Radoslaw Sikorski said the drones had entered Polish airspace.",
     [("Radoslaw Sikorski", "Poland", "asserts", "said")]),
    ("Moscow has strongly denied any involvement in the blast.",
     [("Russia", "Russia", "denies", "denied")]),
    ("Bangkok said the border crossing would remain closed.",
     [("Thailand", "Thailand", "asserts", "said")]),
    ("The Kremlin said talks with Washington would continue next month.",
     [("Russia", "Russia", "asserts", "said")]),
    ("The rebels accused the army of shelling the market.",
     [("rebels", None, "asserts", "accused")]),
    ("Two ports were damaged overnight, the Ukrainian navy said.",
     [("Ukrainian Navy", "Ukraine", "asserts", "said")]),
    ("Saudi and Egyptian officials condemned the raid.",
     [("Saudi officials", "Saudi Arabia", "asserts", "condemned"),
      ("Egyptian officials", "Egypt", "asserts", "condemned")]),
    ("Trump and Zelenskyy said a deal was close.",
     [("Donald Trump", "United States", "asserts", "said"),
      ("Volodymyr Zelenskyy", "Ukraine", "asserts", "said")]),
    ("Observers and analysts said the vote was unlikely to change much.",
     [("observers and analysts", None, "asserts", "said")]),
]  # fmt: skip


@pytest.mark.parametrize("text,expected", REPORTED)
def test_reported_speech(text: str, expected: list[tuple]) -> None:
    got = run(text)
    assert [(s.speaker, s.side, s.stance.value, s.cue) for s in got] == expected
    assert all(s.kind == "reported" for s in got)


def test_bare_nominal_inside_other_words_is_not_a_statement() -> None:
    got = run("Peskov accused Western media of playing along with Kyiv’s denial.")
    assert [(s.speaker, s.kind) for s in got] == [("Dmitry Peskov", "reported")]


def test_more_reporting_verbs() -> None:
    got = run(
        "Tehran dismissed the report. Officials insisted the site was civilian. "
        "The ministry alleged that the convoy carried weapons."
    )
    assert [(s.cue, s.stance.value) for s in got] == [
        ("dismissed", "denies"),
        ("insisted", "asserts"),
        ("alleged", "asserts"),
    ]


def test_participle_is_its_own_statement() -> None:
    got = run("Kyiv denied the report, accusing Moscow of inventing the attack.")
    assert [(s.speaker, s.cue, s.stance.value) for s in got] == [
        ("Ukraine", "denied", "denies"),
        ("Ukraine", "accusing", "asserts"),
    ]


def test_relative_clause_speaker() -> None:
    got = run(
        "Russia’s Defence Ministry released a video of a drone it said had been shot down, "
        "which Kyiv rejected."
    )
    assert [(s.speaker, s.stance.value) for s in got] == [
        ("Russian Ministry of Defence", "asserts"),
        ("Ukraine", "denies"),
    ]


# ---------------------------------------------------------------- according to, nominal

OTHER_KINDS = [
    ("The strike killed four people, according to local officials.",
     [("local officials", "according_to")]),
    ("According to the Pentagon, two destroyers were deployed.",
     [("US Department of Defense", "according_to")]),
    ("The toll rose to nine, according to figures from the World Health Organization.",
     [("World Health Organization", "according_to")]),
    ("Russia’s allegation that Ukraine attacked the plant was met with scepticism.",
     [("Russia", "nominal")]),
    ("Observers noted remarks from Japanese Prime Minister Sanae Takaichi that the strait was vital.",
     [("Sanae Takaichi", "nominal")]),
    ("Kyiv’s denial came hours after the video was released.", [("Ukraine", "nominal")]),
]  # fmt: skip


@pytest.mark.parametrize("text,expected", OTHER_KINDS)
def test_according_to_and_nominal(text: str, expected: list[tuple[str, str]]) -> None:
    got = run(text)
    assert [(s.speaker, s.kind) for s in got if s.kind in ("according_to", "nominal")] == expected


# ---------------------------------------------------------------- hard cases


def test_quote_only_paragraph_continues_previous_speaker() -> None:
    got = run(
        "Maria Ortiz, a lawyer for the families, said the report was incomplete.\n"
        "“Nobody has seen the full file. We want answers.”"
    )
    assert [(s.speaker, s.cue, s.kind, s.line) for s in got] == [
        ("Maria Ortiz", "said", "reported", 1),
        ("Maria Ortiz", "", "direct", 2),
    ]


def test_speaker_named_in_previous_sentence() -> None:
    got = run("Alice Moreau began talking to the crowd. “We will rebuild every house.”")
    assert [(s.speaker, s.kind, s.quote) for s in got] == [
        ("Alice Moreau", "direct", "We will rebuild every house.")
    ]


def test_speaker_named_in_previous_paragraph() -> None:
    got = run("Alice Moreau walked to the microphone.\n“We will rebuild every house.”")
    assert [(s.speaker, s.line) for s in got] == [("Alice Moreau", 2)]


def test_unbalanced_quote_costs_one_span_not_the_paragraph() -> None:
    text = "Critics called the plan “reckless. “We never agreed to it,” Novak said."
    quotes, warnings = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["“We never agreed to it,”"]
    assert warnings
    got = run(text)
    assert [(s.speaker, s.quote) for s in got] == [("Novak", "We never agreed to it")]
    assert any("never closed" in e for e in got[0].explain)


def test_reversed_quote_marks_still_pair() -> None:
    text = "Officials said the claims were ”baseless“ and politically motivated."
    quotes, _ = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["”baseless“"]
    assert [(s.speaker, s.stance.value) for s in run(text)] == [("officials", "denies")]


def test_apostrophes_and_possessive_plurals_are_not_quotes() -> None:
    text = "The countries’ leaders don’t expect a deal, Donald Tusk said."
    assert find_quotes(text) == ([], [])
    got = run(text)
    assert [(s.speaker, s.quote, s.kind) for s in got] == [("Donald Tusk", None, "reported")]


def test_single_quotes_when_no_double_quotes() -> None:
    text = "‘We won’t leave our land,’ the farmers’ spokesman Ivo Petrov said."
    quotes, _ = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["‘We won’t leave our land,’"]
    assert [(s.speaker, s.quote) for s in run(text)] == [("Ivo Petrov", "We won’t leave our land")]


def test_statement_read_goes_to_the_issuer() -> None:
    got = run(
        "In a statement, the Red Cross warned that supplies were running out. "
        "“Hospitals cannot cope,” the statement read."
    )
    assert [(s.speaker, s.cue) for s in got] == [
        ("International Committee of the Red Cross", "warned"),
        ("International Committee of the Red Cross", "read"),
    ]


def test_quoted_as_saying() -> None:
    got = run("The agency quoted Deputy Minister Ivan Petrov as saying the grid was stable.")
    assert "Ivan Petrov" in [s.speaker for s in got]


def test_is_heard_saying() -> None:
    got = run("In the recording, a commander is heard saying: “Hold the bridge.”")
    assert [(s.speaker, s.kind, s.quote) for s in got] == [
        ("unnamed commander", "direct", "Hold the bridge.")
    ]


NOT_STATEMENTS = [
    "Reporters asked Trump whether he would meet Putin.",
    "“Will you meet Putin?” a reporter asked.",
    "What has Russia claimed?",
    "Russian forces shelled the town overnight, killing two people.",
    "Russia has not commented on the strike.",
    "The ministry declined to comment.",
    "Officials did not deny the report.",
    "Reports of the attack emerged on Sunday.",
    "The claims could not be independently verified.",
    "The alleged attack drew wide condemnation.",
    "The United States sent two destroyers to the region.",
    "Prices rose by 3 percent in March, the highest in a year.",
    "The president named a new defence minister on Friday.",
    "Ukraine condemns strike on Kharkiv",  # a headline
]


@pytest.mark.parametrize("text", NOT_STATEMENTS)
def test_not_statements(text: str) -> None:
    assert run(text) == []


# ---------------------------------------------------------------- stance

STANCE = [
    ("The ministry denied the report.", "denies"),
    ("Kyiv rejected claims that its drones hit the plant.", "denies"),
    ("Sybiha called the allegations a lie.", "denies"),
    ("Zelenskyy said the story was a complete fabrication.", "denies"),
    ("Zelenskyy said the attack did not happen.", "denies"),
    ("Zelenskyy said Moscow had not provided any evidence of the attack.", "denies"),
    ("Whitaker said there was no evidence that Ukraine launched the drones.", "doubts"),
    ("Whitaker said it was unclear whether the strike happened.", "doubts"),
    ("Whitaker cast doubt on the video.", "doubts"),
    ("Whitaker told reporters he was sceptical of the account.", "doubts"),
    ("Macron said he did not believe the explosion was an accident.", "doubts"),
    ("Peskov walked back his earlier claim.", "retracts"),
    ("The mayor retracted the statement on Tuesday.", "retracts"),
    ("The army confirmed that the strike took place.", "confirms"),
    ("Peskov said there is no doubt the attack was planned.", "asserts"),
    ("Peskov said the attack was planned in advance.", "asserts"),
    ("Peskov accused Kyiv, without evidence, of staging the attack.", "asserts"),
    ("Sybiha said: “They accuse us without evidence.”", "doubts"),
    ("Officials said the attack was not a lie but a warning.", "asserts"),
    ("The embassy pushed back on the report.", "denies"),
    ("The agency said it could not confirm the reports.", "doubts"),
    ("Tehran branded the accusations “baseless”.", "denies"),
    ("China denounced the sanctions as unlawful.", "asserts"),
    ("Israel disputed that account.", "doubts"),
]


@pytest.mark.parametrize("text,stance", STANCE)
def test_stance(text: str, stance: str) -> None:
    got = run(text)
    assert got, text
    assert got[0].stance.value == stance
    assert any("stance" in e for e in got[0].explain)


# ---------------------------------------------------------------- dates

DATES = [
    ("Lavrov said on Monday that the talks were over.", PUBLISHED, ("2026-01-05", "day")),
    ("On Monday, Lavrov said the talks were over.", PUBLISHED, ("2026-01-05", "day")),
    ("Lavrov said Monday the talks were over.", PUBLISHED, ("2026-01-05", "day")),
    ("Lavrov told reporters yesterday that the talks were over.", PUBLISHED, ("2026-01-06", "day")),
    ("Lavrov said last month that the talks were over.", PUBLISHED, ("2025-12-01", "month")),
    ("Lavrov said on December 28 that the talks were over.", PUBLISHED, ("2025-12-28", "day")),
    ("In July, Lavrov said the talks were over.", PUBLISHED, ("2025-07-01", "month")),
    ("Lavrov said the talks were over.", PUBLISHED, ("2026-01-07", "day")),
    ("Lavrov said the attack on Sunday night killed two people.", PUBLISHED, ("2026-01-07", "day")),
    ("Lavrov said last week that the talks were over.", PUBLISHED, (None, None)),
    ("Lavrov said on Monday that the talks were over.", None, (None, None)),
    ("Lavrov said the talks were over.", None, (None, None)),
    ("On December 25, 2024, Lavrov said the talks were over.", None, ("2024-12-25", "day")),
    ("In May 2023, Moscow alleged that the drones came from Kyiv.", None, ("2023-05-01", "month")),
    ("Sergey Lavrov, foreign minister since 2004, said the talks were over.", PUBLISHED,
     ("2026-01-07", "day")),
]  # fmt: skip


@pytest.mark.parametrize("text,published,expected", DATES)
def test_statement_dates(text: str, published: str | None, expected: tuple) -> None:
    got = run(text, published)
    assert got
    assert (got[0].date, got[0].date_precision) == expected


def test_date_from_article_is_explained() -> None:
    [st] = run("Lavrov said the talks were over.")
    assert any("date from article" in e for e in st.explain)


def test_he_added_keeps_the_occasion_date() -> None:
    got = run("Lavrov said on Monday that talks were over. He added that the West was to blame.")
    assert [(s.speaker, s.date) for s in got] == [
        ("Sergey Lavrov", "2026-01-05"),
        ("Sergey Lavrov", "2026-01-05"),
    ]


def test_other_speaker_does_not_inherit_date() -> None:
    got = run("On Monday, Moscow claimed the drones came from Kyiv. Kyiv denied it.", None)
    assert [(s.speaker, s.date) for s in got] == [("Russia", None), ("Ukraine", None)]


# ---------------------------------------------------------------- speakers across an article


def test_surname_and_pronoun_go_back_to_the_person() -> None:
    got = run(
        "Claire Dubois, a professor of law at the University of Lyon, said the strikes were illegal.\n"
        "“There was no mandate,” she told Al Jazeera.\n"
        "Dubois added that the courts would decide."
    )
    assert [s.speaker for s in got] == ["Claire Dubois"] * 3
    assert [s.side for s in got] == [None] * 3


def test_definite_description_goes_back_to_the_person() -> None:
    got = run(
        "Zelenskyy met European leaders in Paris.\n"
        "“We need guarantees,” the Ukrainian president said."
    )
    assert [(s.speaker, s.side) for s in got] == [("Volodymyr Zelenskyy", "Ukraine")]


def test_the_ministry_goes_back_to_the_body() -> None:
    got = run(
        "Russia’s Ministry of Defence said 12 drones were destroyed.\n"
        "The ministry added that nobody was hurt."
    )
    assert [s.speaker for s in got] == ["Russian Ministry of Defence"] * 2


SPEAKERS = [
    ("Russian Foreign Minister Sergey Lavrov said the talks were over.",
     ("Sergey Lavrov", "foreign minister", "Russia")),
    ("Polish Deputy Minister Jan Kowalski said the border was calm.",
     ("Jan Kowalski", "deputy minister", "Poland")),
    ("Analyst Mark Field said the border was calm.", ("Mark Field", "analyst", None)),
    ("Mark Field, a Russian military expert at a London think tank, said the border was calm.",
     ("Mark Field", None, None)),
    ("The region’s Moscow-installed governor, Pavel Orlov, said the border was calm.",
     ("Pavel Orlov", "governor", "Russia")),
    ("Congresswoman Dana Reyes said the border was calm.",
     ("Dana Reyes", "congresswoman", "United States")),
]  # fmt: skip


@pytest.mark.parametrize("text,expected", SPEAKERS)
def test_titles_stripped_and_sides(text: str, expected: tuple) -> None:
    [st] = run(text)
    name, role, side = expected
    assert st.speaker == name
    assert st.side == side
    if role is not None:
        assert st.role == role


def test_every_statement_explains_itself() -> None:
    for st in run(
        "“We are ready,” Zelenskyy said on Monday. Moscow denied the report, according to TASS."
    ):
        assert any(e.startswith("rule:") for e in st.explain)
        assert any("date" in e for e in st.explain)


def test_sentences_are_not_split_inside_quotes_or_abbreviations() -> None:
    par = split_paragraph(1, "“It is over. Go home,” Gov. Ray Cole said. The U.S. disagreed.")
    texts = [par.text[s.start : s.end].strip() for s in par.sentences]
    assert texts == ["“It is over. Go home,” Gov. Ray Cole said.", "The U.S. disagreed."]


# ---------------------------------------------------------------- wire and newspaper idioms

IDIOMS = [
    ("People familiar with the matter said the talks had stalled.",
     [("people familiar with the matter", None)]),
    ("Zelenskyy’s office said in a statement that 12 people were hurt.",
     [("Volodymyr Zelenskyy's office", "Ukraine")]),
    ("Sen. Dana Reyes, D-Ore., said the vote would fail.", [("Dana Reyes", "United States")]),
    ("Neither Moscow nor Kyiv has commented on the report.", []),
    ("The foreign minister of Brazil was quoted by Reuters as saying the deal was dead.",
     [("Brazilian foreign minister", "Brazil")]),
    ("A statement from the Polish Foreign Ministry said the ambassador was summoned.",
     [("Polish Ministry of Foreign Affairs", "Poland")]),
    ("A Kremlin statement said the call had been useful.", [("Russia", "Russia")]),
    ("Critics argue the sanctions have failed.", [("critics", None)]),
    ("The Joint Staff said two missiles were fired, according to a text message to reporters.",
     [("Joint Staff", None)]),
]  # fmt: skip


@pytest.mark.parametrize("text,expected", IDIOMS)
def test_newspaper_idioms(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(s.speaker, s.side) for s in run(text)] == expected


def test_his_office_is_the_office_of_the_person_named() -> None:
    got = run(
        "Erdogan said talks would resume in Istanbul.\n"
        "The talks were postponed twice last year, his office said."
    )
    assert [s.speaker for s in got] == ["Recep Tayyip Erdogan", "Recep Tayyip Erdogan's office"]


def test_she_skips_a_man_named_just_before() -> None:
    got = run(
        "Maria Lopez, 34, said she had not slept in two days.\n"
        "“We are not going anywhere,” said Yusuf Ahmed, a shopkeeper.\n"
        "“It is a tragedy,” she said."
    )
    assert [s.speaker for s in got] == ["Maria Lopez", "Yusuf Ahmed", "Maria Lopez"]


def test_diplomats_and_companies_get_no_side_from_context() -> None:
    got = run(
        "Ukraine’s military said it had shot down 40 drones.\n"
        "The council will meet on Friday, diplomats said.\n"
        "The company said in a filing that losses would widen."
    )
    assert [(s.speaker, s.side) for s in got] == [
        ("Ukrainian military", "Ukraine"),
        ("diplomats", None),
        ("company", None),
    ]


def test_unqualified_officials_take_the_side_of_the_article() -> None:
    got = run(
        "Ukraine’s military said it had shot down 40 drones.\n"
        "Two people were killed in the town, an official said."
    )
    assert [(s.speaker, s.side) for s in got] == [
        ("Ukrainian military", "Ukraine"),
        ("unnamed official", "Ukraine"),
    ]


def test_president_of_country_is_the_known_president() -> None:
    assert [s.speaker for s in run("The president of Ukraine said the front was stable.")] == [
        "Volodymyr Zelenskyy"
    ]


# ---------------------------------------------------------------- robustness


_PIECES = hs.sampled_from(
    [
        "“", "”", '"', "‘", "’", "'", ",", ".", ":", "—", " – ", "(", ")", "?", " ", "\t",
        "said", "told reporters", "according to", "denied", "saying", "he", "she", "it",
        "Kyiv", "Moscow", "Trump", "Lavrov", "the ministry", "officials", "on Monday",
        "December 28", "2024", "that", "and", "a lie", "no evidence", "Gov.", "U.S.",
        "Zelenskyy’s", "countries’", "don’t", "X", "who", "which", "Neither", "nor",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hs.lists(hs.lists(_PIECES, max_size=40).map(" ".join), min_size=1, max_size=5))
def test_never_raises_and_statements_are_well_formed(paragraphs: list[str]) -> None:
    body = [(i + 10, p) for i, p in enumerate(paragraphs)]
    art = Article("fuzz", 10, 10 + len(body), body, published=PUBLISHED)
    for s in extract_statements(art):
        assert s.line in {ln for ln, _ in body}
        assert s.speaker and s.text
        assert s.kind in ("direct", "reported", "according_to", "nominal")
        assert (s.date is None) == (s.date_precision is None)
        assert s.explain


def test_a_huge_paragraph_is_linear_and_merged() -> None:
    para = "“We will not retreat,” Mayor Anna Kovacs said. Kyiv denied the report. " * 2000
    got = run(para)
    assert [(s.speaker, s.cue) for s in got] == [("Anna Kovacs", "said"), ("Ukraine", "denied")]
    assert len(got[0].explain) < 20


def test_alleged_and_reported_as_adjectives_are_not_cues() -> None:
    assert run("The report lists torture, forced labour and alleged killings at sea.") == []
    assert run("The reported attack drew no response.") == []


def test_a_long_list_of_countries_is_one_speaker_with_no_side() -> None:
    [s] = run(
        "The foreign ministers of Chile, Peru, Brazil, Argentina, the United Kingdom, "
        "Canada, Mexico and Spain warned that the crisis was deepening."
    )
    assert s.speaker.startswith("foreign ministers of Chile") and s.side is None


def test_think_tank_affiliation_gives_no_side() -> None:
    [s] = run(
        "Lena Hoff, director of Poland’s Institute for Security Studies, said talks would fail."
    )
    assert (s.speaker, s.side) == ("Lena Hoff", None)


def test_governor_takes_the_side_of_the_region_named() -> None:
    [s] = run(
        "A missile hit a school in the centre of Ukraine’s Poltava, the region’s governor "
        "Ivan Marchenko wrote on Telegram."
    )
    assert (s.speaker, s.side, s.cue) == ("Ivan Marchenko", "Ukraine", "wrote on telegram")


def test_an_earlier_claim_is_not_dated_today() -> None:
    got = run(
        "The army said the town was held, contradicting an earlier claim by Moscow that it fell."
    )
    nominal = [s for s in got if s.kind == "nominal"]
    assert [(s.speaker, s.date) for s in nominal] == [("Russia", None)]


NOUN_PHRASES = [
    ("The toll rose to nine, the Moscow-installed governor of the occupied part of the region said.",
     ("Moscow-installed governor of the occupied part of the region", "Russia")),
    ("LAGOS, May 3 (Reuters) - Nigeria's central bank held rates, saying inflation was easing.",
     ("Nigerian central bank", "Nigeria")),
    ("The port of Gdansk denied the reports.", ("port of Gdansk", None)),
    ("Election officials in Ruritania insist the count was clean.", ("Election officials", None)),
    ("Ruritania's electoral commission has rejected the claims.",
     ("Ruritania's electoral commission", None)),
    ("Egypt's foreign ministry on Thursday described the raid as a violation.",
     ("Egyptian Ministry of Foreign Affairs", "Egypt")),
    ("Democratic Party lawmakers in the US demanded answers.",
     ("Democratic Party lawmakers", "United States")),
    ("Jan Novak, the top Republican on the House Armed Services Committee, said the plan was sound.",
     ("Jan Novak", "United States")),
]  # fmt: skip


@pytest.mark.parametrize("text,expected", NOUN_PHRASES)
def test_noun_phrases(text: str, expected: tuple[str, str | None]) -> None:
    [s] = run(text)
    assert (s.speaker, s.side) == expected


def test_called_x_a_y_is_a_statement() -> None:
    [s] = run("Egypt’s foreign ministry has called the raid a breach of the truce.")
    assert (s.speaker, s.cue) == ("Egyptian Ministry of Foreign Affairs", "called")
    assert run("The minister called the ambassador on Tuesday.") == []


def test_inverted_subject_must_end_the_clause() -> None:
    got = run("One of the protesters on Sunday, Ali Rahimi, said the marchers wanted peace.")
    assert [s.speaker for s in got] == ["Ali Rahimi"]


MORE_NOUN_PHRASES = [
    ("OSLO (Reuters) - Norway's fisheries ministry said on Tuesday it would cut the quota.",
     ("Norwegian Ministry of Fisheries", "Norway")),
    ("The government of Ruritania says it will not intervene in the strike.",
     ("government of Ruritania", None)),
    ("The dock owners' association said it had offered a pay rise.",
     ("dock owners' association", None)),
    ("Residents' groups said they would commission their own tests.", ("Residents' groups", None)),
    ("The regional water authority said the reservoir was half empty.",
     ("regional water authority", None)),
]  # fmt: skip


@pytest.mark.parametrize("text,expected", MORE_NOUN_PHRASES)
def test_more_noun_phrases(text: str, expected: tuple[str, str | None]) -> None:
    [s] = run(text)
    assert (s.speaker, s.side) == expected


def test_a_cue_of_another_speaker_ends_the_scope_of_the_first() -> None:
    got = run(
        "Minister Jonas Berg announced his resignation on Sunday, two days after auditors "
        "questioned how the contract had been signed."
    )
    assert [(s.speaker, s.stance.value) for s in got] == [
        ("Jonas Berg", "asserts"),
        ("auditors", "doubts"),
    ]


EMPTY_QUOTES = [
    ("Lena Ortiz said: “ ”", []),
    ("“” Lena Ortiz said.", []),
    ('Lena Ortiz said: "', []),
    ("Lena Ortiz said: “Fine.”", [("Lena Ortiz", "direct", "Fine.")]),
]


@pytest.mark.parametrize("text,expected", EMPTY_QUOTES)
def test_an_empty_quotation_is_not_a_statement(text: str, expected: list[tuple]) -> None:
    assert [(s.speaker, s.kind, s.quote) for s in run(text)] == expected


@pytest.mark.parametrize("mark", [".", "!", "?", "…"])
def test_long_runs_of_end_marks_split_in_linear_time(mark: str) -> None:
    import time

    text = "Lena Ortiz said it was over" + mark * 50_000 + " The end."
    t0 = time.process_time()
    par = split_paragraph(1, text)
    assert time.process_time() - t0 < 0.5
    assert len(par.sentences) == 2


ACRONYMS = [
    # defined in parentheses, used alone later
    ("Turnout was set by the National Voting Board (NVB) on Friday.\n"
     "The NVB said the count was complete.", ("National Voting Board", "said")),
    # never defined, but spelled out earlier in the article
    ("The Maritime Safety Office inspected the ferry.\nThe MSO said the hull was sound.",
     ("Maritime Safety Office", "said")),
    # function words are skipped in the initials
    ("Inspectors of the Office for Roads and Bridges (ORB) arrived.\nThe ORB said it was "
     "safe.", ("Office for Roads and Bridges", "said")),
]  # fmt: skip
NOT_ACRONYMS = [
    # the capitals do not spell it: an unknown all-caps word stays as written
    ("The Harbour Police Unit arrived.\nThe XYZ said the road was closed.", "XYZ"),
]


@pytest.mark.parametrize("text,expected", ACRONYMS)
def test_acronyms_resolve_to_the_body_named_in_full(text: str, expected: tuple) -> None:
    got = run(text)
    assert (got[-1].speaker, got[-1].cue) == expected


@pytest.mark.parametrize("text,speaker", NOT_ACRONYMS)
def test_acronyms_that_spell_nothing_stay(text: str, speaker: str) -> None:
    assert run(text)[-1].speaker == speaker


DEFINITE_BODIES = [
    ("A fire broke out at the Halvard Textiles plant.\nThe company said no one was hurt.",
     ("Halvard Textiles", None)),
    ("The EU raised tariffs on steel.\nThe bloc said the measure was temporary.",
     ("European Union", "European Union")),
    ("The European Commission said it had opened a case.\n\"We acted within the rules,\" commission "
     "spokesperson Ida Holm said.", ("Ida Holm", "European Union")),
]  # fmt: skip


@pytest.mark.parametrize("text,expected", DEFINITE_BODIES)
def test_definite_bodies_and_title_bodies(text: str, expected: tuple) -> None:
    got = run(text)
    assert (got[-1].speaker, got[-1].side) == expected


def test_the_company_with_no_company_named_stays_generic() -> None:
    [s] = run("The company said the recall was voluntary.")
    assert s.speaker == "company"


NEW_STANCES = [
    ("The deputy minister withdrew an earlier remark about the tariffs.", "retracts"),
    ("The mayor corrected her earlier statement on the budget.", "retracts"),
    ("The senator apologised for saying the vote was rigged.", "retracts"),
    ("The regulator said it was not yet clear whether the leak had spread.", "doubts"),
    ("The analyst said it was impossible to say who had fired first.", "doubts"),
    ("The union said the evidence was anecdotal.", "doubts"),
    ("The auditors said they had serious questions about whether the fund existed.", "doubts"),
    ("The firm said there was no record of any complaint.", "denies"),
    ("The ministry flatly rejected the report.", "denies"),
    ("The governor described the allegation as a political stunt.", "denies"),
    ("The party portrayed the accusations as revenge by a rival.", "denies"),
    # negatives: the same words in other senses
    ("The governor described the bridge as a lifeline.", "asserts"),
    ("The mayor said the water was clear.", "asserts"),
]


@pytest.mark.parametrize("text,stance", NEW_STANCES)
def test_new_stance_cues(text: str, stance: str) -> None:
    got = run(text)
    assert got and got[0].stance.value == stance, [(s.cue, s.stance.value) for s in got]


REGION_SIDES = [
    # a region the article places in a country gives its bodies and officials that side
    ("A dam burst in the northern Ukrainian province of Tarsk, officials said.\n"
     "The Tarsk Water Board said the spillway failed.", ("Tarsk Water Board", "Ukraine")),
    # a company's spokesperson does not speak for the country
    ("A dam burst in the northern Ukrainian province of Tarsk, officials said.\n"
     "Company spokesperson Ivo Marn said the spillway was sound.", ("Ivo Marn", None)),
    # a title's body without a country: not the article's country either
    ("Kyiv said the vote was fair.\nA Global Chess Federation spokeswoman, Ana Lenk, said "
     "the match was postponed.", ("Ana Lenk", None)),
]  # fmt: skip


@pytest.mark.parametrize("text,expected", REGION_SIDES)
def test_sides_from_regions_and_titles(text: str, expected: tuple) -> None:
    got = run(text)
    assert (got[-1].speaker, got[-1].side) == expected


# ---------------------------------------------------------------- stance from verb and clause

VERB_CLAUSE_STANCE = [
    # an insisting verb with a negated clause rebuts a charge
    ("The ministry insisted that it had not ordered the raid.", "denies"),
    ("The bank maintains its loans were never used for weapons.", "denies"),
    # ... but a negated future is a pledge, and a plain clause an assertion
    ("The mayor insisted the city won’t give up the stadium.", "asserts"),
    ("The ministry insisted that the talks would continue.", "asserts"),
    # an admission of error takes an earlier statement back
    ("The agency conceded that it had been wrong about the death toll.", "retracts"),
    ("The agency admitted its earlier figure was mistaken.", "retracts"),
    ("The agency acknowledged that the talks had stalled.", "asserts"),
    # rebuttals in the reported words
    ("The company said it had never received any warning from inspectors.", "denies"),
    ("“Nobody has shown us a single forged ballot,” the chairman said.", "denies"),
    ("“We have never been closer to a deal,” the envoy said.", "asserts"),
    ("The police withdrew their earlier statement on Friday.", "retracts"),
]


@pytest.mark.parametrize("text,stance", VERB_CLAUSE_STANCE)
def test_stance_from_verb_and_clause(text: str, stance: str) -> None:
    got = run(text)
    assert got, text
    assert got[0].stance.value == stance


# ---------------------------------------------------------------- the article's country


def test_sides_for_countries_beyond_the_usual_few() -> None:
    got = run(
        "Police in Bishkek said three people were detained.\n"
        "The Tajik interior ministry said the crossing had reopened.\n"
        "Rwandan officials said the talks in Kigali would resume.\n"
        "A Ghanaian diplomat said the envoy had left Accra."
    )
    assert [s.side for s in got] == ["Kyrgyzstan", "Tajikistan", "Rwanda", "Ghana"]


def test_officials_take_the_country_the_article_is_about_even_if_unknown() -> None:
    got = run(
        "Protests spread across Brenmark on Tuesday after a disputed runoff.\n"
        "Brenmark’s electoral commission said turnout reached 71 percent.\n"
        "Turnout in Brenmark has rarely passed 60 percent in past elections.\n"
        "“The streets will stay calm,” the interior minister said.\n"
        "Opposition leader Hana Roslin was not at the rally.\n"
        "“We were robbed,” Roslin said.\n"
        "Pia Lund, an economist at a bank in Oslo, said the currency had held up."
    )
    assert [(s.speaker, s.side) for s in got] == [
        ("Brenmark's electoral commission", "Brenmark"),
        ("interior minister", "Brenmark"),
        ("Roslin", "Brenmark"),
        ("Pia Lund", None),
    ]


def test_a_passing_foreigner_does_not_set_the_side_of_later_officials() -> None:
    got = run(
        "Voters in Ostravia go to the polls again after Ostravia’s parliament was dissolved.\n"
        "Ostravia’s president has called the vote a test of the nation.\n"
        "Former Danish minister Lars Holm, who leads the observers, said the count was slow.\n"
        "“There will be no roadblocks,” Interior Minister Egon Brak told reporters."
    )
    sides = {s.speaker: s.side for s in got}
    assert sides["Egon Brak"] == "Ostravia"


def test_an_article_about_two_countries_has_no_home() -> None:
    got = run(
        "Russia and Ukraine traded strikes overnight, Russian and Ukrainian officials said.\n"
        "Moscow said Kyiv had fired drones; Kyiv said Russia had shelled Kharkiv.\n"
        "“We will respond,” the interior minister said."
    )
    assert got[-1].speaker.endswith("interior minister")


def test_a_minister_of_another_unknown_country_keeps_no_side() -> None:
    got = run(
        "Westmark rejects claims about the dam\n"
        "Ostland accused Westmark of sabotage, a charge Westmark’s government rejected.\n"
        "“We found explosives,” Ostland Interior Minister Ana Flores told reporters.\n"
        "Westmark Foreign Minister Piet Janssen denied any involvement.\n"
        "Westmark’s president spoke to Janssen on Tuesday."
    )
    sides = {s.speaker: s.side for s in got}
    assert sides["Ana Flores"] is None
    assert sides["Piet Janssen"] == "Westmark"


def test_a_quote_right_after_a_rejection_by_the_same_speaker_denies() -> None:
    got = run(
        "The agency rejected that suggestion. “Every sample was stored correctly,” "
        "the agency said in a statement.\n"
        "“Our staff followed the rules,” the agency said."
    )
    assert [(s.cue, s.stance.value) for s in got] == [
        ("rejected", "denies"),
        ("said in a statement", "denies"),
        ("said", "asserts"),  # a new paragraph is a statement of its own
    ]


@pytest.mark.parametrize(
    "text,stance",
    [
        ("The governor said turnout in the disputed provinces was normal.", "asserts"),
        ("The governor disputed the turnout figures.", "doubts"),
    ],
)
def test_disputed_as_an_adjective_is_no_doubt(text: str, stance: str) -> None:
    assert run(text)[0].stance.value == stance


def test_a_body_owned_by_an_international_organisation_takes_its_side() -> None:
    got = run(
        "Protests spread across Brenmark on Tuesday after a disputed runoff.\n"
        "Brenmark’s electoral commission said turnout reached 71 percent.\n"
        "Turnout in Brenmark has rarely passed 60 percent in past elections.\n"
        "The European Union’s election observation mission said voting had been orderly."
    )
    assert got[-1].side == "European Union"


def test_the_army_and_police_belong_to_the_country_of_the_article() -> None:
    got = run(
        "NAIROBI (Reuters) - Kenyan police fired tear gas at protesters in Nairobi on Tuesday.\n"
        "Kenya's opposition called the crackdown brutal; a Kenyan rights group counted 12 dead.\n"
        "A British diplomat, Tom Reed, said London was concerned.\n"
        "The army said it had not deployed troops in the capital.\n"
        "The interior ministry said the protests were illegal."
    )
    assert [(s.speaker, s.side) for s in got] == [
        ("Tom Reed", "United Kingdom"),
        ("Kenyan military", "Kenya"),
        ("Kenyan Ministry of Interior", "Kenya"),
    ]


@pytest.mark.parametrize(
    "text,stance",
    [
        ("The ministry said the report was misleading and taken out of context.", "denies"),
        ("The army said it had played no role in the ambush.", "denies"),
        ("“We got it wrong, and we apologise,” the broadcaster’s director said.", "retracts"),
        ("The agency withdrew its earlier figure on Friday.", "retracts"),
        ("The ministry said the figures were higher than expected.", "asserts"),
    ],
)
def test_rebuttal_and_retraction_phrases(text: str, stance: str) -> None:
    got = run(text)
    assert got, text
    assert got[0].stance.value == stance


def test_longest_cue_wins_whatever_the_hash_seed() -> None:
    """Cue phrases sharing a first word are tried in an order of their own, the longest
    match wins: "withdrew an earlier statement" is 'withdrew * statement', in every
    process (string hashing is randomised per process)."""
    import json
    import os
    import subprocess
    import sys

    text = (
        "Late on Tuesday, the navy withdrew an earlier statement that the drone had been shot down."
    )
    code = (
        "import json, sys\n"
        "from claimtrack.extract import statements_in_text\n"
        "print(json.dumps([(s.cue, s.stance.value) for s in statements_in_text(sys.argv[1])]))"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code, text],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert [json.loads(o) for o in outs] == [[["withdrew an earlier statement", "retracts"]]]

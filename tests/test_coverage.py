"""Coverage: an article's own stance toward a claim, and the articles about a claim.

The headlines below are made up for these tests (none comes from an evaluation set).
"""

from __future__ import annotations

import json
import re
import tomllib
from importlib import resources

import pytest

from claimtrack import coverage
from claimtrack.coverage import (
    CoverageStance,
    article_stance,
    articles_for_claim,
    coverage_rows,
    coverage_summary,
    source_attribution,
)
from claimtrack.errors import NotFoundError
from claimtrack.models import Claim

DETAINED = "The fisheries minister was detained at the border"
PLANT = "The carmaker will close its Leeds plant"
SINGER = "The singer Tom Vale is dead"
SHARK = "A photo shows a shark swimming on a flooded highway"

# (claim, headline, expected stance)
HEADLINES = [
    # asserts: states the claim in its own voice
    (DETAINED, "Fisheries minister detained at border crossing", "asserts"),
    (PLANT, "Carmaker to close Leeds plant next year", "asserts"),
    (PLANT, "Yes, the carmaker really is closing its Leeds plant", "asserts"),
    (PLANT, "Breaking: carmaker shuts Leeds plant", "asserts"),
    # a cue the claim itself holds is no evidence: the headline repeats the claim
    ("The pope says dogs go to heaven", "Pope says dogs go to heaven", "asserts"),
    ("The new phone has no headphone jack", "New phone has no headphone jack", "asserts"),
    # negation outside the claim's clause, or an idiom, does not deny
    (
        "A nurse gave birth on a bus",
        "Nurse who had no idea she was pregnant gives birth on a bus",
        "asserts",
    ),
    (
        "The dam burst after the storm",
        "Not only did the dam burst, it flooded three villages",
        "asserts",
    ),
    # a prefix before a colon that is a topic label, not a source
    (DETAINED, "Border row: fisheries minister detained", "asserts"),
    # denies: debunks, refutes, or leads with a denial
    (SHARK, "Viral photo of shark on flooded highway is a hoax", "denies"),
    (SHARK, "No, a shark did not swim down a flooded highway", "denies"),
    (SHARK, "That highway shark picture is fake, again", "denies"),
    (DETAINED, "Fisheries minister was not detained at the border", "denies"),
    (DETAINED, "Police deny fisheries minister was detained", "denies"),
    (SINGER, "Tom Vale denies rumours he is dead", "denies"),
    (SINGER, "Tom Vale isn't dead, his manager confirms", "denies"),
    (PLANT, "Carmaker rejects report it will close Leeds plant", "denies"),
    # a "no evidence" explainer is never asserts
    (
        "Ukraine attacked the president's residence with drones",
        "What we know about the residence attack claim: no evidence of drones so far",
        "denies",
    ),
    (PLANT, "Turns out the carmaker is not closing the Leeds plant", "denies"),
    # observes: reports someone's claim, hedges, asks
    (DETAINED, "Fisheries minister detained at border, opposition says", "observes"),
    (DETAINED, "Fisheries minister reportedly detained at the border", "observes"),
    (DETAINED, "Was the fisheries minister detained at the border?", "observes"),
    (DETAINED, "Officials: fisheries minister held at border", "observes"),
    (DETAINED, "Fisheries minister held at the border - sources", "observes"),
    (PLANT, "Carmaker may close its Leeds plant", "observes"),
    (PLANT, "Carmaker could shut Leeds plant, union claims", "observes"),
    (PLANT, "Carmaker in talks to sell or close Leeds plant", "observes"),
    (PLANT, "Carmaker refuses to confirm or deny Leeds plant closure", "observes"),
    (PLANT, "Rumours swirl over future of carmaker's Leeds plant", "observes"),
    # "says" with a claim the speaker supports is still reported speech, not the
    # article's own voice
    (SINGER, "Tom Vale is dead, says a post shared 10,000 times", "observes"),
    # a question about a debunk asks; it does not debunk
    (SHARK, "Is the highway shark photo a hoax?", "observes"),
]


@pytest.mark.parametrize(("claim", "headline", "expected"), HEADLINES)
def test_headline_stance(claim: str, headline: str, expected: str) -> None:
    result = article_stance(claim, headline)
    assert result.stance == expected, result.reason
    assert 0.0 <= result.score <= 1.0
    assert result.reason


def test_reason_names_the_cue() -> None:
    assert "'hoax'" in article_stance(SHARK, "Highway shark photo is a hoax").reason
    assert "'reportedly'" in article_stance(DETAINED, "Minister reportedly detained").reason
    assert "'?'" in article_stance(DETAINED, "Minister detained?").reason
    result = article_stance(DETAINED, "Fisheries minister detained at the border")
    assert "no hedge or denial" in result.reason


def test_curly_quotes_and_case_are_folded() -> None:
    assert article_stance(SINGER, "TOM VALE ISN’T DEAD").stance == "denies"
    assert article_stance(DETAINED, "MINISTER “REPORTEDLY” DETAINED").stance == "observes"


def test_lead_counts_and_stands_in_for_a_missing_title() -> None:
    assert (
        article_stance(DETAINED, None, "Police say the minister was detained").stance == "observes"
    )
    assert article_stance(DETAINED, None, None) == CoverageStance(
        "asserts", article_stance(DETAINED, "").score, article_stance(DETAINED, "").reason
    )
    # a neutral headline with a debunking lead: the lead alone is weak evidence ...
    weak = article_stance(
        DETAINED, "Fisheries minister at the border", "The ministry dismissed the report."
    )
    assert weak.stance == "asserts"
    assert "weak" in weak.reason
    # ... and with the statements in the article that deny it, it denies
    both = article_stance(
        DETAINED,
        "Fisheries minister at the border",
        "The ministry dismissed the report.",
        statement_stances=["denies", "denies", "asserts"],
    )
    assert both.stance == "denies"
    assert "2 of 3 linked statements deny" in both.reason


def test_statements_alone_do_not_overturn_a_clear_headline() -> None:
    result = article_stance(DETAINED, "Fisheries minister detained at border", None, ["denies"])
    assert result.stance == "asserts"
    doubted = article_stance(DETAINED, "Fisheries minister at border", None, ["doubts", "doubts"])
    assert "doubt" in doubted.reason


def test_body_paragraphs_about_the_claim_decide_a_roundup() -> None:
    body = [
        "Markets fell on Tuesday.",
        "The opposition said the fisheries minister had been detained at the border, "
        "but the claim could not be verified.",
        "Weather: rain in the north.",
    ]
    result = article_stance(
        DETAINED, "Tuesday's news in brief", "Here is what happened.", body=body
    )
    assert result.stance == "observes"
    assert "1 of 1 paragraphs about the claim" in result.reason
    passing = article_stance(DETAINED, "Tuesday's news in brief", "Markets fell.", body=["Rain."])
    assert passing.stance == "observes"
    assert "in passing" in passing.reason


def test_claim_keywords_count_as_claim_words() -> None:
    claim = "Ukraine attacked the president's residence with drones"
    plain = article_stance(claim, "Valdai compound was not hit")
    with_keywords = article_stance(claim, "Valdai compound was not hit", claim_keywords=["Valdai"])
    assert plain.stance == "asserts"  # "not" negates nothing of the claim it knows
    assert with_keywords.stance == "denies"


@pytest.mark.parametrize(
    ("headline", "source"),
    [
        ("Officials: fisheries minister held at border", "officials"),
        ("Minister held at border: reports", "reports"),
        ("Minister held at border -- analyst", "analyst"),
        ("Minister held at border: FT", "ft"),
        ("Border row: fisheries minister detained", None),
        ("Minister held at border - VIDEO", None),
        ("MINISTER HELD AT BORDER: BBC", None),  # all capitals: no acronym to tell
        ("Minister held at border", None),
    ],
)
def test_source_attribution(headline: str, source: str | None) -> None:
    assert source_attribution(headline) == source


def test_cue_file_is_clean() -> None:
    with resources.files("claimtrack").joinpath("data/coverage.toml").open("rb") as f:
        data = tomllib.load(f)
    lists = {k: v for k, v in data.items() if isinstance(v, list)}
    for group in (
        "debunk",
        "denial",
        "correction",
        "attribution",
        "hedge",
        "prospect",
        "question",
        "confirm",
        "negation",
        "negation_idioms",
        "subordinators",
        "speakers",
        "labels",
        "noncommittal",
    ):
        entries = lists[group]
        assert entries, group
        assert all(e == e.lower() and e == e.strip() and e for e in entries), group
        assert len(entries) == len(set(entries)), f"duplicates in {group}"
        assert not any("’" in e for e in entries), f"curly quote in {group}"
    for key in ("threshold", "margin", "seed", "prefix"):
        assert key in data["linking"]
    assert 0 < data["linking"]["threshold"] < 1


def test_relatedness() -> None:
    claim = Claim("tree", "Loggers cut down the world's oldest tree")
    assert coverage.relatedness(claim, "Oldest tree in the world cut down by loggers") > 0.6
    assert coverage.relatedness(claim, "Bank raises interest rates") == 0.0
    # prefixes meet where the stemmer does not: Canada / Canadian
    lake = Claim("p", "Canada drained a lake to find a lost ring")
    assert coverage.relatedness(lake, "Canadian town drains lake for ring") > 0.2


# -- in a database ---------------------------------------------------------------

HEADLINE_RECORDS = [
    {"title": "Fisheries minister detained at border crossing"},
    {"title": "Police deny fisheries minister was detained"},
    {"title": "Was the fisheries minister detained at the border?"},
    {"text": "Carmaker may close its Leeds plant"},  # text only: first line is the title
    {"title": "Carmaker's Leeds plant closure is a hoax, union says"},
    {"title": "Bank raises interest rates again"},
]


@pytest.fixture
def headline_db(tmp_path):
    pytest.importorskip("claimtrack.extract", reason="ingest needs claimtrack.extract")
    from claimtrack import db as dbmod
    from claimtrack.claims import add_claims
    from claimtrack.ingest import ingest

    path = tmp_path / "headlines.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in HEADLINE_RECORDS), encoding="utf-8")
    db = dbmod.connect(tmp_path / "t.db")
    summary = ingest(db, [str(path)])
    assert summary.new == len(HEADLINE_RECORDS)
    # claims registered after the ingest get coverage without re-ingesting
    add_claims(
        db,
        [
            Claim("minister-detained", DETAINED),
            Claim("leeds-plant", PLANT, keywords=["Leeds"]),
        ],
    )
    lines = {
        r["start_line"]: r["article_id"]
        for r in db.query("select article_id, start_line from sources where path = ?", [str(path)])
    }
    yield db, lines
    db.close()


def test_articles_for_claim_finds_headline_only_articles(headline_db) -> None:
    db, lines = headline_db
    assert set(articles_for_claim(db, "minister-detained")) == {lines[1], lines[2], lines[3]}
    assert set(articles_for_claim(db, "leeds-plant")) == {lines[4], lines[5]}
    # an unregistered claim can be asked about too
    rates = articles_for_claim(db, Claim("rates", "The bank raised interest rates"))
    assert rates == [lines[6]]
    with pytest.raises(NotFoundError):
        articles_for_claim(db, "no-such-claim")


def test_coverage_rows(headline_db) -> None:
    db, lines = headline_db
    rows = coverage_rows(db, "minister-detained")
    assert {r["article_id"]: r["stance"] for r in rows} == {
        lines[1]: "asserts",
        lines[2]: "denies",
        lines[3]: "observes",
    }
    for r in rows:
        assert set(r) == {
            "claim",
            "article_id",
            "title",
            "published",
            "outlet",
            "stance",
            "score",
            "reason",
        }
        assert r["claim"] == "minister-detained"
        assert r["title"]
        assert 0 <= r["score"] <= 1
    plant = {r["title"]: r["stance"] for r in coverage_rows(db, "leeds-plant")}
    assert plant == {
        "Carmaker may close its Leeds plant": "observes",
        "Carmaker's Leeds plant closure is a hoax, union says": "denies",
    }
    assert coverage_summary(rows) == {"asserts": 1, "denies": 1, "observes": 1}
    everything = coverage_rows(db)
    assert [r["claim"] for r in everything] == ["leeds-plant"] * 2 + ["minister-detained"] * 3
    with pytest.raises(NotFoundError):
        coverage_rows(db, "no-such-claim")


def test_coverage_rows_of_an_empty_database(tmp_path) -> None:
    from claimtrack import db as dbmod

    db = dbmod.connect(tmp_path / "empty.db")
    assert coverage_rows(db) == []
    assert coverage_summary([]) == {"asserts": 0, "denies": 0, "observes": 0}


def test_no_emergent_rows_in_the_package() -> None:
    """The Emergent data is for internal evaluation only (../shared/data/README.md)."""
    text = resources.files("claimtrack").joinpath("data/coverage.toml").read_text("utf-8")
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", text)

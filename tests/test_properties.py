"""Property tests (hypothesis) for the stages that see untrusted text: segmentation,
extraction, date resolution and rendering never crash and always return well-formed
output, whatever the text holds: quotes of every kind, brackets, rich markup, control
and bidi characters, Unicode line and paragraph separators, astral characters.

Strategies mix news-shaped fragments (speakers, speech verbs, dates, quotes) with
arbitrary text, so that the rule paths are actually reached. Known-nasty inputs are
given as ``@example`` so that they run on every run, not only when hypothesis finds
them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claimtrack import render, timeline
from claimtrack.dates import resolve
from claimtrack.extract import extract_statements
from claimtrack.models import Article, Claim, Document, Precision, Stance, When
from claimtrack.segment import split_articles

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that act on a terminal or reorder text.
C0_C1 = [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]]
BIDI = list("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZERO_WIDTH = list("\u200b\u200c\u200d\u2060\ufeff")
# Line breaks for str.splitlines() but not for a file reader: must not shift line numbers.
ODD_BREAKS = list("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
QUOTES = list("\"'“”‘’«»„‚‹›「」")
MARKUP = ["[bold red]", "[/]", "[link=https://evil.example/]", "[/link]", "[", "]", "\\["]

NASTY = st.sampled_from(C0_C1 + BIDI + ZERO_WIDTH + ODD_BREAKS + QUOTES + MARKUP)
# Anything a file line can hold: no "\n" or "\r" (those end the line).
CHARS = st.characters(blacklist_characters="\n\r", blacklist_categories=("Cs",))
TEXT = st.lists(st.one_of(CHARS, NASTY), max_size=60).map("".join)

SPEAKERS = ["Ana Flores", "Kyiv", "the Kremlin", "Zelenskyy", "Russia's Foreign Ministry",
            "Piet Janssen", "a spokesperson", "Officials", "Trump", "He", "She"]  # fmt: skip
VERBS = ["said", "denied", "told reporters", "claimed", "rejected", "confirmed", "doubted",
         "retracted", "insisted", "according to", "dismissed as fabrication", "wrote"]  # fmt: skip
WHEN = ["on Monday", "yesterday", "last month", "on December 28", "in July", "5 Jan 2026",
        "January 5, 2026", "today", "last year", "this year", "Jan. 2", "on Sunday"]  # fmt: skip
WORDS = ["the dam", "was attacked", "a fabrication", "never happened", "drones", "residence",
         ".", ",", ":", "—", "(Reuters)", "LONDON", "Published On 5 Jan 20265 Jan 2026",
         "Share", "Recommended Stories", "?", "!", "…"]  # fmt: skip

FRAGMENT = st.one_of(
    st.sampled_from(SPEAKERS),
    st.sampled_from(VERBS),
    st.sampled_from(WHEN),
    st.sampled_from(WORDS),
    st.sampled_from(QUOTES),
    TEXT,
)
SENTENCE = st.lists(FRAGMENT, min_size=1, max_size=14).map(" ".join)
LINES = st.lists(st.one_of(SENTENCE, TEXT), max_size=25)
ANCHOR = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
PUBLISHED = st.one_of(st.none(), ANCHOR.map(dt.date.isoformat))


# -- segmentation -----------------------------------------------------------------------


@FAST
@given(LINES, st.integers(min_value=1, max_value=500), st.booleans(), PUBLISHED)
@example(["\u2028".join(["Ana Flores said it.", "Second"]), "x\x0by", "“" * 50], 1, True, None)
@example(["LONDON (Reuters) - One.", "\x1b[2J", "PARIS (AFP) - Two.", "\x85"], 7, True, None)
def test_split_articles_returns_ordered_disjoint_articles_within_the_input(
    lines: list[str], start: int, segment: bool, published: str | None
) -> None:
    doc = Document("p.txt", list(lines), start_line=start, segment=segment, published=published)
    articles = list(split_articles(doc))
    last = start - 1
    for a in articles:
        assert start <= a.start_line <= a.end_line < start + len(lines)
        assert a.start_line > last  # ordered, never overlapping
        numbers = [n for n, _ in a.body]
        assert numbers == sorted(set(numbers))  # each input line once, in order
        for n, text in a.body:
            assert a.start_line <= n <= a.end_line
            original = lines[n - start]
            for token in text.split():  # cleaning may drop or space text, never invent it
                assert token in original, (token, original)
        if a.published is not None:
            assert dt.date.fromisoformat(a.published)
            assert a.published_precision in {p.value for p in Precision}
        last = a.end_line
    if not segment:
        assert len(articles) <= 1


# -- extraction -------------------------------------------------------------------------


def _article(lines: list[str], published: str | None) -> Article | None:
    body = [(i, line) for i, line in enumerate(lines, 1) if line.strip()]
    if not body:
        return None
    return Article("p.txt", body[0][0], body[-1][0], body, published=published)


@FAST
@given(LINES, PUBLISHED)
@example(["“This is a fabrication,” Ana Flores said on Monday. [bold red]x[/]"], "2026-01-07")
@example(["Kyiv denied the report on Monday.\u202e\x1b[31m", "“" * 30 + " she said."], None)
@example(["He said " + "." * 200], "2026-01-07")
def test_extract_statements_are_well_formed(lines: list[str], published: str | None) -> None:
    article = _article(lines, published)
    if article is None:
        return
    numbers = {n for n, _ in article.body}
    for st_ in extract_statements(article):
        assert st_.line in numbers
        assert isinstance(st_.stance, Stance)
        assert st_.speaker and st_.speaker.strip() == st_.speaker
        assert st_.text.strip()
        assert st_.cue or st_.kind == "direct"  # a floating quote has no speech verb
        if st_.date is not None:
            assert dt.date.fromisoformat(st_.date)
            assert st_.date_precision in {p.value for p in Precision}
        if st_.quote is not None:
            assert st_.quote in article.text


@FAST
@given(LINES, PUBLISHED)
@example(["Ana Flores . “”"], None)
@example(['Ana Flores . "'], "2026-01-07")
def test_extract_statements_say_something(lines: list[str], published: str | None) -> None:
    article = _article(lines, published)
    if article is None:
        return
    for st_ in extract_statements(article):
        assert any(c.isalnum() for c in st_.text), st_
        assert st_.quote is None or st_.quote.strip(), st_


@FAST
@given(st.lists(SENTENCE, min_size=1, max_size=8), ANCHOR)
def test_extracted_statement_text_starts_on_its_line(lines: list[str], anchor: dt.date) -> None:
    """README: ``source.line`` is the line where the statement's text starts."""
    body = list(enumerate(lines, 1))
    article = Article("p.txt", 1, len(lines), body, published=anchor.isoformat())
    for st_ in extract_statements(article):
        head = " ".join(st_.text.split()[:3])
        assert head in " ".join(lines[st_.line - 1].split()), (st_.text, st_.line)


# -- dates ------------------------------------------------------------------------------

EXPRESSION = st.one_of(
    st.sampled_from(WHEN),
    st.lists(st.one_of(st.sampled_from(WHEN), st.sampled_from(WORDS), TEXT), max_size=5).map(
        " ".join
    ),
)
EXPLICIT_YEAR = re.compile(r"(?:19|20)\d\d")


def _check_when(result: When | None, expr: str, anchor: dt.date) -> None:
    if result is None:
        return
    day = dt.date.fromisoformat(result.date)  # a valid ISO date
    assert result.date == day.isoformat()
    assert isinstance(result.precision, Precision)
    if not EXPLICIT_YEAR.search(expr):
        assert day <= anchor, (expr, anchor, result)  # news reports the past


@FAST
@given(EXPRESSION, ANCHOR)
@example("on December 28", dt.date(2026, 1, 2))
@example("in July", dt.date(2026, 3, 1))
@example("on Monday\u202e", dt.date(2000, 2, 29))
def test_resolve_never_crashes_and_never_dates_the_future(expr: str, anchor: dt.date) -> None:
    _check_when(resolve(expr, anchor), expr, anchor)
    assert resolve(expr, None) is None or EXPLICIT_YEAR.search(expr)


@FAST
@given(EXPRESSION, st.dates())
@example("yesterday", dt.date(1, 1, 1))
@example("last month", dt.date(1, 1, 15))
@example("last year", dt.date(1, 6, 1))
def test_resolve_never_crashes_at_the_ends_of_the_calendar(expr: str, anchor: dt.date) -> None:
    """Publication dates come from metadata as written ("published": "0001-01-01" in
    a JSON export), so an anchor can be any date Python knows."""
    _check_when(resolve(expr, anchor), expr, anchor)


# -- rendering --------------------------------------------------------------------------

FORBIDDEN = set(C0_C1) - {"\t", "\n"} | set(BIDI) | set(ZERO_WIDTH)


@pytest.mark.parametrize(
    "char",
    sorted(FORBIDDEN),
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_inert_hides_each_unsafe_character(char: str) -> None:
    out = render.inert(f"a{char}b")
    assert char not in out
    assert out.startswith("a") and out.endswith("b") and len(out) > 2  # shown, not dropped


@FAST
@given(st.one_of(TEXT, st.text()))
@example("ok\x1b[31m\x9b2J\u202eevil\u202c\u2066x\u2069\u200b\u2060\ufeff\x00\x7f")
@example("\u061c")
def test_inert_output_has_no_control_bidi_or_zero_width_characters(text: str) -> None:
    out = render.inert(text)
    assert not FORBIDDEN & set(out), sorted(FORBIDDEN & set(out))
    assert all(unicodedata.category(c) != "Cc" or c in "\t\n" for c in out)
    if not FORBIDDEN & set(text):
        assert out == text  # ordinary text is left alone


def _entry(speaker: str, text: str, stance: str, side: str | None, quote: str | None) -> dict:
    source = {"path": "../../etc/passwd", "line": 3, "article_id": "c1x", "title": text[:60],
              "published": "2026-01-05", "url": None}  # fmt: skip
    return {
        "id": "c1abc", "date": "2026-01-05", "date_precision": "day", "speaker": speaker,
        "side": side, "stance": stance, "cue": "said", "text": text, "quote": quote,
        "score": 1.0, "how": "auto", "source": source, "sources": [source], "count": 2,
        "reversal": {"previous_stance": "asserts", "previous_date": None, "previous_id": "c1a"},
    }  # fmt: skip


def _render_all(
    speaker: str, text: str, stance: str, side: str | None, quote: str | None, width: int
) -> list[str]:
    """The timeline and a listing of one entry, printed as the terminal would get them."""
    entries = [_entry(speaker, text, stance, side, quote)]
    the_claim = Claim(speaker or "c", text, keywords=[speaker], aliases=[text])
    summary = timeline.summary(the_claim, entries)  # as views.timeline builds it
    claim = timeline.claim_dict(the_claim)
    printed = []
    for renderable in (
        render.timeline(summary, claim, entries, coverage=text),
        render.side_summary(summary),
        render.rows_table(entries, ["speaker", "stance", "text", "side"], title="statements"),
    ):
        out = io.StringIO()
        render.print_to(renderable, out, width)
        printed.append(out.getvalue())
    return printed


ENTRY = {
    "speaker": st.one_of(TEXT, st.sampled_from(SPEAKERS)),
    "text": st.one_of(TEXT, SENTENCE),
    "stance": st.sampled_from([s.value for s in Stance]),
    "side": st.one_of(st.none(), TEXT),
    "quote": st.one_of(st.none(), TEXT),
    "width": st.integers(min_value=20, max_value=200),
}


@FAST
@given(**ENTRY)
@example(speaker="[bold red]x", text="\x1b]8;;http://e\x07a\x1b]8;;\x07 [blink]", stance="denies",
         side="[/]", quote="[blink]", width=40)  # fmt: skip
def test_timeline_render_never_raises_and_prints_no_control_characters(
    speaker: str, text: str, stance: str, side: str | None, quote: str | None, width: int
) -> None:
    for printed in _render_all(speaker, text, stance, side, quote, width):
        assert "\x1b" not in printed and "\x9b" not in printed
        assert all(c in "\t\n" or unicodedata.category(c) != "Cc" for c in printed)


@FAST
@given(**ENTRY)
@example(speaker="Ana", text="x", stance="denies", side="\u061c", quote=None, width=80)
def test_timeline_render_prints_no_bidi_or_zero_width_characters(
    speaker: str, text: str, stance: str, side: str | None, quote: str | None, width: int
) -> None:
    for printed in _render_all(speaker, text, stance, side, quote, width):
        assert not (set(BIDI) | set(ZERO_WIDTH)) & set(printed)

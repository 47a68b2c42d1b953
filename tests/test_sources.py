"""Tests for claimtrack.sources: files and stdin -> Documents, and every kind of bad input."""

from __future__ import annotations

import gc
import io
import json
import os
import time
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrack import sources
from claimtrack.errors import ClaimtrackError, InputError
from claimtrack.models import Document
from claimtrack.sources import (
    STDIN_NAME,
    Format,
    InputProblem,
    detect_format,
    expand_paths,
    read_documents,
)

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def read(path: str | Path, **kwargs: object) -> tuple[list[Document], list[InputProblem]]:
    """All documents (with ``lines`` made lists) and all problems for one input."""
    problems: list[InputProblem] = []
    docs = []
    for doc in read_documents(str(path), on_problem=problems.append, **kwargs):  # type: ignore[arg-type]
        doc.lines = list(doc.lines)
        docs.append(doc)
    return docs, problems


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def messages(problems: list[InputProblem]) -> list[str]:
    return [p.message for p in problems]


# --- fixtures: real-world-style exports ----------------------------------------------


def test_html_page_main_text_and_metadata():
    docs, problems = read(FIXTURES / "article.html")
    assert problems == []
    [doc] = docs
    assert doc.title == "Harbour board denies dredging deal collapsed"
    assert doc.published == "2026-03-14"
    assert doc.url == "https://ledger.example.org/news/2026/03/harbour-dredging-denial"
    assert doc.outlet == "The Calder Ledger"
    assert doc.segment is False
    assert doc.start_line == 1
    text = "\n".join(doc.lines)
    assert "rejected reports that its contract to deepen the eastern shipping channel" in text
    assert (
        '"There is no truth to the suggestion that the contract has been cancelled," '
        "board chair Tomasz Ferreira told reporters" in text
    )
    assert text.rstrip().endswith("reach the port at low tide.")
    for boilerplate in (
        "Subscribe today",
        "Recommended stories",
        "Ferry timetable",
        "Privacy policy",
    ):
        assert boilerplate not in text
    assert all(line == line.strip() and line for line in doc.lines)


def test_jsonl_export_with_field_name_variants():
    docs, problems = read(FIXTURES / "export.jsonl")
    assert problems == []
    assert [d.start_line for d in docs] == [1, 2, 3, 4]
    assert [d.title for d in docs] == [
        "Water utility says boil notice was precautionary",
        "Council disputes claim that library branches will close",
        "Stadium roof repairs finished early, club insists",
        "Ferry operator rules out winter timetable cuts",
    ]
    # ISO with offset (local day kept), RFC 2822, "February 9, 2026", Unix seconds
    assert [d.published for d in docs] == ["2026-02-03", "2026-02-04", "2026-02-09", "2026-02-11"]
    assert [d.outlet for d in docs] == [
        "Millbrook Daily",
        "Eastshire Courier",
        "Northgate Sports Desk",  # {"id": null, "name": …}
        "Harbour Radio",
    ]
    assert docs[0].lines == [
        "The Millbrook water utility said on Tuesday that its boil-water notice had been "
        "issued as a precaution.",
        "A utility spokesperson denied that any contamination had been found in the reservoir.",
    ]
    assert docs[1].url == "https://news.example.com/library-branches"
    assert (
        docs[1].lines[1] == '"No branch is on any closure list," the council\'s culture lead said.'
    )
    # HTML in a record's text becomes one line per paragraph
    assert docs[2].lines == [
        "The club said the roof repairs were finished two weeks ahead of schedule.",
        "Supporters' groups said leaks were still visible during Saturday's match.",
    ]
    assert docs[2].url == "https://sport.example.net/roof-repairs"
    # a headline-only record is a document whose only line is the headline
    assert docs[3].lines == ["Ferry operator rules out winter timetable cuts"]
    assert all(d.segment is False for d in docs)


def test_csv_export_with_field_mapping_and_multiline_cells():
    docs, problems = read(FIXTURES / "export.csv", fields={"text": "article_text"})
    assert problems == []
    assert [d.start_line for d in docs] == [2, 4]  # the first row's text spans lines 2-3
    assert docs[0].title == "Clinic denies waiting list figures were altered"
    assert docs[0].published == "2026-04-21"
    assert docs[0].lines == [
        "The regional clinic said its published waiting list figures were accurate.",
        "A former administrator had claimed that some cancelled appointments were left out "
        "of the totals.",
    ]
    assert docs[0].url == "https://health.example.org/waiting-lists"
    assert docs[0].outlet == "Valley Health Weekly"
    assert docs[1].title == 'Minister says bridge survey found "no structural fault"'
    assert docs[1].published == "2026-04-22"  # "22 April 2026"
    assert docs[1].lines[0].startswith("The transport minister said an engineering survey")


def test_csv_without_a_text_column_reads_headlines_with_a_warning():
    docs, problems = read(FIXTURES / "export.csv")
    assert [d.lines for d in docs] == [[d.title] for d in docs]
    [warning] = problems
    assert not warning.fatal and warning.line == 1
    assert warning.message == (
        "no text column (found: id, headline, article_text, date, link, publisher); "
        "reading headlines only"
    )


def test_rss_feed():
    docs, problems = read(FIXTURES / "feed.rss")
    assert problems == []
    assert [d.title for d in docs] == [
        "Bus company rejects claim that night routes are ending",
        "Mayor denies knowledge of parking contract talks",
        "School says exam results were not leaked",
    ]
    assert {d.outlet for d in docs} == {"Riverside Gazette"}
    # the publisher's own day, not the UTC one (23:40 -0400 is already the 14th in UTC)
    assert [d.published for d in docs] == ["2026-05-11", "2026-05-12", "2026-05-13"]
    assert docs[0].lines == [
        "The Riverside bus company said on Monday that it had no plans to end its night routes.",
        "A drivers' representative had said the routes would be withdrawn in June.",
    ]
    assert docs[1].lines == [
        "The mayor said she had not been told about talks with a private parking firm & "
        "called for a review."
    ]
    assert docs[2].url == "https://gazette.example.com/exam-results"
    assert [d.start_line for d in docs] == [7, 14, 20]  # each <item>
    assert all(d.segment is False for d in docs)


def test_atom_feed():
    docs, problems = read(FIXTURES / "feed.atom")
    assert problems == []
    first, second = docs
    assert first.title == "Institute disputes report of faster cliff erosion"
    assert first.published == "2026-06-01"  # <published>, not <updated>
    assert first.url == "https://science.example.org/cliff-erosion"
    assert first.outlet == "Coastal Science Notes"
    # the full content wins over the short summary, and its markup is gone
    assert first.lines == [
        "The coastal institute said a newspaper had misread its survey data.",
        '"Erosion has not doubled," the institute\'s director said.',
    ]
    assert second.published == "2026-06-02"  # only <updated>
    assert second.lines == [
        "The fishing board confirmed that it would review the mackerel quota after complaints "
        "from small boat owners."
    ]
    assert [d.start_line for d in docs] == [7, 16]


# --- plain text ----------------------------------------------------------------------


def test_text_is_one_streamed_document_with_line_endings_stripped(tmp_path):
    path = write(tmp_path, "dump.txt", b"first\r\nsecond\rthird\n\nfifth")
    [doc] = read_documents(str(path))
    assert not isinstance(doc.lines, list)  # streamed, for the segmenter
    assert list(doc.lines) == ["first", "second", "third", "", "fifth"]
    assert doc.segment is True
    assert doc.start_line == 1
    assert doc.title is None and doc.published is None


def test_markdown_is_read_like_text(tmp_path):
    path = write(tmp_path, "notes.md", "# Heading\n\nBody line.\n")
    docs, problems = read(path)
    assert problems == []
    assert docs[0].lines == ["# Heading", "", "Body line."]
    assert docs[0].segment is True


def test_byte_order_mark_is_dropped(tmp_path):
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbfHello\nWorld\n")
    docs, _ = read(path)
    assert docs[0].lines == ["Hello", "World"]


def test_utf16_text_with_bom_is_decoded(tmp_path):
    path = write(tmp_path, "wide.txt", "Line one\r\nLine two\r\n".encode("utf-16"))
    docs, problems = read(path)
    assert problems == []
    assert docs[0].lines == ["Line one", "Line two"]


def test_unconsumed_text_document_leaves_no_file_open(tmp_path):
    path = write(tmp_path, "dump.txt", "a\nb\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        docs = list(read_documents(str(path)))
        del docs
        gc.collect()


def test_stdin_is_read_when_path_is_dash():
    stdin = io.BytesIO(b"one\ntwo\n")
    [doc] = read_documents("-", stdin=stdin)
    assert doc.path == STDIN_NAME
    assert list(doc.lines) == ["one", "two"]


def test_stdin_format_is_sniffed_and_problems_name_stdin():
    stdin = io.BytesIO(b'{"title": "A", "text": "Body A"}\nnot json\n{"title": "B"}\n')
    docs, problems = read("-", stdin=stdin)
    assert [d.title for d in docs] == ["A", "B"]
    assert [str(p) for p in problems] == [
        f"{STDIN_NAME}:2: invalid JSON: Expecting value (column 1)"
    ]


# --- records -------------------------------------------------------------------------


def test_json_array_records_point_at_their_lines(tmp_path):
    records = [
        {"title": "One", "body": "First body."},
        {"headline": "Two", "content": "Second body."},
        {"title": "Three"},
    ]
    path = write(tmp_path, "export.json", json.dumps(records, indent=2))
    docs, problems = read(path)
    assert problems == []
    assert [d.title for d in docs] == ["One", "Two", "Three"]
    assert [d.lines for d in docs] == [["First body."], ["Second body."], ["Three"]]
    assert [d.start_line for d in docs] == [2, 6, 10]


@pytest.mark.parametrize("key", ["articles", "items", "data"])
def test_json_wrapper_object(tmp_path, key):
    wrapper = {"status": "ok", "count": 2, key: [{"title": "A"}, {"title": "B", "text": "b"}]}
    path = write(tmp_path, "wrapped.json", json.dumps(wrapper, indent=1))
    docs, problems = read(path)
    assert problems == []
    assert [d.title for d in docs] == ["A", "B"]
    assert [d.start_line for d in docs] == [5, 8]


def test_json_single_object(tmp_path):
    path = write(tmp_path, "one.json", '\n\n{"headline": "Alone", "summary": "Just one."}')
    docs, problems = read(path)
    assert problems == []
    assert docs[0].title == "Alone" and docs[0].lines == ["Just one."]
    assert docs[0].start_line == 3


def test_record_with_its_own_data_list_is_not_a_wrapper(tmp_path):
    record = {"title": "Budget row", "text": "The figures were disputed.", "data": [1, 2, 3]}
    docs, problems = read(write(tmp_path, "one.json", json.dumps(record)))
    assert problems == []
    assert [(d.title, d.lines) for d in docs] == [("Budget row", ["The figures were disputed."])]


def test_json_lines_with_long_lines_or_a_bad_first_guess_still_read(tmp_path):
    long_text = "word " * 3000  # the first record alone is longer than the sniffed head
    content = json.dumps({"title": "Long", "text": long_text}) + "\n" + '  {"title": "Short"}\n'
    docs, problems = read(write(tmp_path, "export.json", content))
    assert problems == []
    assert [(d.title, d.start_line) for d in docs] == [("Long", 1), ("Short", 2)]


def test_json_lines_in_a_dot_json_file_are_detected(tmp_path):
    path = write(tmp_path, "export.json", '{"title": "A"}\n{"title": "B"}\n')
    docs, problems = read(path)
    assert problems == []
    assert [(d.title, d.start_line) for d in docs] == [("A", 1), ("B", 2)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-14", "2026-03-14"),
        ("2026-03-14T23:30:00-05:00", "2026-03-14"),
        ("2026-03-14T08:30:00Z", "2026-03-14"),
        ("Sat, 14 Mar 2026 08:30:00 GMT", "2026-03-14"),
        ("March 14, 2026", "2026-03-14"),
        ("14 March 2026", "2026-03-14"),
        ("2026/03/14", "2026-03-14"),
        ("20260314", "2026-03-14"),
        (1773477000, "2026-03-14"),  # Unix seconds
        (1773477000000, "2026-03-14"),  # Unix milliseconds
        ("1773477000", "2026-03-14"),
        ("March 2026", None),  # a month is not a publication day
        ("yesterday", None),
        ("", None),
        (None, None),
        (True, None),
        (42, None),
        (1e300, None),
        ([2026, 3, 14], None),
        ("2026-02-30", None),
        ("0001-01-01", None),  # a placeholder, and off the end of the calendar for "last year"
        ("9999-12-31T23:59:59", None),
        ("1899-12-31", None),
        ("1900-01-01", "1900-01-01"),
    ],
)
def test_published_values(tmp_path, value, expected):
    path = write(tmp_path, "r.jsonl", json.dumps({"title": "T", "date": value}) + "\n")
    docs, problems = read(path)
    assert problems == []
    assert docs[0].published == expected


def test_field_mapping(tmp_path):
    record = {
        "hed": "Mapped title",
        "articleBody": "Mapped body.",
        "text": "Not this one.",
        "meta": {"when": "2026-01-05", "site": {"name": "Deep Outlet"}},
    }
    path = write(tmp_path, "r.jsonl", json.dumps(record) + "\n")
    docs, problems = read(
        path,
        fields={
            "title": "hed",
            "text": "ARTICLEBODY",
            "published": "meta.when",
            "outlet": "meta.site",
        },
    )
    assert problems == []
    assert docs[0].title == "Mapped title"
    assert docs[0].lines == ["Mapped body."]
    assert docs[0].published == "2026-01-05"
    assert docs[0].outlet == "Deep Outlet"


@pytest.mark.parametrize("fields", [{"body": "x"}, {"text": ""}])
def test_bad_field_mapping_is_an_error(fields):
    with pytest.raises(ClaimtrackError):
        read_documents("whatever.json", fields=fields)


def test_json_records_with_wrong_types(tmp_path):
    lines = [
        {"title": "Number text", "text": 12345},
        {"title": "Listed", "text": ["First paragraph.", "Second paragraph."]},
        {"title": "Object text", "text": {"nested": True}, "summary": "Fallback summary."},
        {"title": 7, "text": False},
        {"text": None, "title": None, "url": "https://example.org/x"},
        ["not", "an", "object"],
    ]
    path = write(tmp_path, "types.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    docs, problems = read(path)
    assert [(d.start_line, d.title, d.lines) for d in docs] == [
        (1, "Number text", ["Number text"]),
        (2, "Listed", ["First paragraph.", "Second paragraph."]),
        (3, "Object text", ["Fallback summary."]),
    ]
    assert [(p.line, p.message, p.fatal) for p in problems] == [
        (1, "field 'text' is a number, not text; ignored", False),
        (3, "field 'text' is an object, not text; ignored", False),
        (4, "field 'title' is a number, not text; ignored", False),
        (4, "field 'text' is true/false, not text; ignored", False),
        (4, "record has no text or title; skipped", False),
        (5, "record has no text or title; skipped", False),
        (6, "record is a list, not an object; skipped", False),
    ]


def test_huge_numbers_do_not_crash(tmp_path):
    digits = "9" * 5000  # beyond Python's int-to-string limit
    path = write(
        tmp_path,
        "huge.jsonl",
        f'{{"title": "Huge", "text": {digits}, "published": {digits}}}\n'
        '{"title": "Float", "published": 1e999, "text": -1e999}\n',
    )
    docs, problems = read(path)
    assert [(d.title, d.published) for d in docs] == [("Huge", None), ("Float", None)]
    assert all(not p.fatal for p in problems)


def test_lone_surrogate_escapes_are_repaired(tmp_path):
    path = write(tmp_path, "s.jsonl", '{"title": "Bad \\ud800 escape", "text": "ok"}\n')
    docs, _ = read(path)
    assert docs[0].title == "Bad ? escape"
    docs[0].title.encode("utf-8")


# --- bad input: each problem is one line naming the file (and line) --------------------


def test_empty_file(tmp_path):
    path = write(tmp_path, "empty.txt", b"")
    docs, problems = read(path)
    assert docs == []
    assert problems == [InputProblem(str(path), None, "empty file", True)]
    with pytest.raises(InputError, match=r"empty\.txt: empty file$"):
        list(read_documents(str(path)))


@pytest.mark.parametrize("name", ["blank.txt", "blank.json", "blank.csv", "blank.html"])
def test_whitespace_only_file_is_empty(tmp_path, name):
    docs, problems = read(write(tmp_path, name, b" \n\r\n\t \n"))
    assert docs == [] and messages(problems) == ["empty file"]


@pytest.mark.parametrize("name", ["image.txt", "image.json", "image.bin", "image.html"])
def test_binary_file(tmp_path, name):
    path = write(tmp_path, name, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    docs, problems = read(path)
    assert docs == []
    assert problems == [InputProblem(str(path), None, "binary file, not text", True)]
    with pytest.raises(InputError, match="binary file, not text"):
        list(read_documents(str(path)))


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path):
    path = write(
        tmp_path,
        "latin1.txt",
        "good\nalso good\ncaf\xe9 cr\xe8me\nbad \xff again\n".encode("latin-1"),
    )
    docs, problems = read(path)
    assert docs[0].lines == ["good", "also good", "caf\ufffd cr\ufffdme", "bad \ufffd again"]
    assert [str(p) for p in problems] == [f"{path}:3: invalid UTF-8 on line 3, replaced"]
    assert not problems[0].fatal
    # without a callback, warnings are dropped and the text still comes through
    [doc] = read_documents(str(path))
    assert len(list(doc.lines)) == 4


def test_invalid_utf8_in_json_and_html(tmp_path):
    json_path = write(tmp_path, "a.json", b'[\n{"title": "caf\xe9"}\n]')
    docs, problems = read(json_path)
    assert docs[0].title == "caf\ufffd"
    assert [(p.line, p.message) for p in problems] == [(2, "invalid UTF-8 on line 2, replaced")]
    page = (FIXTURES / "article.html").read_bytes().replace(b"Tomasz", b"Tom\xe1sz")
    docs, problems = read(write(tmp_path, "latin.html", page))
    assert "Tom\ufffdsz Ferreira" in "\n".join(docs[0].lines)
    assert [p.message for p in problems] == [
        f"invalid UTF-8 on line {p.line}, replaced" for p in problems
    ]
    assert len(problems) == 1


def test_html_declaring_another_charset_is_decoded_with_it(tmp_path):
    page = (FIXTURES / "article.html").read_text(encoding="utf-8")
    page = page.replace('charset="utf-8"', 'charset="windows-1252"').replace("Tomasz", "Tomás")
    docs, problems = read(write(tmp_path, "cp1252.html", page.encode("cp1252")))
    assert problems == []
    assert "Tomás Ferreira" in "\n".join(docs[0].lines)


def test_malformed_jsonl_line_is_skipped(tmp_path):
    path = write(
        tmp_path,
        "feed.jsonl",
        '{"title": "First", "text": "one"}\n{"title": "Broken", "text": \n\n{"title": "Third"}\n',
    )
    docs, problems = read(path)
    assert [(d.title, d.start_line) for d in docs] == [("First", 1), ("Third", 4)]
    [problem] = problems
    assert str(problem) == f"{path}:2: invalid JSON: Expecting value (column 29)"
    assert problem.fatal is False
    # without a callback the good records still come through
    assert len(list(read_documents(str(path)))) == 2


def test_jsonl_with_no_good_records_is_fatal(tmp_path):
    path = write(tmp_path, "bad.jsonl", "nope\nstill nope\n")
    docs, problems = read(path)
    assert docs == []
    assert [(p.line, p.fatal) for p in problems] == [(1, False), (2, False), (None, True)]
    assert problems[-1].message == "no usable records (2 skipped)"
    with pytest.raises(InputError, match="no usable records"):
        list(read_documents(str(path)))


def test_invalid_json_file_is_fatal_with_the_line(tmp_path):
    path = write(tmp_path, "broken.json", '[\n  {"title": "A"},\n  {"title": "B",}\n]\n')
    docs, problems = read(path)
    assert docs == []
    [problem] = problems
    assert problem.fatal and problem.line == 3
    assert str(problem) == (
        f"{path}:3: invalid JSON: Expecting property name enclosed in double quotes (column 17)"
    )
    with pytest.raises(InputError) as caught:
        list(read_documents(str(path)))
    assert caught.value.line == 3 and caught.value.path == str(path)


def test_json_lines_forced_as_json_get_a_hint(tmp_path):
    path = write(tmp_path, "x.txt", '{"title": "A"}\n{"title": "B"}\n')
    _, problems = read(path, fmt=Format.JSON)
    assert problems[0].line == 2
    assert "Extra data" in problems[0].message and "jsonl" in problems[0].message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("42", "JSON holds a number, not articles"),
        ("[]", "no records found"),
        ('"text"', "JSON holds str"),
    ],
)
def test_json_without_articles(tmp_path, content, message):
    docs, problems = read(write(tmp_path, "x.json", content))
    assert docs == [] and problems[0].fatal and problems[0].message.startswith(message)


def test_deeply_nested_json_is_a_problem_not_a_crash(tmp_path):
    path = write(tmp_path, "deep.json", "[" * 100_000 + "]" * 100_000)
    docs, problems = read(path)
    assert docs == [] and problems[0].fatal


def test_html_without_article_text(tmp_path):
    page = "<!DOCTYPE html><html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    path = write(tmp_path, "menu.html", page)
    docs, problems = read(path)
    assert docs == []
    assert problems == [InputProblem(str(path), None, "no article text found", True)]


def test_feed_with_broken_xml(tmp_path):
    path = write(
        tmp_path,
        "broken.rss",
        '<?xml version="1.0"?>\n<rss><channel><title>X</title>\n<item><title>Unclosed',
    )
    docs, problems = read(path)
    assert docs == []
    [problem] = problems
    assert problem.fatal
    assert str(problem).startswith(f"{path}:")
    assert problem.message.startswith("broken feed XML: ")
    assert "\n" not in str(problem)


def test_well_formed_xml_that_is_no_feed(tmp_path):
    docs, problems = read(write(tmp_path, "config.xml", '<?xml version="1.0"?><config a="1"/>'))
    assert docs == [] and messages(problems) == ["not an RSS or Atom feed"]


def test_feed_with_no_entries(tmp_path):
    rss = '<rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    docs, problems = read(write(tmp_path, "quiet.rss", rss))
    assert docs == [] and messages(problems) == ["feed has no entries"]


def test_unreadable_file(tmp_path):
    path = write(tmp_path, "secret.txt", "hidden\n")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("this user can read a chmod 000 file")
        docs, problems = read(path)
        assert docs == []
        assert problems == [InputProblem(str(path), None, "permission denied", True)]
        assert [str(p) for p in expand_paths([str(tmp_path)])] == [
            f"{path}: permission denied",
            f"{tmp_path}: no readable files with a known extension in this directory",
        ]
    finally:
        path.chmod(0o644)


def test_permission_denied_even_as_root(tmp_path, monkeypatch):
    """The same messages as above, with the refusal simulated so root runs it too."""
    path = write(tmp_path, "secret.txt", "hidden\n")

    def refuse(file, *args, **kwargs):
        raise PermissionError(13, "Permission denied", file)

    monkeypatch.setattr(sources, "open", refuse, raising=False)
    monkeypatch.setattr(sources.os, "access", lambda *args, **kwargs: False)
    docs, problems = read(path)
    assert docs == []
    assert [str(p) for p in problems] == [f"{path}: permission denied"]
    assert [str(p) for p in expand_paths([str(tmp_path)])] == [
        f"{path}: permission denied",
        f"{tmp_path}: no readable files with a known extension in this directory",
    ]


def test_missing_path(tmp_path):
    missing = str(tmp_path / "nope.txt")
    docs, problems = read(missing)
    assert docs == []
    assert problems == [InputProblem(missing, None, "no such file or directory", True)]
    with pytest.raises(InputError, match=r"nope\.txt: no such file or directory"):
        list(read_documents(missing))
    assert list(expand_paths([missing])) == [
        InputProblem(missing, None, "no such file or directory", True)
    ]


def test_directory_given_to_read_documents(tmp_path):
    docs, problems = read(tmp_path)
    assert docs == [] and messages(problems) == ["is a directory, not a file"]


def test_directory_with_good_and_bad_files(tmp_path):
    write(tmp_path, "a_good.txt", "A plain text dump.\n")
    write(tmp_path, "b_empty.txt", "")
    write(tmp_path, "c_binary.json", b"\x00\x01\x02")
    write(tmp_path, "d_good.jsonl", '{"title": "Kept"}\n{oops\n')
    write(tmp_path, "e_bad.csv", "id,score\n1,2\n")
    write(tmp_path, "f_menu.html", "<html><body><nav>Home</nav></body></html>")
    write(tmp_path, "g_broken.rss", "<rss><channel><item><title>x")
    docs: list[Document] = []
    problems: list[InputProblem] = []
    for item in expand_paths([str(tmp_path)]):
        if isinstance(item, InputProblem):
            problems.append(item)
            continue
        for doc in read_documents(item, on_problem=problems.append):
            doc.lines = list(doc.lines)
            docs.append(doc)
    assert [(Path(d.path).name, d.lines) for d in docs] == [
        ("a_good.txt", ["A plain text dump."]),
        ("d_good.jsonl", ["Kept"]),
    ]
    assert [(Path(p.path).name, p.line, p.message, p.fatal) for p in problems] == [
        ("b_empty.txt", None, "empty file", True),
        ("c_binary.json", None, "binary file, not text", True),
        (
            "d_good.jsonl",
            2,
            "invalid JSON: Expecting property name enclosed in double quotes (column 2)",
            False,
        ),
        ("e_bad.csv", 1, "no text or title column (found: id, score)", True),
        ("f_menu.html", None, "no article text found", True),
        ("g_broken.rss", 1, problems[-1].message, True),
    ]
    assert problems[-1].message.startswith("broken feed XML")


def test_csv_without_text_or_title_column(tmp_path):
    path = write(tmp_path, "scores.csv", "id,score,author\n1,0.5,Ann\n")
    docs, problems = read(path)
    assert docs == []
    assert [str(p) for p in problems] == [
        f"{path}:1: no text or title column (found: id, score, author)"
    ]
    _, problems = read(path, fields={"text": "articleBody"})
    assert messages(problems) == ["no 'articleBody' column (found: id, score, author)"]


def test_csv_rows_without_text_or_title_are_skipped(tmp_path):
    path = write(tmp_path, "rows.csv", "title;text\nFirst;Body one\n;\n\n;  \nLast;\n")
    docs, problems = read(path)
    assert [(d.title, d.lines, d.start_line) for d in docs] == [
        ("First", ["Body one"], 2),
        ("Last", ["Last"], 6),
    ]
    assert [(p.line, p.message) for p in problems] == []


def test_csv_row_with_missing_cells(tmp_path):
    path = write(tmp_path, "short.csv", "title,text,url\nOnly a title\n")
    docs, problems = read(path)
    assert [(d.title, d.url) for d in docs] == [("Only a title", None)]
    assert problems == []


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("long.txt", lambda s: s),
        ("long.md", lambda s: s),
        ("long.jsonl", lambda s: json.dumps({"title": "Long", "text": s})),
        ("long.json", lambda s: json.dumps([{"title": "Long", "text": s}])),
        ("long.csv", lambda s: f'title,text\nLong,"{s}"'),
        ("long.html", lambda s: f"<html><body><article><p>{s}</p></article></body></html>"),
        (
            "long.rss",
            lambda s: (
                f"<rss><channel><item><title>Long</title><description>{s}</description></item></channel></rss>"
            ),
        ),
    ],
)
def test_one_megabyte_single_line(tmp_path, name, make):
    sentence = "The minister denied the report again. "
    big = (sentence * (1_000_000 // len(sentence) + 1)).strip()
    path = write(tmp_path, name, make(big))
    docs, problems = read(path)
    assert [p for p in problems if p.fatal] == []
    assert len(docs) == 1
    assert max(len(line) for line in docs[0].lines) > 900_000


# --- problems --------------------------------------------------------------------------


def test_problem_str_and_error():
    problem = InputProblem("a.jsonl", 3, "invalid JSON: Expecting value (column 1)", False)
    assert str(problem) == "a.jsonl:3: invalid JSON: Expecting value (column 1)"
    assert str(InputProblem("a.txt", None, "empty file", True)) == "a.txt: empty file"
    error = problem.error()
    assert isinstance(error, InputError) and str(error) == str(problem)


# --- finding files and formats -------------------------------------------------------


def test_expand_paths_walks_directories_sorted_skipping_hidden(tmp_path):
    for name in [
        "b.txt",
        "a.md",
        "sub/c.json",
        "sub/deeper/d.csv",
        ".hidden.txt",
        ".git/e.txt",
        "sub/.cache/f.txt",
        "notes.docx",
        "image.png",
        "UPPER.HTML",
    ]:
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("x")
    root = str(tmp_path)
    assert list(expand_paths([root])) == [
        os.path.join(root, "UPPER.HTML"),
        os.path.join(root, "a.md"),
        os.path.join(root, "b.txt"),
        os.path.join(root, "sub", "c.json"),
        os.path.join(root, "sub", "deeper", "d.csv"),
    ]
    assert list(expand_paths([root], glob="*.txt")) == [os.path.join(root, "b.txt")]
    # files named explicitly and stdin pass through whatever their names
    docx = os.path.join(root, "notes.docx")
    assert list(expand_paths([docx, "-"], glob="*.txt")) == [docx, "-"]


def test_expand_paths_directory_with_nothing_to_read(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "slides.pptx").write_text("x")
    empty, other = str(tmp_path / "empty"), str(tmp_path / "other")
    assert list(expand_paths([empty, other])) == [
        InputProblem(empty, None, "no readable files with a known extension in this directory"),
        InputProblem(other, None, "no readable files with a known extension in this directory"),
    ]
    assert [p.message for p in expand_paths([other], glob="*.txt")] == [  # type: ignore[union-attr]
        "no readable *.txt in this directory"
    ]


@pytest.mark.parametrize(
    ("path", "head", "expected"),
    [
        ("a.txt", b"<html>", Format.TEXT),
        ("a.TXT", b"", Format.TEXT),
        ("a.md", b"", Format.MARKDOWN),
        ("a.markdown", b"", Format.MARKDOWN),
        ("a.htm", b"", Format.HTML),
        ("a.html", b"", Format.HTML),
        ("a.json", b"[{}]", Format.JSON),
        ("a.json", b'{\n  "title": "x"\n}\n', Format.JSON),
        ("a.json", b'{"a": 1}\n{"a": 2}\n', Format.JSONL),
        ("a.jsonl", b"", Format.JSONL),
        ("a.ndjson", b"", Format.JSONL),
        ("a.csv", b"", Format.CSV),
        ("a.xml", b"", Format.FEED),
        ("a.rss", b"", Format.FEED),
        ("a.atom", b"", Format.FEED),
        ("-", b"<!DOCTYPE html>\n<html>", Format.HTML),
        ("-", b"  <html lang='en'>", Format.HTML),
        ("page", b"<!-- saved --><html>", Format.HTML),
        ("-", b'<?xml version="1.0"?>\n<rss version="2.0">', Format.FEED),
        ("-", b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', Format.FEED),
        ("-", b"<rdf:RDF xmlns:rdf='x'>", Format.FEED),
        ("-", b'\xef\xbb\xbf[{"title": "x"}]', Format.JSON),
        ("-", b'{"title": "x", "text": "y"}', Format.JSON),
        ("-", b'{"title": "x"}\n{"title": "y"}\n', Format.JSONL),
        ("-", b"id,headline,date\n1,x,2026-01-01\n", Format.CSV),
        ("-", b"Title\tBody\nx\ty\n", Format.CSV),
        ("-", b"id,score\n1,2\n", Format.TEXT),
        ("-", b"The minister said, on Monday, that it was false.\n", Format.TEXT),
        ("-", b"", Format.TEXT),
        ("export.dat", b"headline;body\n", Format.CSV),
    ],
)
def test_detect_format(path, head, expected):
    assert detect_format(path, head) is expected


def test_forced_format_overrides_detection(tmp_path):
    path = write(tmp_path, "page.html", "<p>Not really a page</p>\nsecond line\n")
    docs, _ = read(path, fmt=Format.TEXT)
    assert docs[0].lines == ["<p>Not really a page</p>", "second line"]
    assert docs[0].segment is True


# --- properties ----------------------------------------------------------------------

SUFFIXES = ["", ".txt", ".md", ".html", ".json", ".jsonl", ".csv", ".xml", ".rss"]
FORMATS = [None, *Format]
PREFIXES = [
    b"",
    b"<html><body><p>",
    b"<rss><channel><item>",
    b'[{"title": ',
    b'{"text": "',
    b"title,text\n",
]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    prefix=st.sampled_from(PREFIXES),
    data=st.binary(max_size=600),
    suffix=st.sampled_from(SUFFIXES),
    fmt=st.sampled_from(FORMATS),
)
def test_arbitrary_bytes_never_crash(tmp_path, prefix, data, suffix, fmt):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(prefix + data)
    # without a callback: only InputError
    try:
        for doc in read_documents(str(path), fmt=fmt):
            list(doc.lines)
    except InputError:
        pass
    # with a callback: nothing at all, fatal problems mean no documents, one-line messages
    problems: list[InputProblem] = []
    docs = []
    for doc in read_documents(str(path), fmt=fmt, on_problem=problems.append):
        doc.lines = list(doc.lines)
        docs.append(doc)
    assert all("\n" not in str(p) and str(p).startswith(str(path)) for p in problems)
    if any(p.fatal for p in problems):
        assert docs == []
    for doc in docs:
        assert all(isinstance(line, str) for line in doc.lines)
        assert doc.published is None or len(doc.published) == 10


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=6))
def test_arbitrary_text_lines_round_trip(lines):
    content = "\n".join(lines).encode("utf-8")
    if "\x00" in content.decode() or not "".join(lines).strip():
        return  # binary or blank: covered elsewhere
    [doc] = read_documents("-", fmt=Format.TEXT, stdin=io.BytesIO(content))
    expected = "\n".join(lines).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if expected and expected[-1] == "" and content.endswith((b"\n", b"\r")):
        expected.pop()
    assert list(doc.lines) == expected


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
RECORD_KEYS = [
    "title",
    "Headline",
    "text",
    "body",
    "summary",
    "date",
    "published_at",
    "url",
    "source",
    "data",
    "items",
]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    records=st.lists(
        st.dictionaries(st.sampled_from(RECORD_KEYS), JSON_VALUES, max_size=6), max_size=5
    ),
    suffix=st.sampled_from([".json", ".jsonl"]),
)
def test_records_of_any_shape_never_crash(tmp_path, records, suffix):
    if suffix == ".json":
        content = json.dumps(records, indent=1)
    else:
        content = "\n".join(json.dumps(r) for r in records)
    path = tmp_path / f"records{suffix}"
    path.write_text(content, encoding="utf-8")
    docs, problems = read(path)
    if any(p.fatal for p in problems):
        assert docs == []
    for doc in docs:
        assert doc.lines and all(isinstance(line, str) for line in doc.lines)
        assert doc.title is None or isinstance(doc.title, str)
        assert doc.published is None or len(doc.published) == 10
        assert doc.url is None or isinstance(doc.url, str)
        assert doc.outlet is None or isinstance(doc.outlet, str)
        assert 1 <= doc.start_line <= content.count("\n") + 1


@settings(max_examples=300, deadline=None)
@given(path=st.sampled_from(["-", "x", "x.json", "x.dat"]), head=st.binary(max_size=200))
def test_detect_format_takes_any_bytes(path, head):
    assert isinstance(detect_format(path, head), Format)
    assert isinstance(detect_format(path, b"id,title\r" + head), Format)


def test_text_full_of_unclosed_tags_stays_fast(tmp_path):
    """Tag-like text and long blank runs are handled in linear time (no regex backtracking)."""
    record = {
        "title": "<a " * 100_000,
        "text": "\n" * 200_000 + "x <p " * 200_000,
        "date": "2026 " * 50_000,
    }
    path = write(tmp_path, "tags.jsonl", json.dumps(record) + "\n")
    started = time.monotonic()
    docs, _ = read(path)
    assert time.monotonic() - started < 30  # about a second; quadratic was minutes
    assert len(docs) == 1 and docs[0].published is None

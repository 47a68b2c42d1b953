"""Input files and stdin -> ``Document``s: the first stage of the pipeline.

``expand_paths`` turns command-line arguments into files (walking directories),
``detect_format`` decides how to read each one, and ``read_documents`` yields one
``Document`` per plain-text file, HTML page, JSON/JSONL/CSV record or feed entry.

Bad input never stops a run: each problem becomes an ``InputProblem`` handed to the
caller's ``on_problem`` callback. *Fatal* problems mean the file gave no documents;
the others mean some records were skipped or some text was repaired. Without a
callback, fatal problems raise ``InputError`` and warnings are dropped. This module
never prints.

Line numbers are 1-based lines of the original file, so that a document's
``start_line`` points at the record it came from (the JSONL line, the CSV row, the
start of the JSON object, the feed's ``<item>``).

Plain text is streamed: a ``Document``'s ``lines`` for a text or markdown file is a
lazy iterator over the file, which is opened only when iteration starts, and a
problem found on the way (invalid UTF-8) is reported while the lines are read. JSON
Lines and CSV records are yielded as they are read. HTML, JSON and feed files are
read whole, since their parsers need the whole document.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import email.utils
import enum
import errno
import fnmatch
import html
import io
import json
import json.scanner
import math
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO, cast

from .dates import as_date, parse_date
from .errors import ClaimtrackError, InputError
from .models import Document, Precision

STDIN = "-"
STDIN_NAME = "<stdin>"  # how stdin is named in documents and problems
HEAD_SIZE = 8192  # bytes read up front for format sniffing and the binary check
# Python's csv module refuses fields over 128 KB by default; one-line article
# bodies are longer than that. This limit is process-wide, so it is only raised.
CSV_FIELD_LIMIT = 1 << 27
MIN_ARTICLE_WORDS = 4  # less than this from an HTML page is navigation, not an article


class Format(str, enum.Enum):
    """How a file is read."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    FEED = "feed"


EXTENSIONS: dict[str, Format] = {
    ".txt": Format.TEXT,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".json": Format.JSON,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".csv": Format.CSV,
    ".xml": Format.FEED,
    ".rss": Format.FEED,
    ".atom": Format.FEED,
}

# Record fields claimtrack understands, and the export column names that mean each
# one, in order of preference. Names are compared after ``_norm`` (case, "_", "-"
# and spaces ignored), so "publishedAt", "Published At" and "published_at" agree.
FIELD_NAMES = ("title", "text", "published", "url", "outlet")
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading"),
    "text": (
        "text", "body", "content", "article", "description", "summary",
        "articleBody", "body_text", "full_text", "content_text", "content_html",
    ),
    "published": (
        "published", "date", "pubdate", "published_at", "datetime", "time",
        "date_published", "datePublished", "publish_date", "published_date",
        "pub_date", "timestamp", "created_at",
    ),
    "url": ("url", "link", "canonical_url", "permalink"),
    "outlet": (
        "source", "outlet", "publisher", "site", "source_name", "site_name",
        "sitename", "publication",
    ),
}  # fmt: skip

# A JSON object holding its records in one of these keys is a wrapper, not a record.
WRAPPER_KEYS = ("articles", "items", "data", "entries", "results", "records")


@dataclass(frozen=True)
class InputProblem:
    """Something wrong with one input: where, what, and whether the file gave nothing.

    ``str(problem)`` is one line: ``path:line: message``.
    """

    path: str
    line: int | None
    message: str
    fatal: bool = True

    def __str__(self) -> str:
        path = self.path.replace("\n", "\\n")
        where = f"{path}:{self.line}" if self.line is not None else path
        return f"{where}: {self.message}"

    def error(self) -> InputError:
        return InputError(self.path, self.message, self.line)


def _problem(path: str, message: str, line: int | None = None, fatal: bool = True) -> InputProblem:
    # Messages are single lines whatever a parser's exception text contains.
    return InputProblem(path, line, " ".join(message.split()), fatal)


class _Reporter:
    """Routes problems for one input to the callback, or raises fatal ones."""

    def __init__(self, path: str, on_problem: Callable[[InputProblem], None] | None):
        self.path = path
        self.on_problem = on_problem

    def warn(self, message: str, line: int | None = None) -> None:
        if self.on_problem is not None:
            self.on_problem(_problem(self.path, message, line, fatal=False))

    def fatal(self, message: str, line: int | None = None) -> None:
        problem = _problem(self.path, message, line, fatal=True)
        if self.on_problem is None:
            raise problem.error()
        self.on_problem(problem)


# --- finding files -------------------------------------------------------------------


def expand_paths(paths: Sequence[str], glob: str | None = None) -> Iterator[str | InputProblem]:
    """The files to read, in order: files as given, directories walked recursively.

    Directory entries are sorted, hidden files and directories are skipped, and
    files are kept if their name matches ``glob`` (e.g. ``"*.txt"``) or, without a
    glob, if they have a known extension. ``"-"`` (stdin) passes through. Missing
    paths and directories with nothing to read come out as ``InputProblem``s.

    >>> list(expand_paths(["-"]))
    ['-']
    """
    for path in paths:
        if path == STDIN:
            yield path
        elif os.path.isdir(path):
            yield from _walk(path, glob)
        elif os.path.exists(path):
            yield path  # a file named explicitly is read whatever its name
        else:
            yield _problem(path, "no such file or directory")


def _wanted(name: str, glob: str | None) -> bool:
    if glob is not None:
        return fnmatch.fnmatch(name, glob)
    return os.path.splitext(name)[1].lower() in EXTENSIONS


def _walk(top: str, glob: str | None) -> Iterator[str | InputProblem]:
    readable = 0
    top_failed = False
    problems: list[InputProblem] = []

    def on_error(err: OSError) -> None:
        problems.append(_problem(err.filename or top, _os_message(err)))
        if err.filename in (None, top):
            nonlocal top_failed
            top_failed = True

    for root, dirs, files in os.walk(top, onerror=on_error):
        yield from problems
        problems.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not _wanted(name, glob):
                continue
            path = os.path.join(root, name)
            if not os.path.isfile(path):
                continue  # sockets, fifos, broken symlinks
            if not os.access(path, os.R_OK):
                yield _problem(path, "permission denied")
                continue
            readable += 1
            yield path
    yield from problems
    if readable == 0 and not top_failed:
        wanted = glob if glob is not None else "files with a known extension"
        yield _problem(top, f"no readable {wanted} in this directory")


def _os_message(err: OSError) -> str:
    known = {
        errno.ENOENT: "no such file or directory",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EISDIR: "is a directory, not a file",
    }
    if err.errno in known:
        return known[err.errno]
    return f"cannot read: {(err.strerror or str(err)).lower()}"


# --- format detection ----------------------------------------------------------------

_BOMS_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_XML_PROLOGUE = re.compile(r"^(?:\s+|<\?xml[^>]*>|<!--.*?-->)+", re.S)
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)\b")
_HTML_ROOT = re.compile(r"<(?:!doctype\s+html|html|head|body)\b")


def _decode_head(head: bytes) -> str:
    if head.startswith(_BOMS_UTF16):
        return head.decode("utf-16", errors="ignore")
    return head.removeprefix(codecs.BOM_UTF8).decode("utf-8", errors="ignore")


def detect_format(path: str, head: bytes) -> Format:
    """The format from the file extension, else from the first bytes of the content.

    >>> detect_format("notes.md", b"")
    <Format.MARKDOWN: 'markdown'>
    >>> detect_format("-", b'{"title": "a"}\\n{"title": "b"}\\n')
    <Format.JSONL: 'jsonl'>
    """
    ext = os.path.splitext(path)[1].lower() if path != STDIN else ""
    known = EXTENSIONS.get(ext)
    if known is Format.JSON:
        # Exports named .json are often JSON Lines; reading them as one JSON
        # document would fail at line 2.
        return Format.JSONL if _sniff(head) is Format.JSONL else Format.JSON
    if known is not None:
        return known
    return _sniff(head)


def _sniff(head: bytes) -> Format:
    text = _decode_head(head).lstrip()
    if text.startswith("<"):
        low = _XML_PROLOGUE.sub("", text[:4096].lower(), count=1)
        if _FEED_ROOT.match(low):
            return Format.FEED
        if _HTML_ROOT.match(low) or _HTML_ROOT.search(low[:1024]):
            return Format.HTML
        if _FEED_ROOT.search(low[:1024]):
            return Format.FEED
        return Format.TEXT
    if text.startswith("["):
        return Format.JSON
    if text.startswith("{"):
        lines = [line for line in text.splitlines() if line.strip()]
        if len(head) >= HEAD_SIZE and len(lines) > 1:
            lines = lines[:-1]  # the last line may be cut off
        if len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines):
            return Format.JSONL
        return Format.JSON
    if _csv_header(re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]) is not None:
        return Format.CSV
    return Format.TEXT


def _csv_header(line: str) -> str | None:
    """The delimiter if ``line`` looks like a CSV header naming a text or title
    column, else None."""
    delimiter = _csv_delimiter(line)
    try:
        cells = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return None
    if len(cells) < 2 or any(len(c) > 64 for c in cells):
        return None
    names = {_norm(c) for c in cells}
    text_like = {_norm(a) for a in FIELD_ALIASES["text"] + FIELD_ALIASES["title"]}
    return delimiter if names & text_like else None


def _csv_delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


# --- reading -------------------------------------------------------------------------


class _Prefixed(io.RawIOBase):
    """A stream that first replays ``head`` and then continues with ``rest``, so a
    pipe can be sniffed and still read from its first byte."""

    def __init__(self, head: bytes, rest: BinaryIO, owned: bool):
        self._head = memoryview(head)
        self._rest = rest
        self._owned = owned

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if self._owned and not self.closed:
            self._rest.close()
        super().close()


def _read_head(stream: BinaryIO) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < HEAD_SIZE:
        chunk = stream.read(HEAD_SIZE - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def read_documents(
    path: str,
    fmt: Format | None = None,
    fields: Mapping[str, str] | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Document]:
    """The documents in one file (or stdin for ``"-"``), read lazily.

    ``fmt`` overrides detection. ``fields`` maps claimtrack's field names (title,
    text, published, url, outlet) to an export's column names, e.g.
    ``{"text": "articleBody"}``. Problems go to ``on_problem``; without it a fatal
    problem raises ``InputError``. Unknown ``fields`` keys raise ``ClaimtrackError``
    at once.
    """
    columns = _check_fields(fields)
    return _read(path, fmt, columns, on_problem, stdin)


def _check_fields(fields: Mapping[str, str] | None) -> dict[str, str]:
    columns: dict[str, str] = {}
    for name, column in (fields or {}).items():
        key = name.strip().lower()
        if key not in FIELD_NAMES:
            raise ClaimtrackError(
                f"unknown field name {name!r}: use one of {', '.join(FIELD_NAMES)}"
            )
        if not column or not column.strip():
            raise ClaimtrackError(f"field {name!r} needs a column name, e.g. {name}=headline")
        columns[key] = column.strip()
    return columns


def _read(
    path: str,
    fmt: Format | None,
    columns: dict[str, str],
    on_problem: Callable[[InputProblem], None] | None,
    stdin: BinaryIO | None,
) -> Iterator[Document]:
    name = STDIN_NAME if path == STDIN else path
    rep = _Reporter(name, on_problem)
    try:
        if path == STDIN:
            raw: BinaryIO = stdin if stdin is not None else sys.stdin.buffer
            owned = False
        else:
            raw = open(path, "rb")
            owned = True
    except OSError as err:
        rep.fatal(_os_message(err))
        return
    stream: BinaryIO | None = None
    handed_over = False
    try:
        try:
            head = _read_head(raw)
        except OSError as err:
            rep.fatal(_os_message(err))
            return
        stream = cast(BinaryIO, io.BufferedReader(_Prefixed(head, raw, owned)))
        utf16 = head.startswith(_BOMS_UTF16)
        if len(head) < HEAD_SIZE and not _decode_head(head).strip():
            rep.fatal("empty file")
            return
        if not utf16 and b"\x00" in head:
            rep.fatal("binary file, not text")
            return
        detected = fmt is None
        fmt = fmt if fmt is not None else detect_format(path, head)
        if fmt in (Format.TEXT, Format.MARKDOWN):
            if owned and raw.seekable():
                # Reopen lazily: an iterator nobody consumes then holds no file open.
                stream.close()
                lines = _lazy_lines(path, rep, utf16)
            else:
                lines = _lines(stream, rep, utf16)
            handed_over = True
            # Document.lines is typed as a list; text files stream it instead.
            yield Document(path=name, lines=cast("list[str]", lines), start_line=1, segment=True)
        elif fmt is Format.JSONL:
            yield from _read_jsonl(_lines(stream, rep, utf16), name, columns, rep)
        elif fmt is Format.CSV:
            yield from _read_csv(_lines(stream, rep, utf16), name, columns, rep)
        else:
            try:
                data = stream.read()
            except OSError as err:
                rep.fatal(_os_message(err))
                return
            if fmt is Format.HTML:
                yield from _read_html(data, name, rep)
            elif fmt is Format.JSON:
                yield from _read_json(data, name, columns, rep, detected)
            else:
                yield from _read_feed(data, name, rep)
    finally:
        if not handed_over:
            if stream is not None:
                stream.close()
            elif owned:
                raw.close()


def _lazy_lines(path: str, rep: _Reporter, utf16: bool) -> Iterator[str]:
    try:
        stream = open(path, "rb")
    except OSError as err:
        rep.fatal(_os_message(err))
        return
    yield from _lines(cast(BinaryIO, stream), rep, utf16)


def _lines(stream: BinaryIO, rep: _Reporter, utf16: bool = False) -> Iterator[str]:
    """Decoded lines without their endings (``\\n``, ``\\r\\n`` or ``\\r``), one item
    per line of the file, so that counting items counts file lines. Closes
    ``stream`` when done."""
    number = 0
    try:
        if utf16:
            text = io.TextIOWrapper(stream, encoding="utf-16", errors="replace", newline=None)
            for line in text:
                number += 1
                yield line.removesuffix("\n")
            return
        bad = False
        first = True
        # UTF-8 never uses the bytes of "\n" or "\r" inside a character, so splitting
        # the bytes first is safe.
        for raw in stream:
            if first:
                raw = raw.removeprefix(codecs.BOM_UTF8)
                first = False
            raw = raw.removesuffix(b"\n").removesuffix(b"\r")
            for part in raw.split(b"\r") if b"\r" in raw else (raw,):
                number += 1
                try:
                    line = part.decode("utf-8")
                except UnicodeDecodeError:
                    line = part.decode("utf-8", errors="replace")
                    if not bad:
                        bad = True
                        rep.warn(f"invalid UTF-8 on line {number}, replaced", number)
                yield line
    except OSError as err:
        rep.fatal(_os_message(err), number + 1)
    finally:
        stream.close()


def _decode(data: bytes, rep: _Reporter, encoding: str | None = None) -> str:
    """Whole-file decoding, with the same repair and warning as ``_lines``."""
    if data.startswith(_BOMS_UTF16):
        return data.decode("utf-16", errors="replace")
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad_line = data.count(b"\n", 0, err.start) + 1
    if encoding is not None:
        # A page that declares another charset is not broken UTF-8.
        try:
            if codecs.lookup(encoding).name != "utf-8":
                return data.decode(encoding, errors="replace")
        except LookupError:
            pass
    rep.warn(f"invalid UTF-8 on line {bad_line}, replaced", bad_line)
    return data.decode("utf-8", errors="replace")


def _split_lines(text: str) -> list[str]:
    """Lines of an extracted text, without the blank lines around it."""
    lines = [line.rstrip() for line in re.split(r"\r\n|\r|\n", text)]
    kept = [i for i, line in enumerate(lines) if line.strip()]
    return lines[kept[0] : kept[-1] + 1] if kept else []


# --- HTML ----------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"<meta[^<>]{0,300}?charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)


def _read_html(data: bytes, name: str, rep: _Reporter) -> Iterator[Document]:
    charset = _META_CHARSET.search(data[:HEAD_SIZE])
    text = _decode(data, rep, charset.group(1).decode("ascii") if charset else None)
    try:
        import trafilatura
    except ImportError as err:
        # An installation problem, but reported per file so that the other formats
        # are still read. (trafilatura 2 needs lxml_html_clean with lxml >= 5.2.)
        rep.fatal(f"cannot read HTML: trafilatura failed to import ({err})")
        return
    try:
        result = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            # Only dates the page's markup states: a date guessed from the body text
            # is not publication metadata. max_date allows pages dated ahead of the
            # machine's clock.
            date_extraction_params={
                "extensive_search": False,
                "original_date": True,
                "outputformat": "%Y-%m-%d",
                "max_date": "2099-12-31",
            },
        )
    except Exception as err:  # a third-party parser on untrusted input
        rep.fatal(f"could not parse HTML ({type(err).__name__}: {err})")
        return
    body = getattr(result, "text", None) or ""
    if len(body.split()) < MIN_ARTICLE_WORDS:
        rep.fatal("no article text found")
        return
    yield Document(
        path=name,
        lines=_split_lines(body),
        start_line=1,
        title=_clean_inline(getattr(result, "title", None)),
        published=_parse_published(getattr(result, "date", None)),
        url=_clean_inline(getattr(result, "url", None)),
        outlet=_clean_inline(getattr(result, "sitename", None)),
        segment=False,
    )


# Bounded attribute runs keep the search linear on text full of "<p" with no ">".
_TAG = re.compile(
    r"<(?:p|br|div|span|a|b|i|em|strong|h[1-6]|ul|ol|li|blockquote|figure|img|table|tr|td)\b[^<>]{0,500}>"
    r"|</[a-z][a-z0-9]*>",
    re.I,
)
_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol blockquote figure figcaption table tr pre "
    "section article header footer aside dd dt".split()
)


def _looks_like_html(text: str) -> bool:
    return "<" in text and _TAG.search(text) is not None


def _html_to_text(markup: str) -> str:
    """Text of an HTML fragment, one line per block element."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return html.unescape(re.sub(r"<[^<>]*>", " ", markup))
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "br" or element.tag in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
        if element.tag in _BLOCK_TAGS:
            element.text = "\n" + (element.text or "")
    text = "".join(root.itertext())
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _clean_inline(value: str | None) -> str | None:
    """A one-line metadata value (title, url, outlet): tags stripped, spaces collapsed."""
    if value is None:
        return None
    if _looks_like_html(value):
        value = _html_to_text(value)
    value = " ".join(value.split())
    return value or None


# --- feeds ---------------------------------------------------------------------------

_ENTRY_TAG = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>/]")


def _read_feed(data: bytes, name: str, rep: _Reporter) -> Iterator[Document]:
    import feedparser

    try:
        # A stream, not bytes or str: feedparser fetches strings that look like URLs.
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as err:  # a third-party parser on untrusted input
        rep.fatal(f"could not parse feed ({type(err).__name__}: {err})")
        return
    entries = parsed.get("entries") or []
    reason = parsed.get("bozo_exception") if parsed.get("bozo") else None
    outlet = _clean_inline(parsed.get("feed", {}).get("title"))
    starts = _entry_lines(data, len(entries))
    documents: list[Document] = []
    skipped: list[int | None] = []
    for index, entry in enumerate(entries):
        line = starts[index] if starts else None
        title = _clean_inline(entry.get("title"))
        text = _entry_text(entry)
        if not text and not title:
            skipped.append(line)
            continue
        documents.append(
            Document(
                path=name,
                lines=_split_lines(text) if text else [title or ""],
                start_line=line or 1,
                title=title,
                published=_entry_date(entry),
                url=_clean_inline(entry.get("link")),
                outlet=outlet,
                segment=False,
                line_step=0,
            )
        )
    if not documents:
        if reason is not None:
            rep.fatal(f"broken feed XML: {_exception_text(reason)}", _feed_line(data, reason))
        elif entries:
            rep.fatal(f"no usable entries ({len(entries)} without title or text)")
        elif not parsed.get("version"):
            rep.fatal("not an RSS or Atom feed")
        else:
            rep.fatal("feed has no entries")
        return
    if reason is not None:
        # feedparser's lenient parser recovered entries from XML that is not well-formed.
        rep.warn(
            f"feed XML is not well-formed ({_exception_text(reason)}); "
            f"read {len(documents)} entries anyway",
            _feed_line(data, reason),
        )
    for line in skipped:
        rep.warn("feed entry has no title or text; skipped", line)
    yield from documents


def _entry_text(entry: Mapping[str, Any]) -> str:
    candidates = [c.get("value") or "" for c in entry.get("content") or []]
    candidates.append(entry.get("summary") or "")
    best = max(candidates, key=len)
    return _html_to_text(best) if _looks_like_html(best) else best.strip()


def _entry_date(entry: Mapping[str, Any]) -> str | None:
    # The date as the feed printed it keeps the publisher's local day;
    # feedparser's *_parsed fields are converted to UTC.
    for key in ("published", "updated", "created"):
        found = _parse_published(entry.get(key))
        if found:
            return found
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return dt.date(*parsed[:3]).isoformat()
            except (TypeError, ValueError):
                continue
    return None


def _entry_lines(data: bytes, count: int) -> list[int] | None:
    """The line where each ``<item>``/``<entry>`` starts, if they can be matched up
    one to one with feedparser's entries."""
    text = data.decode("utf-16" if data.startswith(_BOMS_UTF16) else "utf-8", errors="replace")
    starts = [m.start() for m in _ENTRY_TAG.finditer(text)]
    if len(starts) != count:
        return None
    return _offsets_to_lines(text, starts)


def _feed_line(data: bytes, err: BaseException) -> int | None:
    """The line of the original file where the XML parser gave up, when it can be
    known: feedparser adds an XML declaration line to a document without one, and
    rewrites DOCTYPEs."""
    get_line = getattr(err, "getLineNumber", None)
    try:
        line = int(get_line()) if callable(get_line) else None
    except (TypeError, ValueError):
        return None
    head = _decode_head(data[:HEAD_SIZE])
    if line is None or "<!doctype" in head.lower():
        return None
    if not head.startswith("<?xml"):
        line -= 1
    return line if line >= 1 else None


def _exception_text(err: BaseException) -> str:
    get_message = getattr(err, "getMessage", None)
    text = get_message() if callable(get_message) else str(err)
    return str(text) or type(err).__name__


def _offsets_to_lines(text: str, offsets: Iterable[int]) -> list[int]:
    """1-based line numbers of increasing character offsets."""
    lines: list[int] = []
    line, position = 1, 0
    for offset in offsets:
        line += text.count("\n", position, offset)
        position = offset
        lines.append(line)
    return lines


# --- records: JSON, JSON Lines, CSV --------------------------------------------------


def _norm(key: str) -> str:
    return re.sub(r"[^0-9a-z]", "", key.lower())


_ALIASES_NORM = {name: tuple(_norm(a) for a in names) for name, names in FIELD_ALIASES.items()}


def _parse_int(digits: str) -> int | float:
    # int() refuses more than 4300 digits; such a "number" is no date or text.
    return int(digits) if len(digits) <= 4000 else float("inf")


class _Fields:
    """Which keys of a record hold each of claimtrack's fields."""

    def __init__(self, columns: Mapping[str, str]):
        self.columns = columns

    def keys(self, record: Mapping[str, Any], name: str) -> list[str]:
        """The record's keys for ``name``, best first: the user's column if they
        named one, else the known aliases."""
        index: dict[str, str] = {}
        for key in record:
            if isinstance(key, str):
                index.setdefault(_norm(key), key)
        column = self.columns.get(name)
        if column is not None:
            if column in record:
                return [column]
            found = index.get(_norm(column))
            return [found] if found is not None else []
        return [index[a] for a in _ALIASES_NORM[name] if a in index]

    def candidates(self, record: Mapping[str, Any], name: str) -> list[tuple[str, Any]]:
        """(key, value) pairs for ``name`` with a value, best first. A column the
        user named with dots (``content.text``) is looked up as a path."""
        pairs = [(key, record[key]) for key in self.keys(record, name)]
        column = self.columns.get(name)
        if not pairs and column is not None and "." in column:
            pairs = [(column, _dotted(record, column))]
        return [(k, v) for k, v in pairs if not _is_empty(v)]


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


def _dotted(record: Mapping[str, Any], path: str) -> Any:
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _as_text(value: Any, name: str, key: str) -> tuple[str | None, str | None]:
    """A record value as text, or None and the reason it was ignored."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        text = "\n".join(value)  # a list of paragraphs
    elif isinstance(value, Mapping) and name == "outlet":
        inner = value.get("name") or value.get("title")  # e.g. {"id": …, "name": "…"}
        if not isinstance(inner, str):
            return None, f"field {key!r} is an object without a name; ignored"
        text = inner
    else:
        kind = _kind(value)
        return None, f"field {key!r} is {kind}, not text; ignored"
    if _SURROGATE.search(text):
        # "\ud800" escapes in JSON decode to lone surrogates, which cannot be written out.
        text = text.encode("utf-8", errors="replace").decode("utf-8")
    if _looks_like_html(text):
        text = _html_to_text(text)
    return text.strip() or None, None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


_SLASHED = re.compile(r"^\s*((?:19|20)\d\d)[/.](\d{1,2})[/.](\d{1,2})\b")


def _parse_published(value: Any) -> str | None:
    """An ISO ``YYYY-MM-DD`` date from a metadata value, or None if it is no date.

    Only years 1900-2099 count, as in ``dates.find_dates``: "0001-01-01" in an
    export is a placeholder, and would push relative dates off the calendar.

    >>> _parse_published("Sat, 14 Mar 2026 08:30:00 GMT")
    '2026-03-14'
    """
    found = _published_date(value)
    return found if found is not None and "1900" <= found[:4] <= "2099" else None


def _published_date(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return _from_timestamp(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 200:
        return None  # a field that long is no date, and date patterns need not scan it
    if text.isdigit() and len(text) >= 9:
        return _from_timestamp(int(text[:15]))
    found = as_date(text)  # ISO, the day as written whatever the time zone
    if found is not None:
        return found.isoformat()
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    slashed = _SLASHED.match(text)
    if slashed:
        try:
            return dt.date(*(int(g) for g in slashed.groups())).isoformat()
        except ValueError:
            return None
    when = parse_date(text)
    # A month or a year alone is not a publication day.
    return when.date if when is not None and when.precision is Precision.DAY else None


def _from_timestamp(value: float) -> str | None:
    """Unix seconds (or milliseconds) from 1973 to 2100 -> ISO date; else None."""
    try:
        value = float(value)
    except OverflowError:  # an integer too large for a float: no date
        return None
    if not math.isfinite(value):
        return None
    seconds = value / 1000 if value >= 1e11 else value
    if not 1e8 <= seconds <= 4.1e9:
        return None
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date().isoformat()


def _record_document(
    record: Mapping[str, Any], line: int | None, name: str, fields: _Fields, rep: _Reporter
) -> Document | None:
    found: dict[str, str | None] = {}
    for field_name in ("title", "text", "url", "outlet"):
        found[field_name] = None
        for key, raw in fields.candidates(record, field_name):
            text, reason = _as_text(raw, field_name, key)
            if reason is not None:
                rep.warn(reason, line)
            if text:
                found[field_name] = text
                break
    published = next(
        (p for _, raw in fields.candidates(record, "published") if (p := _parse_published(raw))),
        None,
    )
    title = " ".join(found["title"].split()) if found["title"] else None
    text = found["text"]
    if not text and not title:
        rep.warn("record has no text or title; skipped", line)
        return None
    return Document(
        path=name,
        lines=_split_lines(text) if text else [title or ""],
        start_line=line if line is not None else 1,
        title=title,
        published=published,
        url=_clean_inline(found["url"]),
        outlet=_clean_inline(found["outlet"]),
        segment=False,
        line_step=0,
    )


def _json_error(err: json.JSONDecodeError, hint: bool = False) -> str:
    message = f"invalid JSON: {err.msg} (column {err.colno})"
    if hint and err.msg == "Extra data":
        message += "; one object per line is JSON Lines, read with the jsonl format"
    return message


def _read_jsonl(
    lines: Iterator[str], name: str, columns: Mapping[str, str], rep: _Reporter
) -> Iterator[Document]:
    fields = _Fields(columns)
    seen = yielded = 0
    try:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            seen += 1
            try:
                record = json.loads(line, parse_int=_parse_int)
            except json.JSONDecodeError as err:
                rep.warn(_json_error(err), number)
                continue
            except RecursionError:
                rep.warn("JSON nested too deeply; skipped", number)
                continue
            if not isinstance(record, dict):
                rep.warn(f"record is {_kind(record)}, not an object; skipped", number)
                continue
            document = _record_document(record, number, name, fields, rep)
            if document is not None:
                yielded += 1
                yield document
    finally:
        _close(lines)
    _no_records(seen, yielded, rep)


def _no_records(seen: int, yielded: int, rep: _Reporter) -> None:
    if yielded:
        return
    if seen:
        rep.fatal(f"no usable records ({seen} skipped)")
    else:
        rep.fatal("no records found")


def _read_json(
    data: bytes, name: str, columns: Mapping[str, str], rep: _Reporter, detected: bool
) -> Iterator[Document]:
    fields = _Fields(columns)
    text = _decode(data, rep)
    try:
        value = json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as err:
        line_start = text.rfind("\n", 0, err.pos) + 1
        if detected and err.msg == "Extra data" and not text[line_start : err.pos].strip():
            # One complete value per line: JSON Lines that sniffing could not tell
            # apart (a bad line, or lines longer than the sniffed head).
            yield from _read_jsonl(iter(re.split(r"\r\n|\r|\n", text)), name, columns, rep)
        else:
            rep.fatal(_json_error(err, hint=not detected), err.lineno)
        return
    except RecursionError:
        rep.fatal("JSON nested too deeply")
        return
    records: list[Any]
    wrapper: str | None = None
    if isinstance(value, list):
        records = value
    elif isinstance(value, dict):
        is_record = fields.candidates(value, "text") or fields.candidates(value, "title")
        wrapper = None
        if not is_record:  # a record may well have a "data" or "items" list of its own
            wrapper = next(
                (k for k in value if k.lower() in WRAPPER_KEYS and isinstance(value[k], list)),
                None,
            )
        records = value[wrapper] if wrapper is not None else [value]
    else:
        rep.fatal(f"JSON holds {_kind(value)}, not articles (an object or a list of objects)")
        return
    if isinstance(value, list) or wrapper is not None:
        offsets = _element_offsets(text, wrapper)
        starts = (
            _offsets_to_lines(text, offsets) if offsets and len(offsets) == len(records) else None
        )
    else:
        starts = [_offsets_to_lines(text, [len(text) - len(text.lstrip())])[0]]
    yielded = 0
    for index, record in enumerate(records):
        line = starts[index] if starts else None
        if not isinstance(record, dict):
            rep.warn(f"item {index + 1} is {_kind(record)}, not an object; skipped", line)
            continue
        document = _record_document(record, line, name, fields, rep)
        if document is not None:
            yielded += 1
            yield document
    _no_records(len(records), yielded, rep)


_WS = re.compile(r"[ \t\n\r]*")


def _element_offsets(text: str, key: str | None) -> list[int] | None:
    """Character offsets of the elements of the top-level array, or of the array
    under ``key`` in the top-level object. ``text`` is already known to be valid
    JSON; anything unexpected gives None (no line numbers) rather than an error."""
    scan = json.scanner.make_scanner(cast(Any, json.JSONDecoder(parse_int=_parse_int)))

    def skip(i: int) -> int:
        match = _WS.match(text, i)
        return match.end() if match else i

    try:
        i = skip(0)
        if key is not None:
            if text[i] != "{":
                return None
            i = skip(i + 1)
            while True:
                name, i = scan(text, i)
                i = skip(i)
                if text[i] != ":":
                    return None
                i = skip(i + 1)
                if name == key:
                    break
                _, i = scan(text, i)
                i = skip(i)
                if text[i] != ",":
                    return None
                i = skip(i + 1)
        if text[i] != "[":
            return None
        i = skip(i + 1)
        offsets: list[int] = []
        if text[i] == "]":
            return offsets
        while True:
            offsets.append(i)
            _, i = scan(text, i)
            i = skip(i)
            if text[i] == "]":
                return offsets
            if text[i] != ",":
                return None
            i = skip(i + 1)
    except (StopIteration, IndexError, ValueError, RecursionError):
        return None


def _read_csv(
    lines: Iterator[str], name: str, columns: Mapping[str, str], rep: _Reporter
) -> Iterator[Document]:
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    fields = _Fields(columns)
    seen = yielded = 0
    skipped = 0  # blank lines before the header, which the csv reader never sees
    try:
        for first in lines:
            if first.strip():
                break
            skipped += 1
        else:
            rep.fatal("no CSV header")
            return
        # csv needs the line endings back to keep newlines inside quoted fields.
        reader = csv.reader(
            (line + "\n" for line in _chain_one(first, lines)), delimiter=_csv_delimiter(first)
        )
        try:
            header = [cell.strip() for cell in next(reader)]
            probe = dict.fromkeys(header, "x")
            found = ", ".join(h for h in header if h) or "none"
            if not fields.keys(probe, "text") and not fields.keys(probe, "title"):
                named = [repr(columns[n]) for n in ("text", "title") if n in columns]
                wanted = " or ".join(named) if named else "text or title"
                rep.fatal(f"no {wanted} column (found: {found})", skipped + 1)
                return
            if not fields.keys(probe, "text"):
                rep.warn(f"no text column (found: {found}); reading headlines only", skipped + 1)
            previous = reader.line_num
            for row in reader:
                line, previous = skipped + previous + 1, reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                seen += 1
                record = dict(zip(header, row, strict=False))
                document = _record_document(record, line, name, fields, rep)
                if document is not None:
                    yielded += 1
                    yield document
        except csv.Error as err:
            message = f"invalid CSV: {err}; stopped reading"
            if yielded:
                rep.warn(message, skipped + reader.line_num)
            else:
                rep.fatal(message, skipped + reader.line_num)
            return
    finally:
        _close(lines)
    _no_records(seen, yielded, rep)


def _close(lines: Iterator[str]) -> None:
    """Close a line generator early, so that its file is closed now."""
    close = getattr(lines, "close", None)
    if callable(close):
        close()


def _chain_one(item: str, rest: Iterator[str]) -> Iterator[str]:
    yield item
    yield from rest

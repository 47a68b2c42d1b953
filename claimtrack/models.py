"""Plain data passed between the pipeline stages.

sources -> Document -> (segment) -> Article -> (extract) -> Statement -> (link) -> Link

Every stage between reading files and writing the database takes and returns these
dataclasses, so each stage can be tested with plain strings and no database.
Line numbers are always 1-based lines of the *original* input file, so that a user can
open the file at the line a statement came from.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

# Bump when the way ids are computed changes, so that a change is detectable
# (the same idea as llm's HASH_PREFIX).
ID_PREFIX = "c1"


def content_id(*parts: str | int | None, length: int = 16) -> str:
    """A short stable id from content, e.g. ``content_id("a", 1) -> 'c1…'``."""
    h = hashlib.sha256()
    for part in parts:
        h.update(b"\x1f")
        h.update(str(part if part is not None else "").encode("utf-8"))
    return ID_PREFIX + h.hexdigest()[: length - len(ID_PREFIX)]


class Stance(str, enum.Enum):
    """Which way a statement leans on the proposition it carries."""

    ASSERTS = "asserts"
    DENIES = "denies"
    DOUBTS = "doubts"
    RETRACTS = "retracts"
    CONFIRMS = "confirms"


class Precision(str, enum.Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class When:
    """A calendar date with how precisely it is known. ``date`` is ISO ``YYYY-MM-DD``
    (for month/year precision the first day of the period)."""

    date: str
    precision: Precision = Precision.DAY

    def iso(self) -> str:
        return self.date


@dataclass
class Document:
    """One input record before segmentation: a text file, a JSON record, a feed entry,
    an HTML page. ``lines`` are the original text lines; ``start_line`` is the line of
    ``path`` where ``lines[0]`` stands. ``segment`` says whether the text may hold
    several glued articles (plain-text dumps) or is exactly one article. ``line_step``
    says how the text's lines map onto the file's (see the field)."""

    path: str
    lines: Iterable[str]  # text files give a lazy iterator: dumps are streamed
    start_line: int = 1
    title: str | None = None
    published: str | None = None  # ISO date from metadata
    url: str | None = None
    outlet: str | None = None
    segment: bool = True
    # 1: lines[i] stands at file line start_line + i (text files). 0: every line of the
    # text belongs to the record at start_line (a JSON Lines/CSV row, a feed item).
    line_step: int = 1


@dataclass
class Article:
    """One real article cut out of a Document.

    ``body`` holds the lines used for extraction: ``(line_number, text)`` with
    boilerplate (share buttons, "Recommended Stories", photo captions...) removed,
    line numbers still those of the original file.
    """

    path: str
    start_line: int
    end_line: int
    body: list[tuple[int, str]]
    title: str | None = None
    published: str | None = None  # ISO YYYY-MM-DD or None
    published_source: str | None = None  # "text" | "metadata" | "inferred" | None
    published_precision: str | None = None  # "day" | "month" | "year" | None
    url: str | None = None
    outlet: str | None = None
    raw_lines: list[str] = field(default_factory=list)  # original lines start..end

    @property
    def text(self) -> str:
        return "\n".join(t for _, t in self.body)


@dataclass
class Statement:
    """An attributed statement: who said what, when, and which way."""

    speaker: str
    stance: Stance
    cue: str
    text: str  # the sentence(s) as printed
    line: int  # 1-based original line where ``text`` starts
    quote: str | None = None
    side: str | None = None
    role: str | None = None
    date: str | None = None
    date_precision: str | None = None
    kind: str = "reported"  # "direct" | "reported" | "according_to" | "nominal"
    explain: list[str] = field(default_factory=list)


@dataclass
class Claim:
    name: str
    description: str
    keywords: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)

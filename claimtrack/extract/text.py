"""Quotes, tokens and sentences of one paragraph."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from claimtrack.dates import TimeExpr

MASK = "\x01"


_APOS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation in a paragraph: ``start`` is the opening mark, ``end`` is just after
    the closing mark (or the paragraph end when the quote is left open)."""

    start: int
    end: int
    closed: bool = True

    def inner(self, text: str) -> str:
        a = self.start + 1
        b = self.end - 1 if self.closed else self.end
        return text[a:b].strip().rstrip(",")


_DOUBLE = '“”"„«»'


_OPEN_GLYPH = "“„«"


_CLOSE_GLYPH = "”»"


_DOUBLE_RE = re.compile('[“”"„«»]')


_SINGLE_RE = re.compile("[‘’']")


_OPEN_BEFORE = " \t([{—–-/"


_CLOSE_AFTER = " \t.,;:!?)]}—–-…"


def find_quotes(text: str) -> tuple[list[QuoteSpan], list[str]]:
    """Quote spans of one paragraph and warnings about marks that did not pair.

    >>> [text[q.start:q.end] for text in ['He said “yes” and ”no“.'] for q in find_quotes(text)[0]]
    ['“yes”', '”no“']
    """
    marks = [m.start() for m in _DOUBLE_RE.finditer(text)]
    if not marks:
        return _single_quotes(text), []
    spans: list[QuoteSpan] = []
    warnings: list[str] = []
    open_at: int | None = None
    n = len(text)
    for i in marks:
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < n else " "
        opening = prev in _OPEN_BEFORE and nxt not in " \t"
        closing = prev not in " \t" and (nxt in _CLOSE_AFTER or i + 1 == n)
        if opening == closing:  # context says nothing: the glyph decides
            c = text[i]
            if c in _OPEN_GLYPH:
                opening, closing = True, False
            elif c in _CLOSE_GLYPH:
                opening, closing = False, True
            else:
                opening, closing = open_at is None, open_at is not None
        if opening:
            if open_at is not None:
                warnings.append(f"quote mark at {open_at} never closed; ignored")
            open_at = i
        elif open_at is None:
            warnings.append(f"closing quote mark at {i} without an opening one; ignored")
        else:
            spans.append(QuoteSpan(open_at, i + 1))
            open_at = None
    if open_at is not None:
        spans.append(QuoteSpan(open_at, n, closed=False))
    return spans, warnings


def _is_heading(text: str) -> bool:
    """A subheading or headline: short, no final punctuation (or a question)."""
    t = text.strip()
    words = t.split()
    if len(words) > 14 or _DOUBLE_RE.search(t):
        return False
    if t.endswith("?"):
        return True
    return t[-1] not in ".!:;,”\"’')…"


def _single_quotes(text: str) -> list[QuoteSpan]:
    """‘…’ quotes in a paragraph without double quotes. An apostrophe inside a word
    (don’t) or after a plural s (countries’ leaders) is not a closing mark."""
    spans: list[QuoteSpan] = []
    if "‘" not in text and "'" not in text:
        return spans  # no opening mark: every ’ is an apostrophe
    open_at: int | None = None
    n = len(text)
    for mm in _SINGLE_RE.finditer(text):
        i = mm.start()
        c = text[i]
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if prev.isalnum() and nxt.isalnum():
            continue  # don't, Putin’s
        if c in "‘'" and prev in _OPEN_BEFORE and nxt.isalnum() and open_at is None:
            open_at = i
        elif c in "’'" and open_at is not None and not prev.isspace():
            if prev in "sS" and nxt == " " and i + 2 < n and text[i + 2].islower():
                continue  # countries’ leaders
            if nxt.isalnum():
                continue
            spans.append(QuoteSpan(open_at, i + 1))
            open_at = None
    return spans


class Tok:
    """A token of the masked paragraph (a whole quotation is one token)."""

    __slots__ = ("cap", "end", "low", "quote", "start", "text")

    def __init__(self, text: str, start: int, end: int, low: str, quote: bool = False):
        self.text = text
        self.start = start
        self.end = end
        self.low = low  # lower-case, straight apostrophes ("" for a quotation)
        self.quote = quote
        self.cap = text[:1].isupper() and not quote

    def __repr__(self) -> str:
        return f"Tok({self.text!r})"


_ABBREV = (
    "Gov|Sen|Rep|Gen|Lt|Col|Maj|Capt|Adm|Sgt|Dr|Mr|Mrs|Ms|Prof|St|Jr|Sr|No|Co|Inc|Ltd|Corp|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|Gens|Reps|Sens|Messrs|vs|etc"
)


_TOKEN = re.compile(MASK + r"+|\w+(?:[’'\-&.]\w+)*(?:[’']s?)?|[^\w\s]")


_ABBREV_SET = frozenset(_ABBREV.lower().split("|"))


_INITIALS = re.compile(r"^(?:[A-Z]\.)+[A-Z]$")


# A run of end marks is tried once, from its first mark, and never backtracked into: a
# line of 100,000 dots or exclamation marks is scanned in linear time.
_SENT_END = re.compile(
    r"(?<![.!?…])[.!?…]++[)\]’']*+(?=\s++[(\[\"“‘" + MASK + r"]*[A-Z0-9" + MASK + r"])"
)


_NO_SPLIT_BEFORE = re.compile(
    r"(?:\b(?:" + _ABBREV + r")|(?<!\bon )(?<!\bto )\b[A-Z]|(?:[A-Z]\.)+[A-Z])$"
)  # an initial, but not "posted on X."


class Sentence:
    """One sentence of a paragraph (offsets into the paragraph). Its tokens are made on
    first use: most narration sentences are never tokenised."""

    __slots__ = ("_starts", "_toks", "end", "masked", "quotes", "start", "text", "times")

    def __init__(
        self, start: int, end: int, quotes: list[QuoteSpan], text: str, masked: str
    ) -> None:
        self.start = start
        self.end = end
        self.quotes = quotes
        self.text = text  # the paragraph's text and masked text
        self.masked = masked
        self.times: list[TimeExpr] | None = None  # time expressions, found on first use
        self._toks: list[Tok] | None = None
        self._starts: list[int] = []

    @property
    def toks(self) -> list[Tok]:
        if self._toks is None:
            self._toks = _tokenize(self.text, self.masked, self.start, self.end)
            self._starts = [t.start for t in self._toks]
        return self._toks

    @property
    def starts(self) -> list[int]:
        if self._toks is None:
            _ = self.toks
        return self._starts


def _tokenize(text: str, masked: str, start: int, end: int) -> list[Tok]:
    toks: list[Tok] = []
    append = toks.append
    # lower-case the sentence once; per token when lowering changes lengths or depends
    # on the word (the Greek final sigma)
    lowered = masked[start:end].lower().replace("’", "'")
    whole = len(lowered) == end - start and "Σ" not in masked[start:end]
    for m in _TOKEN.finditer(masked, start, end):
        a, b = m.span()
        c = masked[a]
        if c == MASK:
            append(Tok(text[a:b], a, b, "", True))
        elif (
            c == "."
            and toks
            and toks[-1].end == a
            and (toks[-1].low in _ABBREV_SET or _INITIALS.match(toks[-1].text))
        ):
            prev = toks[-1]  # "Gov.", "U.S.": the full stop belongs to the word
            toks[-1] = Tok(prev.text + ".", prev.start, b, prev.low + ".")
        elif whole:
            append(Tok(masked[a:b], a, b, lowered[a - start : b - start]))
        else:
            low = masked[a:b].lower()
            append(Tok(masked[a:b], a, b, low.replace("’", "'") if "’" in low else low))
    return toks


@dataclass
class Paragraph:
    line: int
    text: str
    masked: str
    quotes: list[QuoteSpan]
    warnings: list[str]
    sentences: list[Sentence]


def _mask(text: str, quotes: Sequence[QuoteSpan]) -> str:
    if not quotes:
        return text
    parts = []
    pos = 0
    for q in quotes:
        parts.append(text[pos : q.start])
        parts.append(MASK * (q.end - q.start))
        pos = q.end
    parts.append(text[pos:])
    return "".join(parts)


def split_paragraph(line: int, text: str) -> Paragraph:
    """Quotes, masked text, tokens and sentences of one paragraph."""
    quotes, warnings = find_quotes(text)
    masked = _mask(text, quotes)
    bounds = []
    for m in _SENT_END.finditer(masked):
        if m.group(0)[0] == "." and _NO_SPLIT_BEFORE.search(
            masked, max(0, m.start() - 12), m.start()
        ):
            continue
        bounds.append(m.end())
    for q in quotes:  # a quote ending a sentence: ... happened.” He said
        if q.closed and text[q.end - 2 : q.end - 1] in (".", "!", "?", "…"):
            rest = text[q.end :]
            stripped = rest.lstrip()
            if (
                stripped
                and rest[:1].isspace()
                and (stripped[0].isupper() or stripped[0] in _DOUBLE)
            ):
                bounds.append(q.end)
    bounds = sorted(set(bounds))
    sentences = []
    start = 0
    qi = 0  # quotes are in text order: hand them out in one pass
    for b in [*bounds, len(text)]:
        if b <= start:
            continue
        squotes = []
        while qi < len(quotes) and quotes[qi].start < b:
            if quotes[qi].start >= start:
                squotes.append(quotes[qi])
            qi += 1
        chunk = text[start:b]
        lead = len(chunk) - len(chunk.lstrip())
        sentences.append(Sentence(start + lead, b, squotes, text, masked))
        start = b
    return Paragraph(line, text, masked, quotes, warnings, sentences)


def _is_acronym(word: str) -> bool:
    """ "FARDC", "MoH", "AFC/M23": letters with at least two capitals, no more than 8."""
    return (
        2 <= len(word) <= 8
        and word[0].isupper()
        and sum(ch.isupper() for ch in word) >= 2
        and word.replace("/", "").replace("-", "").isalnum()
    )


def _strip_poss(word: str) -> str:
    return word[:-2] if word.endswith(("’s", "'s")) else word


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)

"""Attributed statements in an article: who said what, when, and which way.

Rules and lexicons, no parser and no model (textacy's ``direct_quotations`` is the
model for the shape; its limits are lifted where a rule can do it). Per paragraph:

1. **Quotes.** Double quote marks are paired by context, not by glyph, so a reversed
   pair (``”word“``) still pairs, an apostrophe (``don’t``, ``countries’``) is never a
   quote mark, and an unbalanced mark costs one span, never the paragraph. A quote
   left open at the end of a paragraph runs to its end (the convention for quotes
   that continue in the next paragraph). Single quotes count only in paragraphs
   without double quotes.
2. **Sentences**, never split inside a quote.
3. **Cues.** Every speech verb of ``data/speech_verbs.toml`` found *outside* quotes is
   a candidate; its speaker is the noun phrase before it (skipping auxiliaries,
   adverbs, appositives and relative pronouns), or after it for inversions
   (``"…," said the minister``). "-ing" forms after a comma continue the main
   statement's speaker. Plus ``according to X``, nominal forms
   (``Russia's allegation that …``), ``quoted X as saying``, ``the statement read``,
   lead-in colons (``From the chairwoman: "…"``) and dash attributions
   (``"…" – Commissioner X``).
4. **Speakers** go through ``actors.SpeakerContext``: titles and nationality words
   are stripped, surnames and pronouns go back to the person named earlier, capitals
   stand for their governments.
5. **Stance** comes from the cue verb and from the cue phrases of
   ``data/stance_cues.toml`` found in the statement's own words, negation handled.
6. **Date**: a time expression attached to the speech act (fronted, between subject
   and verb, or right after the verb and its channel); else inherited from the same
   speaker's previous statement in the paragraph; else the publication date.

A paragraph that is only a quote continues the previous paragraph's speaker. One
statement is kept per (speaker, cue) per paragraph, as the gold annotation does.

Every decision appends a short reason to ``Statement.explain``. Does not extract:
statements whose speaker is only identifiable from world knowledge, or speech acts
expressed without any listed verb or noun.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

from .actors import Actor, Registry, SpeakerContext, default_registry, fold
from .dates import TimeExpr, as_date, find_dates, find_times
from .lexicon import Lexicon, load_lexicon
from .models import Article, Stance, Statement

MASK = "\x01"
_APOS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})

# ------------------------------------------------------------------ quotes


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


# ------------------------------------------------------------------ tokens, sentences


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
_NO_SPLIT_BEFORE = re.compile(r"(?:\b(?:" + _ABBREV + r")|\b[A-Z]|(?:[A-Z]\.)+[A-Z])$")


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


# ------------------------------------------------------------------ compiled rules


def _phrase_re(phrase: str) -> str:
    out = []
    for w in phrase.split():
        if w == "*":
            out.append(r"(?:[\w’'\-]+\s+){0,2}?")
            continue
        out.append(re.escape(w).replace("'", "['’]") + r"\s+")
    return "".join(out)[: -len(r"\s+")] if out[-1].endswith(r"\s+") else "".join(out)


def _match_words(toks: Sequence[Tok], i: int, words: tuple[str, ...]) -> int:
    """End index (exclusive) of ``words`` matched at token ``i``, or 0. ``*`` matches
    zero to two tokens."""
    n = len(toks)
    for k, w in enumerate(words):
        if w == "*":
            rest = words[k + 1 :]
            for skip in range(3):
                end = _match_words(toks, i + skip, rest) if rest else i + skip
                if end:
                    return end
            return 0
        if i >= n or toks[i].low != w:
            return 0
        i += 1
    return i


def _match_seq(words: Sequence[str], i: int, seq: tuple[str, ...]) -> int:
    """Like ``_match_words`` on plain lower-case words."""
    n = len(words)
    for k, w in enumerate(seq):
        if w == "*":
            rest = seq[k + 1 :]
            for skip in range(4):
                end = _match_seq(words, i + skip, rest) if rest else i + skip
                if end:
                    return end
            return 0
        if i >= n or words[i] != w:
            return 0
        i += 1
    return i


def _word_index(phrases: Iterable[tuple[str, Any]]) -> dict[str, list[tuple[tuple[str, ...], Any]]]:
    """First word -> [(words, value)], longest first: phrases matched token by token."""
    index: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
    for phrase, value in phrases:
        words = tuple(phrase.split())
        index.setdefault(words[0], []).append((words, value))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


_ROLE_WORDS = {
    "sen.": "senator", "sen": "senator", "rep.": "representative", "rep": "representative",
    "gov.": "governor", "gov": "governor", "gen.": "general", "lt.": "lieutenant",
    "col.": "colonel", "maj.": "major", "capt.": "captain", "adm.": "admiral",
    "sgt.": "sergeant", "prof.": "professor", "pm": "prime minister",
}  # fmt: skip
_HONORIFICS = frozenset(("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."))


def _role(titles: Sequence[str]) -> str | None:
    """Title words as a role: abbreviations spelled out, honorifics dropped."""
    words = [_ROLE_WORDS.get(t, t) for t in titles if t not in _HONORIFICS]
    return " ".join(words) or None


def _title_index(titles: Iterable[str]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for t in sorted(titles, key=len, reverse=True):
        index.setdefault(t.split()[0].rstrip("."), []).append(t)
    return index


def _alternation(phrases: Iterable[str]) -> str:
    return "|".join(_phrase_re(p) for p in sorted(set(phrases), key=len, reverse=True))


@dataclass
class Rules:
    lexicon: Lexicon
    immune: frozenset[str]
    negators: frozenset[str]
    channel_re: re.Pattern[str]
    listeners: frozenset[str]
    between: frozenset[str]
    determiners: frozenset[str]
    modifiers: frozenset[str]
    generic: frozenset[str]
    documents: frozenset[str]
    excluded: frozenset[str]
    body_heads: frozenset[str]
    state_heads: frozenset[str]
    titles: frozenset[str]  # every word of every title
    title_index: dict[str, list[str]]
    particles: frozenset[str]
    claim_nouns: frozenset[str]
    cue_index: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    triggers: frozenset[str] = frozenset()  # words without which a sentence has no cue
    stance_index: dict[str, list[tuple[tuple[str, ...], Any]]] = field(default_factory=dict)
    mask_index: dict[str, list[tuple[tuple[str, ...], Any]]] = field(default_factory=dict)
    hedge_re: re.Pattern[str] | None = None
    # a capitalised word and two more, each capitalised or a name particle: the least a
    # "Title First Last" run needs (a shortcut; see _remember_titled)
    name_run_re: re.Pattern[str] | None = None


def rules_for(lexicon: Lexicon) -> Rules:
    """Patterns compiled once per lexicon (kept in ``lexicon.cache``)."""
    cached = lexicon.cache.get("rules")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    forms = set(lexicon.verbs) | set(lexicon.document_verbs)
    w = lexicon.words
    channel_re = re.compile(r"\s*(?:" + _alternation(w("channel.phrases")) + r")\b", re.I)
    titles = w("speaker.titles")
    rules = Rules(
        lexicon=lexicon,
        immune=lexicon.negation_immune,
        negators=lexicon.negators,
        channel_re=channel_re,
        listeners=w("channel.listeners"),
        between=frozenset(x for x in w("between.auxiliaries") if " " not in x),
        determiners=w("speaker.determiners"),
        modifiers=w("speaker.modifiers"),
        generic=w("speaker.generic"),
        documents=w("speaker.documents"),
        excluded=w("speaker.excluded"),
        body_heads=w("speaker.body_heads"),
        state_heads=w("speaker.state_heads"),
        titles=frozenset(x for t in titles for x in t.split() if x not in _FUNCTION_WORDS),
        title_index=_title_index(titles),
        particles=w("speaker.name_particles"),
        name_run_re=re.compile(
            r"[^\W\d_a-z]\S*(?:\s+(?:[^\W\d_a-z]\S*|(?:"
            + "|".join(re.escape(x) for x in sorted(w("speaker.name_particles")))
            + r")(?![\w'’-]))){2}"
        ),
        claim_nouns=lexicon.claim_nouns,
        cue_index=_word_index((f, f) for f in forms),
        triggers=frozenset(f.split()[0] for f in forms) | _SPECIAL_WORDS,
        stance_index=_word_index(
            (phrase, (stance, phrase))
            for stance in lexicon.priority
            for phrase in lexicon.cues.get(stance, ())
        ),
        mask_index=_word_index((phrase, phrase) for phrase in lexicon.masks),
        hedge_re=re.compile(
            r"^(?:\s*[\w’'.-]+){0,4}?[\s,;(–—-]{0,3}(?:" + _alternation(lexicon.hedges) + r")\b",
            re.I,
        )
        if lexicon.hedges
        else None,
    )
    lexicon.cache["rules"] = rules
    return rules


# Words that can open a sentence without being part of its subject.
_FUNCTION_CAPS = frozenset(
    """but and yet so or nor meanwhile however now also still instead indeed conversely then
    in on at as while when although though because if since despite following like unlike
    asked speaking according earlier later elsewhere alongside after before during until
    amid among with without from for by to of here there this that these those shortly hours
    days weeks months separately similarly likewise overall thus hence today yesterday
    tonight last next under over into onto upon within across against toward towards around
    ahead beyond near outside inside throughout what why how where which who whom whose
    whether once nearly almost about some many most each every all both either neither
    more less such other another another's""".split()
)
_PREPS = frozenset("of for at on in to from with".split())
_PLACE_NOUNS = frozenset(
    "region country city state province nation territory capital island enclave town".split()
)
_FUNCTION_WORDS = frozenset("of for at on in to from with the a an and".split())
_CONJ = frozenset(("and", "but", "or", "nor"))
_BE = frozenset("is are was were be been being".split())
_HAVE = frozenset("has have had".split())
_AMBIGUOUS = frozenset(
    """claims claim reports report states notes calls questions question doubts demands promises posts
    charges appeals cites cite identified proposed""".split()
)
_ATTACH_BEFORE = frozenset(
    ",;–—- after before while when by without and or also then thereby even".split()
)
_FRONTED = frozenset(
    """on in at earlier later late early last this speaking writing addressing after before
    during shortly hours days weeks meanwhile separately yesterday today tonight overnight
    asked responding then also since following""".split()
)
# Documents that speak for whoever issued them ("the statement read").
_ISSUED = frozenset(
    "statement post letter communique readout message tweet release declaration".split()
)
_ACADEMIC = frozenset(
    """studies study institute university college school centre center foundation think
    tank programme program research academy""".split()
)
_PRIVATE_HEADS = _ACADEMIC | frozenset(
    """association associations chamber company corporation firm ltd inc plc""".split()
)
# Words inside a generic speaker that keep it from speaking for a government:
# "local media", "independent media", "a club official", "a team spokesman"
_UNOFFICIAL_MARKS = frozenset(
    """independent private club clubs team teams company firm league""".split()
)
_ITS_ROLE = re.compile(r"(?:(?<=\s)|^)[Ii]ts\s+[a-z]+(?:\s+[a-z]+)?\s*,")
_PRESS = frozenset("media press outlets newspapers papers broadcasters".split())
_PARTISAN = frozenset(
    "allies supporters critics opponents rivals friends family relatives lawyers lawyer".split()
)
# Heads whose unqualified speaker does not speak for the country the article is about
# ("diplomats said", "a company said"); "the military", "an official" do.
_NOT_NATIONAL = frozenset(
    """diplomat diplomats company companies firm firms allies partners countries nations
    states members representatives group groups organisation organization organisations
    organizations community communities investors bloc alliance coalition""".split()
)
_NON_OFFICIAL = frozenset(
    """analyst analysts expert experts professor researcher researchers scholar scholars fellow
    economist economists correspondent journalist journalists reporter activist activists
    lawyer lawyers attorney attorneys doctor doctors director founder co-founder ceo host
    presenter resident residents witness witnesses protester protesters survivor survivors
    student students teacher worker workers volunteer volunteers member members observer
    observers critic critics campaigners people man woman boy girl child mother father
    farmer farmers community family families relatives expert's analyst's site website
    monitor think tank source sources team""".split()
)
_PRONOUNS = frozenset(("he", "she", "they", "it", "we", "i"))
_WORD = re.compile(r"[\w'-]+")
_LOW_WORD = re.compile(r"\b[a-z]+\b")
_POSS_END = re.compile(r"['’]s?$")
_SPACE_APOS = re.compile(r"\s+([’'])")
_CAP_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*")
_OWNER_BEFORE = re.compile(r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)['’]s\s+(?:[a-z-]+\s+){0,3}$")
_CAP_WORD = re.compile(r"\b[A-Z][\w-]*(?:['’]s\b)?")
# "Arlandia's opposition", "the president of Arlandia"
_NATION_OF = re.compile(
    r"\b(?P<x>[A-Z][a-z]{3,})['’]s (?P<hx>[a-z]+)\b"
    r"|\b(?:the )?(?P<hy>[a-z]+) of (?P<y>[A-Z][a-z]{3,})\b(?!['’-]| [A-Z])"
)
_REGION_OF = re.compile(
    r"\b([A-Z][\w-]+)\s+(?:state|province|region|district|county|city|town|prefecture|"
    r"governorate|oblast)\s+of\s+([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)"
)
_LOWER_LEAD = re.compile(r"(?:\b[a-z]+\s+){1,3}$")  # "commission trade " before a title
_COMPANY = re.compile(
    r"\b((?:[A-Z][\w&’'-]+\s+){1,3}(?:Chemicals|Industries|Holdings|Group|Ltd|Limited|Inc|"
    r"Corp|Corporation|Company|Pharmaceuticals|Motors|Mining|Petroleum|Airlines|Technologies|"
    r"Foods|Steel|Textiles|Logistics|Telecom|Bank|Plc|PLC|LLC|AG|SA))\b"
)
_CAP_RUN_OF = re.compile(r"[A-Z][\w’'\-]*(?:\s+(?:of\s+)?[A-Z][\w’'\-]*)*")
_IN_PLACE = re.compile(r"\bin\s+(?:the\s+)?([A-Z]\w+(?:\s[A-Z]\w+)?)(?:['’]s)?")
_POSS_PLACE = re.compile(r"\b(?:in|of|near|across)\s+([A-Z]\w+(?:\s[A-Z]\w+)?)['’]s\s+[A-Z]")
_LEAD_DET = re.compile(r"^(?:the|a|an)\s+")
_SPACES = re.compile(r"\s+")
_GAP_PUNCT = re.compile(r"[\s,;:–—-]*")
_GAP_END = re.compile(r"[:,]\s*$")
_GAP_THAT = re.compile(r"\b(?:that|whether|if)\b")
_CLAUSE_STOP = re.compile(r"[,;:–—(]|$")
_FAMILIAR = re.compile(
    r"\b((?:[Pp]eople|[Ss]ources|[Oo]fficials|[Aa] person|[Aa] source|[Aa]n official|"
    r"(?:[Tt]wo|[Tt]hree|[Ss]everal|[Mm]ultiple) (?:people|sources|officials))\s+"
    r"(?:familiar with|briefed on|with (?:direct )?knowledge of|close to|involved in)\s+"
    r"(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+)?)(?:,[^,]{0,80},)?"
    r"(?:\s+(?:have|has|had|also|previously|privately|separately))*\s*$"
)
_US_PARTY = re.compile(r"[RDI]-[A-Z][A-Za-z.]*\.?")
# Words that may follow a verb of saying and open what was said.
_CLAUSE_OPENERS = frozenset(
    """that the a an it its his her their this these those he she they we there in on to
    without no any some both""".split()
)
_GAP_EMBED = re.compile(r"\s*(?:that\s*)?")
_TIME_PREPS = frozenset(("", "on", "in", "late on", "early on", "earlier on", "late", "early"))
_SEG_SPLIT = re.compile(r",(?!\s*\d{4})")
_PLACE_AFTER = re.compile(r"\s*(?:in|at)\s+[A-Z][\w-]+(?:,\s*[A-Z][\w-]+)?")
# "said after the game on April 26": spoken right after the event the date names
_OCCASION = re.compile(
    r"\s*(?:after|following|during|before)\s+(?:the|a|an|his|her|its|their)\s+"
    r"(?:game|match|meeting|talks|hearing|session|vote|race|summit|briefing|visit|"
    r"ceremony|trial|debate|final)\b",
    re.I,
)
# "identified the first voice as that of Peter Banda": who a recorded voice is
_IDENTIFIED_AS = re.compile(
    r"\bidentified (?:the (?:first |second )?(?:voice|man|woman|speaker|caller)|him|her) as "
    r"(?:that of |being )?((?:[A-Z][\w’'-]+\s?){2,3})"
)
# "the company running the plant", "the firm that operates": a head noun's modifier
_REDUCED_RELATIVE = frozenset(
    "running operating managing owning representing overseeing leading behind".split()
)
# narration of a document's release: "the bank issued a clarification"
_ISSUED_DOC = re.compile(
    r"\b(?:issued|released|published|put out)\s+(?:a|an|its|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:statement|clarification|correction|communiqu[eé]|notice|press release|denial)\b"
)
_HEDGED = re.compile(r"\b(?:possibly|perhaps|maybe|probably|might|could well)\b", re.I)
_CONTRAST_END = re.compile(r"\b(?:but|while|whereas|though|although|yet)\s*,?\s*$", re.I)
_LEFT_DET = re.compile(r"(?:\b(?:the|a|an|then|its|his|her|their)\s+)+$", re.I)
_AT_THE_TIME = re.compile(r"\s*(?:\w+\s+){0,2}?at the time\b", re.I)
_WHEN_CLAUSE = re.compile(r",\s*when\b", re.I)
# "said in a statement carried by KCNA on Wednesday": the outlet that relayed the words
_RELAYED_BY = re.compile(
    r"\s*(?:carried|published|released|relayed|broadcast|aired|distributed) by (?:the )?"
    r"(?:state(?:-run)? )?(?:[a-z]+ )?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,5}"
)
_TIME_HINT = re.compile(
    r"\d|day\b|yesterday|week|month|year|earlier|recently|ago\b|tonight|morning|evening|"
    r"night|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec",
    re.I,
)
_NO_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": "", "”": "", '"': "", "„": ""})
_MODAL_NT = ("won", "wouldn", "can", "couldn", "shouldn", "mustn", "shan")
_NEUTRAL_PARTICIPLES = frozenset(
    "saying adding stating noting insisting arguing explaining writing telling".split()
)
_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december""".split()
)
# What may follow an inverted subject ('"…," said Peskov, adding …').
_AFTER_INVERTED = frozenset(
    """as who when while adding according in on at during after before speaking whose
    referring noting citing saying""".split()
)
_TIME_WORDS = frozenset("morning afternoon evening night week month year".split())
_ADJECTIVE = re.compile(r"^[a-z]{3,}(?:al|ary|ic|ical|ian|ese|ish|ive|ous|ist|ern)$")
_DATELINE = re.compile(
    r"^[A-Z][A-Z'’. -]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*"
    r"(?:\([^)]{1,30}\))?\s*(?:—|–|--|-)\s+"
)
_AGE = re.compile(r"^[\w-]+-(?:year|month)-old$", re.I)
_DOC_PREFIX = re.compile(
    r"^(?:(?:an?|the)\s+)?(?:(?:\w+\s+){0,3}?(?:analysis|data|tally|figures|video|report|"
    r"reports|statement|count|estimate|estimates|survey|study|assessment|investigation|review|"
    r"post|message|footage|images|records|documents|readout|transcript|poll|census)"
    r"(?:\s+(?:of\s+data|released|published|issued|compiled|posted|shared|provided))?"
    r"(?:\s+(?:on|in)\s+[\w\s]{1,20}?)?\s+(?:by|from|of)\s+)",
    re.I,
)
_TRAILING_DOC = frozenset(
    "data figures report reports statement statements estimates analysis count tally".split()
)
_NOMINAL_NOUNS = (
    "allegation|allegations|claim|claims|declaration|announcement|accusation|accusations|"
    "assertion|assertions|remarks|denial|denials|warning|warnings|pledge|insistence|"
    "admission|demand|demands|threat|proposal|suggestion|statement|statements"
)
_NOMINAL_POSS = re.compile(
    r"(?P<np>(?:[A-Z][\w.\-]*(?:[’']s)?\s+){0,4}?[A-Z][\w.\-]*)[’']s\s+(?:(?:own|recent|earlier|"
    r"latest|previous|new|initial|first|repeated|unfounded|baseless|false)\s+)?(?P<noun>"
    + _NOMINAL_NOUNS
    + r")\s+(?P<link>that|of)\b"
)
# "Kyiv's denial came hours later": a denial needs no "that" clause to say which way
_NOMINAL_DENIAL = re.compile(
    r"(?P<np>(?:[A-Z][\w.\-]*\s+){0,3}?[A-Z][\w.\-]*)[’']s\s+(?:(?:swift|quick|flat|"
    r"categorical|repeated|earlier|initial|strong|official)\s+)?(?P<noun>denials?|rejection)\b"
    r"(?!\s+(?:that|of)\b)"
)
_NOMINAL_BY = re.compile(
    r"\b(?P<noun>"
    + _NOMINAL_NOUNS
    + r")\s+(?:(?:of\s+\S+\s+)?(?:by|from)\s+(?P<np>(?:(?:the|[A-Z][\w’'.\-]*|[a-z]+)\s+){0,6}?"
    r"[A-Z][\w’'.\-]*)(?P<that>\s+that\b)|of\s+\S+\s+(?:by|from)\s+(?P<np2>(?:the\s+)?"
    r"[A-Z][\w’'.\-]*(?:\s+(?:of\s+)?[A-Z][\w’'.\-]*)*))"
)
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+")
_QUOTED_AS = re.compile(
    r"\b(?P<verb>quoted|quoting|cited|citing)\s+(?P<np>[^,;:" + MASK + r"]{2,80}?)\s+as\s+saying\b"
)
_QUOTING = re.compile(
    r"\b(?P<verb>quoting|citing)\s+(?P<np>(?:the\s+|an?\s+)?[\w’'\- ]{2,60}?)(?=,)"
)
# Words that make the slower special patterns worth trying on a sentence.
_SPECIAL_WORDS = frozenset(
    """according quoted quoting cited citing rejection allegation allegations claim claims declaration
    announcement accusation accusations assertion assertions remarks denial denials warning
    warnings pledge insistence admission demand demands threat proposal suggestion statement
    statements""".split()
)


# ------------------------------------------------------------------ speaker mentions


@dataclass
class Mention:
    """A speaker noun phrase, analysed."""

    text: str
    start: int
    end: int
    # "name" | "pronoun" | "generic" | "indefinite" | "definite" | "document" | "group-of"
    # | "joint" (several speakers, in ``parts``) | "coord" (a coordinated verb: "and said")
    kind: str
    name: str | None = None
    role: str | None = None
    side: str | None = None
    official: bool = False
    det: str | None = None
    org: Actor | None = None
    parts: list[Mention] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


@dataclass
class Candidate:
    """A statement before merging: one cue with one speaker."""

    actor: Actor
    cue: str
    kind: str
    sent: int  # index of the sentence in the paragraph
    cue_start: int
    cue_end: int
    subj_start: int
    subj_end: int
    scope: list[tuple[int, int]]
    stance_verb: Stance
    explain: list[str]
    relative: bool = False
    participle: bool = False
    quote: str | None = None
    date: tuple[str | None, str | None, str] | None = None  # (date, precision, source)
    verb: str = ""
    joint: tuple[str, ...] = ()
    extra_end: int | None = None  # a following quote-only sentence merged in
    base: Candidate | None = None  # the statement a participle continues
    pronoun: bool = False  # the speaker was a pronoun ("he said")
    bare: bool = False  # a nominal without content ("Kyiv's denial")


# ------------------------------------------------------------------ the extractor


class _Extractor:
    def __init__(self, article: Article, lexicon: Lexicon, registry: Registry):
        self.article = article
        self.rules = rules_for(lexicon)
        self.lex = lexicon
        self.reg = registry
        self.ctx = SpeakerContext(registry)
        self.anchor, self.anchor_note = _anchor(article)
        self.out: list[Statement] = []
        self.last_side: str | None = None  # side of the last national speaker
        self.prev_par: list[Statement] = []
        self.prev_actor: Actor | None = None  # speaker of the previous paragraph's last statement
        self.prev_par_subject: Actor | None = None
        # the subject (speaker or narration subject) of the sentence before, for a
        # pronoun opening the next one: "Rivas did not back down. … he wrote"
        self.prev_subject: Actor | None = None
        self.prev_narrated: Actor | None = None  # a person subject of narration just before
        # a body named as a narration subject in this paragraph: "… was not convinced. Its
        # spokesman, X, said"
        self.narrated_body: Actor | None = None
        self.prev_joint: tuple[Actor, ...] = ()
        # regions the article places in a country: "the western Indian state of Gujarat"
        self.places: dict[str, str] = {}
        # how often the article names each country, and the one it is about, if any
        self.country_counts, self.home = self._home_country()
        self._article_text: str | None = None
        self._stance_cache: dict[str, list[tuple[Stance, str]]] = {}

    def _home_country(self) -> tuple[dict[str, int], str | None]:
        """The country the article is about: named at least three times and twice as
        often as any other. A country the registry does not know counts too when the
        article gives it a national institution ("Arlandia's opposition", "the president
        of Arlandia") and names it again."""
        counts: dict[str, int] = {}
        text = "\n".join(t for _, t in self.article.body)
        # each distinct word once, in order of first use (the order breaks ties)
        for w, k in Counter(_CAP_WORD.findall(text)).items():
            country = self.reg.demonym(w)
            if country is None:
                a = self.reg.resolve(w, exact=True)
                country = a.side if a is not None and a.kind == "government" else None
            if country:
                counts[country] = counts.get(country, 0) + k
        nation = self.lex.words("speaker.nation_nouns")
        for mm in _NATION_OF.finditer(text):
            name = mm.group("x") or mm.group("y")
            head = (mm.group("hx") or mm.group("hy") or "").lower()
            if head not in nation or name in counts:
                continue
            if (
                self.reg.resolve(name) is not None
                or self.reg.demonym(name) is not None
                or fold(name) in self.reg.first_names
            ):
                continue
            if fold(name) in self.lex.words("speaker.not_nations"):
                continue
            if mm.group("x") and re.search(
                r"[A-Z][\w’'-]*\s$", text[max(0, mm.start() - 30) : mm.start()]
            ):
                continue  # the end of a longer name: "Saudi Arabia's"
            # the name and its demonym: "Arlandia", "Arlandian", "Arlandians"
            stem = name[:-1] if name[-1] in "aeiouy" else name
            n = len(re.findall(rf"\b{re.escape(stem)}(?:[a-z]?|[a-z]?ns?)\b", text))
            if n >= 2:
                counts[name] = n
        if not counts:
            return counts, None
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        top, n = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0
        return counts, (top if n >= 3 and n >= 2 * second else None)

    # ---------------------------------------------------------------- driver
    def run(self) -> list[Statement]:
        for line, text in self.article.body:
            if not text.strip():
                continue
            self.paragraph(split_paragraph(line, text))
        self._named_later()
        return self.out

    def _named_later(self) -> None:
        """A standfirst or lead names its speaker by role, the body by name: "An
        opposition senator says …" then "Senator Marcelo Rivas said …"; "the electoral
        tribunal says …" then "Bolivia's Supreme Electoral Tribunal (TSE)"."""
        body = self.article.body
        lead = {ln for ln, _ in body[:2]}
        for i, st in enumerate(self.out):
            if st.cue.startswith("heard") and not st.speaker[:1].isupper():
                # "a man is heard saying …" … "identified the voice as that of Peter Banda"
                later = "\n".join(t for ln, t in body if ln >= st.line)
                mm = _IDENTIFIED_AS.search(later)
                if mm:
                    name = mm.group(1).strip()
                    self.out[i] = replace(
                        st,
                        speaker=name,
                        side=None,
                        explain=[*st.explain, f"{st.speaker!r} identified as {name!r}"],
                    )
                continue
            if st.line not in lead:
                continue
            words = st.speaker.split()
            named = st.speaker[:1].isupper() and self.reg.demonym(words[0]) is None
            if len(words) < 2 or words[-1][:1].isupper() or named:
                continue  # a name, or a group named as such
            later = "\n".join(t for ln, t in body if ln > st.line)
            head = words[-1]
            name = None
            if head in self.rules.titles:
                # the title capitalised before a name: "Senator Marcelo Rivas"
                rx = rf"\b{head.title()}\s+((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){{1,2}})"
                mm = re.search(rx, later)
                if mm and not mm.group(1).endswith(("’s", "'s")):
                    name = mm.group(1)
            elif words[-2][:1].islower():
                # the body's own name: "electoral tribunal" -> "Supreme Electoral Tribunal"
                pair = f"{words[-2].title()} {head.title()}"
                rx = rf"((?:[A-Z][\w-]+\s+){{0,2}}{pair})\b"
                mm = re.search(rx, later)
                if mm:
                    name = mm.group(1)
            if not name:
                continue
            known = next((e.actor for e in self.ctx.entities if e.actor.name == name), None)
            side = (known.side if known else None) or st.side
            self.out[i] = replace(
                st,
                speaker=name,
                side=side,
                explain=[*st.explain, f"{st.speaker!r} is {name!r}, named later in the article"],
            )

    def paragraph(self, par: Paragraph) -> None:
        self.ctx.define_acronyms(par.text)
        if " of " in par.text:
            for pm in _REGION_OF.finditer(par.text):
                country = self.reg.demonym(pm.group(1))
                if country and fold(pm.group(2)) not in self.places:
                    self.places[fold(pm.group(2))] = country
        if _is_heading(par.text):
            self.prev_par = []
            self.prev_joint = ()
            return
        cands: list[Candidate] = []
        subject_of_last_sentence: Actor | None = None
        self.prev_subject = self.prev_par_subject
        self.prev_narrated = None
        self.narrated_body = None
        for si, sent in enumerate(par.sentences):
            self.ctx.tick()
            before = len(cands)
            self.sentence(par, si, sent, cands)
            new = cands[before:]
            if not new and sent.quotes and self._quote_only(par, sent):
                self._quote_sentence(par, si, sent, cands, subject_of_last_sentence)
                new = cands[before:]
            subj = None
            if new:
                subject_of_last_sentence = new[-1].actor
            else:
                subj = self._remember_subject(par, sent)
                if subj is not None:
                    subject_of_last_sentence = subj
                self._remember_titled(par, sent)
                if _ISSUED_DOC.search(par.text, sent.start, sent.end):
                    self._document_issuer(par, sent)
            main = [c for c in new if c.kind in ("reported", "direct") and not c.relative]
            self.prev_narrated = None
            if main:  # the main clause's speaker, not an embedded "a claim by Moscow"
                self.prev_subject = min(main, key=lambda c: c.subj_start).actor
            elif new or subj is None:
                self.prev_subject = None  # "The KCNA report made no mention. It said …"
            else:
                self.prev_subject = self.prev_narrated = subj
        statements = self._merge(par, cands)
        self.prev_par = statements
        if statements:
            last = statements[-1]
            self.prev_actor = next(
                (c.actor for c in reversed(cands) if c.actor.name == last.speaker), None
            )
        self.prev_par_subject = subject_of_last_sentence
        self.out.extend(statements)

    # ---------------------------------------------------------------- sentences
    def sentence(self, par: Paragraph, si: int, sent: Sentence, cands: list[Candidate]) -> None:
        masked = par.masked
        rules = self.rules
        if not sent.quotes and rules.triggers.isdisjoint(
            _LOW_WORD.findall(masked[sent.start : sent.end].lower())
        ):
            return  # no speech verb, no "according to", no nominal cue word
        toks = sent.toks
        if not toks:
            return
        if masked[sent.start : sent.end].rstrip().endswith("?"):
            return  # a question (a reporter's, or a subheading) is not a statement
        found: list[Candidate] = []
        index = rules.cue_index
        ti = 0
        n = len(toks)
        special = False
        while ti < n:
            low = toks[ti].low
            if low in _SPECIAL_WORDS:
                special = True
            entries = index.get(low)
            if entries and not toks[ti].cap:  # "United States" is not "states"
                for words, form in entries:
                    tj = _match_words(toks, ti, words)
                    if tj:
                        found.extend(self._cue(par, si, sent, ti, tj, form, found))
                        ti = tj - 1
                        break
            ti += 1
        if special:
            for m in _QUOTED_AS.finditer(masked, sent.start, sent.end):
                found.extend(self._quoted_as(par, si, sent, m))
            for m in _QUOTING.finditer(masked, sent.start, sent.end):
                if not masked[m.end("np") : m.end("np") + 40].lstrip(" ,").startswith("as saying"):
                    found.extend(self._quoting(par, si, sent, m, found))
            for m in _ACCORDING.finditer(masked, sent.start, sent.end):
                found.extend(self._according(par, si, sent, m.start(), m.end()))
            for rx in (_NOMINAL_POSS, _NOMINAL_BY, _NOMINAL_DENIAL):
                for m in rx.finditer(masked, sent.start, sent.end):
                    found.extend(self._nominal(par, si, sent, m, found))
        if not found and sent.quotes:
            found.extend(self._lead_in(par, si, sent))
        found.sort(key=lambda c: c.cue_start)
        found = self._drop_embedded(par, found)
        self._scopes(par, sent, found)
        # a bare "Kyiv's denial" inside somebody else's words is their report, not a statement
        found = [
            c
            for c in found
            if not (c.kind == "nominal" and c.bare)
            or not any(o is not c and a <= c.subj_start < b for o in found for a, b in o.scope)
        ]
        for c in found:
            self._finish(par, sent, c, found, cands)
        cands.extend(found)

    def _drop_embedded(self, par: Paragraph, found: list[Candidate]) -> list[Candidate]:
        """ "X told reporters he was sceptical": the second cue is X's own content."""
        out: list[Candidate] = []
        for c in found:
            if c.pronoun and not c.relative and out:
                p = out[-1]
                gap = par.masked[p.cue_end : c.subj_start]
                if p.actor.name == c.actor.name and not p.relative and _GAP_EMBED.fullmatch(gap):
                    continue
            out.append(c)
        return out

    def _tok_index(self, sent: Sentence, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect_left(sent.starts, pos)

    def _cue(
        self,
        par: Paragraph,
        si: int,
        sent: Sentence,
        ti: int,
        tj: int,
        form: str,
        found: list[Candidate],
    ) -> list[Candidate]:
        rules = self.rules
        toks = sent.toks
        start = toks[ti].start
        end = toks[tj - 1].end
        first = form.split()[0]
        if form in self.lex.question_verbs:
            return []
        doc_only = form not in self.lex.verbs
        nxt = toks[tj] if tj < len(toks) else None
        prev = toks[ti - 1] if ti > 0 else None
        # passives: "were reported", "has been accused" (but "is heard saying")
        i = ti - 1
        while i >= 0 and toks[i].low in ("also", "not", "never", "widely", "reportedly"):
            i -= 1
        if i >= 0 and toks[i].low in _BE and not first.endswith("ing") and first not in ("heard",):
            return []
        if first in ("made", "making") and prev is not None and prev.low in _BE:
            return []
        if (
            form in ("alleged", "purported")
            and nxt is not None
            and not nxt.cap
            and nxt.low
            and (nxt.low not in _CLAUSE_OPENERS)
        ):
            return []  # "and alleged extrajudicial killings": an adjective
        if prev is not None and prev.low in ("the", "a", "an", "its", "their", "his", "her"):
            return []  # "the reported attack", "its claimed victory"
        if form in _AMBIGUOUS:
            if prev is None or prev.low in self.rules.determiners or prev.low in _CONJ:
                return []
            if prev.low.endswith(("'s", "s'")) or prev.low in ("false", "such", "similar", "new"):
                return []
            if (
                nxt is not None
                and nxt.low
                and (nxt.low in self.lex.verbs or nxt.low in _BE or nxt.low in _HAVE)
            ):
                return []
        participle = first.endswith("ing") and form in self.lex.participles
        if first.endswith("ing"):
            j = ti - 1
            while j >= 0 and toks[j].low in rules.between and toks[j].low not in _BE:
                if toks[j].low in _HAVE:
                    break
                j -= 1
            if j >= 0 and toks[j].low in _BE:
                participle = False  # progressive: "are talking up", "had been demanding"
            elif not participle:
                if first in ("heard",):
                    pass
                else:
                    return []
        explain: list[str] = []
        neg = self._negated(toks, ti)
        if neg:
            return []
        if participle:
            return self._participle(par, si, sent, ti, tj, form, found)
        si0 = ti
        if (
            ti >= 2
            and toks[ti - 1].low == "to"
            and toks[ti - 2].low in self.lex.words("between.control_verbs")
        ):
            si0 = ti - 2  # "the bank was quick to deny": the subject of "quick"
        subj = self._subject_before(par, sent, si0, found)
        mode = "before"
        if subj is None and form in self.lex.inversion:
            subj = self._subject_after(par, sent, tj, ti)
            mode = "after"
        if subj is None:
            return []
        mention, info = subj
        k = self._tok_index(sent, mention.start) - 1
        if (k >= 0 and toks[k].low in ("nor", "neither", "no", "none")) or (
            mention.text.lower().startswith(("neither ", "no ", "none "))
        ):
            return []  # "Neither Moscow nor Kyiv has commented"
        if mention.kind == "coord":
            base = self._main_candidate(found)
            if base is None:
                sm = self._sentence_subject(par, sent)
                if sm is None:
                    return []
                actors = self._actors_for(par, sent, sm)
                if not actors:
                    return []
                explain.append("speaker: subject of the sentence (coordinated verb)")
            else:
                actors = [base.actor, *[self._actor_named(n) for n in base.joint[1:]]]
                explain.append(f"speaker: same subject as '{base.cue}' (coordinated verb)")
            s0, s1 = (mention.start, mention.end)
        else:
            if doc_only and mention.kind != "document":
                return []
            if mention.kind == "document" and form in ("read", "reads"):
                pass
            elif form in ("read", "reads"):
                return []
            actors = self._actors_for(par, sent, mention)
            if not actors:
                return []
            if len(actors) == 1:
                self._defines_acronym(sent, mention, actors[0])
            explain.extend(mention.reasons)
            explain.append(
                f"speaker {'after' if mode == 'after' else 'before'} the cue: {mention.text!r}"
            )
            s0, s1 = mention.start, mention.end
        if form in self.lex.weak and not self._weak_ok(par, sent, tj):
            return []
        cue_text, cue_stop = self._cue_text(par, sent, form, start, end, tj)
        out = []
        joint = tuple(a.name for a in actors) if len(actors) > 1 else ()
        for actor in actors:
            out.append(
                Candidate(
                    actor=actor,
                    cue=cue_text,
                    kind="reported",
                    sent=si,
                    cue_start=start,
                    cue_end=cue_stop,
                    subj_start=s0,
                    subj_end=s1,
                    scope=[],
                    stance_verb=self.lex.verbs.get(form, Stance.ASSERTS),
                    explain=[f"rule: speech verb '{form}'", *explain],
                    relative=info == "relative",
                    participle=False,
                    verb=form,
                    joint=joint,
                    pronoun=mention.kind == "pronoun",
                )
            )
        return out

    def _defines_acronym(self, sent: Sentence, m: Mention, actor: Actor) -> None:
        """ "The Congolese armed forces (FARDC) said": a later "the FARDC" is the same
        speaker, even when the letters are not the initials of the English name."""
        toks = sent.toks
        k = self._tok_index(sent, m.end)
        if not (
            k + 2 < len(toks)
            and toks[k].text == "("
            and toks[k + 2].text == ")"
            and _is_acronym(toks[k + 1].text)
            and actor.kind in ("body", "government", "group")
        ):
            return
        key = fold(toks[k + 1].text)
        old = self.ctx.acronyms.get(key)
        if old is None or (old.side is None and actor.side is not None):
            self.ctx.acronyms[key] = actor

    def _negated(self, toks: Sequence[Tok], ti: int) -> bool:
        i = ti - 1
        steps = 0
        while i >= 0 and steps < 5:
            low = toks[i].low
            if low in self.rules.negators or low.endswith("n't") or low == "never":
                return True
            if low == "to" and i > 0 and toks[i - 1].low in ("declined", "refused", "failed"):
                return True
            if low not in self.rules.between:
                return False
            i -= 1
            steps += 1
        return False

    def _weak_ok(self, par: Paragraph, sent: Sentence, tj: int) -> bool:
        """A weak verb ("called", "described") counts with a quote, a "that" clause, an
        "as …" complement or a stance phrase in what follows it."""
        toks = sent.toks
        window = toks[tj : tj + 12]
        for k, t in enumerate(window):
            if t.quote or t.low in ("that", ":", "whether") or (t.low in ("a", "an") and k >= 2):
                return True
            if t.low == "as" and k + 1 < len(window):
                return True
            if t.low in (".", ";"):
                break
        rest = par.text[toks[tj].start if tj < len(toks) else sent.end : sent.end]
        return bool(self._phrase_stances(rest))

    # ---------------------------------------------------------------- subjects
    def _subject_before(
        self, par: Paragraph, sent: Sentence, ti: int, found: Sequence[Candidate]
    ) -> tuple[Mention, str] | None:
        rules = self.rules
        toks = sent.toks
        fam = _FAMILIAR.search(par.masked, sent.start, toks[ti].start)
        if fam is not None:
            # "people familiar with the matter said": anonymous sources
            m = Mention(fam.group(1), fam.start(1), fam.end(1), "generic")
            m.name = fam.group(1)[0].lower() + fam.group(1)[1:]
            m.reasons.append("anonymous sources")
            return m, "plain"
        i = ti - 1
        # skip auxiliaries, adverbs and time words: "has also strongly denied", "on Monday said"
        while i >= 0 and (toks[i].low in rules.between or toks[i].low in rules.negators):
            if toks[i].cap and toks[i].low not in _NOT_NAMES:
                break  # a capitalised word here is the end of the subject, not an adverb
            i -= 1
        if i < 0:
            return None
        t = toks[i]
        if t.low in _CONJ:
            # "… and warned", "but said": the subject is the main clause's
            return Mention(t.text, t.start, t.end, "coord"), "coord"
        if t.low in ("who",):
            ante = None
            if i >= 2 and toks[i - 1].text == ",":
                ante = self._np_back(par, sent, i - 2)
                if ante is None or self._looks_appositive(sent, ante):
                    ante = self._appositive(par, sent, i - 1)
            elif i >= 1:
                ante = self._np_back(par, sent, i - 1)
            if ante is None:
                return None
            return ante, "who"
        if t.low in ("that", "which") and i > 0:
            before = toks[i - 1]
            if before.low in _ISSUED:
                sm = self._sentence_subject(par, sent)
                if sm is None:
                    return None
                sm.reasons.append(f"a {before.low} that said: issued by the sentence's subject")
                return sm, "document"
            return None
        if t.text == ")" and i >= 3 and toks[i - 2].text == "(" and _is_acronym(toks[i - 1].text):
            # "The Indonesian Palm Oil Association (GAPKI) warned": skip the acronym
            i -= 3
            t = toks[i]
        if t.text in (",", "—", "–", "(", ")"):
            ap = self._appositive(par, sent, i)
            return (ap, "apposition") if ap else None
        if t.quote:
            return None
        found_np = self._np_back(par, sent, i)
        k0 = self._tok_index(sent, found_np.start) if found_np is not None else i + 1
        if found_np is None or (k0 > 0 and toks[k0 - 1].low == "of"):
            # "…, the Russian-installed governor of the occupied part of the region said"
            longer = self._head_of_chain(par, sent, i)
            if longer is not None:
                found_np = longer
        k1 = k0 - 1
        while k1 > 0 and k0 - k1 <= 4 and toks[k1].low not in _REDUCED_RELATIVE:
            k1 -= 1
        if k1 > 0 and toks[k1].low in _REDUCED_RELATIVE and not toks[k1 - 1].quote:
            # "the company running the plant denied": the company speaks, not the plant
            head = self._np_back(par, sent, k1 - 1)
            if head is not None and head.kind in ("name", "definite", "generic", "group-of"):
                found_np = head
        if found_np is None:
            return None
        m = self._body_in_place(par, sent, found_np, k0) or found_np
        # relative clause subject: "… which Kyiv rejected", "that Moscow claims"
        k = self._tok_index(sent, m.start) - 1
        info = "plain"
        if k >= 0 and toks[k].low in ("which", "that", "whom", "as", "what"):
            info = "relative"
            if (
                toks[k].low == "that"
                and k > 0
                and (toks[k - 1].low in _CONJ or toks[k - 1].low in self.lex.verbs)
            ):
                if found:
                    return None  # "… said … and that Putin had told Trump": embedded
        return m, info

    def _body_in_place(self, par: Paragraph, sent: Sentence, m: Mention, k0: int) -> Mention | None:
        """ "The Joint Chiefs of Staff (JCS) in Seoul said": the body speaks, not the
        capital; it takes the country's adjective ("South Korean Joint Chiefs of Staff")."""
        toks = sent.toks
        if k0 < 2 or toks[k0 - 1].low not in ("in", "at") or m.kind != "name":
            return None
        place = self.reg.resolve(m.text, exact=True)
        if place is None or place.kind != "government" or not place.side:
            return None
        i = k0 - 2
        acr = None
        if toks[i].text == ")" and i >= 3 and toks[i - 2].text == "(":
            acr = toks[i - 1].text if _is_acronym(toks[i - 1].text) else None
            i -= 3
        if not toks[i].cap:
            return None
        body = self._np_back(par, sent, i)
        if body is None or body.kind != "name" or not body.name:
            return None
        if self.reg.resolve(body.name) is not None or self.reg.side_for(body.name):
            return None  # a known body, or one that names its country already
        words = body.name.lower().split()
        if not any(w in self.rules.body_heads for w in words) and acr is None:
            return None
        body.name = f"{self.reg.adjective(place.side)} {body.name}"
        body.side = place.side
        body.official = True
        body.reasons.append(f"the body in {m.text}: {body.name}")
        actor = Actor(name=body.name, kind="body", side=place.side)
        body.org = actor
        if acr is not None:
            self.ctx.acronyms[fold(acr)] = actor
        return body

    def _head_of_chain(self, par: Paragraph, sent: Sentence, i: int) -> Mention | None:
        """A clause-initial noun phrase "the <title or group> of …" ending at token ``i``:
        the speaker of a trailing attribution with a long "of" chain."""
        toks = sent.toks
        r = self.rules
        s0 = i
        while s0 > 0 and i - s0 < 18:
            t = toks[s0 - 1]
            if t.quote or t.text in (",", "—", "–", ";", ":", "(", ")", "-"):
                break
            s0 -= 1
        else:
            if s0 > 0:
                return None
        h = s0
        while (
            h < i
            and (
                toks[h].low in r.determiners
                or toks[h].low in r.modifiers
                or self.reg.demonym(toks[h].text)
                or _ADJECTIVE.match(toks[h].low)
            )
            and toks[h].low not in _PREPS
        ):
            h += 1
        if h >= i or toks[h + 1].low != "of":
            return None
        if toks[h].low not in r.titles and toks[h].low not in r.generic:
            return None
        return self._analyse(par, sent, s0, i)

    def _np_tok(self, tok: Tok, right: Tok | None) -> bool:
        """Whether ``tok`` may be part of a speaker noun phrase whose next word is ``right``."""
        if tok.quote:
            return False
        low = tok.low
        if not low or not (low[0].isalnum()):
            return low in ("&",) and right is not None and right.cap
        if tok.cap:
            if low in _FUNCTION_CAPS and low not in self.rules.determiners:
                return False
            return True
        r = self.rules
        if low in _PREPS:
            return (
                right is not None
                and (right.cap or right.low in r.determiners)
                and right.low not in _NOT_NAMES  # "on Wednesday" is a time, not a name
            )
        if low == "and":
            return right is not None and (
                right.cap
                or right.low in r.generic
                or right.low in r.modifiers
                or right.low in r.determiners
            )
        if (
            low in r.determiners
            or low in r.modifiers
            or low in r.generic
            or low in r.titles
            or low in r.body_heads
        ):
            return True
        if low in r.particles or low.startswith(("al-", "el-", "bin-", "abu-")):
            return True
        if low.endswith(("'s", "s'")):
            return right is not None
        if _AGE.match(low):
            return True
        if (
            right is not None
            and (right.low in r.generic or right.low in r.titles)
            and ("-" in low or _ADJECTIVE.match(low))
        ):
            return True  # "Russian-installed governor", "electoral commission"
        if (
            right is not None
            and (right.low in r.body_heads or (right.low.endswith("s'") and not right.cap))
            and low.isalpha()
            and not low.endswith(("ed", "ing"))
            and low not in self.lex.verbs
        ):
            return True  # a noun before an institution: "fisheries ministry", "water authority"
        return False

    def _np_back(
        self, par: Paragraph, sent: Sentence, i: int, allow_comma: bool = False
    ) -> Mention | None:
        """The noun phrase ending at token ``i``, walking left."""
        toks = sent.toks
        if i < 0:
            return None
        # "one of the protesters on Sunday, Ali Hassan, said": a time phrase ends no name
        j = i
        while j >= 0 and (toks[j].low in _NOT_NAMES or toks[j].low in _TIME_WORDS):
            j -= 1
        if j < i and j >= 0 and toks[j].low in ("on", "in", "last", "this", "early", "late"):
            i = j - 1
            if i < 0:
                return None
        if allow_comma and toks[i].text == ",":
            return self._appositive(par, sent, i)
        if not self._np_tok(toks[i], None) or toks[i].low in _PREPS or toks[i].low == "and":
            if not (
                toks[i].low in self.rules.generic
                or toks[i].low in self.rules.body_heads
                or toks[i].cap
            ):
                if toks[i].low not in (
                    "he", "she", "they", "it", "we", "i",
                ):  # fmt: skip
                    return None
        k = i
        if toks[i].low in ("he", "she", "they", "it", "we", "i"):
            return self._analyse(par, sent, i, i)
        while k - 1 >= 0 and self._np_tok(toks[k - 1], toks[k]):
            k -= 1
        # a list of names: "… of Qatar, Egypt, Jordan and Indonesia"
        span = toks[k : i + 1]
        if any(t.low == "and" for t in span):
            while (
                k - 2 >= 0
                and (toks[k].cap or (toks[k].low == "the" and k + 1 <= i and toks[k + 1].cap))
                and toks[k - 1].text == ","
                and toks[k - 2].cap
                and toks[k - 2].low not in _FUNCTION_CAPS
                and toks[k - 2].low not in _NOT_NAMES
            ):
                k -= 2
                while k - 1 >= 0 and self._np_tok(toks[k - 1], toks[k]):
                    k -= 1
        while (
            k <= i
            and (toks[k].low in _PREPS or toks[k].low in _CONJ or toks[k].low in _FUNCTION_CAPS)
            and toks[k].low not in self.rules.determiners
        ):
            k += 1
        if k > i:
            return None
        return self._analyse(par, sent, k, i)

    def _appositive(self, par: Paragraph, sent: Sentence, i: int) -> Mention | None:
        """ "X, a professor at Y, said" / "the governor, X, told" / "X, director of Y,
        which …, said": ``i`` is the comma (or dash) closing the apposition. Returns the
        speaker, with the apposition's role and side."""
        toks = sent.toks
        commas: list[int] = []
        j = i - 1
        if toks[i].text == ")":
            return None
        while j >= 0 and i - j < 70 and len(commas) < 4:
            t = toks[j]
            if t.quote or t.text in (";", ":"):
                break
            if t.text == ")":  # skip a parenthesis: "(Institute of International Affairs)"
                while j > 0 and toks[j].text != "(":
                    j -= 1
                j -= 1
                continue
            if t.text in (",", "—", "–"):
                commas.append(j)
            j -= 1
        if not commas:
            return None
        chosen: Mention | None = None
        fallback: tuple[Mention, int] | None = None
        b_range = (commas[0] + 1, i - 1)
        for idx, c in enumerate(commas):
            a = self._np_back(par, sent, c - 1) if c > 0 else None
            if a is not None and self._looks_appositive(sent, a) and idx + 1 < len(commas):
                fallback = fallback or (a, c)
                continue
            if a is not None:
                chosen = a
                b_range = (c + 1, i - 1)
                break
            if fallback is not None:
                break
            # "A counterprotester, Mohammad Bakkour, said": the name is the apposition
            seg_start = commas[idx + 1] + 1 if idx + 1 < len(commas) else 0
            if c - seg_start <= 4:
                b = self._analyse(par, sent, commas[0] + 1, i - 1, appositive=True)
                if b is not None and b.kind == "name":
                    b.reasons.append("name from the apposition")
                    return b
            return None
        if chosen is None and fallback is not None:
            chosen, c = fallback
            b_range = (c + 1, i - 1)
        if chosen is None:
            return None
        a = chosen
        b = None
        party = (
            _US_PARTY.match(par.text, toks[b_range[0]].start) if b_range[0] <= b_range[1] else None
        )
        if party is not None and party.end() >= toks[b_range[1]].end and not a.side:
            a.side = "United States"  # "Sen. Lindsey Graham, R-S.C., said"
            a.reasons.append(f"side United States from {party.group(0)!r}")
        if b_range[0] <= b_range[1] and toks[b_range[0]].low not in ("who", "which", "whose"):
            segs = self._segments(sent, b_range)
            for s0, s1 in segs:
                bb = self._analyse(par, sent, s0, s1, appositive=True)
                if bb is not None and (b is None or (bb.kind == "name" and b.kind != "name")):
                    b = bb
        if (
            b is not None
            and b.kind == "name"
            and a.kind in ("generic", "definite", "indefinite", "group-of")
            and (b.org is None or b.org.kind == "person" or a.kind != "group-of")
        ):
            # "the region's Russian-installed governor, Vladimir Saldo, said"
            b.role = b.role or a.role
            b.side = b.side or a.side
            b.official = b.official or a.official
            b.start = a.start
            b.reasons.append(f"name from the apposition of {a.text!r}")
            return b
        if (
            b is not None
            and b.kind == "name"
            and b.org is None
            and a.kind == "name"
            and (a.org is not None and a.org.kind != "person" and a.role)
        ):
            # "The US ambassador to NATO, Matthew Whitaker, said"
            b.role = b.role or a.role
            b.start = a.start
            return b
        if not a.side and b_range[0] <= b_range[1]:
            b_text = par.text[toks[b_range[0]].start : toks[b_range[1]].end]
            sw = self.reg.side_word(b_text)
            if sw:  # "the top Democrat on the House Foreign Affairs Committee"
                a.side = sw
                a.official = True
                a.reasons.append(f"side {sw} from {b_text!r}")
        if b is not None:
            if not a.role and b.role:
                a.role = b.role
            if not a.side and b.official and b.side:
                a.side = b.side
                a.official = True
                a.reasons.append(f"side {b.side} from the apposition {b.text!r}")
            elif not a.side and a.kind in ("generic", "definite") and a.official:
                s = self.reg.side_for(b.text)
                if s:
                    a.side = s
                    a.reasons.append(f"side {s} from the apposition {b.text!r}")
        return a

    def _segments(self, sent: Sentence, rng: tuple[int, int]) -> list[tuple[int, int]]:
        out = []
        s0 = rng[0]
        for k in range(rng[0], rng[1] + 1):
            if sent.toks[k].text in (",", "—", "–", "(", ")"):
                if k - 1 >= s0:
                    out.append((s0, k - 1))
                s0 = k + 1
        if s0 <= rng[1]:
            out.append((s0, rng[1]))
        return out

    def _looks_appositive(self, sent: Sentence, m: Mention) -> bool:
        """ "a Washington", "director of the Critical Threats Project": a phrase that
        describes somebody named further left rather than naming them."""
        k = self._tok_index(sent, m.start)
        if k >= len(sent.toks):
            return False
        first = sent.toks[k]
        if first.low in ("a", "an"):
            return True
        return not first.cap and (first.low in self.rules.titles or first.low in self.rules.generic)

    def _subject_after(
        self, par: Paragraph, sent: Sentence, tj: int, ti: int
    ) -> tuple[Mention, str] | None:
        """Inversion: '"…," said Trump' / '…, said Kyle Balzer, a scholar at …'."""
        toks = sent.toks
        prev = toks[ti - 1] if ti > 0 else None
        if prev is None or not (prev.quote or prev.text in (",", "–", "—") or prev.low == "”"):
            return None
        m = self._np_forward(par, sent, tj)
        if m is None:
            return None
        k = self._tok_index(sent, m.end)
        if k < len(toks) and toks[k].low not in _AFTER_INVERTED and toks[k].low.isalpha():
            return None  # "…, said the demonstrators sought …": a clause, not an inversion
        return m, "after"

    def _np_forward(self, par: Paragraph, sent: Sentence, tj: int) -> Mention | None:
        toks = sent.toks
        if tj >= len(toks) or toks[tj].low in _PREPS or toks[tj].low in _CONJ:
            return None
        k = tj
        while k < len(toks) and self._np_tok(toks[k], toks[k + 1] if k + 1 < len(toks) else None):
            if toks[k].low in ("as", "when", "while") and k > tj:
                break
            k += 1
        while k - 1 >= tj and (toks[k - 1].low in _PREPS or toks[k - 1].low in _CONJ):
            k -= 1
        if k == tj:
            return None
        m = self._analyse(par, sent, tj, k - 1)
        if m is None:
            return None
        self._apposition(par, sent, m, k)
        return m

    def _apposition(self, par: Paragraph, sent: Sentence, m: Mention, k: int) -> None:
        """An apposition at token ``k`` after a name gives it its role and side:
        ", a scholar at X,", ", the Kyrgyz president,", ", Chile's interior minister,"."""
        toks = sent.toks
        if k >= len(toks) or toks[k].text != ",":
            return
        e = k + 1
        while e < len(toks) and toks[e].text not in (",", ".", ";") and e - k < 25:
            e += 1
        if e == k + 1:
            return
        first = toks[k + 1]
        if not (
            first.low in ("a", "an", "the", "director", "head", "chief")
            or (not first.cap and first.low in self.rules.titles)
            or (first.low.endswith("'s") and self.reg.demonym(first.text))
        ):
            return
        b = self._analyse(par, sent, k + 1, e - 1, appositive=True)
        if b is not None:
            m.role = m.role or b.role
            if not m.side and b.side and b.official:
                m.side = b.side
                m.official = True

    def _sentence_subject(self, par: Paragraph, sent: Sentence) -> Mention | None:
        """The subject at the start of a sentence, after a fronted phrase."""
        toks = sent.toks
        k = 0
        dl = _DATELINE.match(par.text, sent.start, sent.end)
        if dl is not None:  # "NAIROBI, March 5 (Reuters) - Kenya's central bank …"
            k = self._tok_index(sent, dl.end())
        # skip a fronted phrase: "After that meeting, …", "Before Zelenskyy arrived, …"
        if (
            k < len(toks)
            and toks[k].low in _FUNCTION_CAPS
            and toks[k].low not in self.rules.determiners
        ):
            for j in range(k, min(len(toks), k + 25)):
                if toks[j].text == ",":
                    k = j + 1
                    break
        e = k
        while e < len(toks) and self._np_tok(toks[e], toks[e + 1] if e + 1 < len(toks) else None):
            e += 1
        while e - 1 > k and (toks[e - 1].low in _PREPS or toks[e - 1].low in _CONJ):
            e -= 1
        if e == k:
            if k < len(toks) and toks[k].low in ("he", "she", "they", "it", "we"):
                return self._analyse(par, sent, k, k)
            return None
        return self._analyse(par, sent, k, e - 1)

    # ---------------------------------------------------------------- noun phrases
    def _analyse(
        self, par: Paragraph, sent: Sentence, a: int, b: int, appositive: bool = False
    ) -> Mention | None:
        """What the tokens ``a..b`` of a sentence say about a speaker: a name (with
        title, side and organisation stripped off), a pronoun, a definite description
        ("the ministry"), a generic group ("Russian officials"), or a joint subject."""
        r = self.rules
        toks = sent.toks[a : b + 1]
        while toks and (toks[0].low in _FUNCTION_CAPS and toks[0].low not in r.determiners):
            toks = toks[1:]
        while toks and toks[-1].text in (",", ".", "&", "(", ")"):
            toks = toks[:-1]
        if not toks:
            return None
        text = par.text[toks[0].start : toks[-1].end]
        m = Mention(text, toks[0].start, toks[-1].end, "generic")
        if len(toks) == 1 and toks[0].low in _PRONOUNS:
            m.kind = "pronoun"
            return m
        if len(toks) > 40:
            return None
        det = None
        while toks and toks[0].low in r.determiners and not toks[0].low.endswith("'s"):
            det = det or toks[0].low
            toks = toks[1:]
            if toks and toks[0].low == "of":  # "one of the …"
                toks = toks[1:]
        if toks and _AGE.match(toks[0].low):
            toks = toks[1:]
        if not toks:
            return None
        if (
            len(toks) >= 2
            and toks[-1].low in _ISSUED
            and (toks[-2].cap or toks[-2].low in r.generic or toks[-2].low in r.body_heads)
        ):
            # "a Kremlin statement said", "a government statement said": the issuer speaks
            m.reasons.append(f"{text!r}: the issuer of the {toks[-1].low} speaks")
            toks = toks[:-1]
            det = "the" if det in ("a", "an") else det
        m.det = det
        # the whole phrase may be a known actor: "the Russian Ministry of Defence", "ACLED"
        full = par.text[toks[0].start : toks[-1].end]
        if any(t.cap for t in toks):
            known = self.reg.resolve(full, exact=True)
            if known is not None:
                return self._known(m, known, full)
        # joint subjects: "Trump and Zelenskyy", "Saudi and Yemeni officials"
        if not appositive and any(t.low == "and" for t in toks):
            parts = self._split_joint(par, sent, toks)
            if parts:
                m.kind = "joint"
                m.parts = parts
                return m
        # a possessor before the first preposition: "Russia's", "Trump's special envoy"
        first_prep = next((k for k, t in enumerate(toks) if t.low in _PREPS), len(toks))
        last_poss = -1
        for k, t in enumerate(toks[:first_prep]):
            if t.low.endswith(("'s", "s'")) and k < len(toks) - 1:
                last_poss = k
        side: str | None = None
        poss_actor: Actor | None = None
        poss_name = ""  # an unknown possessor: "Westmark's government"
        poss_country = None  # "Kenya's central bank" -> "Kenyan central bank"
        if last_poss >= 0:
            poss_toks = toks[: last_poss + 1]
            poss_text = _POSS_END.sub("", " ".join(t.text for t in poss_toks))
            country = self.reg.demonym(toks[last_poss].text) if last_poss == 0 else None
            if country:
                side = country
                poss_country = country
            elif poss_toks[0].cap:
                actor = self.reg.resolve(poss_text) or self.ctx.resolve_name(poss_text)[0]
                if actor is not None:
                    poss_actor = actor
                    side = actor.side
                elif all(t.cap for t in poss_toks):
                    poss_name = poss_text
            if side is None:
                side = self.reg.demonym(toks[last_poss].text)
            if side is None and poss_actor is None and last_poss > 0:
                # "the Egyptian cabinet's media centre": the possessor's nationality
                side = self.reg.demonym(poss_toks[0].text)
            if side is not None or poss_actor is not None:
                known = self.reg.resolve(par.text[toks[0].start : toks[-1].end], exact=True)
                if known is not None:
                    return self._known(m, known, full)
        rest = toks[last_poss + 1 :]
        if not rest:
            return None
        role_words: list[str] = []
        name_toks: list[Tok] = []
        heads: list[str] = []
        official = False
        org: Actor | None = None
        org_prep = ""
        k = 0
        n = len(rest)
        while k < n:
            t = rest[k]
            low = t.low
            nxt = rest[k + 1] if k + 1 < n else None
            if low in _PREPS and (name_toks or heads or role_words):
                tail = []
                for x in rest[k + 1 :]:
                    if x.low in ("in", "at", "from", "near", "based"):
                        break  # "… Council in Yemen's Hadramout": a place, not the name
                    if x.low not in r.determiners and (
                        x.cap or x.low not in r.modifiers or x.low in r.generic
                    ):
                        tail.append(x)
                if (
                    name_toks
                    and role_words
                    and low == "of"
                    and len(tail) == 1
                    and not any(x.low in r.body_heads for x in name_toks)
                ):
                    place = self.reg.resolve(tail[0].text, exact=True)
                    if place is not None and place.kind == "government":
                        # "Interior Minister Rafael Ortiz of Chile": the country of a title
                        side = side or place.side
                        break
                if (
                    role_words
                    and len(name_toks) >= 2
                    and low == "of"
                    and tail
                    and not any(x.low in r.body_heads for x in name_toks)
                ):
                    # "Senator Marcelo Rivas of the opposition Civic Alliance": after a
                    # titled person's full name, "of …" is an affiliation, not the name
                    side = side or self.reg.side_for(" ".join(x.text for x in tail))
                    break
                if name_toks and tail and tail[0].cap and low in ("of", "for"):
                    # "State Emergency Service of Ukraine", "Institute for the Study of War"
                    name_toks.append(t)
                    k += 1
                    continue
                if (heads or role_words) and not name_toks and tail and tail[0].cap:
                    # "representatives of the Southern Transitional Council",
                    # "a spokesperson for China's Ministry of Foreign Affairs"
                    tail_text = " ".join(x.text for x in tail)
                    o = self.reg.resolve(tail_text)
                    if o is None:
                        o = self._tail_org(tail)
                    if o is not None and (o.kind != "person"):
                        org = o
                        org_prep = low
                        if o.side and (low != "in"):
                            side = side or (o.side if o.kind != "body" or o.side else None)
                    elif low in ("of", "for") and not side:
                        c = self.reg.demonym(tail[0].text)
                        if c and (
                            (len(tail) == 1 and low == "of")
                            or any(x.low in r.generic or x.low in r.body_heads for x in tail[1:])
                        ):
                            # "the president of Turkiye", "a spokeswoman for the Kenyan
                            # interior ministry": the country of the institution
                            side = c
                    break
                break
            title = self._title_at(rest, k)
            if title and not (t.cap and name_toks and not self._is_titleword_cap(rest, k)):
                w = len(title.split())
                role_words.append(title)
                official = official or title.split()[-1] not in _NON_OFFICIAL
                if name_toks:
                    # "Kremlin spokesman Dmitry Peskov": a capitalised word before a title
                    # is an institution or a place, not part of the name
                    o = self.reg.resolve(" ".join(x.text for x in name_toks))
                    if o is not None and o.side:
                        side = side or o.side
                    else:
                        side = side or self._side_of_words(name_toks)
                    name_toks = []
                k += w
                continue
            country = self.reg.demonym(t.text)
            if country and not name_toks and (t.cap or "-" in low) and low not in r.generic:
                side = side or country
                k += 1
                continue
            if (
                t.cap
                and low not in _NOT_NAMES
                and not (
                    k == 0 and (low in r.generic or low in r.body_heads) and low not in r.titles
                )
            ):
                if (
                    low in r.modifiers
                    and not name_toks
                    and nxt is not None
                    and (
                        nxt.low in r.titles
                        or (nxt.low in r.generic and not nxt.cap)
                        or self.reg.demonym(nxt.text)
                    )
                ):
                    k += 1  # "Lead Ukrainian negotiator" (but "Democratic Party" is a name)
                    continue
                name_toks.append(t)
                k += 1
                continue
            if low in r.particles or low.startswith(("al-", "el-")):
                name_toks.append(t)
                k += 1
                continue
            if nxt is not None and f"{low} {nxt.low}" in r.generic:
                heads.append(f"{low} {nxt.low}")  # "air force", "coast guard"
                official = True
                k += 2
                continue
            if low in r.generic or low in r.body_heads:
                if (
                    nxt is not None
                    and (nxt.low in r.generic or nxt.low in r.titles)
                    and (low in r.modifiers)
                ):
                    k += 1  # "military expert": a modifier here
                    continue
                heads.append(low)
                official = official or low not in _NON_OFFICIAL
            k += 1
        if not heads and role_words and not name_toks:
            heads = [role_words[-1].split()[-1]]
        m.role = _role(role_words)
        m.official = official
        if org is not None and not name_toks:
            if (
                heads
                and heads[-1] in _ISSUED
                and not role_words
                and org_prep in ("from", "by", "of")
            ):
                # "a statement from the Prime Minister's Office said": the office speaks
                return self._known(m, org, full)
            gen = " ".join(heads) or (m.role or "")
            if org.kind == "government" and role_words and det == "the" and org_prep == "of":
                # "the foreign minister of Brazil": a definite description with a side
                m.kind = "definite"
                m.name = m.role or gen
                m.side = org.side
                m.official = True
                return m
            m.kind = "group-of"
            m.name = f"{org.name} {gen}".strip()
            if org.kind == "government" and org_prep == "in":
                m.name = f"{self.reg.adjective(org.side or org.name)} {gen}"  # officials in Kyiv
            m.org = None
            m.side = side if side else (org.side if org.kind != "person" else None)
            if org.kind == "body" and org.side is None:
                m.side = side
                state = next((w for w in org.name.lower().split() if w in r.state_heads), None)
                if side is None and state is not None and not self._multi_country(m.text):
                    # "KCNA quoted a spokesperson for the Ministry of National Defence":
                    # the ministry of the quoting outlet's state, else of the context
                    sm = self._sentence_subject(par, sent) if m.start > sent.start else None
                    if sm is not None and sm.end <= m.start:
                        outlet = self.reg.resolve(sm.name or sm.text)
                        if outlet is not None and outlet.kind == "body":
                            m.side = outlet.side
                    m.side = m.side or self._context_side(par, sent, state)
                    if m.side:
                        m.name = f"{self.reg.adjective(m.side)} {m.name}"
                        m.reasons.append(f"side {m.side}: a state body ({state!r}) in context")
            return m
        m.side = side or (self.reg.side_word(text) if official else None)
        if poss_actor is not None and poss_actor.kind == "person" and not name_toks:
            m.kind = "generic"
            m.name = f"{poss_actor.name}'s {' '.join(heads) or m.role or 'aides'}"
            # "Trump's allies" are of no single side; "Zelensky's office" speaks for his
            m.side = None if set(heads) & _PARTISAN else poss_actor.side
            m.official = False
            return m
        if name_toks:
            while name_toks and name_toks[-1].low in _PREPS:
                name_toks.pop()
            name = _SPACE_APOS.sub(r"\1", " ".join(t.text for t in name_toks))
            trailing = rest[rest.index(name_toks[-1]) + 1 :] if name_toks else []
            gen_words = []
            for x in trailing:  # "Election officials in Veloria": the words right after
                if (x.low not in r.generic and x.low not in r.modifiers) or x.low in _PREPS:
                    break
                gen_words.append(x.low)
            while gen_words and gen_words[-1] not in r.generic:
                gen_words.pop()
            if gen_words:
                # "Democratic Party lawmakers", "STC representatives", "an Al Jazeera team"
                o = self.reg.resolve(name)
                group = " ".join(gen_words)
                if group in ("team", "staff", "journalists", "reporters", "crew") and o is not None:
                    return self._known(m, o, full)
                m.kind = "group-of"
                m.name = f"{o.name if o else name} {group}"
                m.side = (o.side if o else None) or m.side or self.reg.side_for(name)
                m.official = True
                return m
            m.kind = "name"
            m.name = name
            if any(t.low in r.body_heads for t in name_toks):
                m.side = m.side or self.reg.side_for(name)
            return m
        if not heads:
            return None
        if (
            det == "the"
            or det in ("its", "their", "his", "her")
            or (det is None and last_poss >= 0)
        ):
            m.kind = "definite"
        body = [x for x in rest if x.low not in r.determiners]
        if (
            last_poss >= 0
            and not toks[0].cap
            and poss_actor is None
            and side is None
            and (_POSS_END.sub("", toks[last_poss].low) not in _PLACE_NOUNS)
        ):
            # "the port operators' association": a plain possessor is part of the name
            body = [x for x in toks if x.low not in r.determiners]
        gen = par.text[body[0].start : body[-1].end] if body else ""
        if body and body[0] is sent.toks[0] and body[0].low in r.generic:
            gen = gen[0].lower() + gen[1:]  # "Officials said" -> "officials"
        m.name = gen
        if poss_country is not None and not self.reg.demonym(gen.split()[0]):
            m.kind = "group-of"  # "Kenya's central bank", "Norway's fisheries agency"
            m.name = f"{self.reg.adjective(poss_country)} {gen}"
            m.side = poss_country
            return m
        if poss_name:
            m.kind = "group-of"  # "Westmark's government": a place or body we do not know
            plural = toks[last_poss].text.endswith(("s'", "s’"))
            m.name = f"{poss_name}' {gen}" if plural else f"{poss_name}'s {gen}"
            return m
        if heads[-1] in r.documents and m.kind == "definite" and len(heads) == 1:
            m.kind = "document"
        if det in ("a", "an", "another") and m.kind == "generic":
            m.kind = "indefinite"
        return m

    def _known(self, m: Mention, known: Actor, full: str) -> Mention:
        m.kind = "name"
        m.name = known.name
        m.org = known
        m.side = known.side
        m.official = known.kind != "person" or bool(known.role)
        m.reasons.append(f"{full!r} is the known actor {known.name!r}")
        return m

    def _tail_org(self, tail: Sequence[Tok]) -> Actor | None:
        """An organisation named after "of"/"for": known, or a ministry-like body."""
        words = [t for t in tail if t.cap or t.low in _PREPS or t.low.endswith("'s")]
        text = " ".join(t.text for t in words)
        if not text:
            return None
        known = self.reg.resolve(text)
        if known is not None:
            return known
        if any(t.low in self.rules.body_heads for t in words):
            # a think tank or a university speaks for nobody's government
            academic = any(t.low in _ACADEMIC for t in words)
            side = None if academic else self.reg.side_for(text)
            return Actor(name=text, kind="body", side=side)
        return None

    def _is_titleword_cap(self, toks: Sequence[Tok], k: int) -> bool:
        """A capitalised title inside a name run is still a title when a name follows
        ("Deputy Chairman Dmitry Medvedev")."""
        return k + 1 < len(toks) and toks[k + 1].cap

    def _title_at(self, toks: Sequence[Tok], k: int) -> str | None:
        low = toks[k].low
        if low not in self.rules.titles:
            return None
        for phrase in self.rules.title_index.get(low.rstrip("."), ()):
            words = phrase.split()
            if words[0] != low.rstrip(".") and words[0] != low:
                continue
            if k + len(words) > len(toks):
                continue
            seq = [t.low for t in toks[k : k + len(words)]]
            if all(
                s == w or s.rstrip(".") == w.rstrip(".") for s, w in zip(seq, words, strict=True)
            ):
                # "Minister of Energy": take the department along
                end = k + len(words)
                if words[-1] == "of" and end < len(toks):
                    return phrase + " " + toks[end].low
                if (
                    end + 1 < len(toks)
                    and toks[end].low == "of"
                    and toks[end + 1].low
                    in (
                        "energy",
                        "defence",
                        "defense",
                        "foreign",
                        "health",
                        "interior",
                        "justice",
                        "finance",
                        "economy",
                    )
                ):
                    return phrase + " of " + toks[end + 1].low
                return phrase
        return None

    def _side_of_words(self, toks: Sequence[Tok]) -> str | None:
        for t in toks:
            c = self.reg.demonym(t.text)
            if c:
                return c
        return self.reg.side_for(" ".join(t.text for t in toks))

    def _split_joint(self, par: Paragraph, sent: Sentence, toks: Sequence[Tok]) -> list[Mention]:
        """ "Trump and Zelenskyy" -> two mentions; "observers and analysts" stays one;
        "Saudi and Yemeni officials" -> "Saudi officials", "Yemeni officials"."""
        lows = [t.low for t in toks]
        depth_prep = False
        idx = -1
        for k, low in enumerate(lows):
            if low in _PREPS and k > 0:
                depth_prep = True
            if low == "and" and not depth_prep:
                idx = k
                break
        if idx <= 0 or idx >= len(toks) - 1:
            return []
        left, right = toks[:idx], toks[idx + 1 :]
        if left and left[-1].text == ",":
            left = left[:-1]
        if not left:
            return []
        # "Saudi and Yemeni officials"
        if len(left) == 1 and self.reg.demonym(left[0].text) and len(right) >= 2:
            c2 = self.reg.demonym(right[0].text)
            if c2:
                head = " ".join(t.text for t in right[1:])
                out = []
                for adj in (left[0], right[0]):
                    country = self.reg.demonym(adj.text)
                    mm = Mention(f"{adj.text} {head}", adj.start, toks[-1].end, "generic")
                    mm.name = f"{adj.text} {head}"
                    mm.side = country
                    mm.official = True
                    out.append(mm)
                return out
        r = self.rules
        if not any(t.cap and t.low not in r.generic for t in (*left, *right)):
            return []  # "observers and analysts"
        groups: list[list[Tok]] = [[]]
        for t in left:  # "The United Arab Emirates, India and Pakistan": three speakers
            if t.text == ",":
                groups.append([])
            else:
                groups[-1].append(t)
        if len(groups) > 1 and all(groups):
            parts = [self._analyse_toks(par, sent, g) for g in (*groups, right)]
            if all(p is not None and p.kind == "name" for p in parts):
                return [p for p in parts if p is not None]
        a = self._analyse_toks(par, sent, left)
        b = self._analyse_toks(par, sent, right)
        if a is None or b is None:
            return []
        if a.kind == "name" and a.org is not None and a.org.kind == "body" and b.kind != "name":
            return []
        # a title before the first name applies to the first only: "analysts X and Y"
        return [a, b]

    def _analyse_toks(self, par: Paragraph, sent: Sentence, toks: Sequence[Tok]) -> Mention | None:
        if not toks:
            return None
        a = sent.toks.index(toks[0])
        b = sent.toks.index(toks[-1])
        return self._analyse(par, sent, a, b, appositive=True)

    # ---------------------------------------------------------------- actors
    def _actor_named(self, name: str) -> Actor:
        actor, _ = self.ctx.resolve_name(name)
        return actor or Actor(name=name, kind="person")

    def _actors_for(self, par: Paragraph, sent: Sentence, m: Mention) -> list[Actor]:
        """Actors a mention stands for, resolved through the article context."""
        if m.kind == "joint":
            out = []
            for p in m.parts:
                out.extend(self._actors_for(par, sent, p))
            if len(out) > 1:
                self.prev_joint = tuple(out)
            return out
        actor = self._actor(par, sent, m)
        if actor is None:
            return []
        if m.kind == "pronoun" and m.text.lower() == "they" and self.prev_joint:
            if actor.name in {a.name for a in self.prev_joint} or actor.kind == "group":
                m.reasons.append("'they' is the joint speakers named before")
                return list(self.prev_joint)
        if m.kind != "pronoun":
            self.prev_joint = ()
        return [actor]

    def _actor(self, par: Paragraph, sent: Sentence, m: Mention) -> Actor | None:
        r = self.rules
        ctx = self.ctx
        if m.kind == "pronoun":
            p = m.text.lower()
            if p in ("it", "they"):
                near = self._nearest_body(par, sent, m.start)
                if near is not None:
                    m.reasons.append(f"{m.text!r} is {near.name}, named before it in the sentence")
                    return ctx.remember(near)
            if p == "they" and self.prev_joint:
                return self.prev_joint[0]
            if p in ("he", "she"):
                sm = self._sentence_subject(par, sent)
                if sm is not None and sm.kind == "name" and sm.end <= m.start:
                    a = self._actor(par, sent, sm)
                    if (
                        a is not None
                        and a.kind == "person"
                        and (a.gender is None or a.gender == {"he": "m", "she": "f"}[p])
                    ):
                        m.reasons.append(f"{m.text!r} is the sentence's subject, {a.name}")
                        return a
            prev = self.prev_subject if p == "it" else self.prev_narrated
            if (
                prev is not None
                and p in ("he", "she", "it")
                and (
                    (p == "it" and prev.kind in ("body", "government"))
                    or (
                        p != "it"
                        and prev.kind == "person"
                        and prev.gender in (None, {"he": "m", "she": "f"}[p])
                    )
                )
            ):
                m.reasons.append(f"{m.text!r} is the subject of the sentence before, {prev.name}")
                return ctx.remember(prev)
            actor, why = ctx.resolve_pronoun(p)
            if actor is None and p in ("he", "she", "i") and self.prev_par_subject is not None:
                actor, why = self.prev_par_subject, "pronoun: subject of the previous paragraph"
            if actor is not None:
                m.reasons.append(why)
            return actor
        if m.kind == "document":
            if (m.name or "").split()[-1] not in _ISSUED:
                return None  # "the report said": whose report is not known
            issuer = ctx.last_document_issuer or ctx.last_speaker
            if issuer is not None:
                m.reasons.append(f"'{m.text}' speaks for {issuer.name}, who issued it")
            return issuer
        if m.name and m.name.split()[-1].lower() in r.excluded:
            return None
        if m.kind == "name" and m.org is not None:
            org = m.org
            if org.role == "ministry" and org.side is None:
                side = self._context_side(par, sent, "ministry")
                if side:
                    org = replace(org, name=f"{self.reg.adjective(side)} {org.name}", side=side)
                    m.reasons.append(f"{m.text!r}: the ministry of {side} (context)")
            return ctx.remember(self._with_role(org, m))
        if m.kind == "name" and m.name:
            actor, why = ctx.resolve_name(m.name)
            if actor is not None:
                m.reasons.append(why)
                return ctx.remember(self._with_role(actor, m))
            kind = "person"
            words = m.name.lower().split()
            if any(w in r.body_heads for w in words) or (len(words) == 1 and m.name.isupper()):
                kind = "body"
            side = m.side if (m.official or kind == "body") else None
            if kind == "body" and any(w in _PRIVATE_HEADS for w in words):
                # "the Indonesian Palm Oil Association": a country's trade body or
                # research institute does not speak for its government
                side = None
                m.reasons.append(f"{m.name!r} is a private or academic body: no side")
            elif kind == "body" and side is None:
                side = self.reg.side_for(m.name) or self._place_side(m.text)
                state = next((w for w in words if w in self.rules.state_heads), None)
                if side is None and state is not None and not self._multi_country(m.text):
                    # "the Directorate of Criminal Investigations": a state body of the
                    # country the article is about
                    side = self._context_side(par, sent, state)
                    if side:
                        m.reasons.append(f"side {side}: a state body ({state!r}) in context")
            if kind == "person" and len(words) == 1 and m.name.endswith("s"):
                kind = "group"  # "Republicans", "Palestinians"
            if kind == "person" and side is None and (m.role or m.official):
                # "commission trade spokesperson X": the body of the title, named before
                low = _LOWER_LEAD.search(par.text, max(sent.start, m.start - 40), m.start)
                title = (low.group(0) if low else "") + " " + m.text[: m.text.find(m.name)]
                body = self._role_body(title)
                if body is not None:
                    side = body.side
                    m.reasons.append(f"side {side} of {body.name}, the body of the title")
            if (
                kind == "person"
                and side is None
                and m.official
                and m.role
                and not self._names_other_body(par, sent, m)
            ):
                own = m.text[: m.text.find(m.name)] if m.name and m.name in m.text else ""
                before = par.text[max(sent.start, m.start - 40) : m.start] + own
                if _ITS_ROLE.match(par.text, m.start) or _ITS_ROLE.search(before):
                    # "Its spokesman, X": the body just named speaks through X
                    body = self.narrated_body or ctx.resolve_pronoun("it")[0]
                    side = body.side if body is not None else None
                    if side:
                        m.reasons.append(f"side {side} of {body.name if body else ''} ('its')")
                if side is None:
                    side = self._context_side(par, sent, m.role, mention=before)
                if side:
                    m.reasons.append(f"side {side} from the context of an official")
            gender = None
            if m.role and any(w in m.role for w in ("spokeswoman", "chairwoman", "congresswoman")):
                gender = "f"
            elif m.role and any(w in m.role for w in ("spokesman", "chairman", "congressman")):
                gender = "m"
            if gender is None and kind == "person" and len(words) > 1:
                gender = self.reg.gender(m.name)
            actor = Actor(name=m.name, kind=kind, side=side, role=m.role, gender=gender)
            m.reasons.append(f"new {kind} {m.name!r}" + (f", side {side}" if side else ""))
            return ctx.remember(actor)
        if m.kind == "group-of" and m.name:
            return ctx.remember(Actor(name=m.name, kind="group", side=m.side, role=m.role))
        if m.kind == "definite" and m.name:
            return self._definite(par, sent, m)
        if m.kind in ("generic", "indefinite") and m.name:
            name = m.name
            if m.kind == "indefinite":
                name = f"unnamed {name}" if not name.startswith(("senior", "unnamed")) else name
            side = m.side or self._place_side(m.text)
            lead = par.text[max(sent.start, m.start - 60) : m.start]
            if side is None:
                # "the European Union's election observation mission": the owner's side
                pm = _OWNER_BEFORE.search(lead)
                owner = self.reg.resolve(pm.group(1), exact=True) if pm else None
                if owner is not None and owner.side:
                    side = owner.side
                    m.reasons.append(f"side {side} of its owner {owner.name}")
            marks = set(_WORD.findall(m.text.lower()))
            if marks & _UNOFFICIAL_MARKS or ("local" in marks and marks & _PRESS):
                pass  # "local media", "a club official": nobody's government
            elif side is None and m.official and not self._multi_country(m.text):
                side = self._context_side(par, sent, m.name, mention=lead)
                if side:
                    m.reasons.append(f"side {side} from the context")
            known = self.reg.resolve(m.text)
            if known is not None:
                return ctx.remember(known)
            kind = (
                "group" if name.endswith("s") else "person" if m.kind == "indefinite" else "group"
            )
            return ctx.remember(Actor(name=name, kind=kind, side=side, role=m.role))
        return None

    def _place_side(self, text: str) -> str | None:
        """The country of a region the article placed in one ("Gujarat state inspectors"
        after "the Indian state of Gujarat")."""
        if not self.places:
            return None
        for w in _CAP_RUN.findall(text):
            words = [fold(_strip_poss(x)) for x in w.split()]
            for k in range(len(words)):
                for part in (" ".join(words[k : k + 2]), words[k]):
                    side = self.places.get(part)
                    if side:
                        return side
        return None

    def _names_other_body(self, par: Paragraph, sent: Sentence, m: Mention) -> bool:
        """ "A World Anti-Doping Agency spokeswoman, X": the title names a body of its
        own that has no country, so the article's country is not X's side."""
        text = par.text[max(sent.start, m.start - 80) : m.end]
        if any(w in ("company", "firm", "club", "team") for w in m.text.lower().split()):
            return True  # "company spokesperson X" speaks for the company
        for mm in _CAP_RUN_OF.finditer(text):
            words = mm.group(0).split()
            if len(words) > 1 and words[-1].lower() in self.rules.body_heads:
                if self.reg.side_for(mm.group(0)) is None:
                    return True
        return False

    def _role_body(self, role: str) -> Actor | None:
        """The body a title names by its head noun ("commission" in "commission trade
        spokesperson"), when the article named that body before and it has a side."""
        for w in role.lower().split():
            if w in self.rules.body_heads:
                actor, _ = self.ctx.resolve_definite(w)
                if actor is not None and actor.kind in ("body", "government") and actor.side:
                    return actor
        return None

    def _with_role(self, actor: Actor, m: Mention) -> Actor:
        if m.role and not actor.role:
            return replace(actor, role=m.role)
        return actor

    def _multi_country(self, text: str) -> bool:
        """A speaker made of several countries has no single side."""
        low = text.lower()
        if any(w in low for w in ("western", "international", "countries", "nations", "several")):
            return True
        named = {
            a.name
            for w in _CAP_RUN.findall(text)
            if (a := self.reg.resolve(w, exact=True)) is not None and a.kind == "government"
        }
        return len(named) > 1

    def _definite(self, par: Paragraph, sent: Sentence, m: Mention) -> Actor | None:
        """ "the ministry", "the Ukrainian president", "the army", "the service"."""
        head = (m.name or "").split()
        if m.det in ("his", "her") and head:
            # "his office said": the office of the person just named
            person, why = self.ctx.resolve_pronoun("he" if m.det == "his" else "she")
            if person is not None:
                m.reasons.append(f"'{m.det}' is {person.name}")
                side = None if head[-1] in _PARTISAN else person.side
                return self.ctx.remember(
                    Actor(name=f"{person.name}'s {' '.join(head)}", kind="group", side=side)
                )
        if head and head[-1] in ("company", "firm", "bloc") and m.det == "the":
            named = self._named_before(par, sent, head[-1])
            if named is not None:
                m.reasons.append(f"'the {head[-1]}' is {named.name}, named before")
                return self.ctx.remember(named)
        synonyms = {"army": "military", "armed forces": "military", "forces": "military"}
        words = [synonyms.get(w, w) for w in head if w not in self.rules.modifiers or w in (
            "military", "army", "navy")]  # fmt: skip
        if not words:
            words = head
        key = " ".join(words[-2:]) if len(words) > 1 else words[-1] if words else ""
        actor, why = self.ctx.resolve_definite(key, side=m.side)
        if actor is None and len(words) > 1:
            actor, why = self.ctx.resolve_definite(words[-1], side=m.side)
        if actor is not None:
            m.reasons.append(why)
            return self.ctx.remember(actor)
        # "the military", "the air force", "the Ministry of Interior": a national body of
        # the side the article is about
        base = " ".join(head)
        side = m.side or (
            self._context_side(par, sent, base)
            if m.official and not self._multi_country(m.text)
            else None
        )
        if side is None or self._place_side(m.text):
            side = side or self._place_side(m.text)
            if side:  # "the Gujarat state government": a region's body keeps its name
                return self.ctx.remember(Actor(name=base, kind="body", side=side, role=m.role))
        if side and self.reg.country(side) is None:
            # a country the registry does not know has no adjective to name its bodies
            if base in self.rules.excluded:
                return None
            m.reasons.append(f"'the {base}' of {side} (the article's country)")
            return self.ctx.remember(Actor(name=base, kind="group", side=side, role=m.role))
        if side and self.reg.demonym(head[0]):
            # "the Saudi-led coalition": the side is already in the name
            return self.ctx.remember(Actor(name=base, kind="group", side=side, role=m.role))
        if side:
            guess = self.reg.resolve(f"{self.reg.adjective(side)} {base}")
            if guess is not None:
                m.reasons.append(f"'the {base}' of {side} (context)")
                return self.ctx.remember(guess)
            name = f"{self.reg.adjective(side)} {base}"
            m.reasons.append(f"'the {base}' of {side} (context)")
            return self.ctx.remember(Actor(name=name, kind="body", side=side, role=m.role))
        if base in self.rules.excluded:
            return None
        return self.ctx.remember(Actor(name=base, kind="group", side=None, role=m.role))

    def _named_before(self, par: Paragraph, sent: Sentence, noun: str) -> Actor | None:
        """For "the company"/"the firm": the last company named in the article so far
        ("Meridian Speciality Chemicals", "Harlow Foods Ltd"); for "the bloc": the last
        intergovernmental body (the EU, ASEAN) named."""
        texts = [*self.ctx.texts[:-1], par.text[: sent.end]]
        for text in reversed(texts):
            if noun == "bloc":
                best = None
                for mm in _CAP_RUN_OF.finditer(text):
                    a = self.reg.resolve(mm.group(0), exact=True)
                    if a is not None and a.kind == "body" and a.side == a.name:
                        best = a
                if best is not None:
                    return best
                continue
            found = _COMPANY.findall(text)
            if found:
                name = found[-1]
                known = self.reg.resolve(name, exact=True)
                return known or Actor(name=name, kind="body", side=None)
        return None

    def _context_side(
        self,
        par: Paragraph,
        sent: Sentence,
        head: str | None = None,
        mention: str | None = None,
    ) -> str | None:
        """The country an unqualified official speaks for: a place named in the sentence
        ("in Ukraine's Donetsk region"), else the side of the last national speaker.
        Only for national institutions (``head``): not for "diplomats" or "a company"."""
        if head is not None and (
            head.split()[-1] in _NOT_NATIONAL or head.split()[-1] in _NON_OFFICIAL
        ):
            return None
        text = par.text[sent.start : sent.end]
        first = _CAP_RUN.match(text)
        if first is not None:
            # "Pyongyang has not commented, but state media said …"
            actor = self.reg.resolve(first.group(0), exact=True)
            if actor is not None and actor.kind == "government":
                return actor.side
        for mm in _POSS_PLACE.finditer(text):
            actor = self.reg.resolve(mm.group(1), exact=True)
            if actor is not None and actor.kind == "government":
                return actor.side
        for mm in _IN_PLACE.finditer(text):
            for cand in (mm.group(1), mm.group(1).split()[0]):
                actor = self.reg.resolve(cand, exact=True)
                if actor is not None and actor.kind == "government":
                    return actor.side
        last = self.last_side
        if (
            self.home
            and (
                last is None
                # a country named in passing, or dwarfed by the article's own
                or self.country_counts.get(last, 0) < 3
                or 3 * self.country_counts.get(last, 0) <= self.country_counts[self.home]
            )
            and not (mention is not None and self._foreign_words(mention))
        ):
            # a passing foreigner is not who the article's officials speak for
            last = self.home
        return self._place_side(text) or last

    def _nearest_body(self, par: Paragraph, sent: Sentence, pos: int) -> Actor | None:
        """For "it"/"they": a body or government named earlier in the same sentence; the
        sentence's subject first ("Ukraine's military did not comment, but it said")."""
        sm = self._sentence_subject(par, sent)
        if sm is not None and sm.start < pos:
            if sm.org is not None and sm.org.kind in ("body", "government"):
                return sm.org
            if sm.kind in ("group-of", "definite") and sm.official:
                a = self._actor(par, sent, sm)
                if a is not None and a.kind in ("body", "government", "group"):
                    return a
        text = par.masked[sent.start : pos]
        best = None
        for mm in _CAP_RUN_OF.finditer(text):
            a = self.reg.resolve(mm.group(0))
            if a is not None and a.kind in ("body", "government"):
                best = a
        return best

    def _main_candidate(self, found: Sequence[Candidate]) -> Candidate | None:
        for c in found:
            if not c.relative and c.kind != "according_to" and c.kind != "nominal":
                return c
        return None

    # ---------------------------------------------------------------- other cue kinds
    def _participle(
        self,
        par: Paragraph,
        si: int,
        sent: Sentence,
        ti: int,
        tj: int,
        form: str,
        found: list[Candidate],
    ) -> list[Candidate]:
        toks = sent.toks
        j = ti - 1
        while j >= 0 and toks[j].low in self.rules.between:
            j -= 1
        with_np = self._with_subject(par, sent, j)
        if with_np is not None:
            # "…, with Reuter saying …": the participle has its own subject
            actors = self._actors_for(par, sent, with_np)
            if not actors:
                return []
            return self._participle_out(
                par,
                si,
                sent,
                ti,
                tj,
                form,
                actors,
                f"speaker: 'with {with_np.text}' + participle",
                None,
                with_np,
            )
        if j < 0 or (toks[j].low not in _ATTACH_BEFORE and toks[j].text not in (",", "–", "—")):
            return []
        base = None
        for c in reversed(found):
            if not c.relative and c.kind in ("reported", "direct"):
                base = c
                break
        if base is not None:
            actors = [base.actor]
            if base.joint:
                actors = [self._actor_named(n) for n in base.joint]
            why = f"speaker: same as '{base.cue}' (participle)"
        else:
            sm = self._sentence_subject(par, sent)
            if sm is None:
                return []
            actors = self._actors_for(par, sent, sm)
            why = f"speaker: subject of the sentence {sm.text!r} (participle)"
        if not actors:
            return []
        return self._participle_out(par, si, sent, ti, tj, form, actors, why, base, None)

    def _with_subject(self, par: Paragraph, sent: Sentence, j: int) -> Mention | None:
        """The subject of an absolute "with X saying" ending at token ``j``, or None."""
        toks = sent.toks
        if j < 1 or toks[j].text in (",", "–", "—") or toks[j].low in _ATTACH_BEFORE:
            return None
        k = j
        while k > 0 and j - k < 8 and toks[k - 1].low != "with" and not toks[k - 1].quote:
            if toks[k - 1].text in (",", ";", ":", "(", ")"):
                return None
            k -= 1
        if k < 1 or toks[k - 1].low != "with":
            return None
        m = self._analyse(par, sent, k, j)
        if m is None or m.kind in ("pronoun", "document", "joint"):
            return None
        return m

    def _participle_out(
        self,
        par: Paragraph,
        si: int,
        sent: Sentence,
        ti: int,
        tj: int,
        form: str,
        actors: Sequence[Actor],
        why: str,
        base: Candidate | None,
        subject: Mention | None,
    ) -> list[Candidate]:
        toks = sent.toks
        if form in self.lex.weak and not self._weak_ok(par, sent, tj):
            return []
        start = toks[ti].start
        end = toks[tj - 1].end if tj > 0 else toks[ti].end
        cue_text, stop = self._cue_text(par, sent, form, start, end, tj)
        out = []
        for a in actors:
            out.append(
                Candidate(
                    actor=a,
                    cue=cue_text,
                    kind="reported",
                    sent=si,
                    cue_start=start,
                    cue_end=stop,
                    subj_start=subject.start if subject is not None else start,
                    subj_end=subject.end if subject is not None else start,
                    scope=[],
                    stance_verb=self.lex.verbs.get(form, Stance.ASSERTS),
                    explain=[f"rule: participle '{form}'", why],
                    participle=True,
                    verb=form,
                    joint=tuple(x.name for x in actors) if len(actors) > 1 else (),
                    base=base,
                )
            )
        return out

    def _according(
        self, par: Paragraph, si: int, sent: Sentence, start: int, end: int
    ) -> list[Candidate]:
        rest = par.masked[end : sent.end]
        d = _DOC_PREFIX.match(rest)
        skip = d.end() if d else 0
        tj = self._tok_index(sent, end + skip)
        m = self._np_forward(par, sent, tj)
        if m is None:
            return []
        # "United Nations data"
        if m.kind == "name" and m.name and m.name.split()[-1].lower() in _TRAILING_DOC:
            m.name = " ".join(m.name.split()[:-1])
            m.org = self.reg.resolve(m.name)
        if m.kind in ("generic",) and m.name in _TRAILING_DOC:
            return []
        if m.kind == "definite" and m.name in _TRAILING_DOC:
            return []
        actors = self._actors_for(par, sent, m)
        out = []
        for a in actors:
            out.append(
                Candidate(
                    actor=a,
                    cue="according to",
                    kind="according_to",
                    sent=si,
                    cue_start=start,
                    cue_end=end,
                    subj_start=m.start,
                    subj_end=m.end,
                    scope=[],
                    stance_verb=Stance.ASSERTS,
                    explain=["rule: according to", *m.reasons],
                    verb="according to",
                )
            )
        return out

    def _nominal(
        self, par: Paragraph, si: int, sent: Sentence, mm: re.Match[str], found: list[Candidate]
    ) -> list[Candidate]:
        group = "np"
        if mm.re is _NOMINAL_BY and mm.group("np") is None:
            group = "np2"
        np_text = mm.group(group)
        np_text = _LEAD_DET.sub("", np_text.strip())
        words = np_text.split()
        if words and words[0].lower() in _FUNCTION_CAPS:
            return []
        # keep only the capitalised tail: "remarks from Japanese Prime Minister Sanae Takaichi"
        a = self._tok_index(sent, mm.start(group))
        b = self._tok_index(sent, mm.end(group)) - 1
        if b < a:
            return []
        m = self._analyse(par, sent, a, b)
        if m is None or m.kind not in ("name", "group-of"):
            return []
        actor = self._actor(par, sent, m)
        if actor is None:
            return []
        if (
            actor.kind == "person"
            and not self.reg.resolve(m.name or "")
            and len((m.name or "").split()) < 2
        ):
            known, _ = self.ctx.resolve_name(m.name or "")
            if known is None:
                return []
        noun = mm.group("noun")
        return [
            Candidate(
                actor=actor,
                cue=noun.lower(),
                kind="nominal",
                sent=si,
                cue_start=mm.start("noun"),
                cue_end=mm.end("noun"),
                subj_start=mm.start(group),
                subj_end=mm.end(group),
                scope=[],
                stance_verb=Stance.DENIES
                if noun.startswith(("denial", "rejection"))
                else Stance.ASSERTS,
                explain=[f"rule: nominal '{noun}' with possessor or agent", *m.reasons],
                verb=noun,
                bare=mm.re is _NOMINAL_DENIAL,
            )
        ]

    def _quoted_as(
        self, par: Paragraph, si: int, sent: Sentence, mm: re.Match[str]
    ) -> list[Candidate]:
        a = self._tok_index(sent, mm.start("np"))
        b = self._tok_index(sent, mm.end("np")) - 1
        if mm.group("np").startswith("by "):
            # "The minister was quoted by Reuters as saying …": the subject speaks
            subj = self._subject_before(par, sent, self._tok_index(sent, mm.start()), [])
            m = subj[0] if subj is not None else None
        else:
            m = self._analyse(par, sent, a, b) if b >= a else None
        if m is None or m.kind == "coord":
            return []
        outlet: list[Candidate] = []
        if mm.group("verb") in ("quoted", "cited") and not mm.group("np").startswith("by "):
            # "KCNA quoted a spokesperson as saying …": the outlet reports, a row of its own
            subj = self._subject_before(par, sent, self._tok_index(sent, mm.start()), [])
            if subj is not None and subj[0].kind not in ("coord", "document"):
                om = subj[0]
                outlet = [
                    Candidate(
                        actor=act,
                        cue=mm.group("verb"),
                        kind="reported",
                        sent=si,
                        cue_start=mm.start(),
                        cue_end=mm.start("np"),
                        subj_start=om.start,
                        subj_end=om.end,
                        scope=[],
                        stance_verb=Stance.ASSERTS,
                        explain=[
                            f"rule: 'X {mm.group('verb')} Y as saying': X reports",
                            *om.reasons,
                        ],
                        verb=mm.group("verb"),
                    )
                    for act in self._actors_for(par, sent, om)
                ]
        actors = self._actors_for(par, sent, m)
        return outlet + [
            Candidate(
                actor=act,
                cue=f"{mm.group('verb')} as saying",
                kind="reported",
                sent=si,
                cue_start=mm.start(),
                cue_end=mm.end(),
                subj_start=m.start,
                subj_end=m.end,
                scope=[],
                stance_verb=Stance.ASSERTS,
                explain=[f"rule: '{mm.group('verb')} X as saying'", *m.reasons],
                verb="quoted as saying",
            )
            for act in actors
        ]

    def _quoting(
        self, par: Paragraph, si: int, sent: Sentence, mm: re.Match[str], found: list[Candidate]
    ) -> list[Candidate]:
        """ "SANA, quoting officials, reported": the officials speak too."""
        a = self._tok_index(sent, mm.start("np"))
        b = self._tok_index(sent, mm.end("np")) - 1
        m = self._analyse(par, sent, a, b) if b >= a else None
        if m is None or m.kind not in ("generic", "name", "group-of", "indefinite"):
            return []
        side = m.side
        if side is None and m.kind == "generic":
            # the quoting outlet's country: "Syria's state news agency SANA, quoting officials"
            sm = self._sentence_subject(par, sent)
            if sm is not None:
                outlet = self._actor(par, sent, sm)
                side = outlet.side if outlet else None
        name = m.name or m.text
        if m.kind == "generic" and side and not self.reg.demonym(name.split()[0]):
            name = f"{self.reg.adjective(side)} {name}"
        actor = (
            self.ctx.remember(Actor(name=name, kind="group", side=side))
            if m.kind != "name"
            else (self._actor(par, sent, m))
        )
        if actor is None:
            return []
        return [
            Candidate(
                actor=actor,
                cue=mm.group("verb"),
                kind="reported",
                sent=si,
                cue_start=mm.start("verb"),
                cue_end=mm.end("verb"),
                subj_start=m.start,
                subj_end=m.end,
                scope=[],
                stance_verb=Stance.ASSERTS,
                explain=[f"rule: '{mm.group('verb')} X': the source quoted speaks too"],
                participle=True,
                verb=mm.group("verb"),
            )
        ]

    def _lead_in(self, par: Paragraph, si: int, sent: Sentence) -> list[Candidate]:
        """'From the chairwoman: "…"' and '"…" – Commissioner X'."""
        toks = sent.toks
        qi = [k for k, t in enumerate(toks) if t.quote]
        if not qi:
            return []
        first, last = qi[0], qi[-1]
        m = None
        rule = ""
        if first >= 2 and toks[first - 1].text == ":":
            a = 0
            while a < first - 1 and toks[a].low in ("from", "in", "the", "words", "of"):
                if toks[a].low == "the" and a + 1 < first - 1 and toks[a + 1].low != "words":
                    break
                a += 1
            if a < first - 1:
                m = self._analyse(par, sent, a, first - 2)
                rule = "lead-in colon"
        elif last + 2 < len(toks) and toks[last + 1].text in ("–", "—", "-"):
            e = len(toks) - 1
            while e > last + 1 and toks[e].text in (".", ",", ";"):
                e -= 1
            comma = next((k for k in range(last + 2, e) if toks[k].text == ","), None)
            if (
                comma is not None
                and comma - (last + 2) >= 2
                and all(t.cap for t in toks[last + 2 : comma])
            ):
                # '"…" – Rosa Quispe, president of the tribunal': the name, then its role
                m = self._analyse(par, sent, last + 2, comma - 1)
                if m is not None and m.kind == "name":
                    self._apposition(par, sent, m, comma)
            if m is None or m.kind != "name":
                m = self._analyse(par, sent, last + 2, e)
            rule = "dash attribution"
        if m is None:
            return []
        actors = self._actors_for(par, sent, m)
        return [
            Candidate(
                actor=a,
                cue="",
                kind="direct",
                sent=si,
                cue_start=toks[first].start,
                cue_end=toks[first].start,
                subj_start=m.start,
                subj_end=m.end,
                scope=[],
                stance_verb=Stance.ASSERTS,
                explain=[f"rule: {rule}", *m.reasons],
                verb="",
            )
            for a in actors
        ]

    def _quote_only(self, par: Paragraph, sent: Sentence) -> bool:
        """A sentence that is a quote and nothing else (ignoring punctuation)."""
        for t in sent.toks:
            if not t.quote and t.low and t.low[0].isalnum():
                return False
        quoted = sum(q.end - q.start for q in sent.quotes)
        return quoted > 0 and any(par.text[q.start] in _DOUBLE for q in sent.quotes)

    def _quote_sentence(
        self,
        par: Paragraph,
        si: int,
        sent: Sentence,
        cands: list[Candidate],
        prev_subject: Actor | None,
    ) -> None:
        """A quote with no cue: it continues the previous statement of the paragraph, or
        of the previous paragraph, or it belongs to the person just named."""
        q = sent.quotes[0]
        if cands:
            base = cands[-1]
            base.scope.append((sent.start, sent.end))
            base.explain.append("quote continues in the next sentence")
            self._extend_quote(par, base, sent)
            base.extra_end = sent.end
            return
        actor = None
        why = ""
        date = None
        if si == 0 and self.prev_par and self.prev_actor is not None:
            last = self.prev_par[-1]
            actor = self.prev_actor
            why = f"quote-only paragraph: continues {last.speaker} from line {last.line}"
            date = (last.date, last.date_precision, "inherited from the statement it continues")
        elif prev_subject is not None:
            actor = prev_subject
            why = f"quote with no cue: the speaker named just before, {actor.name}"
        elif si == 0 and self.prev_par_subject is not None:
            actor = self.prev_par_subject
            why = f"quote with no cue: the speaker named in the previous paragraph, {actor.name}"
        if actor is None:
            return
        c = Candidate(
            actor=actor,
            cue="",
            kind="direct",
            sent=si,
            cue_start=q.start,
            cue_end=q.start,
            subj_start=q.start,
            subj_end=q.start,
            scope=[(sent.start, sent.end)],
            stance_verb=Stance.ASSERTS,
            explain=["rule: quote continuation", why],
            quote=_join_quotes(par.text, sent.quotes),
            date=date,
        )
        cands.append(c)

    def _extend_quote(self, par: Paragraph, base: Candidate, sent: Sentence) -> None:
        more = _join_quotes(par.text, sent.quotes)
        if base.kind != "direct":
            return
        if not base.quote:
            base.quote = more
            return
        text = par.text
        at = text.find(base.quote)
        tail = text.find(more, sent.start) if more else -1
        if at >= 0 and tail >= at and not _has_word(text[at + len(base.quote) : tail]):
            # '"… ." "…': one quotation over two sentences, kept as printed
            base.quote = text[at : tail + len(more)]
        else:
            base.quote = f"{base.quote} {more}".strip()

    def _remember_subject(self, par: Paragraph, sent: Sentence) -> Actor | None:
        """Narration: remember a person named as a sentence's subject, for later "he",
        and a national body, for a later "the ministry"."""
        if sent.start >= len(par.masked) or par.masked[sent.start] == MASK:
            return None  # a quotation opens the sentence: no narration subject
        toks = sent.toks
        if not toks or not (toks[0].cap or _AGE.match(toks[0].low)):
            return None
        if toks[0].low in self.rules.determiners or self.reg.demonym(toks[0].text):
            self._remember_body(par, sent)
        if toks[0].low in _FUNCTION_CAPS and toks[0].low not in self.rules.determiners:
            return None
        k = 0
        while k < len(toks) and k < 8 and (toks[k].cap or toks[k].low in self.rules.particles
                                            or _AGE.match(toks[k].low)
                                            or toks[k].low.startswith("al-")):  # fmt: skip
            k += 1
        if k == 0:
            return None
        m = self._analyse(par, sent, 0, k - 1)
        if m is None or m.kind != "name" or not m.name:
            return None
        if m.org is not None:
            if m.org.kind == "body" and m.org.side:
                # a known agency as a narration subject: "KCNA quoted …" / "It said …"
                self.ctx.remember(m.org)
            return None
        if len(m.name.split()) < 2 and not self.ctx.resolve_name(m.name)[0]:
            if m.name.isupper() or k >= len(toks) or toks[k].cap or not toks[k].low.isalpha():
                return None
        words = m.name.lower().split()
        if any(w in self.rules.body_heads for w in words):
            return None
        self._apposition(par, sent, m, k)
        actor = self._actor(par, sent, m)
        return actor if actor is not None and actor.kind == "person" else None

    def _remember_titled(self, par: Paragraph, sent: Sentence) -> None:
        """Narration: remember a person named with a title anywhere in the sentence
        ("hours after Interior Minister Rafael Ortiz visited", "the office of Governor
        Maria Lopez"), so that a later "the minister" or "she" is that person."""
        run = self.rules.name_run_re
        if run is not None and not run.search(par.masked, sent.start + 1, sent.end):
            return  # no run of three capitalised words or particles: no title and name
        toks = sent.toks
        n = len(toks)
        k = 1  # the sentence's own subject is _remember_subject's
        while k < n:
            if not (toks[k].cap and (toks[k].low in self.rules.titles or self.reg.demonym(
                    toks[k].text))):  # fmt: skip
                k += 1
                continue
            e = k
            while e < n and (toks[e].cap or toks[e].low in self.rules.particles) and e - k < 9:
                e += 1
            if e - k >= 3:
                m = self._analyse(par, sent, k, e - 1)
                if (
                    m is not None
                    and m.kind == "name"
                    and m.org is None
                    and m.role
                    and m.name
                    and len(m.name.split()) >= 2
                ):
                    self._apposition(par, sent, m, e)
                    self._actor(par, sent, m)
            k = e + 1

    def _document_issuer(self, par: Paragraph, sent: Sentence) -> None:
        """ "On Tuesday, the bank issued a clarification.": who a following "the statement
        read" speaks for."""
        sm = self._sentence_subject(par, sent)
        if sm is None or sm.kind in ("pronoun", "document", "coord", "joint"):
            return
        actor = self._actor(par, sent, sm)
        if actor is not None and actor.kind != "person":
            self.ctx.spoke(actor, document=True)

    def _remember_body(self, par: Paragraph, sent: Sentence) -> None:
        """ "The Kyrgyz foreign ministry summoned the ambassador.": a body of a known
        country as a narration subject is who a later "the ministry" is."""
        m = self._sentence_subject(par, sent)
        if m is None or m.kind not in ("name", "group-of", "definite") or not m.side:
            return
        if m.kind == "name" and (m.org is None or m.org.kind not in ("body", "government")):
            return
        words = (m.name or "").split()
        heads = self.rules.body_heads
        if (
            m.kind != "name"
            and not (
                m.official
                and words
                # "the Kyrgyz foreign ministry", "Iraq's Ministry of Water Resources"
                and (words[-1] in heads or any(w.lower() in heads for w in words[:3]))
            )
        ):
            return
        self.narrated_body = self._actor(par, sent, m)

    # ---------------------------------------------------------------- cue, scope, kind
    def _cue_text(
        self, par: Paragraph, sent: Sentence, form: str, start: int, end: int, tj: int
    ) -> tuple[str, int]:
        """The cue as the annotation writes it: the verb as printed plus a directly
        attached channel or listener ("told reporters", "said in a statement")."""
        text = par.text
        verb = _SPACES.sub(" ", text[start:end]).lower().translate(_APOS)
        pos = end
        parts = [verb]
        toks = sent.toks
        first = form.split()[0]
        if first in ("told", "tells", "tell", "telling"):
            k = tj
            words: list[Tok] = []
            while k < len(toks) and len(words) < 7:
                t = toks[k]
                if t.quote or t.text in (",", ".", ":", ";", "(") or t.low in (
                    "that", "on", "in", "about", "after", "before", "during", "at", "when",
                    "while", "as", "of", "if", "whether",
                ):  # fmt: skip
                    break
                if not t.cap and t.low not in self.rules.listeners and t.low not in (
                    "the", "a", "an", "&", "co.", "state-run", "state", "news", "agency",
                    "media", "television", "broadcaster", "newspaper", "outlet", "radio",
                    "magazine", "channel", "network", "daily", "'s",
                ) and not t.low.endswith("'s"):  # fmt: skip
                    break
                words.append(t)
                k += 1
            while words and words[-1].low in ("the", "a", "an", "&"):
                words.pop()  # "told reporters the claim …": the listener ends before "the"
            if words:
                pos = words[-1].end
                listener = text[words[0].start : pos]
                if listener.lower() not in ("him", "her", "them", "us", "me"):
                    parts.append(listener.lower().translate(_APOS))
        while True:
            m = self.rules.channel_re.match(text, pos, sent.end)
            if not m:
                break
            parts.append(m.group(0).strip().lower().translate(_APOS))
            pos = m.end()
        return " ".join(parts), pos

    def _scopes(self, par: Paragraph, sent: Sentence, found: list[Candidate]) -> None:
        """Each candidate's own words: from its cue to the next cue of another
        statement, plus a quote right before an attribution ('"…," X said')."""
        if not found:
            return
        starts = sorted(
            {
                min(c.subj_start, c.cue_start)
                for c in found
                if c.kind not in ("according_to",) and not c.bare
            }
        )
        text = par.text
        for c in found:
            if c.scope:
                continue
            if c.kind == "according_to":
                # the rest of the sentence is what the source says
                c.scope = [(sent.start, min(c.cue_start, c.subj_start)), (c.subj_end, sent.end)]
                continue
            if c.kind == "nominal":
                c.scope = [(c.cue_end, self._clause_end(par, sent, c.cue_end))]
                continue
            nxt = [s for s in starts if s > c.cue_end]
            end = nxt[0] if nxt else sent.end
            if c.relative:
                end = min(end, self._clause_end(par, sent, c.cue_end))
            c.scope = [(c.cue_end, end)]
            # a quote before the attribution is the content: '"…," X said'
            head = min(c.subj_start, c.cue_start)
            before = [q for q in sent.quotes if q.end <= head]
            if before and not any(s < head and s > before[-1].end for s in starts if s != head):
                gap = par.masked[before[-1].end : head]
                if _GAP_PUNCT.fullmatch(gap):
                    c.scope.append((sent.start, head))
                    if not text[sent.start : before[0].start].strip(" ,") or text[
                        sent.start : before[0].start
                    ].rstrip().endswith(","):
                        c.kind = "direct"
                        c.quote = _join_quotes(text, before)
            # "X said: "…"" / "adding: "…"" / '"…," said X, "…"'
            tail = max(c.cue_end, c.subj_end)
            after = [q for q in sent.quotes if q.start >= tail]
            if after and not any(tail < s2 < after[0].start for s2 in starts):
                gap = par.masked[tail : after[0].start]
                if _GAP_END.search(gap) and len(gap.split()) <= 6 and not _GAP_THAT.search(gap):
                    more = _join_quotes(text, after)
                    if c.kind == "direct" and c.quote:
                        c.quote = f"{c.quote} {more}"
                    else:
                        c.kind = "direct"
                        c.quote = more

    def _clause_end(self, par: Paragraph, sent: Sentence, pos: int) -> int:
        m = _CLAUSE_STOP.search(par.masked[pos : sent.end])
        return pos + (m.start() if m else 0) if m and m.start() > 0 else sent.end

    # ---------------------------------------------------------------- stance
    def _phrase_stances(self, text: str) -> list[tuple[Stance, str]]:
        """Stance cue phrases in ``text`` that no negation in front of them cancels
        (cached per article: a statement's words are looked at more than once)."""
        hit = self._stance_cache.get(text)
        if hit is None:
            hit = self._stance_cache[text] = self._find_phrase_stances(text)
        return hit

    def _find_phrase_stances(self, text: str) -> list[tuple[Stance, str]]:
        words = _WORD.findall(text.lower().translate(_NO_QUOTES))
        rules = self.rules
        masked: set[int] = set()
        for i, w in enumerate(words):
            for seq, _ in rules.mask_index.get(w, ()):
                end = _match_seq(words, i, seq)
                if end:
                    masked.update(range(i, end))
                    break
        found = []
        for i, w in enumerate(words):
            entries = rules.stance_index.get(w)
            if not entries or i in masked:
                continue
            for seq, (stance, phrase) in entries:
                if _match_seq(words, i, seq) and not self._phrase_negated(words, i, phrase):
                    found.append((stance, phrase))
                    break
        return found

    def _phrase_negated(self, words: Sequence[str], i: int, phrase: str) -> bool:
        first = phrase.split()[0]
        if first in self.rules.negators or phrase in self.rules.immune:
            return False
        if first.startswith(
            ("no", "not", "never", "didn", "doesn", "don", "nobody", "hasn", "without")
        ):
            return False
        window = words[max(0, i - self.lex.negation_window) : i]
        return any(w in self.rules.negators or w.endswith("n't") for w in window)

    def _verb_clause_stance(self, par: Paragraph, c: Candidate) -> tuple[Stance, str] | None:
        """Stance from the cue verb and its own clause together: "insisted that it had
        not ..." denies, "conceded that it had been wrong" retracts."""
        lex = self.lex
        if (
            c.kind == "direct"
            and c.quote
            and c.stance_verb is Stance.ASSERTS
            and c.verb in lex.words("stance.neutral_verbs")
        ):
            # '"We did not fire on anyone," the army said': the quote opens with the
            # speaker's own negated act (first person only: a quoted "they" is others;
            # "we are not asking for favours" is a stand and "we have never been closer"
            # a boast, not a deed denied)
            words = _WORD.findall(c.quote.lower().translate(_NO_QUOTES))
            if words and words[0] in ("we", "i", "our", "my"):
                hit = self._self_negation(words)
                if hit and not hit.endswith(("ing", " been")):
                    return Stance.DENIES, f"stance denies: quote opening '{hit}'"
            return None
        if c.kind != "reported" or not c.scope:
            return None
        a, b = c.scope[0]
        words = _WORD.findall(par.text[a:b].lower().translate(_NO_QUOTES))
        if c.verb in lex.words("stance.insist_verbs"):
            before = par.text[max(0, c.subj_start - 12) : c.subj_start]
            if c.subj_start < c.cue_start and _CONTRAST_END.search(before):
                # "Seoul says it shot the missile down, but Pyongyang insists it hit its
                # target": holding a position against the claim just reported
                return Stance.DENIES, f"stance denies: '{c.verb}' against the account before"
            neg = lex.words("stance.clause_negators")
            modal = lex.words("stance.pledge_modals")
            for i, w in enumerate(words[:8]):
                if not (w in neg or w.endswith("n't")):
                    continue
                # "insisted Kyiv won't give up land" is a pledge, not a denial
                if w.startswith(tuple(modal)) or (i and words[i - 1] in modal):
                    break
                return Stance.DENIES, f"stance denies: '{c.verb}' with a negated clause"
        if c.stance_verb is Stance.ASSERTS and c.verb in lex.words("stance.neutral_verbs"):
            own_error = self._self_error(words, c.actor)
            if own_error:
                return Stance.RETRACTS, f"stance retracts: '{c.verb}' with '{own_error}'"
            hit = self._self_negation(words)
            if hit:
                return Stance.DENIES, f"stance denies: '{c.verb}' with '{hit}'"
        if c.verb in lex.words("stance.admit_verbs"):
            err = lex.words("stance.error_words")
            hit = next((w for w in words[:14] if w in err), None)
            if hit:
                return Stance.RETRACTS, f"stance retracts: '{c.verb}' an error ('{hit}')"
        return None

    def _self_error(self, words: Sequence[str], actor: Actor) -> str | None:
        """ "said he had been mistaken", "said it was wrong to publish the figure": the
        speaker's own error, as printed, or None. "said the report was wrong" and "said
        they were wrong" (somebody else) are not."""
        lex = self.lex
        k = 1 if words and words[0] == "that" else 0
        if actor.kind == "person":
            own = {"i", "he", "she"} - ({"she"} if actor.gender == "m" else set())
            own -= {"he"} if actor.gender == "f" else set()
        else:
            own = {"it", "we"}
        if k >= len(words) or words[k] not in own:
            return None
        j = k + 1
        aux = lex.words("stance.clause_auxiliaries")
        while j < len(words) and j <= k + 3 and (words[j] in aux or words[j] == "been"):
            j += 1
        if j == k + 1 or j >= len(words):
            return None
        if words[j] in ("wrong", "mistaken", "in") and (
            words[j] != "in" or words[j + 1 : j + 2] == ["error"]
        ):
            return " ".join(words[k : j + (2 if words[j] == "in" else 1)])
        return None

    def _self_negation(self, words: Sequence[str]) -> str | None:
        """The negation that opens a reported clause about the speaker's own doing
        ("it had not been hacked", "its troops did not fire", "no shots were fired"),
        as printed, or None."""
        lex = self.lex
        k = 1 if words and words[0] == "that" else 0
        if k >= len(words):
            return None
        start = k
        other = False
        if words[k] in ("no", "none"):
            # "no shots were fired", "no such order had been issued", "none of its
            # soldiers were involved"
            j = k + 1
            while (
                j < len(words)
                and j <= k + 4
                and words[j] not in lex.words("stance.clause_auxiliaries")
            ):
                j += 1
            if j >= len(words) or j == k + 1 or j > k + 4:
                return None
            if words[j] not in ("had", "has", "have", "was", "were"):
                return None
            nxt = words[j + 1 : j + 3]
            if not nxt or any(w in lex.words("stance.self_negation_skip") for w in nxt):
                return None
            return " ".join(words[start : j + 2])
        if words[k] in lex.words("stance.self_subjects"):
            k += 1
        elif words[k] in lex.words("stance.self_possessives") or (
            other := words[k] in lex.words("stance.other_subjects")
        ):
            k += 1
            while (
                k < len(words)
                and k <= start + 3
                and words[k] not in lex.words("stance.clause_auxiliaries")
            ):
                k += 1
        else:
            return None
        if (
            k < len(words)
            and words[k] in lex.words("stance.clause_auxiliaries")
            and words[k] != "never"  # "it never shelled the town": the negation itself
        ):
            k += 1
        if k >= len(words):
            return None
        w = words[k]
        neg = w in ("not", "never") or (w.endswith("n't") and not w.startswith(_MODAL_NT))
        if not neg or words[k - 1] in lex.words("stance.pledge_modals"):
            return None
        rest = words[k + 1 : k + 3]
        if not rest or any(x in lex.words("stance.self_negation_skip") for x in rest[:1]):
            return None
        if " ".join(rest) in lex.words("stance.self_negation_skip"):
            return None
        if other and (
            rest[0] in lex.words("stance.other_negation_skip")
            or "but" in words[k + 1 : k + 6]
            or words[k - 1] not in lex.words("stance.other_past_auxiliaries")
        ):
            # "said the attack was not a lie but a warning": a correction of the word;
            # "said the commission does not negotiate on tariffs": a standing policy
            return None
        return " ".join(words[start : k + 2])

    def _stance(self, par: Paragraph, c: Candidate) -> tuple[Stance, str]:
        lex = self.lex
        order = {s: i for i, s in enumerate(lex.priority)}
        best: tuple[Stance, str] = (Stance.ASSERTS, "no stance cue: asserts")
        if c.stance_verb is not Stance.ASSERTS:
            best = (c.stance_verb, f"stance {c.stance_verb.value} from the cue '{c.verb}'")
        # "condemned Moscow's claims", "slammed the allegations": rejecting a claim
        obj = par.text[c.cue_end : c.cue_end + 40].translate(_APOS).lower()
        obj_words = _WORD.findall(obj)[:4]
        if c.verb in ("condemned", "condemns", "slammed", "criticised", "criticized",
                      "denounced", "lambasted", "decried", "ridiculed", "mocked", "portrayed",
                      "portrays", "described", "describes", "characterised", "characterized",
                      "branded", "brands") and any(
            w in lex.claim_nouns for w in obj_words
        ):  # fmt: skip
            cand = (Stance.DENIES, f"stance denies: '{c.verb}' with a claim as its object")
            if order[cand[0]] < order[best[0]]:
                best = cand
        own = False
        for a, b in c.scope:
            seg = par.text[a:b]
            if a == c.cue_end and self.rules.hedge_re is not None:
                h = self.rules.hedge_re.match(seg.translate(_NO_QUOTES))
                if h:
                    seg = " " * h.end() + seg[h.end() :]
            hedge = _HEDGED.search(seg)
            for stance, phrase in self._phrase_stances(seg):
                own = True
                if stance is Stance.DENIES and hedge is not None:
                    # "one of the stories is not true, and possibly neither is": a guess
                    stance = Stance.DOUBTS
                    phrase = f"{phrase}' hedged by '{hedge.group(0)}"
                if order[stance] < order[best[0]]:
                    best = (stance, f"stance {stance.value} from the phrase '{phrase}'")
        verb_stance = self._verb_clause_stance(par, c)
        if verb_stance is not None and order[verb_stance[0]] < order[best[0]]:
            best = verb_stance
            own = True
        if not own and best[0] is Stance.ASSERTS and c.sent < len(par.sentences):
            # The narrator's framing before the cue in its sentence ("X appeared to
            # accept the Russian version when he told reporters"): acceptance or a
            # walk-back said of the speaker counts, nothing else.
            frame = par.text[par.sentences[c.sent].start : min(c.subj_start, c.cue_start)]
            for stance, phrase in self._phrase_stances(frame):
                if stance in (Stance.CONFIRMS, Stance.RETRACTS):
                    best = (stance, f"stance {stance.value} from the framing '{phrase}'")
                    break
        if (
            not own
            and c.participle
            and c.base is not None
            and c.verb in _NEUTRAL_PARTICIPLES
            and best[0] is Stance.ASSERTS
        ):
            inherited, _ = self._stance(par, c.base)
            if inherited is not Stance.ASSERTS:
                best = (inherited, f"stance {inherited.value} of '{c.base.cue}' it continues")
        return best

    # ---------------------------------------------------------------- dates
    def _date(
        self, par: Paragraph, sent: Sentence, c: Candidate, prior: Sequence[Candidate]
    ) -> tuple[str | None, str | None, str]:
        anchor = self.anchor
        expr, where = self._own_time(par, sent, c)
        if expr is not None:
            when = expr.resolve(anchor)
            if when is not None:
                return when.date, when.precision.value, f"date from '{expr.text}' ({where})"
            if expr.vague:
                return None, None, f"'{expr.text}' ({where}) gives no date"
            return None, None, f"'{expr.text}' ({where}) but the article is undated"
        for p in reversed(prior):
            if (
                p.actor.name == c.actor.name
                and p.date is not None
                and p.kind in ("reported", "direct")
                and (p.sent == c.sent or p.participle is False)
            ):
                return p.date[0], p.date[1], f"date of the same speaker's '{p.cue}' before"
        if anchor is not None:
            return anchor.isoformat(), "day", "date from article (no time expression)"
        return None, None, self.anchor_note or "no date: undated article, no absolute date"

    def _times(self, par: Paragraph, sent: Sentence, a: int, b: int) -> list[TimeExpr]:
        """Time expressions of the sentence lying within ``a..b`` (paragraph offsets)."""
        if sent.times is None:
            text = par.text[sent.start : sent.end]
            sent.times = (
                [
                    TimeExpr(t.start + sent.start, t.end + sent.start, t.text, t.kind, t.match)
                    for t in find_times(text)
                ]
                if _TIME_HINT.search(text)
                else []
            )
        return [t for t in sent.times if t.start >= a and t.end <= b]

    def _own_time(
        self, par: Paragraph, sent: Sentence, c: Candidate
    ) -> tuple[TimeExpr | None, str]:
        """A time expression that dates the speech act itself, and where it was found."""
        text = par.text
        if c.kind == "nominal":
            before = text[max(sent.start, c.cue_start - 25) : c.cue_start].lower()
            for w in ("earlier", "previous", "prior", "past"):
                if f"{w} " in before:
                    return TimeExpr(0, 0, w, "vague"), "before the noun"
            return None, ""
        if c.kind == "according_to" or (c.cue == "" and c.kind == "direct"):
            return None, ""
        # (1) fronted: "On Monday, X said" / "In a statement on Friday, the ministry said"
        head = min(c.subj_start, c.cue_start)
        prefix = _LEFT_DET.sub("", text[sent.start : head])  # "In May 2022, the then minister"
        head = sent.start + len(prefix)
        if (
            not c.relative
            and not c.participle
            and prefix.strip().endswith(",")
            and (len(prefix.split()) < 16)
        ):
            # "the 2022 election" names an event, not when the words were said
            times = [t for t in self._times(par, sent, sent.start, head) if t.kind != "eventyear"]
            if times:
                ok = True
                pos = sent.start
                for seg in _SEG_SPLIT.split(prefix.rstrip()[:-1]):
                    a, pos = pos, pos + len(seg) + 1
                    words = seg.split()
                    if not words:
                        continue
                    lead = a + len(seg) - len(seg.lstrip())
                    if words[0].lower() not in _FRONTED and not any(
                        t.start == lead and len(text[t.end : pos - 1].split()) <= 2 for t in times
                    ):
                        # a time inside a clause is the reported content's own ("Results
                        # are due by June 19, the president said"), not the speech act's
                        ok = False
                        break
                if ok:
                    return times[0], "fronted"
        # (2) between subject and verb: "Zelenskyy on Monday said"
        if c.subj_end <= c.cue_start and not c.participle:
            between = text[c.subj_end : c.cue_start]
            if "," not in between and "(" not in between:
                for t in self._times(par, sent, c.subj_end, c.cue_start):
                    return t, "before the verb"
        # (3) right after the verb, its channel and listener: "told reporters on Tuesday"
        after = self._times(par, sent, c.cue_end, sent.end)
        pos = c.cue_end
        for _ in range(4):
            if (
                after
                and after[0].start >= pos
                and (text[pos : after[0].start].strip(" ,").lower() in _TIME_PREPS)
            ):
                return after[0], "after the verb"
            m = self.rules.channel_re.match(text, pos, sent.end)
            if m:
                pos = m.end()
                continue
            m = (
                _PLACE_AFTER.match(text, pos, sent.end)
                or _RELAYED_BY.match(text, pos, sent.end)
                or _OCCASION.match(text, pos, sent.end)
            )
            if m:
                pos = m.end()
                continue
            break
        # (4) "a charge the bank rejected at the time", "the 2019 crisis, when its observers
        # said": the speech act is set back to an absolute time named before it
        if _AT_THE_TIME.match(text, c.cue_end, sent.end) or _WHEN_CLAUSE.search(
            text, sent.start, c.subj_start
        ):
            past = [
                t
                for t in self._times(par, sent, sent.start, min(c.subj_start, c.cue_start))
                if t.absolute
            ]
            if past:
                return past[-1], "the earlier time the sentence names"
        # (5) a participle hanging on a clause that is not a statement:
        # "She sued the department in December 2024, arguing …"
        if c.participle and c.base is None:
            times = self._times(par, sent, sent.start, c.cue_start)
            if times:
                return times[-1], "in the clause the participle hangs on"
        return None, ""

    # ---------------------------------------------------------------- finish, merge
    def _finish(
        self,
        par: Paragraph,
        sent: Sentence,
        c: Candidate,
        found: Sequence[Candidate],
        prior: Sequence[Candidate],
    ) -> None:
        """Bookkeeping after a statement: who spoke last, and through a document?"""
        words = par.text[sent.start : sent.end].lower()
        document = any(w in words for w in ("statement", " post", "letter", "communique"))
        self.ctx.spoke(c.actor, document=document)
        if self.reg.country(c.actor.side) is not None and "former" not in (c.actor.role or ""):
            # a former minister's nationality is not the side the article is about
            self.last_side = c.actor.side

    def _home_side(self, actor: Actor, explain: list[str]) -> str | None:
        """A speaker without a side that belongs to the article's country: "Arlandia's
        electoral commission", or a domestic political title ("opposition leader X",
        "Congress party leaders") in an article about one country."""
        if actor.side is not None or self.home is None or actor.kind == "government":
            return actor.side
        name = fold(actor.name)
        words = set(_WORD.findall(f"{name} {fold(actor.role or '')}"))
        if words & _PARTISAN:
            return None
        home = fold(self.home)
        if name.startswith((f"{home}'s ", f"{home} ")):
            explain.append(f"side {self.home}: named as the article's country's own")
            return self.home
        titles = self.lex.words("speaker.domestic_titles")
        hit = words & titles
        if actor.kind == "person" and actor.name[:1].isupper():
            # the title the article gave the person: "opposition leader X Y", but not
            # "Ostland Interior Minister X", who is of another country
            if self._article_text is None:
                self._article_text = "\n".join(t for _, t in self.article.body)
            name_rx = re.escape(actor.name)
            rx = rf"\b((?:[a-z]+ ){{1,3}})(?:[A-Z][\w'’-]+ )?{name_rx}\b"
            home_titles: set[str] = set()
            foreign = False
            for mm in re.finditer(rx, self._article_text, re.I):
                title = mm.group(1).split()
                while title and title[-1][:1].isupper() and fold(title[-1]) not in titles:
                    title.pop()  # a first name: "leader Hana Roslin"
                found = set(_WORD.findall(fold(" ".join(title)))) & titles
                if not found:
                    continue
                if self._foreign_title(mm.start(), " ".join(title)):
                    foreign = True
                else:
                    home_titles |= found
            hit = home_titles or (set() if foreign else hit)
        if hit:
            explain.append(f"side {self.home}: '{min(hit)}' in the article's country")
            return self.home
        return None

    def _foreign_title(self, start: int, title: str) -> bool:
        """Whether a title found at ``start`` of the article names another country: a
        known country other than the article's, or a proper noun inside the sentence
        ("… said Ostland Interior Minister X")."""
        assert self._article_text is not None
        text = self._article_text
        return self._foreign_words(text[max(0, start - 40) : start] + title)

    def _foreign_words(self, pre: str) -> bool:
        """Whether ``pre`` names a country other than the article's: a known one, or a
        capitalised word inside a sentence that is no title."""
        if self.home is None:
            return False
        home = fold(self.home)
        stem = home[:-1] if home[-1] in "aeiouy" else home
        titles = {w for t in self.reg.titles for w in fold(t).split()}
        titles |= self.lex.words("speaker.domestic_titles")
        # only the sentence (or quote) the title stands in
        # (or the clause: "… published by the CEC on Monday, incumbent President X")
        cut = max(pre.rfind(x) for x in (". ", "! ", "? ", "\n", "“", '"', "‘", ", "))
        pre = pre[cut + 1 :] if cut >= 0 else pre
        for mm in re.finditer(r"[A-Z][\w'’-]*", pre):
            w = fold(_strip_poss(mm.group(0)))
            if w.startswith(stem) or w in titles or w in self.lex.words("speaker.not_nations"):
                continue
            country = self.reg.demonym(w)
            if country is not None:
                if country != self.home:
                    return True
                continue
            before = pre[: mm.start()].rstrip()
            if before and before[-1] not in '.!?\n“"‘(':
                return True  # a capitalised word inside the sentence: a proper noun
        return False

    def _rebuttal_before(
        self, c: Candidate, done: Sequence[Candidate]
    ) -> tuple[Stance, str] | None:
        """The stance and cue of a rejection or doubt by the same speaker in the sentence
        just before, in the same paragraph ("The agency rejected that suggestion. '…,' the
        agency said"; "X cast doubt on both accounts. She said …"). A quote in the next
        paragraph is its own statement."""
        for p in reversed(done):
            if p.sent == c.sent - 1 and p.actor.name == c.actor.name:
                if p.kind != "reported":
                    continue
                if p.stance_verb is Stance.DENIES or (
                    p.stance_verb is Stance.DOUBTS and c.kind == "reported"
                ):
                    return p.stance_verb, p.cue
        return None

    def _merge(self, par: Paragraph, cands: list[Candidate]) -> list[Statement]:
        out: dict[tuple[str, str], Statement] = {}
        merged: dict[tuple[str, str], int] = {}
        order: list[tuple[str, str]] = []
        done: list[Candidate] = []
        for c in cands:
            sent = par.sentences[c.sent]
            quote = c.quote
            if c.kind == "direct" and quote is None:
                quote = _join_quotes(par.text, sent.quotes) or None
            if c.kind == "direct" and quote is not None and not _has_word(quote):
                continue  # an empty or blank quotation ('“”', a lone '"') says nothing
            end = c.extra_end or sent.end
            if not _has_word(par.text[sent.start : end]):
                continue
            stance, why = self._stance(par, c)
            if (
                stance is Stance.ASSERTS
                and c.kind in ("direct", "reported")
                and why.startswith("no stance")
            ):
                backed = self._rebuttal_before(c, done)
                if backed:
                    stance, cue = backed
                    why = (
                        f"stance {stance.value}: the words back '{cue}' of the same speaker "
                        "just before"
                    )
            if c.date is None:
                c.date = self._date(par, sent, c, done)
            done.append(c)
            key = (c.actor.name, c.cue)
            end = c.extra_end or sent.end
            text = par.text[sent.start : end].strip()
            if key in out:
                st = out[key]
                order_ = {s: i for i, s in enumerate(self.lex.priority)}
                if order_[stance] < order_[st.stance]:
                    st.stance = stance
                    st.explain.append(why)
                merged[key] = merged.get(key, 0) + 1
                if merged[key] <= 3:  # a few notes, not one per repetition of a long paragraph
                    st.explain.append(
                        f"same speaker and cue again in the paragraph: merged ({c.kind})"
                    )
                continue
            explain = [*c.explain, why, c.date[2]]
            if c.kind == "direct" and c.quote is None:
                c.quote = quote
            st = Statement(
                speaker=c.actor.name,
                stance=stance,
                cue=c.cue,
                text=text,
                line=par.line,
                quote=c.quote if c.kind == "direct" else None,
                side=self._home_side(c.actor, explain),
                role=c.actor.role,
                date=c.date[0],
                date_precision=c.date[1],
                kind=c.kind,
                explain=explain,
            )
            if par.warnings:
                st.explain.extend(par.warnings)
            out[key] = st
            order.append(key)
        return [out[k] for k in order]


def _join_quotes(text: str, spans: Sequence[QuoteSpan]) -> str:
    """The words of several quotations of one sentence. Pieces with only marks and
    spaces between them ('" … " " …') are one quotation cut by a stray mark: the span of
    text from the first to the last, so the quote stands in the article as printed."""
    inners = [q.inner(text) for q in spans]
    if len(spans) > 1 and all(
        not _has_word(text[a.end - 1 if a.closed else a.end : b.start + 1])
        for a, b in pairwise(spans)
    ):
        first, last = inners[0], inners[-1]
        a = text.find(first, spans[0].start) if first else -1
        b = text.rfind(last, 0, spans[-1].end) if last else -1
        if a >= 0 and b >= a:
            return text[a : b + len(last)]
    return " ".join(inners)


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


def _anchor(article: Article) -> tuple[dt.date | None, str]:
    """The publication date statements are dated against, and a note when it is not used.

    A date the segmenter *inferred* from a neighbouring article is used only when the
    article prints that day itself (a dateline such as "Jan. 2 (UPI) —", whose year was
    inferred); a day guessed from "on Sunday" in the lede is not a publication date, and
    statements dated against it would present a guess as a fact."""
    anchor = as_date(article.published)
    if anchor is None or article.published_source != "inferred":
        return anchor, ""
    head = " ".join(t for _, t in article.body[:3])
    for m in find_dates(head):
        if m.month == anchor.month and (m.day is None or m.day == anchor.day):
            return anchor, ""
    return None, (
        f"no date: publication date {article.published} was inferred, not printed; "
        "relative expressions are not resolved against it"
    )


def extract_statements(article: Article, lexicon: Lexicon | None = None) -> list[Statement]:
    """Attributed statements of ``article``, in text order.

    >>> from claimtrack.models import Article
    >>> a = Article("x", 1, 1, [(1, "Kyiv denied the report on Monday.")], published="2026-01-07")
    >>> [(s.speaker, s.stance.value, s.date) for s in extract_statements(a)]
    [('Ukraine', 'denies', '2026-01-05')]
    """
    lexicon = lexicon or load_lexicon()
    return _Extractor(article, lexicon, default_registry()).run()


def statements_in_text(text: str, published: str | None = None) -> list[Statement]:
    """Convenience for tests and the REPL: one paragraph per line of ``text``."""
    body = [(i, line) for i, line in enumerate(text.splitlines(), 1) if line.strip()]
    article = Article(
        path="<text>", start_line=1, end_line=len(body), body=body, published=published
    )
    return extract_statements(article)


__all__ = [
    "Paragraph",
    "QuoteSpan",
    "extract_statements",
    "find_quotes",
    "rules_for",
    "split_paragraph",
    "statements_in_text",
]

"""Split plain-text dumps of glued news articles into articles, and strip page furniture.

A dump is what you get when the text of many article pages is copied into one file: one
paragraph per line, no separator between articles, and the debris of the page left in
("Published On 7 Mar 20257 Mar 2025", "Share", "Recommended Stories", photo captions).
``split_articles`` streams such a document and yields one ``Article`` per real article;
``clean_lines`` is the boilerplate removal alone, for documents that hold one article.

Where an article starts is decided line by line, with a bounded look-ahead:

* **Anchors** (page structure, decisive): the standfirst before a "Published On" line; the
  roundup standfirst "These are the key developments ..."; a dateline ("WASHINGTON —",
  "Mar. 4 (UPI) —", "LONDON (Reuters) -"), together with a photo caption or headline-shaped
  line just before it; "Recommended Stories" debris, which sits two body paragraphs into an
  article (three when a short standfirst precedes); a Markdown ``# Title`` or ``---`` rule.
* **Soft evidence** (scored, needed where a page has no structure left): lexical cohesion
  in the manner of TextTiling (Hearst 1997): how much of the next paragraphs' vocabulary
  (content-word stems and names, idf-weighted over the dump read so far, words common to
  all news weighted low) the last dozen paragraphs already used; a short line that the next
  paragraph echoes (a standfirst); and a person introduced again in full with a title
  ("Port authority spokeswoman Marieke Smit") although the current article has already named them.
  Evidence against a cut: the line is a subheading, follows one (or a colon), or is the second
  paragraph of a section; it opens with a quote, a pronoun or connective ("He", "But"), has
  "also" or "however" among its first words, refers by surname to someone the article
  introduced ("Smit said"), opens with "The" + a noun the last paragraphs used, or is too
  short for a lede; an article opened by page structure has a body of a few paragraphs first;
  a digest ("These are the key developments") ends only at a clean lexical break.

Cue words, patterns and thresholds are data (``data/boilerplate.toml``,
``data/segment_boundaries.toml``). Limits: the rules know English news conventions only; two
articles on the same topic with no page structure between them are told apart only by a
re-introduced name, and a one-line blurb next to an article on its topic not at all; short
articles share few words, so lexical cohesion is least reliable exactly there. Dates come
from a Published line or a dated dateline; a dateline's missing year, or a lede's "on Sunday",
is resolved against an adjacent dated article and marked "inferred"; never a certain date
that the text does not print.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import re
import tomllib
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from .dates import as_date, find_dates, parse_date, resolve
from .models import Article, Document, Precision, When

__all__ = ["Rules", "clean_lines", "load_rules", "split_articles"]

Bag = dict[str, float]  # word stem -> weight: the vocabulary of a paragraph or a window

# --------------------------------------------------------------------------------------
# Rules (data files)


@dataclass(frozen=True)
class Rules:
    """The compiled contents of ``boilerplate.toml`` and ``segment_boundaries.toml``."""

    drop_exact: frozenset[str]
    drop: tuple[re.Pattern[str], ...]
    published: tuple[re.Pattern[str], ...]
    recommended: tuple[re.Pattern[str], ...]
    caption: tuple[re.Pattern[str], ...]
    guests_start: re.Pattern[str]
    guest_entry: re.Pattern[str]
    roundup: tuple[re.Pattern[str], ...]
    opening: tuple[re.Pattern[str], ...]
    datelines: tuple[re.Pattern[str], ...]
    window: dict[str, int]
    anchors: dict[str, Any]
    score: dict[str, float]
    min_place_letters: int
    not_places: frozenset[str]
    subheading_chars: int
    subheading_words: int
    openers: tuple[str, ...]
    continuation_words: frozenset[str]
    early_words: int
    role_words: frozenset[str]
    not_names: frozenset[str]
    stopwords: frozenset[str]
    common: frozenset[str]  # stems of words common to all news writing
    common_weight: float
    past_report: re.Pattern[str]  # "said", "told": how a body paragraph reports speech
    present_report: re.Pattern[str]  # "says", "warns": how a standfirst or blurb does
    # word as printed -> what ``_bag`` needs of it (filled as words are met)
    words: dict[str, _WordInfo] = field(default_factory=dict, compare=False, repr=False)


def _word_alternation(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def _compile(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def _read_toml(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("claimtrack.data").joinpath(name).read_text("utf-8"))


@functools.cache
def load_rules() -> Rules:
    """The packaged rules, compiled once.

    >>> load_rules().window["max_article_lines"]
    2000
    """
    bp = _read_toml("boilerplate.toml")
    sb = _read_toml("segment_boundaries.toml")
    words = sb["words"]
    return Rules(
        drop_exact=frozenset(s.casefold() for s in bp["drop"]["exact"]),
        drop=_compile(bp["drop"]["patterns"]),
        published=_compile(bp["published"]["patterns"]),
        recommended=_compile(bp["recommended"]["patterns"]),
        caption=_compile(bp["caption"]["patterns"]),
        guests_start=re.compile(bp["programme"]["block_start"]),
        guest_entry=re.compile(bp["programme"]["entry"]),
        roundup=_compile(sb["anchors"]["roundup_cues"]),
        opening=_compile(sb["anchors"]["opening_cues"]),
        datelines=_compile(sb["dateline"]["patterns"]),
        window={k: int(v) for k, v in sb["window"].items()},
        anchors=dict(sb["anchors"]),
        score={k: float(v) for k, v in sb["score"].items()},
        min_place_letters=int(sb["dateline"]["min_place_letters"]),
        not_places=frozenset(sb["dateline"]["not_places"]),
        subheading_chars=int(sb["subheading"]["max_chars"]),
        subheading_words=int(sb["subheading"]["max_words"]),
        # Longest first, so that "The two" is tried before "The".
        openers=tuple(sorted(words["continuation_openers"], key=len, reverse=True)),
        continuation_words=frozenset(words["continuation_words"]),
        early_words=int(words["early_words"]),
        role_words=frozenset(words["role_words"]),
        not_names=frozenset(words["not_names"]),
        stopwords=frozenset(words["stopwords"]),
        common=frozenset(_stem(w) for w in words["common"]),
        common_weight=float(words["common_weight"]),
        past_report=_word_alternation(words["past_report"]),
        present_report=_word_alternation(words["present_report"]),
    )


# --------------------------------------------------------------------------------------
# Line classification

BLANK = "blank"
DROP = "drop"  # furniture: Share, Presenter:, guests, "(Agency Name)", "---"
PUBLISHED = "published"  # "Published On ..." (dropped, but a date and a cue)
RECOMMENDED = "recommended"  # related-stories debris (dropped, but a cue)
CAPTION = "caption"  # photo caption (dropped, but may open a dateline article)
RULE = "rule"  # markdown "---" separator (dropped, a hard cut)
HEADING = "heading"  # markdown "# Title"
SUBHEAD = "subhead"  # short line without final punctuation, a question, a ‘quoted’ line
BODY = "body"

_CONTENT = frozenset({BODY, SUBHEAD, HEADING})
_QUOTES_OPEN = "“\"‘'«"
_MD_HEADING = re.compile(r"^(#{1,6})\s+(\S.*?)\s*#*$")
_MD_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
_SENTENCE_END = re.compile(r"[.!?…:;]['\"’”)\]]*$|[’”\"]$")


@dataclass(frozen=True)
class _Dateline:
    prefix_end: int  # where the article text proper starts
    outlet: str | None
    month: int | None
    day: int | None
    year: int | None


@dataclass
class _Line:
    no: int
    raw: str  # the original line without its line ending
    text: str  # stripped
    kind: str
    level: int = 0  # markdown heading level
    dateline: _Dateline | None = None
    roundup: bool = False  # a digest's standfirst or intro ("Here is where things stand")
    opening: bool = False  # a cue that opens an article ("These are the key developments")
    _bag: Bag | None = field(default=None, repr=False)
    _people: list[_Person] | None = field(default=None, repr=False)

    @property
    def content(self) -> bool:
        return self.kind in _CONTENT

    @property
    def body_text(self) -> str:
        """The text as it goes into ``Article.body`` (no Markdown heading marks)."""
        if self.kind == HEADING:
            m = _MD_HEADING.match(self.text)
            return m.group(2) if m else self.text
        return self.text


class _Classifier:
    """Labels lines one at a time; keeps the little state a guests block needs."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.in_guests = False

    def __call__(self, no: int, raw: str) -> _Line:
        raw = raw.rstrip("\r\n")
        # One element is one line: a stray line break inside it is only a space here.
        text = _BREAKS.sub(" ", raw).replace("\u00a0", " ").strip()
        return _Line(no, raw, text, *self._kind(text))

    def _kind(self, text: str) -> tuple[str, int, _Dateline | None, bool, bool]:
        r = self.rules
        if not text:
            return BLANK, 0, None, False, False
        if self.in_guests:
            if r.guest_entry.search(text):
                return DROP, 0, None, False, False
            self.in_guests = False
        if r.guests_start.search(text):
            self.in_guests = True
            return DROP, 0, None, False, False
        if _MD_RULE.match(text):
            return RULE, 0, None, False, False
        if any(p.search(text) for p in r.published):
            return PUBLISHED, 0, None, False, False
        if any(p.search(text) for p in r.recommended):
            return RECOMMENDED, 0, None, False, False
        if text.casefold() in r.drop_exact or any(p.search(text) for p in r.drop):
            return DROP, 0, None, False, False
        if any(p.search(text) for p in r.caption):
            return CAPTION, 0, None, False, False
        m = _MD_HEADING.match(text)
        if m:
            return HEADING, len(m.group(1)), None, False, False
        opening = any(p.search(text) for p in r.opening)
        roundup = opening or any(p.search(text) for p in r.roundup)
        dateline = _dateline(text, r)
        if dateline is None and not roundup and _is_subheading(text, r):
            return SUBHEAD, 0, None, False, False
        return BODY, 0, dateline, roundup, opening


def _is_subheading(text: str, rules: Rules) -> bool:
    if len(text) > rules.subheading_chars or len(text.split()) > rules.subheading_words:
        return False
    if text.endswith("?"):
        return True
    if text[0] in "‘'" and text[-1] in "’'":
        return True  # ‘No imminent threat’
    return _SENTENCE_END.search(text) is None


def _dateline(text: str, rules: Rules) -> _Dateline | None:
    for pattern in rules.datelines:
        m = pattern.search(text)
        if m is None:
            continue
        g = m.groupdict()
        place = g.get("place")
        if place is not None and (
            sum(c.isalpha() for c in place) < rules.min_place_letters
            or place.strip() in rules.not_places
        ):
            continue
        month = day = year = None
        if g.get("date"):
            for d in find_dates(g["date"]):
                month, day, year = d.month, d.day, d.year
                break
        outlet = g.get("outlet")
        return _Dateline(m.end() - 1, outlet.strip() if outlet else None, month, day, year)
    return None


def _classified(lines: Iterable[tuple[int, str]], rules: Rules) -> Iterator[_Line]:
    classify = _Classifier(rules)
    for no, raw in lines:
        yield classify(no, raw)


def clean_lines(
    lines: Iterable[tuple[int, str]], rules: Rules | None = None
) -> list[tuple[int, str]]:
    """The lines worth reading: page furniture, captions, credits and blank lines removed.

    >>> clean_lines([(1, "Share"), (2, "Officials will share the data."), (3, "(Newswire)")])
    [(2, 'Officials will share the data.')]
    """
    rules = rules or load_rules()
    return [(ln.no, ln.body_text) for ln in _classified(lines, rules) if ln.content]


# --------------------------------------------------------------------------------------
# Lexical cohesion and people

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_STEM = 6  # compare words by their first letters once suffixes are gone: attack/attacked


@functools.lru_cache(maxsize=1 << 16)
def _stem(low: str) -> str:
    if len(low) > 4:
        for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
            if low.endswith(suffix) and not low.endswith("ss"):
                low = low[: -len(suffix)] + repl
                break
    return low[:_STEM]


_POSSESSIVE = ("'s", "’s")
_RUN_GLUE = frozenset(("of", "the", "for"))  # "United States of America" -> "#usa"


def _unpossessive(word: str) -> str:
    """ "Lunde's" -> "Lunde" (what ``re.sub(r"['’]s$", "", word)`` does, without a regex)."""
    return word[:-2] if word.endswith(_POSSESSIVE) else word


# (lower case without "'s", capitalised, acronym, stem or "" when not counted, weight)
_WordInfo = tuple[str, bool, bool, str, float]
_MAX_KNOWN_WORDS = 100_000


def _word_info(word: str, rules: Rules) -> _WordInfo:
    word = _unpossessive(word)
    low = word.lower()
    acronym = 2 <= len(word) <= 6 and word.isupper()
    counted = not acronym and len(low) >= 4 and low not in rules.stopwords
    stem = _stem(low) if counted else ""
    return (
        low,
        word[0].isupper(),
        acronym,
        stem,
        rules.common_weight if stem in rules.common else 1.0,
    )


def _bag(line: _Line, rules: Rules) -> Bag:
    """Content-word stems of a line; names (capitalised, not sentence-initial) count double,
    acronyms and the initials of runs of capitalised words ("United Nations" -> "#un") too."""
    if line._bag is not None:
        return line._bag
    bag: Bag = {}
    initials: list[str] = []  # of the current run of capitalised words
    text = line.body_text
    known = rules.words
    for m in _WORD.finditer(text):
        word = m.group()
        info = known.get(word)
        if info is None:
            if len(known) >= _MAX_KNOWN_WORDS:  # memory stays flat on any input
                known.clear()
            info = known[word] = _word_info(word, rules)
        low, upper, acronym, stem, factor = info
        if upper:
            initials.append(low[0])
        elif initials and low not in _RUN_GLUE:
            _close_run(bag, initials)
            initials = []
        if acronym:
            key = "#" + low
            bag[key] = bag.get(key, 0.0) + 2.0
        elif stem:
            weight = 2.0 if upper and not _sentence_start(text, m.start()) else 1.0
            bag[stem] = bag.get(stem, 0.0) + weight * factor
    _close_run(bag, initials)
    line._bag = bag
    return bag


def _close_run(bag: Bag, initials: list[str]) -> None:
    """A run of two or more capitalised words counts once by its initials."""
    if len(initials) > 1:
        key = "#" + "".join(initials)
        bag[key] = bag.get(key, 0.0) + 1.0


class _Vocabulary:
    """Running document frequencies (a paragraph is a document): common words of the dump
    (an outlet's name, the country a dump is about) say little about where a story ends."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n = 0

    def add(self, bag: Bag) -> None:
        self.n += 1
        self.df.update(bag.keys())


def _coverage(part: Bag, context: Bag, vocab: _Vocabulary) -> float:
    """The share of ``part``'s weighted vocabulary that ``context`` also uses (0..1); a
    word weighs its count times its idf, log((paragraphs + 2) / (paragraphs with it + 1))."""
    total = shared = 0.0
    df, top = vocab.df, vocab.n + 2
    log = math.log
    for key, count in part.items():
        w = count * log(top / (df[key] + 1))
        total += w
        if context.get(key):
            shared += w
    return shared / total if total else 0.0


def _add(into: Bag, bag: Bag, sign: float = 1.0) -> None:
    for key, count in bag.items():
        left = into.get(key, 0.0) + sign * count
        if left > 1e-9:
            into[key] = left
        else:
            into.pop(key, None)


def _sum(lines: Iterable[_Line], rules: Rules) -> Bag:
    total: Bag = {}
    for line in lines:
        _add(total, _bag(line, rules))
    return total


@dataclass(frozen=True)
class _Person:
    given: str  # "" when only a title and a surname are printed ("President Lunde")
    surname: str
    titled: bool  # with a title or role ("Port authority spokeswoman Marieke Smit")


_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")  # no nested “: linear on unclosed quotes
_CAPWORD = r"(?:(?:al-|el-)?[A-Z][\w’'-]*)"
_NAME_RUN = re.compile(
    rf"{_CAPWORD}(?:\s+(?:(?:von der|van der|von|van|de|da|bin|ibn)\s+)?{_CAPWORD})*"
)
# ", an economist at ...", ", director of ...": lower case, as a description is
_APPOSITIVE = re.compile(r",\s+((?:a|an|the)\s+[^,.;]{0,50}|[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})")


_WORDS_DASH = re.compile(r"[\w-]+")
_OF_WORDS = frozenset(("of", "at", "for", "from", "with", "by", "against", "in", "on", "to"))


def _people(line: _Line, rules: Rules) -> list[_Person]:
    """People named outside quotations: "Given Surname", with a title or role just before
    ("Norwegian Fisheries Minister Kari Lunde", "port spokeswoman Marieke Smit") or as an appositive
    ("Lena Horvat, an economist at ..."); and "Minister Lunde" (title and surname)."""
    if line._people is not None:
        return line._people
    text = _QUOTED.sub(lambda m: " " * len(m.group()), line.body_text)
    found: list[_Person] = []
    for m in _NAME_RUN.finditer(text):
        words = [_unpossessive(w) for w in m.group().split()]
        cut = max((k + 1 for k, w in enumerate(words) if w in rules.not_names), default=0)
        title, name = words[:cut], words[cut:]
        if not name:
            continue
        before = _WORDS_DASH.findall(text, max(0, m.start() - 40), m.start())[-3:]
        if before and before[-1].lower() in _OF_WORDS:
            before = []  # "the manager of Kafue Rangers": a body named after a role, no person
        titled = any(w.lower() in rules.role_words for w in [*title, *before])
        if len(name) == 1:
            if title and title[-1].lower() in rules.role_words:
                found.append(_Person("", name[0], False))  # "Minister Lunde"
            continue
        after = _APPOSITIVE.match(text, m.end())
        if after and any(w.lower() in rules.role_words for w in re.findall(r"\w+", after[1])):
            titled = True
        if not titled and not title and _sentence_start(text, m.start()):
            continue  # "Like Lunde, ...": a capitalised first word is no given name
        found.append(_Person(name[0], name[-1], titled))
    line._people = found
    return found


def _names(people: Iterable[_Person]) -> Iterator[str]:
    """The names a later paragraph may use alone for these people: the surname, and a
    short first name too, which is the family name where it comes first ("Lee Sung-jun",
    "Wang Yi"); longer first names are given names, and some are places too."""
    for p in people:
        yield p.surname
        if p.given and len(p.given) <= 4:
            yield p.given


def _sentence_start(text: str, pos: int) -> bool:
    """Whether ``text[pos]`` begins a sentence (or a quotation, or a clause after a dash).
    Looks back over spaces only, so that a whole pass over a long line stays linear."""
    j = pos - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return j < 0 or text[j] in '.!?:;“"‘—–('


def _surnames_referred(line: _Line, known: set[str]) -> bool:
    """Whether the line names someone already known by surname alone ("Smit said")."""
    text = _QUOTED.sub(" ", line.body_text)
    for m in _NAME_RUN.finditer(text):
        words = [_unpossessive(w) for w in m.group().split()]
        if len(words) == 1 and words[0] in known:
            return True
    return False


# --------------------------------------------------------------------------------------
# Boundary decisions


_DEFINITE = re.compile(r"^The\s+([a-z][\w-]+)")
# '"The system was never compromised." – Rosa Quispe, president of the tribunal'
_PULL_QUOTE = re.compile(r'^[“"‘].{10,}[”"’]\s*[–—-]\s*[A-Z]')


class _Current:
    """What the splitter knows about the article being built."""

    def __init__(self, standfirst_chars: int) -> None:
        self.lines: list[_Line] = []  # all lines, blank ones included
        self.content: list[_Line] = []
        self.known: set[str] = set()  # surnames of people the article has introduced
        self.roundup = False
        self.published = False
        self.anchored = False  # opened by page structure: a real article, not a blurb
        self.standfirst_chars = standfirst_chars

    def add(self, line: _Line, rules: Rules) -> None:
        self.lines.append(line)
        self.published = self.published or line.kind == PUBLISHED
        self.anchored = self.anchored or line.kind in (PUBLISHED, RECOMMENDED) or line.opening
        if not line.content:
            return
        self.roundup = self.roundup or line.roundup
        self.anchored = self.anchored or line.kind == HEADING or line.dateline is not None
        if len(self.content) == 1:
            first = self.content[0]
            # A standfirst names people whom the body then introduces properly.
            if not self.published and len(first.text) > self.standfirst_chars:
                self.known.update(_names(_people(first, rules)))
        if self.content:
            self.known.update(_names(_people(line, rules)))
        self.content.append(line)


class _Splitter:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        w = rules.window
        self.lookahead = max(4, w["lookahead"])
        self.lookahead_raw = max(self.lookahead, w["lookahead_raw"])
        self.max_lines = max(1, w["max_article_lines"])
        self.k = max(1, w["lexical"])
        self.vocab = _Vocabulary()
        # The vocabulary of the last paragraphs read, whichever article they belong to (as in
        # TextTiling): a short piece just cut off does not make everything after it look new.
        self.recent: deque[Bag] = deque(maxlen=max(1, w["context"]))
        self.context: Bag = {}

    def _new(self) -> _Current:
        return _Current(int(self.rules.anchors["standfirst_max_chars"]))

    def run(self, lines: Iterable[_Line]) -> Iterator[list[_Line]]:
        it = iter(lines)
        ahead: deque[_Line] = deque()
        nonblank = 0
        exhausted = False
        cur = self._new()
        pending: list[_Line] = []  # blank lines and rules waiting to see what follows
        cut_next = False
        while True:
            while not exhausted and nonblank < self.lookahead and len(ahead) < self.lookahead_raw:
                try:
                    nxt = next(it)
                except StopIteration:
                    exhausted = True
                    break
                ahead.append(nxt)
                nonblank += nxt.kind != BLANK
            if not ahead:
                break
            line = ahead.popleft()
            if line.kind == BLANK or line.kind == RULE:
                nonblank -= line.kind != BLANK
                cut_next = cut_next or line.kind == RULE
                if cur.lines:
                    pending.append(line)
                continue
            nonblank -= 1
            if cur.content and (cut_next or self._starts(line, ahead, cur)):
                yield cur.lines
                cur, pending = self._new(), []
            cut_next = False
            for p in pending:
                cur.add(p, self.rules)
            pending = []
            cur.add(line, self.rules)
            if line.content:
                self._read(_bag(line, self.rules))
            if len(cur.lines) >= self.max_lines:
                if cur.content:  # furniture alone is no article: let it go
                    yield cur.lines
                cur = self._new()
        if cur.content:
            yield cur.lines

    def _read(self, bag: Bag) -> None:
        self.vocab.add(bag)
        if len(self.recent) == self.recent.maxlen:
            _add(self.context, self.recent[0], -1.0)
        self.recent.append(bag)
        _add(self.context, bag)

    # -- anchors ---------------------------------------------------------------------

    def _starts(self, line: _Line, ahead: deque[_Line], cur: _Current) -> bool:
        seq = [line, *(a for a in ahead if a.kind not in (BLANK, RULE))]
        return self._anchor(seq, cur) or self._soft(line, seq, cur)

    @staticmethod
    def _headed(cur: _Current) -> bool:
        """The current article so far is only a heading, caption or headline: whatever
        comes next belongs to it."""
        return not any(x.kind == BODY for x in cur.lines)

    def _anchor(self, seq: Sequence[_Line], cur: _Current) -> bool:
        """Whether page structure ahead (a Published line, a dateline, related-stories
        debris, a Markdown heading, a roundup standfirst) puts an article start on ``seq[0]``."""
        r = self.rules
        for i, a in enumerate(seq):
            start: int | None = None
            if a.kind == HEADING and a.level in r.anchors["markdown_article_levels"]:
                start = i
            elif a.kind == BODY and (a.opening or a.dateline is not None):
                start = self._pull_header(seq, i)
            elif a.kind == PUBLISHED:
                j = next((j for j in range(i - 1, -1, -1) if seq[j].content), None)
                if j is not None:
                    start = self._pull_header(seq, j)
            elif a.kind == RECOMMENDED and (i == 0 or seq[i - 1].kind != RECOMMENDED):
                start = self._recommended_start(seq, i, cur)
            if start == 0:
                return not self._headed(cur)
        return False

    def _pull_header(self, seq: Sequence[_Line], i: int) -> int:
        """Move an article start back over a photo caption or a headline-shaped line."""
        start = i
        for _ in range(int(self.rules.anchors["max_header_lines"])):
            j = start - 1
            if j < 0 or seq[j].kind not in (CAPTION, SUBHEAD, HEADING):
                break
            start = j
        return start

    def _recommended_start(self, seq: Sequence[_Line], i: int, cur: _Current) -> int | None:
        """Where the article holding related-stories debris at ``seq[i]`` starts: two body
        paragraphs before it, or three when the third is a short standfirst. None when the
        current article already starts there, or the start is already behind us."""
        offset = int(self.rules.anchors["recommended_offset"])
        if sum(x.kind in (BODY, SUBHEAD) for x in seq[:i]) > offset + 1:
            return None  # the start is still further ahead than the line being decided
        back: list[tuple[int | None, _Line]] = [
            (j, seq[j]) for j in range(i - 1, -1, -1) if seq[j].kind in (BODY, SUBHEAD)
        ]
        back += [(None, x) for x in reversed(cur.content) if x.kind in (BODY, SUBHEAD)]
        if len(back) < offset:
            return None
        first = cur.content[0].no if cur.content else None
        published = [x.no for x in cur.lines if x.kind == PUBLISHED]
        if published and sum(
            x.kind in (BODY, SUBHEAD) and x.no > published[-1] for x in cur.content
        ) + sum(x.kind in (BODY, SUBHEAD) for x in seq[:i]) <= int(
            self.rules.anchors["recommended_max_after_published"]
        ):
            return None  # the debris sits in the article its Published line opened
        j2, c2 = back[offset - 1]
        j3, c3 = back[offset] if len(back) > offset else (None, None)
        if first == c2.no:
            return None  # the current article already opened at the lede
        if c3 is not None and first == c3.no and self._short(c3):
            return None  # ... or at a standfirst just before it
        if j3 is not None and self._standfirst(seq, j3):
            return j3
        return j2

    def _short(self, line: _Line) -> bool:
        return len(line.text) <= int(self.rules.anchors["standfirst_max_chars"])

    def _standfirst(self, seq: Sequence[_Line], j: int) -> bool:
        """Is ``seq[j]``, three paragraphs before related-stories debris, a short standfirst
        (one sentence about what follows) rather than the end of the previous article?"""
        r = self.rules
        line = seq[j]
        if line.kind not in (BODY, SUBHEAD) or not self._short(line):
            return False
        if line.text[0] in _QUOTES_OPEN:
            return False
        before = _sum([x for x in seq[:j] if x.content], r)
        _add(before, self.context)
        after = _sum([x for x in seq[j + 1 :] if x.content][: self.k], r)
        own = _bag(line, r)
        return _coverage(own, after, self.vocab) > _coverage(own, before, self.vocab)

    # -- soft evidence ---------------------------------------------------------------

    def _soft(self, line: _Line, seq: Sequence[_Line], cur: _Current) -> bool:
        s = self.rules.score
        if line.kind != BODY or not cur.content:
            return False
        last = list(itertools.islice((x for x in reversed(cur.lines) if x.kind != BLANK), 2))[::-1]
        if last[-1].kind in (SUBHEAD, HEADING) or last[-1].text.endswith(":"):
            return False  # a subheading or a colon announces what follows
        if len(last) > 1 and last[0].kind in (SUBHEAD, HEADING):
            return False  # ... and a section under a subheading has more than one paragraph
        if not self._lede_shaped(line, cur) or self._headed(cur):
            return False
        if cur.anchored and sum(x.kind == BODY for x in cur.content) < s["min_anchored_body"]:
            return False  # an article that opened with a dateline or heading has a body
        if cur.roundup:
            # A digest re-introduces people bullet after bullet and changes topic often:
            # only a clean lexical break ends it.
            return self._score(line, seq, cur, names=False) >= s["roundup_threshold"]
        if self._score(line, seq, cur) < s["threshold"]:
            return False
        return not self._reported_tail(line, seq, cur)

    def _reported_tail(self, line: _Line, seq: Sequence[_Line], cur: _Current) -> bool:
        """``line`` is the last paragraph before an article that page structure opens on the
        next line, and it reports speech in the past tense ("... said on Wednesday that"), as
        body paragraphs do; a one-paragraph item of its own (a video blurb, a standfirst)
        is written in the present ("says", "warns")."""
        r = self.rules
        if not r.past_report.search(line.text) or r.present_report.search(line.text):
            return False
        return len(seq) > 1 and self._anchor(seq[1:], cur)

    def _score(self, line: _Line, seq: Sequence[_Line], cur: _Current, names: bool = True) -> float:
        r, s = self.rules, self.rules.score
        following = [x for x in seq if x.content]
        window = _sum(following[: self.k], r)
        cohesion = (
            _coverage(window, self.context, self.vocab)  # what follows, in the recent words
            + _coverage(_bag(line, r), self.context, self.vocab)  # this line, likewise
            + _coverage(_bag(cur.content[-1], r), window, self.vocab)  # the last line, ahead
        ) / 3
        lexical = s["lexical"] * max(0.0, 1.0 - cohesion / s["lexical_floor"])
        nxt = following[1] if len(following) > 1 else None
        echo = 0.0
        if nxt is not None and self._short(line):
            # A standfirst says in short what the next paragraph says at length.
            echo = _coverage(_bag(line, r), _bag(nxt, r), self.vocab)
        if len(line.text) < s["min_lede_chars"] and echo < s["min_echo"]:
            return 0.0  # too short for a lede, and not a standfirst of what follows
        score = lexical + s["echo"] * echo
        if names:
            if self._reintroduces(line, cur):
                return score + s["reintro"]
            if (nxt is not None and nxt.kind == BODY and self._reintroduces(nxt, cur)) or (
                self._named_then_introduced(line, following[1 : 1 + self.k], cur)
            ):
                return score + s["reintro_next"]
        m = _DEFINITE.match(line.text)
        if m is not None:
            # "The contract, worth ..." just after a paragraph about a contract continues it;
            # any other "The building ..." opening continues an article more often than not.
            recent = _sum(cur.content[-int(s["definite_window"]) :], r)
            if recent.get(_stem(m.group(1).lower())):
                return 0.0
            score *= s["definite_factor"]
        return score

    def _named_then_introduced(
        self, line: _Line, following: Sequence[_Line], cur: _Current
    ) -> bool:
        """A standfirst names someone new ("... a recording of Ana Flores ...") whom a
        paragraph just after introduces properly, with a title or role."""
        named = {p.surname for p in _people(line, self.rules)} - cur.known
        return bool(named) and any(
            p.titled and p.surname in named
            for x in following
            if not _PULL_QUOTE.match(x.text)  # a pull quote repeats who said it
            for p in _people(x, self.rules)
        )

    def _lede_shaped(self, line: _Line, cur: _Current) -> bool:
        text = line.text
        if text[0] in _QUOTES_OPEN or text[0].islower() or text[0].isdigit():
            return False
        if any(
            text.startswith(o) and not text[len(o) : len(o) + 1].isalnum()
            for o in self.rules.openers
        ):
            return False
        early = re.findall(r"[\w’'-]+", text)[: self.rules.early_words]
        if any(w.lower() in self.rules.continuation_words for w in early):
            return False
        # Refers back by surname to someone this article introduced: a continuation,
        # unless the same line introduces someone again in full.
        return not (_surnames_referred(line, cur.known) and not self._reintroduces(line, cur))

    def _reintroduces(self, line: _Line, cur: _Current) -> bool:
        return any(p.titled and p.surname in cur.known for p in _people(line, self.rules))


# --------------------------------------------------------------------------------------
# Articles and dates

_WEEKDAY = re.compile(
    r"\b(?:(?:on|last|this|late|early|since)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


@dataclass
class _Draft:
    article: Article
    own: When | None  # a date the article itself prints (Published line, dated dateline)
    own_source: str | None
    dateline: _Dateline | None
    lede: list[str]


def _title(text: str, dateline: _Dateline | None, limit: int = 160) -> str:
    if dateline is not None:
        text = text[dateline.prefix_end :].strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–—-") + "…"


def _draft(lines: list[_Line], doc: Document, rules: Rules) -> _Draft:
    content = [ln for ln in lines if ln.content]
    first = content[0]
    # The article runs from its first to its last line that is not blank: a caption or a
    # Published line before the first content line, a guest list after the last, belong to it.
    solid = [ln for ln in lines if ln.kind not in (BLANK, RULE)]
    start, end = solid[0].no, solid[-1].no
    raw = [ln.raw for ln in lines if start <= ln.no <= end]
    header = [ln for ln in lines if ln.kind != BLANK][: rules.window["header_lines"]]
    own: When | None = None
    source: str | None = None
    dateline = next((ln.dateline for ln in header if ln.dateline is not None), None)
    for ln in header:
        if ln.kind == PUBLISHED:
            own = parse_date(ln.text)
            if own is not None:
                source = "text"
                break
    if own is None and dateline is not None and dateline.year and dateline.month:
        own = When(
            dt.date(dateline.year, dateline.month, dateline.day or 1).isoformat(),
            Precision.DAY if dateline.day else Precision.MONTH,
        )
        source = "text"
    body_lines = [ln for ln in content if ln.kind == BODY]
    article = Article(
        path=doc.path,
        start_line=start,
        end_line=end,
        body=[(ln.no, ln.body_text) for ln in content],
        title=_title(first.body_text, first.dateline),
        outlet=dateline.outlet if dateline is not None else None,
        raw_lines=raw,
    )
    lede = [ln.body_text for ln in body_lines[: rules.window["lede_lines"]]]
    return _Draft(article, own, source, dateline, lede)


def _year_from(anchor: dt.date, month: int, day: int) -> dt.date | None:
    """The date with this month and day nearest to ``anchor`` (a dump spans days, not years)."""
    best: dt.date | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((d - anchor).days) < abs((best - anchor).days):
            best = d
    return best


def _date_of(
    draft: _Draft, prev: _Draft | None, nxt: _Draft | None, last_dated: dt.date | None
) -> tuple[When | None, str | None]:
    if draft.own is not None:
        return draft.own, draft.own_source
    neighbours = [
        as_date(d.own.date)
        for d in (prev, nxt)
        if d is not None and d.own is not None and d.own.precision == Precision.DAY
    ]
    anchors = [d for d in neighbours if d is not None]
    dl = draft.dateline
    if dl is not None and dl.month and dl.day:
        # "Mar. 4 (UPI) —": month and day printed, the year taken from a dated neighbour.
        for anchor in [*anchors, last_dated]:
            if anchor is not None:
                d = _year_from(anchor, dl.month, dl.day)
                if d is not None:
                    return When(d.isoformat()), "inferred"
        return None, None
    # "on Sunday" in the lede, resolved against an adjacent dated article; only when every
    # dated neighbour gives the same day, otherwise the date is not narrowed honestly.
    for text in draft.lede:
        m = _WEEKDAY.search(_QUOTED.sub(" ", text))
        if m is None:
            continue
        candidates = {resolve(m.group(), a) for a in anchors}
        candidates.discard(None)
        if len(candidates) == 1:
            return candidates.pop(), "inferred"
        return None, None
    return None, None


def _metadata_when(value: str | None) -> When | None:
    if not value:
        return None
    d = as_date(value)
    if d is not None:
        return When(d.isoformat())
    m = re.match(r"^((?:19|20)\d\d)(?:-(\d\d))?", value)
    if m is None:
        return None
    if m.group(2):
        return When(f"{m.group(1)}-{m.group(2)}-01", Precision.MONTH)
    return When(f"{m.group(1)}-01-01", Precision.YEAR)


def _finish(draft: _Draft, when: When | None, source: str | None) -> Article:
    a = draft.article
    if when is not None:
        a.published = when.date
        a.published_source = source
        a.published_precision = when.precision.value
    return a


def _numbered(doc: Document) -> Iterator[tuple[int, str]]:
    for i, text in enumerate(doc.lines):
        yield doc.start_line + i * doc.line_step, text


def split_articles(doc: Document, rules: Rules | None = None) -> Iterator[Article]:
    """The articles in ``doc``, in order, streamed.

    ``doc.lines`` is consumed lazily: the splitter holds the current article (at most
    ``max_article_lines`` lines, then it cuts), a look-ahead of a few paragraphs, and one
    finished article waiting for its successor (whose date may date it).

    >>> doc = Document("d.txt", ["LONDON (Reuters) - One.", "More.", "PARIS (AFP) - Two."])
    >>> [(a.start_line, a.end_line, a.outlet) for a in split_articles(doc)]
    [(1, 2, 'Reuters'), (3, 3, 'AFP')]
    """
    rules = rules or load_rules()
    lines = _classified(_numbered(doc), rules)
    meta = _metadata_when(doc.published)
    if not doc.segment:
        collected = list(lines)
        if not any(ln.content for ln in collected):
            return
        draft = _draft(collected, doc, rules)
        a = draft.article
        a.title = doc.title or a.title
        a.url, a.outlet = doc.url, doc.outlet or a.outlet
        if meta is not None:
            yield _finish(draft, meta, "metadata")
        else:
            yield _finish(draft, draft.own, draft.own_source)
        return

    prev: _Draft | None = None
    held: _Draft | None = None
    last_dated: dt.date | None = None
    for chunk in _Splitter(rules).run(lines):
        draft = _draft(chunk, doc, rules)
        if draft.own is None and meta is not None:
            draft.own, draft.own_source = meta, "metadata"
        if held is not None:
            yield _finish(held, *_date_of(held, prev, draft, last_dated))
            if held.own is not None:
                last_dated = as_date(held.own.date)
            prev = held
        held = draft
    if held is not None:
        yield _finish(held, *_date_of(held, prev, None, last_dated))

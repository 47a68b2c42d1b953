"""The extractor's state and the small candidates it works with."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from claimtrack.actors import Actor, Registry, SpeakerContext, fold
from claimtrack.dates import as_date, find_dates
from claimtrack.lexicon import Lexicon
from claimtrack.models import Article, Stance, Statement

from .rules import _CAP_WORD, _NATION_OF, rules_for
from .text import Sentence, _strip_poss


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


class _State:
    """The extractor's state: the article, its rules, who spoke last. Every rule class of
    the package works on it."""

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
        # (name, kind, role) -> (side, reasons): see Merging._home_side
        self._home_sides: dict[tuple[str, str, str | None], tuple[str | None, list[str]]] = {}

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

    def _tok_index(self, sent: Sentence, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect_left(sent.starts, pos)

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

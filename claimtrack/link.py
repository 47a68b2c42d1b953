"""Linking statements to claims: which statements assert, deny or doubt a claim.

A statement is scored against a claim in two ways, and the higher score wins:

* **direct** — the statement's own words: the claim's keywords and aliases found in
  it (rapidfuzz ``partial_ratio`` so that "residences" and "Putin’s residence" count),
  and the overlap of content words with the claim's description;
* **context** — the statement refers back ("Kyiv called *it* a fabrication") and the
  section of the article before it (since the last subheading, a few paragraphs
  back) names every keyword of the claim.

Each link keeps its score and a short reason. Vocabulary and thresholds are data
(``data/link.toml``).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from rapidfuzz import fuzz

from .models import Claim

_WORD = re.compile(r"[\w’']+")


@functools.cache
def vocabulary() -> dict[str, Any]:
    with resources.files("claimtrack").joinpath("data/link.toml").open("rb") as f:
        data = tomllib.load(f)
    data["stopwords"] = frozenset(data["stopwords"])
    for key in ("anaphora", "strong_anaphora"):
        data[f"{key}_re"] = re.compile(
            r"\b(?:" + "|".join(re.escape(a) for a in data[key]) + r")\b", re.I
        )
    return data


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude, predictable stemmer: enough to meet 'drones' with 'drone' and
    'attacked' with 'attack'."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 5 and w.endswith("ing"):
        return w[:-3]
    if len(w) > 5 and w.endswith("ed"):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def terms(text: str) -> frozenset[str]:
    """Content-word stems of ``text`` (cached: linking asks for the same paragraphs once
    per registered claim)."""
    return _terms(text)


# word as printed -> its stem, or "" when it is no content word (a stopword, a number)
_CONTENT: dict[str, str] = {}


def _content_stem(word: str) -> str:
    s = stem(word)
    if not s or s in vocabulary()["stopwords"] or s.isdigit():
        s = ""
    if len(_CONTENT) >= 200_000:  # memory stays flat on any corpus
        _CONTENT.clear()
    _CONTENT[word] = s
    return s


@functools.lru_cache(maxsize=20_000)
def _terms(text: str) -> frozenset[str]:
    known = _CONTENT
    out = set()
    for w in _WORD.findall(text):
        s = known.get(w)
        if s is None:
            s = _content_stem(w)
        if s:
            out.add(s)
    return frozenset(out)


@dataclass
class ClaimMatcher:
    """A claim prepared for scoring many statements quickly."""

    claim: Claim
    keywords: list[frozenset[str]]  # each keyword as a set of stems (multi-word keywords allowed)
    description: frozenset[str]
    aliases: list[str]
    _cache: dict[str, tuple[float, str]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, claim: Claim) -> ClaimMatcher:
        keywords = [terms(k) for k in claim.keywords if terms(k)]
        if not keywords:
            # No keywords given: the description's rarer content words stand in for them.
            desc = sorted(terms(claim.description), key=len, reverse=True)
            keywords = [frozenset({w}) for w in desc[:3]]
        return cls(claim, keywords, terms(claim.description), [a for a in claim.aliases if a])

    def search_terms(self) -> list[str]:
        """Phrases whose presence in an article makes it worth scoring (any one)."""
        words = list(self.claim.keywords) or [" ".join(sorted(k)) for k in self.keywords]
        return words + list(self.aliases)

    def _keyword_share(self, found: AbstractSet[str]) -> float:
        if not self.keywords:
            return 0.0
        return sum(1 for k in self.keywords if k <= found) / len(self.keywords)

    def direct(
        self, text: str, found: frozenset[str] | set[str] | None = None
    ) -> tuple[float, str]:
        """``_direct``, cached: the same paragraph comes back as context for every
        statement after it (its ``terms`` are computed only when not cached)."""
        cached = self._cache.get(text)
        if cached is None:
            if len(self._cache) > 4096:
                self._cache.clear()
            cached = self._cache[text] = self._direct(text, terms(text) if found is None else found)
        return cached

    def _direct(self, text: str, found: frozenset[str] | set[str]) -> tuple[float, str]:
        """Score from the statement's own words.

        Every keyword present: linked, more surely the more description words it has.
        Some keywords missing: only a large share of the description's words links it.
        """
        kw = self._keyword_share(found)
        desc = len(self.description & found) / len(self.description) if self.description else 0.0
        for alias in self.aliases:
            if fuzz.partial_ratio(alias.lower(), text.lower()) >= 90:
                return 0.9, f"alias {alias!r}"
        if kw >= 1.0:
            score = 0.6 + 0.4 * desc
        else:
            score = 0.25 * kw + 0.8 * desc
        return min(score, 1.0), f"keywords {kw:.0%}, description words {desc:.0%}"

    def score(
        self, text: str, context: Sequence[str], title: str | None = None
    ) -> tuple[float, str]:
        """Score one statement ``text``; ``context`` holds the paragraphs before it
        in its section, nearest last (a subheading, if any, first)."""
        found = terms(text)
        direct, reason = self.direct(text, found)
        vocab = vocabulary()
        weights = vocab["weights"]
        threshold = weights["threshold"]
        if direct >= threshold or not self.keywords:
            return direct, reason
        # Context: the statement refers back ("called it a fabrication") to a paragraph
        # of its section that is itself about the claim.
        shared = self.description & found
        if not (len(shared) >= 2 or _refers_back(text)):
            return direct, reason
        window = list(context[-int(weights["context_window"]) :])
        if context and context[0] not in window and is_heading(context[0]):
            window.insert(0, context[0])  # the section's subheading says what it is about
        desc = len(shared) / len(self.description) if self.description else 0.0
        for paragraph in reversed(window):
            if self.direct(paragraph)[0] >= threshold:
                score = weights["context_base"] + 0.3 * desc
                return max(direct, score), "refers back to a paragraph about the claim"
        # An article whose headline or lead is about the claim: a statement naming
        # "the attack" or "the allegations" anywhere in it means that one.
        if title and _refers_back_strongly(text):
            if self.direct(title)[0] >= threshold:
                return max(direct, weights["article_base"] + 0.3 * desc), (
                    "refers back to the article's subject, the claim"
                )
        return direct, reason


@functools.lru_cache(maxsize=4096)
def _refers_back(text: str) -> bool:
    """ "called it a fabrication", "the allegation": once per statement, not per claim."""
    return vocabulary()["anaphora_re"].search(text) is not None


@functools.lru_cache(maxsize=4096)
def _refers_back_strongly(text: str) -> bool:
    return vocabulary()["strong_anaphora_re"].search(text) is not None


@functools.lru_cache(maxsize=8192)
def is_heading(text: str) -> bool:
    """A subheading inside an article: short, no final full stop."""
    stripped = text.strip()
    if not stripped:
        return False
    words = stripped.split()
    if len(words) > vocabulary()["weights"]["heading_max_words"]:
        return False
    return stripped[-1] not in '.!:;,”")' or stripped.endswith("?")


class Sections:
    """An article's paragraphs with where each one's section starts (its subheading), so
    that the context of every statement in the article is a slice, not a new scan."""

    def __init__(self, body: Sequence[Sequence[Any]]):
        self.body = body
        self.lines = [int(ln) for ln, _ in body]
        self.paragraphs = [str(p) for _, p in body]
        self.starts: list[int] = []  # index of the section's heading (0: no heading yet)
        start = 0
        for i, paragraph in enumerate(self.paragraphs):
            if is_heading(paragraph):
                start = i
            self.starts.append(start)

    def before(self, line: int, text: str | None = None) -> list[str]:
        """The paragraphs of the section before the statement at ``line`` (heading
        included). Records number all their paragraphs with the record's line, so there
        the paragraph holding the statement's ``text`` is where to stop."""
        probe = (text or "")[:60]
        for i, ln in enumerate(self.lines):
            if ln > line or (ln == line and (not probe or probe in self.paragraphs[i])):
                break
        else:
            i = len(self.lines)
        return self.paragraphs[self.starts[i - 1] : i] if i else []


def section_before(body: Sequence[Sequence[Any]], line: int, text: str | None = None) -> list[str]:
    """The paragraphs of the article's section before the statement at ``line``
    (heading included); ``Sections(body).before`` when an article has many statements."""
    return Sections(body).before(line, text)


@dataclass
class Match:
    claim: str
    score: float
    reason: str


def match_statement(
    matchers: Iterable[ClaimMatcher], text: str, context: Sequence[str], title: str | None = None
) -> list[Match]:
    """Every claim this statement is linked to."""
    threshold = vocabulary()["weights"]["threshold"]
    out = []
    for m in matchers:
        score, reason = m.score(text, context, title)
        if score >= threshold:
            out.append(Match(m.claim.name, score, reason))
    return out


class Linker:
    """Many claims at once: an index from words to the claims that use them, so that a
    statement is scored only against claims that share a word with it, its section or
    its article's headline (no link is possible otherwise)."""

    def __init__(self, matchers: Sequence[ClaimMatcher]):
        self.matchers = list(matchers)
        self.strong: dict[str, list[int]] = {}  # keyword and alias words
        self.weak: dict[str, list[int]] = {}  # description words
        for i, m in enumerate(self.matchers):
            strong = set().union(*m.keywords)
            for alias in m.aliases:
                strong |= terms(alias)
            for w in strong:
                self.strong.setdefault(w, []).append(i)
            for w in m.description:
                self.weak.setdefault(w, []).append(i)

    def __bool__(self) -> bool:
        return bool(self.matchers)

    def candidates(self, words: set[str]) -> list[int]:
        """Claims that could link: a keyword or alias word present, or enough of the
        description's words that the description alone could reach the threshold."""
        strong, weak = self.strong, self.weak
        hit = {i for w in words & strong.keys() for i in strong[w]}
        counts: dict[int, int] = {}
        for w in words & weak.keys():
            for i in weak[w]:
                counts[i] = counts.get(i, 0) + 1
        share = vocabulary()["weights"]["candidate_description_share"]
        for i, n in counts.items():
            if n >= share * len(self.matchers[i].description):
                hit.add(i)
        return sorted(hit)

    # Up to this many claims, scoring each is cheaper than finding the candidates.
    DIRECT_CLAIMS = 2

    def match(self, text: str, context: Sequence[str], title: str | None = None) -> list[Match]:
        if len(self.matchers) <= self.DIRECT_CLAIMS:
            return match_statement(self.matchers, text, context, title)
        window = int(vocabulary()["weights"]["context_window"])
        words = set(terms(text))
        for paragraph in [*context[:1], *context[-window:]]:
            words |= terms(paragraph)
        if title:
            words |= terms(title)
        hits = self.candidates(words)
        return match_statement((self.matchers[i] for i in hits), text, context, title)

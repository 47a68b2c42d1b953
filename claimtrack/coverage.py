"""Coverage: an article's own stance toward a claim, and which articles are about it.

Besides the attributed statements inside it, an article has its own voice toward a
claim. Following Emergent (Ferreira & Vlachos, NAACL-HLT 2016, "Emergent: a novel
data-set for stance classification"), which labels headlines ``for``, ``against`` or
``observing`` a claim, an article here

* **asserts** the claim: states it as fact in its own voice ("Police detain X");
* **denies** it: debunks or refutes it in its own voice ("No, X was not detained",
  "The X video is a hoax") or leads with a denial ("Police deny X", "X denies
  rumours he is dead");
* **observes** it: reports it as someone's claim, hedges or asks ("X says ...",
  "X reportedly ...", "Was X detained?").

:func:`article_stance` decides from cues in the headline, then the lead sentence,
the paragraphs about the claim (for a long article) and the balance of the
attributed statements linked in the article, and says which cues decided. The cues
are data (``data/coverage.toml``); every rule is general (cue groups, negation
compared with the claim, a "Source: ..." prefix), never a rule for one headline.
Limits: English only; no parser, so negation is only roughly scoped (a word of the
claim must stand near it, in the same clause), and sarcasm or a debunk told without
any cue word ("The new flavour was a figment of the web's imagination") is missed.

:func:`articles_for_claim` finds the articles about a claim even when they hold no
statement at all (Emergent-style headlines): full-text search for candidates, then
a content-word overlap score between the claim and the title + lead, refined by
pseudo-relevance feedback and compared across all registered claims (see the
comment above ``content_words``).
:func:`coverage_rows` puts both together for the ``coverage`` view.
"""

from __future__ import annotations

import functools
import json
import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import sqlite_utils
from rapidfuzz import fuzz

from . import store
from .errors import NotFoundError
from .link import stem, terms, vocabulary
from .models import Claim

STANCES = ("asserts", "denies", "observes")

# Cue groups of data/coverage.toml, each pointing to the stance it is evidence for.
_GROUPS = {
    "debunk": "denies",
    "denial": "denies",
    "correction": "denies",  # only next to other denial evidence, else observes (_scan)
    "attribution": "observes",
    "hedge": "observes",
    "question": "observes",
    "prospect": "observes",
    "confirm": "asserts",
}

_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})
_WORD = re.compile(r"[\w']+")


@dataclass(frozen=True)
class CoverageStance:
    """An article's own stance toward a claim: ``stance`` is asserts, denies or
    observes; ``score`` the confidence (0..1); ``reason`` which cues decided."""

    stance: str
    score: float
    reason: str


_TOKEN = re.compile(r"\w+(?:'\w+)*|[^\w\s]")


def tokens(text: str) -> list[str]:
    """Folded word and punctuation tokens: the units cues are matched in.

    >>> tokens("No, it isn’t a “hoax”")
    ['no', ',', 'it', "isn't", 'a', '"', 'hoax', '"']
    """
    return _TOKEN.findall(fold(text))


class Phrases:
    """A cue list matched token by token: a phrase matches whole words, and a phrase
    holding punctuation ("no,", "?", "- report") matches that punctuation. Faster
    than one big regex alternation, which tries every phrase at every position."""

    def __init__(self, phrases: Iterable[str]):
        self.map = {tuple(_TOKEN.findall(p)): p for p in phrases if _TOKEN.findall(p)}
        self.longest = max((len(k) for k in self.map), default=0)

    def spans(self, toks: Sequence[str], overlapping: bool = False) -> list[tuple[int, int, str]]:
        """(start, end, phrase) of the matches, longest first at each position."""
        out = []
        i = 0
        while i < len(toks):
            step = 1
            for k in range(min(self.longest, len(toks) - i), 0, -1):
                phrase = self.map.get(tuple(toks[i : i + k]))
                if phrase is not None:
                    out.append((i, i + k, phrase))
                    step = 1 if overlapping else k
                    break
            i += step
        return out

    def find(self, toks: Sequence[str]) -> list[str]:
        return list(dict.fromkeys(p for _, _, p in self.spans(toks)))

    def fullmatch(self, toks: Sequence[str]) -> bool:
        return tuple(toks) in self.map


@dataclass(frozen=True)
class Cues:
    """The cue lists and weights of ``data/coverage.toml``, ready to match."""

    groups: dict[str, Phrases]
    negation: Phrases
    idioms: Phrases
    speakers: Phrases
    labels: Phrases
    subordinators: frozenset[str]
    noncommittal: Phrases
    weights: dict[str, float]
    linking: dict[str, float]
    lists: dict[str, list[str]]


@functools.cache
def cues() -> Cues:
    with resources.files("claimtrack").joinpath("data/coverage.toml").open("rb") as f:
        data = tomllib.load(f)
    lists = {k: v for k, v in data.items() if isinstance(v, list)}
    return Cues(
        groups={group: Phrases(lists[group]) for group in _GROUPS},
        negation=Phrases(lists["negation"]),
        idioms=Phrases(lists["negation_idioms"]),
        speakers=Phrases(lists["speakers"]),
        labels=Phrases(lists["labels"]),
        subordinators=frozenset(lists["subordinators"]),
        noncommittal=Phrases(lists["noncommittal"]),
        weights={k: float(v) for k, v in data["weights"].items()},
        linking={k: float(v) for k, v in data["linking"].items()},
        lists=lists,
    )


def fold(text: str) -> str:
    """Lower case, straight quotes, single spaces: the form cues are matched in."""
    return " ".join(text.translate(_FOLD).lower().split())


_HIDDEN = "\x00"


def _mask(phrases: Phrases, toks: list[str]) -> list[str]:
    """``toks`` with every match blanked, overlapping matches too ("refuses to
    confirm" and "confirm or deny" in "refuses to confirm or deny")."""
    out = list(toks)
    for start, end, _ in phrases.spans(toks, overlapping=True):
        out[start:end] = [_HIDDEN] * (end - start)
    return out


def _negations(toks: list[str], claim_terms: frozenset[str], c: Cues) -> list[str]:
    """Negators in ``toks`` that negate something of the claim, outside the idioms
    that negate nothing ("not only"): one of the claim's content words stands within
    ``negation_window`` words after the negator ("X was *not* detained"), or before
    it in the same clause ("the condom is *not* happening", but not "a nun *who* had
    *no* idea")."""
    masked = _mask(c.idioms, toks)
    window = int(c.weights["negation_window"])
    out = []
    for start, end, phrase in c.negation.spans(masked):
        after = [t for t in masked[end:] if t[0].isalnum()][:window]
        before = [t for t in masked[:start] if t[0].isalnum()][-window:]
        clause: list[str] = []
        for t in reversed(before):
            if t in c.subordinators:
                break
            clause.append(t)
        if any(stem(t) in claim_terms for t in [*after, *clause]):
            out.append(phrase)
    return out


@functools.lru_cache(maxsize=4096)
def _claim_cues(claim: str, claim_terms: frozenset[str]) -> tuple[dict[str, set[str]], int]:
    """The cues the claim itself holds, and how many negators negate its own words."""
    c = cues()
    toks = tokens(claim)
    own = {group: set(phrases.find(toks)) for group, phrases in c.groups.items()}
    own["noncommittal"] = set(c.noncommittal.find(toks))
    return own, len(_negations(toks, claim_terms, c))


_ACRONYM = re.compile(r"^[A-Z][A-Z&.]{1,5}$")
_SUFFIX = re.compile(r"(?::|\s-{1,2}|\s—|-{2})\s*([^:\-—]+?)\s*$")


def source_attribution(title: str) -> str | None:
    """The source a headline is attributed to by its form: "Officials: mayor knew of
    the flaw" (a short prefix naming a source) or "Carmaker to shut its plant in Leeds:
    FT" (a short suffix naming a source, or an acronym).

    >>> source_attribution("Officials: mayor knew of the bridge flaw")
    'officials'
    >>> source_attribution("Bridge collapse: mayor knew of the flaw") is None
    True
    """
    c = cues()
    limit = int(c.weights["colon_max_words"])
    text = " ".join(title.translate(_FOLD).split())
    head, sep, rest = text.partition(":")
    if sep and rest.strip():
        prefix = fold(head).strip(" -\"'")
        size = len(prefix.split())
        if 0 < size <= limit and len(rest.split()) > size and c.speakers.find(tokens(prefix)):
            if not c.labels.fullmatch(tokens(prefix)):
                return prefix
    m = _SUFFIX.search(text)
    if m and m.start() > 0:
        suffix = m.group(1).strip(" \"'")
        words = suffix.split()
        if not words or len(words) > limit or c.labels.fullmatch(tokens(suffix)):
            return None
        # the suffix is a tag after the headline, not the headline after a label
        if len(text[: m.start()].split()) < max(4, 2 * len(words)):
            return None
        shouting = sum(w.isupper() for w in text.split()) * 2 > len(text.split())
        if c.speakers.find(tokens(suffix)) or (
            not shouting and len(words) == 1 and _ACRONYM.match(words[0])
        ):
            return fold(suffix)
    return None


@dataclass
class _Evidence:
    points: dict[str, float]
    notes: dict[str, list[str]]

    @classmethod
    def empty(cls) -> _Evidence:
        return cls({s: 0.0 for s in STANCES}, {s: [] for s in STANCES})

    def add(self, stance: str, points: float, note: str) -> None:
        self.points[stance] += points
        self.notes[stance].append(note)


def _scan(
    raw: str,
    where: str,
    factor: float,
    claim: str,
    claim_terms: frozenset[str],
    ev: _Evidence,
) -> None:
    """Add the evidence of one text (the headline, the lead, a paragraph) to ``ev``.

    A cue that the claim itself holds ("Pope *says* ..."; "X *may* ...") is not
    evidence: the article repeats the claim's own words."""
    c = cues()
    w = c.weights
    own, claim_negations = _claim_cues(claim, claim_terms)
    toks = tokens(raw)
    found: dict[str, list[str]] = {}
    # "refuses to confirm or deny" takes no side: reported, and kept from the denials.
    noncommittal = [h for h in c.noncommittal.find(toks) if h not in own["noncommittal"]]
    toks = _mask(c.noncommittal, toks)
    for group, phrases in c.groups.items():
        hits = [h for h in phrases.find(toks) if h not in own[group]]
        if hits:
            found[group] = hits
    # Negation relative to the claim: the text negates more than the claim does.
    negations = _negations(toks, claim_terms, c)
    if len(negations) > claim_negations:
        found["negation"] = list(dict.fromkeys(negations))
    speaker = source_attribution(raw)

    denial_groups = [g for g in ("debunk", "denial", "negation") if g in found]
    for group in denial_groups:
        ev.add("denies", w[group] * factor, f"{where} {group} {_quote(found[group])}")
    if "correction" in found:
        # "turns out", "actually": a correction only next to a denial, else a framing.
        target = "denies" if denial_groups else "observes"
        ev.add(
            target, w["correction"] * factor, f"{where} correction {_quote(found['correction'])}"
        )
    for group in ("attribution", "hedge", "prospect", "question"):
        if group in found:
            ev.add("observes", w[group] * factor, f"{where} {group} {_quote(found[group])}")
    if noncommittal:
        ev.add("observes", w["hedge"] * factor, f"{where} noncommittal {_quote(noncommittal)}")
    if speaker:
        ev.add("observes", w["colon_attribution"] * factor, f"{where} attributed to {speaker!r}")
    if "confirm" in found:
        ev.add("asserts", w["confirm"] * factor, f"{where} confirm {_quote(found['confirm'])}")


def _quote(hits: Sequence[str]) -> str:
    return ", ".join(repr(h) for h in hits[:3])


def claim_overlap(claim: str, text: str, claim_keywords: Sequence[str] = ()) -> float:
    """How much of the claim ``text`` repeats (0..1): the mean of the share of the
    claim's content words found in it and rapidfuzz's token_set_ratio."""
    want = terms(claim) | {t for k in claim_keywords for t in terms(k)}
    have = terms(text)
    share = len(want & have) / len(want) if want else 0.0
    ratio = fuzz.token_set_ratio(fold(claim), fold(text)) / 100
    return (share + ratio) / 2


def article_stance(
    claim_description: str,
    title: str | None,
    lead: str | None = None,
    statement_stances: Sequence[str] = (),
    claim_keywords: Sequence[str] = (),
    body: Sequence[str] = (),
) -> CoverageStance:
    """The article's own stance toward the claim, from its headline, its lead, the
    stances of the statements linked to the claim in it and, for a long article, the
    paragraphs of ``body`` (after the lead) that are about the claim.

    Denial evidence (a debunk cue, someone's denial, a negation the claim does not
    have) wins over hedging (attribution, hedges, a question), which wins over the
    default: a headline without such cues states the claim.

    >>> article_stance("Loggers cut down the oldest tree", "Loggers did not cut down oldest tree").stance
    'denies'
    >>> article_stance("Loggers cut down the oldest tree", "Loggers cut down oldest tree, police say").stance
    'observes'
    """
    c = cues()
    w = c.weights
    claim = fold(claim_description)
    claim_terms = frozenset(terms(claim_description).union(*(terms(k) for k in claim_keywords)))
    ev = _Evidence.empty()
    headline = (title or "").strip()
    lead_text = (lead or "").strip()
    if not headline and lead_text:
        headline, lead_text = lead_text, ""
    if fold(lead_text) == fold(headline):
        lead_text = ""
    if headline:
        _scan(headline, "headline", 1.0, claim, claim_terms, ev)
    if lead_text:
        _scan(lead_text, "lead", w["lead_factor"], claim, claim_terms, ev)
    overlap = claim_overlap(claim_description, headline or lead_text, claim_keywords)
    if body:
        # A headline that does not state the claim leaves the article's voice on it to
        # the paragraphs about it (a roundup, an explainer).
        weight = w["body"] if overlap >= w["states_claim"] else w["body_off_claim"]
        _weigh_body(claim_description, claim_keywords, body, weight, claim, claim_terms, ev)
    _weigh_statements(statement_stances, ev)

    denies, observes = ev.points["denies"], ev.points["observes"]
    question = any("question" in n for n in ev.notes["observes"] if n.startswith("headline"))
    # A question about a debunk ("Is the X video fake?") asks; it does not debunk.
    if question and denies:
        denies *= w["question_denial"]
    if denies >= 0.5 and denies >= observes * 0.5:
        return CoverageStance("denies", _confidence(denies - 0.3 * observes), _reason(ev, "denies"))
    if observes >= 0.5 and observes > ev.points["asserts"]:
        return CoverageStance(
            "observes", _confidence(observes - ev.points["asserts"]), _reason(ev, "observes")
        )
    if body and overlap < w["states_claim"] and not any(ev.notes.values()):
        # A long article whose headline does not state the claim and none of whose
        # paragraphs is about it only touches on it.
        return CoverageStance(
            "observes", 0.4, f"mentions the claim only in passing (headline states {overlap:.0%})"
        )
    score = w["assert_base"] + w["assert_overlap"] * overlap + ev.points["asserts"]
    score -= 0.3 * (denies + observes)
    notes = ev.notes["asserts"] + [f"states {overlap:.0%} of the claim with no hedge or denial"]
    if denies or observes:
        weak = ev.notes["denies"] + ev.notes["observes"]
        notes.append("weak: " + "; ".join(weak))
    return CoverageStance("asserts", round(min(max(score, 0.05), 0.95), 2), "; ".join(notes))


def _leaning(ev: _Evidence) -> str | None:
    d, o = ev.points["denies"], ev.points["observes"]
    if d >= 0.5 and d >= o * 0.5:
        return "denies"
    if o >= 0.5:
        return "observes"
    return None


def _weigh_body(
    claim_description: str,
    claim_keywords: Sequence[str],
    body: Sequence[str],
    weight: float,
    claim: str,
    claim_terms: frozenset[str],
    ev: _Evidence,
) -> None:
    """The paragraphs about the claim (``body_min_share`` of its content words, or
    every keyword): the share of them that deny it, and that attribute or hedge it."""
    c = cues()
    n = int(c.linking["prefix"])
    cw = _claim_words(Claim("-", claim_description, keywords=list(claim_keywords)), n)
    about = [p for p in body if p.strip() and _claim_share(cw, p, n) >= c.weights["body_min_share"]]
    if not about:
        return
    leanings: Counter[str | None] = Counter()
    for paragraph in about:
        one = _Evidence.empty()
        _scan(paragraph, "body", 1.0, claim, claim_terms, one)
        leanings[_leaning(one)] += 1
    for stance, verb in (("denies", "deny or debunk"), ("observes", "attribute or hedge")):
        if leanings[stance]:
            ev.add(
                stance,
                weight * leanings[stance] / len(about),
                f"{leanings[stance]} of {len(about)} paragraphs about the claim {verb} it",
            )


def _claim_share(cw: _ClaimWords, text: str, n: int) -> float:
    """Share of the claim's content words in ``text`` (1.0 when every keyword is)."""
    have = content_words(text)
    if cw.keywords and all(k <= have for k in cw.keywords):
        return 1.0
    if not cw.words:
        return 0.0
    index = _prefix_index(have, n)
    return sum(1 for w in cw.words if _meets(w, have, index, n)) / len(cw.words)


def _weigh_statements(stances: Sequence[str], ev: _Evidence) -> None:
    """The statements linked in the article, as weak evidence: a majority of denials
    leans denies, a majority of doubts leans observes."""
    if not stances:
        return
    counts = Counter(stances)
    n = len(stances)
    against = counts["denies"] + counts["retracts"]
    weight = cues().weights["statements"]
    if against * 2 > n:
        ev.add("denies", weight, f"{against} of {n} linked statements deny")
    elif counts["doubts"] * 2 > n or (against + counts["doubts"]) * 2 > n:
        ev.add("observes", weight, f"{against + counts['doubts']} of {n} linked statements doubt")


def _confidence(points: float) -> float:
    return round(min(0.95, max(0.5, 0.5 + 0.45 * min(points, 1.0))), 2)


def _reason(ev: _Evidence, stance: str) -> str:
    return "; ".join(ev.notes[stance])


# -- which articles are about a claim -------------------------------------------
#
# Headline-only articles hold no statements, so an article is tied to a claim by its
# own words: the content words of its title + lead against the claim's description,
# keywords and aliases. Two passes:
#
# 1. relatedness: the mean of the (rarity-weighted) share of the claim's words found in
#    the article and the share of the article's words found in the claim. Words meet
#    when equal after link.stem, or when they share a long prefix ("Norwegian" and
#    "Norway" do not, "Canadian" and "Canada" do): the stemmer is crude on purpose.
# 2. pseudo-relevance feedback (Rocchio): the articles that are clearly about one
#    claim (pass 1 at least `seed` and `seed_lead` times any other claim) give that
#    claim a profile of the words they share (headlines about a named hostage also say
#    "journalist", "kidnapped", "freed"); pass 2 counts those words too, so "Kidnapped
#    journalist freed" reaches its claim without naming the hostage.
#
# An article is about a claim when its pass-2 score reaches `threshold` and is within
# `margin` of its best score over all registered claims. Parameters: [linking] in
# data/coverage.toml.

_NUMBER = re.compile(r"\d[\d,.]*\d|\d")


def content_words(text: str) -> frozenset[str]:
    """Content-word stems (link.terms) plus numbers ("4,999" -> "4999")."""
    numbers = {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}
    return frozenset(terms(text) | numbers)


def _prefix_index(words: Iterable[str], n: int) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for w in words:
        if len(w) >= n:
            index.setdefault(w[:n], []).append(w)
    return index


def _meets(word: str, have: frozenset[str], index: dict[str, list[str]], n: int) -> bool:
    """``word`` is in ``have``, or shares a long prefix with a word of it."""
    if word in have:
        return True
    return any(_soft_meet(word, other, n) for other in index.get(word[:n], ()))


@dataclass
class _ClaimWords:
    claim: Claim
    words: frozenset[str]
    index: dict[str, list[str]]
    keywords: tuple[frozenset[str], ...]
    search: tuple[str, ...]  # plain words of the claim for the full-text search
    profile: dict[str, float]  # pass-2 feedback words -> weight (share of seed articles)


def _claim_words(claim: Claim, n: int) -> _ClaimWords:
    words = set(content_words(claim.description))
    for extra in (*claim.keywords, *claim.aliases):
        words |= content_words(extra)
    stop = vocabulary()["stopwords"]
    plain = [
        w.strip("'")
        for text in (claim.description, *claim.keywords, *claim.aliases)
        for w in _WORD.findall(fold(text).replace("'s ", " "))
    ]
    search = tuple(
        dict.fromkeys(w for w in plain if len(w) > 1 and w not in stop and not w.isdigit())
    )
    return _ClaimWords(
        claim,
        frozenset(words),
        _prefix_index(words, n),
        tuple(frozenset(terms(k)) for k in claim.keywords if terms(k)),
        search,
        {},
    )


def _soft_meet(a: str, b: str, n: int) -> bool:
    """Two different words meet when they share a long prefix: at least ``n`` letters
    and all but two of the shorter one, lengths within three."""
    if len(a) < n or len(b) < n or abs(len(a) - len(b)) > 3:
        return False
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(n, min(len(a), len(b)) - 2)


class _Index:
    """The claims' words indexed, to score one article against every claim at once
    (pass 1, or pass 2 with each claim's feedback profile)."""

    def __init__(self, claims: dict[str, _ClaimWords], idf: dict[str, float], n: int):
        self.claims = claims
        self.idf = idf
        self.n = n
        self.owners: dict[str, list[str]] = {}
        for name, cw in claims.items():
            for w in cw.words:
                self.owners.setdefault(w, []).append(name)
        self.buckets = _prefix_index(self.owners, n)
        self.total = {name: sum(idf.get(w, 1.0) for w in cw.words) for name, cw in claims.items()}
        self.profiles: dict[str, list[tuple[str, float]]] = {}
        self._meet: dict[str, list[str]] = {}

    def set_profiles(self) -> None:
        self.profiles = {}
        for name, cw in self.claims.items():
            for w, weight in cw.profile.items():
                self.profiles.setdefault(w, []).append((name, weight))

    def _claim_words_meeting(self, v: str) -> list[str]:
        hit = self._meet.get(v)
        if hit is None:
            hit = [v] if v in self.owners else []
            hit += [
                u for u in self.buckets.get(v[: self.n], ()) if u != v and _soft_meet(u, v, self.n)
            ]
            self._meet[v] = hit
        return hit

    def scores(self, have: frozenset[str], text: str, feedback: bool) -> dict[str, float]:
        """claim name -> how strongly the article (its words ``have``, its ``text``)
        is about it, for every claim it shares a word with."""
        if not have:
            return {}
        found: dict[str, set[str]] = {}
        own: Counter[str] = Counter()
        extra: dict[str, float] = {}
        for v in have:
            hit: set[str] = set()
            for u in self._claim_words_meeting(v):
                for name in self.owners[u]:
                    found.setdefault(name, set()).add(u)
                    hit.add(name)
            own.update(hit)
            if feedback:
                for name, weight in self.profiles.get(v, ()):
                    if name not in hit:
                        extra[name] = extra.get(name, 0.0) + weight
        out = {}
        for name in found.keys() | extra.keys():
            cw = self.claims[name]
            claim_share = sum(self.idf.get(u, 1.0) for u in found.get(name, ())) / self.total[name]
            score = (claim_share + (own[name] + extra.get(name, 0.0)) / len(have)) / 2
            if cw.keywords:
                kw = sum(1 for k in cw.keywords if k <= have) / len(cw.keywords)
                score = max(score, 0.6 * kw)
            for alias in cw.claim.aliases:
                if alias and fuzz.partial_ratio(alias.lower(), text.lower()) >= 90:
                    score = max(score, 0.6)
                    break
            out[name] = min(score, 1.0)
        return out


def relatedness(claim: Claim, text: str) -> float:
    """How strongly ``text`` (an article's title + lead) is about ``claim``, 0..1:
    pass 1 above with every word weighing the same (no other claims to compare).

    >>> round(relatedness(Claim("x", "Loggers cut down the oldest tree"), "Oldest tree cut down"), 2)
    0.9
    """
    n = int(cues().linking["prefix"])
    index = _Index({claim.name: _claim_words(claim, n)}, {}, n)
    return index.scores(content_words(text), text, feedback=False).get(claim.name, 0.0)


def title_and_lead(title: str | None, body: Sequence[Sequence[Any]]) -> tuple[str | None, str]:
    """The headline and the lead (first paragraph that is not the headline again).
    An article read from a bare ``text`` record takes its first line as headline."""
    paragraphs = [str(t).strip() for _, t in body if str(t).strip()]
    if not title and paragraphs:
        title, paragraphs = paragraphs[0], paragraphs[1:]
    key = fold(title or "")
    lead = next((p for p in paragraphs if fold(p) != key), "")
    return title, lead


def _rest(body: Sequence[Sequence[Any]], title: str | None, lead: str) -> list[str]:
    """The paragraphs after the lead (headline and lead left out)."""
    skip = {fold(title or ""), fold(lead)}
    return [str(t) for _, t in body if str(t).strip() and fold(str(t)) not in skip]


# The few queries coverage needs beyond store's (prefix full-text search, article
# heads, statement stances per article); kept here until store grows them.


def _fts_candidates(
    db: sqlite_utils.Database, words: Iterable[str], n: int, limit: int
) -> list[str]:
    """Articles whose title or text holds any of ``words`` (FTS5; words of ``n``
    letters or more also as prefixes, so "canada" finds "Canadian"), best first."""
    tokens = []
    for w in dict.fromkeys(words):
        w = w.replace('"', "")
        if not w:
            continue
        tokens.append(f'"{w[:n]}"*' if len(w) >= n else f'"{w}"')
    if not tokens:
        return []
    rows = db.execute(
        "select a.id from articles_fts f join articles a on a.rowid = f.rowid "
        "where articles_fts match ? order by bm25(articles_fts) limit ?",
        [" OR ".join(tokens), limit],
    ).fetchall()
    return [r[0] for r in rows]


def _article_heads(db: sqlite_utils.Database, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        chunk = list(ids[i : i + 500])
        placeholders = ",".join("?" * len(chunk))
        for row in db.query(
            f"select id, title, published, outlet, body from articles where id in ({placeholders})",
            chunk,
        ):
            paragraphs = json.loads(row.pop("body"))
            row["title"], row["lead"] = title_and_lead(row["title"], paragraphs)
            row["rest"] = _rest(paragraphs, row["title"], row["lead"])
            text = f"{row['title'] or ''}\n{row['lead'] or ''}"
            row["text"], row["words"] = text, content_words(text)
            out[row["id"]] = row
    return out


def _linked_articles(db: sqlite_utils.Database, claim: str) -> dict[str, list[str]]:
    """Article id -> stances of its statements linked to ``claim`` (manual unlinks
    excluded), in article order."""
    out: dict[str, list[str]] = {}
    for row in db.query(
        "select s.article_id, s.stance from links l join statements s on s.id = l.statement_id "
        "where l.claim = ? and l.how != 'rejected' order by s.article_id, s.seq",
        [claim],
    ):
        out.setdefault(row["article_id"], []).append(row["stance"])
    return out


class _Linker:
    """All registered claims (plus ``extra``) linked to articles in one go: the
    margin compares each article's claims with one another."""

    def __init__(self, db: sqlite_utils.Database, extra: Iterable[Claim] = ()):
        self.db = db
        self.p = cues().linking
        self.n = int(self.p["prefix"])
        claims = {c.name: c for c in store.claims(db)}
        for c in extra:
            claims[c.name] = c
        self.claims = {name: _claim_words(c, self.n) for name, c in claims.items()}
        df: Counter[str] = Counter()
        for cw in self.claims.values():
            df.update(cw.words)
        total = max(len(self.claims), 1)
        self.idf = {w: 1.0 + math.log(total / k) for w, k in df.items()}
        self.index = _Index(self.claims, self.idf, self.n)
        self.heads: dict[str, dict[str, Any]] = {}
        self._links: dict[str, list[str]] | None = None

    def _load(self, ids: Iterable[str]) -> None:
        missing = [a for a in dict.fromkeys(ids) if a not in self.heads]
        self.heads.update(_article_heads(self.db, missing))

    def _candidates(self, words: Iterable[str]) -> list[str]:
        found = _fts_candidates(self.db, words, self.n, int(self.p["max_candidates"]))
        self._load(found)
        return [a for a in found if a in self.heads]

    def _scores(self, ids: Iterable[str], feedback: bool) -> dict[str, dict[str, float]]:
        """article -> claim -> score, for every claim each article shares a word with."""
        out = {}
        for a in ids:
            head = self.heads[a]
            by_claim = self.index.scores(head["words"], head["text"], feedback)
            if by_claim:
                out[a] = by_claim
        return out

    def links(self) -> dict[str, list[str]]:
        """claim name -> ids of the articles about it."""
        if self._links is not None:
            return self._links
        p = self.p
        pool: dict[str, None] = {}  # every candidate article, in order
        for cw in self.claims.values():
            pool.update(dict.fromkeys(self._candidates(cw.search)))
        first = self._scores(pool, feedback=False)
        seeds: dict[str, list[str]] = {}
        for a, by_claim in first.items():
            ranked = sorted(by_claim.values(), reverse=True)
            best = ranked[0]
            runner_up = ranked[1] if len(ranked) > 1 else 0.0
            if best >= p["seed"] and best >= p["seed_lead"] * runner_up:
                top = max(by_claim, key=lambda k: by_claim[k])
                seeds.setdefault(top, []).append(a)
        for name, ids in seeds.items():
            counts: Counter[str] = Counter()
            for a in ids:
                counts.update(self.heads[a]["words"])
            cw = self.claims[name]
            profile = {
                w: k / len(ids)
                for w, k in counts.most_common()
                if k >= p["profile_min_count"]
                and k / len(ids) >= p["profile_min_share"]
                and w not in cw.words
            }
            cw.profile = dict(list(profile.items())[: int(p["profile_max_words"])])
            if cw.profile:
                pool.update(dict.fromkeys(self._candidates(cw.profile)))
        self.index.set_profiles()
        second = self._scores(pool, feedback=True)
        links: dict[str, list[str]] = {name: [] for name in self.claims}
        for a, by_claim in second.items():
            best = max(by_claim.values())
            for name, s in by_claim.items():
                if s >= p["threshold"] and s >= p["margin"] * best:
                    links[name].append(a)
        for name in self.claims:
            linked = _linked_articles(self.db, name)
            self._load(linked)
            links[name] = list(dict.fromkeys([*links[name], *linked]))
        self._links = links
        return links


def _as_claim(db: sqlite_utils.Database, claim: Claim | str) -> Claim:
    if isinstance(claim, Claim):
        return claim
    for c in store.claims(db):
        if c.name == claim:
            return c
    raise NotFoundError(f"no claim named {claim!r}")


def articles_for_claim(db: sqlite_utils.Database, claim: Claim | str) -> list[str]:
    """Ids of the articles about ``claim`` (a Claim, registered or not, or the name of
    a registered one): those whose title + lead is about it (see the comment above),
    plus every article with a statement linked to it. Works for headline-only
    articles, which hold no statements. Scores every registered claim, since an
    article goes to the claims it fits best."""
    c = _as_claim(db, claim)
    return _Linker(db, [c]).links()[c.name]


def coverage_rows(db: sqlite_utils.Database, claim_name: str | None = None) -> list[dict[str, Any]]:
    """One row per (claim, article about it): ``{"claim", "article_id", "title",
    "published", "outlet", "stance", "score", "reason"}``; every claim when
    ``claim_name`` is None. The stance comes from the article's title, lead and the
    statements in it linked to the claim. Ordered by claim name, then publication
    date (undated last), then title."""
    if claim_name is not None:
        _as_claim(db, claim_name)  # NotFoundError for an unknown name
    linker = _Linker(db)
    links = linker.links()
    names = sorted(links) if claim_name is None else [claim_name]
    rows: list[dict[str, Any]] = []
    for name in names:
        claim = linker.claims[name].claim
        stances = _linked_articles(db, name)
        claim_rows = []
        for art_id in links[name]:
            head = linker.heads[art_id]
            cs = article_stance(
                claim.description,
                head["title"],
                head["lead"],
                stances.get(art_id, ()),
                [*claim.keywords, *claim.aliases],
                head["rest"],
            )
            claim_rows.append(
                {
                    "claim": name,
                    "article_id": art_id,
                    "title": head["title"],
                    "published": head["published"],
                    "outlet": head["outlet"],
                    "stance": cs.stance,
                    "score": cs.score,
                    "reason": cs.reason,
                }
            )
        claim_rows.sort(
            key=lambda r: (r["published"] is None, r["published"] or "", r["title"] or "")
        )
        rows.extend(claim_rows)
    return rows


def coverage_summary(rows: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Articles per stance in ``coverage_rows`` output, every stance present, for a
    one-line summary: ``{"asserts": 3, "denies": 1, "observes": 5}``."""
    counts = Counter(r["stance"] for r in rows)
    return {stance: counts.get(stance, 0) for stance in STANCES}

"""Coverage: an article's own stance toward a claim, and which articles are about it.

Besides the attributed statements inside it, an article has its own voice toward a
claim. Following Emergent (Ferreira & Vlachos, NAACL-HLT 2016, "Emergent: a novel
data-set for stance classification"), which labels headlines ``for``, ``against`` or
``observing`` a claim, an article here

* **asserts** the claim: states it as fact in its own voice ("Lebanon detains X");
* **denies** it: debunks or refutes it in its own voice ("No, X was not detained",
  "The X video is a hoax") or leads with a denial ("Police deny X", "X denies
  rumours he is dead");
* **observes** it: reports it as someone's claim, hedges or asks ("X says ...",
  "X reportedly ...", "Was X detained?").

:func:`article_stance` decides from cues in the headline, then the lead sentence,
then the balance of the attributed statements linked in the article, and says which
cues decided. The cues are data (``data/coverage.toml``); every rule is general
(cue groups, negation compared with the claim, a "Speaker: ..." prefix), never a
rule for one headline. Limits: English only; no parser, so negation is counted,
not scoped ("not only" and a few other idioms are skipped), and sarcasm or a
debunk told without any cue word ("Pumpkin spice condoms aren't coming") is only
caught through its negation.

:func:`articles_for_claim` finds the articles about a claim even when they hold no
statement at all (Emergent-style headlines): full-text search for candidates, then
a content-word overlap score between the claim and the title + lead.
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
from .link import terms
from .models import Claim

STANCES = ("asserts", "denies", "observes")

# Cue groups of data/coverage.toml, each pointing to the stance it is evidence for.
_GROUPS = {
    "debunk": "denies",
    "denial": "denies",
    "correction": "denies",  # only with other denial evidence; see _weigh
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


@dataclass(frozen=True)
class Cues:
    """The compiled cue lists and weights of ``data/coverage.toml``."""

    patterns: dict[str, re.Pattern[str]]
    negation: re.Pattern[str]
    idioms: re.Pattern[str]
    speakers: re.Pattern[str]
    labels: re.Pattern[str]
    subordinators: frozenset[str]
    noncommittal: re.Pattern[str]
    weights: dict[str, float]
    linking: dict[str, float]
    lists: dict[str, list[str]]


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any phrase as whole words; a phrase that starts or ends
    with punctuation ("no,", "?", "- report") matches that punctuation literally."""
    parts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in p.split())
        left = r"(?<![\w'])" if re.match(r"\w", p) else ""
        right = r"(?![\w'])" if re.search(r"\w$", p) else ""
        parts.append(left + body + right)
    return re.compile("|".join(parts) if parts else r"(?!x)x")


@functools.cache
def cues() -> Cues:
    with resources.files("claimtrack").joinpath("data/coverage.toml").open("rb") as f:
        data = tomllib.load(f)
    lists = {k: v for k, v in data.items() if isinstance(v, list)}
    return Cues(
        patterns={group: _phrase_pattern(lists[group]) for group in _GROUPS},
        negation=_phrase_pattern(lists["negation"]),
        idioms=_phrase_pattern(lists["negation_idioms"]),
        speakers=_phrase_pattern(lists["speakers"]),
        labels=_phrase_pattern(lists["labels"]),
        subordinators=frozenset(lists["subordinators"]),
        noncommittal=_phrase_pattern(lists["noncommittal"]),
        weights={k: float(v) for k, v in data["weights"].items()},
        linking={k: float(v) for k, v in data["linking"].items()},
        lists=lists,
    )


def fold(text: str) -> str:
    """Lower case, straight quotes, single spaces: the form cues are matched in."""
    return " ".join(text.translate(_FOLD).lower().split())


def _found(pattern: re.Pattern[str], text: str) -> list[str]:
    return list(dict.fromkeys(m.group(0) for m in pattern.finditer(text)))


def _negations(text: str, claim_terms: set[str], c: Cues) -> list[str]:
    """Negators in ``text`` that negate something of the claim, outside the idioms
    that negate nothing ("not only"): one of the claim's content words stands within
    ``negation_window`` words after the negator ("X was *not* detained"), or before
    it in the same clause ("the condom is *not* happening", but not "a nun *who* had
    *no* idea")."""
    masked = c.idioms.sub(" ", text)
    window = int(c.weights["negation_window"])
    out = []
    for m in c.negation.finditer(masked):
        after = _WORD.findall(masked[m.end() :])[:window]
        before = _WORD.findall(masked[: m.start()])[-window:]
        clause: list[str] = []
        for w in reversed(before):
            if w in c.subordinators:
                break
            clause.append(w)
        if any(terms(w) & claim_terms for w in [*after, *clause]):
            out.append(m.group(0))
    return out


_ACRONYM = re.compile(r"^[A-Z][A-Z&.]{1,5}$")
_SUFFIX = re.compile(r"(?::|\s-{1,2}|\s—|-{2})\s*([^:\-—]+?)\s*$")


def source_attribution(title: str) -> str | None:
    """The source a headline is attributed to by its form: "Officials: fence jumper
    made it into East Room" (a short prefix naming a source) or "Microsoft nears deal
    for Mojang: WSJ" (a short suffix naming a source, or an acronym).

    >>> source_attribution("Officials: fence jumper made it into East Room")
    'officials'
    >>> source_attribution("Ottawa shooting: soldier shot at war memorial") is None
    True
    """
    c = cues()
    limit = int(c.weights["colon_max_words"])
    text = " ".join(title.translate(_FOLD).split())
    head, sep, rest = text.partition(":")
    if sep and rest.strip():
        prefix = fold(head).strip(" -\"'")
        if 0 < len(prefix.split()) <= limit and c.speakers.search(prefix):
            if not c.labels.fullmatch(prefix):
                return prefix
    m = _SUFFIX.search(text)
    if m and m.start() > 0:
        suffix = m.group(1).strip(" \"'")
        words = suffix.split()
        if not words or len(words) > limit or c.labels.fullmatch(fold(suffix)):
            return None
        shouting = sum(w.isupper() for w in text.split()) * 2 > len(text.split())
        if c.speakers.search(fold(suffix)) or (
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
    claim_terms: set[str],
    ev: _Evidence,
) -> None:
    """Add the evidence of one text (the headline or the lead) to ``ev``.

    A cue that the claim itself holds ("Pope *says* ..."; "X *may* ...") is not
    evidence: the article repeats the claim's own words."""
    c = cues()
    w = c.weights
    text = fold(raw)
    found: dict[str, list[str]] = {}
    # "refuses to confirm or deny" takes no side: reported, and kept from the denials.
    noncommittal = [h for h in _found(c.noncommittal, text) if h not in claim]
    text = c.noncommittal.sub(" ", text)
    for group, pattern in c.patterns.items():
        own = set(_found(pattern, claim))
        hits = [h for h in _found(pattern, text) if h not in own]
        if hits:
            found[group] = hits
    # Negation relative to the claim: the headline negates more than the claim does.
    neg_text = _negations(text, claim_terms, c)
    neg_claim = _negations(claim, claim_terms, c)
    if len(neg_text) > len(neg_claim):
        found["negation"] = list(dict.fromkeys(neg_text))
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
) -> CoverageStance:
    """The article's own stance toward the claim, from its headline, its lead and the
    stances of the statements linked to the claim in it.

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
    claim_terms = terms(claim_description) | {t for k in claim_keywords for t in terms(k)}
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
    _weigh_statements(statement_stances, ev)

    denies, observes = ev.points["denies"], ev.points["observes"]
    question = any("question" in n for n in ev.notes["observes"] if n.startswith("headline"))
    # A question about a debunk ("Is the X video fake?") asks; it does not debunk.
    if question and denies:
        denies *= 0.5
    if denies >= 0.5 and denies >= observes * 0.5:
        return CoverageStance("denies", _confidence(denies - 0.3 * observes), _reason(ev, "denies"))
    if observes >= 0.5 and observes > ev.points["asserts"]:
        return CoverageStance(
            "observes", _confidence(observes - ev.points["asserts"]), _reason(ev, "observes")
        )
    overlap = claim_overlap(claim_description, title or lead or "", claim_keywords)
    score = w["assert_base"] + w["assert_overlap"] * overlap + ev.points["asserts"]
    score -= 0.3 * (denies + observes)
    notes = ev.notes["asserts"] + [f"states {overlap:.0%} of the claim with no hedge or denial"]
    if denies or observes:
        weak = ev.notes["denies"] + ev.notes["observes"]
        notes.append("weak: " + "; ".join(weak))
    return CoverageStance("asserts", round(min(max(score, 0.05), 0.95), 2), "; ".join(notes))


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


@dataclass(frozen=True)
class _ClaimTerms:
    claim: Claim
    words: frozenset[str]  # content-word stems of description, keywords and aliases
    keywords: tuple[frozenset[str], ...]
    search: tuple[str, ...]  # words and phrases for the full-text search


def _claim_terms(claim: Claim) -> _ClaimTerms:
    words = terms(claim.description)
    for extra in (*claim.keywords, *claim.aliases):
        words |= terms(extra)
    stop = set()
    from .link import vocabulary  # the stopword list shared with statement linking

    stop = vocabulary()["stopwords"]
    plain = [
        w
        for w in _WORD.findall(fold(claim.description).replace("'s", ""))
        if w not in stop and not w.isdigit() and len(w) > 1
    ]
    search = tuple(dict.fromkeys([*plain, *claim.keywords, *claim.aliases]))
    return _ClaimTerms(
        claim, frozenset(words), tuple(frozenset(terms(k)) for k in claim.keywords), search
    )


def _idf(all_claims: Sequence[_ClaimTerms]) -> dict[str, float]:
    """Rarer words across the registered claims weigh more: 'ISIS' in ten claims
    tells less about which one an article is about than 'Sotloff'."""
    df: Counter[str] = Counter()
    for ct in all_claims:
        df.update(ct.words)
    n = max(len(all_claims), 1)
    return {w: 1.0 + math.log(n / k) for w, k in df.items()}


def relatedness(ct: _ClaimTerms, text: str, idf: dict[str, float] | None = None) -> float:
    """How strongly ``text`` (an article's title + lead) is about the claim, 0..1:
    the weighted share of the claim's content words it holds, raised by its
    keywords (all of one keyword found) and by a rapidfuzz partial match."""
    have = terms(text)
    if not ct.words:
        return 0.0
    idf = idf or {}
    shared = ct.words & have
    if len(shared) < cues().linking["min_shared"]:
        return 0.0
    total = sum(idf.get(w, 1.0) for w in ct.words)
    share = sum(idf.get(w, 1.0) for w in shared) / total
    kw = sum(1 for k in ct.keywords if k and k <= have) / len(ct.keywords) if ct.keywords else 0.0
    fuzzy = fuzz.token_set_ratio(fold(ct.claim.description), fold(text)) / 100
    return min(1.0, max(share, 0.7 * kw + 0.3 * share, fuzzy * share * 1.5))


def _article_texts(db: sqlite_utils.Database, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        chunk = list(ids[i : i + 500])
        placeholders = ",".join("?" * len(chunk))
        for row in db.query(
            f"select id, title, published, outlet, body from articles where id in ({placeholders})",
            chunk,
        ):
            row["title"], row["lead"] = title_and_lead(row["title"], json.loads(row["body"]))
            out[row["id"]] = row
    return out


def title_and_lead(title: str | None, body: Sequence[Sequence[Any]]) -> tuple[str | None, str]:
    """The headline and the lead (first paragraph that is not the headline again).
    An article read from a bare ``text`` record takes its first line as headline."""
    paragraphs = [str(t).strip() for _, t in body if str(t).strip()]
    if not title and paragraphs:
        title, paragraphs = paragraphs[0], paragraphs[1:]
    key = fold(title or "")
    lead = next((p for p in paragraphs if fold(p) != key), "")
    return title, lead


def _linked_articles(db: sqlite_utils.Database, claim: str) -> dict[str, list[str]]:
    """Article id -> stances of its statements linked to ``claim`` (manual unlinks
    excluded)."""
    out: dict[str, list[str]] = {}
    for row in db.query(
        "select s.article_id, s.stance from links l join statements s on s.id = l.statement_id "
        "where l.claim = ? and l.how != 'rejected' order by s.article_id, s.seq",
        [claim],
    ):
        out.setdefault(row["article_id"], []).append(row["stance"])
    return out


class _Linker:
    """Every registered claim prepared once, to find the articles of one or many."""

    def __init__(self, db: sqlite_utils.Database, extra: Iterable[Claim] = ()):
        self.db = db
        claims = {c.name: c for c in store.claims(db)}
        for c in extra:
            claims[c.name] = c
        self.all = {name: _claim_terms(c) for name, c in claims.items()}
        self.idf = _idf(list(self.all.values()))
        self.texts: dict[str, dict[str, Any]] = {}
        self.best: dict[str, float] = {}

    def _text(self, art_id: str) -> str:
        row = self.texts[art_id]
        return f"{row['title'] or ''}\n{row['lead'] or ''}"

    def _best(self, art_id: str) -> float:
        """The article's highest relatedness to any registered claim."""
        if art_id not in self.best:
            text = self._text(art_id)
            self.best[art_id] = max(
                (relatedness(ct, text, self.idf) for ct in self.all.values()), default=0.0
            )
        return self.best[art_id]

    def articles(self, claim: Claim) -> list[str]:
        ct = self.all.get(claim.name) or _claim_terms(claim)
        linking = cues().linking
        candidates = store.candidate_articles(self.db, ct.search)
        missing = [a for a in candidates if a not in self.texts]
        self.texts.update(_article_texts(self.db, missing))
        found = []
        for art_id in dict.fromkeys(candidates):
            score = relatedness(ct, self._text(art_id), self.idf)
            if score >= linking["threshold"] and score >= linking["margin"] * self._best(art_id):
                found.append(art_id)
        linked = _linked_articles(self.db, claim.name)
        return list(dict.fromkeys([*found, *linked]))


def _as_claim(db: sqlite_utils.Database, claim: Claim | str) -> Claim:
    if isinstance(claim, Claim):
        return claim
    for c in store.claims(db):
        if c.name == claim:
            return c
    from .errors import NotFoundError

    raise NotFoundError(f"no claim named {claim!r}")


def articles_for_claim(db: sqlite_utils.Database, claim: Claim | str) -> list[str]:
    """Ids of the articles about ``claim`` (a Claim or a registered name): those
    whose title + lead is related enough to the claim (full-text candidates, then
    :func:`relatedness` at least ``linking.threshold`` and within ``linking.margin``
    of the article's best claim), plus every article with a statement linked to it.
    Works for headline-only articles, which hold no statements."""
    c = _as_claim(db, claim)
    return _Linker(db, [c]).articles(c)


def coverage_rows(db: sqlite_utils.Database, claim_name: str | None = None) -> list[dict[str, Any]]:
    """One row per (claim, article about it): ``{"claim", "article_id", "title",
    "published", "outlet", "stance", "score", "reason"}``; every claim when
    ``claim_name`` is None. Ordered by claim, then publication date (undated last)."""
    linker = _Linker(db)
    if claim_name is None:
        claims = [ct.claim for ct in linker.all.values()]
    else:
        claims = [_as_claim(db, claim_name)]
    rows: list[dict[str, Any]] = []
    for claim in sorted(claims, key=lambda c: c.name):
        ids = linker.articles(claim)
        linked = _linked_articles(db, claim.name)
        missing = [a for a in ids if a not in linker.texts]
        linker.texts.update(_article_texts(db, missing))
        claim_rows = []
        for art_id in ids:
            art = linker.texts[art_id]
            cs = article_stance(
                claim.description,
                art["title"],
                art["lead"],
                linked.get(art_id, ()),
                [*claim.keywords, *claim.aliases],
            )
            claim_rows.append(
                {
                    "claim": claim.name,
                    "article_id": art_id,
                    "title": art["title"],
                    "published": art["published"],
                    "outlet": art["outlet"],
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

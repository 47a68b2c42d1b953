"""Discovering contested claims nobody registered yet.

A contested claim shows up as statements about the same proposition that pull in
opposite directions: someone asserts it, someone denies or doubts it. Discovery:

1. gives each statement a bag of content words — its own words, plus the words of the
   paragraph before it when it refers back ("Kyiv called *it* a fabrication");
2. weighs words by rarity across statements (inverse document frequency), so "said"
   or "Ukraine" count for little and "Novgorod" or "residence" for much;
3. grows a group around every denial or doubt: the statements whose weighted overlap
   with it is high enough;
4. keeps groups that hold both sides (an assertion or confirmation and a denial,
   doubt or retraction), merges groups that share most members, and ranks them by
   how contested they are: distinct speakers and sides on each side, articles, size.

Each proposal carries a suggested name (its strongest words), a description (the
assertion that best represents the group), keywords and the statement ids behind it.
"""

from __future__ import annotations

import functools
import json
import math
import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import sqlite_utils

from . import store
from .link import ClaimMatcher, Sections, stem, terms, vocabulary

POSITIVE = {"asserts", "confirms"}
NEGATIVE = {"denies", "doubts", "retracts"}
_NAME = re.compile(r"(?<![.!?“\"‘'(]\s)(?<!^)\b([A-Z][\w’'-]+)")


@functools.cache
def settings() -> dict[str, Any]:
    with resources.files("claimtrack").joinpath("data/discover.toml").open("rb") as f:
        data = tomllib.load(f)
    data["generic"] = frozenset(data["generic"])
    return data


@dataclass
class Item:
    id: str
    speaker: str
    side: str | None
    stance: str
    text: str
    article: str
    bag: AbstractSet[str]


@dataclass
class Proposal:
    name: str
    description: str
    keywords: list[str]
    score: float
    statements: list[str]
    stances: dict[str, int] = field(default_factory=dict)
    speakers: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "keywords": self.keywords,
            "score": round(self.score, 3),
            "statements": self.statements,
            "stances": self.stances,
            "speakers": self.speakers,
        }


def _items(db: sqlite_utils.Database) -> list[Item]:
    anaphora = vocabulary()["anaphora_re"]
    items = []
    rows = list(db.query("select id, body from articles"))
    for art in rows:
        body = json.loads(art["body"])
        sections: Sections | None = None  # built for the first statement that refers back
        for r in db.query(
            "select id, speaker, side, stance, text, line from statements where article_id = ? order by seq",
            [art["id"]],
        ):
            bag = terms(r["text"])
            if anaphora.search(r["text"]):
                sections = sections or Sections(body)
                before = sections.before(r["line"], r["text"])
                if before:
                    bag |= terms(before[-1])
                    if len(before) > 1 and _is_heading_like(before[0]):
                        bag |= terms(before[0])
            # A speaker's own name says who talks, not what about.
            bag -= terms(r["speaker"]) | terms(r["side"] or "")
            items.append(
                Item(r["id"], r["speaker"], r["side"], r["stance"], r["text"], art["id"], bag)
            )
    return items


def _names(items: Sequence[Item]) -> set[str]:
    """Stems of words written as names (capitalised inside a sentence) in most of
    their uses: Putin, Novgorod, Khorly — the anchors of a claim."""
    capital: Counter[str] = Counter()
    for it in items:
        for m in _NAME.finditer(it.text):
            capital[stem(m.group(1))] += 1
    lower: Counter[str] = Counter()
    for it in items:
        for w in re.findall(r"\b[a-z][\w’'-]+", it.text):
            lower[stem(w)] += 1
    return {w for w, c in capital.items() if c >= 2 and c > 2 * lower[w]}


def _is_heading_like(text: str) -> bool:
    from .link import is_heading

    return is_heading(text)


def _weights(items: Sequence[Item]) -> dict[str, float]:
    df = Counter(w for it in items for w in it.bag)
    n = len(items) or 1
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


def _slug(words: Sequence[str]) -> str:
    return "-".join(re.sub(r"[^\w]+", "", w) for w in words if w)[:60] or "claim"


def propose(db: sqlite_utils.Database, limit: int = 10, min_statements: int = 3) -> list[Proposal]:
    """Contested claims in the stored statements that no registered claim covers."""
    items = _items(db)
    if not items:
        return []
    weights = _weights(items)
    conf = settings()
    w_conf = conf["weights"]
    n = len(items)
    names = _names(items)
    # Topic words: rare enough to say what a statement is about, common enough to recur.
    min_df = int(w_conf["min_df"])
    max_df = max(min_df, int(n * w_conf["max_df_share"]))
    postings: dict[str, set[int]] = {}
    for i, it in enumerate(items):
        for w in it.bag:
            postings.setdefault(w, set()).add(i)
    topical = {
        w for w, p in postings.items() if min_df <= len(p) <= max_df and w not in conf["generic"]
    }
    pair_counts: Counter[tuple[str, str]] = Counter()
    for it in items:
        words = sorted((w for w in it.bag if w in topical), key=lambda w: (-weights[w], w))
        for a_i, a in enumerate(words[: int(w_conf["top_words"])]):
            for b in words[a_i + 1 : int(w_conf["top_words"])]:
                pair_counts[(a, b) if a < b else (b, a)] += 1
    candidates = []
    for (a, b), count in pair_counts.items():
        if count < min_statements or not ({a, b} & names):
            continue
        members = postings[a] & postings[b]
        # Lift: how much more often the two words meet than chance would have them.
        lift = len(members) * n / (len(postings[a]) * len(postings[b]))
        if lift < w_conf["min_lift"]:
            continue
        group = [items[k] for k in sorted(members)]
        score = _contested(group)
        if score > 0:
            candidates.append((score * math.log(lift), (a, b), members))
    candidates.sort(key=lambda c: (-c[0], c[1]))
    accepted: list[tuple[float, list[str], set[int]]] = []
    for score, pair, members in candidates:
        for k, (s0, words, kept) in enumerate(accepted):
            shared = len(members & kept)
            same_name = bool(set(pair) & set(words) & names)
            if shared >= w_conf["merge_overlap"] * min(len(members), len(kept)) or (
                same_name and shared
            ):
                accepted[k] = (s0, words + [w for w in pair if w not in words], kept | members)
                break
        else:
            accepted.append((score, list(pair), set(members)))
    registered = [ClaimMatcher.build(c) for c in store.claims(db)]
    proposals = []
    for rank, words, members_set in accepted:
        group = [items[k] for k in sorted(members_set)]
        if any(_covered(r, group) for r in registered):
            continue
        share = Counter(w for m in group for w in m.bag)
        ranked = sorted(words, key=lambda w: (-share[w], -weights[w]))
        top = ranked[:3]
        pos = [m for m in group if m.stance in POSITIVE]
        description = max(pos, key=lambda m: (len(m.bag & set(top)), -abs(len(m.text) - 160))).text
        proposals.append(
            Proposal(
                name=_slug(top),
                description=description,
                keywords=top[:2],
                score=rank,
                statements=[m.id for m in group],
                stances=dict(Counter(m.stance for m in group)),
                speakers=sorted({m.speaker for m in group}),
            )
        )
    proposals.sort(key=lambda p: -p.score)
    seen: set[str] = set()
    unique = []
    for p in proposals:
        name, k = p.name, 2
        while name in seen:
            name, k = f"{p.name}-{k}", k + 1
        p.name = name
        seen.add(name)
        unique.append(p)
    return unique[:limit]


def _contested(group: Sequence[Item]) -> float:
    """How contested a group is: distinct voices on each side, articles, size; 0 when
    nobody takes the other side."""
    pos = {m.side or m.speaker for m in group if m.stance in POSITIVE}
    neg = {m.side or m.speaker for m in group if m.stance in NEGATIVE}
    if not pos or not neg:
        return 0.0
    articles = len({m.article for m in group})
    return (
        math.log1p(len(pos)) * math.log1p(len(neg))
        + 0.3 * math.log1p(articles)
        + 0.1 * math.log1p(len(group))
    )


def _covered(matcher: ClaimMatcher, members: Sequence[Item]) -> bool:
    """A registered claim already covers most of this group."""
    hits = sum(1 for m in members if matcher.score(m.text, [])[0] >= 0.5)
    return hits >= len(members) / 2

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

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from . import store
from .link import ClaimMatcher, section_before, terms, vocabulary

POSITIVE = {"asserts", "confirms"}
NEGATIVE = {"denies", "doubts", "retracts"}
MIN_SIMILARITY = 0.22  # weighted Jaccard to join a group
MERGE_OVERLAP = 0.5  # share of the smaller group's members that makes two groups one


@dataclass
class Item:
    id: str
    speaker: str
    side: str | None
    stance: str
    text: str
    article: str
    bag: set[str]


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
    speakers_words: set[str] = set()
    rows = list(db.query("select id, body from articles"))
    for art in rows:
        body = json.loads(art["body"])
        for r in db.query(
            "select id, speaker, side, stance, text, line from statements where article_id = ? order by seq",
            [art["id"]],
        ):
            bag = terms(r["text"])
            if anaphora.search(r["text"]):
                before = section_before(body, r["line"])
                if before:
                    bag |= terms(before[-1])
                    if len(before) > 1 and _is_heading_like(before[0]):
                        bag |= terms(before[0])
            speakers_words |= terms(r["speaker"])
            items.append(
                Item(r["id"], r["speaker"], r["side"], r["stance"], r["text"], art["id"], bag)
            )
    # A speaker's own name says who talks, not what about.
    for it in items:
        it.bag -= speakers_words
    return items


def _is_heading_like(text: str) -> bool:
    from .link import is_heading

    return is_heading(text)


def _weights(items: Sequence[Item]) -> dict[str, float]:
    df = Counter(w for it in items for w in it.bag)
    n = len(items) or 1
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


def _similarity(a: set[str], b: set[str], w: dict[str, float]) -> float:
    inter = sum(w[x] for x in a & b)
    union = sum(w[x] for x in a | b)
    return inter / union if union else 0.0


def _slug(words: Sequence[str]) -> str:
    return "-".join(re.sub(r"[^\w]+", "", w) for w in words if w)[:60] or "claim"


def propose(db: sqlite_utils.Database, limit: int = 10, min_statements: int = 3) -> list[Proposal]:
    """Contested claims in the stored statements that no registered claim covers."""
    items = _items(db)
    if not items:
        return []
    weights = _weights(items)
    registered = [ClaimMatcher.build(c) for c in store.claims(db)]
    index: dict[str, list[int]] = {}
    for j, it in enumerate(items):
        for w in it.bag:
            index.setdefault(w, []).append(j)
    groups: list[set[int]] = []
    for i, seed in enumerate(items):
        if seed.stance not in NEGATIVE or not seed.bag:
            continue
        # Only statements sharing one of the seed's rarest words can be similar enough.
        rare = sorted(seed.bag, key=lambda w: -weights[w])[:6]
        candidates = {j for w in rare for j in index[w]}
        members = {i}
        for j in candidates:
            if j != i and _similarity(seed.bag, items[j].bag, weights) >= MIN_SIMILARITY:
                members.add(j)
        groups.append(members)
    merged: list[set[int]] = []
    for g in sorted(groups, key=len, reverse=True):
        for m in merged:
            if len(g & m) >= MERGE_OVERLAP * min(len(g), len(m)):
                m |= g
                break
        else:
            merged.append(set(g))
    proposals = []
    for g in merged:
        members = [items[k] for k in sorted(g)]
        pos = [m for m in members if m.stance in POSITIVE]
        neg = [m for m in members if m.stance in NEGATIVE]
        if not pos or not neg or len(members) < min_statements:
            continue
        word_score: Counter[str] = Counter()
        for m in members:
            for w in m.bag:
                word_score[w] += weights[w]
        share = Counter(w for m in members for w in m.bag)
        top = [w for w, _ in word_score.most_common() if share[w] >= max(2, len(members) * 0.3)][:3]
        if not top:
            continue
        if any(_covered(r, members) for r in registered):
            continue
        sides = lambda ms: {m.side or m.speaker for m in ms}  # noqa: E731
        score = (
            math.log1p(len(sides(pos))) * math.log1p(len(sides(neg)))
            + 0.3 * math.log1p(len({m.article for m in members}))
            + 0.1 * math.log1p(len(members))
        )
        description = max(
            pos, key=lambda m: sum(weights[w] for w in m.bag & set(top)) - len(m.text) / 1000
        ).text
        stances = Counter(m.stance for m in members)
        proposals.append(
            Proposal(
                name=_slug(top),
                description=description,
                keywords=top[:2],
                score=score,
                statements=[m.id for m in members],
                stances=dict(stances),
                speakers=sorted({m.speaker for m in members}),
            )
        )
    proposals.sort(key=lambda p: -p.score)
    seen: set[str] = set()
    unique = []
    for p in proposals:
        name = p.name
        n = 2
        while name in seen:
            name = f"{p.name}-{n}"
            n += 1
        p.name = name
        seen.add(name)
        unique.append(p)
    return unique[:limit]


def _covered(matcher: ClaimMatcher, members: Sequence[Item]) -> bool:
    """A registered claim already covers most of this group."""
    hits = sum(1 for m in members if matcher.score(m.text, [])[0] >= 0.5)
    return hits >= len(members) / 2

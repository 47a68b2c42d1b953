"""A claim's timeline: its linked statements in order, repeated reports merged into
one entry (corroboration), and each speaker's change of stance marked (reversal).

Pure functions over the rows ``store.timeline_rows`` returns; the result is plain
dicts in the documented JSON shape, which every view (table, JSON, CSV, …) renders.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from .dedupe import normalise
from .models import Claim

STANCES = ("asserts", "denies", "doubts", "retracts", "confirms")
# Stances that count as one side of a reversal: saying it happened vs. not.
POSITIVE = {"asserts", "confirms"}
NEGATIVE = {"denies", "doubts", "retracts"}
SAME_TEXT = 88  # rapidfuzz ratio on normalised text at which two reports are one statement
QUOTE_WORDS = 6  # a quote of at least this many words inside another's is the same quote


@dataclass
class Filters:
    side: str | None = None
    stance: str | None = None
    speaker: str | None = None
    since: str | None = None
    until: str | None = None
    min_score: float = 0.0

    def keep(self, entry: dict[str, Any]) -> bool:
        if self.side and (entry["side"] or "").lower() != self.side.lower():
            return False
        if self.stance and entry["stance"] != self.stance:
            return False
        if self.speaker and self.speaker.lower() not in entry["speaker"].lower():
            return False
        if self.since and (entry["date"] is None or entry["date"] < self.since):
            return False
        if self.until and (entry["date"] is None or entry["date"] > self.until):
            return False
        return True


def _sort_key(row: dict[str, Any]) -> tuple[Any, ...]:
    src = row["sources"][0] if row["sources"] else {"path": "", "line": 0}
    return (row["date"] is None, row["date"] or "", src["path"], src["line"], row["seq"])


def _key(row: dict[str, Any]) -> str:
    return " ".join(normalise(row["text"]))


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Same speaker and stance (the caller buckets by them) and the same words."""
    qa, qb = a["_qkey"], b["_qkey"]
    if qa and qb:
        shorter, longer = sorted((qa, qb), key=len)
        # the same words quoted, or one report quoting a longer stretch of them
        if qa == qb or (len(shorter.split()) >= QUOTE_WORDS and f" {shorter} " in f" {longer} "):
            return True
    ka, kb = a["_key"], b["_key"]
    if ka == kb:
        return True
    if abs(len(ka) - len(kb)) > (1 - SAME_TEXT / 100) * max(len(ka), len(kb)):
        return False  # lengths alone rule out the ratio
    return fuzz.ratio(ka, kb, score_cutoff=SAME_TEXT) >= SAME_TEXT


def entry(row: dict[str, Any]) -> dict[str, Any]:
    sources = row["sources"]
    return {
        "id": row["id"],
        "date": row["date"],
        "date_precision": row["date_precision"],
        "speaker": row["speaker"],
        "side": row["side"],
        "stance": row["stance"],
        "cue": row["cue"],
        "text": row["text"],
        "quote": row["quote"],
        "score": row["score"],
        "how": row.get("how", "auto"),
        "reason": row.get("reason"),
        "source": sources[0] if sources else None,
        "sources": list(sources),
        "count": len(sources),
        "reversal": None,
        # For ordering turns only: an undated statement in an article whose date was
        # inferred (not printed) happened on or before that date.
        "_when": row["date"]
        or (row["published"] if row.get("published_source") == "inferred" else None),
    }


def _quote_key(row: dict[str, Any]) -> str | None:
    return " ".join(normalise(row["quote"])) if row["quote"] else None


class _Bucket:
    """The entries of one (speaker, stance), with indexes that find the first entry a
    new report repeats without comparing it to every entry (``_same`` decides)."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []
        self.by_key: dict[str, int] = {}  # normalised text -> first entry with it
        self.by_quote: dict[str, int] = {}  # normalised quote -> first entry with it

    def find(self, row: dict[str, Any]) -> dict[str, Any] | None:
        """The first entry ``_same`` as ``row``, as a scan in order would find it."""
        hits = [self.by_key.get(row["_key"]), self.by_quote.get(row["_qkey"] or "")]
        first = min((h for h in hits if h is not None), default=len(self.entries))
        for i in range(first):  # an earlier entry may still match by quote or fuzzily
            if _same(self.entries[i], row):
                return self.entries[i]
        return self.entries[first] if first < len(self.entries) else None

    def add(self, e: dict[str, Any]) -> None:
        i = len(self.entries)
        self.entries.append(e)
        self.by_key.setdefault(e["_key"], i)
        if e["_qkey"]:
            self.by_quote.setdefault(e["_qkey"], i)


def build(rows: Iterable[dict[str, Any]], filters: Filters | None = None) -> list[dict[str, Any]]:
    """Timeline entries, ordered by date (undated last), then by source order."""
    entries: list[dict[str, Any]] = []
    buckets: dict[tuple[str, str], _Bucket] = {}
    for row in sorted(rows, key=_sort_key):
        row["_key"], row["_qkey"] = _key(row), _quote_key(row)
        bucket = buckets.get((row["speaker"], row["stance"]))
        if bucket is None:
            bucket = buckets[(row["speaker"], row["stance"])] = _Bucket()
        e = bucket.find(row)
        if e is not None:
            seen = e["_seen"]
            for src in row["sources"]:
                if (src["path"], src["line"]) not in seen:
                    seen.add((src["path"], src["line"]))
                    e["sources"].append(src)
            e["count"] = len(e["sources"])
            e.setdefault("merged", []).append(row["id"])
        else:
            e = entry(row)
            e["_key"], e["_qkey"] = row["_key"], row["_qkey"]
            e["_seen"] = {(src["path"], src["line"]) for src in e["sources"]}
            bucket.add(e)
            entries.append(e)
    mark_reversals(entries)
    for e in entries:
        del e["_when"], e["_key"], e["_qkey"], e["_seen"]
    if filters:
        entries = [e for e in entries if filters.keep(e)]
    return entries


def position(entry: dict[str, Any]) -> int:
    """Where a statement stands on the claim: -1 when it denies, doubts or retracts
    it; +1 when it confirms it, or asserts it in words that name the claim (a direct
    or manual link); 0 for an assertion that only stands in a passage about the claim
    (it says *something*, not necessarily that the claim is true)."""
    if entry["stance"] in NEGATIVE:
        return -1
    if entry["stance"] == "confirms":
        return 1
    if entry["stance"] in POSITIVE and (
        entry.get("how") == "manual" or not str(entry.get("reason") or "").startswith("refers back")
    ):
        return 1
    return 0


def mark_reversals(entries: Sequence[dict[str, Any]]) -> None:
    """Per speaker, the first statement of a day that turns from their last opposite
    position on an earlier day (taking the claim as true, then denying or doubting
    it; or back), unless they had already turned in between."""
    by_speaker: dict[str, list[dict[str, Any]]] = {}
    for e in sorted(entries, key=lambda e: (e["_when"] is None, e["_when"] or "")):
        if e["_when"] is not None and position(e) != 0:
            by_speaker.setdefault(e["speaker"], []).append(e)
    for said in by_speaker.values():
        for i, e in enumerate(said):
            pos = position(e)
            earlier = [p for p in said[:i] if p["_when"] < e["_when"]]
            opposite = [p for p in earlier if position(p) == -pos]
            if not opposite:
                continue
            prev = opposite[-1]
            turned_already = any(
                position(p) == pos and p["_when"] > prev["_when"] for p in said[:i]
            )
            if turned_already:
                continue
            e["reversal"] = {
                "previous_stance": prev["stance"],
                "previous_date": prev["date"],
                "previous_id": prev["id"],
            }
            if prev["date"] is None:
                # undated: its article's date was inferred from neighbouring articles
                e["reversal"]["previous_date_inferred"] = prev["_when"]


def summary(claim: Claim, entries: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Counts per stance and side, first and last date."""
    by_stance = {s: 0 for s in STANCES}
    by_side: dict[str, dict[str, int]] = {}
    for e in entries:
        by_stance[e["stance"]] += 1
        side = by_side.setdefault(e["side"] or "unknown", {s: 0 for s in STANCES})
        side[e["stance"]] += 1
    dates = sorted(e["date"] for e in entries if e["date"])
    return {
        "claim": claim.name,
        "statements": len(entries),
        "stances": by_stance,
        "sides": by_side,
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "reversals": sum(1 for e in entries if e["reversal"]),
    }


def claim_dict(claim: Claim) -> dict[str, Any]:
    return {
        "name": claim.name,
        "description": claim.description,
        "keywords": list(claim.keywords),
        "aliases": list(claim.aliases),
    }

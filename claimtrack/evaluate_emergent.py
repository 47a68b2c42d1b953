"""Coverage stance measured on Emergent headlines (Ferreira & Vlachos, NAACL-HLT 2016).

    python -m claimtrack.evaluate_emergent [--json] [--pipeline] [--csv PATH]

The data is ``../shared/data/emergent-dev.csv`` (the development half; see its README:
internal use only, never copied into the package). Labels map ``for`` -> asserts,
``against`` -> denies, ``observing`` -> observes.

* default: :func:`claimtrack.coverage.article_stance` on (claim headline, article
  headline) for every row: accuracy, macro-F1, per-class precision/recall/F1, the
  confusion matrix, and the majority-class baseline beside them.
* ``--pipeline``: end to end, as a user would run it. The headlines are written as
  JSON Lines (``{"title", "id"}``), the claims imported (description = claim
  headline, no keywords), the headlines ingested; then for each row its article is
  found through the ``sources`` table and we check (a) linking: is the article among
  :func:`claimtrack.coverage.articles_for_claim` of its own claim (recall), and how
  many (claim, article) pairs are right (precision); (b) the stance that
  :func:`claimtrack.coverage.coverage_rows` gives it. A headline not linked to its
  claim counts as a wrong stance.

Figures are also given per half of the claims (first hex digit of ``sha1(claimId)``
0-3 and 4-7), to show how much they move between claim sets. Exit status 2 when the
CSV is missing.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .coverage import STANCES, article_stance

LABELS = {"for": "asserts", "against": "denies", "observing": "observes"}
DEFAULT_CSV = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "emergent-dev.csv"


def load_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def claim_half(claim_id: str) -> str:
    return "a" if hashlib.sha1(claim_id.encode()).hexdigest()[0] in "0123" else "b"


def scores(gold: Sequence[str], predicted: Sequence[str | None]) -> dict[str, Any]:
    """Accuracy, macro-F1, per-class P/R/F1, confusion (gold -> predicted -> n)."""
    n = len(gold)
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    per_class = {}
    for c in STANCES:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == c and p == c)
        pred = sum(1 for p in predicted if p == c)
        true = sum(1 for g in gold if g == c)
        prec = tp / pred if pred else 0.0
        rec = tp / true if true else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_class[c] = {
            "precision": round(prec, 4),
            "recall": round(rec, 4),
            "f1": round(f1, 4),
            "support": true,
        }
    confusion = {
        g: {
            p: sum(1 for a, b in zip(gold, predicted, strict=True) if a == g and b == p)
            for p in [*STANCES, None]
        }
        for g in STANCES
    }
    for row in confusion.values():
        row["unlinked"] = row.pop(None)
    majority, majority_n = Counter(gold).most_common(1)[0] if gold else ("", 0)
    return {
        "n": n,
        "accuracy": round(correct / n, 4) if n else 0.0,
        "macro_f1": round(sum(v["f1"] for v in per_class.values()) / len(STANCES), 4),
        "denies_f1": per_class["denies"]["f1"],
        "per_class": per_class,
        "confusion": confusion,
        "majority_class": majority,
        "majority_accuracy": round(majority_n / n, 4) if n else 0.0,
    }


def evaluate_headlines(rows: Sequence[dict[str, str]]) -> dict[str, Any]:
    gold = [LABELS[r["articleHeadlineStance"]] for r in rows]
    predicted = [article_stance(r["claimHeadline"], r["articleHeadline"]).stance for r in rows]
    result = scores(gold, predicted)
    result["halves"] = {
        half: scores(
            [g for g, r in zip(gold, rows, strict=True) if claim_half(r["claimId"]) == half],
            [p for p, r in zip(predicted, rows, strict=True) if claim_half(r["claimId"]) == half],
        )["accuracy"]
        for half in ("a", "b")
    }
    return result


def claim_name(claim_id: str) -> str:
    return "emergent-" + claim_id.lower()


def evaluate_pipeline(rows: Sequence[dict[str, str]]) -> dict[str, Any]:
    """Ingest the headlines and claims into a fresh database and measure linking and
    coverage stance end to end."""
    from . import db as dbmod
    from .claims import add_claims, read_claims
    from .coverage import coverage_rows
    from .ingest import ingest

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="claimtrack-emergent-") as tmp:
        headlines = Path(tmp) / "headlines.jsonl"
        with headlines.open("w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps({"title": r["articleHeadline"], "id": r["id"]}) + "\n")
        claims_file = Path(tmp) / "claims.jsonl"
        seen: set[str] = set()
        with claims_file.open("w", encoding="utf-8") as f:
            for r in rows:
                if r["claimId"] in seen:
                    continue
                seen.add(r["claimId"])
                f.write(
                    json.dumps(
                        {"name": claim_name(r["claimId"]), "description": r["claimHeadline"]}
                    )
                    + "\n"
                )
        db = dbmod.connect(str(Path(tmp) / "emergent.db"))
        add_claims(db, read_claims(str(claims_file)))
        summary = ingest(db, [str(headlines)])
        line_article = {
            row["start_line"]: row["article_id"]
            for row in db.query(
                "select article_id, start_line from sources where path = ?", [str(headlines)]
            )
        }
        coverage = coverage_rows(db)
        db.close()
    elapsed = time.perf_counter() - started

    pairs = {(r["claim"], r["article_id"]): r for r in coverage}
    truth: dict[str, set[str]] = {}
    for i, r in enumerate(rows, start=1):
        art = line_article.get(i)
        if art:
            truth.setdefault(art, set()).add(claim_name(r["claimId"]))
    gold, predicted, linked = [], [], 0
    for i, r in enumerate(rows, start=1):
        gold.append(LABELS[r["articleHeadlineStance"]])
        art = line_article.get(i)
        row = pairs.get((claim_name(r["claimId"]), art)) if art else None
        linked += row is not None
        predicted.append(row["stance"] if row else None)
    right_pairs = sum(1 for claim, art in pairs if claim in truth.get(art, ()))
    halves = {}
    for half in ("a", "b"):
        idx = [i for i, r in enumerate(rows) if claim_half(r["claimId"]) == half]
        halves[half] = {
            "accuracy": round(sum(1 for i in idx if gold[i] == predicted[i]) / len(idx), 4),
            "link_recall": round(sum(1 for i in idx if predicted[i] is not None) / len(idx), 4),
        }
    result = scores(gold, predicted)
    linked_only = [(g, p) for g, p in zip(gold, predicted, strict=True) if p is not None]
    result.update(
        {
            "link_recall": round(linked / len(rows), 4) if rows else 0.0,
            "link_precision": round(right_pairs / len(pairs), 4) if pairs else 0.0,
            "linked_pairs": len(pairs),
            "accuracy_on_linked": round(
                sum(1 for g, p in linked_only if g == p) / len(linked_only), 4
            )
            if linked_only
            else 0.0,
            "articles": len(truth),
            "halves": halves,
            "ingest": summary.as_dict(),
            "seconds": round(elapsed, 1),
        }
    )
    return result


def _table(result: dict[str, Any], title: str) -> str:
    lines = [title, ""]
    lines.append(
        f"accuracy   {result['accuracy']:.3f}   (majority class '{result['majority_class']}': "
        f"{result['majority_accuracy']:.3f}; Ferreira & Vlachos 2016: 0.733 on their test split)"
    )
    lines.append(f"macro-F1   {result['macro_f1']:.3f}")
    lines.append(f"denies F1  {result['denies_f1']:.3f}   (Emergent 'against')")
    if "link_recall" in result:
        lines.append(
            f"linking    recall {result['link_recall']:.3f}, precision {result['link_precision']:.3f} "
            f"({result['linked_pairs']} claim-article pairs, {result['articles']} articles)"
        )
        lines.append(f"accuracy on linked rows {result['accuracy_on_linked']:.3f}")
    halves = result.get("halves", {})
    if halves and "link_recall" in result:
        lines.append(
            "by claim half (sha1 digit 0-3 / 4-7): accuracy "
            + " / ".join(f"{v['accuracy']:.3f}" for v in halves.values())
            + ", link recall "
            + " / ".join(f"{v['link_recall']:.3f}" for v in halves.values())
        )
    elif halves:
        lines.append(
            "accuracy by claim half (sha1 digit 0-3 / 4-7): "
            + " / ".join(f"{v:.3f}" for v in halves.values())
        )
    lines.append("")
    lines.append(f"{'class':10} {'prec':>6} {'recall':>6} {'F1':>6} {'n':>5}")
    for c, v in result["per_class"].items():
        lines.append(
            f"{c:10} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f} {v['support']:5d}"
        )
    lines.append("")
    cols = [*STANCES, "unlinked"] if "link_recall" in result else list(STANCES)
    lines.append("gold \\ predicted " + " ".join(f"{c:>9}" for c in cols))
    for g, row in result["confusion"].items():
        lines.append(f"{g:16} " + " ".join(f"{row[c]:9d}" for c in cols))
    if "seconds" in result:
        lines.append("")
        lines.append(f"{result['n']} rows in {result['seconds']} s (ingest: {result['ingest']})")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m claimtrack.evaluate_emergent", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--pipeline", action="store_true", help="ingest, link and run coverage end to end"
    )
    parser.add_argument(
        "--csv", type=Path, default=DEFAULT_CSV, help="the Emergent CSV (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    if not args.csv.is_file():
        print(f"Error: {args.csv} not found (see ../shared/data/README.md)", file=sys.stderr)
        return 2
    rows = load_rows(args.csv)
    if args.pipeline:
        result = evaluate_pipeline(rows)
        title = f"Emergent dev, end to end (ingest, link, coverage): {len(rows)} headlines"
    else:
        result = evaluate_headlines(rows)
        title = f"Emergent dev, article_stance on headline pairs: {len(rows)} headlines"
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(_table(result, title))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Evaluation of statement extraction against the gold annotation, with a gate.

Treated as code, as trafilatura treats its eval (``tests/eval_gate.py`` with floors
in ``eval_baseline.json``): ``python -m claimtrack.evaluate`` runs the pipeline on the
seed file, matches predicted statements one-to-one to the gold rows of
``tests/eval/gold/seed000_statements.jsonl`` and prints

* statements: precision, recall, F1;
* on matched pairs: accuracy of speaker (rapidfuzz ``token_set_ratio`` >= 85 after
  alias normalisation, or the same canonical actor), side, stance, date (exact date
  and precision), kind;
* per-stance precision and recall;
* ``date_accuracy_gold_anchor``: date accuracy when each article's publication date
  is the one the gold implies (its ``date_from: published`` rows, or undated when all
  its rows are undated). It separates dating the statement (extraction) from dating
  the article (segmentation), which the plain figure mixes;
* ``all_right_recall``: the share of gold statements found with speaker, side, stance
  and date all right. The accuracies are on matched pairs, so a rule that finds more
  statements lowers them when the new ones have a wrong field; this figure only rises.

Matching: a predicted and a gold statement can only match on the same line; within a
line, pairs are taken greedily by speaker similarity, then cue and text overlap.

Floors live in ``tests/eval/baseline.json``. A figure below its floor minus
``epsilon`` is a regression: exit status 1 (``--allow-regression`` reports it and exits
0). ``--update-baseline`` writes the current figures as the new floors, and refuses to
lower a floor unless ``--allow-regression`` is given too. The baseline pins the
SHA-256 of the seed and of the gold file, so floors are never compared with figures
computed on other data.

The seed lives outside the repository (``../shared/seeds/`` from the repo root); when
it is absent the evaluation is skipped with a message (exit status 0).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from rapidfuzz import fuzz

from .actors import Registry, default_registry, fold
from .extract import extract_statements
from .models import Article, Stance, Statement

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_72109d1b3ad72c7a.txt"
GOLD = ROOT / "tests" / "eval" / "gold" / "seed000_statements.jsonl"
BASELINE = ROOT / "tests" / "eval" / "baseline.json"
# The held-out sets (tests/eval/gold/HELDOUT*.md): name -> what it is. Files follow the
# names: gold/heldout_<name>_dump.txt, gold/heldout_<name>_statements.jsonl,
# heldout_<name>_baseline.json.
HELDOUT_SETS = {
    "b": "held-out half B (never looked at while writing rules)",
    "cb": "held-out set C, half CB (written blind to the extractor, never tuned on)",
    "d": "held-out set D (written blind to the extractor; only its article spans were looked at)",
    "ca": "held-out set C, half CA (the development half of set C)",
    "a": "held-out half A (the development half of the first held-out set)",
}
EPSILON = 0.005
SPEAKER_THRESHOLD = 85
FIGURES = (
    "statement_precision",
    "statement_recall",
    "statement_f1",
    "speaker_accuracy",
    "side_accuracy",
    "stance_accuracy",
    "date_accuracy",
    "kind_accuracy",
    "date_accuracy_gold_anchor",
    "all_right_recall",
)
TARGETS = {
    "statement_f1": 0.80,
    "speaker_accuracy": 0.90,
    "stance_accuracy": 0.85,
    "date_accuracy": 0.85,
}


@dataclass
class Gold:
    line: int
    speaker: str
    side: str | None
    stance: str
    date: str | None
    date_precision: str | None
    cue: str
    kind: str
    text: str
    date_from: str | None = None


@dataclass
class Pair:
    pred: Statement
    gold: Gold
    speaker_ok: bool
    side_ok: bool
    stance_ok: bool
    date_ok: bool
    kind_ok: bool


@dataclass
class Report:
    figures: dict[str, float]
    counts: dict[str, int]
    per_stance: dict[str, dict[str, float]]
    pairs: list[Pair] = field(default_factory=list)
    missed: list[Gold] = field(default_factory=list)
    spurious: list[Statement] = field(default_factory=list)
    source: str = ""


def _shown(path: Path) -> str:
    """A path outside the repository as the README names it (the seed: ../shared/...)."""
    try:
        return str(Path("..") / path.resolve().relative_to(ROOT.parent.resolve()))
    except ValueError:
        return str(path)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_gold(path: Path) -> list[Gold]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        d = json.loads(line)
        try:
            rows.append(
                Gold(
                    line=int(d["line"]),
                    speaker=d["speaker"],
                    side=d.get("side"),
                    stance=d["stance"],
                    date=d.get("date"),
                    date_precision=d.get("date_precision"),
                    cue=d.get("cue", ""),
                    kind=d.get("kind", "reported"),
                    text=d.get("text", ""),
                    date_from=d.get("date_from"),
                )
            )
        except KeyError as e:
            raise SystemExit(f"{path}:{n}: gold row without {e}") from None
    return rows


def read_seed_articles(path: Path) -> tuple[list[Article], str]:
    """Articles of the seed through the real pipeline (``ingest.read_articles``); a
    single article of all lines if the pipeline cannot be imported."""
    try:
        from .ingest import read_articles
    except ImportError as e:  # pragma: no cover - only while ingest is being written
        lines = path.read_text(encoding="utf-8").splitlines()
        body = [(i, t) for i, t in enumerate(lines, 1) if t.strip()]
        art = Article(str(path), 1, len(lines), body, raw_lines=lines)
        return [art], f"fallback: one article per file ({e})"
    return list(read_articles(str(path))), "ingest.read_articles"


def extract_all(articles: Iterable[Article]) -> list[Statement]:
    out: list[Statement] = []
    for a in articles:
        out.extend(extract_statements(a))
    return out


class SpeakerNorm:
    """Speaker names made comparable: known actors become their canonical name."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self.cache: dict[str, str] = {}

    def __call__(self, name: str | None) -> str:
        if not name:
            return ""
        hit = self.cache.get(name)
        if hit is None:
            actor = self.registry.resolve(name)
            hit = fold(actor.name if actor else name)
            if hit.startswith("the "):
                hit = hit[4:]
            self.cache[name] = hit
        return hit

    def same(self, a: str | None, b: str | None) -> bool:
        na, nb = self(a), self(b)
        if na == nb:
            return True
        return fuzz.token_set_ratio(na, nb) >= SPEAKER_THRESHOLD


def _side(value: str | None, norm: SpeakerNorm) -> str:
    return norm(value) if value else ""


def match(
    preds: Sequence[Statement], golds: Sequence[Gold], norm: SpeakerNorm
) -> tuple[list[tuple[Statement, Gold]], list[Statement], list[Gold]]:
    """One-to-one pairs on the same line, best speaker (then cue, text) first."""
    by_line_p: dict[int, list[int]] = {}
    by_line_g: dict[int, list[int]] = {}
    for i, p in enumerate(preds):
        by_line_p.setdefault(p.line, []).append(i)
    for j, g in enumerate(golds):
        by_line_g.setdefault(g.line, []).append(j)
    pairs: list[tuple[Statement, Gold]] = []
    used_p: set[int] = set()
    used_g: set[int] = set()
    for line, gi in by_line_g.items():
        pi = by_line_p.get(line, [])
        scored = []
        for i in pi:
            p = preds[i]
            for j in gi:
                g = golds[j]
                sp = 100.0 if norm.same(p.speaker, g.speaker) else 0.0
                sp += fuzz.token_set_ratio(norm(p.speaker), norm(g.speaker)) / 10
                cue = 15.0 if fold(p.cue) == fold(g.cue) else 0.0
                head = (p.cue.split() or [""])[0]
                if not cue and head and head == (fold(g.cue).split() or [""])[0]:
                    cue = 10.0
                text = fuzz.partial_ratio(fold(g.text[:60]), fold(p.text)) / 20
                scored.append((sp + cue + text, i, j))
        for _, i, j in sorted(scored, reverse=True):
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            pairs.append((preds[i], golds[j]))
    spurious = [p for i, p in enumerate(preds) if i not in used_p]
    missed = [g for j, g in enumerate(golds) if j not in used_g]
    return pairs, spurious, missed


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def evaluate(
    preds: Sequence[Statement], golds: Sequence[Gold], registry: Registry | None = None
) -> Report:
    """Figures for ``preds`` against ``golds`` (pure: no files)."""
    norm = SpeakerNorm(registry or default_registry())
    raw, spurious, missed = match(preds, golds, norm)
    pairs = [
        Pair(
            pred=p,
            gold=g,
            speaker_ok=norm.same(p.speaker, g.speaker),
            side_ok=_side(p.side, norm) == _side(g.side, norm),
            stance_ok=p.stance.value == g.stance,
            date_ok=(p.date, p.date_precision) == (g.date, g.date_precision),
            kind_ok=p.kind == g.kind,
        )
        for p, g in raw
    ]
    n = len(pairs)
    precision = _ratio(n, len(preds))
    recall = _ratio(n, len(golds))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    figures = {
        "statement_precision": precision,
        "statement_recall": recall,
        "statement_f1": f1,
        "speaker_accuracy": _ratio(sum(p.speaker_ok for p in pairs), n),
        "side_accuracy": _ratio(sum(p.side_ok for p in pairs), n),
        "stance_accuracy": _ratio(sum(p.stance_ok for p in pairs), n),
        "date_accuracy": _ratio(sum(p.date_ok for p in pairs), n),
        "kind_accuracy": _ratio(sum(p.kind_ok for p in pairs), n),
        # gold statements found with speaker, side, stance and date all right: unlike the
        # accuracies on matched statements, a statement found with a wrong field counts
        # neither for nor against, so finding more never lowers it
        "all_right_recall": _ratio(
            sum(p.speaker_ok and p.side_ok and p.stance_ok and p.date_ok for p in pairs),
            len(golds),
        ),
    }
    pred_by = Counter(p.stance.value for p in preds)
    gold_by = Counter(g.stance for g in golds)
    both = Counter(p.gold.stance for p in pairs if p.stance_ok)
    per_stance = {
        s.value: {
            "precision": _ratio(both[s.value], pred_by[s.value]),
            "recall": _ratio(both[s.value], gold_by[s.value]),
            "predicted": pred_by[s.value],
            "gold": gold_by[s.value],
        }
        for s in Stance
    }
    counts = {"predicted": len(preds), "gold": len(golds), "matched": n}
    return Report(figures, counts, per_stance, pairs, missed, spurious)


# ------------------------------------------------------------------ output


def format_report(report: Report, floors: dict[str, float] | None = None) -> str:
    floors = floors or {}
    c = report.counts
    lines = [
        f"Statements — {c['predicted']} predicted, {c['gold']} gold, "
        f"{c['matched']} matched ({report.source})",
        "",
        f"{'figure':<22}{'value':>8}{'floor':>8}{'target':>8}",
    ]
    for name in FIGURES:
        value = report.figures[name]
        floor = floors.get(name)
        target = TARGETS.get(name)
        mark = " <-- below floor" if floor is not None and value < floor - EPSILON else ""
        lines.append(
            f"{name:<22}{value:>8.3f}"
            f"{'' if floor is None else f'{floor:.3f}':>8}"
            f"{'' if target is None else f'{target:.2f}':>8}{mark}"
        )
    lines += ["", f"{'stance':<12}{'P':>7}{'R':>7}{'pred':>6}{'gold':>6}"]
    for s, d in report.per_stance.items():
        lines.append(
            f"{s:<12}{d['precision']:>7.3f}{d['recall']:>7.3f}{d['predicted']:>6}{d['gold']:>6}"
        )
    return "\n".join(lines) + "\n"


def format_errors(report: Report) -> Iterator[str]:
    """One line per error, for ``--errors``: what to look at next."""
    for g in report.missed:
        yield f"MISSED  {g.line:>4} {g.speaker!r} {g.cue!r} {g.stance} {g.kind}"
    for p in report.spurious:
        yield f"EXTRA   {p.line:>4} {p.speaker!r} {p.cue!r} {p.stance.value} {p.kind}"
    for pair in report.pairs:
        p, g = pair.pred, pair.gold
        if not pair.speaker_ok:
            yield f"SPEAKER {g.line:>4} gold {g.speaker!r} pred {p.speaker!r} ({p.cue!r})"
        if not pair.side_ok:
            yield f"SIDE    {g.line:>4} {g.speaker!r}: gold {g.side!r} pred {p.side!r}"
        if not pair.stance_ok:
            yield f"STANCE  {g.line:>4} {g.speaker!r} {g.cue!r}: gold {g.stance} pred {p.stance.value}"
        if not pair.date_ok:
            yield (
                f"DATE    {g.line:>4} {g.speaker!r} {g.cue!r}: gold {g.date} {g.date_precision} "
                f"pred {p.date} {p.date_precision}"
            )
        if not pair.kind_ok:
            yield f"KIND    {g.line:>4} {g.speaker!r} {g.cue!r}: gold {g.kind} pred {p.kind}"


# ------------------------------------------------------------------ baseline and gate


def read_baseline(path: Path = BASELINE) -> dict[str, Any]:
    if not path.exists():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def regressions(report: Report, baseline: dict[str, Any]) -> list[str]:
    """Figures below their floor minus epsilon, as messages."""
    eps = float(baseline.get("epsilon", EPSILON))
    out = []
    for name, floor in baseline.get("floors", {}).items():
        value = report.figures.get(name)
        if value is not None and value < floor - eps:
            out.append(f"{name} {value:.3f} is below its floor {floor:.3f} (epsilon {eps})")
    return out


def data_mismatch(baseline: dict[str, Any], seed: Path, gold: Path) -> list[str]:
    out = []
    if baseline.get("seed_sha256") and baseline["seed_sha256"] != sha256(seed):
        out.append(f"{seed.name} changed since the baseline was recorded")
    if baseline.get("gold_sha256") and baseline["gold_sha256"] != sha256(gold):
        out.append(f"{gold.name} changed since the baseline was recorded")
    return out


def new_baseline(
    report: Report, old: dict[str, Any], seed: Path, gold: Path, allow_lower: bool
) -> tuple[dict[str, Any], list[str]]:
    """Floors = current figures (rounded down to 3 places); lowering needs permission."""
    floors = {k: int(v * 1000) / 1000 for k, v in report.figures.items()}
    lowered = [
        f"{k} {floors[k]:.3f} < {v:.3f}"
        for k, v in old.get("floors", {}).items()
        if k in floors and floors[k] < v and not data_mismatch(old, seed, gold)
    ]
    if lowered and not allow_lower:
        return old, lowered
    data = {
        "seed": str(seed.relative_to(ROOT)) if seed.is_relative_to(ROOT) else _shown(seed),
        "seed_sha256": sha256(seed),
        "gold": str(gold.relative_to(ROOT)) if gold.is_relative_to(ROOT) else str(gold),
        "gold_sha256": sha256(gold),
        "epsilon": old.get("epsilon", EPSILON),
        "floors": floors,
        "targets": TARGETS,
        "counts": report.counts,
    }
    return data, []


def gold_anchored(articles: Sequence[Article], golds: Sequence[Gold]) -> list[Article]:
    """The articles with the publication date the gold rows imply."""
    out = []
    for a in articles:
        lines = {ln for ln, _ in a.body}
        rows = [g for g in golds if g.line in lines]
        published = {g.date for g in rows if g.date_from == "published"}
        anchor = a.published
        if len(published) == 1:
            anchor = published.pop()
        elif rows and not published and all(g.date_from != "published" for g in rows):
            if any(g.date is None and g.date_from is None for g in rows):
                anchor = None
        out.append(replace(a, published=anchor))
    return out


def timing(seed: Path = SEED, seconds: float = 5.0, size: int = 3000) -> dict[str, float]:
    """Articles per CPU-second of ``extract_statements`` on the seed's paragraphs cut
    into articles of about ``size`` characters. A measurement to run by hand
    (``--timing``), never a test: CPU time, so that a busy machine does not distort it."""
    import time

    from .lexicon import load_lexicon

    articles, _ = read_seed_articles(seed)
    paras = [(ln, t) for a in articles for ln, t in a.body]
    chunks: list[Article] = []
    cur: list[tuple[int, str]] = []
    chars = 0
    for p in paras:
        cur.append(p)
        chars += len(p[1])
        if chars >= size:
            chunks.append(Article("timing", cur[0][0], cur[-1][0], cur, published="2026-01-05"))
            cur, chars = [], 0
    lexicon = load_lexicon()
    statements = sum(len(extract_statements(c, lexicon)) for c in chunks)  # also warms up
    n = 0
    t0 = time.process_time()
    while time.process_time() - t0 < seconds:
        for c in chunks:
            extract_statements(c, lexicon)
            n += 1
    cpu = time.process_time() - t0
    return {
        "articles_per_cpu_second": n / cpu,
        "articles": n,
        "cpu_seconds": cpu,
        "mean_chars": sum(len(t) for c in chunks for _, t in c.body) / len(chunks),
        "statements_per_article": statements / len(chunks),
    }


def run(seed: Path = SEED, gold: Path = GOLD) -> Report | None:
    """The report for ``seed`` against ``gold``; None when either is absent."""
    if not seed.exists() or not gold.exists():
        return None
    articles, source = read_seed_articles(seed)
    golds = read_gold(gold)
    report = evaluate(extract_all(articles), golds)
    anchored = evaluate(extract_all(gold_anchored(articles, golds)), golds)
    report.figures["date_accuracy_gold_anchor"] = anchored.figures["date_accuracy"]
    report.source = source
    return report


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m claimtrack.evaluate", description=__doc__.split("\n")[0]
    )
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--errors", action="store_true", help="also list every error")
    ap.add_argument(
        "--update-baseline", action="store_true", help="record current figures as floors"
    )
    ap.add_argument(
        "--allow-regression",
        action="store_true",
        help="report figures below their floors without failing; allow lowering floors",
    )
    ap.add_argument("--timing", action="store_true", help="measure articles per CPU-second instead")
    ap.add_argument("--seed", type=Path, default=SEED)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--baseline", type=Path, default=BASELINE)
    ap.add_argument(
        "--set",
        choices=sorted(HELDOUT_SETS),
        help="a held-out set instead of seed 000 (sets --seed, --gold and --baseline)",
    )
    args = ap.parse_args(argv)
    err = sys.stderr
    if args.set:
        gold_dir = ROOT / "tests" / "eval" / "gold"
        args.seed = gold_dir / f"heldout_{args.set}_dump.txt"
        args.gold = gold_dir / f"heldout_{args.set}_statements.jsonl"
        args.baseline = ROOT / "tests" / "eval" / f"heldout_{args.set}_baseline.json"
        out.write(f"--- {HELDOUT_SETS[args.set]}\n")
    if not args.seed.exists():
        err.write(f"Skipped: seed {args.seed} not found (it lives outside the repository)\n")
        return 0
    if args.timing:
        t = timing(args.seed)
        out.write(
            f"{t['articles_per_cpu_second']:.0f} articles per CPU-second "
            f"({t['articles']} articles of {t['mean_chars']:.0f} characters, "
            f"{t['statements_per_article']:.1f} statements each, in {t['cpu_seconds']:.1f} s)\n"
        )
        return 0
    if not args.gold.exists():
        err.write(f"Skipped: gold file {args.gold} not found\n")
        return 0
    report = run(args.seed, args.gold)
    assert report is not None
    baseline = read_baseline(args.baseline)
    if args.json:
        json.dump(
            {
                "figures": report.figures,
                "counts": report.counts,
                "per_stance": report.per_stance,
                "source": report.source,
            },
            out,
            indent=2,
        )
        out.write("\n")
    else:
        out.write(format_report(report, baseline.get("floors")))
    if args.errors:
        for line in format_errors(report):
            out.write(line + "\n")
    if args.update_baseline:
        data, lowered = new_baseline(report, baseline, args.seed, args.gold, args.allow_regression)
        if lowered:
            err.write(
                "Error: not lowering floors without --allow-regression: "
                + "; ".join(lowered)
                + "\n"
            )
            return 1
        args.baseline.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        err.write(f"Wrote {args.baseline}\n")
        return 0
    problems = data_mismatch(baseline, args.seed, args.gold)
    if problems:
        err.write(
            "Error: " + "; ".join(problems) + ". Floors were measured on other data: "
            "re-run with --update-baseline (and --allow-regression if figures dropped).\n"
        )
        return 0 if args.allow_regression else 1
    failed = regressions(report, baseline)
    for msg in failed:
        err.write(f"Regression: {msg}\n")
    if failed and not args.allow_regression:
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Quality gate for coverage stance on Emergent headlines (issue 8).

Runs ``claimtrack.evaluate_emergent`` on the development half of Emergent
(``../shared/data/emergent-dev.csv``, internal use only) and fails when accuracy,
macro-F1, F1 of ``denies`` (Emergent "against") or linking recall drop below the
floors of ``tests/eval/emergent_baseline.json`` minus its epsilon. Skipped when the
data is absent (a clean clone), as its README asks.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from claimtrack import evaluate_emergent

HERE = Path(__file__).resolve().parent
BASELINE = json.loads((HERE / "eval" / "emergent_baseline.json").read_text(encoding="utf-8"))
CSV = HERE.parent / BASELINE["data"]["file"]

pytestmark = pytest.mark.skipif(not CSV.is_file(), reason=f"{CSV} is absent")


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    digest = hashlib.sha256(CSV.read_bytes()).hexdigest()
    if digest != BASELINE["data"]["sha256"]:
        pytest.fail(
            f"{CSV} is not the file the floors were measured on (sha256 {digest}); "
            "re-measure with `python -m claimtrack.evaluate_emergent --json [--pipeline]` "
            "and update tests/eval/emergent_baseline.json"
        )
    data = evaluate_emergent.load_rows(CSV)
    assert len(data) == BASELINE["data"]["rows"]
    return data


def _check(result: dict[str, float], floors: dict[str, float]) -> None:
    eps = BASELINE["epsilon"]
    drops = {
        name: (result[name], floor) for name, floor in floors.items() if result[name] < floor - eps
    }
    assert not drops, "below floor - epsilon (measured, floor): " + ", ".join(
        f"{name} {got:.4f} < {floor:.3f}" for name, (got, floor) in drops.items()
    )


def test_headline_stance_floors(rows: list[dict[str, str]]) -> None:
    result = evaluate_emergent.evaluate_headlines(rows)
    _check(result, BASELINE["headlines"])
    assert result["accuracy"] > result["majority_accuracy"] + 0.2


@pytest.mark.slow
def test_pipeline_floors(rows: list[dict[str, str]]) -> None:
    pytest.importorskip("claimtrack.extract", reason="ingest needs claimtrack.extract")
    result = evaluate_emergent.evaluate_pipeline(rows)
    _check(result, BASELINE["pipeline"])
    # the targets on the development half
    assert result["accuracy"] >= 0.75
    assert result["link_recall"] >= 0.95

"""Shared fixtures: every test gets its own database through $CLAIMTRACK_DB, so no
test ever touches a claimtrack.db in the working directory."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_72109d1b3ad72c7a.txt"
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def _isolated_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "test.db"
    monkeypatch.setenv("CLAIMTRACK_DB", str(db))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    return db


@pytest.fixture
def db_path(_isolated_db: Path) -> Path:
    return _isolated_db


@pytest.fixture
def seed() -> Path:
    if not SEED.exists():
        pytest.skip("seed 000 is not beside this checkout (../shared/seeds)")
    return SEED

"""Scale-out: `--jobs N` and `claimtrack extract` + `ingest --statements` give exactly
the statements of a plain ingest; the Dask example too (when dask is installed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "cli" / "dam.txt"


def statements(db: Path) -> list[tuple[str, ...]]:
    r = CliRunner().invoke(
        app, ["--db", str(db), "statements", "-f", "json"], catch_exceptions=False
    )
    return sorted(
        (s["id"], s["speaker"], s["stance"], s["text"], str(s["date"]), str(s["line"]))
        for s in json.loads(r.stdout)
    )


def inputs() -> list[str]:
    paths = [str(FIXTURE), str(ROOT / "examples")]
    seed = ROOT.parent / "shared" / "seeds"
    if seed.exists():
        paths.append(str(seed))
    return paths


def ingest(db: Path, *args: str) -> None:
    r = CliRunner().invoke(app, ["--db", str(db), "ingest", *args], catch_exceptions=False)
    assert r.exit_code == 0, r.stderr


def test_jobs_give_the_same_statements(tmp_path: Path) -> None:
    ingest(tmp_path / "one.db", *inputs())
    ingest(tmp_path / "two.db", "--jobs", "2", *inputs())
    one = statements(tmp_path / "one.db")
    assert one and one == statements(tmp_path / "two.db")


def test_jobs_on_a_single_file_go_through_article_batches_with_the_same_result(
    tmp_path: Path,
) -> None:
    # One file cannot keep two workers busy whole: its articles go out in batches.
    seed = ROOT.parent / "shared" / "seeds" / "000_72109d1b3ad72c7a.txt"
    single = str(seed if seed.exists() else ROOT / "examples" / "articles.jsonl")
    ingest(tmp_path / "one.db", single)
    ingest(tmp_path / "two.db", "--jobs", "2", single)
    one = statements(tmp_path / "one.db")
    assert one and one == statements(tmp_path / "two.db")


def test_extract_then_ingest_statements_equals_plain_ingest(tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    ingest(plain, *inputs())
    out = tmp_path / "extracted.jsonl"
    r = subprocess.run(
        [sys.executable, "-m", "claimtrack", "extract", *[str(p) for p in _files(inputs())]],
        capture_output=True, timeout=300, check=False,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    out.write_bytes(r.stdout)
    kinds = {json.loads(line)["type"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert kinds == {"article", "statement"}
    loaded = tmp_path / "loaded.db"
    ingest(loaded, "--statements", str(out))
    assert statements(loaded) == statements(plain)


def test_extract_reads_jsonl_on_stdin() -> None:
    record = {
        "title": "Port fire",
        "text": "“The fire was an accident,” the port director Lena Moss said on Monday.",
        "published": "2026-02-04",
    }
    r = subprocess.run(
        [sys.executable, "-m", "claimtrack", "extract"],
        input=(json.dumps(record) + "\n").encode(), capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert lines[0]["type"] == "article" and lines[0]["published"] == "2026-02-04"


def _files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(
            sorted(
                x
                for x in p.rglob("*")
                if x.is_file()
                and not x.name.startswith(".")
                and x.suffix != ".toml"
                and x.name != "README.md"
            )
            if p.is_dir()
            else [p]
        )
    return out


def test_dask_example_gives_the_same_statements(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    plain = tmp_path / "plain.db"
    ingest(plain, *[str(p) for p in _files(inputs())])
    r = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "scaleout" / "dask_extract.py"), "--db", str(tmp_path / "dask.db"),
         *[str(p) for p in _files(inputs())]],
        capture_output=True, timeout=300, check=False,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert statements(tmp_path / "dask.db") == statements(plain)

"""The CLI as a user drives it: every command through typer's CliRunner, stdout and
stderr checked apart, and real subprocess runs on real files."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "cli"
DAM = FIXTURES / "dam.txt"
DESCRIPTION = "Westmark saboteurs blew up the Norvik dam"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def loaded(runner: CliRunner) -> CliRunner:
    r = invoke(runner, "ingest", str(DAM))
    assert r.exit_code == 0, r.stderr
    r = invoke(
        runner,
        "claim",
        "add",
        "dam-sabotage",
        DESCRIPTION,
        "--keyword",
        "Norvik",
        "--keyword",
        "dam",
    )
    assert r.exit_code == 0, r.stderr
    return runner


def test_help_lists_every_command(runner: CliRunner) -> None:
    r = invoke(runner, "--help")
    assert r.exit_code == 0
    for command in ("ingest", "claim", "claims", "show", "statements", "articles", "article",
                    "link", "unlink", "speakers", "speaker", "db"):  # fmt: skip
        assert command in r.stdout


def test_ingest_summary_goes_to_stderr_only(runner: CliRunner) -> None:
    r = invoke(runner, "ingest", str(DAM))
    assert r.exit_code == 0
    assert r.stdout == ""
    assert "1 new" in r.stderr and "statement" in r.stderr
    again = invoke(runner, "ingest", str(DAM))
    assert "0 new, 1 duplicate" in again.stderr
    quiet = invoke(runner, "ingest", "--quiet", str(DAM))
    assert quiet.stderr == "" and quiet.stdout == ""


def test_show_json_contract(loaded: CliRunner) -> None:
    r = invoke(loaded, "show", "dam-sabotage", "--format", "json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["claim"] == {"name": "dam-sabotage", "description": DESCRIPTION,
                             "keywords": ["Norvik", "dam"], "aliases": []}  # fmt: skip
    sts = data["statements"]
    assert len(sts) >= 3
    keys = {"id", "date", "date_precision", "speaker", "side", "stance", "cue", "text", "quote",
            "score", "source", "sources", "reversal"}  # fmt: skip
    lines = DAM.read_text(encoding="utf-8").splitlines()
    for s in sts:
        assert keys <= set(s)
        assert s["stance"] in {"asserts", "denies", "doubts", "retracts", "confirms"}
        assert {"path", "line", "article_id", "title", "published", "url"} <= set(s["source"])
        # source.line points at the line that holds the statement's text
        assert s["text"][:30] in lines[s["source"]["line"] - 1]
    assert any(s["stance"] == "denies" for s in sts)
    dated = [s["date"] for s in sts if s["date"]]
    assert dated == sorted(dated)


def test_show_jsonl_csv_markdown_html_svg(loaded: CliRunner) -> None:
    jsonl = invoke(loaded, "show", "dam-sabotage", "--format", "jsonl").stdout.splitlines()
    assert jsonl and all(json.loads(line)["id"] for line in jsonl)
    rows = list(
        csv.DictReader(io.StringIO(invoke(loaded, "show", "dam-sabotage", "-f", "csv").stdout))
    )
    assert len(rows) == len(jsonl) and {"speaker", "stance", "source_path", "source_line"} <= set(
        rows[0]
    )
    md = invoke(loaded, "show", "dam-sabotage", "-f", "markdown").stdout
    assert md.startswith("# dam-sabotage") and "| date | stance |" in md
    assert "<html" in invoke(loaded, "show", "dam-sabotage", "-f", "html").stdout.lower()
    assert invoke(loaded, "show", "dam-sabotage", "-f", "svg").stdout.lstrip().startswith("<svg")


def test_show_table_and_filters(loaded: CliRunner) -> None:
    r = invoke(loaded, "show", "Norvik dam sabotage", "--width", "120")
    assert r.exit_code == 0 and "dam-sabotage" in r.stdout and "denies" in r.stdout
    r = invoke(loaded, "show", "dam-sabotage", "--stance", "denies", "-f", "json")
    assert {s["stance"] for s in json.loads(r.stdout)["statements"]} == {"denies"}
    r = invoke(loaded, "show", "dam-sabotage", "--by", "side", "--width", "100")
    assert "by side" in r.stdout


def test_show_unknown_claim_is_one_line_error(loaded: CliRunner) -> None:
    r = invoke(loaded, "show", "volcano")
    assert r.exit_code == 1
    assert r.stdout == ""
    assert r.stderr.startswith("Error: ") and "dam-sabotage" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_claims_listing_and_import(loaded: CliRunner, tmp_path: Path) -> None:
    data = json.loads(invoke(loaded, "claims", "--format", "json").stdout)
    assert data[0]["name"] == "dam-sabotage" and data[0]["statements"] >= 3
    f = tmp_path / "c.jsonl"
    f.write_text('{"name": "other", "description": "Ostland flooded its own valley"}\n')
    assert invoke(loaded, "claims", "import", str(f)).exit_code == 0
    assert invoke(loaded, "claims", "import", str(f)).exit_code == 0  # idempotent
    names = [c["name"] for c in json.loads(invoke(loaded, "claims", "-f", "json").stdout)]
    assert names == ["dam-sabotage", "other"]
    assert invoke(loaded, "claim", "rm", "other").exit_code == 0
    r = invoke(loaded, "claim", "rm", "other")
    assert r.exit_code == 1 and "no claim named" in r.stderr


def test_statements_articles_article(loaded: CliRunner) -> None:
    sts = json.loads(invoke(loaded, "statements", "-f", "json", "--explain").stdout)
    assert sts and all("explain" in s for s in sts)
    arts = json.loads(invoke(loaded, "articles", "-f", "json").stdout)
    assert len(arts) == 1
    art = arts[0]
    assert {"id", "title", "published", "published_source", "sources", "statements"} <= set(art)
    assert art["sources"][0]["path"].endswith("dam.txt") and art["sources"][0]["start_line"] == 1
    r = invoke(loaded, "article", art["id"][:8])
    assert r.exit_code == 0 and "fabrication" in r.stdout
    assert json.loads(invoke(loaded, "article", art["id"], "-f", "json").stdout)["id"] == art["id"]


def test_manual_link_and_unlink_survive_reingest_and_relink(loaded: CliRunner) -> None:
    sts = json.loads(invoke(loaded, "show", "dam-sabotage", "-f", "json").stdout)["statements"]
    target = sts[0]["id"]
    assert invoke(loaded, "unlink", "dam-sabotage", target).exit_code == 0
    invoke(loaded, "ingest", str(DAM))
    invoke(
        loaded,
        "claim",
        "add",
        "dam-sabotage",
        DESCRIPTION + " in March",
        "-k",
        "Norvik",
        "-k",
        "dam",
    )
    ids = [
        s["id"]
        for s in json.loads(invoke(loaded, "show", "dam-sabotage", "-f", "json").stdout)[
            "statements"
        ]
    ]
    assert target not in ids
    assert invoke(loaded, "link", "dam-sabotage", target[:10]).exit_code == 0
    ids = [
        s["id"]
        for s in json.loads(invoke(loaded, "show", "dam-sabotage", "-f", "json").stdout)[
            "statements"
        ]
    ]
    assert target in ids
    r = invoke(loaded, "link", "dam-sabotage", "zzzz")
    assert r.exit_code == 1 and "no statement" in r.stderr


def test_speakers_and_corrections(loaded: CliRunner) -> None:
    speakers = json.loads(invoke(loaded, "speakers", "-f", "json").stdout)
    names = {s["speaker"] for s in speakers}
    assert any("Janssen" in n for n in names)
    janssen = next(n for n in names if "Janssen" in n)
    assert invoke(loaded, "speaker", "side", janssen, "Westmark").exit_code == 0
    assert invoke(loaded, "speaker", "merge", janssen, "Westmark").exit_code == 0
    speakers = {
        s["speaker"]: s for s in json.loads(invoke(loaded, "speakers", "-f", "json").stdout)
    }
    assert janssen not in speakers and janssen in speakers["Westmark"]["aliases"]
    invoke(loaded, "ingest", str(DAM))  # corrections persist
    assert janssen not in {
        s["speaker"] for s in json.loads(invoke(loaded, "speakers", "-f", "json").stdout)
    }


def test_db_info(loaded: CliRunner) -> None:
    info = json.loads(invoke(loaded, "db", "info", "-f", "json").stdout)[0]
    assert info["schema_version"] == info["latest_version"] >= 1
    assert info["articles"] == 1 and info["claims"] == 1


def test_db_option_and_env(runner: CliRunner, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    assert invoke(runner, "ingest", "--db", str(other), str(DAM)).exit_code == 0
    assert other.exists()
    assert json.loads(invoke(runner, "--db", str(other), "articles", "-f", "json").stdout)
    assert json.loads(invoke(runner, "articles", "-f", "json").stdout) == []


def test_stdin_ingest(runner: CliRunner) -> None:
    r = invoke(runner, "ingest", "-", input=DAM.read_text(encoding="utf-8"))
    assert r.exit_code == 0, r.stderr
    arts = json.loads(invoke(runner, "articles", "-f", "json").stdout)
    assert arts[0]["sources"][0]["path"] in ("-", "<stdin>")


@pytest.mark.parametrize(
    ("name", "content"),
    [("missing.txt", None), ("binary.txt", b"\x00\x01\x02binary\x00" * 50), ("empty.txt", b"")],
)
def test_bad_input_one_line_error_and_good_files_still_ingested(
    runner: CliRunner, tmp_path: Path, name: str, content: bytes | None
) -> None:
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    r = invoke(runner, "ingest", str(bad), str(DAM))
    assert r.exit_code == 1
    assert r.stdout == ""
    errors = [line for line in r.stderr.splitlines() if name in line]
    assert len(errors) == 1
    assert len(json.loads(invoke(runner, "articles", "-f", "json").stdout)) == 1


def test_non_utf8_file_is_reported_and_ingested(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "latin1.txt"
    f.write_bytes(
        DAM.read_text(encoding="utf-8").replace("’", "'").encode("utf-8")
        + "Caf\xe9 owners said it was fine.\n".encode("latin-1")
    )
    r = invoke(runner, "ingest", str(f))
    assert r.exit_code == 1 and "latin1.txt" in r.stderr and "UTF-8" in r.stderr
    assert len(json.loads(invoke(runner, "articles", "-f", "json").stdout)) == 1


def test_bad_field_option_is_usage_error(runner: CliRunner) -> None:
    r = invoke(runner, "ingest", "--field", "nonsense", str(DAM))
    assert r.exit_code == 2 and "name=column" in r.stderr


def run(
    *args: str, env: dict[str, str] | None = None, input: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "claimtrack", *args],
        capture_output=True, input=input, env={**os.environ, **(env or {})}, timeout=120,
    )  # fmt: skip


def test_subprocess_on_real_files_and_closed_pipe(tmp_path: Path) -> None:
    env = {"CLAIMTRACK_DB": str(tmp_path / "sub.db"), "NO_COLOR": "1"}
    r = run("ingest", str(DAM), env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout == b""
    assert (
        run(
            "claim", "add", "dam-sabotage", DESCRIPTION, "-k", "Norvik", "-k", "dam", env=env
        ).returncode
        == 0
    )
    pipeline = subprocess.run(
        f"{sys.executable} -m claimtrack show dam-sabotage --format jsonl | head -1 | {sys.executable} -m json.tool",
        shell=True, capture_output=True, env={**os.environ, **env}, timeout=120,
    )  # fmt: skip
    assert pipeline.returncode == 0, pipeline.stderr
    assert json.loads(pipeline.stdout)["speaker"]
    assert b"Traceback" not in pipeline.stderr and b"Error" not in pipeline.stderr
    table = run("show", "dam-sabotage", env=env)
    assert table.returncode == 0 and b"\x1b[" not in table.stdout  # NO_COLOR and not a terminal


def test_version_and_module_entry_point() -> None:
    r = run("--version")
    assert r.returncode == 0 and r.stdout.strip()


def test_jsonl_statements_point_at_their_record_line(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "export.jsonl"
    records = [
        {"title": "Harbour row", "text": "Officials met.\n“The crane fell by itself,” port chief Ida Berg said on Monday.", "published": "2026-02-04"},
        {"title": "Dam row", "text": "Rain fell.\nRain stopped.\n“Nobody touched the dam,” mayor Tom Ek said.", "published": "2026-02-05"},
    ]  # fmt: skip
    f.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    assert invoke(runner, "ingest", str(f)).exit_code == 0
    sts = json.loads(invoke(runner, "statements", "-f", "json").stdout)
    lines = {s["speaker"]: s["source"]["line"] for s in sts}
    assert lines.get("Ida Berg") == 1 and lines.get("Tom Ek") == 2, sts

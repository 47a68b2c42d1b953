"""Issue 7: the guarantees a newsroom relies on, each proved by a test that fails if
it breaks.

- Crash safety: ``ingest`` killed with SIGKILL mid-run leaves an intact database that
  holds only whole files, and re-running completes it without duplicates.
- Concurrency: two ingests on one database at once both succeed, with no duplicates
  and no "database is locked"; readers work during an ingest.
- Migrations: an old-schema database upgrades in place with user work kept; a
  database from a newer claimtrack gives a one-line error.
- Hostile text: markup, escape sequences, bidi and zero-width characters, huge lines,
  deep HTML, odd JSON and SQL- or path-like names are stored as data and shown inertly.
- Resource faults: read-only file or directory, full disk, interrupted stdin: a clear
  error and the database as it was.
- Backup: ``export-db`` / ``import-db`` restore user work into a rebuilt database.

Everything runs real ``python -m claimtrack`` processes on real files (the way users
and cron jobs run it), except where only the library can reach the fault.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import os
import random
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
DAM = FIXTURES / "cli" / "dam.txt"
HERE = FIXTURES / "guarantees"
DESCRIPTION = "Westmark saboteurs blew up the Norvik dam"

# ---------------------------------------------------------------------------------------
# helpers


def cli_env(db: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "CLAIMTRACK_DB": str(db), "NO_COLOR": "1", "COLUMNS": "400"}
    env.pop("FORCE_COLOR", None)
    env.update(extra)
    return env


def cli(
    db: Path,
    *args: str,
    input: bytes | None = None,
    timeout: float = 120,
    env: dict[str, str] | None = None,
    **popen: Any,
) -> subprocess.CompletedProcess[bytes]:
    """``python -m claimtrack ARGS`` on ``db``, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "claimtrack", *args],
        input=input,
        capture_output=True,
        env=env or cli_env(db),
        timeout=timeout,
        **popen,
    )


def spawn(db: Path, *args: str, **popen: Any) -> subprocess.Popen[bytes]:
    popen.setdefault("stdout", subprocess.PIPE)
    popen.setdefault("stderr", subprocess.PIPE)
    popen.setdefault("env", cli_env(db))
    return subprocess.Popen([sys.executable, "-m", "claimtrack", *args], **popen)


def cli_many(
    db: Path, commands: list[list[str]], env: dict[str, str] | None = None, timeout: float = 120
) -> list[subprocess.CompletedProcess[bytes]]:
    """Several read-only commands at once (they only read, so order does not matter)."""
    procs = [(args, spawn(db, *args, env=env or cli_env(db))) for args in commands]
    results = []
    for args, p in procs:
        out, err = p.communicate(timeout=timeout)
        results.append(subprocess.CompletedProcess(args, p.returncode, out, err))
    return results


def inproc(db: Path, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """The same command in this process (typer's CliRunner), ten times quicker than a
    new process. Exceptions are not caught: a crash fails the test with its traceback."""
    from typer.testing import CliRunner

    from claimtrack.cli import app

    r = CliRunner().invoke(
        app,
        ["--db", str(db), *args],
        env={"NO_COLOR": "1", "COLUMNS": "400", **env},
        catch_exceptions=False,
    )
    return subprocess.CompletedProcess(args, r.exit_code, r.stdout_bytes, r.stderr_bytes)


def ok(r: subprocess.CompletedProcess[bytes]) -> subprocess.CompletedProcess[bytes]:
    assert r.returncode == 0, r.stderr.decode(errors="replace")
    return r


def one_line_error(stderr: bytes, *needles: str) -> str:
    """stderr is exactly one line, ``Error: …``, holding each of ``needles``."""
    text = stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in text, text
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert lines[0].startswith("Error: "), text
    for needle in needles:
        assert needle.lower() in lines[0].lower(), (needle, text)
    return lines[0]


@contextlib.contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection (not claimtrack's), closed afterwards."""
    conn = sqlite3.connect(path, timeout=30)
    try:
        yield conn
    finally:
        conn.close()


def integrity(path: Path) -> None:
    """SQLite's own checks, foreign keys and both FTS5 indexes are consistent."""
    with reading(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {r[0] for r in conn.execute("select name from sqlite_master")}
        for fts in ("articles_fts", "statements_fts"):
            if fts in tables:
                # raises sqlite3.DatabaseError if the index and its table disagree
                conn.execute(f"INSERT INTO {fts} ({fts}) VALUES ('integrity-check')")


def snapshot(path: Path) -> dict[str, Any]:
    """Everything a user could lose, in a comparable form."""
    with reading(path) as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}

        def rows(sql: str, table: str) -> list[tuple[Any, ...]]:
            return sorted(conn.execute(sql).fetchall()) if table in tables else []

        return {
            "articles": rows("select id, title, text, body from articles", "articles"),
            "sources": rows(
                "select article_id, path, start_line, end_line, duplicate from sources", "sources"
            ),
            "statements": rows(
                "select id, article_id, line, speaker, stance, text from statements", "statements"
            ),
            "claims": rows("select name, description, keywords, aliases from claims", "claims"),
            "links": rows("select claim, statement_id, score, how, reason from links", "links"),
            "corrections": rows("select kind, subject, value from corrections", "corrections"),
        }


def count(path: Path, table: str) -> int:
    with reading(path) as conn:
        return int(conn.execute(f"select count(*) from {table}").fetchone()[0])


def sources_by_path(snap: dict[str, Any]) -> dict[str, set[tuple[Any, ...]]]:
    out: dict[str, set[tuple[Any, ...]]] = {}
    for article_id, path, start, end, duplicate in snap["sources"]:
        out.setdefault(path, set()).add((article_id, start, end, duplicate))
    return out


# ---------------------------------------------------------------------------------------
# a corpus of real dump files: several glued articles per file, all distinct

CITIES = ["LONDON", "PARIS", "BERLIN", "MADRID", "ROME", "VIENNA", "WARSAW", "OSLO"]
NAMES = ["Ana Flores", "Piet Janssen", "Marta Novak", "Jon Berg", "Lena Holm"]
WORDS = (
    "harbour bridge council budget river factory grain tariff railway election border "
    "vaccine drought pipeline museum satellite ferry court strike reservoir"
).split()


def _article(rng: random.Random, i: int, j: int) -> list[str]:
    city = CITIES[(i + j) % len(CITIES)]
    lines = [
        f"{city} (Reuters) - The {rng.choice(WORDS)} dispute {i}-{j} widened on Monday "
        "as officials traded accusations."
    ]
    for k in range(3):
        w = rng.sample(WORDS, 6)
        lines.append(
            f"“The {w[0]} and the {w[1]} near the {w[2]} were never at risk in case {i}-{j}-{k},” "
            f"{rng.choice(NAMES)} said, citing {w[3]}, {w[4]} and {w[5]} reports."
        )
    lines.append(
        f"Officials denied on Tuesday that the {rng.choice(WORDS)} had been damaged in "
        f"incident {i}-{j}."
    )
    return lines


def make_corpus(directory: Path, files: int, per_file: int = 3, seed: int = 7) -> list[str]:
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(files):
        lines: list[str] = []
        for j in range(per_file):
            lines += _article(rng, i, j)
        p = directory / f"dump{i:03d}.txt"
        p.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(str(p))
    return paths


CORPUS_FILES = 150


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Path]:
    """150 dump files and a database holding a clean, sequential ingest of them all."""
    base = tmp_path_factory.mktemp("corpus")
    paths = make_corpus(base / "dumps", CORPUS_FILES, per_file=2)
    ref = base / "reference.db"
    ok(cli(ref, "ingest", "--quiet", *paths))
    assert count(ref, "articles") >= CORPUS_FILES  # several articles per file
    return paths, ref


def wait_for_rows(db: Path, table: str, proc: subprocess.Popen[bytes], at_least: int = 1) -> int:
    """Poll (read-only) until ``table`` has rows; the writer must still be running."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the process ended before it could be interrupted"
        with contextlib.suppress(sqlite3.Error):
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
            try:
                n = conn.execute(f"select count(*) from {table}").fetchone()[0]
            finally:
                conn.close()
            if n >= at_least:
                return int(n)
        time.sleep(0.01)
    raise AssertionError(f"no rows in {table} after 60 s")


def wait_until_open(proc: subprocess.Popen[bytes], path: Path) -> None:
    """Wait until ``proc`` has ``path`` open (Linux /proc; elsewhere wait a second)."""
    fds = Path(f"/proc/{proc.pid}/fd")
    if not fds.is_dir():
        time.sleep(1.0)
        return
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the process ended early"
        with contextlib.suppress(OSError):
            if any(os.readlink(fd) == str(path) for fd in fds.iterdir()):
                return
        time.sleep(0.02)
    raise AssertionError(f"{path} was not opened within 30 s")


# ---------------------------------------------------------------------------------------
# crash safety


@pytest.mark.slow
def test_sigkill_mid_ingest_keeps_whole_files_and_rerun_completes(
    tmp_path: Path, corpus: tuple[list[str], Path]
) -> None:
    paths, ref = corpus
    db = tmp_path / "crash.db"
    proc = spawn(db, "ingest", "--quiet", *paths)
    try:
        wait_for_rows(db, "articles", proc)
        time.sleep(0.3)  # let a few more files commit, so the kill lands mid-run
        assert proc.poll() is None, "ingest finished before the kill; make the corpus bigger"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL

    integrity(db)
    expected = snapshot(ref)
    got = snapshot(db)
    want_sources, got_sources = sources_by_path(expected), sources_by_path(got)
    assert 0 < len(got_sources) < len(paths), "the kill should land mid-run"
    for path, rows in got_sources.items():
        assert rows == want_sources[path], f"{path} is stored partly"
    stored_articles = {row[0] for row in got["articles"]}
    assert stored_articles == {a for rows in got_sources.values() for a, *_ in rows}
    want_statements = [s for s in expected["statements"] if s[1] in stored_articles]
    assert got["statements"] == want_statements

    rerun = ok(cli(db, "ingest", "--quiet", *paths))
    assert rerun.stderr == b""
    integrity(db)
    after = snapshot(db)
    for key in ("articles", "sources", "statements"):
        assert after[key] == expected[key], key


# ---------------------------------------------------------------------------------------
# concurrency


def assert_clean_exit(proc: subprocess.Popen[bytes], out: bytes, err: bytes) -> None:
    text = err.decode(errors="replace")
    assert proc.returncode == 0, text
    assert "locked" not in text.lower() and "busy" not in text.lower(), text
    assert "Traceback" not in text, text


@pytest.mark.slow
def test_two_ingests_at_once_succeed_without_duplicates_and_readers_work_meanwhile(
    tmp_path: Path, corpus: tuple[list[str], Path]
) -> None:
    paths, ref = corpus
    first, second = paths[:100], paths[50:]  # 50 files in both
    db = tmp_path / "shared.db"
    ok(inproc(db, "ingest", "--quiet", str(DAM)))
    ok(inproc(db, "claim", "add", "dam-sabotage", DESCRIPTION, "-k", "Norvik", "-k", "dam"))
    procs = [spawn(db, "ingest", "--quiet", *files) for files in (first, second)]
    try:
        wait_for_rows(db, "sources", procs[0], at_least=4)  # both are writing by now
        readers = cli_many(
            db,
            [
                ["show", "dam-sabotage", "-f", "json"],
                ["show", "dam-sabotage"],
                ["articles", "-f", "json"],
                ["statements", "-f", "jsonl"],
            ],
        )
    finally:
        outputs = [p.communicate(timeout=180) for p in procs]
    for p, (out, err) in zip(procs, outputs, strict=True):
        assert_clean_exit(p, out, err)
    for r in readers:
        assert r.returncode == 0, r.stderr.decode(errors="replace")
        assert b"locked" not in r.stderr
    assert json.loads(readers[0].stdout)["statements"]
    assert b"dam-sabotage" in readers[1].stdout
    assert len(json.loads(readers[2].stdout)) >= 2

    integrity(db)
    wanted_paths = set(first) | set(second)
    expected = sources_by_path(snapshot(ref))
    got_snap = snapshot(db)
    got = sources_by_path(got_snap)
    assert set(got) == wanted_paths | {str(DAM)}
    for path in wanted_paths:
        assert got[path] == expected[path], path
    articles = {a for rows in got.values() for a, *_ in rows}
    assert len(got_snap["articles"]) == len(articles)  # no article twice
    assert len(got_snap["sources"]) == 1 + sum(len(expected[p]) for p in wanted_paths)


# Another claimtrack process creating (or upgrading) the database, slowed down inside
# each migration's transaction the way a big database's FTS rebuild is slow.
SLOW_MIGRATOR = """
import sys, time
from claimtrack import db as dbmod
for m in dbmod.migrations._migrations:
    def slow(d, fn=m.fn):
        fn(d)
        print("migrating", flush=True)
        time.sleep(0.7)
    m.fn = slow
dbmod.connect(sys.argv[1])
print("done", flush=True)
"""


@pytest.mark.slow
def test_ingest_while_another_process_migrates_the_database(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    migrator = subprocess.Popen(
        [sys.executable, "-c", SLOW_MIGRATOR, str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(db),
    )
    try:
        assert migrator.stdout is not None
        assert migrator.stdout.readline() == b"migrating\n"  # inside the first migration
        r = cli(db, "ingest", str(DAM), timeout=60)
        _, err = migrator.communicate(timeout=60)
    finally:
        if migrator.poll() is None:
            migrator.kill()
            migrator.communicate()
    assert migrator.returncode == 0, err.decode(errors="replace")
    assert r.returncode == 0, r.stderr.decode(errors="replace")
    assert b"locked" not in r.stderr
    integrity(db)
    assert count(db, "articles") == 1
    with reading(db) as conn:
        names = [n for (n,) in conn.execute("select name from _sqlite_migrations")]
    assert len(names) == len(set(names))  # every migration applied once


@pytest.mark.slow
def test_a_slow_stdin_ingest_does_not_block_other_writers(tmp_path: Path) -> None:
    """An ingest waiting for stdin (a pipe from a slow scraper) must not hold the
    write lock meanwhile: another ingest finishes while it waits."""
    db = tmp_path / "pipe.db"
    ok(cli(db, "db", "info"))
    lines = DAM.read_text(encoding="utf-8").splitlines(keepends=True)
    slow = spawn(db, "ingest", "-", stdin=subprocess.PIPE)
    assert slow.stdin is not None
    try:
        slow.stdin.write("".join(lines[:4]).encode())
        slow.stdin.flush()
        wait_until_open(slow, db)
        time.sleep(0.3)  # the slow ingest has started and is waiting for more input
        assert slow.poll() is None
        other = make_corpus(tmp_path / "other", 2)
        try:
            r = cli(db, "ingest", "--quiet", *other, timeout=4)
        except subprocess.TimeoutExpired:
            pytest.fail("a second ingest waited for the stdin ingest's write lock")
        assert r.returncode == 0, r.stderr.decode(errors="replace")
        _, err = slow.communicate("".join(lines[4:]).encode(), timeout=60)
    finally:
        if slow.poll() is None:
            slow.kill()
            slow.communicate()
    assert slow.returncode == 0, err.decode(errors="replace")
    integrity(db)
    assert count(db, "articles") >= 3


# ---------------------------------------------------------------------------------------
# migrations

OLD_DATA = [
    "insert into articles (id, title, published, text, body, ingested_at) values "
    "('c1art', 'Westmark rejects claims', '2026-03-06', ?, ?, '2026-03-06T10:00:00+00:00')",
    "insert into sources (id, article_id, path, start_line, end_line, ingested_at) values "
    "('c1src', 'c1art', 'dumps/dam.txt', 1, 9, '2026-03-06T10:00:00+00:00')",
    "insert into statements (id, article_id, line, seq, speaker, side, cue, stance, kind, "
    "text, quote, date, date_precision, explain) values ('c1deny', 'c1art', 8, 0, "
    "'Piet Janssen', NULL, 'said', 'denies', 'direct', "
    "'“This story is a complete fabrication,” Janssen said on Tuesday.', "
    "'This story is a complete fabrication', '2026-03-03', 'day', '[]')",
    "insert into statements (id, article_id, line, seq, speaker, side, cue, stance, kind, "
    "text, quote, date, date_precision, explain) values ('c1assert', 'c1art', 5, 1, "
    "'Ana Flores', 'Ostland', 'told', 'asserts', 'direct', "
    "'“Our investigators found explosives residue on the dam’s northern wall,” Flores told "
    "reporters.', NULL, '2026-03-02', 'day', '[]')",
    "insert into statements (id, article_id, line, seq, speaker, cue, stance, kind, text, "
    "explain) values ('c1other', 'c1art', 9, 2, 'Independent engineers', 'said', 'doubts', "
    "'reported', 'Independent engineers said it was unclear whether the dam was sabotaged.', "
    "'[]')",
    "insert into claims (name, description, keywords, aliases, created_at) values "
    "('dam-sabotage', 'Westmark saboteurs blew up the Norvik dam', '[\"Norvik\", \"dam\"]', "
    "'[]', '2026-03-06T10:00:00+00:00')",
    "insert into links (claim, statement_id, score, how, reason) values "
    "('dam-sabotage', 'c1deny', 1.0, 'manual', 'linked by hand')",
    "insert into links (claim, statement_id, score, how, reason) values "
    "('dam-sabotage', 'c1assert', 0.8, 'auto', 'keywords')",
    "insert into links (claim, statement_id, score, how, reason) values "
    "('dam-sabotage', 'c1other', 1.0, 'rejected', 'unlinked by hand')",
    "insert into corrections (kind, subject, value, created_at) values "
    "('side', 'Piet Janssen', 'Westmark', '2026-03-06T10:00:00+00:00')",
    "insert into corrections (kind, subject, value, created_at) values "
    "('merge', 'Janssen', 'Piet Janssen', '2026-03-06T10:00:00+00:00')",
]


def old_schema_db(path: Path) -> None:
    """A database as the first release made it (migration 0001 only), with user work."""
    import sqlite_utils

    from claimtrack.db import migrations

    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m0002_full_text_search")
    assert [m.name for m in migrations.applied(db)] == ["m0001_initial"]
    assert "statements_fts" not in db.table_names()
    body = [[n, line] for n, line in enumerate(DAM.read_text(encoding="utf-8").splitlines(), 1)]
    text = "\n".join(line for _, line in body)
    with db.conn:
        db.conn.execute(OLD_DATA[0], [text, json.dumps(body, ensure_ascii=False)])
        for sql in OLD_DATA[1:]:
            db.conn.execute(sql)
    db.close()


def test_old_schema_database_upgrades_in_place_with_user_work_kept(tmp_path: Path) -> None:
    from claimtrack import db as dbmod
    from claimtrack import store

    path = tmp_path / "old.db"
    old_schema_db(path)
    before = snapshot(path)
    assert before["links"] and before["corrections"] and before["claims"]

    db = dbmod.connect(path)
    try:
        assert dbmod.schema_version(db) == dbmod.latest_version() >= 2
        assert [r["id"] for r in store.search(db, "fabrication")] == ["c1deny"]
        assert [r["id"] for r in store.search(db, "Flores")] == ["c1assert"]
        assert store.candidate_articles(db, ["Norvik dam"]) == ["c1art"]
    finally:
        db.close()
    integrity(path)
    assert snapshot(path) == before

    shown = json.loads(ok(inproc(path, "show", "dam-sabotage", "-f", "json")).stdout)
    how = {s["id"]: s["how"] for s in shown["statements"]}
    assert how == {"c1deny": "manual", "c1assert": "auto"}  # the manual unlink still holds
    denial = next(s for s in shown["statements"] if s["id"] == "c1deny")
    assert denial["side"] == "Westmark"  # the side correction applies
    speakers = json.loads(ok(inproc(path, "speakers", "-f", "json")).stdout)
    janssen = next(s for s in speakers if s["speaker"] == "Piet Janssen")
    assert janssen["aliases"] == ["Janssen"] and janssen["side"] == "Westmark"
    info = json.loads(ok(cli(path, "db", "info", "--format", "json")).stdout)[0]
    assert info["schema_version"] == info["latest_version"] == dbmod.latest_version()
    assert (info["articles"], info["statements"], info["claims"]) == (1, 3, 1)
    assert (info["links"], info["corrections"]) == (3, 2)


def test_database_from_a_newer_claimtrack_is_refused_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    ok(inproc(path, "ingest", str(DAM)))
    with reading(path) as conn, conn:
        conn.execute(
            "insert into _sqlite_migrations (migration_set, name, applied_at) "
            "values ('claimtrack', 'm9999_from_the_future', '2031-01-01 00:00:00')"
        )
    before = snapshot(path)
    for i, args in enumerate((["db", "info"], ["db", "info", "-f", "json"], ["ingest", str(DAM)],
                              ["show", "dam"], ["claim", "add", "x", "y"])):  # fmt: skip
        r = cli(path, *args) if i == 0 else inproc(path, *args)  # one real process is enough
        assert r.returncode == 1, (args, r.stderr)
        assert r.stdout == b""
        one_line_error(r.stderr, "newer claimtrack", "m9999_from_the_future")
    assert snapshot(path) == before


def test_db_info_json_shows_schema_version_and_counts(tmp_path: Path) -> None:
    from claimtrack import db as dbmod

    path = tmp_path / "info.db"
    ok(inproc(path, "ingest", str(DAM)))
    info = json.loads(ok(inproc(path, "db", "info", "--format", "json")).stdout)
    assert isinstance(info, list) and len(info) == 1
    row = info[0]
    assert row["schema_version"] == row["latest_version"] == dbmod.latest_version()
    assert row["articles"] == 1 and row["sources"] == 1
    assert row["statements"] == count(path, "statements")


def test_a_file_that_is_not_a_database_gives_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 200)
    before = path.read_bytes()
    r = cli(path, "ingest", str(DAM))
    assert r.returncode == 1
    one_line_error(r.stderr, str(path))
    assert path.read_bytes() == before


# ---------------------------------------------------------------------------------------
# hostile text

ESC = "\x1b"
CSI_C1 = "\x9b"
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# Everything a terminal acts on: C0 controls but tab and newline, DEL, C1 controls.
TERMINAL_CONTROLS = "".join(
    chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n"
)

MARKUP = ["[bold red]", "[blink]", "[/blink]", "[link=https://evil.example/]", "[/link]", "[/]"]
SQL_NAME = "'; DROP TABLE articles; --"
PATH_NAME = "../../etc/passwd"


def hostile_dump() -> str:
    """dam.txt with an attack in every line that ends up on screen."""
    return (
        "\n".join(
            [
                "Westmark rejects [link=https://evil.example/]claims[/link] that its agents blew up "
                "the Norvik dam \u202eevil\u202c\u2066 \x1b]8;;https://evil.example/\x07here\x1b]8;;\x07",
                "Published On 6 Mar 20266 Mar 2026",
                "Share",
                "Ostland accused Westmark on Monday of sending saboteurs to blow up the Norvik dam, a "
                "charge Westmark's government rejected as a [bold red]fabrication[/bold red]\x1b[2J.",
                "“Our investigators found [blink]explosives[/blink] residue\x1b[31m on the dam's "
                "northern wall\x9b1;1H\x07\x08\x7f,” Ostland Interior Minister Ana Flores told "
                "reporters on Monday.",
                "Recommended Stories",
                "list of 3 itemsend of list",
                "Westmark Foreign Minister Piet Janssen denied any involvement in the dam explosion. "
                "“This story is a complete fabrication\u202e\u2067\u200b\u2060\ufeff,” Janssen said "
                f"on Tuesday.\x1bP+q\x1b\\ {SQL_NAME} {PATH_NAME}",
                "Independent engineers said it was unclear whether the Norvik dam had been sabotaged "
                "at all. [/] \x1b[?1049h",
                "“<script>alert(1)</script><img src=x onerror=alert(2)> [click](javascript:alert(3)) "
                "is what they publish,” Ana Flores said on Friday.",
            ]
        )
        + "\n"
    )


def link_all(db: Path, claim: str) -> None:
    """Link every statement to ``claim`` by hand (in-process: quicker than one
    ``claimtrack link`` per statement)."""
    from claimtrack import db as dbmod
    from claimtrack import store

    conn = dbmod.connect(db)
    try:
        ids = [r[0] for r in conn.execute("select id from statements").fetchall()]
        with store.write_transaction(conn):
            for sid in ids:
                store.set_manual_link(conn, claim, sid, True)
    finally:
        conn.close()


def forbidden_in(text: str) -> list[str]:
    """Characters that act on a terminal or reorder text, found in ``text``."""
    return sorted({repr(c) for c in text if c in TERMINAL_CONTROLS or c in BIDI})


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("hostile")
    db = tmp_path / "hostile.db"
    src = tmp_path / f"{SQL_NAME}.txt"  # a file name that looks like SQL
    src.write_text(hostile_dump(), encoding="utf-8")
    ok(cli(db, "ingest", str(src)))
    ok(
        inproc(
            db, "claim", "add", "dam-sabotage", f"{DESCRIPTION} [blink]{SQL_NAME}\x1b[5m",
            "-k", "Norvik", "-k", "dam", "-a", f"{PATH_NAME} \u202eevil", "-a", "[link=x]y[/link]",
        )
    )  # fmt: skip
    statements = json.loads(ok(inproc(db, "statements", "-f", "json")).stdout)
    assert len(statements) >= 2
    link_all(db, "dam-sabotage")  # every statement on screen, whatever automatic linking did
    speaker = statements[0]["speaker"]
    ok(inproc(db, "speaker", "side", speaker, "\x1b[31mWestmark\u202e[bold]"))
    ok(inproc(db, "speaker", "side", SQL_NAME, PATH_NAME))
    ok(inproc(db, "speaker", "merge", PATH_NAME, f"{SQL_NAME}\x9b2J"))
    return db


def test_sql_and_path_like_claim_names_are_refused_cleanly(hostile_db: Path) -> None:
    before = snapshot(hostile_db)
    for name in (SQL_NAME, PATH_NAME, "[bold red]x[/bold red]", "a\x1b[2Jb"):
        r = inproc(hostile_db, "claim", "add", name, DESCRIPTION)
        assert r.returncode == 1
        line = one_line_error(r.stderr, "claim name")
        assert forbidden_in(line) == []  # the error repeats the name inertly too
    assert snapshot(hostile_db) == before
    integrity(hostile_db)


def test_hostile_text_is_stored_as_data_and_shown_inertly(hostile_db: Path) -> None:
    db = hostile_db
    integrity(db)
    snap = snapshot(db)
    subjects = {c[1] for c in snap["corrections"]}
    assert {SQL_NAME, PATH_NAME} <= subjects  # SQL-looking names are plain data
    article = json.loads(ok(inproc(db, "articles", "-f", "json")).stdout)[0]
    assert article["sources"][0]["path"].endswith(f"{SQL_NAME}.txt")
    stored = json.loads(ok(inproc(db, "article", article["id"], "-f", "json")).stdout)
    body = "\n".join(text for _, text in stored["body"])
    # storage keeps the text as it was: nothing stripped or "sanitised" away
    for payload in ("\x1b[31m", "\x9b1;1H", "\u202e\u2067", "[blink]explosives[/blink]", SQL_NAME):
        assert payload in body, repr(payload)

    views = {
        "show": ["show", "dam-sabotage"],
        "show-by-side": ["show", "dam-sabotage", "--by", "side"],
        "statements": ["statements"],
        "statements-explain": ["statements", "--explain"],
        "article": ["article", article["id"]],
        "articles": ["articles"],
        "claims": ["claims"],
        "speakers": ["speakers"],
    }
    shown = {}
    for name, args in views.items():
        r = ok(inproc(db, *args))
        shown[name] = out = r.stdout.decode("utf-8")
        assert forbidden_in(out) == [], name
        assert forbidden_in(r.stderr.decode("utf-8")) == [], name
    for name, tokens in {
        "show": ["[blink]", "[/blink]"],
        "article": ["[blink]", "[/blink]", "[link=https://evil.example/]", "[bold red]", "[/]"],
    }.items():
        out = shown[name]
        # markup is printed as the text it is, not interpreted
        for token in tokens:
            assert token in out, (name, token)
        assert "\\u001b" in out and "\\u202e" in out  # escapes are shown, visibly

    # Real processes: without colour no escape sequence at all; with colour forced,
    # rich's own styling (SGR) is the only escape sequence on screen.
    coloured = cli_env(db, FORCE_COLOR="1", TERM="xterm-256color")
    coloured.pop("NO_COLOR")
    names = ["show", "statements", "article"]
    plain_show, *runs = cli_many(db, [views["show"]]) + cli_many(
        db, [views[n] for n in names], coloured
    )
    assert forbidden_in(ok(plain_show).stdout.decode("utf-8")) == []
    assert "[blink]" in plain_show.stdout.decode("utf-8")
    for name, r in zip(names, runs, strict=True):
        out = ok(r).stdout.decode("utf-8")
        assert ESC in out  # colour is on
        plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
        assert forbidden_in(plain) == [], name
        assert "\x1b]8" not in out  # no hyperlinks smuggled in through [link=…]
        assert "[blink]" in plain

    integrity(db)
    assert snapshot(db) == snap  # reading never writes
    with reading(db) as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master")}
    assert {"articles", "statements", "claims", "links", "sources", "corrections"} <= tables


def test_search_treats_hostile_queries_as_words(hostile_db: Path) -> None:
    from claimtrack import db as dbmod
    from claimtrack import store
    from claimtrack.errors import ClaimtrackError

    db = dbmod.connect(hostile_db)
    try:
        before = store.counts(db)
        assert store.search(db, "fabrication")
        for query in (SQL_NAME, PATH_NAME, "[bold red]", "\x1b[2J", "NEAR(", "a OR", "*", '"'):
            try:
                rows = store.search(db, query)
            except ClaimtrackError as e:  # a clear error is fine, a crash or an effect is not
                assert "search" in str(e)
            else:
                assert isinstance(rows, list)
        assert store.counts(db) == before
    finally:
        db.close()
    integrity(hostile_db)


def cpu_limited(seconds: int) -> Any:
    """A preexec_fn: the process is killed (SIGXCPU) after ``seconds`` of CPU time, a
    budget that does not depend on how busy the machine is."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))

    return apply


@contextlib.contextmanager
def cpu_budget(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in this process after ``seconds`` of CPU time."""

    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError(f"more than {seconds} s of CPU")

    previous = signal.signal(signal.SIGVTALRM, expire)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


@pytest.mark.slow
def test_megabyte_line_is_ingested_in_bounded_time_stored_whole_and_shown(
    tmp_path: Path,
) -> None:
    db = tmp_path / "long.db"
    src = tmp_path / "long.txt"
    words = " ".join(f"word{i % 977}" for i in range(140_000))
    line = f"“{words}” Ana Flores said on Monday. [bold]" + ("x" * 1_000) + "\x1b[2J"
    assert len(line) > 1_000_000
    src.write_text(DAM.read_text(encoding="utf-8") + line + "\nThe end, officials said.\n")
    r = cli(db, "ingest", str(src), timeout=120, preexec_fn=cpu_limited(10))
    assert r.returncode != -signal.SIGXCPU, "ingesting one 1 MB line took over 10 s of CPU"
    ok(r)
    longest = 0
    for a in json.loads(ok(inproc(db, "articles", "-f", "json")).stdout):
        detail = json.loads(ok(inproc(db, "article", a["id"], "-f", "json")).stdout)
        longest = max([longest, *(len(text) for _, text in detail["body"])])
        shown = ok(inproc(db, "article", a["id"])).stdout.decode("utf-8")
        assert forbidden_in(shown) == []
    assert longest == len(line)  # stored whole, not cut
    integrity(db)


# Long lines of one shape each (scraped pages hold such debris: dotted leaders, "!!!",
# base64 blobs, runs of quotes). 100 KB each must take under 1 s of CPU (a tenth of
# that is typical) to cut into articles and extract; a quadratic pass takes minutes.
LONG_LINES = {
    "words": lambda n: " ".join(f"word{i % 977}" for i in range(n // 7)),
    "ellipses": lambda n: "… " * (n // 2),
    "base64": lambda n: ("QUJDRA+/" * 8 + "==") * (n // 66),
    "spaces": lambda n: "a" + " " * n + "b",
    "brackets": lambda n: "[" * n,
    "colons": lambda n: "a: " * (n // 3),
    "dots": lambda n: "." * n,
    "exclamations": lambda n: "!?" * (n // 2),
    "open-quotes": lambda n: "“" * n,
}
SENT_END_REASON = (
    "extract._SENT_END ([.!?…]+ … (?=\\s+[A-Z…])) backtracks from every position of a run "
    "of sentence punctuation that no capital follows: quadratic, 10 KB of dots take 2 s, "
    "100 KB minutes"
)


@pytest.mark.parametrize(
    "shape",
    [
        *(s for s in LONG_LINES if s not in ("dots", "exclamations", "open-quotes")),
        "dots",
        "exclamations",
        "open-quotes",
    ],
)
def test_long_line_of_one_shape_is_processed_in_bounded_time(shape: str) -> None:
    from claimtrack.extract import extract_statements
    from claimtrack.models import Article, Document
    from claimtrack.segment import split_articles

    extract_statements(Article("warm.txt", 1, 1, [(1, "Ana Flores said it was fine.")]))
    line = LONG_LINES[shape](100_000)
    doc = Document("long.txt", ["Westmark rejects claims", line, "The end, officials said."])
    with cpu_budget(1.0):
        articles = list(split_articles(doc))
        for article in articles:
            for st in extract_statements(article):
                assert st.line in {n for n, _ in article.body}
    assert any(n == 2 for a in articles for n, _ in a.body)


def test_deeply_nested_html_is_read_or_refused_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "deep.db"
    page = tmp_path / "deep.html"
    depth = 5_000
    page.write_text(
        "<html><head><title>Deep page</title></head><body>"
        + "<div>" * depth
        + "<p>Ana Flores said the Norvik dam was never at risk, officials confirmed on Monday "
        "after an inspection of the northern wall.</p>" + "</div>" * depth + "</body></html>\n",
        encoding="utf-8",
    )
    r = cli(db, "ingest", str(page), str(DAM), timeout=60)
    err = r.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in err, err
    assert r.returncode in (0, 1), err
    if r.returncode == 1:
        problems = [ln for ln in err.splitlines() if ln.startswith(("Error:", "Warning:"))]
        assert problems and all(str(page) in ln for ln in problems), err
    paths = {s["path"] for a in json.loads(ok(inproc(db, "articles", "-f", "json")).stdout)
             for s in a["sources"]}  # fmt: skip
    assert str(DAM) in paths  # the good file is stored whatever happened to the deep one
    integrity(db)


@pytest.mark.parametrize(
    "name",
    [
        "huge_floats.json",
        "huge_ints.json",
        "huge_ints.jsonl",
        "wrong_types.json",
        "wrong_types.jsonl",
    ],
)
def test_json_with_huge_numbers_or_wrong_types(tmp_path: Path, name: str) -> None:
    db = tmp_path / "json.db"
    src = HERE / name
    r = inproc(db, "ingest", str(src))  # a crash raises here, with its traceback
    err = r.stderr.decode("utf-8", errors="replace")
    assert r.returncode == 1, err  # the odd records are problems, reported
    problems = [ln for ln in err.splitlines() if ln.startswith(("Error:", "Warning:"))]
    assert problems
    for ln in problems:  # each names the file and the line
        assert re.match(rf"(Error|Warning): {re.escape(str(src))}:\d+: \S", ln), ln
    titles = [a["title"] for a in json.loads(ok(inproc(db, "articles", "-f", "json")).stdout)]
    assert "Good record" in titles
    integrity(db)


def test_json_dated_at_the_ends_of_the_calendar_is_ingested(tmp_path: Path) -> None:
    db = tmp_path / "ancient.db"
    src = HERE / "ancient_dates.json"
    r = inproc(db, "ingest", str(src))  # a crash raises here, with its traceback
    assert r.returncode in (0, 1), r.stderr
    for ln in r.stderr.decode("utf-8").splitlines():
        if ln.startswith(("Error:", "Warning:")):
            assert str(src) in ln, ln
    titles = {a["title"] for a in json.loads(ok(inproc(db, "articles", "-f", "json")).stdout)}
    assert {"Good record", "Last day"} <= titles
    for st_ in json.loads(ok(inproc(db, "statements", "-f", "json")).stdout):
        assert st_["date"] is None or dt.date.fromisoformat(st_["date"])
    integrity(db)


@pytest.mark.parametrize("query", ["fabrication [/]", "fabrication \x1b[", "fabrication \x1b"])
def test_search_shows_the_query_inertly(hostile_db: Path, query: str) -> None:
    r = inproc(hostile_db, "search", query)  # a crash raises here
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode("utf-8")
    assert "fabrication" in out.lower()
    assert forbidden_in(out) == []


@pytest.mark.parametrize(
    "fmt",
    [
        "html",
        "svg",
        "markdown",
    ],
)
def test_document_formats_show_hostile_text_inertly(hostile_db: Path, fmt: str) -> None:
    out = ok(inproc(hostile_db, "show", "dam-sabotage", "-f", fmt)).stdout.decode("utf-8")
    assert "fabrication" in out
    assert forbidden_in(out) == []
    for tag in ("<script>", "<img src=x"):
        assert tag not in out, tag  # article text never becomes markup of the page


# ---------------------------------------------------------------------------------------
# resource faults


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make ``path`` (a file or a directory) unwritable, even for root: chmod, and
    where chmod does not bind (root) the immutable attribute. Skips the test when
    neither can be had."""
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    immutable = False
    try:
        if os.access(path, os.W_OK):  # root ignores permissions
            r = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
            if r.returncode != 0:
                pytest.skip("running as root and chattr +i is not available: cannot make "
                            "a read-only file")  # fmt: skip
            immutable = True
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(mode)


def limited_file_size(limit: int) -> Any:
    """A preexec_fn: writes past ``limit`` bytes fail (EFBIG), as on a full disk."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write, not the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


WRITE_STORAGE_REASON = (
    "store.write_transaction translates sqlite errors only from BEGIN and COMMIT; an "
    "OperationalError raised by a statement inside the transaction (read-only database, "
    "disk full, I/O error) is re-raised as is and the CLI prints a traceback"
)


def test_read_only_database_file_gives_one_line_error_and_stays_unchanged(
    tmp_path: Path,
) -> None:
    db = tmp_path / "ro.db"
    ok(inproc(db, "ingest", str(DAM)))
    ok(inproc(db, "claim", "add", "dam-sabotage", DESCRIPTION, "-k", "Norvik"))
    gc.collect()  # close the in-process connections, as a finished process would
    assert not Path(f"{db}-wal").exists()
    other = make_corpus(tmp_path / "more", 1)
    before, raw = snapshot(db), db.read_bytes()
    with read_only(db):
        reader, *writes = cli_many(
            db,
            [
                ["articles", "-f", "json"],
                ["ingest", *other],
                ["claim", "add", "other", "Ostland flooded its own valley"],
                ["speaker", "side", "Ana Flores", "Ostland"],
            ],
        )
    assert reader.returncode == 0 and json.loads(reader.stdout)  # reading still works
    for r in writes:
        assert r.returncode == 1
        one_line_error(r.stderr, "read-only")
    assert db.read_bytes() == raw
    assert snapshot(db) == before
    integrity(db)


def test_read_only_directory_gives_clear_one_line_error(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    db = folder / "ro.db"
    ok(cli(db, "ingest", str(DAM)))  # a real process: it closes the database, -wal and all
    assert not Path(f"{db}-wal").exists()
    before, raw = snapshot(db), db.read_bytes()
    with read_only(folder):
        r = cli(db, "ingest", *make_corpus(tmp_path / "more", 1))
    assert r.returncode == 1
    line = one_line_error(r.stderr, str(db))
    assert "not a usable" not in line
    assert re.search(r"read-only|readonly|permission|cannot write", line, re.I), line
    assert db.read_bytes() == raw
    assert snapshot(db) == before
    integrity(db)


def test_full_database_rolls_the_file_back(tmp_path: Path) -> None:
    """Library level: ``PRAGMA max_page_count`` just above the current size makes the
    next file's transaction fail half way; nothing of that file stays."""
    from claimtrack import db as dbmod
    from claimtrack.errors import ClaimtrackError
    from claimtrack.ingest import ingest

    path = tmp_path / "full.db"
    big = tmp_path / "big.txt"
    corpus = make_corpus(tmp_path / "parts", 40)
    big.write_text("".join(Path(p).read_text(encoding="utf-8") for p in corpus), encoding="utf-8")
    ok(inproc(path, "ingest", str(DAM)))
    before = snapshot(path)
    db = dbmod.connect(path)
    try:
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages + 2}")
        with pytest.raises((ClaimtrackError, sqlite3.Error)) as caught:
            ingest(db, [str(big)])
        assert "full" in str(caught.value).lower()
        assert not db.conn.in_transaction
        assert db.execute("select count(*) from articles").fetchone()[0] == 1
    finally:
        db.close()
    integrity(path)
    assert snapshot(path) == before
    ok(inproc(path, "ingest", "--quiet", str(big)))  # with room again, the file goes in whole
    assert count(path, "articles") > 1
    integrity(path)


def test_disk_full_during_ingest_gives_one_line_error_and_keeps_database(tmp_path: Path) -> None:
    """CLI level: a file-size limit (RLIMIT_FSIZE) makes writes fail as on a full disk."""
    db = tmp_path / "disk.db"
    big = tmp_path / "big.txt"
    corpus = make_corpus(tmp_path / "parts", 100)
    big.write_text("".join(Path(p).read_text(encoding="utf-8") for p in corpus), encoding="utf-8")
    ok(inproc(db, "ingest", str(DAM)))
    before = snapshot(db)
    r = cli(db, "ingest", str(big), preexec_fn=limited_file_size(256 * 1024))
    assert r.returncode == 1
    one_line_error(r.stderr)
    integrity(db)
    assert snapshot(db) == before
    ok(inproc(db, "ingest", "--quiet", str(big)))
    integrity(db)


def test_stdin_killed_half_way_leaves_database_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "stdin.db"
    ok(inproc(db, "ingest", str(DAM)))
    before = snapshot(db)
    half = make_corpus(tmp_path / "half", 1)[0]
    text = Path(half).read_text(encoding="utf-8")
    proc = spawn(db, "ingest", "-", stdin=subprocess.PIPE)
    assert proc.stdin is not None
    try:
        proc.stdin.write(text[: len(text) // 2].encode())
        proc.stdin.flush()
        wait_until_open(proc, db)
        time.sleep(0.3)  # reading stdin, mid-article
        assert proc.poll() is None
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    integrity(db)
    assert snapshot(db) == before
    ok(cli(db, "ingest", "-", input=text.encode()))  # and the next run is not blocked
    assert count(db, "articles") > 1


def test_stdin_closed_half_way_stores_what_was_read_consistently(tmp_path: Path) -> None:
    db = tmp_path / "stdin.db"
    ref = tmp_path / "ref.db"
    half = make_corpus(tmp_path / "half", 1)[0]
    text = Path(half).read_text(encoding="utf-8")
    cut = text[: len(text) // 2].rsplit(" ", 1)[0]  # ends mid-sentence, no newline
    (tmp_path / "cut.txt").write_text(cut, encoding="utf-8")
    proc = spawn(db, "ingest", "-", stdin=subprocess.PIPE)
    assert proc.stdin is not None
    proc.stdin.write(cut.encode())
    proc.stdin.flush()
    time.sleep(0.3)
    _, err = proc.communicate(timeout=60)  # closes stdin: the scraper upstream died
    assert proc.returncode == 0, err.decode(errors="replace")
    integrity(db)
    ok(inproc(ref, "ingest", str(tmp_path / "cut.txt")))
    got, want = snapshot(db), snapshot(ref)
    assert got["articles"] == want["articles"]  # what was read is stored as a file would be
    assert got["statements"] == want["statements"]


# ---------------------------------------------------------------------------------------
# backup


def test_export_db_import_db_restores_user_work_into_a_rebuilt_database(tmp_path: Path) -> None:
    db = tmp_path / "work.db"
    corpus = make_corpus(tmp_path / "dumps", 3)
    ok(inproc(db, "ingest", "--quiet", str(DAM), *corpus))
    ok(inproc(db, "claim", "add", "dam-sabotage", DESCRIPTION, "-k", "Norvik", "-k", "dam",
           "-a", "the Norvik dam was blown up"))  # fmt: skip
    ok(inproc(db, "claim", "add", "harbour", "Officials damaged the harbour", "-k", "harbour"))
    statements = json.loads(ok(inproc(db, "statements", "-f", "json")).stdout)
    shown = json.loads(ok(inproc(db, "show", "dam-sabotage", "-f", "json")).stdout)["statements"]
    linked = {s["id"] for s in shown}
    unlinked = [s["id"] for s in statements if s["id"] not in linked]
    assert linked and unlinked
    ok(inproc(db, "link", "dam-sabotage", unlinked[0]))  # manual link
    ok(inproc(db, "unlink", "dam-sabotage", sorted(linked)[0]))  # manual unlink
    ok(inproc(db, "speaker", "side", statements[0]["speaker"], "Nowhere"))
    ok(inproc(db, "speaker", "merge", statements[1]["speaker"], "Somebody Else"))

    backup = ok(cli(db, "export-db")).stdout.decode("utf-8")
    records = [json.loads(line) for line in backup.splitlines() if line.strip()]
    by_type: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_type.setdefault(r["type"], []).append(r)
    assert {c["name"] for c in by_type["claim"]} == {"dam-sabotage", "harbour"}
    hows = {link["how"] for link in by_type["link"]}
    assert {"manual", "rejected"} <= hows and "auto" in hows
    for link in by_type["link"]:
        assert {"claim", "statement_id", "score", "how", "reason"} <= set(link)
    assert {(c["kind"], c["subject"]) for c in by_type["correction"]} == {
        ("side", statements[0]["speaker"]),
        ("merge", statements[1]["speaker"]),
    }

    # rebuild from the articles, in another order, then restore
    rebuilt = tmp_path / "rebuilt.db"
    ok(inproc(rebuilt, "ingest", "--quiet", *reversed(corpus), str(DAM)))
    (tmp_path / "backup.jsonl").write_text(backup, encoding="utf-8")
    ok(cli(rebuilt, "import-db", str(tmp_path / "backup.jsonl")))
    for args in (
        ["show", "dam-sabotage", "-f", "json"],
        ["show", "harbour", "-f", "json"],
        ["claims", "-f", "json"],
        ["speakers", "-f", "json"],
    ):
        assert json.loads(ok(inproc(rebuilt, *args)).stdout) == json.loads(
            ok(inproc(db, *args)).stdout
        ), args
    before, after = snapshot(db), snapshot(rebuilt)
    for key in ("claims", "links", "corrections"):
        assert after[key] == before[key], key
    # importing twice changes nothing; a re-export is the same backup
    ok(inproc(rebuilt, "import-db", str(tmp_path / "backup.jsonl")))
    assert snapshot(rebuilt)["links"] == before["links"]
    again = [json.loads(line) for line in ok(inproc(rebuilt, "export-db")).stdout.splitlines()]
    key = lambda r: json.dumps(r, sort_keys=True)  # noqa: E731
    assert sorted(again, key=key) == sorted(records, key=key)


def test_import_db_of_a_broken_backup_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "work.db"
    ok(inproc(db, "ingest", "--quiet", str(DAM)))
    ok(inproc(db, "claim", "add", "dam-sabotage", DESCRIPTION, "-k", "Norvik"))
    before = snapshot(db)
    broken = tmp_path / "broken.jsonl"
    broken.write_text(
        '{"type": "claim", "name": "new-claim", "description": "A new claim"}\n'
        '{"type": "correction", "kind": "side", "subject": "Ana Flores", "value": "X"}\n'
        '{"type": "link", "claim": "new-claim", "statement_id"\n',
        encoding="utf-8",
    )
    r = cli(db, "import-db", str(broken))
    assert r.returncode == 1
    one_line_error(r.stderr, str(broken), ":3")
    assert snapshot(db) == before

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
import json
import os
import random
import re
import resource
import shutil
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


CORPUS_FILES = 300


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Path]:
    """300 dump files and a database holding a clean, sequential ingest of them all."""
    base = tmp_path_factory.mktemp("corpus")
    paths = make_corpus(base / "dumps", CORPUS_FILES)
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
def test_two_ingests_at_once_both_succeed_without_duplicates(
    tmp_path: Path, corpus: tuple[list[str], Path]
) -> None:
    paths, ref = corpus
    first, second = paths[:200], paths[100:]  # 100 files in both
    db = tmp_path / "shared.db"
    ok(cli(db, "db", "info"))
    procs = [spawn(db, "ingest", "--quiet", *files) for files in (first, second)]
    outputs = [p.communicate(timeout=180) for p in procs]
    for p, (out, err) in zip(procs, outputs, strict=True):
        assert_clean_exit(p, out, err)

    integrity(db)
    wanted_paths = set(first) | set(second)
    expected = sources_by_path(snapshot(ref))
    got_snap = snapshot(db)
    got = sources_by_path(got_snap)
    assert set(got) == wanted_paths
    for path in wanted_paths:
        assert got[path] == expected[path], path
    articles = {a for rows in got.values() for a, *_ in rows}
    assert len(got_snap["articles"]) == len(articles)  # no article twice
    assert len(got_snap["sources"]) == sum(len(expected[p]) for p in wanted_paths)


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
@pytest.mark.xfail(
    reason="db.connect: a process opening a database while another applies its migrations "
    "applies them again and dies with a traceback (IntegrityError on _sqlite_migrations, or "
    "'cannot upgrade the database (database is locked)') instead of waiting for them",
    strict=True,
)
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
        out, err = migrator.communicate(timeout=60)
    finally:
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
def test_readers_work_during_an_ingest(tmp_path: Path, corpus: tuple[list[str], Path]) -> None:
    paths, _ = corpus
    db = tmp_path / "busy.db"
    ok(cli(db, "ingest", "--quiet", str(DAM)))
    ok(cli(db, "claim", "add", "dam-sabotage", DESCRIPTION, "-k", "Norvik", "-k", "dam"))
    writer = spawn(db, "ingest", "--quiet", *paths)
    during = 0
    try:
        wait_for_rows(db, "sources", writer, at_least=2)
        for command in (["show", "dam-sabotage", "-f", "json"], ["articles", "-f", "json"]) * 2:
            r = cli(db, *command, timeout=60)
            assert r.returncode == 0, r.stderr.decode(errors="replace")
            assert b"locked" not in r.stderr
            json.loads(r.stdout)
            if writer.poll() is None:
                during += 1
        table = cli(db, "show", "dam-sabotage")
        assert table.returncode == 0 and b"dam-sabotage" in table.stdout
    finally:
        out, err = writer.communicate(timeout=180)
    assert_clean_exit(writer, out, err)
    assert during >= 1, "no reader ran while the ingest was writing"


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
        time.sleep(1.0)  # the slow ingest has started and is waiting for more input
        assert slow.poll() is None
        other = make_corpus(tmp_path / "other", 2)
        try:
            r = cli(db, "ingest", "--quiet", *other, timeout=5)
        except subprocess.TimeoutExpired:
            pytest.fail("a second ingest waited for the stdin ingest's write lock")
        assert r.returncode == 0, r.stderr.decode(errors="replace")
        slow.stdin.write("".join(lines[4:]).encode())
        slow.stdin.close()
        out, err = slow.communicate(timeout=60)
    finally:
        slow.kill()
        slow.communicate()
    assert slow.returncode == 0, err.decode(errors="replace")
    integrity(db)
    assert count(db, "articles") >= 3

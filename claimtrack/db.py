"""The database: opening it and its schema, in one place.

The schema is a list of numbered migrations (sqlite-utils ``Migrations``), each run
in its own transaction and recorded in ``_sqlite_migrations``. Applied migrations are
never edited; a change is a new migration appended at the end. The first migration is
one readable DDL string, in the style of datasette's internal database.

Opening a database puts it in WAL mode with a busy timeout, so a reader can run while
an ingest writes and two writers wait for each other instead of failing.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from .errors import SchemaError

DEFAULT_DB = "claimtrack.db"
ENV_VAR = "CLAIMTRACK_DB"
BUSY_TIMEOUT_MS = 60_000

migrations = Migrations("claimtrack")

SCHEMA_0001 = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,               -- content hash of the normalised body text
    title TEXT,
    published TEXT,                    -- ISO date, NULL when unknown
    published_source TEXT,             -- text | metadata | inferred | NULL
    published_precision TEXT,          -- day | month | year | NULL
    outlet TEXT,
    url TEXT,
    text TEXT NOT NULL,                -- body used for extraction, boilerplate removed
    body TEXT NOT NULL,                -- JSON [[line, text], ...]: body with original line numbers
    sketch TEXT,                       -- JSON list of shingle hashes (near-duplicate detection)
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sources (
    id TEXT PRIMARY KEY,               -- hash of (path, start_line, end_line, article)
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    path TEXT NOT NULL,                -- file path, '-' for stdin
    start_line INTEGER NOT NULL,       -- first and last line of the article in that file
    end_line INTEGER NOT NULL,
    url TEXT,
    duplicate TEXT,                    -- NULL for the first copy, 'exact' or 'near' for later ones
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sources_article ON sources(article_id);
CREATE TABLE IF NOT EXISTS sketches (  -- inverted index of article sketches
    hash INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS sketches_hash ON sketches(hash);
CREATE TABLE IF NOT EXISTS statements (
    id TEXT PRIMARY KEY,               -- hash of (article, line, text): stable across re-extraction
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    line INTEGER NOT NULL,             -- 1-based line of the original file where text starts
    seq INTEGER NOT NULL,              -- order of the statement in its article
    speaker TEXT NOT NULL,
    role TEXT,
    side TEXT,
    cue TEXT NOT NULL,
    stance TEXT NOT NULL CHECK (stance IN ('asserts','denies','doubts','retracts','confirms')),
    kind TEXT NOT NULL,                -- direct | reported | according_to | nominal
    text TEXT NOT NULL,
    quote TEXT,
    date TEXT,
    date_precision TEXT,
    explain TEXT                       -- JSON list of reasons
);
CREATE INDEX IF NOT EXISTS statements_article ON statements(article_id);
CREATE INDEX IF NOT EXISTS statements_speaker ON statements(speaker);
CREATE TABLE IF NOT EXISTS claims (
    name TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    keywords TEXT NOT NULL DEFAULT '[]',   -- JSON list
    aliases TEXT NOT NULL DEFAULT '[]',    -- JSON list
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS links (
    claim TEXT NOT NULL REFERENCES claims(name) ON DELETE CASCADE ON UPDATE CASCADE,
    statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    score REAL NOT NULL,
    how TEXT NOT NULL CHECK (how IN ('auto','manual','rejected')),  -- rejected = manual unlink
    reason TEXT,
    PRIMARY KEY (claim, statement_id)
);
CREATE INDEX IF NOT EXISTS links_statement ON links(statement_id);
CREATE TABLE IF NOT EXISTS corrections (  -- user corrections, kept across re-ingest
    kind TEXT NOT NULL,                -- 'side' (speaker -> side) | 'merge' (speaker -> canonical)
    subject TEXT NOT NULL,
    value TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (kind, subject)
);
"""


@migrations()
def m0001_initial(db: sqlite_utils.Database) -> None:
    run_ddl(db, SCHEMA_0001)


def run_ddl(db: sqlite_utils.Database, script: str) -> None:
    """Run DDL statement by statement (``executescript`` would COMMIT the migration's
    transaction half way); ``sqlite3.complete_statement`` keeps triggers whole."""
    buffer = ""
    for line in script.splitlines():
        buffer += line.split("--", 1)[0] + "\n"
        if sqlite3.complete_statement(buffer):
            db.execute(buffer)
            buffer = ""
    if buffer.strip():
        db.execute(buffer)


SCHEMA_0002 = """
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS articles_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5(
    speaker, text, content='statements', content_rowid='rowid',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS statements_fts_ai AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts (rowid, speaker, text) VALUES (new.rowid, new.speaker, new.text);
END;
CREATE TRIGGER IF NOT EXISTS statements_fts_ad AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, speaker, text)
    VALUES ('delete', old.rowid, old.speaker, old.text);
END;
"""


@migrations()
def m0002_full_text_search(db: sqlite_utils.Database) -> None:
    """FTS5 over articles and statements, kept in step by triggers (search, and
    finding candidate articles when a claim is added)."""
    run_ddl(db, SCHEMA_0002)
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
    db.execute("INSERT INTO statements_fts (statements_fts) VALUES ('rebuild')")


SCHEMA_0003 = """
-- For users of sqlite3 and Datasette: one row per linked statement, as `show` lists them.
CREATE VIEW IF NOT EXISTS timeline AS
SELECT l.claim, s.date, s.date_precision,
       coalesce(m.value, s.speaker) AS speaker,
       coalesce(sd.value, sd2.value, s.side) AS side,
       s.stance, s.cue, s.text, s.quote, l.score, l.how, l.reason,
       a.title, a.published, src.path, s.line AS line,
       s.id AS statement_id, a.id AS article_id
FROM links l
JOIN statements s ON s.id = l.statement_id
JOIN articles a ON a.id = s.article_id
JOIN (SELECT article_id, min(rowid) AS first FROM sources GROUP BY article_id) f ON f.article_id = a.id
JOIN sources src ON src.rowid = f.first
LEFT JOIN corrections m ON m.kind = 'merge' AND m.subject = s.speaker
LEFT JOIN corrections sd ON sd.kind = 'side' AND sd.subject = m.value
LEFT JOIN corrections sd2 ON sd2.kind = 'side' AND sd2.subject = s.speaker
WHERE l.how != 'rejected'
ORDER BY l.claim, s.date IS NULL, s.date, src.path, line;
CREATE VIEW IF NOT EXISTS claim_stances AS
SELECT claim, stance, count(*) AS statements FROM timeline GROUP BY claim, stance;
"""


@migrations()
def m0003_sql_views(db: sqlite_utils.Database) -> None:
    """Views for querying the database directly: ``timeline``, ``claim_stances``."""
    run_ddl(db, SCHEMA_0003)


def latest_version() -> int:
    return len(_known())


def _known() -> list[str]:
    return [m.name for m in migrations._migrations]  # no public accessor for the list


def resolve_path(path: str | os.PathLike[str] | None) -> str:
    """``--db`` wins, then ``$CLAIMTRACK_DB``, then ``claimtrack.db`` here."""
    if path:
        return os.fspath(path)
    return os.environ.get(ENV_VAR) or DEFAULT_DB


def connect(
    path: str | os.PathLike[str] | None = None, *, migrate: bool = True
) -> sqlite_utils.Database:
    """Open (and create or upgrade) the database at ``path``.

    >>> db = connect(":memory:")
    >>> "articles" in db.table_names()
    True
    """
    target = resolve_path(path)
    if target != ":memory:":
        parent = Path(target).resolve().parent
        if not parent.is_dir():
            raise SchemaError(f"{target}: directory {parent} does not exist")
    try:
        conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        if target != ":memory:":
            mode = db.execute("PRAGMA journal_mode").fetchone()[0]
            if mode != "wal":
                try:
                    db.execute("PRAGMA journal_mode = WAL")
                except sqlite3.OperationalError:
                    pass  # a read-only file: the error comes with the first write
        db.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as e:
        if "unable to open" in str(e) and Path(target).exists():
            raise SchemaError(
                f"{target}: cannot open the database: its directory is read-only or not writable "
                "(SQLite keeps -wal and -shm files beside it)"
            ) from e
        raise SchemaError(f"{target}: not a usable SQLite database ({e})") from e
    if migrate:
        check_version(db, target)
        if migrations.pending(db):
            _migrate(db, target)
    return db


def _migrate(db: sqlite_utils.Database, target: str) -> None:
    """Apply pending migrations holding the write lock, so that two processes opening
    a database at once do not both migrate it: the second finds nothing pending."""
    conn = db.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
        check_version(db, target)
        if migrations.pending(db):
            migrations.apply(db)  # each migration a savepoint inside this transaction
        conn.execute("COMMIT")
    except sqlite3.OperationalError as e:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise SchemaError(f"{target}: cannot upgrade the database ({e})") from e
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _applied(db: sqlite_utils.Database) -> list[str]:
    return [m.name for m in migrations.applied(db)]


def check_version(db: sqlite_utils.Database, target: str = "") -> None:
    """Refuse a database that a newer claimtrack has migrated further than we know."""
    known = set(_known())
    unknown = [name for name in _applied(db) if name not in known]
    if unknown:
        raise SchemaError(
            f"{target or 'database'}: made by a newer claimtrack (migration {unknown[-1]!r}); "
            "upgrade claimtrack to use it"
        )


def schema_version(db: sqlite_utils.Database) -> int:
    return len(_applied(db))

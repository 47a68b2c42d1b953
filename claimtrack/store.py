"""All SQL lives here: writing articles, statements, claims and links, and the queries
behind every view.

Writers take the write lock up front (``BEGIN IMMEDIATE``) so that two ingests wait
for each other instead of failing half way, and every file is written in one
transaction: it is stored whole or not at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from .errors import ClaimtrackError, NotFoundError
from .models import Article, Claim, Statement, content_id

SKETCH_POSTINGS_CAP = 20  # articles a shingle hash is indexed for, at most


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction holding the write lock from its start."""
    conn = db.conn
    if conn.in_transaction:  # nested: a savepoint inside the outer transaction
        with db.atomic():
            yield db
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as e:
        raise _storage_error(e) from e
    try:
        yield db
    except sqlite3.OperationalError as e:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise _storage_error(e) from e
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.OperationalError as e:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise _storage_error(e) from e


def _storage_error(e: sqlite3.Error) -> ClaimtrackError:
    message = str(e)
    if "readonly" in message or "read-only" in message:
        return ClaimtrackError(f"the database is read-only ({message}); nothing was written")
    if "full" in message:
        return ClaimtrackError(f"the disk or database is full ({message}); nothing was written")
    if "locked" in message or "busy" in message:
        return ClaimtrackError(
            f"the database stayed locked by another process ({message}); try again"
        )
    return ClaimtrackError(f"database error: {message}")


# -- articles -----------------------------------------------------------------


def find_article(
    db: sqlite_utils.Database, art_id: str, sketch: Sequence[int], min_shared: int, accept
) -> tuple[str, str] | None:
    """An already stored article equal to this one: ``(id, 'exact'|'near')``."""
    if db.execute("select 1 from articles where id = ?", [art_id]).fetchone():
        return art_id, "exact"
    if not sketch:
        return None
    placeholders = ",".join("?" * len(sketch))
    rows = db.execute(
        "select c.article_id, a.sketch from ("
        f"select article_id, count(*) as n from sketches where hash in ({placeholders}) "
        "group by article_id having n >= ? order by n desc limit 5"
        ") c join articles a on a.id = c.article_id order by c.n desc",
        [*sketch, min_shared],
    ).fetchall()
    for other_id, stored in rows:
        if accept(json.loads(stored or "[]")):
            return other_id, "near"
    return None


def insert_article(
    db: sqlite_utils.Database, art_id: str, article: Article, sketch: Sequence[int]
) -> None:
    db.execute(
        "insert into articles (id, title, published, published_source, published_precision, "
        "outlet, url, text, body, sketch, ingested_at) values (?,?,?,?,?,?,?,?,?,?,?)",
        [
            art_id,
            article.title,
            article.published,
            article.published_source,
            article.published_precision,
            article.outlet,
            article.url,
            article.text,
            json.dumps(article.body, ensure_ascii=False),
            json.dumps(list(sketch)),
            now(),
        ],
    )
    if sketch:
        # A shingle already in many articles is boilerplate, not evidence of a copy:
        # leaving it out keeps every posting list short, so duplicate lookups stay
        # constant-time as the corpus grows.
        placeholders = ",".join("?" * len(sketch))
        common = {
            h
            for h, n in db.execute(
                f"select hash, count(*) from sketches where hash in ({placeholders}) group by hash",
                list(sketch),
            ).fetchall()
            if n >= SKETCH_POSTINGS_CAP
        }
        db.conn.executemany(
            "insert into sketches (hash, article_id) values (?, ?)",
            [(h, art_id) for h in sketch if h not in common],
        )


def add_source(
    db: sqlite_utils.Database, art_id: str, article: Article, duplicate: str | None
) -> bool:
    """Record where an article was read. False if that exact source was known."""
    source_id = content_id("source", article.path, article.start_line, article.end_line, art_id)
    cur = db.execute(
        "insert or ignore into sources (id, article_id, path, start_line, end_line, url, "
        "duplicate, ingested_at) values (?,?,?,?,?,?,?,?)",
        [
            source_id,
            art_id,
            article.path,
            article.start_line,
            article.end_line,
            article.url,
            duplicate,
            now(),
        ],
    )
    return cur.rowcount > 0


def statement_id(art_id: str, st: Statement) -> str:
    return content_id("statement", art_id, st.line, st.text, st.speaker)


def insert_statements(
    db: sqlite_utils.Database, art_id: str, statements: Sequence[Statement]
) -> list[str]:
    ids = []
    rows = []
    for seq, st in enumerate(statements):
        sid = statement_id(art_id, st)
        ids.append(sid)
        rows.append(
            (
                sid,
                art_id,
                st.line,
                seq,
                st.speaker,
                st.role,
                st.side,
                st.cue,
                st.stance.value,
                st.kind,
                st.text,
                st.quote,
                st.date,
                st.date_precision,
                json.dumps(st.explain, ensure_ascii=False),
            )
        )
    db.conn.executemany(
        "insert or ignore into statements (id, article_id, line, seq, speaker, role, side, cue, "
        "stance, kind, text, quote, date, date_precision, explain) "
        "values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    return ids


# -- claims -------------------------------------------------------------------


def _claim_from_row(row: dict[str, Any]) -> Claim:
    return Claim(
        name=row["name"],
        description=row["description"],
        keywords=json.loads(row["keywords"] or "[]"),
        aliases=json.loads(row["aliases"] or "[]"),
    )


def upsert_claim(db: sqlite_utils.Database, claim: Claim) -> bool:
    """Insert or update a claim; True if anything changed."""
    existing = db.execute("select * from claims where name = ?", [claim.name]).fetchone()
    values = [
        claim.description,
        json.dumps(claim.keywords, ensure_ascii=False),
        json.dumps(claim.aliases, ensure_ascii=False),
    ]
    if existing is None:
        db.execute(
            "insert into claims (name, description, keywords, aliases, created_at) "
            "values (?,?,?,?,?)",
            [claim.name, *values, now()],
        )
        return True
    if list(existing[1:4]) == values:
        return False
    db.execute(
        "update claims set description = ?, keywords = ?, aliases = ? where name = ?",
        [*values, claim.name],
    )
    return True


def delete_claim(db: sqlite_utils.Database, name: str) -> None:
    cur = db.execute("delete from claims where name = ?", [name])
    if cur.rowcount == 0:
        raise NotFoundError(f"no claim named {name!r}")


def claims(db: sqlite_utils.Database) -> list[Claim]:
    return [_claim_from_row(r) for r in db.query("select * from claims order by name")]


def claim_counts(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every claim with its number of linked statements per stance."""
    rows = []
    for claim in claims(db):
        counts = {
            r["stance"]: r["n"]
            for r in db.query(
                "select s.stance, count(*) as n from links l join statements s "
                "on s.id = l.statement_id where l.claim = ? and l.how != 'rejected' "
                "group by s.stance",
                [claim.name],
            )
        }
        rows.append(
            {
                "name": claim.name,
                "description": claim.description,
                "keywords": claim.keywords,
                "aliases": claim.aliases,
                "statements": sum(counts.values()),
                **{
                    stance: counts.get(stance, 0)
                    for stance in ("asserts", "denies", "doubts", "retracts", "confirms")
                },
            }
        )
    return rows


# -- links --------------------------------------------------------------------


@dataclass
class LinkRow:
    claim: str
    statement_id: str
    score: float
    reason: str


def save_auto_links(db: sqlite_utils.Database, links: Iterable[LinkRow]) -> int:
    """Store automatic links; manual links and manual unlinks are never overwritten.
    Returns the number of links inserted or updated."""
    cur = db.conn.executemany(
        "insert into links (claim, statement_id, score, how, reason) values (?,?,?,'auto',?) "
        "on conflict(claim, statement_id) do update set score = excluded.score, "
        "reason = excluded.reason where links.how = 'auto'",
        ((link.claim, link.statement_id, round(link.score, 3), link.reason) for link in links),
    )
    return max(0, cur.rowcount)


def clear_auto_links(db: sqlite_utils.Database, claim: str) -> None:
    db.execute("delete from links where claim = ? and how = 'auto'", [claim])


def set_manual_link(db: sqlite_utils.Database, claim: str, statement: str, linked: bool) -> None:
    if not db.execute("select 1 from claims where name = ?", [claim]).fetchone():
        raise NotFoundError(f"no claim named {claim!r}")
    sid = resolve_statement_id(db, statement)
    how = "manual" if linked else "rejected"
    db.execute(
        "insert into links (claim, statement_id, score, how, reason) values (?,?,1.0,?,?) "
        "on conflict(claim, statement_id) do update set how = excluded.how, "
        "score = excluded.score, reason = excluded.reason",
        [claim, sid, how, "linked by hand" if linked else "unlinked by hand"],
    )


def resolve_statement_id(db: sqlite_utils.Database, prefix: str) -> str:
    rows = db.execute(
        "select id from statements where id like ? limit 2", [prefix.replace("%", "") + "%"]
    ).fetchall()
    if not rows:
        raise NotFoundError(f"no statement with id {prefix!r}")
    if len(rows) > 1:
        raise NotFoundError(f"statement id {prefix!r} is ambiguous; give more characters")
    return str(rows[0][0])


# -- reads for linking --------------------------------------------------------


def statements_with_context(
    db: sqlite_utils.Database, article_ids: Sequence[str] | None = None
) -> Iterator[tuple[dict[str, Any], list[list[Any]], str | None]]:
    """(statement, article body, article title) for the given articles (all if None)."""
    if article_ids is None:
        arts = db.execute("select id, body, title from articles order by rowid")
    else:
        if not article_ids:
            return
        placeholders = ",".join("?" * len(article_ids))
        arts = db.execute(
            f"select id, body, title from articles where id in ({placeholders})", list(article_ids)
        )
    for art_id, body, title in arts.fetchall():
        parsed = json.loads(body)
        for row in db.query(
            "select id, line, text, speaker, stance from statements where article_id = ? "
            "order by seq",
            [art_id],
        ):
            yield row, parsed, title


# -- views --------------------------------------------------------------------

# Statements as users see them: user corrections (merged speakers, sides) applied.
_STATEMENTS_SQL = """
select s.id, s.article_id, s.line, s.seq,
       coalesce(m.value, s.speaker) as speaker, s.role,
       coalesce(sd.value, sd2.value, s.side) as side,
       s.cue, s.stance, s.kind, s.text, s.quote, s.date, s.date_precision, s.explain,
       a.title, a.published, a.published_source, a.outlet, a.url as article_url
from statements s
join articles a on a.id = s.article_id
left join corrections m on m.kind = 'merge' and m.subject = s.speaker
left join corrections sd on sd.kind = 'side' and sd.subject = m.value
left join corrections sd2 on sd2.kind = 'side' and sd2.subject = s.speaker
"""


# What a timeline entry needs of a statement (not its ``explain``: a timeline of 100k
# links would read 20 MB of it for nothing).
_TIMELINE_COLUMNS = ", ".join(
    f"t.{c}"
    for c in (
        "id", "article_id", "line", "seq", "speaker", "role", "side", "cue", "stance", "kind",
        "text", "quote", "date", "date_precision", "title", "published", "published_source",
        "outlet", "article_url",
    )
)  # fmt: skip


def sources_for(
    db: sqlite_utils.Database, article_ids: Sequence[str]
) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    ids = list(dict.fromkeys(article_ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        placeholders = ",".join("?" * len(chunk))
        for row in db.query(
            f"select article_id, path, start_line, end_line, url, duplicate from sources "
            f"where article_id in ({placeholders}) order by ingested_at, rowid",
            chunk,
        ):
            out.setdefault(row["article_id"], []).append(row)
    return out


def timeline_rows(
    db: sqlite_utils.Database, claim: str, min_score: float = 0.0
) -> list[dict[str, Any]]:
    """Statements linked to ``claim`` with their link and article, unordered."""
    rows = list(
        db.query(
            f"select {_TIMELINE_COLUMNS}, l.score, l.how, l.reason from ({_STATEMENTS_SQL}) t "
            "join links l on l.statement_id = t.id "
            "where l.claim = ? and l.how != 'rejected' and (l.score >= ? or l.how = 'manual')",
            [claim, min_score],
        )
    )
    attach_sources(db, rows)
    return rows


def attach_sources(db: sqlite_utils.Database, rows: list[dict[str, Any]]) -> None:
    """Give each statement row ``sources``: every place its article was read, with
    the statement's line in that file."""
    srcs = sources_for(db, [r["article_id"] for r in rows])
    for r in rows:
        art_sources = srcs.get(r["article_id"], [])
        first = art_sources[0] if art_sources else None
        r["sources"] = [
            {
                "path": s["path"],
                "line": r["line"] - first["start_line"] + s["start_line"] if first else r["line"],
                "article_id": r["article_id"],
                "title": r["title"],
                "published": r["published"],
                "url": s["url"] or r["article_url"],
            }
            for s in art_sources
        ]


def statement_rows(
    db: sqlite_utils.Database,
    speaker: str | None = None,
    stance: str | None = None,
    article: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    where, params = [], []
    if speaker:
        where.append("speaker like ?")
        params.append(f"%{speaker}%")
    if stance:
        where.append("stance = ?")
        params.append(stance)
    if article:
        where.append("article_id like ?")
        params.append(article + "%")
    sql = f"select * from ({_STATEMENTS_SQL}) t"
    if where:
        sql += " where " + " and ".join(where)
    sql += " order by (date is null), date, article_id, seq"
    if limit:
        sql += f" limit {int(limit)}"
    rows = list(db.query(sql, params))
    attach_sources(db, rows)
    return rows


def article_rows(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    rows = list(
        db.query(
            "select a.id, a.title, a.published, a.published_source, a.published_precision, "
            "a.outlet, a.url, (select count(*) from statements s where s.article_id = a.id) "
            "as statements from articles a order by a.rowid"
        )
    )
    srcs = sources_for(db, [r["id"] for r in rows])
    for r in rows:
        r["sources"] = [
            {
                "path": s["path"],
                "start_line": s["start_line"],
                "end_line": s["end_line"],
                "url": s["url"],
            }
            for s in srcs.get(r["id"], [])
        ]
    return rows


def article_detail(db: sqlite_utils.Database, prefix: str) -> dict[str, Any]:
    rows = list(db.query("select * from articles where id like ? limit 2", [prefix + "%"]))
    if not rows:
        raise NotFoundError(f"no article with id {prefix!r}")
    if len(rows) > 1:
        raise NotFoundError(f"article id {prefix!r} is ambiguous; give more characters")
    row = rows[0]
    row["body"] = json.loads(row["body"])
    row.pop("sketch", None)
    row["sources"] = sources_for(db, [row["id"]]).get(row["id"], [])
    return row


def speakers(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Speakers with their side: the side most of their statements give (ties by
    name), whatever order the articles were ingested in."""
    rows = list(
        db.query(
            f"select speaker, count(*) as statements, "
            f"group_concat(distinct stance) as stances from ({_STATEMENTS_SQL}) t "
            "group by speaker order by statements desc, speaker"
        )
    )
    sides: dict[str, str] = {}
    for r in db.query(
        f"select speaker, side, count(*) as n from ({_STATEMENTS_SQL}) t "
        "where side is not null group by speaker, side order by speaker, n desc, side"
    ):
        sides.setdefault(r["speaker"], r["side"])
    aliases: dict[str, list[str]] = {}
    for r in db.query("select subject, value from corrections where kind = 'merge'"):
        aliases.setdefault(r["value"], []).append(r["subject"])
    return [
        {
            "speaker": r["speaker"],
            "side": sides.get(r["speaker"]),
            "statements": r["statements"],
            "stances": sorted((r["stances"] or "").split(",")),
            "aliases": sorted(aliases.get(r["speaker"], [])),
        }
        for r in rows
    ]


def set_correction(db: sqlite_utils.Database, kind: str, subject: str, value: str | None) -> None:
    db.execute(
        "insert into corrections (kind, subject, value, created_at) values (?,?,?,?) "
        "on conflict(kind, subject) do update set value = excluded.value",
        [kind, subject, value, now()],
    )


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    return {
        t: db.execute(f"select count(*) from {t}").fetchone()[0]
        for t in ("articles", "sources", "statements", "claims", "links", "corrections")
    }


def fts_query(phrases: Iterable[str]) -> str:
    """An FTS5 query matching any of ``phrases``, each quoted so that user words are
    never read as FTS syntax."""
    quoted = []
    for phrase in phrases:
        words = [w for w in phrase.replace('"', " ").split() if w]
        if words:
            quoted.append('"' + " ".join(words) + '"')
    return " OR ".join(quoted)


def candidate_articles(db: sqlite_utils.Database, phrases: Iterable[str]) -> list[str]:
    """Ids of articles whose title or text holds any of ``phrases`` (FTS5, stemmed)."""
    query = fts_query(phrases)
    if not query:
        return []
    return [
        r[0]
        for r in db.execute(
            "select a.id from articles_fts f join articles a on a.rowid = f.rowid "
            "where articles_fts match ?",
            [query],
        ).fetchall()
    ]


def search(db: sqlite_utils.Database, query: str, limit: int = 50) -> list[dict[str, Any]]:
    """Statements whose text or speaker matches ``query`` (FTS5), best first."""
    fts = fts_query([query]) if not any(c in query for c in '"*:') else query
    try:
        rows = list(
            db.query(
                f"select t.*, bm25(statements_fts) as rank from statements_fts f "
                f"join statements s on s.rowid = f.rowid join ({_STATEMENTS_SQL}) t on t.id = s.id "
                "where statements_fts match ? order by rank limit ?",
                [fts, limit],
            )
        )
    except sqlite3.OperationalError as e:
        raise ClaimtrackError(f"cannot search for {query!r}: {e}") from e
    attach_sources(db, rows)
    return rows

"""Ingest: read inputs, cut them into articles, recognise duplicates, extract
statements, link them to the registered claims, and store it all.

Each input file is written in one transaction: a file is stored whole or not at all,
and a problem with one file never stops the others. Problems are collected (and
passed to ``on_problem`` as they happen) rather than printed: the CLI decides how to
show them.
"""

from __future__ import annotations

import collections
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, BinaryIO

import sqlite_utils

from . import dedupe, store
from .errors import InputError
from .extract import extract_statements
from .link import ClaimMatcher, Linker, Sections
from .models import Article, Claim, Statement
from .segment import split_articles
from .sources import Format, InputProblem, expand_paths, read_documents

ProblemHandler = Callable[[InputProblem], None]


def read_articles(
    path: str,
    fmt: Format | str | None = None,
    fields: Mapping[str, str] | None = None,
    on_problem: ProblemHandler | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article]:
    """Articles in one input file (or ``-`` for stdin), without touching a database.

    >>> arts = list(read_articles("examples/"))  # doctest: +SKIP
    """
    fmt = Format(fmt) if isinstance(fmt, str) else fmt
    for doc in read_documents(path, fmt, fields, on_problem=on_problem, stdin=stdin):
        yield from split_articles(doc)


def extract_file(
    path: str,
    fmt: Format | str | None = None,
    on_problem: ProblemHandler | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[dict[str, object]]:
    """``claimtrack extract`` records for one input: no database involved."""
    from .records import records

    arts = read_articles(path, fmt, None, on_problem, stdin)
    return records((a, extract_statements(a)) for a in arts)


@dataclass
class IngestSummary:
    files: int = 0
    articles: int = 0  # articles read
    new: int = 0
    duplicates: int = 0  # exact or near copies of stored articles
    statements: int = 0
    links: int = 0
    problems: list[InputProblem] = field(default_factory=list)

    def add(self, other: IngestSummary, problems: Sequence[InputProblem] = ()) -> None:
        self.files += 1
        self.problems.extend(problems)
        for name in ("articles", "new", "duplicates", "statements", "links"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def failed(self) -> bool:
        return bool(self.problems)

    def as_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "articles": self.articles,
            "new": self.new,
            "duplicates": self.duplicates,
            "statements": self.statements,
            "links": self.links,
            "problems": len(self.problems),
        }


def _near(a_sketch: Sequence[int]) -> Callable[[list[int]], bool]:
    return lambda other: dedupe.similarity(list(a_sketch), other) >= dedupe.NEAR_JACCARD


# A statement's links as worker processes compute them: (claim, score, reason).
Found = list[tuple[str, float, str]]
_worker_linker: Linker | None = None


def _init_worker(claims: list[Claim]) -> None:
    global _worker_linker
    _worker_linker = Linker([ClaimMatcher.build(c) for c in claims])


def link_statements(
    linker: Linker, article: Article, statements: Sequence[Statement]
) -> list[Found]:
    """For each statement, the claims it is linked to."""
    out: list[Found] = []
    sections = Sections(article.body)
    for st in statements:
        context = sections.before(st.line, st.text)
        out.append(
            [(m.claim, m.score, m.reason) for m in linker.match(st.text, context, article.title)]
        )
    return out


# An article's id and near-duplicate sketch (``dedupe``).
Keys = tuple[str, list[int]]


def article_keys(article: Article) -> Keys:
    text = article.text
    return dedupe.article_id(text if text.strip() else (article.title or "")), dedupe.sketch(text)


# What a worker computes for one article: statements, their links, the article's keys.
Extracted = tuple[list[Statement], list[Found] | None, Keys]


def _extract_one(article: Article) -> Extracted:
    """In a worker: one article's statements, their links to the claims, and its keys
    (so that the single writer only writes)."""
    statements = extract_statements(article)
    links = link_statements(_worker_linker, article, statements) if _worker_linker else None
    return statements, links, article_keys(article)


def _extract_batch(articles: list[Article]) -> list[Extracted]:
    """Worker-process job: statements of a batch of articles, and their links."""
    return [_extract_one(a) for a in articles]


def _batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# An article read, with its statements, their links and its keys when a worker computed them.
Prepared = tuple[Article, list[Statement] | None, list[Found] | None, Keys | None]


class Ingester:
    """Writes articles into one database. Build once per run: it prepares the
    registered claims for linking. With ``jobs > 1`` extraction and linking run in
    worker processes while this process stays the single writer; results are
    identical to ``jobs=1`` because batches come back in order."""

    BATCH = 32

    def __init__(self, db: sqlite_utils.Database, jobs: int = 1):
        self.db = db
        self.claims = store.claims(db)
        self.linker = Linker([ClaimMatcher.build(c) for c in self.claims])
        self.jobs = max(1, jobs)
        self._pool: Any = None

    def pool(self) -> Any:
        """The worker processes (started on first use), each with the claims."""
        if self._pool is None:
            import multiprocessing

            self._pool = multiprocessing.get_context("spawn").Pool(
                self.jobs, initializer=_init_worker, initargs=(self.claims,)
            )
        return self._pool

    def __enter__(self) -> Ingester:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def _with_statements(self, articles: Iterable[Article]) -> Iterator[Prepared]:
        if self.jobs == 1:
            for a in articles:
                yield a, None, None, None  # extracted in add_article, only if the article is new
            return
        batches = _batched(articles, self.BATCH)
        for batch, results in map_in_order(batches, self.pool()):
            for article, (statements, links, keys) in zip(batch, results, strict=True):
                yield article, statements, links, keys

    def add_article(
        self,
        article: Article,
        summary: IngestSummary,
        statements: list[Statement] | None = None,
        found: list[Found] | None = None,
        keys: Keys | None = None,
    ) -> str:
        """Store one article (or record it as another source of a stored one), with
        its statements (extracted here unless given) and their links. Returns its id."""
        summary.articles += 1
        art_id, sketch = keys or article_keys(article)
        existing = store.find_article(self.db, art_id, sketch, dedupe.MIN_SHARED, _near(sketch))
        if existing is not None:
            existing_id, kind = existing
            store.add_source(self.db, existing_id, article, kind)
            summary.duplicates += 1
            return existing_id
        store.insert_article(self.db, art_id, article, sketch)
        store.add_source(self.db, art_id, article, None)
        summary.new += 1
        if statements is None:
            statements = extract_statements(article)
        ids = store.insert_statements(self.db, art_id, statements)
        summary.statements += len(ids)
        if self.linker and statements:
            if found is None:
                found = link_statements(self.linker, article, statements)
            links = [
                store.LinkRow(claim, sid, score, reason)
                for sid, matches in zip(ids, found, strict=True)
                for claim, score, reason in matches
            ]
            summary.links += store.save_auto_links(self.db, links)
        return art_id

    def ingest_path(
        self,
        path: str,
        summary: IngestSummary,
        fmt: Format | str | None = None,
        fields: Mapping[str, str] | None = None,
        on_problem: ProblemHandler | None = None,
        stdin: BinaryIO | None = None,
    ) -> None:
        """One file in one transaction; a fatal problem rolls the file back."""
        problems: list[InputProblem] = []

        def collect(p: InputProblem) -> None:
            problems.append(p)
            if on_problem:
                on_problem(p)

        articles = read_articles(path, fmt, fields, collect, stdin)
        prepared: Iterable[Prepared] = self._with_statements(articles)
        if path == "-":
            # stdin may arrive slowly: read and extract it all before taking the
            # write lock, so that other writers are not kept waiting on a pipe.
            prepared = list(prepared)
        self.write(prepared, summary, problems)

    def write(
        self, prepared: Iterable[Prepared], summary: IngestSummary, problems: list[InputProblem]
    ) -> None:
        """One file's articles in one transaction."""
        partial = IngestSummary()
        with store.write_transaction(self.db):
            for article, statements, found, keys in prepared:
                self.add_article(article, partial, statements, found, keys)
        summary.add(partial, problems)

    def ingest_records(self, path: str, lines: Iterable[str], summary: IngestSummary) -> None:
        """Load the output of ``claimtrack extract`` (articles with their statements)."""
        from .records import read_extracted

        partial = IngestSummary()
        with store.write_transaction(self.db):
            for article, statements in read_extracted(path, lines):
                self.add_article(article, partial, statements)
        summary.add(partial, [])


def map_in_order(
    batches: Iterator[list[Article]], pool: Any
) -> Iterator[tuple[list[Article], list[Extracted]]]:
    """Map batches over the pool in order, keeping only a few in flight."""
    in_flight: collections.deque[tuple[list[Article], Any]] = collections.deque()
    for batch in batches:
        in_flight.append((batch, pool.apply_async(_extract_batch, (batch,))))
        if len(in_flight) > 4 * pool._processes:  # bounded: memory stays flat
            done, result = in_flight.popleft()
            yield done, result.get()
    while in_flight:
        done, result = in_flight.popleft()
        yield done, result.get()


def ingest(
    db: sqlite_utils.Database,
    paths: Sequence[str],
    fmt: Format | str | None = None,
    fields: Mapping[str, str] | None = None,
    glob: str | None = None,
    on_problem: ProblemHandler | None = None,
    on_file: Callable[[str], None] | None = None,
    stdin: BinaryIO | None = None,
    jobs: int = 1,
) -> IngestSummary:
    """Ingest files, directories (recursively) and ``-`` (stdin) into ``db``.

    With ``jobs > 1`` whole files are read, split, extracted and linked in worker
    processes, a few files ahead, while this process writes them in input order
    (stdin, very large files, and inputs of fewer than ``2 * jobs`` files go through the
    article-batch path instead: articles read here, extracted in batches by the workers)."""
    summary = IngestSummary()

    def report(p: InputProblem) -> None:
        summary.problems.append(p)
        if on_problem:
            on_problem(p)

    with Ingester(db, jobs) as ingester:
        pending: collections.deque[tuple[str, Any]] = collections.deque()

        def write_next() -> None:
            path, result = pending.popleft()
            if on_file:
                on_file(path)
            if result is None:
                ingester.ingest_path(path, summary, fmt, fields, on_problem, stdin)
                return
            prepared, problems = result.get()
            for p in problems:
                if on_problem:
                    on_problem(p)
            ingester.write(prepared, summary, problems)

        items = list(expand_paths(paths, glob))
        # Whole files go to the workers when there are enough of them to keep every worker
        # busy; a few files are cut into batches of articles instead.
        whole_files = sum(not isinstance(i, InputProblem) for i in items) >= 2 * jobs
        for item in items:
            if isinstance(item, InputProblem):
                report(item)
                continue
            result = None
            if jobs > 1 and whole_files and item != "-" and _size(item) <= WHOLE_FILE_LIMIT:
                result = ingester.pool().apply_async(
                    _prepare_file, (item, fmt, dict(fields) if fields else None)
                )
            pending.append((item, result))
            while len(pending) > 2 * jobs:
                write_next()
        while pending:
            write_next()
    return summary


WHOLE_FILE_LIMIT = 64 * 1024 * 1024  # bytes: larger files stream in article batches


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return WHOLE_FILE_LIMIT + 1  # let the streaming path report the problem


def _prepare_file(
    path: str, fmt: Format | str | None, fields: Mapping[str, str] | None
) -> tuple[list[Prepared], list[InputProblem]]:
    """Worker-process job: one whole input file, read, split, extracted and linked."""
    problems: list[InputProblem] = []
    out: list[Prepared] = []
    for article in read_articles(path, fmt, fields, problems.append):
        out.append((article, *_extract_one(article)))
    return out, problems


def ingest_extracted(
    db: sqlite_utils.Database, paths: Sequence[str], stdin: IO[str] | None = None
) -> IngestSummary:
    """Load files written by ``claimtrack extract`` (``-`` for stdin)."""
    summary = IngestSummary()
    with Ingester(db) as ingester:
        for path in paths:
            if path == "-":
                ingester.ingest_records("-", stdin or sys.stdin, summary)
                continue
            try:
                with open(path, encoding="utf-8") as f:
                    ingester.ingest_records(path, f, summary)
            except OSError as e:
                raise InputError(path, e.strerror or str(e)) from e
    return summary

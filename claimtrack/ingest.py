"""Ingest: read inputs, cut them into articles, recognise duplicates, extract
statements, link them to the registered claims, and store it all.

Each input file is written in one transaction: a file is stored whole or not at all,
and a problem with one file never stops the others. Problems are collected (and
passed to ``on_problem`` as they happen) rather than printed: the CLI decides how to
show them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

import sqlite_utils

from . import dedupe, store
from .extract import extract_statements
from .link import ClaimMatcher, match_statement, section_before
from .models import Article
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


@dataclass
class IngestSummary:
    files: int = 0
    articles: int = 0  # articles read
    new: int = 0
    duplicates: int = 0  # exact or near copies of stored articles
    statements: int = 0
    links: int = 0
    problems: list[InputProblem] = field(default_factory=list)

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


class Ingester:
    """Writes articles into one database. Build once per run: it prepares the
    registered claims for linking."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.matchers = [ClaimMatcher.build(c) for c in store.claims(db)]

    def add_article(self, article: Article, summary: IngestSummary) -> None:
        """Store one article (or record it as another source of a stored one)."""
        summary.articles += 1
        text = article.text
        art_id = dedupe.article_id(text if text.strip() else (article.title or ""))
        sketch = dedupe.sketch(text)
        found = store.find_article(self.db, art_id, sketch, dedupe.MIN_SHARED, _near(sketch))
        if found is not None:
            existing_id, kind = found
            if store.add_source(self.db, existing_id, article, kind):
                summary.duplicates += 1
            else:
                summary.duplicates += 1  # the very same source again
            return
        store.insert_article(self.db, art_id, article, sketch)
        store.add_source(self.db, art_id, article, None)
        summary.new += 1
        statements = extract_statements(article)
        ids = store.insert_statements(self.db, art_id, statements)
        summary.statements += len(ids)
        if self.matchers and statements:
            links = []
            for sid, st in zip(ids, statements, strict=True):
                context = section_before(article.body, st.line)
                for m in match_statement(self.matchers, st.text, context, article.title):
                    links.append(store.LinkRow(m.claim, sid, m.score, m.reason))
            summary.links += store.save_auto_links(self.db, links)

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

        partial = IngestSummary()
        with store.write_transaction(self.db):
            for article in read_articles(path, fmt, fields, collect, stdin):
                self.add_article(article, partial)
        summary.files += 1
        summary.problems.extend(problems)
        for name in ("articles", "new", "duplicates", "statements", "links"):
            setattr(summary, name, getattr(summary, name) + getattr(partial, name))


def ingest(
    db: sqlite_utils.Database,
    paths: Sequence[str],
    fmt: Format | str | None = None,
    fields: Mapping[str, str] | None = None,
    glob: str | None = None,
    on_problem: ProblemHandler | None = None,
    on_file: Callable[[str], None] | None = None,
    stdin: BinaryIO | None = None,
) -> IngestSummary:
    """Ingest files, directories (recursively) and ``-`` (stdin) into ``db``."""
    summary = IngestSummary()
    ingester = Ingester(db)
    for item in expand_paths(paths, glob):
        if isinstance(item, InputProblem):
            summary.problems.append(item)
            if on_problem:
                on_problem(item)
            continue
        if on_file:
            on_file(item)
        ingester.ingest_path(item, summary, fmt, fields, on_problem, stdin)
    return summary

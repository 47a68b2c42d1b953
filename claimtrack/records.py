"""The JSON Lines interchange of ``claimtrack extract``: articles and their statements,
with no database, so extraction can be mapped over shards by any engine and loaded
back with ``claimtrack ingest --statements``.

One object per line; each ``article`` line is followed by its ``statement`` lines::

    {"type": "article", "path", "start_line", "end_line", "title", "published",
     "published_source", "published_precision", "url", "outlet", "body": [[line, text], ...]}
    {"type": "statement", "speaker", "role", "side", "cue", "stance", "kind", "text",
     "quote", "line", "date", "date_precision", "explain": [...]}
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import InputError
from .models import Article, Stance, Statement

_ARTICLE_KEYS = ("path", "start_line", "end_line", "title", "published", "published_source",
                 "published_precision", "url", "outlet")  # fmt: skip


def article_record(article: Article) -> dict[str, Any]:
    record: dict[str, Any] = {"type": "article"}
    record.update({k: getattr(article, k) for k in _ARTICLE_KEYS})
    record["body"] = [[ln, text] for ln, text in article.body]
    return record


def statement_record(st: Statement) -> dict[str, Any]:
    record = {"type": "statement", **dataclasses.asdict(st)}
    record["stance"] = st.stance.value
    return record


def records(articles: Iterable[tuple[Article, list[Statement]]]) -> Iterator[dict[str, Any]]:
    for article, statements in articles:
        yield article_record(article)
        for st in statements:
            yield statement_record(st)


def read_extracted(path: str, lines: Iterable[str]) -> Iterator[tuple[Article, list[Statement]]]:
    """Articles with their statements from ``claimtrack extract`` output."""
    current: Article | None = None
    statements: list[Statement] = []
    fields = {f.name for f in dataclasses.fields(Statement)}
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            kind = r.pop("type")
            if kind == "article":
                if current is not None:
                    yield current, statements
                body = [(int(ln), str(text)) for ln, text in r.pop("body")]
                current = Article(body=body, **{k: r.get(k) for k in _ARTICLE_KEYS})
                statements = []
            elif kind == "statement":
                if current is None:
                    raise InputError(path, "statement before any article", i)
                r["stance"] = Stance(r["stance"])
                statements.append(Statement(**{k: v for k, v in r.items() if k in fields}))
            else:
                raise InputError(path, f"unknown record type {kind!r}", i)
        except InputError:
            raise
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as e:
            raise InputError(path, f"not claimtrack extract output ({e})", i) from e
    if current is not None:
        yield current, statements


def json_objects(lines: Iterable[str], path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` for each non-blank JSON Lines line; a line that is not
    a JSON object is an ``InputError`` naming ``path`` and the line."""
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(path, f"invalid JSON: {e.msg}", i) from e
        if not isinstance(record, dict):
            raise InputError(path, "expected a JSON object", i)
        yield i, record

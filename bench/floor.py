"""The storage floor: what merely storing the documents costs, for comparison with an ingest.

Reads JSON Lines files of articles ({"title", "text", "published", "url", "source"}) and
writes them with sqlite-utils ``insert_all`` into a fresh database: no segmentation, no
extraction, no linking, no indexes. ``bench/run.py`` runs it in a subprocess, timed and
measured (peak RSS) exactly like ``claimtrack ingest``.

    python bench/floor.py bench/out/db/floor-10k.db bench/out/corpus/10k/jsonl/*.jsonl
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator

import sqlite_utils


def records(paths: list[str]) -> Iterator[dict[str, object]]:
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: floor.py DB FILE.jsonl...", file=sys.stderr)
        return 2
    target, paths = argv[0], argv[1:]
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(target + suffix):
            os.remove(target + suffix)
    db = sqlite_utils.Database(target)
    db["articles"].insert_all(records(paths), batch_size=500)
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

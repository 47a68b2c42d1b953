"""Extraction mapped over shards with Dask, loaded into one claimtrack database.

claimtrack's extraction is a pure function of an input file (`claimtrack extract`), so
any engine that maps a function over shards can run it; storage stays a single writer.
This runs on Dask's local scheduler (``pip install 'claimtrack[dask]'``); pointing the
same bag at a distributed cluster is a matter of creating a ``dask.distributed.Client``.

    python examples/scaleout/dask_extract.py --db news.db shard1.txt shard2.jsonl ...

The result is the same set of statements as ``claimtrack ingest shard1.txt ...``
(tested in tests/test_scaleout.py).
"""

from __future__ import annotations

import argparse
import json

import dask.bag as db

from claimtrack import connect
from claimtrack.ingest import Ingester, IngestSummary, extract_file


def extract_shard(path: str) -> list[str]:
    """Runs on a worker: one input file -> `claimtrack extract` JSON Lines."""
    return [json.dumps(record, ensure_ascii=False) for record in extract_file(path)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    shards = db.from_sequence(
        args.paths, npartitions=max(1, min(len(args.paths), 8 * args.workers))
    )
    per_shard = shards.map(extract_shard).compute(scheduler="processes", num_workers=args.workers)
    database = connect(args.db)
    summary = IngestSummary()
    with Ingester(database) as ingester:
        # One writer, shards in input order: the same result as a plain ingest.
        for path, lines in zip(args.paths, per_shard, strict=True):
            ingester.ingest_records(path, lines, summary)
    print(json.dumps(summary.as_dict()))


if __name__ == "__main__":
    main()

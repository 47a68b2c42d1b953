"""Machine output: JSON, JSON Lines and CSV written straight to a text stream.

Never goes through rich (rich wraps at 80 columns when not on a terminal). Keys are
stable snake_case; dates are ISO-8601. Nested values become JSON strings in CSV.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO


def write_json(value: Any, out: TextIO) -> None:
    # One write: json.dump would send the encoder's thousands of small pieces to the
    # stream one by one, which costs more than encoding them.
    out.write(json.dumps(value, ensure_ascii=False, indent=2))
    out.write("\n")


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False))
        out.write("\n")


def _cell(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """One level of nesting becomes ``parent_child`` columns; deeper values stay JSON."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and not prefix:
            flat.update(flatten(value, f"{name}_"))
        else:
            flat[name] = value
    return flat


def write_csv(
    rows: Iterable[dict[str, Any]], out: TextIO, columns: Sequence[str] | None = None
) -> None:
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        flat = flatten(row)
        if writer is None:
            writer = csv.DictWriter(
                out,
                fieldnames=list(columns or flat.keys()),
                extrasaction="ignore",
                lineterminator="\n",
            )
            writer.writeheader()
        writer.writerow({k: _cell(v) for k, v in flat.items()})
    if writer is None and columns:
        csv.writer(out, lineterminator="\n").writerow(columns)

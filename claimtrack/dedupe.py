"""Recognising the same article twice: exact and near duplicates.

An article's id is a hash of its *normalised* body (case, punctuation, quotes and
white space folded), so the same text re-ingested, re-scraped with other line breaks
or other curly quotes, gets the same id.

Near duplicates (a second dump with a changed headline, a corrected word, lost
boilerplate) are found with a bottom-k MinHash sketch: the ``SKETCH_SIZE`` smallest
hashes of the article's word 5-shingles. Two sketches estimate the Jaccard
similarity of the shingle sets (Broder 1997); the store indexes each sketch hash so
that candidates are found with one indexed query, then confirmed by the estimate.
"""

from __future__ import annotations

import re
import unicodedata
import zlib

from .models import content_id

SHINGLE = 5
SKETCH_SIZE = 48
MIN_WORDS = 40  # shorter texts (headlines, one-liners) are only matched exactly
NEAR_JACCARD = 0.6  # estimated Jaccard of shingle sets at or above which two texts are one article
MIN_SHARED = 8  # sketch hashes two articles must share to be compared at all

_WORD = re.compile(r"\w+")
# Combining marks left by NFKD (accents); the ranges of the Latin, Greek and Cyrillic ones.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def normalise(text: str) -> list[str]:
    """Lower-case word tokens with accents, quotes and punctuation folded away.

    >>> normalise("Kyiv’s “denial” —  FINAL")
    ['kyiv', 's', 'denial', 'final']
    """
    if text.isascii():
        return _WORD.findall(text.lower())
    folded = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return _WORD.findall(folded.lower())


def article_id(text: str) -> str:
    """Content id of an article body: equal for texts equal up to normalisation."""
    return content_id("article", " ".join(normalise(text)))


def sketch(text: str) -> list[int]:
    """The bottom-k MinHash sketch of ``text``, or ``[]`` if it is too short."""
    words = normalise(text)
    if len(words) < MIN_WORDS:
        return []
    hashes = {
        zlib.crc32(" ".join(words[i : i + SHINGLE]).encode())
        for i in range(len(words) - SHINGLE + 1)
    }
    # crc32 is unsigned 32-bit; SQLite integers hold it as is.
    return sorted(hashes)[:SKETCH_SIZE]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two sketches."""
    if not a or not b:
        return 0.0
    k = min(SKETCH_SIZE, len(a), len(b))
    union_smallest = sorted(set(a) | set(b))[:k]
    sa, sb = set(a), set(b)
    shared = sum(1 for h in union_smallest if h in sa and h in sb)
    return shared / k

"""Making untrusted text safe to show.

Articles come from anywhere, propaganda outlets included: their text may carry
terminal escape sequences, bidi overrides that reorder what a reader sees, or
zero-width characters. ``inert`` replaces each with a visible ``\\uXXXX`` stand-in;
the terminal, Markdown and HTML views pass every piece of article text through it.
"""

from __future__ import annotations

import re

# C0/C1 controls (but tab and newline), DEL, the Arabic letter mark, zero-width and
# bidi marks, embeddings, overrides and isolates, word joiners, and the BOM.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def inert(text: str | None) -> str:
    """Text safe to show on a terminal: unsafe characters become ``\\uXXXX``.

    >>> inert("ok\\x1b[31m")
    'ok\\\\u001b[31m'
    """
    if not text:
        return ""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)

"""claimtrack: track contested claims and denials across news articles.

The library API (the CLI is a thin layer over it)::

    from claimtrack import Claim, add_claims, claim_timeline, connect, ingest

    db = connect("news.db")
    ingest(db, ["dumps/"])
    add_claims(db, [Claim("putin-residence-attack", "Ukraine attacked Putin's residence",
                          keywords=["Putin", "residence"])])
    data = claim_timeline(db, "putin-residence-attack")
"""

from __future__ import annotations

from typing import Any

__all__ = ["Claim", "__version__", "add_claims", "claim_timeline", "connect", "ingest"]


def __getattr__(name: str) -> Any:
    # Lazy: `import claimtrack` (and so `claimtrack --help`) stays cheap.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("claimtrack")
        except PackageNotFoundError:  # a source tree that is not installed
            return "0.0.0"
    if name == "connect":
        from .db import connect

        return connect
    if name == "ingest":
        from .ingest import ingest

        return ingest
    if name == "add_claims":
        from .claims import add_claims

        return add_claims
    if name == "claim_timeline":
        from .views import timeline

        return timeline
    if name == "Claim":
        from .models import Claim

        return Claim
    raise AttributeError(name)

"""The rule vocabularies of statement extraction, loaded from TOML data files.

Extraction rules are data, not code (trafilatura keeps its XPath vocabulary in
``xpaths.py``, textacy its reporting verbs in ``constants``): speech verbs, stance
cue phrases and the closed-class words that help find a speaker live in
``claimtrack/data/{speech_verbs,stance_cues,extract_grammar}.toml``. This module
reads them once, checks them, and hands ``extract`` one immutable ``Lexicon``.

Every entry must be a non-empty lower-case string, unique within its list; a bad
file raises ``ClaimtrackError`` naming the file, the list and the entry.

``load_lexicon(path)`` takes an optional override: a directory holding any of the
three files (missing ones come from the package), or a single TOML file whose
top-level tables ``speech_verbs``, ``stance_cues`` and ``extract_grammar`` replace
the packaged files of the same name.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ClaimtrackError
from .models import Stance

FILES = ("speech_verbs", "stance_cues", "extract_grammar")


@dataclass(frozen=True)
class Lexicon:
    """All extraction vocabularies. Build with ``load_lexicon()``."""

    verbs: Mapping[str, Stance]  # surface form -> stance the verb carries
    verb_group: Mapping[str, str]  # surface form -> group name ("say", "deny", ...)
    inversion: frozenset[str]
    document_verbs: frozenset[str]
    question_verbs: frozenset[str]
    participles: frozenset[str]
    weak: frozenset[str]
    cues: Mapping[Stance, tuple[str, ...]]
    priority: tuple[Stance, ...]
    negators: frozenset[str]
    negation_window: int
    negation_immune: frozenset[str]
    masks: tuple[str, ...]
    hedges: tuple[str, ...]
    claim_nouns: frozenset[str]
    grammar: Mapping[str, frozenset[str]]  # "section.key" -> words
    source: str = "package"
    # Compiled patterns built by ``extract`` on first use; not part of equality.
    cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False, hash=False)

    def words(self, key: str) -> frozenset[str]:
        """One grammar list, e.g. ``lexicon.words("speaker.titles")``."""
        try:
            return self.grammar[key]
        except KeyError:
            raise ClaimtrackError(f"lexicon {self.source}: no grammar list {key!r}") from None

    def __hash__(self) -> int:
        return id(self)


def _read_packaged(name: str) -> dict[str, Any]:
    with resources.files("claimtrack").joinpath(f"data/{name}.toml").open("rb") as f:
        return tomllib.load(f)


def _read_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except OSError as e:
        raise ClaimtrackError(f"Cannot read lexicon file {path}: {e.strerror}") from None
    except tomllib.TOMLDecodeError as e:
        raise ClaimtrackError(
            f"{path}: not valid TOML ({e}); fix the file or drop --lexicon"
        ) from None


def _load_sources(path: str | None) -> tuple[dict[str, dict[str, Any]], str]:
    data = {name: _read_packaged(name) for name in FILES}
    if path is None:
        return data, "package"
    p = Path(path)
    if p.is_dir():
        for name in FILES:
            f = p / f"{name}.toml"
            if f.exists():
                data[name] = _read_file(f)
    elif p.exists():
        override = _read_file(p)
        unknown = sorted(set(override) - set(FILES))
        if unknown:
            raise ClaimtrackError(
                f"{p}: unknown table(s) {', '.join(unknown)}; "
                f"a lexicon file may hold only {', '.join(FILES)}"
            )
        data.update(override)
    else:
        raise ClaimtrackError(f"Lexicon {path} does not exist: give a directory or a .toml file")
    return data, str(p)


def check_words(values: Any, where: str) -> list[str]:
    """``values`` as a list of lower-case, unique, non-empty strings, or an error
    that names ``where`` (file and list) and the bad entry."""
    if not isinstance(values, list):
        raise ClaimtrackError(f"{where}: expected a list of strings, got {type(values).__name__}")
    seen: set[str] = set()
    out = []
    for v in values:
        if not isinstance(v, str) or not v.strip():
            raise ClaimtrackError(f"{where}: empty or non-string entry {v!r}")
        if v != v.lower():
            raise ClaimtrackError(f"{where}: entry {v!r} must be lower-case (write {v.lower()!r})")
        if v != v.strip():
            raise ClaimtrackError(f"{where}: entry {v!r} has leading or trailing spaces")
        if v in seen:
            raise ClaimtrackError(f"{where}: duplicate entry {v!r}")
        seen.add(v)
        out.append(v)
    return out


def _table(data: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, Mapping):
        raise ClaimtrackError(f"{where}: missing table [{key}]")
    return value


def _stance(value: Any, where: str) -> Stance:
    try:
        return Stance(value)
    except ValueError:
        allowed = ", ".join(s.value for s in Stance)
        raise ClaimtrackError(f"{where}: stance {value!r} is not one of {allowed}") from None


def build_lexicon(sources: Mapping[str, Mapping[str, Any]], source: str = "package") -> Lexicon:
    """A ``Lexicon`` from parsed TOML documents keyed by file name (no I/O)."""
    sv = sources["speech_verbs"]
    verbs: dict[str, Stance] = {}
    groups: dict[str, str] = {}
    for gname, group in _table(sv, "groups", "speech_verbs.toml").items():
        where = f"speech_verbs.toml [groups.{gname}]"
        stance = _stance(group.get("stance"), where)
        for form in check_words(group.get("forms"), f"{where} forms"):
            if form in verbs:
                raise ClaimtrackError(
                    f"{where}: {form!r} is already in group {groups[form]!r}; a form has one stance"
                )
            verbs[form] = stance
            groups[form] = gname
    syntax = _table(sv, "syntax", "speech_verbs.toml")

    def syn(key: str) -> frozenset[str]:
        return frozenset(check_words(syntax.get(key), f"speech_verbs.toml [syntax] {key}"))

    sc = sources["stance_cues"]
    cues_t = _table(sc, "cues", "stance_cues.toml")
    cues = {
        _stance(k, "stance_cues.toml [cues]"): tuple(check_words(v, f"stance_cues.toml [cues] {k}"))
        for k, v in cues_t.items()
    }
    priority = tuple(
        _stance(p, "stance_cues.toml priority")
        for p in check_words(sc.get("priority"), "stance_cues.toml priority")
    )
    if set(priority) != set(Stance):
        raise ClaimtrackError("stance_cues.toml priority: must list every stance exactly once")
    neg = _table(sc, "negation", "stance_cues.toml")
    window = neg.get("window", 3)
    if not isinstance(window, int) or not 0 <= window <= 10:
        raise ClaimtrackError("stance_cues.toml [negation] window: an integer from 0 to 10")

    gr = sources["extract_grammar"]
    grammar: dict[str, frozenset[str]] = {}
    for section, table in gr.items():
        if not isinstance(table, Mapping):
            raise ClaimtrackError(f"extract_grammar.toml: {section!r} must be a table")
        for key, values in table.items():
            grammar[f"{section}.{key}"] = frozenset(
                check_words(values, f"extract_grammar.toml [{section}] {key}")
            )
    return Lexicon(
        verbs=verbs,
        verb_group=groups,
        inversion=syn("inversion"),
        document_verbs=syn("document_verbs"),
        question_verbs=syn("question_verbs"),
        participles=syn("participles"),
        weak=syn("weak"),
        cues=cues,
        priority=priority,
        negators=frozenset(check_words(neg.get("words"), "stance_cues.toml [negation] words")),
        negation_window=window,
        negation_immune=frozenset(
            check_words(neg.get("immune", []), "stance_cues.toml [negation] immune")
        ),
        masks=tuple(
            check_words(
                _table(sc, "masks", "stance_cues.toml").get("phrases"),
                "stance_cues.toml [masks] phrases",
            )
        ),
        hedges=tuple(
            check_words(
                sc.get("hedges", {}).get("phrases", []), "stance_cues.toml [hedges] phrases"
            )
        ),
        claim_nouns=frozenset(
            check_words(
                _table(sc, "objects", "stance_cues.toml").get("claim_nouns"),
                "stance_cues.toml [objects] claim_nouns",
            )
        ),
        grammar=grammar,
        source=source,
    )


@functools.lru_cache(maxsize=8)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The packaged lexicon, or one with overrides from ``path`` (cached per path).

    >>> load_lexicon().verbs["denied"]
    <Stance.DENIES: 'denies'>
    """
    data, source = _load_sources(path)
    return build_lexicon(data, source)


def all_entries(lexicon: Lexicon) -> Iterable[str]:
    """Every word and phrase of the lexicon (for tests and documentation)."""
    yield from lexicon.verbs
    for phrases in lexicon.cues.values():
        yield from phrases
    for words in lexicon.grammar.values():
        yield from words

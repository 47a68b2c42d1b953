"""Who a speaker mention refers to: known actors, sides, and per-article references.

Two layers:

* ``Registry`` — the real-world actors of ``data/actors.toml``: governments (with their
  capitals and metonyms: "Kyiv" is Ukraine, "the Kremlin" is Russia), leaders,
  ministers and spokespeople, and bodies (ministries, armies, the UN...).
  ``resolve("Russian Foreign Minister Sergei Lavrov")`` strips titles and nationality
  adjectives and returns the canonical ``Actor`` ("Sergey Lavrov", side "Russia").
  Ministries are recognised by pattern ("Russia's Defence Ministry", "the Russian
  Ministry of Defence" → "Russian Ministry of Defence").
* ``SpeakerContext`` — one per article. It remembers who has been introduced, so a
  later "Finkelstein", "she", "the ministry" or "the Ukrainian president" goes back to
  the person or body named earlier in the same article. Unknown persons are still
  speakers; their side comes from a nationality or institution adjective when there is
  one ("Polish Prime Minister X"), else it stays None.

Everything here is deterministic and explainable: each resolution returns a short
reason string that ``extract`` appends to a statement's ``explain``.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

from .errors import ClaimtrackError
from .lexicon import Lexicon, check_words, load_lexicon

KINDS = ("person", "government", "body", "group")


@dataclass(frozen=True)
class Actor:
    """A speaker: a person, a government, a body or a group."""

    name: str
    kind: str  # "person" | "government" | "body" | "group"
    side: str | None = None
    role: str | None = None
    gender: str | None = None  # "m" | "f" | None
    aliases: tuple[str, ...] = ()


_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})
_SPACES = re.compile(r"\s+")
_EDGE = re.compile(r"^[\s,.;:\"“”'‘’()\[\]–—-]+|[\s,;:\"“”'‘’()\[\]–—-]+$")


_THE = re.compile(r"^(?:the\s+)", re.I)
_POSS = re.compile(r"['’]s$")
_PLACE_SPLIT = re.compile(r"\b(?:in|based in|near)\b")
_NAME_WORD = re.compile(r"[\w.'’-]+")
_NAME_SPLIT = re.compile(r"[\s-]+")


@functools.lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower-case, straight apostrophes, no accents, single spaces: the key used for
    every alias lookup. ``fold("Nicolás  Maduro’s") == "nicolas maduro's"``."""
    text = text.translate(_APOS)
    if not text.isascii():
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    return _SPACES.sub(" ", text).strip().lower()


def _strip_possessive(key: str) -> str:
    if key.endswith("'s"):
        return key[:-2]
    if key.endswith("s'"):
        return key[:-1]
    return key


def _short_ok(alias: str, original: str) -> bool:
    """Very short aliases ("us", "un", "who") count only when printed in capitals."""
    letters = alias.replace(".", "")
    if len(letters) > 3:
        return True
    raw = _THE.sub("", original.strip())
    raw = _POSS.sub("", raw)
    return raw.replace(".", "").isupper()


class Registry:
    """Known actors and the words that name them. Build with ``default_registry()``."""

    def __init__(self, data: Mapping[str, Any], lexicon: Lexicon | None = None):
        lexicon = lexicon or load_lexicon()
        self._aliases: dict[str, Actor] = {}
        self._demonyms: dict[str, str] = {}  # "russian" -> "Russia"
        self._adjective: dict[str, str] = {}  # "Russia" -> "Russian" (for canonical names)
        self._countries: dict[str, Actor] = {}
        self._ministries: dict[str, str] = {}
        self.actors: list[Actor] = []
        self.titles = sorted(lexicon.words("speaker.titles"), key=len, reverse=True)
        self._title_re = re.compile(
            r"^(?:(?:" + "|".join(re.escape(t) for t in self.titles) + r")\b\.?\s*)+", re.I
        )
        surnames: dict[str, list[Actor]] = {}
        for entry in data.get("country", []):
            actor = self._add(entry, "government", where="[[country]]")
            self._countries[actor.name] = actor
            demonyms = check_words(entry.get("demonyms", []), f"actors.toml {actor.name} demonyms")
            for d in demonyms:
                self._demonyms[d] = actor.name
            first = next((d for d in demonyms if not d.endswith(("'s", "'", "’s"))), None)
            if first:
                self._adjective[actor.name] = first.title() if first.islower() else first
            self._demonyms[fold(actor.name)] = actor.name
            self._demonyms[fold(actor.name) + "'s"] = actor.name
        for entry in data.get("person", []):
            actor = self._add(entry, "person", where="[[person]]")
            last = fold(actor.name).split()[-1]
            surnames.setdefault(last, []).append(actor)
        for entry in data.get("body", []):
            self._add(entry, "body", where="[[body]]")
        for last, people in surnames.items():
            if len(people) == 1 and last not in self._aliases and len(last) > 2:
                self._aliases[last] = people[0]
        self.first_names: dict[str, str] = {}
        names = data.get("first_names", {})
        for gender, key in (("f", "female"), ("m", "male")):
            for n in check_words(names.get(key, []), f"actors.toml [first_names] {key}"):
                if self.first_names.get(n, gender) != gender:
                    raise ClaimtrackError(
                        f"actors.toml [first_names]: {n!r} is both male and female"
                    )
                self.first_names[n] = gender
        self.side_words: dict[str, str] = {}
        for key, value in data.get("side_words", {}).items():
            if key != key.lower() or not isinstance(value, str) or value not in self._countries:
                raise ClaimtrackError(
                    f"actors.toml [side_words]: {key!r} must be lower-case and name a [[country]]"
                )
            self.side_words[key] = value
        self._side_words_re = (
            re.compile(
                r"\b(?:"
                + "|".join(re.escape(k) for k in sorted(self.side_words, key=len, reverse=True))
                + r")\b"
            )
            if self.side_words
            else None
        )
        for key, value in data.get("ministries", {}).items():
            if key != key.lower() or not isinstance(value, str) or not value:
                raise ClaimtrackError(f"actors.toml [ministries]: bad entry {key!r} = {value!r}")
            self._ministries[key] = value
        dept = "|".join(re.escape(k) for k in sorted(self._ministries, key=len, reverse=True))
        dem = "|".join(re.escape(k) for k in sorted(self._demonyms, key=len, reverse=True))
        self._ministry_res = [
            # "russia's ministry of defence", "the russian ministry of foreign affairs"
            re.compile(rf"^(?:the )?(?P<c>{dem})? ?ministry (?:of|for) (?:the )?(?P<d>{dept})$"),
            # "russia's defence ministry", "the russian foreign ministry"
            re.compile(rf"^(?:the )?(?P<c>{dem})? ?(?P<d>{dept}) ministry$"),
            # "ministry of defence of ukraine", "the foreign ministry of the uae"
            re.compile(
                rf"^(?:the )?ministry (?:of|for) (?:the )?(?P<d>{dept}) of (?:the )?(?P<c>{dem})$"
            ),
            re.compile(rf"^(?:the )?(?P<d>{dept}) ministry of (?:the )?(?P<c>{dem})$"),
        ]
        self._country_prefix = re.compile(rf"^(?:the )?(?P<c>{dem})\b ?(?P<rest>.*)$")

    def _add(self, entry: Mapping[str, Any], kind: str, where: str) -> Actor:
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ClaimtrackError(f"actors.toml {where}: entry without a name: {dict(entry)!r}")
        aliases = tuple(check_words(entry.get("aliases", []), f"actors.toml {name} aliases"))
        side = entry.get("side", name if kind == "government" else None)
        actor = Actor(
            name=name,
            kind=kind,
            side=side,
            role=entry.get("role"),
            gender=entry.get("gender"),
            aliases=aliases,
        )
        for key in (fold(name), *aliases):
            other = self._aliases.get(key)
            if other is not None and other.name != name:
                raise ClaimtrackError(
                    f"actors.toml: alias {key!r} of {name!r} already names {other.name!r}"
                )
            self._aliases[key] = actor
            if key.startswith("the ") and key[4:] not in self._aliases:
                self._aliases[key[4:]] = actor
        self.actors.append(actor)
        return actor

    # ------------------------------------------------------------------ lookups
    def country(self, name: str | None) -> Actor | None:
        return self._countries.get(name) if name else None

    def adjective(self, country: str) -> str:
        """ "Russia" -> "Russian" (for canonical names of bodies)."""
        return self._adjective.get(country, country)

    @functools.lru_cache(maxsize=8192)  # noqa: B019 - registries live for the process
    def demonym(self, word: str) -> str | None:
        """The country a nationality adjective or possessive names, or None:
        ``demonym("Russian-installed") == "Russia"``."""
        key = fold(word)
        hit = self._demonyms.get(key)
        if hit:
            return hit
        if "-" in key:  # "russian-installed", "kremlin-backed", "u.s.-based"
            head = key.split("-", 1)[0]
            hit = self._demonyms.get(head)
            if hit:
                return hit
            actor = self._aliases.get(head)
            if actor is not None and actor.kind == "government":
                return actor.side
        return None

    def is_known(self, mention: str) -> bool:
        return fold(mention) in self._aliases

    @functools.lru_cache(maxsize=8192)  # noqa: B019 - registries live for the process
    def resolve(self, mention: str, exact: bool = False) -> Actor | None:
        """The known actor ``mention`` names, or None. With ``exact``, only the whole
        mention may name it (no titles stripped, no name found inside it).

        >>> default_registry().resolve("Russian Foreign Minister Sergei Lavrov").name
        'Sergey Lavrov'
        >>> default_registry().resolve("Kyiv").name
        'Ukraine'
        """
        key = _EDGE.sub("", fold(mention))
        if not key:
            return None
        for candidate, person_only in self._candidates(key, exact):
            actor = self._aliases.get(candidate)
            if actor is None or not _short_ok(candidate, mention):
                continue
            if person_only and actor.kind != "person":
                continue
            return actor
        return self._ministry(key) or self._national_body(key, mention)

    def _candidates(self, key: str, exact: bool) -> Iterable[tuple[str, bool]]:
        yield key, False
        bare = _strip_possessive(key)
        yield bare, False
        if bare.startswith("the "):
            yield bare[4:], False
        if exact:
            return
        # titles and nationality in front of a name: "ukrainian president volodymyr zelenskyy"
        rest = bare[4:] if bare.startswith("the ") else bare
        for _ in range(3):
            m = self._country_prefix.match(rest)
            if m and m["rest"]:
                rest = m["rest"]
            t = self._title_re.match(rest)
            if t and t.end() < len(rest):
                rest = rest[t.end() :]
            elif not m:
                break
        if rest != bare:
            yield rest, True
        # a known person's name at the end: "kremlin spokesman dmitry peskov"
        toks = rest.split()
        for i in range(1, len(toks) - 1):
            yield " ".join(toks[i:]), True

    def _ministry(self, key: str) -> Actor | None:
        for rx in self._ministry_res:
            m = rx.match(key)
            if m:
                dept = self._ministries[m["d"]]
                country = self._demonyms.get(m["c"]) if m["c"] else None
                name = f"Ministry of {dept}"
                if country:
                    name = f"{self.adjective(country)} {name}"
                return Actor(name=name, kind="body", side=country, role="ministry")
        return None

    _HEADS: ClassVar[dict[str, str]] = {
        "military": "military",
        "army": "military",
        "armed forces": "military",
        "forces": "military",
        "authorities": "authorities",
        "officials": "officials",
        "government": "government",
        "navy": "Navy",
        "air force": "Air Force",
        "coastguard": "Coast Guard",
        "coast guard": "Coast Guard",
    }

    def _national_body(self, key: str, mention: str) -> Actor | None:
        """ "Ukraine's military" / "the Ukrainian army" -> "Ukrainian military"."""
        m = self._country_prefix.match(key)
        if not m or not m["rest"]:
            return None
        head = self._HEADS.get(m["rest"])
        if head is None:
            return None
        country = self._demonyms[m["c"]]
        if head == "government":
            return self._countries.get(country)
        kind = "group" if head in ("officials", "authorities") else "body"
        return Actor(name=f"{self.adjective(country)} {head}", kind=kind, side=country)

    def side_for(self, name: str | None) -> str | None:
        """The side a speaker stands for: a known actor's side, else the country named by
        a nationality word or possessive in ``name`` ("Polish officials" -> "Poland")."""
        if not name:
            return None
        actor = self.resolve(name)
        if actor is not None:
            return actor.side
        key = fold(name)
        # words after "in" name a place, not an allegiance: "a council in Syria"
        key = _PLACE_SPLIT.split(key)[0]
        words = _NAME_WORD.findall(key)
        for i, word in enumerate(words):
            # two-word demonyms and names first: "north korean", "united states forces"
            for n in (3, 2):
                if i + n <= len(words):
                    phrase = " ".join(words[i : i + n])
                    country = self._demonyms.get(phrase)
                    known = self._aliases.get(phrase)
                    if country:
                        return country
                    if known is not None and known.kind != "person" and known.side:
                        return known.side
            country = self.demonym(word)
            if country:
                return country
            known = self._aliases.get(word)
            if known is not None and known.kind != "person" and _short_ok(word, word.upper()):
                if known.side:
                    return known.side
        return self.side_word(key)

    def gender(self, name: str) -> str | None:
        """ "m"/"f" from a person's first name when the name list knows it, else None."""
        first = fold(name).split(" ", 1)[0]
        return self.first_names.get(first)

    def side_word(self, text: str) -> str | None:
        """The side a title word implies ("congressman" -> "United States"), or None."""
        if self._side_words_re is None:
            return None
        m = self._side_words_re.search(fold(text))
        return self.side_words[m.group(0)] if m else None


def _read_actors(path: str | None) -> dict[str, Any]:
    try:
        if path is None:
            with resources.files("claimtrack").joinpath("data/actors.toml").open("rb") as f:
                return tomllib.load(f)
        with Path(path).open("rb") as f:
            return tomllib.load(f)
    except OSError as e:
        raise ClaimtrackError(f"Cannot read actors file {path}: {e.strerror}") from None
    except tomllib.TOMLDecodeError as e:
        raise ClaimtrackError(f"{path or 'actors.toml'}: not valid TOML ({e})") from None


@functools.lru_cache(maxsize=4)
def default_registry(path: str | None = None) -> Registry:
    """The registry of ``data/actors.toml`` (or of ``path``), built once."""
    return Registry(_read_actors(path))


# ---------------------------------------------------------------------- acronyms
_ACRONYM = re.compile(r"\((?P<a>[A-Z][A-Za-z&]{1,7})\)")
_ACRONYM_GLUE = frozenset(("of", "for", "and", "on", "the", "de", "du", "des", "la", "&"))
_NAME_TOKEN = re.compile(r"[\w&’'.-]+")


def initials(name: str) -> str:
    """Capital initials of a name's words, function words skipped:
    ``initials("Directorate of Industrial Safety and Health") == "DISH"``."""
    out = []
    for w in name.split():
        if w.lower() in _ACRONYM_GLUE:
            continue
        if not w[:1].isupper():
            return ""
        out.append(w[0])
    return "".join(out)


def acronym_definitions(text: str) -> list[tuple[str, str]]:
    """``(acronym, full name)`` pairs a text defines in parentheses:
    "the Central Electoral Commission (CEC)" -> ``("CEC", "Central Electoral Commission")``.
    The name is the shortest run of words just before the parenthesis whose initials spell
    the acronym's capitals; anything else is not a definition."""
    out: list[tuple[str, str]] = []
    if "(" not in text:
        return out
    for m in _ACRONYM.finditer(text):
        acr = m.group("a")
        caps = "".join(c for c in acr if c.isupper())
        if len(caps) < 2 or (not acr[1:].replace("&", "").isupper() and len(caps) < 3):
            continue
        words = _NAME_TOKEN.findall(text[max(0, m.start() - 120) : m.start()])
        for k in range(len(words) - 1, -1, -1):
            name = " ".join(words[k:])
            if words[k].lower() in _ACRONYM_GLUE:
                continue
            got = initials(name)
            if got == caps:
                out.append((acr, _strip_possessive_words(name)))
                break
            if not got or len(got) > len(caps):
                break
    return out


def _heads_of(actor: Actor) -> set[str]:
    """The head words a definite description of a person may end in: the last word of
    the role and of an unnamed person's description ("governor", "president")."""
    heads = set()
    for text in (actor.role or "", actor.name):
        words = fold(text).replace("-", " ").split()
        if words:
            heads.add(words[-1])
    return heads


_DEPUTY = ("vice-", "vice ", "deputy ", "ex-", "former ", "assistant ")


def _inside(word: str, text: str) -> bool:
    """``word`` inside ``text`` ("minister" in "prime-minister"), but not as the deputy's
    title: "president" is not in "vice-president"."""
    return word in text and not any(f"{p}{word}" in text for p in _DEPUTY)


def _strip_possessive_words(name: str) -> str:
    return name.strip(" ,.")


# ---------------------------------------------------------------------- context
@dataclass
class Entity:
    """Somebody introduced in the current article."""

    actor: Actor
    tokens: frozenset[str]  # folded name tokens, for surname matches
    last: int = 0  # sentence counter at last mention


@dataclass
class SpeakerContext:
    """Per-article memory of who has been mentioned, for later short references.

    ``resolve_name`` turns "Finkelstein" into the "Claire Finkelstein" introduced
    before; ``resolve_pronoun`` turns "she" into the last compatible person;
    ``resolve_definite`` turns "the ministry" or "the Ukrainian president" into the
    matching body or person.
    """

    registry: Registry = field(default_factory=default_registry)
    entities: list[Entity] = field(default_factory=list)
    clock: int = 0
    last_speaker: Actor | None = None
    last_document_issuer: Actor | None = None
    acronyms: dict[str, Actor] = field(default_factory=dict)  # "cec" -> the body it names

    texts: list[str] = field(default_factory=list)  # paragraphs so far, for initials

    def define_acronyms(self, text: str) -> None:
        """Remember the acronyms ``text`` defines ("the Democratic Renewal Movement
        (DRM)"), so that a later "the DRM said" is that body."""
        self.texts.append(text)
        for acr, full in acronym_definitions(text):
            key = fold(acr)
            if key in self.acronyms:
                continue
            actor = self.registry.resolve(full, exact=True)
            if actor is None:
                actor = Actor(name=full, kind="body", side=self.registry.side_for(full))
            self.acronyms[key] = actor

    def _spelled_out(self, acr: str) -> Actor | None:
        """The body named earlier in the article whose initials spell ``acr``
        ("the Athletics Integrity Unit" for "AIU"), most recent first."""
        if not acr.isalpha():
            return None
        pattern = re.compile(
            r"\b" + r"[\w’'-]*\s+(?:(?:of|for|and|on|the)\s+)*".join(acr) + r"[\w’'-]*"
        )
        for text in reversed(self.texts):
            for m in pattern.finditer(text):
                full = m.group(0)
                if initials(full) == acr:
                    actor = self.registry.resolve(full, exact=True)
                    return actor or Actor(name=full, kind="body", side=self.registry.side_for(full))
        return None

    def tick(self) -> None:
        self.clock += 1

    def remember(self, actor: Actor) -> Actor:
        """Record a mention of ``actor`` (most recent first for later lookups)."""
        tokens = frozenset(t for t in _NAME_SPLIT.split(fold(actor.name)) if len(t) > 1)
        for e in self.entities:
            if e.actor.name == actor.name:
                e.last = max(e.last, self.clock)
                if actor.gender and not e.actor.gender:
                    e.actor = replace(e.actor, gender=actor.gender)
                if actor.role and not e.actor.role:
                    e.actor = replace(e.actor, role=actor.role)
                if actor.side and not e.actor.side:
                    e.actor = replace(e.actor, side=actor.side)
                return e.actor
        self.entities.append(Entity(actor, tokens, self.clock))
        return actor

    def spoke(self, actor: Actor, document: bool = False) -> None:
        self.last_speaker = actor
        if document:
            self.last_document_issuer = actor

    def _recent(self) -> list[Entity]:
        return sorted(self.entities, key=lambda e: e.last, reverse=True)

    def resolve_name(self, name: str) -> tuple[Actor | None, str]:
        """A person or body named by (part of) its name: context first, then registry."""
        key = fold(name)
        toks = [t for t in _NAME_SPLIT.split(_strip_possessive(key)) if t]
        if not toks:
            return None, ""
        if name.isupper() and 2 <= len(_strip_possessive(key)) <= 6:
            known = self.acronyms.get(_strip_possessive(key))
            if known is not None:
                return known, f"{name!r} is {known.name!r}, the acronym defined earlier"
            if self.registry.resolve(name) is None:
                spelled = self._spelled_out(_strip_possessive(key).upper())
                if spelled is not None:
                    self.acronyms[_strip_possessive(key)] = spelled
                    return spelled, f"{name!r} is {spelled.name!r}, named in full earlier"
        wanted = frozenset(t for t in toks if len(t) > 1)
        if wanted:
            for e in self._recent():
                if e.actor.kind != "person":
                    continue
                if wanted <= e.tokens and len(wanted) < len(e.tokens):
                    return e.actor, f"{name!r} is {e.actor.name!r} named earlier in the article"
        actor = self.registry.resolve(name)
        if actor is not None:
            return actor, f"{name!r} is the known actor {actor.name!r}"
        return None, ""

    def resolve_pronoun(self, pronoun: str) -> tuple[Actor | None, str]:
        p = pronoun.lower()
        if p in ("he", "she", "i"):
            gender = {"he": "m", "she": "f"}.get(p)
            for e in self._recent():
                if e.actor.kind != "person":
                    continue
                if gender and e.actor.gender and e.actor.gender != gender:
                    continue
                if gender and not e.actor.gender:
                    e.actor = replace(e.actor, gender=gender)
                return e.actor, f"{pronoun!r} is the last person named, {e.actor.name}"
            return None, f"no person before {pronoun!r}"
        if p in ("it",):
            for e in self._recent():
                if e.actor.kind in ("body", "government"):
                    return e.actor, f"{pronoun!r} is the last body named, {e.actor.name}"
            return None, f"no body before {pronoun!r}"
        if p in ("they", "we"):
            for e in self._recent():
                if e.actor.kind in ("group", "body", "government"):
                    return e.actor, f"{pronoun!r} is the last group named, {e.actor.name}"
            return None, f"no group before {pronoun!r}"
        return None, ""

    def resolve_definite(self, head: str, side: str | None = None) -> tuple[Actor | None, str]:
        """ "the ministry", "the service", "the Ukrainian president", "the US leader"."""
        h = fold(head)
        words = h.split()
        for e in self._recent():
            a = e.actor
            text = fold(f"{a.name} {a.role or ''}")
            if side and a.side and a.side != side:
                continue
            if a.kind in ("person", "group") and words and words[-1] not in _heads_of(a):
                continue  # "the bank" is not "the central bank governor"
            if all(w in text.split() or _inside(w, text) for w in words):
                return a, f"'the {head}' is {a.name}, named earlier in the article"
        if side:
            for a in self.registry.actors:
                if a.kind == "person" and a.side == side and a.role and fold(a.role) == h:
                    return a, f"'the {head}' of {side} is {a.name}"
        return None, ""

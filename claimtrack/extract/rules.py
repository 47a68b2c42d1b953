"""Patterns and closed word lists the extraction rules share; lexicon-driven patterns are
compiled once per lexicon by ``rules_for``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from claimtrack.lexicon import Lexicon

from .text import MASK, Tok


def _phrase_re(phrase: str) -> str:
    out = []
    for w in phrase.split():
        if w == "*":
            out.append(r"(?:[\w’'\-]+\s+){0,2}?")
            continue
        out.append(re.escape(w).replace("'", "['’]") + r"\s+")
    return "".join(out)[: -len(r"\s+")] if out[-1].endswith(r"\s+") else "".join(out)


def _match_words(toks: Sequence[Tok], i: int, words: tuple[str, ...]) -> int:
    """End index (exclusive) of ``words`` matched at token ``i``, or 0. ``*`` matches
    zero to two tokens."""
    n = len(toks)
    for k, w in enumerate(words):
        if w == "*":
            rest = words[k + 1 :]
            for skip in range(3):
                end = _match_words(toks, i + skip, rest) if rest else i + skip
                if end:
                    return end
            return 0
        if i >= n or toks[i].low != w:
            return 0
        i += 1
    return i


def _match_seq(words: Sequence[str], i: int, seq: tuple[str, ...]) -> int:
    """Like ``_match_words`` on plain lower-case words."""
    n = len(words)
    for k, w in enumerate(seq):
        if w == "*":
            rest = seq[k + 1 :]
            for skip in range(4):
                end = _match_seq(words, i + skip, rest) if rest else i + skip
                if end:
                    return end
            return 0
        if i >= n or words[i] != w:
            return 0
        i += 1
    return i


def _word_index(phrases: Iterable[tuple[str, Any]]) -> dict[str, list[tuple[tuple[str, ...], Any]]]:
    """First word -> [(words, value)], longest first: phrases matched token by token."""
    index: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
    for phrase, value in phrases:
        words = tuple(phrase.split())
        index.setdefault(words[0], []).append((words, value))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


_ROLE_WORDS = {
    "sen.": "senator", "sen": "senator", "rep.": "representative", "rep": "representative",
    "gov.": "governor", "gov": "governor", "gen.": "general", "lt.": "lieutenant",
    "col.": "colonel", "maj.": "major", "capt.": "captain", "adm.": "admiral",
    "sgt.": "sergeant", "prof.": "professor", "pm": "prime minister",
}  # fmt: skip


_HONORIFICS = frozenset(("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."))


def _role(titles: Sequence[str]) -> str | None:
    """Title words as a role: abbreviations spelled out, honorifics dropped."""
    words = [_ROLE_WORDS.get(t, t) for t in titles if t not in _HONORIFICS]
    return " ".join(words) or None


def _title_index(titles: Iterable[str]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for t in sorted(titles, key=len, reverse=True):
        index.setdefault(t.split()[0].rstrip("."), []).append(t)
    return index


def _named_body_words(entries: Iterable[str]) -> dict[str, frozenset[str]]:
    """ "club FC" entries as {"club": {"FC", ...}}."""
    out: dict[str, set[str]] = {}
    for e in entries:
        noun, word = e.split(None, 1)
        out.setdefault(noun, set()).add(word)
    return {k: frozenset(v) for k, v in out.items()}


def _alternation(phrases: Iterable[str]) -> str:
    return "|".join(_phrase_re(p) for p in sorted(set(phrases), key=lambda p: (-len(p), p)))


@dataclass
class Rules:
    lexicon: Lexicon
    immune: frozenset[str]
    negators: frozenset[str]
    channel_re: re.Pattern[str]
    listeners: frozenset[str]
    between: frozenset[str]
    determiners: frozenset[str]
    modifiers: frozenset[str]
    generic: frozenset[str]
    documents: frozenset[str]
    excluded: frozenset[str]
    body_heads: frozenset[str]
    state_heads: frozenset[str]
    titles: frozenset[str]  # every word of every title
    title_index: dict[str, list[str]]
    particles: frozenset[str]
    claim_nouns: frozenset[str]
    # "club" -> {"Club", "FC", ...}: words of the names bodies called so are named with
    named_body_words: dict[str, frozenset[str]] = field(default_factory=dict)
    cue_index: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    triggers: frozenset[str] = frozenset()  # words without which a sentence has no cue
    stance_index: dict[str, list[tuple[tuple[str, ...], Any]]] = field(default_factory=dict)
    mask_index: dict[str, list[tuple[tuple[str, ...], Any]]] = field(default_factory=dict)
    hedge_re: re.Pattern[str] | None = None
    # a capitalised word and two more, each capitalised or a name particle: the least a
    # "Title First Last" run needs (a shortcut; see _remember_titled)
    name_run_re: re.Pattern[str] | None = None


def rules_for(lexicon: Lexicon) -> Rules:
    """Patterns compiled once per lexicon (kept in ``lexicon.cache``)."""
    cached = lexicon.cache.get("rules")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    forms = sorted(set(lexicon.verbs) | set(lexicon.document_verbs))  # an order of its own
    w = lexicon.words
    channel_re = re.compile(r"\s*(?:" + _alternation(w("channel.phrases")) + r")\b", re.I)
    titles = w("speaker.titles")
    rules = Rules(
        lexicon=lexicon,
        immune=lexicon.negation_immune,
        negators=lexicon.negators,
        channel_re=channel_re,
        listeners=w("channel.listeners"),
        between=frozenset(x for x in w("between.auxiliaries") if " " not in x),
        determiners=w("speaker.determiners"),
        modifiers=w("speaker.modifiers"),
        generic=w("speaker.generic"),
        documents=w("speaker.documents"),
        excluded=w("speaker.excluded"),
        body_heads=w("speaker.body_heads"),
        state_heads=w("speaker.state_heads"),
        titles=frozenset(x for t in titles for x in t.split() if x not in _FUNCTION_WORDS),
        title_index=_title_index(titles),
        particles=w("speaker.name_particles"),
        name_run_re=re.compile(
            r"[^\W\d_a-z]\S*(?:\s+(?:[^\W\d_a-z]\S*|(?:"
            + "|".join(re.escape(x) for x in sorted(w("speaker.name_particles")))
            + r")(?![\w'’-]))){2}"
        ),
        claim_nouns=lexicon.claim_nouns,
        named_body_words=_named_body_words(w("speaker.named_body_words")),
        cue_index=_word_index((f, f) for f in forms),
        triggers=frozenset(f.split()[0] for f in forms) | _SPECIAL_WORDS,
        stance_index=_word_index(
            (phrase, (stance, phrase))
            for stance in lexicon.priority
            for phrase in lexicon.cues.get(stance, ())
        ),
        mask_index=_word_index((phrase, phrase) for phrase in lexicon.masks),
        hedge_re=re.compile(
            r"^(?:\s*[\w’'.-]+){0,4}?[\s,;(–—-]{0,3}(?:" + _alternation(lexicon.hedges) + r")\b",
            re.I,
        )
        if lexicon.hedges
        else None,
    )
    lexicon.cache["rules"] = rules
    return rules


# Words that can open a sentence without being part of its subject.
_FUNCTION_CAPS = frozenset(
    """but and yet so or nor meanwhile however now also still instead indeed conversely then
    in on at as while when although though because if since despite following like unlike
    asked speaking according earlier later elsewhere alongside after before during until
    amid among with without from for by to of here there this that these those shortly hours
    days weeks months separately similarly likewise overall thus hence today yesterday
    tonight last next under over into onto upon within across against toward towards around
    ahead beyond near outside inside throughout what why how where which who whom whose
    whether once nearly almost about some many most each every all both either neither
    more less such other another another's""".split()
)


_PREPS = frozenset("of for at on in to from with".split())


# Prepositions whose object is never the subject of the verb that follows: "the row over
# the laboratory threatened", "the dispute with the ministry warned"
_PP_OPENERS = frozenset(
    """over about with against into onto toward towards between among amid despite regarding
    concerning surrounding beyond behind under""".split()
)
_PLACE_NOUNS = frozenset(
    "region country city state province nation territory capital island enclave town".split()
)


_FUNCTION_WORDS = frozenset("of for at on in to from with the a an and".split())


_CONJ = frozenset(("and", "but", "or", "nor"))


_BE = frozenset("is are was were be been being".split())


_HAVE = frozenset("has have had".split())


_AMBIGUOUS = frozenset(
    """claims claim reports report states notes calls questions question doubts demands promises posts
    charges appeals cites cite identified proposed""".split()
)


_ATTACH_BEFORE = frozenset(
    ",;–—- after before while when by without and or also then thereby even".split()
)


_FRONTED = frozenset(
    """on in at earlier later late early last this speaking writing addressing after before
    during shortly hours days weeks meanwhile separately yesterday today tonight overnight
    asked responding then also since following""".split()
)


# Documents that speak for whoever issued them ("the statement read").
_ISSUED = frozenset(
    "statement post letter communique readout message tweet release declaration".split()
)


_ACADEMIC = frozenset(
    """studies study institute university college school centre center foundation think
    tank programme program research academy""".split()
)


_PRIVATE_HEADS = _ACADEMIC | frozenset(
    """association associations chamber company corporation firm ltd inc plc""".split()
)


# Words inside a generic speaker that keep it from speaking for a government:
# "local media", "independent media", "a club official", "a team spokesman"
_UNOFFICIAL_MARKS = frozenset(
    """independent private club clubs team teams company firm league""".split()
)


_ITS_ROLE = re.compile(r"(?:(?<=\s)|^)[Ii]ts\s+[a-z]+(?:\s+[a-z]+)?\s*,")


_PRESS = frozenset("media press outlets newspapers papers broadcasters".split())


_PARTISAN = frozenset(
    "allies supporters critics opponents rivals friends family relatives lawyers lawyer".split()
)


# Heads whose unqualified speaker does not speak for the country the article is about
# ("diplomats said", "a company said"); "the military", "an official" do.
_NOT_NATIONAL = frozenset(
    """diplomat diplomats company companies firm firms allies partners countries nations
    states members representatives group groups organisation organization organisations
    organizations community communities investors bloc alliance coalition""".split()
)


_NON_OFFICIAL = frozenset(
    """analyst analysts expert experts professor researcher researchers scholar scholars fellow
    economist economists correspondent journalist journalists reporter activist activists
    lawyer lawyers attorney attorneys doctor doctors director founder co-founder ceo host
    presenter resident residents witness witnesses protester protesters survivor survivors
    student students teacher worker workers volunteer volunteers member members observer
    observers critic critics campaigners people man woman boy girl child mother father
    farmer farmers community family families relatives expert's analyst's site website
    monitor think tank source sources team club clubs league
    airline carrier university charity foundation insurer manufacturer clinic union unions
    board lab laboratory manager managers engineer engineers scientist scientists physician
    physicians nurse pilot pilots consultant technician geologist hydrologist epidemiologist
    virologist lecturer historian coach surgeon surgeons""".split()
)


_PRONOUNS = frozenset(("he", "she", "they", "it", "we", "i"))


_WORD = re.compile(r"[\w'-]+")


_LOW_WORD = re.compile(r"\b[a-z]+\b")


_POSS_END = re.compile(r"['’]s?$")


_SPACE_APOS = re.compile(r"\s+([’'])")


_CAP_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*")


_OWNER_BEFORE = re.compile(r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)['’]s\s+(?:[a-z-]+\s+){0,3}$")


_CAP_WORD = re.compile(r"\b[A-Z][\w-]*(?:['’]s\b)?")


# "Arlandia's opposition", "the president of Arlandia"
_NATION_OF = re.compile(
    r"\b(?P<x>[A-Z][a-z]{3,})['’]s (?P<hx>[a-z]+)\b"
    r"|\b(?:the )?(?P<hy>[a-z]+) of (?P<y>[A-Z][a-z]{3,})\b(?!['’-]| [A-Z])"
)


_REGION_OF = re.compile(
    r"\b([A-Z][\w-]+)\s+(?:state|province|region|district|county|city|town|prefecture|"
    r"governorate|oblast)\s+of\s+([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)"
)


_LOWER_LEAD = re.compile(r"(?:\b[a-z]+\s+){1,3}$")  # "commission trade " before a title


_COMPANY = re.compile(
    r"\b((?:[A-Z][\w&’'-]+\s+){1,3}(?:Chemicals|Industries|Holdings|Group|Ltd|Limited|Inc|"
    r"Corp|Corporation|Company|Pharmaceuticals|Motors|Mining|Petroleum|Airlines|Technologies|"
    r"Foods|Steel|Textiles|Logistics|Telecom|Bank|Plc|PLC|LLC|AG|SA))\b"
)


_CAP_RUN_OF = re.compile(r"[A-Z][\w’'\-]*(?:\s+(?:of\s+)?[A-Z][\w’'\-]*)*")


_IN_PLACE = re.compile(r"\bin\s+(?:the\s+)?([A-Z]\w+(?:\s[A-Z]\w+)?)(?:['’]s)?")


_POSS_PLACE = re.compile(r"\b(?:in|of|near|across)\s+([A-Z]\w+(?:\s[A-Z]\w+)?)['’]s\s+[A-Z]")


_LEAD_DET = re.compile(r"^(?:the|a|an)\s+")


_SPACES = re.compile(r"\s+")


_GAP_PUNCT = re.compile(r"[\s,;:–—-]*")


_GAP_END = re.compile(r"[:,]\s*$")


_GAP_THAT = re.compile(r"\b(?:that|whether|if)\b")


_CLAUSE_STOP = re.compile(r"[,;:–—(]|$")


_FAMILIAR = re.compile(
    r"\b((?:[Pp]eople|[Ss]ources|[Oo]fficials|[Aa] person|[Aa] source|[Aa]n official|"
    r"(?:[Tt]wo|[Tt]hree|[Ss]everal|[Mm]ultiple) (?:people|sources|officials))\s+"
    r"(?:familiar with|briefed on|with (?:direct )?knowledge of|close to|involved in)\s+"
    r"(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+)?)(?:,[^,]{0,80},)?"
    r"(?:\s+(?:have|has|had|also|previously|privately|separately))*\s*$"
)


_US_PARTY = re.compile(r"[RDI]-[A-Z][A-Za-z.]*\.?")


# Words that may follow a verb of saying and open what was said.
_CLAUSE_OPENERS = frozenset(
    """that the a an it its his her their this these those he she they we there in on to
    without no any some both""".split()
)


_GAP_EMBED = re.compile(r"\s*(?:that\s*)?")


_TIME_PREPS = frozenset(("", "on", "in", "late on", "early on", "earlier on", "late", "early"))


_SEG_SPLIT = re.compile(r",(?!\s*\d{4})")


_PLACE_AFTER = re.compile(r"\s*(?:in|at)\s+[A-Z][\w-]+(?:,\s*[A-Z][\w-]+)?")


# "said after the game on April 26": spoken right after the event the date names
_OCCASION = re.compile(
    r"\s*(?:after|following|during|before)\s+(?:the|a|an|his|her|its|their)\s+"
    r"(?:game|match|meeting|talks|hearing|session|vote|race|summit|briefing|visit|"
    r"ceremony|trial|debate|final)\b",
    re.I,
)


# "identified the first voice as that of Peter Banda": who a recorded voice is
_IDENTIFIED_AS = re.compile(
    r"\bidentified (?:the (?:first |second )?(?:voice|man|woman|speaker|caller)|him|her) as "
    r"(?:that of |being )?((?:[A-Z][\w’'-]+\s?){2,3})"
)


# "the company running the plant", "the firm that operates": a head noun's modifier
_REDUCED_RELATIVE = frozenset(
    "running operating managing owning representing overseeing leading behind".split()
)


# narration of a document's release: "the bank issued a clarification"
_ISSUED_DOC = re.compile(
    r"\b(?:issued|released|published|put out)\s+(?:a|an|its|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:statement|clarification|correction|communiqu[eé]|notice|press release|denial)\b"
)


_HEDGED = re.compile(r"\b(?:possibly|perhaps|maybe|probably|might|could well)\b", re.I)


_CONTRAST_END = re.compile(r"\b(?:but|while|whereas|though|although|yet)\s*,?\s*$", re.I)


_LEFT_DET = re.compile(r"(?:\b(?:the|a|an|then|its|his|her|their)\s+)+$", re.I)


_AT_THE_TIME = re.compile(r"\s*(?:\w+\s+){0,2}?at the time\b", re.I)


_WHEN_CLAUSE = re.compile(r",\s*when\b", re.I)


# "said in a statement carried by KCNA on Wednesday": the outlet that relayed the words
_RELAYED_BY = re.compile(
    r"\s*(?:carried|published|released|relayed|broadcast|aired|distributed) by (?:the )?"
    r"(?:state(?:-run)? )?(?:[a-z]+ )?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,5}"
)


_TIME_HINT = re.compile(
    r"\d|day\b|yesterday|week|month|year|earlier|recently|ago\b|tonight|morning|evening|"
    r"night|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec",
    re.I,
)


_NO_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": "", "”": "", '"': "", "„": ""})


_MODAL_NT = ("won", "wouldn", "can", "couldn", "shouldn", "mustn", "shan")


_NEUTRAL_PARTICIPLES = frozenset(
    "saying adding stating noting insisting arguing explaining writing telling".split()
)


_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december""".split()
)


# What may follow an inverted subject ('"…," said Peskov, adding …').
_AFTER_INVERTED = frozenset(
    """as who when while adding according in on at during after before speaking whose
    referring noting citing saying""".split()
)


_TIME_WORDS = frozenset("morning afternoon evening night week month year".split())


_ADJECTIVE = re.compile(r"^[a-z]{3,}(?:al|ary|ic|ical|ian|ese|ish|ive|ous|ist|ern)$")


_DATELINE = re.compile(
    r"^[A-Z][A-Z'’. -]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*"
    r"(?:\([^)]{1,30}\))?\s*(?:—|–|--|-)\s+"
)


_AGE = re.compile(r"^[\w-]+-(?:year|month)-old$", re.I)


_DOC_PREFIX = re.compile(
    r"^(?:(?:an?|the)\s+)?(?:(?:\w+\s+){0,3}?(?:analysis|data|tally|figures|video|report|"
    r"reports|statement|count|estimate|estimates|survey|study|assessment|investigation|review|"
    r"post|message|footage|images|records|documents|readout|transcript|poll|census|results|"
    r"findings|statistics|numbers|projections|forecast|forecasts)"
    r"(?:\s+(?:of\s+data|released|published|issued|compiled|posted|shared|provided))?"
    r"(?:\s+(?:on|in)\s+[\w\s]{1,20}?)?\s+(?:by|from|of)\s+)",
    re.I,
)


_TRAILING_DOC = frozenset(
    "data figures report reports statement statements estimates analysis count tally".split()
)


_NOMINAL_NOUNS = (
    "allegation|allegations|claim|claims|declaration|announcement|accusation|accusations|"
    "assertion|assertions|remarks|denial|denials|warning|warnings|pledge|insistence|"
    "admission|demand|demands|threat|proposal|suggestion|statement|statements|rejection"
)
# a possessor: a name ("Kyiv's", "Prime Minister Sanae Takaichi's") or a body named by a
# common noun ("the ministry's", "the Sudanese army's")
_POSSESSOR = (
    r"(?:[Tt]he\s+(?:[\w-]+\s+){0,2}?[a-z][\w-]*"
    r"|(?:[A-Z][\w.\-]*(?:[’']s)?\s+){0,4}?[A-Z][\w.\-]*)"
)


_NOMINAL_POSS = re.compile(
    r"(?P<np>" + _POSSESSOR + r")[’']s\s+(?:(?:own|recent|earlier|"
    r"latest|previous|new|initial|first|repeated|unfounded|baseless|false)\s+)?(?P<noun>"
    + _NOMINAL_NOUNS
    + r")\s+(?P<link>that|of)\b"
)


# "Kyiv's denial came hours later": a denial needs no "that" clause to say which way
_NOMINAL_DENIAL = re.compile(
    r"(?P<np>" + _POSSESSOR + r")[’']s\s+(?:(?:swift|quick|flat|"
    r"categorical|repeated|earlier|initial|strong|official)\s+)?(?P<noun>denials?|rejection)\b"
    r"(?!\s+(?:that|of)\b)"
)


_NOMINAL_BY = re.compile(
    r"\b(?P<noun>"
    + _NOMINAL_NOUNS
    + r")\s+(?:(?:of\s+\S+\s+)?(?:by|from)\s+(?P<np>(?:(?:the|[A-Z][\w’'.\-]*|[a-z]+)\s+){0,6}?"
    r"[A-Z][\w’'.\-]*)(?P<that>\s+that\b)|of\s+\S+\s+(?:by|from)\s+(?P<np2>(?:the\s+)?"
    r"[A-Z][\w’'.\-]*(?:\s+(?:of\s+)?[A-Z][\w’'.\-]*)*))"
)


_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+")


_QUOTED_AS = re.compile(
    r"\b(?P<verb>quoted|quoting|cited|citing)\s+(?P<np>[^,;:" + MASK + r"]{2,80}?)\s+as\s+saying\b"
)


_QUOTING = re.compile(
    r"\b(?P<verb>quoting|citing)\s+(?P<np>(?:the\s+|an?\s+)?[\w’'\- ]{2,60}?)(?=,)"
)


# Words that make the slower special patterns worth trying on a sentence.
_SPECIAL_WORDS = frozenset(
    """according quoted quoting cited citing rejection allegation allegations claim claims declaration
    announcement accusation accusations assertion assertions remarks denial denials warning
    warnings pledge insistence admission demand demands threat proposal suggestion statement
    statements""".split()
)

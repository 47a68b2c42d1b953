"""Speaker noun phrases: titles, roles, names, bodies and pronouns, and the actor each names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from claimtrack.actors import Actor, fold

from .rules import (
    _ACADEMIC,
    _ADJECTIVE,
    _AGE,
    _CAP_RUN,
    _CAP_RUN_OF,
    _COMPANY,
    _CONJ,
    _DATELINE,
    _FUNCTION_CAPS,
    _IN_PLACE,
    _ISSUED,
    _ITS_ROLE,
    _LOWER_LEAD,
    _NON_OFFICIAL,
    _NOT_NAMES,
    _NOT_NATIONAL,
    _OWNER_BEFORE,
    _PARTISAN,
    _PLACE_NOUNS,
    _POSS_END,
    _POSS_PLACE,
    _PREPS,
    _PRESS,
    _PRIVATE_HEADS,
    _PRONOUNS,
    _SPACE_APOS,
    _UNOFFICIAL_MARKS,
    _WORD,
    _role,
)
from .state import Candidate, Mention, _State
from .text import Paragraph, Sentence, Tok, _strip_poss

# "Moscow released what it said was footage": "it" is the subject of the verb before
_WHAT_IT = re.compile(r"\b[A-Z][\w’'-]*\s+[a-z]+(?:ed|s)\s+(?:what|which)\s+$")


_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


class NounPhrases(_State):
    """Speaker noun phrases analysed, and the actor each one names."""

    def _np_tok(self, tok: Tok, right: Tok | None) -> bool:
        """Whether ``tok`` may be part of a speaker noun phrase whose next word is ``right``."""
        if tok.quote:
            return False
        low = tok.low
        if not low or not (low[0].isalnum()):
            return low in ("&",) and right is not None and right.cap
        if tok.cap:
            if low in _FUNCTION_CAPS and low not in self.rules.determiners and tok.text != "WHO":
                return False
            # "On Tuesday the ministry denied": a weekday followed by a determiner is the
            # time before the subject, not part of it
            return not (low in _WEEKDAYS and right is not None and right.low in ("the", "a", "an"))
        r = self.rules
        if low in _PREPS:
            return (
                right is not None
                and (right.cap or right.low in r.determiners)
                and right.low not in _NOT_NAMES  # "on Wednesday" is a time, not a name
            )
        if low == "and":
            return right is not None and (
                right.cap
                or right.low in r.generic
                or right.low in r.modifiers
                or right.low in r.determiners
            )
        if (
            low in r.determiners
            or low in r.modifiers
            or low in r.generic
            or low in r.titles
            or low in r.body_heads
        ):
            return True
        if low in r.particles or low.startswith(("al-", "el-", "bin-", "abu-")):
            return True
        if low.endswith(("'s", "s'")):
            return right is not None
        if _AGE.match(low):
            return True
        if (
            right is not None
            and (right.low in r.generic or right.low in r.titles)
            and ("-" in low or _ADJECTIVE.match(low))
        ):
            return True  # "Russian-installed governor", "electoral commission"
        if (
            right is not None
            and (right.low in r.body_heads or (right.low.endswith("s'") and not right.cap))
            and low.isalpha()
            and not low.endswith(("ed", "ing"))
            and low not in self.lex.verbs
        ):
            return True  # a noun before an institution: "fisheries ministry", "water authority"
        return False

    def _sentence_subject(self, par: Paragraph, sent: Sentence) -> Mention | None:
        """The subject at the start of a sentence, after a fronted phrase."""
        toks = sent.toks
        k = 0
        dl = _DATELINE.match(par.text, sent.start, sent.end)
        if dl is not None:  # "NAIROBI, March 5 (Reuters) - Kenya's central bank …"
            k = self._tok_index(sent, dl.end())
        # skip a fronted phrase: "After that meeting, …", "Before Zelenskyy arrived, …"
        if (
            k < len(toks)
            and toks[k].low in _FUNCTION_CAPS
            and toks[k].low not in self.rules.determiners
        ):
            for j in range(k, min(len(toks), k + 25)):
                if toks[j].text == ",":
                    k = j + 1
                    break
        e = k
        while e < len(toks) and self._np_tok(toks[e], toks[e + 1] if e + 1 < len(toks) else None):
            e += 1
        while e - 1 > k and (toks[e - 1].low in _PREPS or toks[e - 1].low in _CONJ):
            e -= 1
        if e == k:
            if k < len(toks) and toks[k].low in ("he", "she", "they", "it", "we"):
                return self._analyse(par, sent, k, k)
            return None
        return self._analyse(par, sent, k, e - 1)

    def _analyse(
        self, par: Paragraph, sent: Sentence, a: int, b: int, appositive: bool = False
    ) -> Mention | None:
        """What the tokens ``a..b`` of a sentence say about a speaker: a name (with
        title, side and organisation stripped off), a pronoun, a definite description
        ("the ministry"), a generic group ("Russian officials"), or a joint subject."""
        r = self.rules
        toks = sent.toks[a : b + 1]
        while toks and (toks[0].low in _FUNCTION_CAPS and toks[0].low not in r.determiners):
            toks = toks[1:]
        while toks and toks[-1].text in (",", ".", "&", "(", ")"):
            toks = toks[:-1]
        if not toks:
            return None
        text = par.text[toks[0].start : toks[-1].end]
        m = Mention(text, toks[0].start, toks[-1].end, "generic")
        if len(toks) == 1 and toks[0].low in _PRONOUNS:
            m.kind = "pronoun"
            return m
        if len(toks) > 40:
            return None
        det = None
        while toks and toks[0].low in r.determiners and not toks[0].low.endswith("'s"):
            det = det or toks[0].low
            toks = toks[1:]
            if toks and toks[0].low == "of":  # "one of the …"
                toks = toks[1:]
        if toks and _AGE.match(toks[0].low):
            toks = toks[1:]
        if not toks:
            return None
        if (
            len(toks) >= 2
            and toks[-1].low in _ISSUED
            and (toks[-2].cap or toks[-2].low in r.generic or toks[-2].low in r.body_heads)
        ):
            # "a Kremlin statement said", "a government statement said": the issuer speaks
            m.reasons.append(f"{text!r}: the issuer of the {toks[-1].low} speaks")
            toks = toks[:-1]
            det = "the" if det in ("a", "an") else det
        m.det = det
        # the whole phrase may be a known actor: "the Russian Ministry of Defence", "ACLED"
        full = par.text[toks[0].start : toks[-1].end]
        if any(t.cap for t in toks):
            known = self.reg.resolve(full, exact=True)
            if known is not None:
                return self._known(m, known, full)
        # joint subjects: "Trump and Zelenskyy", "Saudi and Yemeni officials"
        if not appositive and any(t.low == "and" for t in toks):
            parts = self._split_joint(par, sent, toks)
            if parts:
                m.kind = "joint"
                m.parts = parts
                return m
        # a possessor before the first preposition: "Russia's", "Trump's special envoy"
        first_prep = next((k for k, t in enumerate(toks) if t.low in _PREPS), len(toks))
        last_poss = -1
        for k, t in enumerate(toks[:first_prep]):
            if t.low.endswith(("'s", "s'")) and k < len(toks) - 1:
                last_poss = k
        side: str | None = None
        poss_actor: Actor | None = None
        poss_name = ""  # an unknown possessor: "Westmark's government"
        poss_country = None  # "Kenya's central bank" -> "Kenyan central bank"
        if last_poss >= 0:
            poss_toks = toks[: last_poss + 1]
            poss_text = _POSS_END.sub("", " ".join(t.text for t in poss_toks))
            country = self.reg.demonym(toks[last_poss].text) if last_poss == 0 else None
            if country:
                side = country
                poss_country = country
            elif poss_toks[0].cap:
                actor = self.reg.resolve(poss_text) or self.ctx.resolve_name(poss_text)[0]
                if actor is not None:
                    poss_actor = actor
                    side = actor.side
                elif all(t.cap for t in poss_toks):
                    poss_name = poss_text
            if side is None:
                side = self.reg.demonym(toks[last_poss].text)
            if side is None and poss_actor is None and last_poss > 0:
                # "the Egyptian cabinet's media centre": the possessor's nationality
                side = self.reg.demonym(poss_toks[0].text)
            if side is not None or poss_actor is not None:
                known = self.reg.resolve(par.text[toks[0].start : toks[-1].end], exact=True)
                if known is not None:
                    return self._known(m, known, full)
        rest = toks[last_poss + 1 :]
        if not rest:
            return None
        role_words: list[str] = []
        name_toks: list[Tok] = []
        heads: list[str] = []
        official = False
        org: Actor | None = None
        org_prep = ""
        k = 0
        n = len(rest)
        while k < n:
            t = rest[k]
            low = t.low
            nxt = rest[k + 1] if k + 1 < n else None
            if low in _PREPS and (name_toks or heads or role_words):
                tail = []
                for x in rest[k + 1 :]:
                    if x.low in ("in", "at", "from", "near", "based"):
                        break  # "… Council in Yemen's Hadramout": a place, not the name
                    if x.low not in r.determiners and (
                        x.cap or x.low not in r.modifiers or x.low in r.generic
                    ):
                        tail.append(x)
                if (
                    name_toks
                    and role_words
                    and low == "of"
                    and len(tail) == 1
                    and not any(x.low in r.body_heads for x in name_toks)
                ):
                    place = self.reg.resolve(tail[0].text, exact=True)
                    if place is not None and place.kind == "government":
                        # "Interior Minister Rafael Ortiz of Chile": the country of a title
                        side = side or place.side
                        break
                if (
                    role_words
                    and len(name_toks) >= 2
                    and low == "of"
                    and tail
                    and not any(x.low in r.body_heads for x in name_toks)
                ):
                    # "Senator Marcelo Rivas of the opposition Civic Alliance": after a
                    # titled person's full name, "of …" is an affiliation, not the name
                    side = side or self.reg.side_for(" ".join(x.text for x in tail))
                    break
                if name_toks and tail and tail[0].cap and low in ("of", "for"):
                    # "State Emergency Service of Ukraine", "Institute for the Study of War"
                    name_toks.append(t)
                    k += 1
                    continue
                if (heads or role_words) and not name_toks and tail and tail[0].cap:
                    # "representatives of the Southern Transitional Council",
                    # "a spokesperson for China's Ministry of Foreign Affairs"
                    tail_text = " ".join(x.text for x in tail)
                    o = self.reg.resolve(tail_text)
                    if o is None:
                        o = self._tail_org(tail)
                    if o is not None and (o.kind != "person"):
                        org = o
                        org_prep = low
                        if o.side and (low != "in"):
                            side = side or (o.side if o.kind != "body" or o.side else None)
                    elif low in ("of", "for") and not side:
                        c = self.reg.demonym(tail[0].text)
                        if c and (
                            (len(tail) == 1 and low == "of")
                            or any(x.low in r.generic or x.low in r.body_heads for x in tail[1:])
                        ):
                            # "the president of Turkiye", "a spokeswoman for the Kenyan
                            # interior ministry": the country of the institution
                            side = c
                    break
                break
            title = self._title_at(rest, k)
            if title and not (t.cap and name_toks and not self._is_titleword_cap(rest, k)):
                w = len(title.split())
                role_words.append(title)
                official = official or title.split()[-1] not in _NON_OFFICIAL
                if name_toks:
                    # "Kremlin spokesman Dmitry Peskov": a capitalised word before a title
                    # is an institution or a place, not part of the name
                    o = self.reg.resolve(" ".join(x.text for x in name_toks))
                    if o is not None and o.side:
                        side = side or o.side
                    else:
                        side = side or self._side_of_words(name_toks)
                    name_toks = []
                k += w
                continue
            country = self.reg.demonym(t.text)
            if country and not name_toks and (t.cap or "-" in low) and low not in r.generic:
                side = side or country
                k += 1
                continue
            if (
                t.cap
                and low not in _NOT_NAMES
                and not (
                    k == 0 and (low in r.generic or low in r.body_heads) and low not in r.titles
                )
            ):
                if (
                    low in r.modifiers
                    and not name_toks
                    and nxt is not None
                    and (
                        nxt.low in r.titles
                        or (nxt.low in r.generic and not nxt.cap)
                        or self.reg.demonym(nxt.text)
                    )
                ):
                    k += 1  # "Lead Ukrainian negotiator" (but "Democratic Party" is a name)
                    continue
                name_toks.append(t)
                k += 1
                continue
            if low in r.particles or low.startswith(("al-", "el-")):
                name_toks.append(t)
                k += 1
                continue
            if nxt is not None and f"{low} {nxt.low}" in r.generic:
                heads.append(f"{low} {nxt.low}")  # "air force", "coast guard"
                official = True
                k += 2
                continue
            if low in r.generic or low in r.body_heads:
                if (
                    nxt is not None
                    and (nxt.low in r.generic or nxt.low in r.titles)
                    and (low in r.modifiers)
                ):
                    k += 1  # "military expert": a modifier here
                    continue
                heads.append(low)
                official = official or low not in _NON_OFFICIAL
            k += 1
        if not heads and role_words and not name_toks:
            heads = [role_words[-1].split()[-1]]
        m.role = _role(role_words)
        m.official = official
        if org is not None and not name_toks:
            if (
                heads
                and heads[-1] in _ISSUED
                and not role_words
                and org_prep in ("from", "by", "of")
            ):
                # "a statement from the Prime Minister's Office said": the office speaks
                return self._known(m, org, full)
            gen = " ".join(heads) or (m.role or "")
            if org.kind == "government" and role_words and det == "the" and org_prep == "of":
                # "the foreign minister of Brazil": a definite description with a side
                m.kind = "definite"
                m.name = m.role or gen
                m.side = org.side
                m.official = True
                return m
            m.kind = "group-of"
            m.name = f"{org.name} {gen}".strip()
            if org.kind == "government" and org_prep == "in":
                m.name = f"{self.reg.adjective(org.side or org.name)} {gen}"  # officials in Kyiv
            m.org = None
            m.side = side if side else (org.side if org.kind != "person" else None)
            if org.kind == "body" and org.side is None:
                m.side = side
                state = next((w for w in org.name.lower().split() if w in r.state_heads), None)
                if side is None and state is not None and not self._multi_country(m.text):
                    # "KCNA quoted a spokesperson for the Ministry of National Defence":
                    # the ministry of the quoting outlet's state, else of the context
                    sm = self._sentence_subject(par, sent) if m.start > sent.start else None
                    if sm is not None and sm.end <= m.start:
                        outlet = self.reg.resolve(sm.name or sm.text)
                        if outlet is not None and outlet.kind == "body":
                            m.side = outlet.side
                    m.side = m.side or self._context_side(par, sent, state)
                    if m.side:
                        m.name = f"{self.reg.adjective(m.side)} {m.name}"
                        m.reasons.append(f"side {m.side}: a state body ({state!r}) in context")
            return m
        m.side = side or (self.reg.side_word(text) if official else None)
        if poss_actor is not None and poss_actor.kind == "person" and not name_toks:
            m.kind = "generic"
            m.name = f"{poss_actor.name}'s {' '.join(heads) or m.role or 'aides'}"
            # "Trump's allies" are of no single side; "Zelensky's office" speaks for his
            m.side = None if set(heads) & _PARTISAN else poss_actor.side
            m.official = False
            return m
        if name_toks:
            while name_toks and name_toks[-1].low in _PREPS:
                name_toks.pop()
            name = _SPACE_APOS.sub(r"\1", " ".join(t.text for t in name_toks))
            trailing = rest[rest.index(name_toks[-1]) + 1 :] if name_toks else []
            gen_words = []
            for x in trailing:  # "Election officials in Veloria": the words right after
                if (x.low not in r.generic and x.low not in r.modifiers) or x.low in _PREPS:
                    break
                gen_words.append(x.low)
            while gen_words and gen_words[-1] not in r.generic:
                gen_words.pop()
            if gen_words:
                # "Democratic Party lawmakers", "STC representatives", "an Al Jazeera team"
                o = self.reg.resolve(name)
                group = " ".join(gen_words)
                if group in ("team", "staff", "journalists", "reporters", "crew") and o is not None:
                    return self._known(m, o, full)
                m.kind = "group-of"
                m.name = f"{o.name if o else name} {group}"
                m.side = (o.side if o else None) or m.side or self.reg.side_for(name)
                m.official = True
                return m
            m.kind = "name"
            m.name = name
            if any(t.low in r.body_heads for t in name_toks):
                m.side = m.side or self.reg.side_for(name)
            return m
        if not heads:
            return None
        if (
            det == "the"
            or det in ("its", "their", "his", "her")
            or (det is None and last_poss >= 0)
        ):
            m.kind = "definite"
        body = [x for x in rest if x.low not in r.determiners]
        if (
            last_poss >= 0
            and not toks[0].cap
            and poss_actor is None
            and side is None
            and (_POSS_END.sub("", toks[last_poss].low) not in _PLACE_NOUNS)
        ):
            # "the port operators' association": a plain possessor is part of the name
            body = [x for x in toks if x.low not in r.determiners]
        gen = par.text[body[0].start : body[-1].end] if body else ""
        if body and body[0] is sent.toks[0] and body[0].low in r.generic:
            gen = gen[0].lower() + gen[1:]  # "Officials said" -> "officials"
        m.name = gen
        if poss_country is not None and not self.reg.demonym(gen.split()[0]):
            m.kind = "group-of"  # "Kenya's central bank", "Norway's fisheries agency"
            m.name = f"{self.reg.adjective(poss_country)} {gen}"
            m.side = poss_country
            return m
        if poss_name:
            m.kind = "group-of"  # "Westmark's government": a place or body we do not know
            plural = toks[last_poss].text.endswith(("s'", "s’"))
            m.name = f"{poss_name}' {gen}" if plural else f"{poss_name}'s {gen}"
            return m
        if heads[-1] in r.documents and m.kind == "definite" and len(heads) == 1:
            m.kind = "document"
        if det in ("a", "an", "another") and m.kind == "generic":
            m.kind = "indefinite"
        return m

    def _known(self, m: Mention, known: Actor, full: str) -> Mention:
        m.kind = "name"
        m.name = known.name
        m.org = known
        m.side = known.side
        m.official = known.kind != "person" or bool(known.role)
        m.reasons.append(f"{full!r} is the known actor {known.name!r}")
        return m

    def _tail_org(self, tail: Sequence[Tok]) -> Actor | None:
        """An organisation named after "of"/"for": known, or a ministry-like body."""
        words = [t for t in tail if t.cap or t.low in _PREPS or t.low.endswith("'s")]
        text = " ".join(t.text for t in words)
        if not text:
            return None
        known = self.reg.resolve(text)
        if known is not None:
            return known
        if any(t.low in self.rules.body_heads for t in words):
            # a think tank or a university speaks for nobody's government
            academic = any(t.low in _ACADEMIC for t in words)
            side = None if academic else self.reg.side_for(text)
            return Actor(name=text, kind="body", side=side)
        return None

    def _is_titleword_cap(self, toks: Sequence[Tok], k: int) -> bool:
        """A capitalised title inside a name run is still a title when a name follows
        ("Deputy Chairman Dmitry Medvedev")."""
        return k + 1 < len(toks) and toks[k + 1].cap

    def _title_at(self, toks: Sequence[Tok], k: int) -> str | None:
        low = toks[k].low
        if low not in self.rules.titles:
            return None
        for phrase in self.rules.title_index.get(low.rstrip("."), ()):
            words = phrase.split()
            if words[0] != low.rstrip(".") and words[0] != low:
                continue
            if k + len(words) > len(toks):
                continue
            seq = [t.low for t in toks[k : k + len(words)]]
            if all(
                s == w or s.rstrip(".") == w.rstrip(".") for s, w in zip(seq, words, strict=True)
            ):
                # "Minister of Energy": take the department along
                end = k + len(words)
                if words[-1] == "of" and end < len(toks):
                    return phrase + " " + toks[end].low
                if (
                    end + 1 < len(toks)
                    and toks[end].low == "of"
                    and toks[end + 1].low
                    in (
                        "energy",
                        "defence",
                        "defense",
                        "foreign",
                        "health",
                        "interior",
                        "justice",
                        "finance",
                        "economy",
                    )
                ):
                    return phrase + " of " + toks[end + 1].low
                return phrase
        return None

    def _side_of_words(self, toks: Sequence[Tok]) -> str | None:
        for t in toks:
            c = self.reg.demonym(t.text)
            if c:
                return c
        return self.reg.side_for(" ".join(t.text for t in toks))

    def _split_joint(self, par: Paragraph, sent: Sentence, toks: Sequence[Tok]) -> list[Mention]:
        """ "Trump and Zelenskyy" -> two mentions; "observers and analysts" stays one;
        "Saudi and Yemeni officials" -> "Saudi officials", "Yemeni officials"."""
        lows = [t.low for t in toks]
        depth_prep = False
        idx = -1
        for k, low in enumerate(lows):
            if low in _PREPS and k > 0:
                depth_prep = True
            if low == "and" and not depth_prep:
                idx = k
                break
        if idx <= 0 or idx >= len(toks) - 1:
            return []
        left, right = toks[:idx], toks[idx + 1 :]
        if left and left[-1].text == ",":
            left = left[:-1]
        if not left:
            return []
        # "Saudi and Yemeni officials"
        if len(left) == 1 and self.reg.demonym(left[0].text) and len(right) >= 2:
            c2 = self.reg.demonym(right[0].text)
            if c2:
                head = " ".join(t.text for t in right[1:])
                out = []
                for adj in (left[0], right[0]):
                    country = self.reg.demonym(adj.text)
                    mm = Mention(f"{adj.text} {head}", adj.start, toks[-1].end, "generic")
                    mm.name = f"{adj.text} {head}"
                    mm.side = country
                    mm.official = True
                    out.append(mm)
                return out
        r = self.rules
        if not any(t.cap and t.low not in r.generic for t in (*left, *right)):
            return []  # "observers and analysts"
        groups: list[list[Tok]] = [[]]
        for t in left:  # "The United Arab Emirates, India and Pakistan": three speakers
            if t.text == ",":
                groups.append([])
            else:
                groups[-1].append(t)
        if len(groups) > 1 and all(groups):
            parts = [self._analyse_toks(par, sent, g) for g in (*groups, right)]
            if all(p is not None and p.kind == "name" for p in parts):
                return [p for p in parts if p is not None]
        a = self._analyse_toks(par, sent, left)
        b = self._analyse_toks(par, sent, right)
        if a is None or b is None:
            return []
        if a.kind == "name" and a.org is not None and a.org.kind == "body" and b.kind != "name":
            return []
        # a title before the first name applies to the first only: "analysts X and Y"
        return [a, b]

    def _analyse_toks(self, par: Paragraph, sent: Sentence, toks: Sequence[Tok]) -> Mention | None:
        if not toks:
            return None
        a = sent.toks.index(toks[0])
        b = sent.toks.index(toks[-1])
        return self._analyse(par, sent, a, b, appositive=True)

    def _actor_named(self, name: str) -> Actor:
        actor, _ = self.ctx.resolve_name(name)
        return actor or Actor(name=name, kind="person")

    def _actors_for(self, par: Paragraph, sent: Sentence, m: Mention) -> list[Actor]:
        """Actors a mention stands for, resolved through the article context."""
        if m.kind == "joint":
            out = []
            for p in m.parts:
                out.extend(self._actors_for(par, sent, p))
            if len(out) > 1:
                self.prev_joint = tuple(out)
            return out
        actor = self._actor(par, sent, m)
        if actor is None:
            return []
        if m.kind == "pronoun" and m.text.lower() == "they" and self.prev_joint:
            if actor.name in {a.name for a in self.prev_joint} or actor.kind == "group":
                m.reasons.append("'they' is the joint speakers named before")
                return list(self.prev_joint)
        if m.kind != "pronoun":
            self.prev_joint = ()
        return [actor]

    def _actor(self, par: Paragraph, sent: Sentence, m: Mention) -> Actor | None:
        r = self.rules
        ctx = self.ctx
        if m.kind == "pronoun":
            p = m.text.lower()
            if p in ("it", "they"):
                near = self._nearest_body(par, sent, m.start)
                if near is not None:
                    m.reasons.append(f"{m.text!r} is {near.name}, named before it in the sentence")
                    return ctx.remember(near)
            if p == "they" and self.prev_joint:
                return self.prev_joint[0]
            if p in ("he", "she"):
                sm = self._sentence_subject(par, sent)
                if sm is not None and sm.kind == "name" and sm.end <= m.start:
                    a = self._actor(par, sent, sm)
                    if (
                        a is not None
                        and a.kind == "person"
                        and (a.gender is None or a.gender == {"he": "m", "she": "f"}[p])
                    ):
                        m.reasons.append(f"{m.text!r} is the sentence's subject, {a.name}")
                        return a
            prev = self.prev_subject if p == "it" else self.prev_narrated
            if (
                prev is not None
                and p in ("he", "she", "it")
                and (
                    (p == "it" and prev.kind in ("body", "government"))
                    or (
                        p != "it"
                        and prev.kind == "person"
                        and prev.gender in (None, {"he": "m", "she": "f"}[p])
                    )
                )
            ):
                m.reasons.append(f"{m.text!r} is the subject of the sentence before, {prev.name}")
                return ctx.remember(prev)
            actor, why = ctx.resolve_pronoun(p)
            if actor is None and p in ("he", "she", "i") and self.prev_par_subject is not None:
                actor, why = self.prev_par_subject, "pronoun: subject of the previous paragraph"
            if actor is not None:
                m.reasons.append(why)
            return actor
        if m.kind == "document":
            if (m.name or "").split()[-1] not in _ISSUED:
                return None  # "the report said": whose report is not known
            issuer = ctx.last_document_issuer or ctx.last_speaker
            if issuer is not None:
                m.reasons.append(f"'{m.text}' speaks for {issuer.name}, who issued it")
            return issuer
        if m.name and m.name.split()[-1].lower() in r.excluded:
            return None
        if m.kind == "name" and m.org is not None:
            org = m.org
            if org.role == "ministry" and org.side is None:
                side = self._context_side(par, sent, "ministry")
                if side:
                    org = replace(org, name=f"{self.reg.adjective(side)} {org.name}", side=side)
                    m.reasons.append(f"{m.text!r}: the ministry of {side} (context)")
            return ctx.remember(self._with_role(org, m))
        if m.kind == "name" and m.name:
            actor, why = ctx.resolve_name(m.name)
            if actor is not None:
                m.reasons.append(why)
                return ctx.remember(self._with_role(actor, m))
            kind = "person"
            words = m.name.lower().split()
            if any(w in r.body_heads for w in words) or (len(words) == 1 and m.name.isupper()):
                kind = "body"
            side = m.side if (m.official or kind == "body") else None
            if kind == "body" and any(w in _PRIVATE_HEADS for w in words):
                # "the Indonesian Palm Oil Association": a country's trade body or
                # research institute does not speak for its government
                side = None
                m.reasons.append(f"{m.name!r} is a private or academic body: no side")
            elif kind == "body" and side is None:
                side = self.reg.side_for(m.name) or self._place_side(m.text)
                state = next((w for w in words if w in self.rules.state_heads), None)
                if side is None and state is not None and not self._multi_country(m.text):
                    # "the Directorate of Criminal Investigations": a state body of the
                    # country the article is about
                    side = self._context_side(par, sent, state)
                    if side:
                        m.reasons.append(f"side {side}: a state body ({state!r}) in context")
            if kind == "body" and m.name in m.text:
                pre = m.text[: m.text.find(m.name)].split()
                if (
                    pre
                    and pre[-1][:1].isupper()
                    and not pre[-1].endswith(("’s", "'s", "s’", "s'"))  # not "Bolivia’s"
                    and self.reg.demonym(pre[-1])
                ):
                    # "the Zambian Football Federation": the nationality is part of the
                    # body's proper name (and gave its side)
                    m.name = f"{pre[-1]} {m.name}"
            if kind == "person" and len(words) == 1 and m.name.endswith("s"):
                kind = "group"  # "Republicans", "Palestinians"
            if kind == "person" and side is None and (m.role or m.official):
                # "commission trade spokesperson X": the body of the title, named before
                low = _LOWER_LEAD.search(par.text, max(sent.start, m.start - 40), m.start)
                title = (low.group(0) if low else "") + " " + m.text[: m.text.find(m.name)]
                body = self._role_body(title)
                if body is not None:
                    side = body.side
                    m.reasons.append(f"side {side} of {body.name}, the body of the title")
            if (
                kind == "person"
                and side is None
                and m.official
                and m.role
                and not self._names_other_body(par, sent, m)
            ):
                own = m.text[: m.text.find(m.name)] if m.name and m.name in m.text else ""
                before = par.text[max(sent.start, m.start - 40) : m.start] + own
                if _ITS_ROLE.match(par.text, m.start) or _ITS_ROLE.search(before):
                    # "Its spokesman, X": the body just named speaks through X
                    body = self.narrated_body or ctx.resolve_pronoun("it")[0]
                    side = body.side if body is not None else None
                    if side:
                        m.reasons.append(f"side {side} of {body.name if body else ''} ('its')")
                if side is None:
                    side = self._context_side(par, sent, m.role, mention=before)
                if side:
                    m.reasons.append(f"side {side} from the context of an official")
            gender = None
            if m.role and any(w in m.role for w in ("spokeswoman", "chairwoman", "congresswoman")):
                gender = "f"
            elif m.role and any(w in m.role for w in ("spokesman", "chairman", "congressman")):
                gender = "m"
            if gender is None and kind == "person" and len(words) > 1:
                gender = self.reg.gender(m.name)
            actor = Actor(name=m.name, kind=kind, side=side, role=m.role, gender=gender)
            m.reasons.append(f"new {kind} {m.name!r}" + (f", side {side}" if side else ""))
            return ctx.remember(actor)
        if m.kind == "group-of" and m.name:
            return ctx.remember(Actor(name=m.name, kind="group", side=m.side, role=m.role))
        if m.kind == "definite" and m.name:
            return self._definite(par, sent, m)
        if m.kind in ("generic", "indefinite") and m.name:
            name = m.name
            if m.kind == "indefinite":
                name = f"unnamed {name}" if not name.startswith(("senior", "unnamed")) else name
            side = m.side or self._place_side(m.text)
            lead = par.text[max(sent.start, m.start - 60) : m.start]
            if side is None:
                # "the European Union's election observation mission": the owner's side
                pm = _OWNER_BEFORE.search(lead)
                owner = self.reg.resolve(pm.group(1), exact=True) if pm else None
                if owner is not None and owner.side:
                    side = owner.side
                    m.reasons.append(f"side {side} of its owner {owner.name}")
            marks = set(_WORD.findall(m.text.lower()))
            if marks & _UNOFFICIAL_MARKS or ("local" in marks and marks & _PRESS):
                pass  # "local media", "a club official": nobody's government
            elif side is None and m.official and not self._multi_country(m.text):
                side = self._context_side(par, sent, m.name, mention=lead)
                if side:
                    m.reasons.append(f"side {side} from the context")
            known = self.reg.resolve(m.text)
            if known is not None:
                return ctx.remember(known)
            kind = (
                "group" if name.endswith("s") else "person" if m.kind == "indefinite" else "group"
            )
            return ctx.remember(Actor(name=name, kind=kind, side=side, role=m.role))
        return None

    def _place_side(self, text: str) -> str | None:
        """The country of a region the article placed in one ("Gujarat state inspectors"
        after "the Indian state of Gujarat")."""
        if not self.places:
            return None
        for w in _CAP_RUN.findall(text):
            words = [fold(_strip_poss(x)) for x in w.split()]
            for k in range(len(words)):
                for part in (" ".join(words[k : k + 2]), words[k]):
                    side = self.places.get(part)
                    if side:
                        return side
        return None

    def _names_other_body(self, par: Paragraph, sent: Sentence, m: Mention) -> bool:
        """ "A World Anti-Doping Agency spokeswoman, X": the title names a body of its
        own that has no country, so the article's country is not X's side."""
        text = par.text[max(sent.start, m.start - 80) : m.end]
        if any(w in ("company", "firm", "club", "team") for w in m.text.lower().split()):
            return True  # "company spokesperson X" speaks for the company
        for mm in _CAP_RUN_OF.finditer(text):
            words = mm.group(0).split()
            if len(words) > 1 and words[-1].lower() in self.rules.body_heads:
                if self.reg.side_for(mm.group(0)) is None:
                    return True
        return False

    def _role_body(self, role: str) -> Actor | None:
        """The body a title names by its head noun ("commission" in "commission trade
        spokesperson"), when the article named that body before and it has a side."""
        for w in role.lower().split():
            if w in self.rules.body_heads:
                actor, _ = self.ctx.resolve_definite(w)
                if actor is not None and actor.kind in ("body", "government") and actor.side:
                    return actor
        return None

    def _with_role(self, actor: Actor, m: Mention) -> Actor:
        if m.role and not actor.role:
            return replace(actor, role=m.role)
        return actor

    def _multi_country(self, text: str) -> bool:
        """A speaker made of several countries has no single side."""
        low = text.lower()
        if any(w in low for w in ("western", "international", "countries", "nations", "several")):
            return True
        named = {
            a.name
            for w in _CAP_RUN.findall(text)
            if (a := self.reg.resolve(w, exact=True)) is not None and a.kind == "government"
        }
        return len(named) > 1

    def _definite(self, par: Paragraph, sent: Sentence, m: Mention) -> Actor | None:
        """ "the ministry", "the Ukrainian president", "the army", "the service"."""
        head = (m.name or "").split()
        if m.det in ("his", "her") and head:
            # "his office said": the office of the person just named
            person, why = self.ctx.resolve_pronoun("he" if m.det == "his" else "she")
            if person is not None:
                m.reasons.append(f"'{m.det}' is {person.name}")
                side = None if head[-1] in _PARTISAN else person.side
                return self.ctx.remember(
                    Actor(name=f"{person.name}'s {' '.join(head)}", kind="group", side=side)
                )
        if head and head[-1] in ("company", "firm", "bloc") and m.det == "the":
            named = self._named_before(par, sent, head[-1])
            if named is not None:
                m.reasons.append(f"'the {head[-1]}' is {named.name}, named before")
                return self.ctx.remember(named)
        synonyms = {"army": "military", "armed forces": "military", "forces": "military"}
        words = [synonyms.get(w, w) for w in head if w not in self.rules.modifiers or w in (
            "military", "army", "navy")]  # fmt: skip
        if not words:
            words = head
        key = " ".join(words[-2:]) if len(words) > 1 else words[-1] if words else ""
        actor, why = self.ctx.resolve_definite(key, side=m.side)
        if actor is None and len(words) > 1:
            actor, why = self.ctx.resolve_definite(words[-1], side=m.side)
        if actor is not None:
            m.reasons.append(why)
            return self.ctx.remember(actor)
        if m.det == "the" and head and head[-1] in self.rules.named_body_words:
            named = self._named_body(par, sent, head[-1])
            if named is not None:
                m.reasons.append(f"'the {head[-1]}' is {named.name}, named before")
                return self.ctx.remember(named)
        # "the military", "the air force", "the Ministry of Interior": a national body of
        # the side the article is about
        base = " ".join(head)
        side = m.side or (
            self._context_side(par, sent, base)
            if m.official and not self._multi_country(m.text)
            else None
        )
        if side is None or self._place_side(m.text):
            side = side or self._place_side(m.text)
            if side:  # "the Gujarat state government": a region's body keeps its name
                return self.ctx.remember(Actor(name=base, kind="body", side=side, role=m.role))
        if side and self.reg.country(side) is None:
            # a country the registry does not know has no adjective to name its bodies
            if base in self.rules.excluded:
                return None
            m.reasons.append(f"'the {base}' of {side} (the article's country)")
            return self.ctx.remember(
                Actor(name=base, kind=self._head_kind(head[-1]), side=side, role=m.role)
            )
        if side and self.reg.demonym(head[0]):
            # "the Saudi-led coalition": the side is already in the name
            return self.ctx.remember(
                Actor(name=base, kind=self._head_kind(head[-1]), side=side, role=m.role)
            )
        if side:
            guess = self.reg.resolve(f"{self.reg.adjective(side)} {base}")
            if guess is not None:
                m.reasons.append(f"'the {base}' of {side} (context)")
                return self.ctx.remember(guess)
            name = f"{self.reg.adjective(side)} {base}"
            m.reasons.append(f"'the {base}' of {side} (context)")
            return self.ctx.remember(Actor(name=name, kind="body", side=side, role=m.role))
        if base in self.rules.excluded:
            return None
        return self.ctx.remember(
            Actor(name=base, kind=self._head_kind(head[-1]), side=None, role=m.role)
        )

    def _head_kind(self, head: str) -> str:
        """ "body" for one institution named by its head noun ("the ministry", "the club":
        "it" refers back to it), "group" for people ("the protesters", "the authorities")."""
        plural = head.endswith("s") and not head.endswith("ss")
        named = head in self.rules.body_heads or head in self.rules.named_body_words
        return "body" if named and not plural else "group"

    def _named_before(self, par: Paragraph, sent: Sentence, noun: str) -> Actor | None:
        """For "the company"/"the firm": the last company named in the article so far
        ("Meridian Speciality Chemicals", "Harlow Foods Ltd"); for "the bloc": the last
        intergovernmental body (the EU, ASEAN) named."""
        texts = [*self.ctx.texts[:-1], par.text[: sent.end]]
        for text in reversed(texts):
            if noun == "bloc":
                best = None
                for mm in _CAP_RUN_OF.finditer(text):
                    a = self.reg.resolve(mm.group(0), exact=True)
                    if a is not None and a.kind == "body" and a.side == a.name:
                        best = a
                if best is not None:
                    return best
                continue
            found = _COMPANY.findall(text)
            if found:
                name = found[-1]
                known = self.reg.resolve(name, exact=True)
                return known or Actor(name=name, kind="body", side=None)
        return None

    def _named_body(self, par: Paragraph, sent: Sentence, noun: str) -> Actor | None:
        """ "the club", "the federation", "the airline": the last capitalised name in the
        article so far that holds a word such bodies are named with ("Mufulira Wanderers
        FC", "the Zambian Football Federation"); see ``named_body_words``."""
        words = self.rules.named_body_words[noun]
        texts = [*self.ctx.texts[:-1], par.text[: sent.start]]
        for text in reversed(texts):
            best = None
            for mm in _CAP_RUN_OF.finditer(text):
                run = _strip_poss(mm.group(0))
                parts = run.split()
                if len(parts) < 2 or not any(w.lower() in words for w in parts):
                    continue
                if parts[0] == "The":
                    run = " ".join(parts[1:])
                best = run
            if best is not None:
                known = self.reg.resolve(best, exact=True)
                return known or Actor(name=best, kind="body", side=None)
        return None

    def _context_side(
        self,
        par: Paragraph,
        sent: Sentence,
        head: str | None = None,
        mention: str | None = None,
    ) -> str | None:
        """The country an unqualified official speaks for: a place named in the sentence
        ("in Ukraine's Donetsk region"), else the side of the last national speaker.
        Only for national institutions (``head``): not for "diplomats" or "a company"."""
        if head is not None and (
            head.split()[-1] in _NOT_NATIONAL or head.split()[-1] in _NON_OFFICIAL
        ):
            return None
        text = par.text[sent.start : sent.end]
        first = _CAP_RUN.match(text)
        if first is not None:
            # "Pyongyang has not commented, but state media said …"
            actor = self.reg.resolve(first.group(0), exact=True)
            if actor is not None and actor.kind == "government":
                return actor.side
        for mm in _POSS_PLACE.finditer(text):
            actor = self.reg.resolve(mm.group(1), exact=True)
            if actor is not None and actor.kind == "government":
                return actor.side
        for mm in _IN_PLACE.finditer(text):
            for cand in (mm.group(1), mm.group(1).split()[0]):
                actor = self.reg.resolve(cand, exact=True)
                if actor is not None and actor.kind == "government":
                    return actor.side
        last = self.last_side
        if (
            self.home
            and (
                last is None
                # a country named in passing, or dwarfed by the article's own
                or self.country_counts.get(last, 0) < 3
                or 3 * self.country_counts.get(last, 0) <= self.country_counts[self.home]
            )
            and not (mention is not None and self._foreign_words(mention))
        ):
            # a passing foreigner is not who the article's officials speak for
            last = self.home
        return self._place_side(text) or last

    def _nearest_body(self, par: Paragraph, sent: Sentence, pos: int) -> Actor | None:
        """For "it"/"they": a body or government named earlier in the same sentence; the
        sentence's subject first ("Ukraine's military did not comment, but it said"),
        except in "X released what it said was …", where "it" is X."""
        if _WHAT_IT.search(par.masked, sent.start, pos):
            last = None
            for mm in _CAP_RUN_OF.finditer(par.masked[sent.start : pos]):
                a = self.reg.resolve(mm.group(0))
                if a is not None and a.kind in ("body", "government"):
                    last = a
            if last is not None:
                return last
        sm = self._sentence_subject(par, sent)
        if sm is not None and sm.start < pos:
            if sm.org is not None and sm.org.kind in ("body", "government"):
                return sm.org
            if sm.kind in ("group-of", "definite") and sm.official:
                a = self._actor(par, sent, sm)
                if a is not None and a.kind in ("body", "government", "group"):
                    return a
            if sm.kind == "name" and any(
                w in self.rules.body_heads for w in (sm.name or "").lower().split()
            ):
                # "The Athletics Integrity Unit suspended him after it said …"
                a = self._actor(par, sent, sm)
                if a is not None and a.kind in ("body", "government"):
                    return a
        text = par.masked[sent.start : pos]
        best = None
        for mm in _CAP_RUN_OF.finditer(text):
            a = self.reg.resolve(mm.group(0))
            if a is not None and a.kind in ("body", "government"):
                best = a
        return best

    def _main_candidate(self, found: Sequence[Candidate]) -> Candidate | None:
        for c in found:
            if not c.relative and c.kind != "according_to" and c.kind != "nominal":
                return c
        return None

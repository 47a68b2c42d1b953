"""Where a cue's speaker is: the subject before the verb, after it, or an apposition."""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimtrack.actors import Actor, fold

from .nouns import NounPhrases
from .rules import (
    _ADJECTIVE,
    _AFTER_INVERTED,
    _CONJ,
    _FAMILIAR,
    _FUNCTION_CAPS,
    _ISSUED,
    _NOT_NAMES,
    _PP_OPENERS,
    _PREPS,
    _REDUCED_RELATIVE,
    _TIME_WORDS,
    _US_PARTY,
)
from .state import Candidate, Mention
from .text import Paragraph, Sentence, _is_acronym

# "The study, led by researchers at X, said": the authors of a document
_DOC_BY = re.compile(
    r"\s*(?:which was |that was )?(?:led|published|released|written|compiled|"
    r"commissioned|carried out|conducted|issued|prepared|authored|produced)\s+by\s+"
)


_AUTHORED = frozenset(
    """study report survey analysis assessment review investigation audit paper findings
    statement letter document""".split()
)


class Subjects(NounPhrases):
    """The subject of a cue: before it, after it (inversions), or in apposition."""

    def _subject_before(
        self, par: Paragraph, sent: Sentence, ti: int, found: Sequence[Candidate]
    ) -> tuple[Mention, str] | None:
        rules = self.rules
        toks = sent.toks
        fam = _FAMILIAR.search(par.masked, sent.start, toks[ti].start)
        if fam is not None:
            # "people familiar with the matter said": anonymous sources
            m = Mention(fam.group(1), fam.start(1), fam.end(1), "generic")
            m.name = fam.group(1)[0].lower() + fam.group(1)[1:]
            m.reasons.append("anonymous sources")
            return m, "plain"
        i = ti - 1
        # skip auxiliaries, adverbs and time words: "has also strongly denied", "on Monday said"
        while i >= 0 and (toks[i].low in rules.between or toks[i].low in rules.negators):
            if toks[i].cap and toks[i].low not in _NOT_NAMES:
                break  # a capitalised word here is the end of the subject, not an adverb
            i -= 1
        if i < 0:
            return None
        # a title's portfolio: "the EU commissioner for trade said", "the UN special
        # rapporteur on torture said": the subject ends at the title
        j = i
        while j > 0 and i - j < 4 and toks[j].low.isalpha() and not toks[j].cap:
            if toks[j].low in ("for", "on"):
                if toks[j - 1].low in rules.titles and j < i:
                    i = j - 1
                break
            j -= 1
        t = toks[i]
        if t.low in _CONJ:
            # "… and warned", "but said": the subject is the main clause's
            return Mention(t.text, t.start, t.end, "coord"), "coord"
        if t.low == "who" and t.text != "WHO":  # not the World Health Organization
            ante = None
            if i >= 2 and toks[i - 1].text == ",":
                ante = self._np_back(par, sent, i - 2)
                if ante is None or self._looks_appositive(sent, ante):
                    ante = self._appositive(par, sent, i - 1)
            elif i >= 1:
                ante = self._np_back(par, sent, i - 1)
            if ante is None:
                return None
            return ante, "who"
        if t.low in ("that", "which") and i > 0:
            before = toks[i - 1]
            if before.low in _ISSUED:
                sm = self._sentence_subject(par, sent)
                if sm is None:
                    return None
                sm.reasons.append(f"a {before.low} that said: issued by the sentence's subject")
                return sm, "document"
            return None
        if t.text == ")" and i >= 3 and toks[i - 2].text == "(" and _is_acronym(toks[i - 1].text):
            # "The Indonesian Palm Oil Association (GAPKI) warned": skip the acronym
            i -= 3
            t = toks[i]
        if t.text in (",", "—", "–", "(", ")"):
            ap = self._appositive(par, sent, i)
            if (ap is None or ap.kind == "document") and t.text == ",":
                author = self._document_author(par, sent, i)
                if author is not None:
                    return author
            return (ap, "apposition") if ap else None
        if t.quote:
            return None
        # "Officials who met the minister said": the subject is before the restrictive
        # relative clause, not its object
        for w in range(i - 1, max(0, i - 9), -1):
            tw = toks[w]
            if tw.quote or tw.text in (",", ";", ":", "(", ")", "–", "—"):
                break
            if tw.low == "who" and tw.text != "WHO":
                ante = self._np_back(par, sent, w - 1)
                if ante is not None and ante.kind in ("name", "generic", "definite", "group-of"):
                    ante.reasons.append("the subject before 'who …'")
                    return ante, "plain"
                break
        found_np = self._np_back(par, sent, i)
        k0 = self._tok_index(sent, found_np.start) if found_np is not None else i + 1
        if found_np is None or (k0 > 0 and toks[k0 - 1].low == "of"):
            # "…, the Russian-installed governor of the occupied part of the region said"
            longer = self._head_of_chain(par, sent, i)
            if longer is not None:
                found_np = longer
        k1 = k0 - 1
        while k1 > 0 and k0 - k1 <= 4 and toks[k1].low not in _REDUCED_RELATIVE:
            k1 -= 1
        if k1 > 0 and toks[k1].low in _REDUCED_RELATIVE and not toks[k1 - 1].quote:
            # "the company running the plant denied": the company speaks, not the plant
            head = self._np_back(par, sent, k1 - 1)
            if head is not None and head.kind in ("name", "definite", "generic", "group-of"):
                found_np = head
        if found_np is None:
            return None
        kf = self._tok_index(sent, found_np.start)
        if kf > 0 and toks[kf - 1].low in _PP_OPENERS:
            # "the row over the laboratory threatened": the object of a preposition is
            # not the subject
            return None
        m = self._body_in_place(par, sent, found_np, k0) or found_np
        # relative clause subject: "… which Kyiv rejected", "that Moscow claims"
        k = self._tok_index(sent, m.start) - 1
        info = "plain"
        if k >= 0 and toks[k].low in ("which", "that", "whom", "as", "what"):
            info = "relative"
            if (
                toks[k].low == "that"
                and k > 0
                and (toks[k - 1].low in _CONJ or toks[k - 1].low in self.lex.verbs)
            ):
                if found:
                    return None  # "… said … and that Putin had told Trump": embedded
        return m, info

    def _document_author(
        self, par: Paragraph, sent: Sentence, i: int
    ) -> tuple[Mention, str] | None:
        """ "The study, led by researchers at the University of X, said": a document
        speaks for who wrote it. ``i`` is the comma closing the aside."""
        toks = sent.toks
        j = i - 1
        while j > 0 and i - j < 20 and toks[j].text != ",":
            j -= 1
        if j <= 0 or toks[j].text != ",":
            return None
        by = _DOC_BY.match(par.text, toks[j].end)
        if by is None or by.end() > toks[i].start:
            return None
        head = par.text[sent.start : toks[j].start].split()
        if not head or head[-1].lower() not in _AUTHORED:
            return None
        agent = self._np_back(par, sent, i - 1)
        if agent is None or agent.start != by.end():
            agent = self._np_forward(par, sent, self._tok_index(sent, by.end()))
        if agent is None or agent.kind in ("pronoun", "document"):
            return None
        agent.reasons.append(f"the {head[-1].lower()} speaks for who wrote it")
        return agent, "plain"

    def _body_in_place(self, par: Paragraph, sent: Sentence, m: Mention, k0: int) -> Mention | None:
        """ "The Joint Chiefs of Staff (JCS) in Seoul said": the body speaks, not the
        capital; it takes the country's adjective ("South Korean Joint Chiefs of Staff")."""
        toks = sent.toks
        if k0 < 2 or toks[k0 - 1].low not in ("in", "at") or m.kind != "name":
            return None
        place = self.reg.resolve(m.text, exact=True)
        if place is None or place.kind != "government" or not place.side:
            return None
        i = k0 - 2
        acr = None
        if toks[i].text == ")" and i >= 3 and toks[i - 2].text == "(":
            acr = toks[i - 1].text if _is_acronym(toks[i - 1].text) else None
            i -= 3
        if not toks[i].cap:
            return None
        body = self._np_back(par, sent, i)
        if body is None or body.kind != "name" or not body.name:
            return None
        if self.reg.resolve(body.name) is not None or self.reg.side_for(body.name):
            return None  # a known body, or one that names its country already
        words = body.name.lower().split()
        if not any(w in self.rules.body_heads for w in words) and acr is None:
            return None
        body.name = f"{self.reg.adjective(place.side)} {body.name}"
        body.side = place.side
        body.official = True
        body.reasons.append(f"the body in {m.text}: {body.name}")
        actor = Actor(name=body.name, kind="body", side=place.side)
        body.org = actor
        if acr is not None:
            self.ctx.acronyms[fold(acr)] = actor
        return body

    def _head_of_chain(self, par: Paragraph, sent: Sentence, i: int) -> Mention | None:
        """A clause-initial noun phrase "the <title or group> of …" ending at token ``i``:
        the speaker of a trailing attribution with a long "of" chain."""
        toks = sent.toks
        r = self.rules
        s0 = i
        while s0 > 0 and i - s0 < 18:
            t = toks[s0 - 1]
            if t.quote or t.text in (",", "—", "–", ";", ":", "(", ")", "-"):
                break
            s0 -= 1
        else:
            if s0 > 0:
                return None
        h = s0
        while (
            h < i
            and (
                toks[h].low in r.determiners
                or toks[h].low in r.modifiers
                or self.reg.demonym(toks[h].text)
                or _ADJECTIVE.match(toks[h].low)
            )
            and toks[h].low not in _PREPS
        ):
            h += 1
        if h >= i or toks[h + 1].low != "of":
            return None
        if toks[h].low not in r.titles and toks[h].low not in r.generic:
            return None
        return self._analyse(par, sent, s0, i)

    def _np_back(
        self, par: Paragraph, sent: Sentence, i: int, allow_comma: bool = False
    ) -> Mention | None:
        """The noun phrase ending at token ``i``, walking left."""
        toks = sent.toks
        if i < 0:
            return None
        # "one of the protesters on Sunday, Ali Hassan, said": a time phrase ends no name
        j = i
        while j >= 0 and (toks[j].low in _NOT_NAMES or toks[j].low in _TIME_WORDS):
            j -= 1
        if j < i and j >= 0 and toks[j].low in ("on", "in", "last", "this", "early", "late"):
            i = j - 1
            if i < 0:
                return None
        if allow_comma and toks[i].text == ",":
            return self._appositive(par, sent, i)
        if not self._np_tok(toks[i], None) or toks[i].low in _PREPS or toks[i].low == "and":
            if not (
                toks[i].low in self.rules.generic
                or toks[i].low in self.rules.body_heads
                or toks[i].cap
            ):
                if toks[i].low not in (
                    "he", "she", "they", "it", "we", "i",
                ):  # fmt: skip
                    return None
        k = i
        if toks[i].low in ("he", "she", "they", "it", "we", "i"):
            return self._analyse(par, sent, i, i)
        while k - 1 >= 0 and self._np_tok(toks[k - 1], toks[k]):
            k -= 1
        # a list of names: "… of Qatar, Egypt, Jordan and Indonesia"
        span = toks[k : i + 1]
        if any(t.low == "and" for t in span):
            while (
                k - 2 >= 0
                and (toks[k].cap or (toks[k].low == "the" and k + 1 <= i and toks[k + 1].cap))
                and toks[k - 1].text == ","
                and toks[k - 2].cap
                and toks[k - 2].low not in _FUNCTION_CAPS
                and toks[k - 2].low not in _NOT_NAMES
            ):
                k -= 2
                while k - 1 >= 0 and self._np_tok(toks[k - 1], toks[k]):
                    k -= 1
        while (
            k <= i
            and (toks[k].low in _PREPS or toks[k].low in _CONJ or toks[k].low in _FUNCTION_CAPS)
            and toks[k].low not in self.rules.determiners
        ):
            k += 1
        if k > i:
            return None
        return self._analyse(par, sent, k, i)

    def _appositive(self, par: Paragraph, sent: Sentence, i: int) -> Mention | None:
        """ "X, a professor at Y, said" / "the governor, X, told" / "X, director of Y,
        which …, said": ``i`` is the comma (or dash) closing the apposition. Returns the
        speaker, with the apposition's role and side."""
        toks = sent.toks
        commas: list[int] = []
        j = i - 1
        if toks[i].text == ")":
            return None
        while j >= 0 and i - j < 70 and len(commas) < 4:
            t = toks[j]
            if t.quote or t.text in (";", ":"):
                break
            if t.text == ")":  # skip a parenthesis: "(Institute of International Affairs)"
                while j > 0 and toks[j].text != "(":
                    j -= 1
                j -= 1
                continue
            if t.text in (",", "—", "–"):
                commas.append(j)
            j -= 1
        if not commas:
            return None
        chosen: Mention | None = None
        fallback: tuple[Mention, int] | None = None
        b_range = (commas[0] + 1, i - 1)
        for idx, c in enumerate(commas):
            a = self._np_back(par, sent, c - 1) if c > 0 else None
            if a is not None and self._looks_appositive(sent, a) and idx + 1 < len(commas):
                fallback = fallback or (a, c)
                continue
            if a is not None:
                chosen = a
                b_range = (c + 1, i - 1)
                break
            if fallback is not None:
                break
            # "A counterprotester, Mohammad Bakkour, said": the name is the apposition
            seg_start = commas[idx + 1] + 1 if idx + 1 < len(commas) else 0
            if c - seg_start <= 4:
                b = self._analyse(par, sent, commas[0] + 1, i - 1, appositive=True)
                if b is not None and b.kind == "name":
                    b.reasons.append("name from the apposition")
                    return b
            return None
        if chosen is None and fallback is not None:
            chosen, c = fallback
            b_range = (c + 1, i - 1)
        if chosen is None:
            return None
        a = chosen
        b = None
        party = (
            _US_PARTY.match(par.text, toks[b_range[0]].start) if b_range[0] <= b_range[1] else None
        )
        if party is not None and party.end() >= toks[b_range[1]].end and not a.side:
            a.side = "United States"  # "Sen. Lindsey Graham, R-S.C., said"
            a.reasons.append(f"side United States from {party.group(0)!r}")
        if b_range[0] <= b_range[1] and toks[b_range[0]].low not in ("who", "which", "whose"):
            segs = self._segments(sent, b_range)
            for s0, s1 in segs:
                bb = self._analyse(par, sent, s0, s1, appositive=True)
                if bb is not None and (b is None or (bb.kind == "name" and b.kind != "name")):
                    b = bb
        if (
            b is not None
            and b.kind == "name"
            and a.kind in ("generic", "definite", "indefinite", "group-of")
            and (b.org is None or b.org.kind == "person" or a.kind != "group-of")
        ):
            # "the region's Russian-installed governor, Vladimir Saldo, said"
            b.role = b.role or a.role
            b.side = b.side or a.side
            b.official = b.official or a.official
            b.start = a.start
            b.reasons.append(f"name from the apposition of {a.text!r}")
            return b
        if (
            b is not None
            and b.kind == "name"
            and b.org is None
            and a.kind == "name"
            and (a.org is not None and a.org.kind != "person" and a.role)
        ):
            # "The US ambassador to NATO, Matthew Whitaker, said"
            b.role = b.role or a.role
            b.start = a.start
            return b
        if not a.side and b_range[0] <= b_range[1]:
            b_text = par.text[toks[b_range[0]].start : toks[b_range[1]].end]
            sw = self.reg.side_word(b_text)
            if sw:  # "the top Democrat on the House Foreign Affairs Committee"
                a.side = sw
                a.official = True
                a.reasons.append(f"side {sw} from {b_text!r}")
        if b is not None:
            if not a.role and b.role:
                a.role = b.role
            if not a.side and b.official and b.side:
                a.side = b.side
                a.official = True
                a.reasons.append(f"side {b.side} from the apposition {b.text!r}")
            elif not a.side and a.kind in ("generic", "definite") and a.official:
                s = self.reg.side_for(b.text)
                if s:
                    a.side = s
                    a.reasons.append(f"side {s} from the apposition {b.text!r}")
        return a

    def _segments(self, sent: Sentence, rng: tuple[int, int]) -> list[tuple[int, int]]:
        out = []
        s0 = rng[0]
        for k in range(rng[0], rng[1] + 1):
            if sent.toks[k].text in (",", "—", "–", "(", ")"):
                if k - 1 >= s0:
                    out.append((s0, k - 1))
                s0 = k + 1
        if s0 <= rng[1]:
            out.append((s0, rng[1]))
        return out

    def _looks_appositive(self, sent: Sentence, m: Mention) -> bool:
        """ "a Washington", "director of the Critical Threats Project": a phrase that
        describes somebody named further left rather than naming them."""
        k = self._tok_index(sent, m.start)
        if k >= len(sent.toks):
            return False
        first = sent.toks[k]
        if first.low in ("a", "an"):
            return True
        return not first.cap and (first.low in self.rules.titles or first.low in self.rules.generic)

    def _subject_after(
        self, par: Paragraph, sent: Sentence, tj: int, ti: int
    ) -> tuple[Mention, str] | None:
        """Inversion: '"…," said Trump' / '…, said Kyle Balzer, a scholar at …'."""
        toks = sent.toks
        prev = toks[ti - 1] if ti > 0 else None
        if prev is None or not (prev.quote or prev.text in (",", "–", "—") or prev.low == "”"):
            return None
        m = self._np_forward(par, sent, tj)
        if m is None:
            return None
        k = self._tok_index(sent, m.end)
        if k < len(toks) and toks[k].low not in _AFTER_INVERTED and toks[k].low.isalpha():
            return None  # "…, said the demonstrators sought …": a clause, not an inversion
        if m.kind in ("generic", "definite", "group-of") and k < len(toks) and toks[k].text == ",":
            # '"…," said the company's environmental manager, Lucia Paredes.'
            e = k + 1
            while e < len(toks) and (toks[e].cap or toks[e].low in self.rules.particles):
                e += 1
            if e - (k + 1) >= 2 and (e == len(toks) or not toks[e].low.isalpha()):
                named = self._analyse(par, sent, k + 1, e - 1)
                if named is not None and named.kind == "name":
                    named.role = named.role or m.role
                    named.side = named.side or m.side
                    named.official = named.official or m.official
                    named.reasons.append(f"name from the apposition of {m.text!r}")
                    return named, "after"
        return m, "after"

    def _np_forward(self, par: Paragraph, sent: Sentence, tj: int) -> Mention | None:
        toks = sent.toks
        if tj >= len(toks) or toks[tj].low in _PREPS or toks[tj].low in _CONJ:
            return None
        # "according to district fire officer Hitesh Parmar": lower-case words before a
        # title and a name qualify the title
        j = tj
        while j < len(toks) and j < tj + 3 and toks[j].low.isalpha() and not toks[j].cap:
            if toks[j].low in self.rules.titles or toks[j].low in _PREPS or toks[j].low in _CONJ:
                break
            j += 1
        if (
            tj < j < len(toks) - 1
            and toks[j].low in self.rules.titles
            and not toks[j].cap
            and toks[j + 1].cap
        ):
            tj = j
        k = tj
        while k < len(toks) and self._np_tok(toks[k], toks[k + 1] if k + 1 < len(toks) else None):
            if toks[k].low in ("as", "when", "while") and k > tj:
                break
            k += 1
        while k - 1 >= tj and (toks[k - 1].low in _PREPS or toks[k - 1].low in _CONJ):
            k -= 1
        if k == tj:
            return None
        m = self._analyse(par, sent, tj, k - 1)
        if m is None:
            return None
        self._apposition(par, sent, m, k)
        return m

    def _apposition(self, par: Paragraph, sent: Sentence, m: Mention, k: int) -> None:
        """An apposition at token ``k`` after a name gives it its role and side:
        ", a scholar at X,", ", the Kyrgyz president,", ", Chile's interior minister,"."""
        toks = sent.toks
        if k >= len(toks) or toks[k].text != ",":
            return
        e = k + 1
        while e < len(toks) and toks[e].text not in (",", ".", ";") and e - k < 25:
            e += 1
        if e == k + 1:
            return
        first = toks[k + 1]
        if not (
            first.low in ("a", "an", "the", "director", "head", "chief")
            or (not first.cap and first.low in self.rules.titles)
            or (first.low.endswith("'s") and self.reg.demonym(first.text))
        ):
            return
        b = self._analyse(par, sent, k + 1, e - 1, appositive=True)
        if b is not None:
            m.role = m.role or b.role
            if not m.side and b.side and b.official:
                m.side = b.side
                m.official = True

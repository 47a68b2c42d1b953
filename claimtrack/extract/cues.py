"""Cues: speech verbs, 'according to', nominal forms, 'quoted X as saying', lead-in colons
and quote-only sentences, each with its speaker and scope."""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimtrack.actors import Actor, fold
from claimtrack.models import Stance

from .merge import Merging, _join_quotes
from .rules import (
    _ACCORDING,
    _AGE,
    _AMBIGUOUS,
    _ATTACH_BEFORE,
    _BE,
    _CLAUSE_OPENERS,
    _CLAUSE_STOP,
    _CONJ,
    _DOC_PREFIX,
    _FUNCTION_CAPS,
    _GAP_EMBED,
    _GAP_END,
    _GAP_PUNCT,
    _GAP_THAT,
    _HAVE,
    _LEAD_DET,
    _LOW_WORD,
    _NOMINAL_BY,
    _NOMINAL_DENIAL,
    _NOMINAL_POSS,
    _NON_OFFICIAL,
    _QUOTED_AS,
    _QUOTING,
    _SPACES,
    _SPECIAL_WORDS,
    _TRAILING_DOC,
    _match_words,
)
from .state import Candidate, Mention
from .text import _APOS, _DOUBLE, MASK, Paragraph, Sentence, Tok, _has_word, _is_acronym

# Speech verbs whose passive names its speaker after "by": "the claim was denied by Kyiv"
# ("was called for by", "was announced by" are left: the act, not a stance on a claim)
_PASSIVE_GROUPS = frozenset(("claim", "deny", "doubt", "confirm", "retract"))
_KNOWN_AS = re.compile(
    r",?\s+(?:known as|called|named|calling itself)\s+((?:the\s+)?[A-Z][\w’'-]*"
    r"(?:[\s-]+(?:al|el|bin|ibn|de|of|[A-Z][\w’'-]*))*)"
)


class CueRules(Merging):
    """Cues in a sentence and their speakers: speech verbs, 'according to', nominal forms,
    'quoted X as saying', lead-in colons and quote-only sentences."""

    def sentence(self, par: Paragraph, si: int, sent: Sentence, cands: list[Candidate]) -> None:
        masked = par.masked
        rules = self.rules
        if not sent.quotes and rules.triggers.isdisjoint(
            _LOW_WORD.findall(masked[sent.start : sent.end].lower())
        ):
            return  # no speech verb, no "according to", no nominal cue word
        toks = sent.toks
        if not toks:
            return
        if masked[sent.start : sent.end].rstrip().endswith("?"):
            return  # a question (a reporter's, or a subheading) is not a statement
        found: list[Candidate] = []
        index = rules.cue_index
        ti = 0
        n = len(toks)
        special = False
        while ti < n:
            low = toks[ti].low
            if low in _SPECIAL_WORDS:
                special = True
            entries = index.get(low)
            if entries and not toks[ti].cap:  # "United States" is not "states"
                # the longest match: "withdrew an earlier statement" is 'withdrew *
                # statement', not 'withdrew * earlier'
                best, best_form = 0, ""
                for words, form in entries:
                    tj = _match_words(toks, ti, words)
                    if tj > best:
                        best, best_form = tj, form
                if best:
                    found.extend(self._cue(par, si, sent, ti, best, best_form, found))
                    ti = best - 1
            ti += 1
        if special:
            for m in _QUOTED_AS.finditer(masked, sent.start, sent.end):
                found.extend(self._quoted_as(par, si, sent, m))
            for m in _QUOTING.finditer(masked, sent.start, sent.end):
                if not masked[m.end("np") : m.end("np") + 40].lstrip(" ,").startswith("as saying"):
                    found.extend(self._quoting(par, si, sent, m, found))
            for m in _ACCORDING.finditer(masked, sent.start, sent.end):
                found.extend(self._according(par, si, sent, m.start(), m.end()))
            for rx in (_NOMINAL_POSS, _NOMINAL_BY, _NOMINAL_DENIAL):
                for m in rx.finditer(masked, sent.start, sent.end):
                    found.extend(self._nominal(par, si, sent, m, found))
        if not found and sent.quotes:
            found.extend(self._lead_in(par, si, sent))
        found.sort(key=lambda c: c.cue_start)
        found = self._drop_embedded(par, found)
        self._scopes(par, sent, found)
        # a bare "Kyiv's denial" inside somebody else's words is their report, not a statement
        found = [
            c
            for c in found
            if not (c.kind == "nominal" and c.bare)
            or not any(o is not c and a <= c.subj_start < b for o in found for a, b in o.scope)
        ]
        for c in found:
            self._finish(par, sent, c, found, cands)
        cands.extend(found)

    def _drop_embedded(self, par: Paragraph, found: list[Candidate]) -> list[Candidate]:
        """ "X told reporters he was sceptical": the second cue is X's own content."""
        out: list[Candidate] = []
        for c in found:
            if c.pronoun and not c.relative and out:
                p = out[-1]
                gap = par.masked[p.cue_end : c.subj_start]
                if p.actor.name == c.actor.name and not p.relative and _GAP_EMBED.fullmatch(gap):
                    continue
            out.append(c)
        return out

    def _cue(
        self,
        par: Paragraph,
        si: int,
        sent: Sentence,
        ti: int,
        tj: int,
        form: str,
        found: list[Candidate],
    ) -> list[Candidate]:
        rules = self.rules
        toks = sent.toks
        start = toks[ti].start
        end = toks[tj - 1].end
        first = form.split()[0]
        if form in self.lex.question_verbs:
            return []
        doc_only = form not in self.lex.verbs
        nxt = toks[tj] if tj < len(toks) else None
        prev = toks[ti - 1] if ti > 0 else None
        # passives: "were reported", "has been accused" (but "is heard saying")
        i = ti - 1
        while i >= 0 and toks[i].low in ("also", "not", "never", "widely", "reportedly"):
            i -= 1
        if i >= 0 and toks[i].low in _BE and not first.endswith("ing") and first not in ("heard",):
            if (
                nxt is not None
                and nxt.low == "by"
                and self.lex.verb_group.get(form) in _PASSIVE_GROUPS
            ):
                return self._passive(par, si, sent, ti, tj, form)
            return []
        if first in ("made", "making") and prev is not None and prev.low in _BE:
            return []
        if (
            form in ("alleged", "purported")
            and nxt is not None
            and not nxt.cap
            and nxt.low
            and (nxt.low not in _CLAUSE_OPENERS)
        ):
            return []  # "and alleged extrajudicial killings": an adjective
        if prev is not None and prev.low in ("the", "a", "an", "its", "their", "his", "her"):
            return []  # "the reported attack", "its claimed victory"
        if form in _AMBIGUOUS:
            if prev is None or prev.low in self.rules.determiners or prev.low in _CONJ:
                return []
            if prev.low.endswith(("'s", "s'")) or prev.low in ("false", "such", "similar", "new"):
                return []
            if (
                nxt is not None
                and nxt.low
                and (nxt.low in self.lex.verbs or nxt.low in _BE or nxt.low in _HAVE)
            ):
                return []
        participle = first.endswith("ing") and form in self.lex.participles
        if first.endswith("ing"):
            j = ti - 1
            while j >= 0 and toks[j].low in rules.between and toks[j].low not in _BE:
                if toks[j].low in _HAVE:
                    break
                j -= 1
            if j >= 0 and toks[j].low in _BE:
                participle = False  # progressive: "are talking up", "had been demanding"
            elif not participle:
                if first in ("heard",):
                    pass
                else:
                    return []
        explain: list[str] = []
        neg = self._negated(toks, ti)
        if neg:
            return []
        if participle:
            return self._participle(par, si, sent, ti, tj, form, found)
        si0 = ti
        if (
            ti >= 2
            and toks[ti - 1].low == "to"
            and toks[ti - 2].low in self.lex.words("between.control_verbs")
        ):
            si0 = ti - 2  # "the bank was quick to deny": the subject of "quick"
        subj = self._subject_before(par, sent, si0, found)
        mode = "before"
        if subj is None and form in self.lex.inversion:
            subj = self._subject_after(par, sent, tj, ti)
            mode = "after"
        if subj is None:
            return []
        mention, info = subj
        k = self._tok_index(sent, mention.start) - 1
        if (k >= 0 and toks[k].low in ("nor", "neither", "no", "none")) or (
            mention.text.lower().startswith(("neither ", "no ", "none "))
        ):
            return []  # "Neither Moscow nor Kyiv has commented"
        if mention.kind == "coord":
            base = self._main_candidate(found)
            if base is None:
                sm = self._sentence_subject(par, sent)
                if sm is None:
                    return []
                actors = self._actors_for(par, sent, sm)
                if not actors:
                    return []
                explain.append("speaker: subject of the sentence (coordinated verb)")
            else:
                actors = [base.actor, *[self._actor_named(n) for n in base.joint[1:]]]
                explain.append(f"speaker: same subject as '{base.cue}' (coordinated verb)")
            s0, s1 = (mention.start, mention.end)
        else:
            if doc_only and mention.kind != "document":
                return []
            if mention.kind == "document" and form in ("read", "reads"):
                pass
            elif form in ("read", "reads"):
                return []
            actors = self._actors_for(par, sent, mention)
            if not actors:
                return []
            if len(actors) == 1:
                self._defines_acronym(sent, mention, actors[0])
            explain.extend(mention.reasons)
            explain.append(
                f"speaker {'after' if mode == 'after' else 'before'} the cue: {mention.text!r}"
            )
            s0, s1 = mention.start, mention.end
        if form in self.lex.weak and not self._weak_ok(par, sent, tj):
            return []
        cue_text, cue_stop = self._cue_text(par, sent, form, start, end, tj)
        out = []
        joint = tuple(a.name for a in actors) if len(actors) > 1 else ()
        for actor in actors:
            out.append(
                Candidate(
                    actor=actor,
                    cue=cue_text,
                    kind="reported",
                    sent=si,
                    cue_start=start,
                    cue_end=cue_stop,
                    subj_start=s0,
                    subj_end=s1,
                    scope=[],
                    stance_verb=self.lex.verbs.get(form, Stance.ASSERTS),
                    explain=[f"rule: speech verb '{form}'", *explain],
                    relative=info == "relative",
                    participle=False,
                    verb=form,
                    joint=joint,
                    pronoun=mention.kind == "pronoun",
                )
            )
        return out

    def _passive(
        self, par: Paragraph, si: int, sent: Sentence, ti: int, tj: int, form: str
    ) -> list[Candidate]:
        """ "The claim was denied by the defence ministry", "the report was disputed by
        Kyiv": the agent after 'by' is the speaker, the verb gives the stance."""
        toks = sent.toks
        mention = self._np_forward(par, sent, tj + 1)
        if mention is None or mention.kind in ("pronoun", "document"):
            return []
        known = _KNOWN_AS.match(par.text, mention.end)
        if known is not None and mention.kind in ("generic", "indefinite", "group-of"):
            # "by a Sunni group known as Saraya Ansar al-Sunna"
            actors = [self._actor_named(known.group(1))]
            mention.reasons.append(f"{mention.text!r} is named: {known.group(1)!r}")
        else:
            actors = self._actors_for(par, sent, mention)
        if not actors:
            return []
        start, end = toks[ti].start, toks[tj - 1].end
        joint = tuple(a.name for a in actors) if len(actors) > 1 else ()
        return [
            Candidate(
                actor=actor,
                cue=fold(par.text[start:end]).lower(),
                kind="reported",
                sent=si,
                cue_start=start,
                cue_end=mention.end,
                subj_start=mention.start,
                subj_end=mention.end,
                scope=[],
                stance_verb=self.lex.verbs.get(form, Stance.ASSERTS),
                explain=[
                    f"rule: passive speech verb '{form}' with its agent after 'by'",
                    *mention.reasons,
                    f"speaker after 'by': {mention.text!r}",
                ],
                verb=form,
                joint=joint,
            )
            for actor in actors
        ]

    def _defines_acronym(self, sent: Sentence, m: Mention, actor: Actor) -> None:
        """ "The Congolese armed forces (FARDC) said": a later "the FARDC" is the same
        speaker, even when the letters are not the initials of the English name."""
        toks = sent.toks
        k = self._tok_index(sent, m.end)
        if not (
            k + 2 < len(toks)
            and toks[k].text == "("
            and toks[k + 2].text == ")"
            and _is_acronym(toks[k + 1].text)
            and actor.kind in ("body", "government", "group")
        ):
            return
        key = fold(toks[k + 1].text)
        old = self.ctx.acronyms.get(key)
        if old is None or (old.side is None and actor.side is not None):
            self.ctx.acronyms[key] = actor

    def _negated(self, toks: Sequence[Tok], ti: int) -> bool:
        i = ti - 1
        steps = 0
        while i >= 0 and steps < 5:
            low = toks[i].low
            if low in self.rules.negators or low.endswith("n't") or low == "never":
                return True
            if low == "to" and i > 0 and toks[i - 1].low in ("declined", "refused", "failed"):
                return True
            if low not in self.rules.between:
                return False
            i -= 1
            steps += 1
        return False

    def _weak_ok(self, par: Paragraph, sent: Sentence, tj: int) -> bool:
        """A weak verb ("called", "described") counts with a quote, a "that" clause, an
        "as …" complement or a stance phrase in what follows it."""
        toks = sent.toks
        window = toks[tj : tj + 12]
        for k, t in enumerate(window):
            if t.quote or t.low in ("that", ":", "whether") or (t.low in ("a", "an") and k >= 2):
                return True
            if t.low == "as" and k + 1 < len(window):
                return True
            if t.low in (".", ";"):
                break
        rest = par.text[toks[tj].start if tj < len(toks) else sent.end : sent.end]
        return bool(self._phrase_stances(rest))

    def _participle(
        self,
        par: Paragraph,
        si: int,
        sent: Sentence,
        ti: int,
        tj: int,
        form: str,
        found: list[Candidate],
    ) -> list[Candidate]:
        toks = sent.toks
        j = ti - 1
        while j >= 0 and toks[j].low in self.rules.between:
            j -= 1
        with_np = self._with_subject(par, sent, j)
        if with_np is not None:
            # "…, with Reuter saying …": the participle has its own subject
            actors = self._actors_for(par, sent, with_np)
            if not actors:
                return []
            return self._participle_out(
                par,
                si,
                sent,
                ti,
                tj,
                form,
                actors,
                f"speaker: 'with {with_np.text}' + participle",
                None,
                with_np,
            )
        if j < 0 or (toks[j].low not in _ATTACH_BEFORE and toks[j].text not in (",", "–", "—")):
            return []
        base = None
        for c in reversed(found):
            if not c.relative and c.kind in ("reported", "direct"):
                base = c
                break
        if base is not None:
            actors = [base.actor]
            if base.joint:
                actors = [self._actor_named(n) for n in base.joint]
            why = f"speaker: same as '{base.cue}' (participle)"
        else:
            sm = self._sentence_subject(par, sent)
            if sm is None:
                return []
            actors = self._actors_for(par, sent, sm)
            why = f"speaker: subject of the sentence {sm.text!r} (participle)"
        if not actors:
            return []
        return self._participle_out(par, si, sent, ti, tj, form, actors, why, base, None)

    def _with_subject(self, par: Paragraph, sent: Sentence, j: int) -> Mention | None:
        """The subject of an absolute "with X saying" ending at token ``j``, or None."""
        toks = sent.toks
        if j < 1 or toks[j].text in (",", "–", "—") or toks[j].low in _ATTACH_BEFORE:
            return None
        k = j
        while k > 0 and j - k < 8 and toks[k - 1].low != "with" and not toks[k - 1].quote:
            if toks[k - 1].text in (",", ";", ":", "(", ")"):
                return None
            k -= 1
        if k < 1 or toks[k - 1].low != "with":
            return None
        m = self._analyse(par, sent, k, j)
        if m is None or m.kind in ("pronoun", "document", "joint"):
            return None
        return m

    def _participle_out(
        self,
        par: Paragraph,
        si: int,
        sent: Sentence,
        ti: int,
        tj: int,
        form: str,
        actors: Sequence[Actor],
        why: str,
        base: Candidate | None,
        subject: Mention | None,
    ) -> list[Candidate]:
        toks = sent.toks
        if form in self.lex.weak and not self._weak_ok(par, sent, tj):
            return []
        start = toks[ti].start
        end = toks[tj - 1].end if tj > 0 else toks[ti].end
        cue_text, stop = self._cue_text(par, sent, form, start, end, tj)
        out = []
        for a in actors:
            out.append(
                Candidate(
                    actor=a,
                    cue=cue_text,
                    kind="reported",
                    sent=si,
                    cue_start=start,
                    cue_end=stop,
                    subj_start=subject.start if subject is not None else start,
                    subj_end=subject.end if subject is not None else start,
                    scope=[],
                    stance_verb=self.lex.verbs.get(form, Stance.ASSERTS),
                    explain=[f"rule: participle '{form}'", why],
                    participle=True,
                    verb=form,
                    joint=tuple(x.name for x in actors) if len(actors) > 1 else (),
                    base=base,
                )
            )
        return out

    def _according(
        self, par: Paragraph, si: int, sent: Sentence, start: int, end: int
    ) -> list[Candidate]:
        rest = par.masked[end : sent.end]
        d = _DOC_PREFIX.match(rest)
        skip = d.end() if d else 0
        tj = self._tok_index(sent, end + skip)
        m = self._np_forward(par, sent, tj)
        if m is None:
            return []
        # "United Nations data"
        if m.kind == "name" and m.name and m.name.split()[-1].lower() in _TRAILING_DOC:
            m.name = " ".join(m.name.split()[:-1])
            m.org = self.reg.resolve(m.name)
        if m.kind in ("generic",) and m.name in _TRAILING_DOC:
            return []
        if m.kind == "definite" and m.name in _TRAILING_DOC:
            return []
        actors = self._actors_for(par, sent, m)
        out = []
        for a in actors:
            out.append(
                Candidate(
                    actor=a,
                    cue="according to",
                    kind="according_to",
                    sent=si,
                    cue_start=start,
                    cue_end=end,
                    subj_start=m.start,
                    subj_end=m.end,
                    scope=[],
                    stance_verb=Stance.ASSERTS,
                    explain=["rule: according to", *m.reasons],
                    verb="according to",
                )
            )
        return out

    def _nominal(
        self, par: Paragraph, si: int, sent: Sentence, mm: re.Match[str], found: list[Candidate]
    ) -> list[Candidate]:
        group = "np"
        if mm.re is _NOMINAL_BY and mm.group("np") is None:
            group = "np2"
        np_text = mm.group(group)
        np_text = _LEAD_DET.sub("", np_text.strip())
        words = np_text.split()
        if words and words[0].lower() in _FUNCTION_CAPS:
            return []
        # keep only the capitalised tail: "remarks from Japanese Prime Minister Sanae Takaichi"
        a = self._tok_index(sent, mm.start(group))
        b = self._tok_index(sent, mm.end(group)) - 1
        if b < a:
            return []
        m = self._analyse(par, sent, a, b)
        if m is None and mm.group(group)[:4] in ("The ", "the "):
            m = self._possessor_body(mm.start(group), mm.end(group), words)
        if m is None or m.kind not in ("name", "group-of", "definite"):
            return []
        if m.kind == "definite" and mm.group(group)[:4] not in ("The ", "the "):
            return []
        actor = self._actor(par, sent, m)
        if actor is None:
            return []
        if (
            actor.kind == "person"
            and not self.reg.resolve(m.name or "")
            and len((m.name or "").split()) < 2
        ):
            known, _ = self.ctx.resolve_name(m.name or "")
            if known is None:
                return []
        noun = mm.group("noun")
        return [
            Candidate(
                actor=actor,
                cue=noun.lower(),
                kind="nominal",
                sent=si,
                cue_start=mm.start("noun"),
                cue_end=mm.end("noun"),
                subj_start=mm.start(group),
                subj_end=mm.end(group),
                scope=[],
                stance_verb=Stance.DENIES
                if noun.startswith(("denial", "rejection"))
                else Stance.ASSERTS,
                explain=[f"rule: nominal '{noun}' with possessor or agent", *m.reasons],
                verb=noun,
                bare=mm.re is _NOMINAL_DENIAL,
            )
        ]

    def _possessor_body(self, start: int, end: int, words: Sequence[str]) -> Mention | None:
        """ "the ministry's denial", "the electoral commission's claim": a body named by
        its common noun as the possessor of a nominal cue."""
        rules = self.rules
        if words and words[0] in ("The", "the"):
            words = words[1:]
        if not words or any(w[:1].isupper() for w in words):
            return None
        head = words[-1]
        if head not in rules.generic and head not in rules.body_heads:
            return None
        if head in _NON_OFFICIAL or head in rules.documents:
            return None
        m = Mention(" ".join(["the", *words]), start, end, "definite", name=" ".join(words))
        m.det = "the"
        m.official = True
        return m

    def _quoted_as(
        self, par: Paragraph, si: int, sent: Sentence, mm: re.Match[str]
    ) -> list[Candidate]:
        a = self._tok_index(sent, mm.start("np"))
        b = self._tok_index(sent, mm.end("np")) - 1
        if mm.group("np").startswith("by "):
            # "The minister was quoted by Reuters as saying …": the subject speaks
            subj = self._subject_before(par, sent, self._tok_index(sent, mm.start()), [])
            m = subj[0] if subj is not None else None
        else:
            m = self._analyse(par, sent, a, b) if b >= a else None
        if m is None or m.kind == "coord":
            return []
        outlet: list[Candidate] = []
        if mm.group("verb") in ("quoted", "cited") and not mm.group("np").startswith("by "):
            # "KCNA quoted a spokesperson as saying …": the outlet reports, a row of its own
            subj = self._subject_before(par, sent, self._tok_index(sent, mm.start()), [])
            if subj is not None and subj[0].kind not in ("coord", "document"):
                om = subj[0]
                outlet = [
                    Candidate(
                        actor=act,
                        cue=mm.group("verb"),
                        kind="reported",
                        sent=si,
                        cue_start=mm.start(),
                        cue_end=mm.start("np"),
                        subj_start=om.start,
                        subj_end=om.end,
                        scope=[],
                        stance_verb=Stance.ASSERTS,
                        explain=[
                            f"rule: 'X {mm.group('verb')} Y as saying': X reports",
                            *om.reasons,
                        ],
                        verb=mm.group("verb"),
                    )
                    for act in self._actors_for(par, sent, om)
                ]
        actors = self._actors_for(par, sent, m)
        return outlet + [
            Candidate(
                actor=act,
                cue=f"{mm.group('verb')} as saying",
                kind="reported",
                sent=si,
                cue_start=mm.start(),
                cue_end=mm.end(),
                subj_start=m.start,
                subj_end=m.end,
                scope=[],
                stance_verb=Stance.ASSERTS,
                explain=[f"rule: '{mm.group('verb')} X as saying'", *m.reasons],
                verb="quoted as saying",
            )
            for act in actors
        ]

    def _quoting(
        self, par: Paragraph, si: int, sent: Sentence, mm: re.Match[str], found: list[Candidate]
    ) -> list[Candidate]:
        """ "SANA, quoting officials, reported": the officials speak too."""
        a = self._tok_index(sent, mm.start("np"))
        b = self._tok_index(sent, mm.end("np")) - 1
        m = self._analyse(par, sent, a, b) if b >= a else None
        if m is None or m.kind not in ("generic", "name", "group-of", "indefinite"):
            return []
        side = m.side
        if side is None and m.kind == "generic":
            # the quoting outlet's country: "Syria's state news agency SANA, quoting officials"
            sm = self._sentence_subject(par, sent)
            if sm is not None:
                outlet = self._actor(par, sent, sm)
                side = outlet.side if outlet else None
        name = m.name or m.text
        if m.kind == "generic" and side and not self.reg.demonym(name.split()[0]):
            name = f"{self.reg.adjective(side)} {name}"
        actor = (
            self.ctx.remember(Actor(name=name, kind="group", side=side))
            if m.kind != "name"
            else (self._actor(par, sent, m))
        )
        if actor is None:
            return []
        return [
            Candidate(
                actor=actor,
                cue=mm.group("verb"),
                kind="reported",
                sent=si,
                cue_start=mm.start("verb"),
                cue_end=mm.end("verb"),
                subj_start=m.start,
                subj_end=m.end,
                scope=[],
                stance_verb=Stance.ASSERTS,
                explain=[f"rule: '{mm.group('verb')} X': the source quoted speaks too"],
                participle=True,
                verb=mm.group("verb"),
            )
        ]

    def _lead_in(self, par: Paragraph, si: int, sent: Sentence) -> list[Candidate]:
        """'From the chairwoman: "…"' and '"…" – Commissioner X'."""
        toks = sent.toks
        qi = [k for k, t in enumerate(toks) if t.quote]
        if not qi:
            return []
        first, last = qi[0], qi[-1]
        m = None
        rule = ""
        if first >= 2 and toks[first - 1].text == ":":
            a = 0
            while a < first - 1 and toks[a].low in ("from", "in", "the", "words", "of"):
                if toks[a].low == "the" and a + 1 < first - 1 and toks[a + 1].low != "words":
                    break
                a += 1
            if a < first - 1:
                m = self._analyse(par, sent, a, first - 2)
                rule = "lead-in colon"
        elif last + 2 < len(toks) and toks[last + 1].text in ("–", "—", "-"):
            e = len(toks) - 1
            while e > last + 1 and toks[e].text in (".", ",", ";"):
                e -= 1
            comma = next((k for k in range(last + 2, e) if toks[k].text == ","), None)
            if (
                comma is not None
                and comma - (last + 2) >= 2
                and all(t.cap for t in toks[last + 2 : comma])
            ):
                # '"…" – Rosa Quispe, president of the tribunal': the name, then its role
                m = self._analyse(par, sent, last + 2, comma - 1)
                if m is not None and m.kind == "name":
                    self._apposition(par, sent, m, comma)
            if m is None or m.kind != "name":
                m = self._analyse(par, sent, last + 2, e)
            rule = "dash attribution"
        if m is None:
            return []
        actors = self._actors_for(par, sent, m)
        return [
            Candidate(
                actor=a,
                cue="",
                kind="direct",
                sent=si,
                cue_start=toks[first].start,
                cue_end=toks[first].start,
                subj_start=m.start,
                subj_end=m.end,
                scope=[],
                stance_verb=Stance.ASSERTS,
                explain=[f"rule: {rule}", *m.reasons],
                verb="",
            )
            for a in actors
        ]

    def _quote_only(self, par: Paragraph, sent: Sentence) -> bool:
        """A sentence that is a quote and nothing else (ignoring punctuation)."""
        for t in sent.toks:
            if not t.quote and t.low and t.low[0].isalnum():
                return False
        quoted = sum(q.end - q.start for q in sent.quotes)
        return quoted > 0 and any(par.text[q.start] in _DOUBLE for q in sent.quotes)

    def _quote_sentence(
        self,
        par: Paragraph,
        si: int,
        sent: Sentence,
        cands: list[Candidate],
        prev_subject: Actor | None,
    ) -> None:
        """A quote with no cue: it continues the previous statement of the paragraph, or
        of the previous paragraph, or it belongs to the person just named."""
        q = sent.quotes[0]
        if cands:
            base = cands[-1]
            base.scope.append((sent.start, sent.end))
            base.explain.append("quote continues in the next sentence")
            self._extend_quote(par, base, sent)
            base.extra_end = sent.end
            return
        actor = None
        why = ""
        date = None
        if si == 0 and self.prev_par and self.prev_actor is not None:
            last = self.prev_par[-1]
            actor = self.prev_actor
            why = f"quote-only paragraph: continues {last.speaker} from line {last.line}"
            date = (last.date, last.date_precision, "inherited from the statement it continues")
        elif prev_subject is not None:
            actor = prev_subject
            why = f"quote with no cue: the speaker named just before, {actor.name}"
        elif si == 0 and self.prev_par_subject is not None:
            actor = self.prev_par_subject
            why = f"quote with no cue: the speaker named in the previous paragraph, {actor.name}"
        if actor is None:
            return
        c = Candidate(
            actor=actor,
            cue="",
            kind="direct",
            sent=si,
            cue_start=q.start,
            cue_end=q.start,
            subj_start=q.start,
            subj_end=q.start,
            scope=[(sent.start, sent.end)],
            stance_verb=Stance.ASSERTS,
            explain=["rule: quote continuation", why],
            quote=_join_quotes(par.text, sent.quotes),
            date=date,
        )
        cands.append(c)

    def _extend_quote(self, par: Paragraph, base: Candidate, sent: Sentence) -> None:
        more = _join_quotes(par.text, sent.quotes)
        if base.kind != "direct":
            return
        if not base.quote:
            base.quote = more
            return
        text = par.text
        at = text.find(base.quote)
        tail = text.find(more, sent.start) if more else -1
        if at >= 0 and tail >= at and not _has_word(text[at + len(base.quote) : tail]):
            # '"… ." "…': one quotation over two sentences, kept as printed
            base.quote = text[at : tail + len(more)]
        else:
            base.quote = f"{base.quote} {more}".strip()

    def _remember_subject(self, par: Paragraph, sent: Sentence) -> Actor | None:
        """Narration: remember a person named as a sentence's subject, for later "he",
        and a national body, for a later "the ministry"."""
        if sent.start >= len(par.masked) or par.masked[sent.start] == MASK:
            return None  # a quotation opens the sentence: no narration subject
        toks = sent.toks
        if not toks or not (toks[0].cap or _AGE.match(toks[0].low)):
            return None
        if toks[0].low in self.rules.determiners or self.reg.demonym(toks[0].text):
            self._remember_body(par, sent)
        if toks[0].low in _FUNCTION_CAPS and toks[0].low not in self.rules.determiners:
            return None
        k = 0
        while k < len(toks) and k < 8 and (toks[k].cap or toks[k].low in self.rules.particles
                                            or _AGE.match(toks[k].low)
                                            or toks[k].low.startswith("al-")):  # fmt: skip
            k += 1
        if k == 0:
            return None
        m = self._analyse(par, sent, 0, k - 1)
        if m is None or m.kind != "name" or not m.name:
            return None
        if m.org is not None:
            if m.org.kind == "body" and m.org.side:
                # a known agency as a narration subject: "KCNA quoted …" / "It said …"
                self.ctx.remember(m.org)
            return None
        if len(m.name.split()) < 2 and not self.ctx.resolve_name(m.name)[0]:
            if m.name.isupper() or k >= len(toks) or toks[k].cap or not toks[k].low.isalpha():
                return None
        words = m.name.lower().split()
        if any(w in self.rules.body_heads for w in words):
            return None
        self._apposition(par, sent, m, k)
        actor = self._actor(par, sent, m)
        return actor if actor is not None and actor.kind == "person" else None

    def _remember_body_subject(self, par: Paragraph, sent: Sentence) -> None:
        """Narration with an institution as its subject ("The Football Association of
        Zambia opened an inquiry."): remembered, so a later "it said" or "the
        association said" is that body."""
        toks = sent.toks
        if not toks or not toks[0].cap or par.masked[sent.start] == MASK:
            return
        heads = self.rules.body_heads
        if not any(t.low in heads for t in toks[:10]):
            return  # no body word where a subject would be: not worth analysing
        m = self._sentence_subject(par, sent)
        if m is None or m.kind not in ("name", "definite"):
            return
        words = (m.name or "").lower().split()
        if not words or not any(w in self.rules.body_heads for w in words):
            return
        if m.kind == "definite" and words[-1] not in self.rules.body_heads:
            return
        self._actor(par, sent, m)

    def _remember_titled(self, par: Paragraph, sent: Sentence) -> None:
        """Narration: remember a person named with a title anywhere in the sentence
        ("hours after Interior Minister Rafael Ortiz visited", "the office of Governor
        Maria Lopez"), so that a later "the minister" or "she" is that person."""
        run = self.rules.name_run_re
        if run is not None and not run.search(par.masked, sent.start + 1, sent.end):
            return  # no run of three capitalised words or particles: no title and name
        toks = sent.toks
        n = len(toks)
        k = 1  # the sentence's own subject is _remember_subject's
        while k < n:
            if not (toks[k].cap and (toks[k].low in self.rules.titles or self.reg.demonym(
                    toks[k].text))):  # fmt: skip
                k += 1
                continue
            e = k
            while e < n and (toks[e].cap or toks[e].low in self.rules.particles) and e - k < 9:
                e += 1
            if e - k >= 3:
                m = self._analyse(par, sent, k, e - 1)
                if (
                    m is not None
                    and m.kind == "name"
                    and m.org is None
                    and m.role
                    and m.name
                    and len(m.name.split()) >= 2
                ):
                    self._apposition(par, sent, m, e)
                    self._actor(par, sent, m)
            k = e + 1

    def _document_issuer(self, par: Paragraph, sent: Sentence) -> None:
        """ "On Tuesday, the bank issued a clarification.": who a following "the statement
        read" speaks for."""
        sm = self._sentence_subject(par, sent)
        if sm is None or sm.kind in ("pronoun", "document", "coord", "joint"):
            return
        actor = self._actor(par, sent, sm)
        if actor is not None and actor.kind != "person":
            self.ctx.spoke(actor, document=True)

    def _remember_body(self, par: Paragraph, sent: Sentence) -> None:
        """ "The Kyrgyz foreign ministry summoned the ambassador.": a body of a known
        country as a narration subject is who a later "the ministry" is."""
        m = self._sentence_subject(par, sent)
        if m is None or m.kind not in ("name", "group-of", "definite") or not m.side:
            return
        if m.kind == "name" and (m.org is None or m.org.kind not in ("body", "government")):
            return
        words = (m.name or "").split()
        heads = self.rules.body_heads
        if (
            m.kind != "name"
            and not (
                m.official
                and words
                # "the Kyrgyz foreign ministry", "Iraq's Ministry of Water Resources"
                and (words[-1] in heads or any(w.lower() in heads for w in words[:3]))
            )
        ):
            return
        self.narrated_body = self._actor(par, sent, m)

    def _cue_text(
        self, par: Paragraph, sent: Sentence, form: str, start: int, end: int, tj: int
    ) -> tuple[str, int]:
        """The cue as the annotation writes it: the verb as printed plus a directly
        attached channel or listener ("told reporters", "said in a statement")."""
        text = par.text
        verb = _SPACES.sub(" ", text[start:end]).lower().translate(_APOS)
        pos = end
        parts = [verb]
        toks = sent.toks
        first = form.split()[0]
        if first in ("told", "tells", "tell", "telling"):
            k = tj
            words: list[Tok] = []
            while k < len(toks) and len(words) < 7:
                t = toks[k]
                if t.quote or t.text in (",", ".", ":", ";", "(") or t.low in (
                    "that", "on", "in", "about", "after", "before", "during", "at", "when",
                    "while", "as", "of", "if", "whether",
                ):  # fmt: skip
                    break
                if not t.cap and t.low not in self.rules.listeners and t.low not in (
                    "the", "a", "an", "&", "co.", "state-run", "state", "news", "agency",
                    "media", "television", "broadcaster", "newspaper", "outlet", "radio",
                    "magazine", "channel", "network", "daily", "'s",
                ) and not t.low.endswith("'s"):  # fmt: skip
                    break
                words.append(t)
                k += 1
            while words and words[-1].low in ("the", "a", "an", "&"):
                words.pop()  # "told reporters the claim …": the listener ends before "the"
            if words:
                pos = words[-1].end
                listener = text[words[0].start : pos]
                if listener.lower() not in ("him", "her", "them", "us", "me"):
                    parts.append(listener.lower().translate(_APOS))
        while True:
            m = self.rules.channel_re.match(text, pos, sent.end)
            if not m:
                break
            parts.append(m.group(0).strip().lower().translate(_APOS))
            pos = m.end()
        return " ".join(parts), pos

    def _scopes(self, par: Paragraph, sent: Sentence, found: list[Candidate]) -> None:
        """Each candidate's own words: from its cue to the next cue of another
        statement, plus a quote right before an attribution ('"…," X said')."""
        if not found:
            return
        starts = sorted(
            {
                min(c.subj_start, c.cue_start)
                for c in found
                if c.kind not in ("according_to",) and not c.bare
            }
        )
        text = par.text
        for c in found:
            if c.scope:
                continue
            if c.kind == "according_to":
                # the rest of the sentence is what the source says
                c.scope = [(sent.start, min(c.cue_start, c.subj_start)), (c.subj_end, sent.end)]
                continue
            if c.kind == "nominal":
                c.scope = [(c.cue_end, self._clause_end(par, sent, c.cue_end))]
                continue
            nxt = [s for s in starts if s > c.cue_end]
            end = nxt[0] if nxt else sent.end
            if c.relative:
                end = min(end, self._clause_end(par, sent, c.cue_end))
            c.scope = [(c.cue_end, end)]
            # a quote before the attribution is the content: '"…," X said'
            head = min(c.subj_start, c.cue_start)
            before = [q for q in sent.quotes if q.end <= head]
            quoted_before = False
            if before and not any(s < head and s > before[-1].end for s in starts if s != head):
                gap = par.masked[before[-1].end : head]
                if _GAP_PUNCT.fullmatch(gap):
                    quoted_before = True
                    c.scope.append((sent.start, head))
                    if not text[sent.start : before[0].start].strip(" ,") or text[
                        sent.start : before[0].start
                    ].rstrip().endswith(","):
                        c.kind = "direct"
                        c.quote = _join_quotes(text, before)
            if not quoted_before and c.kind == "reported":
                self._content_before(par, sent, c, head, starts)
            # "X said: "…"" / "adding: "…"" / '"…," said X, "…"'
            tail = max(c.cue_end, c.subj_end)
            after = [q for q in sent.quotes if q.start >= tail]
            if after and not any(tail < s2 < after[0].start for s2 in starts):
                gap = par.masked[tail : after[0].start]
                if _GAP_END.search(gap) and len(gap.split()) <= 6 and not _GAP_THAT.search(gap):
                    more = _join_quotes(text, after)
                    if c.kind == "direct" and c.quote:
                        c.quote = f"{c.quote} {more}"
                    else:
                        c.kind = "direct"
                        c.quote = more

    def _content_before(
        self, par: Paragraph, sent: Sentence, c: Candidate, head: int, starts: Sequence[int]
    ) -> None:
        """Reported words before a closing attribution are its content: "The report is
        false, the minister said on Monday." The attribution must close the sentence
        (nothing said after it but a time, place or channel) and open no other cue."""
        if head <= sent.start or any(sent.start <= s < head for s in starts):
            return
        lead = par.masked[sent.start : head].rstrip()
        if not lead.endswith(",") or len(lead.split()) < 4 or lead.startswith(MASK):
            return
        a, b = c.scope[0]
        rest = par.masked[a:b].strip(" .,;")
        if len(rest.split()) > 6 or _GAP_THAT.search(rest) or MASK in rest:
            return
        c.scope.insert(0, (sent.start, head))
        c.explain.append("the words before the attribution are its content")

    def _clause_end(self, par: Paragraph, sent: Sentence, pos: int) -> int:
        m = _CLAUSE_STOP.search(par.masked[pos : sent.end])
        return pos + (m.start() if m else 0) if m and m.start() > 0 else sent.end

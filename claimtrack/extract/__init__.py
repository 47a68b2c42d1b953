"""Attributed statements in an article: who said what, when, and which way.

Rules and lexicons, no parser and no model (textacy's ``direct_quotations`` is the
model for the shape; its limits are lifted where a rule can do it). Per paragraph:

1. **Quotes.** Double quote marks are paired by context, not by glyph, so a reversed
   pair (``”word“``) still pairs, an apostrophe (``don’t``, ``countries’``) is never a
   quote mark, and an unbalanced mark costs one span, never the paragraph. A quote
   left open at the end of a paragraph runs to its end (the convention for quotes
   that continue in the next paragraph). Single quotes count only in paragraphs
   without double quotes.
2. **Sentences**, never split inside a quote.
3. **Cues.** Every speech verb of ``data/speech_verbs.toml`` found *outside* quotes is
   a candidate; its speaker is the noun phrase before it (skipping auxiliaries,
   adverbs, appositives and relative pronouns), or after it for inversions
   (``"…," said the minister``). "-ing" forms after a comma continue the main
   statement's speaker. Plus ``according to X``, nominal forms
   (``Russia's allegation that …``), ``quoted X as saying``, ``the statement read``,
   lead-in colons (``From the chairwoman: "…"``) and dash attributions
   (``"…" – Commissioner X``).
4. **Speakers** go through ``actors.SpeakerContext``: titles and nationality words
   are stripped, surnames and pronouns go back to the person named earlier, capitals
   stand for their governments.
5. **Stance** comes from the cue verb and from the cue phrases of
   ``data/stance_cues.toml`` found in the statement's own words, negation handled.
6. **Date**: a time expression attached to the speech act (fronted, between subject
   and verb, or right after the verb and its channel); else inherited from the same
   speaker's previous statement in the paragraph; else the publication date.

A paragraph that is only a quote continues the previous paragraph's speaker. One
statement is kept per (speaker, cue) per paragraph, as the gold annotation does.

Every decision appends a short reason to ``Statement.explain``. Does not extract:
statements whose speaker is only identifiable from world knowledge, or speech acts
expressed without any listed verb or noun.

Layout: ``text`` (quotes, tokens, sentences) and ``rules`` (patterns and word lists) are
plain functions and data; the extractor is one object whose rules live in one class per
module, stacked in the order they call each other: ``state._State`` (the article and who
spoke last) <- ``nouns.NounPhrases`` (a noun phrase and the actor it names) <-
``subjects.Subjects`` (where a cue's speaker is); ``stance.StanceRules`` and
``when.DateRules`` <- ``merge.Merging`` (one statement per speaker and cue) <-
``cues.CueRules`` (cues in a sentence) <- ``_Extractor`` here (paragraphs, the article).
"""

from __future__ import annotations

import re
from dataclasses import replace

from claimtrack.actors import Actor, default_registry, fold
from claimtrack.lexicon import Lexicon, load_lexicon
from claimtrack.models import Article, Statement

from .cues import CueRules
from .rules import _CAP_RUN_OF, _COMPANY, _IDENTIFIED_AS, _ISSUED_DOC, _REGION_OF, rules_for
from .state import Candidate
from .text import Paragraph, QuoteSpan, _is_heading, _strip_poss, find_quotes, split_paragraph


class _Extractor(CueRules):
    def run(self) -> list[Statement]:
        for line, text in self.article.body:
            if not text.strip():
                continue
            self.paragraph(split_paragraph(line, text))
        self._named_later()
        self._proper_names()
        return self.out

    def _named_later(self) -> None:
        """A standfirst or lead names its speaker by role, the body by name: "An
        opposition senator says …" then "Senator Marcelo Rivas said …"; "the electoral
        tribunal says …" then "Bolivia's Supreme Electoral Tribunal (TSE)"."""
        body = self.article.body
        lead = {ln for ln, _ in body[:2]}
        for i, st in enumerate(self.out):
            if st.cue.startswith("heard") and not st.speaker[:1].isupper():
                # "a man is heard saying …" … "identified the voice as that of Peter Banda"
                later = "\n".join(t for ln, t in body if ln >= st.line)
                mm = _IDENTIFIED_AS.search(later)
                if mm:
                    name = mm.group(1).strip()
                    self.out[i] = replace(
                        st,
                        speaker=name,
                        side=None,
                        explain=[*st.explain, f"{st.speaker!r} identified as {name!r}"],
                    )
                continue
            if st.line not in lead:
                continue
            words = st.speaker.split()
            named = st.speaker[:1].isupper() and self.reg.demonym(words[0]) is None
            if len(words) < 2 or words[-1][:1].isupper() or named:
                continue  # a name, or a group named as such
            later = "\n".join(t for ln, t in body if ln > st.line)
            head = words[-1]
            name = None
            if head in self.rules.titles:
                # the title capitalised before a name: "Senator Marcelo Rivas"
                rx = rf"\b{head.title()}\s+((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){{1,2}})"
                mm = re.search(rx, later)
                if mm and not mm.group(1).endswith(("’s", "'s")):
                    name = mm.group(1)
            elif words[-2][:1].islower():
                # the body's own name: "electoral tribunal" -> "Supreme Electoral Tribunal"
                pair = f"{words[-2].title()} {head.title()}"
                rx = rf"((?:[A-Z][\w-]+\s+){{0,2}}{pair})\b"
                mm = re.search(rx, later)
                if mm:
                    name = mm.group(1)
            if not name:
                continue
            known = next((e.actor for e in self.ctx.entities if e.actor.name == name), None)
            side = (known.side if known else None) or st.side
            self.out[i] = replace(
                st,
                speaker=name,
                side=side,
                explain=[*st.explain, f"{st.speaker!r} is {name!r}, named later in the article"],
            )

    def _proper_names(self) -> None:
        """A body described in words, then named: "Zambia's football federation rejected
        …" and "The Football Association of Zambia, or FAZ, said …" are one speaker,
        under its proper name. The name holds the description's modifiers capitalised
        ("Football"), a body word, and the side's country; every statement of the
        description takes it."""
        text = "\n".join(t for _, t in self.article.body)
        renamed: dict[str, str | None] = {}
        for i, st in enumerate(self.out):
            if st.speaker not in renamed:
                renamed[st.speaker] = self._proper_name(st.speaker, st.side, text)
            name = renamed[st.speaker]
            if name is not None:
                self.out[i] = replace(
                    st,
                    speaker=name,
                    explain=[*st.explain, f"{st.speaker!r} is {name!r}, named in the article"],
                )

    def _proper_name(self, speaker: str, side: str | None, text: str) -> str | None:
        if speaker in ("company", "firm"):
            # "the company denies …" in a lead that names the company a line later
            names = {_strip_poss(n) for n in _COMPANY.findall(text)}
            return names.pop() if len(names) == 1 else None
        words = speaker.split()
        if side is None or len(words) < 3 or not words[0][:1].isupper():
            return None
        if self.reg.demonym(words[0]) != side or any(w[:1].isupper() for w in words[1:]):
            return None
        modifiers = {w for w in words[1:-1] if w not in self.rules.generic}
        if not modifiers or words[-1] not in self.rules.body_heads:
            return None
        country = fold(side)
        for mm in _CAP_RUN_OF.finditer(text):
            run = mm.group(0)
            folded = fold(run).split()
            if len(folded) < 2:
                continue
            if folded[0] == "the":
                run, folded = run.split(None, 1)[1], folded[1:]
            if not modifiers <= set(folded) or not any(w in self.rules.body_heads for w in folded):
                continue
            if country in folded or words[0].lower() in folded:
                return run
        return None

    def paragraph(self, par: Paragraph) -> None:
        self.ctx.define_acronyms(par.text)
        if " of " in par.text:
            for pm in _REGION_OF.finditer(par.text):
                country = self.reg.demonym(pm.group(1))
                if country and fold(pm.group(2)) not in self.places:
                    self.places[fold(pm.group(2))] = country
        if _is_heading(par.text):
            self.prev_par = []
            self.prev_joint = ()
            return
        cands: list[Candidate] = []
        subject_of_last_sentence: Actor | None = None
        self.prev_subject = self.prev_par_subject
        self.prev_narrated = None
        self.narrated_body = None
        for si, sent in enumerate(par.sentences):
            self.ctx.tick()
            before = len(cands)
            self.sentence(par, si, sent, cands)
            new = cands[before:]
            if not new and sent.quotes and self._quote_only(par, sent):
                self._quote_sentence(par, si, sent, cands, subject_of_last_sentence)
                new = cands[before:]
            subj = None
            if new:
                subject_of_last_sentence = new[-1].actor
                # people named with a title inside what was said ("…, incumbent President
                # Andrei Volkan won") are known for a later "Volkan", but as of the
                # sentence before: this sentence's speakers stay the latest mentioned
                self.ctx.clock -= 1
                self._remember_titled(par, sent)
                if all(c.subj_start > sent.start + 1 for c in new):
                    # "Peru's environment ministry ordered a review, as the company
                    # disputed …": the body in narration is who a later "the ministry" is
                    self._remember_body_subject(par, sent)
                self.ctx.clock += 1
            else:
                subj = self._remember_subject(par, sent)
                if subj is not None:
                    subject_of_last_sentence = subj
                else:
                    self._remember_body_subject(par, sent)
                self._remember_titled(par, sent)
                if _ISSUED_DOC.search(par.text, sent.start, sent.end):
                    self._document_issuer(par, sent)
            main = [c for c in new if c.kind in ("reported", "direct") and not c.relative]
            self.prev_narrated = None
            if main:  # the main clause's speaker, not an embedded "a claim by Moscow"
                self.prev_subject = min(main, key=lambda c: c.subj_start).actor
            elif new or subj is None:
                self.prev_subject = None  # "The KCNA report made no mention. It said …"
            else:
                self.prev_subject = self.prev_narrated = subj
        statements = self._merge(par, cands)
        self.prev_par = statements
        if statements:
            last = statements[-1]
            self.prev_actor = next(
                (c.actor for c in reversed(cands) if c.actor.name == last.speaker), None
            )
        self.prev_par_subject = subject_of_last_sentence
        self.out.extend(statements)


def extract_statements(article: Article, lexicon: Lexicon | None = None) -> list[Statement]:
    """Attributed statements of ``article``, in text order.

    >>> from claimtrack.models import Article
    >>> a = Article("x", 1, 1, [(1, "Kyiv denied the report on Monday.")], published="2026-01-07")
    >>> [(s.speaker, s.stance.value, s.date) for s in extract_statements(a)]
    [('Ukraine', 'denies', '2026-01-05')]
    """
    lexicon = lexicon or load_lexicon()
    return _Extractor(article, lexicon, default_registry()).run()


def statements_in_text(text: str, published: str | None = None) -> list[Statement]:
    """Convenience for tests and the REPL: one paragraph per line of ``text``."""
    body = [(i, line) for i, line in enumerate(text.splitlines(), 1) if line.strip()]
    article = Article(
        path="<text>", start_line=1, end_line=len(body), body=body, published=published
    )
    return extract_statements(article)


__all__ = [
    "Paragraph",
    "QuoteSpan",
    "extract_statements",
    "find_quotes",
    "rules_for",
    "split_paragraph",
    "statements_in_text",
]

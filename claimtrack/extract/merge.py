"""Candidates to statements: stance, date and side decided, one per (speaker, cue) per
paragraph."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from claimtrack.actors import Actor, fold
from claimtrack.models import Stance, Statement

from .rules import _PARTISAN, _WORD
from .stance import StanceRules
from .state import Candidate
from .subjects import Subjects
from .text import Paragraph, QuoteSpan, Sentence, _has_word
from .when import DateRules


def _join_quotes(text: str, spans: Sequence[QuoteSpan]) -> str:
    """The words of several quotations of one sentence. Pieces with only marks and
    spaces between them ('" … " " …') are one quotation cut by a stray mark: the span of
    text from the first to the last, so the quote stands in the article as printed."""
    inners = [q.inner(text) for q in spans]
    if len(spans) > 1 and all(
        not _has_word(text[a.end - 1 if a.closed else a.end : b.start + 1])
        for a, b in pairwise(spans)
    ):
        first, last = inners[0], inners[-1]
        a = text.find(first, spans[0].start) if first else -1
        b = text.rfind(last, 0, spans[-1].end) if last else -1
        if a >= 0 and b >= a:
            return text[a : b + len(last)]
    return " ".join(inners)


class Merging(Subjects, StanceRules, DateRules):
    """Candidates into statements: stance, date and side decided, one per (speaker, cue)."""

    def _finish(
        self,
        par: Paragraph,
        sent: Sentence,
        c: Candidate,
        found: Sequence[Candidate],
        prior: Sequence[Candidate],
    ) -> None:
        """Bookkeeping after a statement: who spoke last, and through a document?"""
        words = par.text[sent.start : sent.end].lower()
        document = any(w in words for w in ("statement", " post", "letter", "communique"))
        self.ctx.spoke(c.actor, document=document)
        if self.reg.country(c.actor.side) is not None and "former" not in (c.actor.role or ""):
            # a former minister's nationality is not the side the article is about
            self.last_side = c.actor.side

    def _home_side(self, actor: Actor, explain: list[str]) -> str | None:
        """A speaker without a side that belongs to the article's country: "Arlandia's
        electoral commission", or a domestic political title ("opposition leader X",
        "Congress party leaders") in an article about one country. Decided once per
        actor and article (it reads the whole article)."""
        if actor.side is not None or self.home is None or actor.kind == "government":
            return actor.side
        key = (actor.name, actor.kind, actor.role)
        known = self._home_sides.get(key)
        if known is None:
            why: list[str] = []
            known = (self._find_home_side(actor, why), why)
            self._home_sides[key] = known
        explain.extend(known[1])
        return known[0]

    def _find_home_side(self, actor: Actor, explain: list[str]) -> str | None:
        name = fold(actor.name)
        words = set(_WORD.findall(f"{name} {fold(actor.role or '')}"))
        if words & _PARTISAN:
            return None
        home = fold(self.home)
        if name.startswith((f"{home}'s ", f"{home} ")):
            explain.append(f"side {self.home}: named as the article's country's own")
            return self.home
        titles = self.lex.words("speaker.domestic_titles")
        hit = words & titles
        if actor.kind == "person" and actor.name[:1].isupper():
            # the title the article gave the person: "opposition leader X Y", but not
            # "Ostland Interior Minister X", who is of another country
            if self._article_text is None:
                self._article_text = "\n".join(t for _, t in self.article.body)
            name_rx = re.escape(actor.name)
            rx = rf"\b((?:[a-z]+ ){{1,3}})(?:[A-Z][\w'’-]+ )?{name_rx}\b"
            home_titles: set[str] = set()
            foreign = False
            for mm in re.finditer(rx, self._article_text, re.I):
                title = mm.group(1).split()
                while title and title[-1][:1].isupper() and fold(title[-1]) not in titles:
                    title.pop()  # a first name: "leader Hana Roslin"
                found = set(_WORD.findall(fold(" ".join(title)))) & titles
                if not found:
                    continue
                if self._foreign_title(mm.start(), " ".join(title)):
                    foreign = True
                else:
                    home_titles |= found
            hit = home_titles or (set() if foreign else hit)
        if hit:
            explain.append(f"side {self.home}: '{min(hit)}' in the article's country")
            return self.home
        return None

    def _rebuttal_before(
        self, c: Candidate, done: Sequence[Candidate]
    ) -> tuple[Stance, str] | None:
        """The stance and cue of a rejection or doubt by the same speaker in the sentence
        just before, in the same paragraph ("The agency rejected that suggestion. '…,' the
        agency said"; "X cast doubt on both accounts. She said …"). A quote in the next
        paragraph is its own statement."""
        for p in reversed(done):
            if p.sent == c.sent - 1 and p.actor.name == c.actor.name:
                if p.kind != "reported":
                    continue
                if p.stance_verb is Stance.DENIES or (
                    p.stance_verb is Stance.DOUBTS and c.kind == "reported"
                ):
                    return p.stance_verb, p.cue
        return None

    def _merge(self, par: Paragraph, cands: list[Candidate]) -> list[Statement]:
        out: dict[tuple[str, str], Statement] = {}
        merged: dict[tuple[str, str], int] = {}
        order: list[tuple[str, str]] = []
        done: list[Candidate] = []
        for c in cands:
            sent = par.sentences[c.sent]
            quote = c.quote
            if c.kind == "direct" and quote is None:
                quote = _join_quotes(par.text, sent.quotes) or None
            if c.kind == "direct" and quote is not None and not _has_word(quote):
                continue  # an empty or blank quotation ('“”', a lone '"') says nothing
            end = c.extra_end or sent.end
            if not _has_word(par.text[sent.start : end]):
                continue
            stance, why = self._stance(par, c)
            if (
                stance is Stance.ASSERTS
                and c.kind in ("direct", "reported")
                and why.startswith("no stance")
            ):
                backed = self._rebuttal_before(c, done)
                if backed:
                    stance, cue = backed
                    why = (
                        f"stance {stance.value}: the words back '{cue}' of the same speaker "
                        "just before"
                    )
            if c.date is None:
                c.date = self._date(par, sent, c, done)
            done.append(c)
            key = (c.actor.name, c.cue)
            end = c.extra_end or sent.end
            text = par.text[sent.start : end].strip()
            if key in out:
                st = out[key]
                order_ = {s: i for i, s in enumerate(self.lex.priority)}
                if order_[stance] < order_[st.stance]:
                    st.stance = stance
                    st.explain.append(why)
                merged[key] = merged.get(key, 0) + 1
                if merged[key] <= 3:  # a few notes, not one per repetition of a long paragraph
                    st.explain.append(
                        f"same speaker and cue again in the paragraph: merged ({c.kind})"
                    )
                continue
            explain = [*c.explain, why, c.date[2]]
            if c.kind == "direct" and c.quote is None:
                c.quote = quote
            st = Statement(
                speaker=c.actor.name,
                stance=stance,
                cue=c.cue,
                text=text,
                line=par.line,
                quote=c.quote if c.kind == "direct" else None,
                side=self._home_side(c.actor, explain),
                role=c.actor.role,
                date=c.date[0],
                date_precision=c.date[1],
                kind=c.kind,
                explain=explain,
            )
            if par.warnings:
                st.explain.extend(par.warnings)
            out[key] = st
            order.append(key)
        return [out[k] for k in order]

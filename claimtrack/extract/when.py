"""Statement dates: a time expression attached to the speech act, resolved against the
article's date."""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimtrack.dates import TimeExpr, find_times

from .rules import (
    _AT_THE_TIME,
    _FRONTED,
    _LEFT_DET,
    _OCCASION,
    _PLACE_AFTER,
    _RELAYED_BY,
    _SEG_SPLIT,
    _TIME_HINT,
    _TIME_PREPS,
    _WHEN_CLAUSE,
)
from .state import Candidate, _State
from .text import Paragraph, Sentence

# "The minister, speaking to reporters in Geneva on Monday, said": an aside on the act
_SPEAKING_ASIDE = re.compile(
    r"\s*,\s*(?:speaking|writing|addressing|talking|responding|appearing)\b[^,;]{0,80},\s*$"
)
# "in a statement issued on Monday", "in an interview broadcast on Sunday"
_RELEASED = re.compile(r"\s*(?:issued|released|published|broadcast|aired|posted|given)\b")
# the short object of a verb of denial, up to a time: "denied the report on Tuesday"
_SHORT_OBJECT = re.compile(
    r"(?:\s+(?!that\b|on\b|in\b|at\b|late\b|early\b|earlier\b|last\b)[\w’'-]+){1,6}?"
    r"(?=\s+(?:on|late on|early on|earlier on|last|in)\s)"
)
# a channel closing the sentence: "…, in a statement issued on Monday."
_CLOSING_CHANNEL = re.compile(
    r",\s*(?:in|during|at)\s+(?:a|an|the|his|her|its|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:statement|interview|post|briefing|news conference|press conference|speech|"
    r"address|letter|message)\b[^,;]*[.!?]?[”\"’']*$"
)


class DateRules(_State):
    """The day a statement was made."""

    def _date(
        self, par: Paragraph, sent: Sentence, c: Candidate, prior: Sequence[Candidate]
    ) -> tuple[str | None, str | None, str]:
        anchor = self.anchor
        expr, where = self._own_time(par, sent, c)
        if expr is not None:
            when = expr.resolve(anchor)
            if when is not None:
                return when.date, when.precision.value, f"date from '{expr.text}' ({where})"
            if expr.vague:
                return None, None, f"'{expr.text}' ({where}) gives no date"
            return None, None, f"'{expr.text}' ({where}) but the article is undated"
        for p in reversed(prior):
            if (
                p.actor.name == c.actor.name
                and p.date is not None
                and p.kind in ("reported", "direct")
                and (p.sent == c.sent or p.participle is False)
            ):
                return p.date[0], p.date[1], f"date of the same speaker's '{p.cue}' before"
        if anchor is not None:
            return anchor.isoformat(), "day", "date from article (no time expression)"
        return None, None, self.anchor_note or "no date: undated article, no absolute date"

    def _times(self, par: Paragraph, sent: Sentence, a: int, b: int) -> list[TimeExpr]:
        """Time expressions of the sentence lying within ``a..b`` (paragraph offsets)."""
        if sent.times is None:
            text = par.text[sent.start : sent.end]
            sent.times = (
                [
                    TimeExpr(t.start + sent.start, t.end + sent.start, t.text, t.kind, t.match)
                    for t in find_times(text)
                ]
                if _TIME_HINT.search(text)
                else []
            )
        return [t for t in sent.times if t.start >= a and t.end <= b]

    def _own_time(
        self, par: Paragraph, sent: Sentence, c: Candidate
    ) -> tuple[TimeExpr | None, str]:
        """A time expression that dates the speech act itself, and where it was found."""
        text = par.text
        if c.kind == "nominal":
            before = text[max(sent.start, c.cue_start - 25) : c.cue_start].lower()
            for w in ("earlier", "previous", "prior", "past"):
                if f"{w} " in before:
                    return TimeExpr(0, 0, w, "vague"), "before the noun"
            return None, ""
        if c.kind == "according_to" or (c.cue == "" and c.kind == "direct"):
            return None, ""
        # (1) fronted: "On Monday, X said" / "In a statement on Friday, the ministry said"
        head = min(c.subj_start, c.cue_start)
        prefix = _LEFT_DET.sub("", text[sent.start : head])  # "In May 2022, the then minister"
        head = sent.start + len(prefix)
        if (
            not c.relative
            and not c.participle
            and prefix.strip().endswith(",")
            and (len(prefix.split()) < 16)
        ):
            # "the 2022 election" names an event, not when the words were said
            times = [t for t in self._times(par, sent, sent.start, head) if t.kind != "eventyear"]
            if times:
                ok = True
                pos = sent.start
                for seg in _SEG_SPLIT.split(prefix.rstrip()[:-1]):
                    a, pos = pos, pos + len(seg) + 1
                    words = seg.split()
                    if not words:
                        continue
                    lead = a + len(seg) - len(seg.lstrip())
                    if words[0].lower() not in _FRONTED and not any(
                        t.start == lead and len(text[t.end : pos - 1].split()) <= 2 for t in times
                    ):
                        # a time inside a clause is the reported content's own ("Results
                        # are due by June 19, the president said"), not the speech act's
                        ok = False
                        break
                if ok:
                    return times[0], "fronted"
        if not c.relative and not c.participle and prefix.strip():
            # "On Tuesday the ministry denied …": a fronted time without its comma
            times = self._times(par, sent, sent.start, head)
            if times and text[sent.start : times[0].start].strip().lower() in _TIME_PREPS:
                if not text[times[0].end : head].strip():
                    return times[0], "fronted"
        # (2) between subject and verb: "Zelenskyy on Monday said"
        if c.subj_end <= c.cue_start and not c.participle:
            between = text[c.subj_end : c.cue_start]
            if "," not in between and "(" not in between:
                for t in self._times(par, sent, c.subj_end, c.cue_start):
                    return t, "before the verb"
        if c.subj_end <= c.cue_start and not c.participle:
            # "The minister, speaking to reporters in Geneva on Monday, said …"
            between = text[c.subj_end : c.cue_start]
            if _SPEAKING_ASIDE.match(between):
                for t in self._times(par, sent, c.subj_end, c.cue_start):
                    return t, "in the aside before the verb"
        # (3) right after the verb, its channel and listener: "told reporters on Tuesday"
        after = self._times(par, sent, c.cue_end, sent.end)
        pos = c.cue_end
        for _ in range(4):
            if (
                after
                and after[0].start >= pos
                and (text[pos : after[0].start].strip(" ,").lower() in _TIME_PREPS)
            ):
                return after[0], "after the verb"
            m = self.rules.channel_re.match(text, pos, sent.end)
            if m:
                pos = m.end()
                continue
            m = (
                _PLACE_AFTER.match(text, pos, sent.end)
                or _RELAYED_BY.match(text, pos, sent.end)
                or _OCCASION.match(text, pos, sent.end)
                or _RELEASED.match(text, pos, sent.end)
            )
            if m:
                pos = m.end()
                continue
            break
        # (3b) a verb of denial and its short object: "denied the report on Tuesday"
        if self.lex.verb_group.get(c.verb) in ("deny", "doubt", "confirm", "retract"):
            obj = _SHORT_OBJECT.match(text, c.cue_end, sent.end)
            if obj is not None:
                later = self._times(par, sent, obj.end(), sent.end)
                if later and text[obj.end() : later[0].start].strip().lower() in _TIME_PREPS:
                    return later[0], "after the verb and its object"
        # (3c) the channel closing the sentence: "…, in a statement issued on Monday."
        tail = _CLOSING_CHANNEL.search(text, c.cue_end, sent.end)
        if tail is not None and not c.participle:
            for t in self._times(par, sent, tail.start(), sent.end):
                return t, "in the channel closing the sentence"
        # (4) "a charge the bank rejected at the time", "the 2019 crisis, when its observers
        # said": the speech act is set back to an absolute time named before it
        if _AT_THE_TIME.match(text, c.cue_end, sent.end) or _WHEN_CLAUSE.search(
            text, sent.start, c.subj_start
        ):
            past = [
                t
                for t in self._times(par, sent, sent.start, min(c.subj_start, c.cue_start))
                if t.absolute
            ]
            if past:
                return past[-1], "the earlier time the sentence names"
        # (5) a participle hanging on a clause that is not a statement:
        # "She sued the department in December 2024, arguing …"
        if c.participle and c.base is None:
            times = self._times(par, sent, sent.start, c.cue_start)
            if times:
                return times[-1], "in the clause the participle hangs on"
        return None, ""

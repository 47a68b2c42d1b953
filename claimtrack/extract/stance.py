"""Stance: asserts, denies, doubts, retracts or confirms, from the cue verb and the
words of the statement."""

from __future__ import annotations

from collections.abc import Sequence

from claimtrack.actors import Actor
from claimtrack.models import Stance

from .rules import (
    _CONTRAST_END,
    _HEDGED,
    _MODAL_NT,
    _NEUTRAL_PARTICIPLES,
    _NO_QUOTES,
    _WORD,
    _match_seq,
)
from .state import Candidate, _State
from .text import _APOS, Paragraph


class StanceRules(_State):
    """Which way a statement goes: the cue verb, cue phrases in its words, negation."""

    def _phrase_stances(self, text: str) -> list[tuple[Stance, str]]:
        """Stance cue phrases in ``text`` that no negation in front of them cancels
        (cached per article: a statement's words are looked at more than once)."""
        hit = self._stance_cache.get(text)
        if hit is None:
            hit = self._stance_cache[text] = self._find_phrase_stances(text)
        return hit

    def _find_phrase_stances(self, text: str) -> list[tuple[Stance, str]]:
        words = _WORD.findall(text.lower().translate(_NO_QUOTES))
        rules = self.rules
        masked: set[int] = set()
        for i, w in enumerate(words):
            for seq, _ in rules.mask_index.get(w, ()):
                end = _match_seq(words, i, seq)
                if end:
                    masked.update(range(i, end))
                    break
        found = []
        for i, w in enumerate(words):
            entries = rules.stance_index.get(w)
            if not entries or i in masked:
                continue
            for seq, (stance, phrase) in entries:
                if _match_seq(words, i, seq) and not self._phrase_negated(words, i, phrase):
                    found.append((stance, phrase))
                    break
        return found

    def _phrase_negated(self, words: Sequence[str], i: int, phrase: str) -> bool:
        first = phrase.split()[0]
        if first in self.rules.negators or phrase in self.rules.immune:
            return False
        if first.startswith(
            ("no", "not", "never", "didn", "doesn", "don", "nobody", "hasn", "without")
        ):
            return False
        window = words[max(0, i - self.lex.negation_window) : i]
        return any(w in self.rules.negators or w.endswith("n't") for w in window)

    def _verb_clause_stance(self, par: Paragraph, c: Candidate) -> tuple[Stance, str] | None:
        """Stance from the cue verb and its own clause together: "insisted that it had
        not ..." denies, "conceded that it had been wrong" retracts."""
        lex = self.lex
        if (
            c.kind == "direct"
            and c.quote
            and c.stance_verb is Stance.ASSERTS
            and c.verb in lex.words("stance.neutral_verbs")
        ):
            # '"We did not fire on anyone," the army said': the quote opens with the
            # speaker's own negated act (first person only: a quoted "they" is others;
            # "we are not asking for favours" is a stand and "we have never been closer"
            # a boast, not a deed denied)
            words = _WORD.findall(c.quote.lower().translate(_NO_QUOTES))
            if words and words[0] in ("we", "i", "our", "my"):
                hit = self._self_negation(words)
                if hit and not hit.endswith(("ing", " been")):
                    return Stance.DENIES, f"stance denies: quote opening '{hit}'"
            return None
        if c.kind != "reported" or not c.scope:
            return None
        a, b = c.scope[0]
        words = _WORD.findall(par.text[a:b].lower().translate(_NO_QUOTES))
        if c.verb in lex.words("stance.insist_verbs"):
            before = par.text[max(0, c.subj_start - 12) : c.subj_start]
            if c.subj_start < c.cue_start and _CONTRAST_END.search(before):
                # "Seoul says it shot the missile down, but Pyongyang insists it hit its
                # target": holding a position against the claim just reported
                return Stance.DENIES, f"stance denies: '{c.verb}' against the account before"
            neg = lex.words("stance.clause_negators")
            modal = lex.words("stance.pledge_modals")
            for i, w in enumerate(words[:8]):
                if not (w in neg or w.endswith("n't")):
                    continue
                # "insisted Kyiv won't give up land" is a pledge, not a denial
                if w.startswith(tuple(modal)) or (i and words[i - 1] in modal):
                    break
                return Stance.DENIES, f"stance denies: '{c.verb}' with a negated clause"
        if c.stance_verb is Stance.ASSERTS and c.verb in lex.words("stance.neutral_verbs"):
            own_error = self._self_error(words, c.actor)
            if own_error:
                return Stance.RETRACTS, f"stance retracts: '{c.verb}' with '{own_error}'"
            hit = self._self_negation(words)
            if hit:
                return Stance.DENIES, f"stance denies: '{c.verb}' with '{hit}'"
        if c.verb in lex.words("stance.admit_verbs"):
            err = lex.words("stance.error_words")
            hit = next((w for w in words[:14] if w in err), None)
            if hit:
                return Stance.RETRACTS, f"stance retracts: '{c.verb}' an error ('{hit}')"
        return None

    def _self_error(self, words: Sequence[str], actor: Actor) -> str | None:
        """ "said he had been mistaken", "said it was wrong to publish the figure": the
        speaker's own error, as printed, or None. "said the report was wrong" and "said
        they were wrong" (somebody else) are not."""
        lex = self.lex
        k = 1 if words and words[0] == "that" else 0
        if actor.kind == "person":
            own = {"i", "he", "she"} - ({"she"} if actor.gender == "m" else set())
            own -= {"he"} if actor.gender == "f" else set()
        else:
            own = {"it", "we"}
        if k >= len(words) or words[k] not in own:
            return None
        j = k + 1
        aux = lex.words("stance.clause_auxiliaries")
        while j < len(words) and j <= k + 3 and (words[j] in aux or words[j] == "been"):
            j += 1
        if j == k + 1 or j >= len(words):
            return None
        if words[j] in ("wrong", "mistaken", "misinformed", "misled", "in") and (
            words[j] != "in" or words[j + 1 : j + 2] == ["error"]
        ):
            return " ".join(words[k : j + (2 if words[j] == "in" else 1)])
        return None

    def _self_negation(self, words: Sequence[str]) -> str | None:
        """The negation that opens a reported clause about the speaker's own doing
        ("it had not been hacked", "its troops did not fire", "no shots were fired"),
        as printed, or None."""
        lex = self.lex
        k = 1 if words and words[0] == "that" else 0
        if k >= len(words):
            return None
        start = k
        other = False
        if words[k] in ("no", "none"):
            # "no shots were fired", "no such order had been issued", "none of its
            # soldiers were involved"
            j = k + 1
            while (
                j < len(words)
                and j <= k + 4
                and words[j] not in lex.words("stance.clause_auxiliaries")
            ):
                j += 1
            if j >= len(words) or j == k + 1 or j > k + 4:
                return None
            if words[j] not in ("had", "has", "have", "was", "were"):
                return None
            nxt = words[j + 1 : j + 3]
            if not nxt or any(w in lex.words("stance.self_negation_skip") for w in nxt):
                return None
            return " ".join(words[start : j + 2])
        if words[k] in lex.words("stance.self_subjects"):
            k += 1
        elif words[k] in lex.words("stance.self_possessives") or (
            other := words[k] in lex.words("stance.other_subjects")
        ):
            k += 1
            while (
                k < len(words)
                and k <= start + 3
                and words[k] not in lex.words("stance.clause_auxiliaries")
            ):
                k += 1
        else:
            return None
        if (
            k < len(words)
            and words[k] in lex.words("stance.clause_auxiliaries")
            and words[k] != "never"  # "it never shelled the town": the negation itself
        ):
            k += 1
        if k >= len(words):
            return None
        w = words[k]
        neg = w in ("not", "never") or (w.endswith("n't") and not w.startswith(_MODAL_NT))
        if not neg or words[k - 1] in lex.words("stance.pledge_modals"):
            return None
        rest = words[k + 1 : k + 3]
        if not rest or any(x in lex.words("stance.self_negation_skip") for x in rest[:1]):
            return None
        if " ".join(rest) in lex.words("stance.self_negation_skip"):
            return None
        if other and (
            rest[0] in lex.words("stance.other_negation_skip")
            or "but" in words[k + 1 : k + 6]
            or words[k - 1] not in lex.words("stance.other_past_auxiliaries")
        ):
            # "said the attack was not a lie but a warning": a correction of the word;
            # "said the commission does not negotiate on tariffs": a standing policy
            return None
        return " ".join(words[start : k + 2])

    def _stance(self, par: Paragraph, c: Candidate) -> tuple[Stance, str]:
        lex = self.lex
        order = {s: i for i, s in enumerate(lex.priority)}
        best: tuple[Stance, str] = (Stance.ASSERTS, "no stance cue: asserts")
        if c.stance_verb is not Stance.ASSERTS:
            best = (c.stance_verb, f"stance {c.stance_verb.value} from the cue '{c.verb}'")
        # "condemned Moscow's claims", "slammed the allegations": rejecting a claim
        obj = par.text[c.cue_end : c.cue_end + 40].translate(_APOS).lower()
        obj_words = _WORD.findall(obj)[:4]
        if c.verb in ("condemned", "condemns", "slammed", "criticised", "criticized",
                      "denounced", "lambasted", "decried", "ridiculed", "mocked", "portrayed",
                      "portrays", "described", "describes", "characterised", "characterized",
                      "branded", "brands") and any(
            w in lex.claim_nouns for w in obj_words
        ):  # fmt: skip
            cand = (Stance.DENIES, f"stance denies: '{c.verb}' with a claim as its object")
            if order[cand[0]] < order[best[0]]:
                best = cand
        own = False
        for a, b in c.scope:
            seg = par.text[a:b]
            if a == c.cue_end and self.rules.hedge_re is not None:
                h = self.rules.hedge_re.match(seg.translate(_NO_QUOTES))
                if h:
                    seg = " " * h.end() + seg[h.end() :]
            hedge = _HEDGED.search(seg)
            for stance, phrase in self._phrase_stances(seg):
                own = True
                if stance is Stance.DENIES and hedge is not None:
                    # "one of the stories is not true, and possibly neither is": a guess
                    stance = Stance.DOUBTS
                    phrase = f"{phrase}' hedged by '{hedge.group(0)}"
                if order[stance] < order[best[0]]:
                    best = (stance, f"stance {stance.value} from the phrase '{phrase}'")
        verb_stance = self._verb_clause_stance(par, c)
        if verb_stance is not None and order[verb_stance[0]] < order[best[0]]:
            best = verb_stance
            own = True
        if not own and best[0] is Stance.ASSERTS and c.sent < len(par.sentences):
            # The narrator's framing before the cue in its sentence ("X appeared to
            # accept the Russian version when he told reporters"): acceptance or a
            # walk-back said of the speaker counts, nothing else.
            frame = par.text[par.sentences[c.sent].start : min(c.subj_start, c.cue_start)]
            for stance, phrase in self._phrase_stances(frame):
                if stance in (Stance.CONFIRMS, Stance.RETRACTS):
                    best = (stance, f"stance {stance.value} from the framing '{phrase}'")
                    break
        if (
            not own
            and c.participle
            and c.base is not None
            and c.verb in _NEUTRAL_PARTICIPLES
            and best[0] is Stance.ASSERTS
        ):
            inherited, _ = self._stance(par, c.base)
            if inherited is not Stance.ASSERTS:
                best = (inherited, f"stance {inherited.value} of '{c.base.cue}' it continues")
        return best

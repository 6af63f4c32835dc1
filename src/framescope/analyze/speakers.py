"""Who is speaking: the reporting cue of a quotation and the mention that names its speaker, from the parse.

The cue is found in the dependency tree (a reporting verb that governs the quotation, or that the quotation's
clause governs, as in '"...," he said'), then near the quotation when the parse is broken. The speaker is the
subject of the cue (climbing from a participle "saying:" to the verb it hangs on; the object of "according
to"). A subject that is not a name is resolved against a running model of the discourse:

- a pronoun (he/she) -> the most recent person who was the subject of a clause, else the most recent person;
  "it"/"they" -> the most recent organisation or country subject;
- a definite description ("the minister", "the company's chief executive") -> the most recent person whose
  title fits, else the most salient person of the preceding paragraphs who is not another argument of the
  same verb (so "X told Y" never resolves X to Y);
- an indefinite or plural description ("officials", "a spokesman") -> the description itself.

Each resolution carries a confidence, lower the more it is a guess.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from framescope.analyze.canonical import normalize_surface, person_candidates, tables
from framescope.analyze.nlp import text_of
from framescope.analyze.quote_marks import SpanSet
from framescope.analyze.sentences import paragraph_index, paragraph_spans
from framescope.models import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECT_DEPS = ("nsubj", "nsubjpass")
PERSONAL = frozenset({"he", "she", "him", "her"})
NEUTER = frozenset({"it", "they", "them"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "you"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Arguments of a verb whose referents cannot be its subject ("X told Y").
OTHER_ARGS = ("dobj", "dative", "iobj", "obj", "pobj", "attr")

CONF_NAME = 0.9
CONF_PRONOUN = 0.7
CONF_ROLE = 0.65
CONF_DESCRIPTION = 0.5
CONF_SALIENCE = 0.5


@dataclass(frozen=True)
class Referent:
    name: str  # canonical name, or the description's own words when it names no one known
    label: str  # PERSON | ORG | GPE | NORP | DESC
    start: int  # the mention in the text (name, pronoun or description)
    end: int
    confidence: float


@dataclass(frozen=True)
class _Seen:
    pos: int
    name: str
    label: str
    subject: bool
    paragraph: int
    sentence: int  # start offset of its sentence
    main: bool  # subject of the main clause (the root verb or a verb coordinated with it)


class Discourse:
    """The article's people and organisations in reading order, to resolve pronouns and descriptions."""

    def __init__(self, doc: Doc, entities: tuple[Entity, ...], blocked: SpanSet) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.paras = paragraph_spans(self.text)
        self.entities = sorted(entities, key=lambda e: e.start)
        self._starts = [e.start for e in self.entities]
        self.blocked = blocked  # quotation spans: mentions inside them are someone's words, not narration
        self.full_names = sorted({e.canonical for e in entities if e.label == "PERSON" and " " in e.canonical})
        self.roles = self._roles()
        self.seen: list[_Seen] = []
        self.subject_referent: dict[int, Referent | None] = {}
        self._walk()

    # ------------------------------------------------------------------ lookups

    def entity_at(self, token: Token) -> Entity | None:
        i = bisect_right(self._starts, token.idx) - 1
        if i >= 0 and self.entities[i].start <= token.idx < self.entities[i].end:
            return self.entities[i]
        return None

    def is_blocked(self, pos: int) -> bool:
        return pos in self.blocked

    def paragraph(self, pos: int) -> int:
        return paragraph_index(self.paras, pos)

    def _roles(self) -> dict[str, set[str]]:
        """Title words seen around each person's mentions ("Foreign Minister X" -> minister, foreign)."""
        roles: dict[str, set[str]] = {}
        for e in self.entities:
            if e.label != "PERSON":
                continue
            span = self.doc.char_span(e.start, e.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            words = {t.lemma_.lower() for t in root.subtree if t.i < span.start and t.pos_ in ("NOUN", "PROPN", "ADJ")}
            words |= {t.lemma_.lower() for t in root.children if t.dep_ == "appos" and t.pos_ == "NOUN"}
            if root.dep_ == "appos" and root.head.pos_ == "NOUN":
                words.add(root.head.lemma_.lower())
            roles.setdefault(e.canonical, set()).update(words)
        return roles

    # ------------------------------------------------------------------ the walk

    def _walk(self) -> None:
        """Resolve every clause subject in reading order, remembering who was talked about."""
        entity_iter = iter(self.entities)
        pending = next(entity_iter, None)
        for token in self.doc:
            while pending is not None and pending.start <= token.idx:
                if pending.label in ("PERSON", "ORG", "GPE") and not self.is_blocked(pending.start):
                    self._remember(token, pending.start, pending.canonical, pending.label, subject=False)
                pending = next(entity_iter, None)
            if token.dep_ in SUBJECT_DEPS and not self.is_blocked(token.idx):
                ref = self.resolve(token)
                self.subject_referent[token.i] = ref
                if ref is not None and ref.label != "DESC":
                    self._remember(token, token.idx, ref.name, ref.label, subject=True)

    def _remember(self, token: Token, pos: int, name: str, label: str, *, subject: bool) -> None:
        verb = token.head
        main = subject and (verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT"))
        self.seen.append(_Seen(pos, name, label, subject, self.paragraph(pos), token.sent.start_char, main))

    def name_for_label(self, label: str) -> str:
        """The person a transcript's capitalised speaker label ("PENCE", "MR. O'NEILL") names: the one full name
        of the article ending in that surname, else the label in ordinary case."""
        words = [w for w in label.replace(".", ". ").split() if w.rstrip(".").lower() not in ("mr", "mrs", "ms", "dr")]
        if not words:
            return label.title()
        surname = words[-1].lower()
        matches = [n for n in self.full_names if n.split()[-1].lower() == surname]
        if len(matches) == 1:
            return matches[0]
        return " ".join(w.title() for w in words)  # "O'NEILL" -> "O'Neill", not "O'neill"

    def referent_of(self, token: Token) -> Referent | None:
        if token.i in self.subject_referent:
            return self.subject_referent[token.i]
        return self.resolve(token)

    # ------------------------------------------------------------------ resolution

    def resolve(self, token: Token) -> Referent | None:
        ent = self.entity_at(token) or self._entity_in_name(token)
        if ent is not None:
            if ent.label in ("PERSON", "ORG", "GPE", "NORP", "FAC"):
                return Referent(ent.canonical, ent.label, ent.start, ent.end, CONF_NAME)
            return None
        lower = token.lower_
        if token.tag_ in ("WP", "WDT") or (lower == "that" and token.head.dep_ == "relcl"):
            # "..., who said": the relative pronoun stands for the noun the clause hangs on.
            if token.head.dep_ == "relcl" and token.head.head.i != token.i:
                return self.resolve(token.head.head)
            return None
        if lower in PERSONAL:
            return self._recent(token, ("PERSON",), CONF_PRONOUN)
        if lower in NEUTER:
            ref = self._recent(token, ("ORG", "GPE"), CONF_PRONOUN - 0.1)
            if ref is None and lower == "they":
                ref = self._recent(token, ("PERSON",), CONF_DESCRIPTION)
            return ref
        if lower in FIRST_PERSON or token.pos_ == "PRON":
            return None
        if token.pos_ == "PROPN":
            return self._unknown_name(token)
        if token.pos_ == "NOUN":
            return self._description(token)
        if token.pos_ in ("NUM", "ADJ", "DET"):
            # "63 percent said", "Many said", "Some said": a group described in the text.
            return Referent(self._phrase(token), "DESC", *self._extent(token), CONF_DESCRIPTION)
        return None

    def _extent(self, token: Token) -> tuple[int, int]:
        left = [c for c in token.subtree if c.i <= token.i]
        return left[0].idx, token.idx + len(token)

    def _entity_in_name(self, token: Token) -> Entity | None:
        """The subject token may be a title whose name is a compound/appositive child ("President X")."""
        for child in token.children:
            if child.dep_ in ("compound", "appos", "flat"):
                ent = self.entity_at(child)
                if ent is not None and ent.label == "PERSON":
                    return ent
        return None

    def _unknown_name(self, token: Token) -> Referent | None:
        words = [t for t in token.subtree if t.dep_ in ("compound", "flat") or t.i == token.i]
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        surface = normalize_surface(self.text[start:end])
        cands = person_candidates(surface, self.full_names)
        if cands:
            return Referent(cands[0], "PERSON", start, end, CONF_PRONOUN)
        return Referent(surface, "DESC", start, end, CONF_DESCRIPTION)

    def _description(self, token: Token) -> Referent | None:
        t = tables()
        lemma = token.lemma_.lower()
        # not a quote mark or comma the parser hung on the description's left edge (`," the patient said`)
        left = [c for c in token.subtree if c.i <= token.i and not (c.is_punct or c.is_space)] or [token]
        start, end = left[0].idx, token.idx + len(token)
        definite = any(
            c.dep_ in ("det", "poss") and (c.lower_ in DEFINITE or c.dep_ == "poss") for c in token.children
        )
        plural = token.tag_ in ("NNS", "NNPS")
        if lemma in t.person_nouns:
            named = self._appositive_name(token)
            if named is not None:
                # "the campaign's manager, Brad Parscale, said": the name is right there, whatever label the
                # entity recognizer gave it (ORG, here), and it beats a guess from the role or salience.
                return Referent(named, "PERSON", start, end, CONF_NAME)
            if definite and not plural:
                role = self._by_role(token, lemma)
                if role is not None:
                    return Referent(role, "PERSON", start, end, CONF_ROLE)
                name = self._salient(token)
                if name is not None:
                    return Referent(name, "PERSON", start, end, CONF_SALIENCE)
            return Referent(self._phrase(token), "DESC", start, end, CONF_DESCRIPTION)
        if lemma in t.org_nouns:
            whose = self._named_modifier(token)
            if whose is not None:
                # "the British government", "the U.S. Treasury": the modifier says whose body it is, so it is not
                # the last country or organisation mentioned (that was "China" for "the British government").
                if whose.label == "GPE" and lemma in ("government", "country"):
                    return Referent(whose.canonical, "GPE", start, end, CONF_DESCRIPTION)
                return Referent(self._phrase(token), "DESC", start, end, CONF_DESCRIPTION)
            if definite and not plural:
                ref = self._recent(token, ("ORG",) if lemma not in ("government", "country") else ("GPE",), 0.5)
                if ref is not None:
                    return Referent(ref.name, ref.label, start, end, CONF_DESCRIPTION)
            return Referent(self._phrase(token), "DESC", start, end, CONF_DESCRIPTION)
        # Any other noun as the subject of a cue is a source in its own right ("the ruling", "the letter").
        return Referent(self._phrase(token), "DESC", start, end, CONF_DESCRIPTION)

    def _appositive_name(self, token: Token) -> str | None:
        """The proper name set in apposition to a person noun ("the manager, Brad Parscale,"), canonical where it
        is an entity."""
        for child in token.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                ent = self.entity_at(child)
                if ent is not None and ent.label in ("PERSON", "ORG"):
                    return ent.canonical
                words = [t for t in child.subtree if t.dep_ in ("compound", "flat") or t.i == child.i]
                return normalize_surface(self.text[words[0].idx : words[-1].idx + len(words[-1])])
        return None

    def _named_modifier(self, token: Token) -> Entity | None:
        """A named entity among the words before a description's head ("British", "U.S.", "Kremlin")."""
        for child in token.children:
            if child.i < token.i and child.dep_ in ("amod", "compound", "nmod", "poss"):
                ent = self.entity_at(child)
                if ent is not None and ent.label in ("GPE", "NORP", "ORG"):
                    return ent
        return None

    def _phrase(self, token: Token) -> str:
        """The description as written, head and modifiers: "chair of the DNC", "A chorus of critics"."""
        lo = token.left_edge.i
        while lo < token.i and (self.doc[lo].is_punct or self.doc[lo].is_space):
            lo += 1  # a quote mark or comma the parser hung on the left edge
        hi = token.i
        for t in self.doc[token.i + 1 : min(token.right_edge.i, token.i + 6) + 1]:
            # Stop before a comma, a relative clause or a verb: "officials, who ...", "critics said".
            if t.is_punct or t.dep_ in ("relcl", "acl", "appos") or t.pos_ in ("VERB", "AUX"):
                break
            hi = t.i
        # "A chorus of" reads better as "A chorus": no dangling preposition, article or comma at the end.
        while hi > token.i and self.doc[hi].pos_ in ("ADP", "DET", "PUNCT", "CCONJ", "PART"):
            hi -= 1
        return normalize_surface(self.doc[lo : hi + 1].text)

    def _others(self, token: Token) -> set[str]:
        """Canonical names of the other arguments of the subject's verb (objects, recipients)."""
        verb = token.head
        names: set[str] = set()
        for child in verb.children:
            if child.dep_ in OTHER_ARGS or child.dep_ == "prep":
                for t in child.subtree:
                    ent = self.entity_at(t)
                    if ent is not None:
                        names.add(ent.canonical)
        return names

    def _by_role(self, token: Token, lemma: str) -> str | None:
        others = self._others(token)
        for seen in reversed(self.seen):
            if seen.pos >= token.idx or seen.label != "PERSON" or seen.name in others:
                continue
            if lemma in self.roles.get(seen.name, set()):
                return seen.name
        return None

    def _salient(self, token: Token) -> str | None:
        """The person most talked about in the paragraphs before, recent mentions and subjects weighing more."""
        others = self._others(token)
        here = self.paragraph(token.idx)
        scores: dict[str, float] = {}
        for seen in self.seen:
            if seen.pos >= token.idx or seen.label != "PERSON" or seen.name in others:
                continue
            weight = (2.0 if seen.subject else 1.0) * 0.7 ** max(0, here - seen.paragraph)
            scores[seen.name] = scores.get(seen.name, 0.0) + weight
        return max(scores, key=lambda n: scores[n]) if scores else None

    def _recent(self, token: Token, labels: tuple[str, ...], confidence: float) -> Referent | None:
        """The latest subject with one of `labels` before the token, else the latest mention; within 3 paragraphs."""
        here = self.paragraph(token.idx)
        others = self._others(token) if token.dep_ in SUBJECT_DEPS else set()
        candidates = [
            s for s in self.seen
            if s.pos < token.idx and s.label in labels and here - s.paragraph <= 3 and s.name not in others
        ]
        if not candidates:
            return None
        # Centering, roughly: the latest sentence that mentions a candidate; in it the main-clause subject,
        # else any subject, else the first mention.
        last = [s for s in candidates if s.sentence == candidates[-1].sentence]
        mains = [s for s in last if s.main]
        subjects = [s for s in last if s.subject]
        pick = mains[-1] if mains else subjects[-1] if subjects else last[0]
        return Referent(pick.name, pick.label, token.idx, token.idx + len(token), confidence)


"""People, organisations and places with one canonical name per real-world entity in the article.

spaCy's NER gives the mentions; this module cleans their edges (possessives, a leading "the", titles, runs
across a line break), fixes labels the small model gets wrong (a country tagged ORG, a surname tagged ORG) and
links mentions to one canonical name: a surname to the longest full name of the article, a country alias to the
country, a capital to its country only where it stands for the government (subject of an acting or saying
verb, or the possessor of a policy noun: "Washington says", "Moscow's ambitions").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from framescope.analyze.canonical import (
    capital_of,
    country_of,
    normalize_surface,
    org_of,
    person_candidates,
    person_key,
    seat_of,
    strip_titles,
    tables,
)
from framescope.models import Article, Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})

# Verbs whose subject is a city in its own right, not its government ("Paris hosted", "Moscow is cold").
CITY_VERBS = frozenset(
    {"be", "host", "lie", "sit", "become", "remain", "grow", "experience", "suffer", "swelter", "shiver", "flood",
     "welcome", "attract", "have", "look", "feel", "seem", "stand", "wake", "sleep"}
)
# Nouns that make a possessive capital mean the government ("Moscow's ambitions").
POLICY_NOUNS = frozenset(
    {"ambition", "policy", "position", "stance", "decision", "relation", "ally", "move", "plan", "demand",
     "response", "support", "government", "leadership", "sanction", "approach", "strategy", "interest",
     "influence", "pressure", "proposal", "offer", "role", "effort", "attempt", "concern", "objection", "refusal",
     "claim", "accusation", "warning", "threat", "intention", "goal", "aim", "view", "request", "insistence",
     "opposition", "backing", "diplomacy", "partner", "envoy", "ambassador", "official", "reaction"}
)


@dataclass
class _Mention:
    start: int
    end: int
    label: str
    root: Token
    canonical: str = ""


def find_entities(article: Article, doc: Doc) -> tuple[Entity, ...]:
    text = article.text
    mentions = [m for ent in doc.ents if ent.label_ in LABELS for m in _clean(text, ent)]
    _fix_labels(text, mentions)
    _canonicalize(text, mentions)
    mentions.sort(key=lambda m: (m.start, m.end))
    return tuple(
        Entity(text=text[m.start : m.end], start=m.start, end=m.end, label=m.label, canonical=m.canonical)
        for m in mentions
    )


def _clean(text: str, ent: Span) -> list[_Mention]:
    start, end = ent.start_char, ent.end_char
    # A mention never runs across a line break (a heading, a list line): keep the part holding the root.
    if "\n" in text[start:end]:
        pieces = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^\n]+", text[start:end])]
        root = ent.root.idx
        start, end = next(((a, b) for a, b in pieces if a <= root < b), pieces[0])
    surface = text[start:end]
    lead = re.match(r"(?:the|The|THE)\s+", surface)
    if lead:
        start += lead.end()
    tail = re.search(r"(?:['’]s|(?<=s)['’])$", text[start:end])
    if tail:
        end -= len(tail.group(0))
    while end > start and (
        text[end - 1] in " ,;:-–—―(\"“”'’‘" or (text[end - 1] == "." and not _abbrev(text[start:end]))
    ):
        end -= 1
    while start < end and text[start] in " ,;:-–—―)\"“”'‘’":
        start += 1
    if ent.label_ == "PERSON":
        # A title-case headline glues a verb to the name ("Smith Says ..."): the name ends before it.
        cue_verbs = tables().cue_verbs
        for tok in ent:
            if tok.idx > start and tok.idx < end and tok.i > ent.start and tok.lemma_.lower() in cue_verbs:
                end = tok.idx
                while end > start and text[end - 1].isspace():
                    end -= 1
                break
        words = list(re.finditer(r"\S+", text[start:end]))
        k = strip_titles([w.group(0) for w in words])
        if k:
            start += words[k].start()
    surface = text[start:end]
    if len(surface) < 2 or not any(c.isalpha() for c in surface):
        return []
    # A mention made only of title words ("State" out of "Secretary of State") is not an entity.
    titles = tables().titles
    if all(w.lower().rstrip(".") in titles or w.lower() in titles for w in surface.split()) and not country_of(
        surface
    ):
        return []
    return [_Mention(start, end, ent.label_, ent.root)]


def _abbrev(surface: str) -> bool:
    """'U.S.' keeps its final dot; 'Minsk.' does not."""
    return bool(re.search(r"(?:^|[\s.])[A-Za-z]\.$", surface))


def _fix_labels(text: str, mentions: list[_Mention]) -> None:
    persons = [text[m.start : m.end] for m in mentions if m.label == "PERSON"]
    full = [p for p in persons if len(person_key(p)) >= 2]
    surnames = {person_key(p)[-1] for p in full}
    for m in mentions:
        surface = text[m.start : m.end]
        if (country_of(surface) or capital_of(surface)) and not (
            m.label == "PERSON" and person_candidates(surface, full)
        ):
            m.label = "GPE"
        elif seat_of(surface):
            m.label = "ORG"
        elif (
            m.label in ("ORG", "GPE", "NORP")
            and 0 < len(person_key(surface)) <= 2
            and person_key(surface)[-1] in surnames
            and person_candidates(surface, full)
        ):
            # The small model often tags a lone surname ORG; the article's full names say otherwise.
            m.label = "PERSON"


def _canonicalize(text: str, mentions: list[_Mention]) -> None:
    full_names = [normalize_surface(text[m.start : m.end]) for m in mentions if m.label == "PERSON"]
    full_names = [n for n in full_names if len(person_key(n)) >= 2]
    counts = Counter(full_names)
    first_at: dict[str, int] = {}
    seen_in: dict[str, int] = {}
    persons = sorted((m for m in mentions if m.label == "PERSON"), key=lambda x: x.start)
    for m in persons:
        first_at.setdefault(normalize_surface(text[m.start : m.end]), m.start)
    own = _surnames_of_their_own(text, persons)
    orgs = [normalize_surface(text[m.start : m.end]) for m in mentions if m.label == "ORG"]
    for m in sorted(mentions, key=lambda x: x.start):
        surface = normalize_surface(text[m.start : m.end])
        if m.label == "PERSON":
            cands = [] if person_key(surface) in own else person_candidates(surface, list(counts))
            if cands:
                longest = len(person_key(cands[0]))
                cands = [c for c in cands if len(person_key(c)) == longest]
                # Two "Macron"s: the only one of them named in this sentence or the one before ("Then Hillary
                # Carter spoke again. Carter smiled."); else the article's principal bearer of the name, written
                # out in full more often, else introduced first ("President Emmanuel Macron ... Macron, with his
                # wife Brigitte Macron, was greeted. Macron said" is the president). The one named last at any
                # distance used to win, and every "Macron" after the wife's one mention was the wife.
                here = m.root.sent.start
                before = m.root.doc[here - 1].sent.start if here > 0 else here
                recent = [c for c in cands if seen_in.get(c, -1) in (here, before)]
                if len(recent) == 1:
                    m.canonical = recent[0]
                else:
                    m.canonical = max(cands, key=lambda c: (counts[c], -first_at.get(c, len(text))))
            else:
                m.canonical = surface
            seen_in[m.canonical] = m.root.sent.start  # the latest sentence naming this person
        elif m.label == "GPE":
            country = country_of(surface)
            capital = capital_of(surface)
            if country:
                m.canonical = country
            elif capital and _means_government(m.root):
                m.canonical = capital
            else:
                m.canonical = surface
        elif m.label == "ORG":
            m.canonical = seat_of(surface) or org_of(surface) or _acronym_of(surface, orgs) or surface
        else:
            m.canonical = surface


def _surnames_of_their_own(text: str, persons: list[_Mention]) -> set[tuple[str, ...]]:
    """Surnames that name someone of their own, the article's principal, whom it never writes out in full
    ("President Trump", "Mr. Trump" ... and once "first lady Melania Trump"); a full name with that surname is
    someone else. Before any such full name, the surname stands alone in two or more paragraphs (one, a
    headline before the lede's full name, still resolves), or in the very sentence that then names the full
    name ("President Trump and Melania Trump, the first lady"): a writer names a person in full first, not
    after the surname."""
    first_full: dict[str, int] = {}
    full_sentences: dict[str, set[int]] = defaultdict(set)  # surname -> sentences naming a full name with it
    for m in persons:
        key = person_key(text[m.start : m.end])
        if len(key) >= 2:
            first_full[key[-1]] = min(m.start, first_full.get(key[-1], m.start))
            full_sentences[key[-1]].add(m.root.sent.start)
    paragraphs: dict[tuple[str, ...], set[int]] = defaultdict(set)
    own: set[tuple[str, ...]] = set()
    for m in persons:
        key = person_key(text[m.start : m.end])
        if len(key) != 1 or key[0] not in first_full:
            continue
        if m.start >= first_full[key[0]]:
            continue  # a full name came first: the surname refers back to it (see _canonicalize)
        paragraphs[key].add(text.count("\n\n", 0, m.start))
        if m.root.sent.start in full_sentences[key[0]]:
            own.add(key)
    return own | {key for key, paras in paragraphs.items() if len(paras) >= 2}


def _means_government(root: Token) -> bool:
    """Is this capital-city mention a metonym for its government?"""
    head = root.head
    if root.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX") and head.lemma_ not in CITY_VERBS:
        return True
    if root.dep_ == "poss" and head.lemma_.lower() in POLICY_NOUNS:
        return True
    # "according to Moscow", "Moscow and Beijing say": follow a conjunction to its first member.
    if root.dep_ == "conj":
        return _means_government(head)
    return root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


def _acronym_of(surface: str, names: list[str]) -> str | None:
    """'WTO' -> 'World Trade Organization' when the article spells it out."""
    if not (surface.isupper() and 2 <= len(surface.replace(".", "")) <= 6):
        return None
    letters = surface.replace(".", "")
    for name in names:
        words = [w for w in name.split() if w[:1].isupper() and w.lower() not in ("of", "and", "the", "for")]
        if len(words) > 1 and "".join(w[0] for w in words) == letters:
            return name
    return None

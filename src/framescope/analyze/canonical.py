"""Canonical names: the alias tables (countries, capitals as metonyms, seats of government, organisations),
the reporting-verb and role-noun lists, and the rules that turn a surface mention into one stable name.

The same rules run on every article, so "U.S.", "USA" and "the United States" get the same canonical name in
all of them and later stages can compare speakers and coverage across outlets. The tables live in
`framescope/data/aliases.json` and `framescope/data/speech.json` (written for this project).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources


@dataclass(frozen=True)
class Tables:
    countries: dict[str, str]  # alias (exact surface, "the" dropped) -> canonical country
    capitals: dict[str, str]  # capital city -> country
    seats: dict[str, str]  # seat of government ("Kremlin") -> country
    orgs: dict[str, str]  # organisation alias -> canonical organisation
    cue_verbs: frozenset[str]
    titles: frozenset[str]
    person_nouns: frozenset[str]
    org_nouns: frozenset[str]
    speech_nouns: frozenset[str]


def _read(name: str) -> dict:
    data: dict = json.loads(resources.files("framescope.data").joinpath(name).read_text("utf-8"))
    return data


@cache
def tables() -> Tables:
    aliases = _read("aliases.json")
    speech = _read("speech.json")
    countries: dict[str, str] = {}
    for canonical, names in aliases["countries"].items():
        for name in (canonical, *names):
            countries[_strip_the(name)] = canonical
    orgs: dict[str, str] = {}
    for canonical, names in aliases["organisations"].items():
        for name in (canonical, *names):
            orgs[_strip_the(name)] = canonical
    seats = {_strip_the(k): v for k, v in aliases["seats_of_government"].items()}
    return Tables(
        countries=countries,
        capitals=dict(aliases["capitals"]),
        seats=seats,
        orgs=orgs,
        cue_verbs=frozenset(speech["cue_verbs"]),
        titles=frozenset(speech["titles"]),
        person_nouns=frozenset(speech["person_nouns"]),
        org_nouns=frozenset(speech["org_nouns"]),
        speech_nouns=frozenset(speech["speech_nouns"]),
    )


_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")


def normalize_surface(text: str) -> str:
    """One spelling for comparison: straight apostrophes, single spaces, no possessive, no leading 'the'."""
    text = re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip()
    text = _POSSESSIVE.sub("", text)
    return _strip_the(text)


def _strip_the(text: str) -> str:
    return _THE.sub("", text.strip())


def country_of(surface: str) -> str | None:
    """The canonical country a mention names ("U.S." -> "United States"), or None.

    Exact surface match, then title-cased (so "UNITED STATES" and "united states" still match), but never a
    lower-case abbreviation: "us" is a pronoun.
    """
    name = normalize_surface(surface)
    t = tables()
    if name in t.countries:
        return t.countries[name]
    if len(name) > 4 and name.title() in t.countries:
        return t.countries[name.title()]
    return None


def org_of(surface: str) -> str | None:
    name = normalize_surface(surface)
    return tables().orgs.get(name)


def seat_of(surface: str) -> str | None:
    """Country whose government a seat-of-government name stands for ("Kremlin" -> "Russia")."""
    return tables().seats.get(normalize_surface(surface))


def capital_of(surface: str) -> str | None:
    """Country whose capital this city is ("Moscow" -> "Russia"); used only where the city means the government."""
    return tables().capitals.get(normalize_surface(surface))


def name_tokens(name: str) -> list[str]:
    return [w for w in re.split(r"\s+", name.strip()) if w]


def strip_titles(words: list[str]) -> int:
    """How many leading words of a person mention are titles ("U.S. Secretary of State" ...)."""
    titles = tables().titles
    i = 0
    # Keep at least one word: a bare surname must survive.
    while i < len(words) - 1 and (words[i].lower() in titles or words[i].lower().rstrip(".") in titles):
        i += 1
    return i


@lru_cache(maxsize=65536)
def person_key(name: str) -> tuple[str, ...]:
    """Comparable tokens of a person name: case-folded, apostrophes and dots normalized."""
    return tuple(w.casefold().replace("’", "'").rstrip(".,") for w in name_tokens(name))


def person_candidates(mention: str, full_names: list[str]) -> list[str]:
    """Full names a partial person mention may refer to ("Smith" -> "Jane Smith"): names that end with the
    mention's last word or contain all its words in order, longest first."""
    m = person_key(mention)
    if not m:
        return []
    found = []
    for full in full_names:
        f = person_key(full)
        # A single word links by surname only ("Smith", not "Jane"); longer mentions by their words in order.
        if len(f) >= len(m) and ((len(m) == 1 and f[-1] == m[0]) or (len(m) > 1 and _subsequence(m, f))):
            found.append(full)
    return sorted(found, key=lambda n: -len(person_key(n)))


def _subsequence(small: tuple[str, ...], big: tuple[str, ...]) -> bool:
    it = iter(big)
    return all(w in it for w in small)

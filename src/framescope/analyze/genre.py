"""Genre of an article (report, opinion, analysis, press release, satire) with the signals that decided it.

A transparent points system rather than a trained model: each signal read from the text, the parse, the
quotes and the framing spans adds evidence to one or more genres, and every signal that counted is listed
in `Genre.signals` in plain words. The weights encode newsroom conventions: wire reports carry datelines,
attributed speech and few evaluative words; opinion pieces speak in the first person, address the reader,
ask questions and load their wording; press releases announce themselves ("FOR IMMEDIATE RELEASE",
"About <Company>", media contacts).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from framescope.analyze.framing import is_english
from framescope.models import Article, Framing, Genre, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc

GENRES = ("report", "opinion", "analysis", "press_release", "satire")

LABEL_RE = {
    "opinion": re.compile(r"^\s*(opinion|op-ed|commentary|editorial|column|viewpoint|perspective|comment)\b\s*[:|-]?",
                          re.IGNORECASE),
    "analysis": re.compile(r"^\s*(analysis|news analysis|explainer|fact check|in depth)\b\s*[:|-]?", re.IGNORECASE),
    "satire": re.compile(r"^\s*(satire|parody)\b", re.IGNORECASE),
}
RELEASE_MARKERS = (
    (re.compile(r"for immediate release", re.IGNORECASE), "“FOR IMMEDIATE RELEASE” line"),
    (re.compile(r"^\s*About [A-Z][\w&.,' -]{1,60}\s*$", re.MULTILINE), "an “About <Company>” boilerplate heading"),
    (re.compile(r"(media|press) (contact|inquiries|enquiries)", re.IGNORECASE), "a media contact line"),
    (re.compile(r"\b(PRNewswire|Business Wire|GLOBE NEWSWIRE|ACCESSWIRE)\b"), "a press-release wire credit"),
    (re.compile(r"forward-looking statements", re.IGNORECASE), "a forward-looking statements disclaimer"),
    (re.compile(r"\b(NASDAQ|NYSE|LSE|TSX)\s*:\s*[A-Z]{1,5}\b"), "a stock ticker"),
    (re.compile(r"###\s*$|^\s*(-30-|ENDS)\s*$", re.MULTILINE), "an end-of-release mark"),
    (re.compile(r"^\s*(press release|news release|notes? to editors)\s*$", re.MULTILINE | re.IGNORECASE),
     "a press release / notes to editors line"),
)
HEADER_RE = re.compile(r"\b(press service|press office|office of the spokesperson|press secretary|media office)\b",
                       re.IGNORECASE)
# Titles and outlets of official statements: a government body or a company speaking for itself.
STATEMENT_TITLE = re.compile(r"^\s*(statement|joint statement|press release|readout|communiqu[eé])\b", re.IGNORECASE)
OFFICIAL_OUTLET = re.compile(
    r"\b(ministry|ministerium|office of the|department of|government of|embassy|press service|secretariat|"
    r"city council|municipality|agency of)\b", re.IGNORECASE)
DATELINE_RE = re.compile(
    r"^[A-Z][A-Za-z .'-]{1,40}(,\s*[A-Z][A-Za-z. ]{1,30})?\s*(\((AFP|AP|Reuters|UPI|dpa|ANSA|Xinhua|EFE|TASS|"
    r"[A-Z][\w ]{1,25})\)\s*)?[-—–]{1,2}\s")
WIRE_RE = re.compile(r"\((AFP|AP|Reuters|UPI|dpa|ANSA|Xinhua|EFE|TASS|Bloomberg)\)|\b(Reuters|Associated Press)\b")
SATIRE_RE = re.compile(r"\b(area man|area woman|sources confirmed that|local man|nation's)\b", re.IGNORECASE)
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"})
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves"})
SAY_LEMMAS = frozenset({"say", "tell", "announce", "state", "add", "report", "confirm", "according"})
EVALUATIVE_MODALS = frozenset({"should", "must", "ought", "need"})


def classify_genre(article: Article, doc: Doc, quotes: tuple[Quote, ...], framing: Framing) -> Genre:
    text = article.text
    words = len(text.split())
    if words < 20:
        return Genre("report", 0.2, ("too short to tell; report assumed",))
    score = dict.fromkeys(GENRES, 0.0)
    signals: dict[str, list[str]] = {g: [] for g in GENRES}

    def add(genre: str, points: float, why: str) -> None:
        score[genre] += points
        signals[genre].append(why)

    title = article.title or ""
    for genre, rx in LABEL_RE.items():
        if rx.search(title) or rx.search(text[:80]):
            add(genre, 5.0, f"labelled “{genre.capitalize()}” in the title or first line")

    hits = [why for rx, why in RELEASE_MARKERS if rx.search(text)]
    if hits:
        add("press_release", 2.5 * len(hits), "press-release markers: " + ", ".join(hits))
    if HEADER_RE.search(text[:300]):
        add("press_release", 2.5, "issued by a press service or spokesperson (header)")
    if STATEMENT_TITLE.search(title):
        add("press_release", 2.5, "the title announces a statement")
    if article.outlet and OFFICIAL_OUTLET.search(article.outlet):
        add("press_release", 2.0, f"published by an official body ({article.outlet})")

    if DATELINE_RE.match(text) or article.dateline:
        add("report", 2.0, "opens with a dateline")
    if WIRE_RE.search(text[:300]):
        add("report", 1.5, "wire-agency credit")

    # speech and attribution in the author's own text (outside quotes); the word lists are English
    english = is_english(article)
    quoted = _quoted_mask(len(text), quotes)
    tokens = [t for t in doc if not quoted[t.idx] and t.is_alpha] if english else []
    first = sum(t.lower_ in FIRST_PERSON for t in tokens)
    second = sum(t.lower_ in SECOND_PERSON for t in tokens)
    says = sum(t.lemma_.lower() in SAY_LEMMAS for t in tokens)
    modals = sum(t.lower_ in EVALUATIVE_MODALS for t in tokens)
    quoted_share = sum(quoted) / max(1, len(text))
    spoken = [q for q in quotes if q.kind != "scare"]
    per_k = 1000.0 / max(1, words)

    if first * per_k >= 6:
        add("opinion", 2.0, f"the author writes in the first person ({first} times)")
    if second * per_k >= 4:
        add("opinion", 1.5, f"addresses the reader as “you” ({second} times)")
    if says * per_k >= 8:
        add("report", 2.0, f"attribution verbs are dense ({says * per_k:.0f} per 1,000 words)")
    elif says * per_k >= 4:
        add("report", 1.0, f"attribution verbs ({says * per_k:.0f} per 1,000 words)")
    if len(spoken) >= 4 or quoted_share >= 0.15:
        add("report", 1.5, f"much reported speech ({len(spoken)} quotations, {quoted_share:.0%} of the text)")
    elif len(spoken) <= 1 and english:
        add("opinion", 0.3, "little reported speech")
    if modals * per_k >= 5:
        add("opinion", 1.0, f"prescriptive modals (should/must) ({modals})")

    questions = [s for s in doc.sents if s.text.rstrip().endswith("?") and not quoted[s.start_char]]
    exclaims = [s for s in doc.sents if s.text.rstrip().endswith("!") and not quoted[s.start_char]]
    if questions:
        add("opinion", min(2.0, 0.7 * len(questions)), f"{len(questions)} question(s) in the author's voice")
    if exclaims:
        add("opinion", min(2.0, 0.7 * len(exclaims)), f"{len(exclaims)} exclamation(s) in the author's voice")

    rates = framing.rates
    loaded = rates.get("loaded", 0.0)
    devices = sorted({s.category for s in framing.spans if s.voice == "author" and s.category in {
        "appeal_to_fear", "association", "thought_terminating_cliche", "scare_quote", "question_headline",
        "whataboutism", "black_and_white", "causal_oversimplification", "slogan", "bandwagon", "flag_waving"}})
    if loaded >= 10:
        add("opinion", 2.5, f"loaded wording is dense ({loaded:.1f} per 1,000 words)")
    elif loaded >= 5:
        add("opinion", 1.0, f"loaded wording ({loaded:.1f} per 1,000 words)")
    elif loaded <= 3:
        add("report", 1.0, f"little loaded wording ({loaded:.1f} per 1,000 words)")
    if len(devices) >= 2:
        named = ", ".join(d.replace("_", " ") for d in devices)
        add("opinion", 1.0 + 0.5 * len(devices), "rhetorical devices: " + named)
    elif devices:
        add("opinion", 0.6, "rhetorical device: " + devices[0].replace("_", " "))
    if title.rstrip().endswith("?"):
        add("opinion", 1.0, "the headline is a question")
    hedges = rates.get("hedge", 0.0)
    if hedges >= 8 and loaded < 10:
        add("analysis", 1.5, f"weighs possibilities (hedges {hedges:.1f} per 1,000 words)")
    if SATIRE_RE.search(title + " " + text[:400]):
        add("satire", 1.5, "satire stock phrases")

    # Opinion and analysis are close; analysis is opinion-like structure with reported evidence and hedging.
    if score["opinion"] >= 3 and says * per_k >= 4 and loaded < 10:
        add("analysis", score["opinion"] * 0.6, "argues from reported evidence rather than the author's stance")
    label = max(GENRES, key=lambda g: (score[g], g == "report"))
    if score[label] <= 0:
        return Genre("report", 0.3, ("no distinctive signals; report assumed",))
    ranked = sorted(score.values(), reverse=True)
    margin = ranked[0] - ranked[1]
    confidence = round(min(0.95, 0.5 + margin / (2 * max(ranked[0], 1.0))), 2)
    return Genre(label, confidence, tuple(signals[label]))


def _quoted_mask(length: int, quotes: tuple[Quote, ...]) -> list[bool]:
    mask = [False] * (length + 1)
    for q in quotes:
        if q.kind == "scare":
            continue
        for i in range(max(0, q.start), min(length, q.end)):
            mask[i] = True
    return mask

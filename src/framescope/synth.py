"""A generator of synthetic news corpora with known stories, for benchmarks and tests at any size.

Each generated event has actors, a place, a topic, numbers and a date; several fictional outlets report it
in their own words (sentences drawn from the event's facts, in varied templates and order), some republish
a wire text with small edits (copies), and events are deliberately crowded: the same actors act in
different places during the same week, which is the hard case for story grouping. All text is ours.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from framescope.models import Article

_SYLLABLES = ("ka", "lo", "mir", "ven", "dra", "tus", "bel", "or", "an", "sel", "vik", "ra", "mon", "te")
_TOPICS = {
    "trade": ("tariffs", "exports", "a trade agreement", "customs duties", "grain shipments"),
    "energy": ("gas supplies", "a pipeline", "electricity prices", "oil deliveries", "a power plant"),
    "security": ("border patrols", "a defence pact", "military exercises", "arms purchases", "troop levels"),
    "health": ("a vaccine plant", "hospital funding", "a disease outbreak", "medicine prices", "clinics"),
    "water": ("a dam project", "river pollution", "drought relief", "irrigation canals", "water rights"),
    "transport": ("a rail link", "a new airport", "port fees", "a motorway", "ferry routes"),
}
_ROLES = ("foreign minister", "prime minister", "trade minister", "president", "energy minister")
_OUTLETS = ("Harbor Courier", "Daily Lantern", "Northline News", "The Civic Ledger", "Evening Meridian",
            "Coastal Post", "Valley Herald", "Metro Observer")
_WIRE = "Meridian Wire"
_VERBS = ("said", "told reporters", "declared", "stressed", "added")
_OPENERS = (
    "{actor}, the {role} of {country}, arrived in {city} on {weekday} for talks on {topic}.",
    "The {role} of {country}, {actor}, held talks in {city} on {weekday} focused on {topic}.",
    "{country}'s {role} {actor} visited {city} on {weekday}, putting {topic} at the top of the agenda.",
    "Talks on {topic} opened in {city} on {weekday} as {country}'s {role} {actor} met local leaders.",
)
_FACTS = (
    "Officials said the deal covering {thing} was worth {money} million dollars.",
    "The two sides discussed {thing}, which has been disputed since {year}.",
    "About {count} delegates attended the meeting in {city}.",
    "Negotiators said {thing} would be reviewed within {months} months.",
    "Local media reported that {percent} percent of residents support the plan on {thing}.",
    "It was the first such visit to {city} in {gap} years.",
)
_QUOTES = (
    "\"We want a fair agreement on {thing} for both our peoples,\" {surname} {verb}.",
    "\"Nobody gains from delay on {thing},\" {surname} {verb}.",
    "{surname} {verb} that the talks were \"frank and useful\".",
)
_TITLES = (
    "{actor} holds talks on {thing} in {city}",
    "{country} and {city} discuss {thing}",
    "{surname} visit puts {thing} on the agenda",
    "Talks in {city}: {thing} in focus as {surname} visits",
)
_FILLER = (
    "Analysts expect further rounds of negotiations in the coming weeks.",
    "The opposition criticised the government for the pace of the talks.",
    "Markets reacted calmly to the news.",
    "Both delegations declined to give further details.",
    "The meeting took place behind closed doors.",
)


def _name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


@dataclass(frozen=True)
class SynthArticle:
    article: Article
    event: str  # the true story label
    role: str  # original | copy | report


def _event_facts(rng: random.Random, actor: str, role: str, country: str, day: date) -> dict[str, object]:
    topic_key = rng.choice(sorted(_TOPICS))
    return {
        "actor": actor, "surname": actor.split()[-1], "role": role, "country": country,
        "city": _name(rng, 3), "topic": topic_key, "thing": rng.choice(_TOPICS[topic_key]),
        "money": rng.randint(20, 900), "year": rng.randint(1990, 2015), "count": rng.randint(30, 400),
        "months": rng.randint(2, 11), "percent": rng.randint(10, 90), "gap": rng.randint(5, 30),
        "weekday": day.strftime("%A"), "day": day,
    }


def _write(rng: random.Random, facts: dict[str, object]) -> tuple[str, str]:
    fill = dict(facts, verb=rng.choice(_VERBS))
    sentences = [rng.choice(_OPENERS).format(**fill)]
    body = [t.format(**fill) for t in rng.sample(_FACTS, k=rng.randint(3, len(_FACTS)))]
    body += [t.format(**fill) for t in rng.sample(_QUOTES, k=rng.randint(1, 2))]
    body += rng.sample(_FILLER, k=rng.randint(1, 3))
    rng.shuffle(body)
    sentences += body
    paragraphs = ["\n\n".join([" ".join(sentences[i : i + 2])]) for i in range(0, len(sentences), 2)]
    title = rng.choice(_TITLES).format(**fill)
    return title, "\n\n".join(paragraphs)


def _edit(rng: random.Random, text: str) -> str:
    """A syndicated copy: the same text with a sentence dropped or a word changed."""
    paras = text.split("\n\n")
    if len(paras) > 3 and rng.random() < 0.5:
        paras.pop(rng.randrange(1, len(paras)))
    return "\n\n".join(paras).replace(" said", " says", 1)


def generate(n_articles: int, *, seed: int = 0, start: date = date(2021, 3, 1)) -> list[SynthArticle]:
    """About `n_articles` articles in events of 2–6 articles; actors recur across events in the same week."""
    rng = random.Random(seed)
    actors = [(f"{_name(rng)} {_name(rng, 3)}", rng.choice(_ROLES), _name(rng, 2) + "ia") for _ in range(
        max(3, n_articles // 12))]
    out: list[SynthArticle] = []
    event_no = 0
    while len(out) < n_articles:
        actor, role, country = rng.choice(actors)
        day = start + timedelta(days=rng.randint(0, max(7, n_articles // 8)))
        facts = _event_facts(rng, actor, role, country, day)
        label = f"E{event_no}"
        event_no += 1
        wire_title, wire_text = _write(rng, facts)
        reports = rng.randint(2, 6)
        for k in range(reports):
            published = (day + timedelta(days=rng.randint(0, 1))).isoformat()
            dateline = f"{str(facts['city']).upper()} ({_WIRE}) -"
            if k == 0:
                title, text, outlet, kind = wire_title, f"{dateline} {wire_text}", _WIRE, "original"
            elif k == 1 and rng.random() < 0.5:
                title, text = wire_title, _edit(rng, out[-1].article.text)
                outlet, kind = rng.choice(_OUTLETS), "copy"
            else:
                title, text = _write(rng, facts)
                outlet, kind = rng.choice(_OUTLETS), "report"
            aid = f"synth-{seed}-{len(out)}"
            art = Article(id=aid, source=f"synth://{aid}", text=text, outlet=outlet, title=title,
                          published=published, language="en",
                          dateline=dateline if kind == "original" else None)
            out.append(SynthArticle(art, label, kind))
    return out[:n_articles]

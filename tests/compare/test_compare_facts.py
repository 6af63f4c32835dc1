"""Fact checks across the articles of a story: agreements, conflicts, and figures that must not be paired."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from framescope.analyze.facts import find_facts
from framescope.codec import to_dict
from framescope.compare.facts import check_facts, story_date
from framescope.models import Analysis, Article, FactCheck, Sentence, Story

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def _analysis(aid: str, text: str, published: str | None = None, *, sentences: bool = False) -> Analysis:
    article = Article(id=aid, source=f"{aid}.txt", text=text, published=published)
    sents: tuple[Sentence, ...] = ()
    if sentences:  # a plain split is enough here: the compare stage only needs the sentence bounds
        sents = tuple(Sentence(m.start(), m.end(), 0, m.group(0)) for m in re.finditer(r"[^.!?]+[.!?]", text))
    return Analysis(article=article, facts=find_facts(article), sentences=sents)


def _check(*analyses: Analysis) -> tuple[FactCheck, ...]:
    story = Story(id="s", articles=tuple(a.article.id for a in analyses), roles={})
    return check_facts(story, {a.article.id: a for a in analyses})


def _texts(check: FactCheck) -> list[str]:
    return [i.text for i in check.items]


def test_percent_forms_agree() -> None:
    checks = _check(
        _analysis("a", "Our producers stand ready to deliver 100 percent of the oil you need, the envoy said."),
        _analysis("b", "The envoy said producers stand ready to deliver 100% of the oil you need."),
    )
    assert [(c.relation, _texts(c)) for c in checks] == [("consistent", ["100 percent", "100%"])]
    assert "100" in checks[0].note


def test_since_year_agrees_with_in_n_years() -> None:
    checks = _check(
        _analysis("a", "It was the first visit to the island by a foreign minister since 1994.", "2020-02-01"),
        _analysis("b", "She became the first foreign minister to visit the island in 26 years.", "2020-02-02"),
    )
    durations = [c for c in checks if {i.text for i in c.items} == {"since 1994", "in 26 years"}]
    assert len(durations) == 1 and durations[0].relation == "consistent"
    assert "2020 - 1994 = 26" in durations[0].note


def test_weekday_agrees_with_a_date_against_the_story_date() -> None:
    undated = _analysis("a", "The minister on Saturday met the president of the republic in the capital.")
    dated = _analysis(
        "b", "The minister met the president of the republic in the capital on February 1.", "2020-02-01T18:00:00+00:00"
    )
    checks = _check(undated, dated)
    assert [(c.relation, _texts(c)) for c in checks] == [("consistent", ["on Saturday", "on February 1"])]
    assert [i.value for i in checks[0].items] == ["2020-02-01", "2020-02-01"]
    assert "2020-02-01" in checks[0].note


def test_the_current_period_confirms_no_date_inside_it() -> None:
    # "earlier this month" holds every day near the story's date: paired with a day, it confirms nothing
    early = _analysis("a", "The company first announced the harbour contract earlier this month, its chief said.",
                      "2018-04-30")
    day = _analysis("b", "The company announced the harbour contract on April 29, its chief said.", "2018-04-30")
    assert not [c for c in _check(early, day) if "earlier this month" in _texts(c)]
    # a month named outright still agrees with a day in it
    named = _analysis("c", "The company announced the harbour contract in April, its chief said.", "2018-04-30")
    assert [(c.relation, _texts(c)) for c in _check(named, day)] == [("consistent", ["April", "on April 29"])]


def test_story_date_is_inferred_when_no_article_is_dated() -> None:
    a = _analysis("a", "The minister on Saturday met the president of the republic in the capital.")
    b = _analysis(
        "b",
        "Talks collapsed on December 31, 2019. The minister met the president of the republic "
        "in the capital on February 1.",
    )
    story = Story(id="s", articles=("a", "b"), roles={})
    anchor, how = story_date(story, [a, b])
    assert anchor is not None and anchor.isoformat() == "2020-02-01"
    assert "inferred" in how
    checks = _check(a, b)
    assert [(c.relation, _texts(c)) for c in checks] == [("consistent", ["on Saturday", "on February 1"])]


def test_a_weekday_that_misses_the_date_is_a_conflict() -> None:
    checks = _check(
        _analysis("a", "The minister on Friday met the president of the republic in the capital city.", "2020-02-01"),
        _analysis(
            "b", "The minister met the president of the republic in the capital city on February 1.", "2020-02-01"
        ),
    )
    assert [c.relation for c in checks] == ["conflict"]
    assert "2020-01-31" in checks[0].note and "2020-02-01" in checks[0].note


def test_figures_of_two_things_in_one_sentence_of_a_story_are_no_conflict() -> None:
    # the sentences share the band, the tour and the members; the words next to the figures do not
    a = _analysis("a", "Varkon and Malek will tour with the Harbor Kings this summer in Portmere to mark 50 years "
                       "since the band formed.", "2024-03-05")
    b = _analysis("b", "Varkon and Malek will tour with the Harbor Kings this summer in Portmere, playing old songs "
                       "on stage for the first time in 25 years.", "2024-03-05")
    assert not [c for c in _check(a, b) if c.relation == "conflict"]
    # next to both figures the same words: that is a contradiction
    c = _analysis("c", "Varkon and Malek will tour with the Harbor Kings this summer in Portmere to mark 40 years "
                       "since the band formed.", "2024-03-05")
    assert [c.relation for c in _check(a, c)] == ["conflict"]


def test_a_month_without_a_year_cannot_contradict_another_years_date() -> None:
    # "by December" was given the year nearest the article's date; the story tells of 2016
    a = _analysis("a", "In December 2016 the patient returned to the clinic with worsening breathlessness, "
                       "his doctors wrote.", "2019-11-18")
    b = _analysis("b", "By December the patient returned to the clinic with worsening breathlessness, "
                       "his doctors wrote.", "2019-11-18")
    assert not [c for c in _check(a, b) if c.relation == "conflict"]


def test_a_date_read_against_a_guessed_anchor_is_no_conflict() -> None:
    checks = _check(
        _analysis("a", "The minister on Friday met the president of the republic in the capital city."),
        _analysis(
            "b", "The minister met the president of the republic in the capital city on February 1.", "2020-02-01"
        ),
    )
    assert checks == ()


def test_killed_counts_conflict() -> None:
    checks = _check(
        _analysis("a", "Police said 12 killed when the bomb exploded at the crowded market in the old town."),
        _analysis("b", "A bomb exploded at the crowded market in the old town and 15 killed, police said."),
    )
    assert len(checks) == 1
    assert checks[0].relation == "conflict"
    assert "12" in checks[0].note and "15" in checks[0].note


def test_killed_counts_with_and_without_a_noun_are_paired() -> None:
    checks = _check(
        _analysis("a", "Police said 12 killed when the bomb exploded at the crowded market in the old town."),
        _analysis("b", "A bomb exploded at the crowded market in the old town and 15 people were killed."),
    )
    assert [(c.relation, _texts(c)) for c in checks] == [("conflict", ["12 killed", "15 people were killed"])]


def test_a_bound_is_not_a_conflict() -> None:
    checks = _check(
        _analysis("a", "More than 12 people were killed when the bomb exploded at the crowded market."),
        _analysis("b", "When the bomb exploded at the crowded market, 15 people were killed."),
    )
    assert [c.relation for c in checks] == ["consistent"]


def test_hedged_round_figures_agree_within_their_hedge() -> None:
    checks = _check(
        _analysis("a", "Two-and-a-half decades have passed since the last ministerial visit to the island."),
        _analysis("b", "The last ministerial visit to the island was 26 years ago, in 26 years nobody came."),
    )
    assert all(c.relation == "consistent" for c in checks)


def test_money_forms_agree_and_currencies_stay_apart() -> None:
    checks = _check(
        _analysis("a", "The bank approved a loan of $5 million for the new harbour terminal."),
        _analysis("b", "A loan of 5 million dollars for the new harbour terminal was approved by the bank."),
        _analysis("c", "The bank approved a loan of €5 million for the new harbour terminal."),
    )
    assert [(c.relation, _texts(c)) for c in checks] == [("consistent", ["$5 million", "5 million dollars"])]


def test_the_story_date_falls_back_to_last_seen() -> None:
    a = _analysis("a", "The minister on Saturday met the president of the republic in the capital.")
    b = _analysis("b", "The minister met the president of the republic in the capital on February 1.")
    story = Story(id="s", articles=("a", "b"), roles={}, last_seen="2020-02-02T08:00:00Z")
    anchor, how = story_date(story, [a, b])
    assert anchor is not None and anchor.isoformat() == "2020-02-02"
    assert "last seen" in how
    checks = check_facts(story, {"a": a, "b": b})
    assert [(c.relation, [i.value for i in c.items]) for c in checks] == [("consistent", ["2020-02-01", "2020-02-01"])]


def test_unrelated_figures_are_not_paired() -> None:
    checks = _check(
        _analysis("a", "Producers stand ready to deliver 100 percent of the oil the refinery needs."),
        _analysis("b", "In the election, 40% of voters backed the opposition candidate."),
    )
    assert checks == ()


def test_different_counted_nouns_are_not_paired() -> None:
    checks = _check(
        _analysis("a", "After the clashes at the northern border crossing, 12 soldiers were killed."),
        _analysis("b", "After the clashes at the northern border crossing, 30 civilians were killed."),
    )
    assert checks == ()


def test_weak_context_gives_no_conflict() -> None:
    # same kind and unit, some shared words, but nothing says both figures are about one thing
    checks = _check(
        _analysis("a", "The minister said the budget would rise by 12 percent."),
        _analysis("b", "The minister said turnout was 60 percent."),
    )
    assert all(c.relation != "conflict" for c in checks)


def test_sentences_are_used_as_context_when_given() -> None:
    checks = _check(
        _analysis("a", "Unrelated words first. Producers deliver 100 percent of the oil needed.", sentences=True),
        _analysis("b", "Producers deliver 100% of the oil needed. Elsewhere 40% of voters left.", sentences=True),
    )
    assert [(c.relation, _texts(c)) for c in checks] == [("consistent", ["100 percent", "100%"])]


def test_one_article_story_has_no_checks() -> None:
    assert _check(_analysis("a", "Producers deliver 100 percent of the oil; 100% of it.")) == ()


def test_a_big_story_gives_one_check_per_figure() -> None:
    analyses = [
        _analysis(f"a{n}", f"Rescuers said {12 if n % 10 else 15} killed when the dam burst near the valley town. "
                           f"Its {n + 2} bridges still stand.", "2020-02-01")
        for n in range(50)
    ]  # fmt: skip
    checks = _check(*analyses)
    assert len(checks) == 1  # "N bridges" share too little context to be paired
    (check,) = checks
    assert check.relation == "conflict"
    assert {i.article for i in check.items} == {f"a{n}" for n in range(50)}
    assert "12 killed in 45 articles" in check.note and "15 killed in 5 articles" in check.note


def test_a_conflict_joins_two_figures_only() -> None:
    said = {"a": 12, "b": 12, "c": 15, "d": 20}
    checks = _check(
        *(
            _analysis(aid, f"Rescuers said {n} killed when the dam burst near the valley town.", "2020-02-01")
            for aid, n in said.items()
        )
    )
    assert checks and all(c.relation == "conflict" for c in checks)
    for c in checks:
        assert len({i.value for i in c.items}) == 2, c.note
    assert any("12 killed in 2 articles" in c.note for c in checks)


def test_a_figure_in_three_articles_is_one_consistent_check() -> None:
    checks = _check(
        _analysis("a", "Our producers stand ready to deliver 100 percent of the oil you need, he said."),
        _analysis("b", "Our producers stand ready to deliver 100% of the oil you need, he said."),
        _analysis("c", "He said our producers stand ready to deliver 100 per cent of the oil you need."),
    )
    assert [(c.relation, sorted(_texts(c))) for c in checks] == [
        ("consistent", ["100 per cent", "100 percent", "100%"])
    ]
    assert "3 articles agree" in checks[0].note


def test_checks_serialize() -> None:
    checks = _check(
        _analysis("a", "Our producers stand ready to deliver 100 percent of the oil you need."),
        _analysis("b", "Our producers stand ready to deliver 100% of the oil you need."),
    )
    data = json.loads(json.dumps(to_dict(checks)))
    assert data[0]["relation"] == "consistent"
    assert data[0]["items"][0]["fact"] == "a:f0"


@pytest.mark.seeds
def test_seeds_consistent_pairs() -> None:
    if not (SEEDS / "articles").is_dir():
        pytest.skip(f"../shared/seeds not found: {SEEDS}")
    gold = json.loads((SEEDS / "gold.json").read_text())
    assert len(gold["facts_consistent_across"]) == 3
    analyses = [_analysis(p.stem, p.read_text(encoding="utf-8")) for p in sorted((SEEDS / "articles").glob("*.txt"))]
    checks = _check(*analyses)
    consistent = [" ".join([c.note, *_texts(c)]).lower() for c in checks if c.relation == "consistent"]
    for probe in (("1994", "26"), ("saturday", "february 1"), ("100 percent", "100%")):
        assert any(all(p in blob for p in probe) for blob in consistent), probe
    assert not [c for c in checks if c.relation == "conflict"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the weekday of a clause about the future, read as past when the parse misses it: the coming Thursday
        ("The minister travels on to the northern port of Kessel on Thursday, her office said in the capital.",
         "Her office said in the capital that the trip continues to the northern port of Kessel on March 5."),
        # "on Friday" written on a Friday about what is to come may be a week later
        ("The two leaders will meet at the border village of Harn on Friday in the week ahead, officials said.",
         "Officials said the two leaders meet at the border village of Harn next Friday for their first talks."),
    ],
)
def test_another_reading_of_a_relative_date_is_no_conflict(a: str, b: str) -> None:
    day = "2020-03-03" if "Kessel" in a else "2020-03-06"  # a Tuesday; a Friday
    checks = _check(_analysis("a", a, day), _analysis("b", b, day))
    assert [c for c in checks if c.relation == "conflict"] == []


def test_a_day_in_local_time_may_be_a_day_off_elsewhere() -> None:
    """A Friday evening report from one capital on what another, hours ahead, said "Saturday morning local
    time" is one moment; without "local time" the two weekdays are a conflict."""
    ours = "The state news agency of Korvia announced a halt to missile tests on Friday evening, officials said."
    theirs = ("The state news agency of Korvia announced a halt to missile tests on Saturday morning local time, "
              "officials said.")
    day = "2020-03-06T22:00:00+00:00"  # a Friday
    checks = _check(_analysis("a", ours, day), _analysis("b", theirs, day))
    assert [c for c in checks if c.relation == "conflict"] == []
    plain = theirs.replace(" local time", "")
    checks = _check(_analysis("a", ours, day), _analysis("b", plain, day))
    assert [c.relation for c in checks] == ["conflict"]

"""The quote ledger: each relation, fragments, joined quotes, misattribution, scare quotes, groups, scale.
All sentences are our own."""

from __future__ import annotations

from dataclasses import replace

import pytest

from framescope.compare.normalize import norms, tokens, trimmed
from framescope.compare.quotes import best_window, quote_ledger
from framescope.models import Analysis, Article, Entity, Quote

QuoteSpec = tuple[str, str | None, str]  # text, speaker, kind


def make(aid: str, quotes: list[QuoteSpec], outlet: str | None = None, lead: str = "The talks went on.") -> Analysis:
    """An article whose body holds each quote in marks, with its speaker named after it."""
    text = lead
    qs = []
    for n, (qt, speaker, kind) in enumerate(quotes):
        text += ' "'
        start = len(text)
        text += qt
        end = len(text)
        text += f'," {speaker or "a source"} said.'
        qs.append(Quote(f"{aid}:q{n}", qt, start, end, kind, speaker))
    for q in qs:
        assert text[q.start : q.end] == q.text
    return Analysis(Article(id=aid, source=f"{aid}.txt", text=text, outlet=outlet or f"Outlet {aid.upper()}"),
                    quotes=tuple(qs))


def ledger(*analyses: Analysis):
    return quote_ledger(list(analyses))


def only_match(a: str, b: str, sa: str | None = "Ana Lind", sb: str | None = "Ana Lind",
               ka: str = "full", kb: str = "full"):
    matches, _ = ledger(make("a", [(a, sa, ka)]), make("b", [(b, sb, kb)]))
    return matches


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("We will build the bridge next year.", "We will build the bridge next year.", "exact"),
        ("We will build the bridge next year.", "We will build the bridge next year", "exact"),
        ("We will build the bridge next year.", "  We will build the bridge next year,", "exact"),
        ("we will build the bridge, next year", "We will build the bridge next year", "equivalent"),
        ("We’re ready to sign the deal today", "We're ready to sign the deal today", "equivalent"),
        ("We will normalise relations and honour our neighbours", "We will normalize relations and honor our neighbors",
         "equivalent"),
        ("The U.S. will stand by its allies in the region", "The United States will stand by its allies in the region",
         "equivalent"),
        ("The US will stand by its allies in the region", "America will stand by its allies in the region",
         "equivalent"),
        ("Britain will stand by its allies in the region", "The U.K. will stand by its allies in the region"
         .replace("The ", ""), "equivalent"),
        ("We will deliver 100 percent of the grain on time", "We will deliver 100% of the grain on time", "equivalent"),
        ("We will deliver 100 per cent of the grain on time", "We will deliver one hundred percent of the grain on time",
         "equivalent"),
        ("About 2,500 families will get new homes", "About 2500 families will get new homes", "equivalent"),
        ("We will build the bridge next year and the school after that",
         "We will build the bridge next year", "trimmed"),
        ("We will build the bridge next year",
         "We will build the bridge next year and the school after that", "extended"),
        ("All you need to do is ask our office", "And all you have to do is ask our office, any day", "altered"),
        ("The harbour will stay open through the winter months",
         "The harbour will remain open through the winter months", "altered"),
    ],
)
def test_relation(a: str, b: str, relation: str) -> None:
    matches = only_match(a, b)
    assert [m.relation for m in matches] == [relation]
    assert matches[0].quotes == ("a:q0", "b:q0")


def test_extended_with_an_equivalence_names_it() -> None:
    m = only_match("Our farms can supply 100 percent of the wheat you need",
                   "Our farms can supply 100% of the wheat you need. We grow more wheat than anyone in the region")[0]
    assert m.relation == "extended"
    assert "'100 percent' = '100%'" in m.note
    assert "only in Outlet B: 'We grow more wheat than anyone in the region'" in m.note


def test_equivalent_note_names_the_equivalence() -> None:
    m = only_match("The U.S. will stand by its allies", "The United States will stand by its allies")[0]
    assert m.relation == "equivalent"
    assert "'U.S.' = 'United States'" in m.note


def test_altered_diff_is_readable() -> None:
    m = only_match("All you need to do is ask our office", "and all you have to do is ask our office")[0]
    assert m.relation == "altered"
    ops = [(op.op, op.a, op.b) for op in m.diff]
    assert ("replace", "need", "have") in ops
    assert ("insert", "", "and") in ops
    assert "'need' -> 'have'" in m.note
    assert 0.6 <= m.score < 1.0


def test_unrelated_quotes_do_not_match() -> None:
    assert only_match("We will build the bridge next year", "Taxes on fuel must come down before winter") == ()


def test_misattributed() -> None:
    matches = only_match("We will not sign this agreement under pressure", "We will not sign this agreement under pressure",
                         sa="Ana Lind", sb="Piet Varo")
    assert [m.relation for m in matches] == ["misattributed"]
    assert "Ana Lind" in matches[0].note and "Piet Varo" in matches[0].note
    assert "same words as exact" in matches[0].note


@pytest.mark.parametrize("term", ["harbour fever", "Rolling Down the River"])
def test_a_term_or_title_in_quote_marks_is_not_misattribution(term: str) -> None:
    # a coined term or a song's title credited to two people: no one's speech, so no one's words misattributed;
    # the note still says who each outlet credits
    matches = only_match(term, term, sa="Ana Lind", sb="Piet Varo")
    assert [m.relation for m in matches] == ["exact"]
    assert "Ana Lind" in matches[0].note and "Piet Varo" in matches[0].note


def test_unknown_speaker_is_not_misattribution() -> None:
    matches = only_match("We will not sign this agreement under pressure", "We will not sign this agreement under pressure",
                         sa="Ana Lind", sb=None)
    assert [m.relation for m in matches] == ["exact"]


@pytest.mark.parametrize("described", ["British government", "a government spokeswoman in Velmora", "officials", "Aides"])
def test_a_described_speaker_is_not_misattribution(described: str) -> None:
    # the description may be the very body or person the other outlet names: said, not flagged
    matches = only_match("The delay is positive for our steelworkers", "The delay is positive for our steelworkers",
                         sa="Ministry of Trade", sb=described)
    assert [m.relation for m in matches] == ["exact"]
    assert described in matches[0].note


def test_a_short_name_the_resolver_left_apart_is_not_someone_else() -> None:
    # the story names Ana Lind and Ola Lind, so "Lind" stays apart; it may well be Ana Lind
    matches = only_match("We will not sign this agreement under pressure", "We will not sign this agreement under pressure",
                         sa="Ana Lind", sb="Lind")
    assert [m.relation for m in matches] == ["exact"]
    assert "speaker: Ana Lind in" in matches[0].note


def test_speaker_names_resolved_before_comparing() -> None:
    a = make("a", [("We will not sign this agreement under pressure", "Ana Lind", "full")])
    b = make("b", [("We will not sign this agreement under pressure", "Lind", "full")])
    matches, groups = quote_ledger([a, b], resolve=lambda s: {"Lind": "Ana Lind"}.get(s or "", s))
    assert [m.relation for m in matches] == ["exact"]
    assert groups[0].speaker == "Ana Lind"


def test_fragment_inside_a_longer_quote() -> None:
    a = make("a", [("a fair deal", "Ana Lind", "fragment")])
    b = make("b", [("We want a fair deal for the farmers of the valley", "Ana Lind", "full")])
    matches, groups = ledger(a, b)
    assert [(m.quotes, m.relation) for m in matches] == [(("a:q0", "b:q0"), "extended")]
    assert "only in" not in matches[0].note  # a fragment says nothing about the rest of the quote
    assert len(groups) == 1 and groups[0].articles == ("a", "b")


def test_fragment_matches_only_by_containment() -> None:
    a = make("a", [("a fair price", "Ana Lind", "fragment")])
    b = make("b", [("We want a fair deal for the farmers of the valley", "Ana Lind", "full")])
    matches, groups = ledger(a, b)
    assert matches == ()
    assert len(groups) == 2


def test_one_word_inside_another_speakers_quote_is_coincidence() -> None:
    a = make("a", [("historic", "Ana Lind", "fragment")])
    b = make("b", [("This is a historic day for the valley", "Piet Varo", "full")])
    assert ledger(a, b)[0] == ()


def test_scare_quotes_never_match_reported_speech() -> None:
    a = make("a", [("reform", None, "scare"), ("friendly partners", None, "scare")])
    b = make("b", [("reform", "Ana Lind", "fragment"), ("We are friendly partners of the valley", "Ana Lind", "full"),
                   ("friendly partners", None, "scare")])
    matches, _ = ledger(a, b)
    assert [(m.quotes, m.relation) for m in matches] == [(("a:q1", "b:q2"), "exact")]


def test_joined_quotes_match_both_parts() -> None:
    a = make("a", [("The river must be cleaned before summer", "Ana Lind", "full"),
                   ("Nobody will swim in it until then", "Ana Lind", "full")])
    b = make("b", [("The river must be cleaned before summer. Nobody will swim in it until then", "Ana Lind", "full")])
    matches, groups = ledger(a, b)
    assert sorted((m.quotes, m.relation) for m in matches) == [
        (("a:q0", "b:q0"), "extended"),
        (("a:q1", "b:q0"), "extended"),
    ]
    assert all("only in" not in m.note for m in matches)  # every word of b is in a
    assert [g.quotes for g in groups] == [("a:q0", "a:q1", "b:q0")]


def test_sentence_in_one_outlet_only_is_noted() -> None:
    a = make("a", [("The river must be cleaned before summer", "Ana Lind", "full")])
    b = make("b", [("The river must be cleaned before summer. We have asked the army for help", "Ana Lind", "full")],
             outlet="Valley Times")
    (m,), _ = ledger(a, b)
    assert m.relation == "extended"
    assert "only in Valley Times: 'We have asked the army for help'" in m.note


def test_quote_in_one_outlet_only_is_its_own_group() -> None:
    a = make("a", [("The river must be cleaned before summer", "Ana Lind", "full")])
    b = make("b", [("Fuel taxes will go down in the autumn", "Piet Varo", "full")])
    matches, groups = ledger(a, b)
    assert matches == ()
    assert sorted((g.quotes, g.articles, g.speaker) for g in groups) == [
        (("a:q0",), ("a",), "Ana Lind"), (("b:q0",), ("b",), "Piet Varo")]


def test_repeated_quote_in_one_article_matches_once_across() -> None:
    a = make("a", [("real change", "Ana Lind", "fragment"), ("real change", "Ana Lind", "fragment")])
    b = make("b", [("real change", "Ana Lind", "fragment")])
    matches, groups = ledger(a, b)
    assert [(m.quotes, m.relation) for m in matches] == [(("a:q0", "b:q0"), "exact")]
    assert [g.quotes for g in groups] == [("a:q0", "a:q1", "b:q0")]


def test_one_article() -> None:
    matches, groups = ledger(make("a", [("We will build the bridge", "Ana Lind", "full")]))
    assert matches == ()
    assert [g.quotes for g in groups] == [("a:q0",)]


def test_fifty_articles() -> None:
    variants = ["We will build the bridge next year", "We will build the bridge next year.",
                "we will build the bridge, next year", "We will build the bridge next year and the school after that"]
    analyses = [make(f"x{k:02d}", [(variants[k % 4], "Ana Lind", "full"),
                                  (f"Road number {k} will be closed on Sunday", "Piet Varo", "full")])
                for k in range(50)]
    matches, groups = quote_ledger(analyses)
    bridge = next(g for g in groups if g.speaker == "Ana Lind")
    assert len(bridge.articles) == 50
    # Versions are linked to their closest ones, not to every other: the ledger grows with the quotes,
    # not with their square (the 50 "road" quotes differ in one word and would give 1,225 pairs).
    assert len(matches) <= 50 * 12
    rels = {m.relation for m in matches}
    assert rels <= {"exact", "equivalent", "trimmed", "extended", "altered"} and "extended" in rels
    # The road quotes differ in one number each: altered versions of one quotation, all in one group.
    road = [g for g in groups if g.speaker == "Piet Varo"]
    assert len(road) == 1 and len(road[0].articles) == 50
    assert {m.relation for m in matches if m.quotes[0].endswith("q1")} == {"altered"}


# --------------------------------------------------------------------------- normalization


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("100 percent", "100%"),
        ("100 per cent", "one hundred percent"),
        ("twenty-six years", "26 years"),
        ("the U.S", "the United States"),
        ("the USA", "America"),
        ("colour", "color"),
        ("good-faith", "good faith"),
        ("We’re", "we're"),
    ],
)
def test_normalized_equal(a: str, b: str) -> None:
    assert norms(a) == norms(b)


def test_us_the_country_is_not_us_the_pronoun() -> None:
    assert norms("call US") != norms("call us")


def test_tokens_keep_offsets() -> None:
    text = "They want 100 per cent, said the U.S. envoy"
    for t in tokens(text):
        assert text[t.start : t.end] == t.surface
    assert [t.surface for t in tokens(text)][2] == "100 per cent"


def test_trimmed() -> None:
    assert trimmed("  We will go.  ") == "We will go"
    assert trimmed("We  will\ngo,") == "We will go"


def test_best_window() -> None:
    long = tuple(["our", "farms", "are", "ready", "and", "all", "you", "have", "to", "do", "is", "call", "us"])
    short = tuple(["all", "you", "need", "to", "do", "is", "call", "us"])
    s, e, sim = best_window(short, long)
    assert long[s:e] == tuple(["all", "you", "have", "to", "do", "is", "call", "us"])
    assert sim > 0.8


def test_quote_without_words_is_grouped_alone() -> None:
    matches, groups = ledger(make("a", [("?!", "Ana Lind", "fragment")]), make("b", [("?!", "Ana Lind", "fragment")]))
    assert matches == ()
    assert sorted(g.quotes for g in groups) == [("a:q0",), ("b:q0",)]


def test_altered_diff_aligns_to_the_best_window() -> None:
    """'you need' early in the longer quote must not pull the alignment away from 'all you have to do'."""
    m = only_match("All you need to do is call our office",
                   "Our farms grow what you need at fair prices and all you have to do is call our office")[0]
    assert m.relation == "altered"
    assert [(op.op, op.a, op.b) for op in m.diff] == [
        ("insert", "", "Our farms grow what you need at fair prices and"),
        ("equal", "All you", "all you"),
        ("replace", "need", "have"),
        ("equal", "to do is call our office", "to do is call our office"),
    ]


def test_shared_function_words_do_not_make_an_alteration() -> None:
    assert only_match("We will not do it", "We will not do that again") == ()


def test_person_and_institution_is_not_misattribution() -> None:
    a = make("a", [("We will not sign this agreement under pressure", "Harbor Council", "full")])
    b = make("b", [("We will not sign this agreement under pressure", "Ana Lind", "full")])
    ents = {"a": [Entity("Harbor Council", 0, 3, "ORG", "Harbor Council")], "b": [Entity("Ana Lind", 0, 3, "PERSON", "Ana Lind")]}
    a = replace(a, entities=tuple(ents["a"]))
    b = replace(b, entities=tuple(ents["b"]))
    (m,), _ = ledger(a, b)
    assert m.relation == "exact"
    assert "a person and an institution" in m.note

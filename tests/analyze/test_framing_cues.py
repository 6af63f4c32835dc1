"""Framing cues on sentences we wrote: each category, voices (author / quoted / attributed), scare quotes
versus reported speech, and rates on empty and tiny articles."""

from __future__ import annotations

import pytest

from framescope.analyze.framing import LOADED_CATEGORIES, find_framing, rates_for
from framescope.analyze.nlp import load_nlp
from framescope.models import Article, Framing, FramingSpan, Quote


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def quote(text: str, inner: str, kind: str = "full", n: int = 0) -> Quote:
    start = text.index(inner)
    return Quote(id=f"t:q{n}", text=inner, start=start, end=start + len(inner), kind=kind,
                 speaker=None if kind == "scare" else "Someone")


def frame(nlp, text: str, quotes: tuple[Quote, ...] = (), title: str | None = None) -> Framing:
    art = Article(id="t", source="test", text=text, title=title)
    return find_framing(art, nlp(text), quotes, ())


def spans_of(fr: Framing, category: str) -> list[FramingSpan]:
    return [s for s in fr.spans if s.category == category]


@pytest.mark.parametrize(
    ("text", "category", "technique", "word"),
    [
        ("The council's reckless plan was a shameful betrayal of the town.", "loaded_language", "Loaded_Language",
         "shameful"),
        ("The minister's cronies met again behind the scenes on Monday.", "label", "Name_Calling,Labeling", "cronies"),
        ("The governor, a notorious demagogue, toured the valley on Tuesday.", "label", "Name_Calling,Labeling",
         "demagogue"),
        ("The new levy could possibly be delayed until the spring.", "hedge", None, "possibly"),
        ("The report was absolutely damning for the port authority.", "intensifier", "Exaggeration,Minimisation",
         "absolutely"),
        ("The province is now on the brink of a total collapse of its water system.", "appeal_to_fear",
         "Appeal_to_fear-prejudice", "brink"),
        ("Real patriots will defend our homeland against this bill.", "flag_waving", "Flag-Waving", "patriots"),
        ("The so-called experts on the panel met for an hour.", "doubt", "Doubt", "so-called"),
        ("The mayor delivered the greatest budget in the history of the region.", "exaggeration",
         "Exaggeration,Minimisation", "greatest"),
        ("Long story short, the bridge will not be finished this year.", "thought_terminating_cliche",
         "Thought-terminating_Cliches", "Long story short"),
        ("Prices rose solely because of the new harbour tax.", "causal_oversimplification",
         "Causal_Oversimplification", "solely because"),
        ("There is no alternative to the plan the cabinet tabled.", "black_and_white", "Black-and-White_Fallacy",
         "no alternative"),
        ("Everyone knows the ferry contract was a mistake.", "bandwagon", "Bandwagon,Reductio_ad_hitlerum",
         "Everyone knows"),
        ("Experts agree the tunnel is the better route.", "appeal_to_authority", "Appeal_to_Authority", "Experts agree"),
        ("But what about the fishermen who lost their licences last year?", "whataboutism",
         "Whataboutism,Straw_Men,Red_Herring", "what about"),
        ("The new curfew is like something Mussolini would have ordered.", "association",
         "Bandwagon,Reductio_ad_hitlerum", "Mussolini"),
        ("The trade pact is a trojan horse for foreign landlords.", "loaded_metaphor", "Loaded_Language",
         "trojan horse"),
        ("Shame on them!", "slogan", "Slogans", "Shame"),
        ("The clinic offered cheap loans (or rather gifts) to its board members.", "loaded_language",
         "Loaded_Language", "rather gifts"),
    ],
)
def test_each_cue(nlp, text, category, technique, word):
    fr = frame(nlp, text)
    found = [s for s in spans_of(fr, category) if word.lower() in s.text.lower()]
    assert found, f"no {category} span with {word!r} in {[(s.category, s.text) for s in fr.spans]}"
    span = found[0]
    assert span.technique == technique
    assert text[span.start:span.end] == span.text
    assert span.reason and "\n" not in span.reason
    assert 0 < span.confidence <= 1
    assert span.voice == "author"


@pytest.mark.parametrize(
    "text",
    [
        "The committee met on Tuesday and approved the budget for the coming year.",
        "Officials said the road would reopen after repairs to the bridge deck.",
        "Rainfall in the region was 12 percent below the long-term average in March.",
    ],
)
def test_neutral_sentences_have_no_loaded_spans(nlp, text):
    fr = frame(nlp, text)
    assert not [s for s in fr.spans if s.category in LOADED_CATEGORIES], fr.spans
    assert fr.rates["loaded"] == 0


def test_modifier_is_read_with_its_head(nlp):
    fr = frame(nlp, "The mayor gave a venomous speech to the council.")
    assert any(s.text == "venomous speech" for s in spans_of(fr, "loaded_language"))


def test_label_widens_to_its_noun_phrase(nlp):
    fr = frame(nlp, "Critics rarely visit Orvania, the continent's last dictatorship, in winter.")
    assert any(s.text == "the continent's last dictatorship" or s.text == "continent's last dictatorship"
               for s in spans_of(fr, "label"))


def test_association_by_a_row_of_named_figures(nlp):
    text = ("Varno Kelst (Ostria), Peder Malm (Lindavia) and Juro Tavik (Sarnia) also believed they could strike "
            "a deal with their neighbours and keep their seats.")
    fr = frame(nlp, text)
    spans = spans_of(fr, "association")
    assert spans and "Reductio_ad_hitlerum" in (spans[0].technique or "")
    assert "also" in spans[0].reason


def test_plain_history_is_not_an_association(nlp):
    fr = frame(nlp, "Mussolini founded the party in 1919.")
    assert not spans_of(fr, "association")


# ----------------------------------------------------------------------------- voices


def test_quoted_insult_counts_for_the_speaker(nlp):
    text = 'The senator said: "These people are thugs and liars." The vote is set for Friday.'
    inner = "These people are thugs and liars."
    fr = frame(nlp, text, (quote(text, inner),))
    labels = spans_of(fr, "label")
    assert labels and all(s.voice == "quoted" for s in labels)
    assert fr.rates["label"] == 0 and fr.rates["loaded"] == 0


def test_same_insult_in_authors_voice_counts_for_the_outlet(nlp):
    text = "These people are thugs and liars. The vote is set for Friday."
    fr = frame(nlp, text)
    assert any(s.voice == "author" for s in spans_of(fr, "label"))
    assert fr.rates["loaded"] > 0


@pytest.mark.parametrize(
    "text",
    [
        "Trade resumed with Orvania, a country often described as a rogue state, in June.",
        "Trade resumed with Orvania, which its neighbours call a rogue state, in June.",
        "Trade resumed with Orvania, dubbed a rogue state by the press, in June.",
        "Opposition leaders said the government was a corrupt regime.",
    ],
)
def test_attributed_characterization(nlp, text):
    fr = frame(nlp, text)
    found = [s for s in fr.spans if s.category in {"label", "loaded_language"}]
    assert found and all(s.voice == "attributed" for s in found), [(s.text, s.voice) for s in found]
    assert fr.rates["loaded"] == 0


def test_scare_quotes_versus_reported_speech(nlp):
    text = ("The board praised its ‘independent’ auditors on Monday. "
            'The chair said the audit was "independent and thorough".')
    scare = quote(text, "independent", kind="scare")
    spoken = quote(text, "independent and thorough", kind="fragment", n=1)
    fr = frame(nlp, text, (scare, spoken))
    sq = spans_of(fr, "scare_quote")
    assert len(sq) == 1
    assert sq[0].text == "‘independent’" and sq[0].voice == "author"
    assert "scare quotes" in sq[0].reason
    assert fr.rates["scare_quote"] > 0


def test_question_in_a_quote_is_not_the_authors_doubt(nlp):
    text = 'The farmer asked: "Who will pay for the new fences?" The ministry did not reply.'
    fr = frame(nlp, text, (quote(text, "Who will pay for the new fences?"),))
    assert not [s for s in spans_of(fr, "doubt") if s.voice == "author"]


def test_question_headline_offsets_into_title(nlp):
    title = "Is the Harbour Mayor Following the Path of Old Tyrants?"
    fr = frame(nlp, "The mayor opened the new pier on Sunday.", title=title)
    qh = spans_of(fr, "question_headline")
    assert len(qh) == 1 and qh[0].field == "title"
    assert title[qh[0].start:qh[0].end] == qh[0].text == title
    assert "question" in qh[0].reason


def test_statement_headline_is_not_flagged(nlp):
    fr = frame(nlp, "The mayor opened the new pier on Sunday.", title="Mayor opens new pier")
    assert not spans_of(fr, "question_headline")


# ----------------------------------------------------------------------------- rates


def test_empty_article(nlp):
    fr = frame(nlp, "")
    assert fr.spans == ()
    assert fr.rates["all"] == 0 and fr.rates["loaded"] == 0


def test_whitespace_article_with_question_title(nlp):
    fr = frame(nlp, "   \n\n ", title="Is this the end?")
    assert [s.category for s in fr.spans] == ["question_headline"]
    assert fr.rates["all"] == 0


def test_tiny_article_rates(nlp):
    fr = frame(nlp, "A shameful vote.")
    assert fr.rates["loaded_language"] == pytest.approx(1000 / 3, rel=0.01)
    assert fr.rates["loaded"] == fr.rates["loaded_language"]


def test_rates_count_author_voice_only():
    spans = (
        FramingSpan("thugs", 0, 5, "label", "Name_Calling,Labeling", "r", 0.7, voice="author"),
        FramingSpan("liars", 6, 11, "label", "Name_Calling,Labeling", "r", 0.7, voice="quoted"),
        FramingSpan("regime", 12, 18, "label", "Name_Calling,Labeling", "r", 0.7, voice="attributed"),
        FramingSpan("perhaps", 19, 26, "hedge", None, "r", 0.5, voice="author"),
    )
    rates = rates_for(spans, 500)
    assert rates["label"] == 2.0
    assert rates["loaded"] == 2.0
    assert rates["hedge"] == 2.0
    assert rates["all"] == 4.0
    assert rates_for(spans, 0)["all"] == 0.0


def test_spans_are_sorted_and_anchored(nlp):
    text = ("The regime's brutal crackdown was a disgrace. Perhaps the so-called reforms were a sham all along. "
            "Our nation deserves better!")
    fr = frame(nlp, text)
    body = [s for s in fr.spans if s.field == "text"]
    assert body == sorted(body, key=lambda s: (s.start, s.end, s.category))
    for s in body:
        assert text[s.start:s.end] == s.text
    assert len({s.category for s in body}) >= 4


def test_according_to_covers_its_own_clause_only(nlp):
    text = ("Nine people died in the fire, according to volunteers, making it the worst disaster in the valley "
            "in living memory.")
    fr = frame(nlp, text)
    worst = [s for s in spans_of(fr, "exaggeration") if "worst" in s.text]
    assert worst and worst[0].voice == "author"
    fr2 = frame(nlp, "According to its critics, the agency is a corrupt mafia.")
    assert all(s.voice == "attributed" for s in fr2.spans if s.category in {"label", "loaded_language"})
    assert [s for s in fr2.spans if s.category == "label"]


def test_non_english_article_gets_no_lexicon_spans(nlp):
    text = "Die Regierung hat am Montag einen neuen Plan vorgestellt, der brutal und absurd sei."
    art = Article(id="de", source="t", text=text, language="de")
    fr = find_framing(art, nlp(text), (), ())
    assert fr.spans == ()

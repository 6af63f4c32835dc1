"""Technique labels for a given fragment (SemEval-2020 Task 11 TC style), from our cues or the fragment's form."""

from __future__ import annotations

import pytest

from framescope.analyze.framing import find_framing
from framescope.analyze.framing_technique import label_fragment
from framescope.analyze.nlp import load_nlp
from framescope.models import Article

TEXT = (
    "The harbour board met on Monday. Our nation deserves better than this! The board's cronies pushed the deal. "
    "Why did the board hide the contract? The deal, the deal, the deal: that is all they talk about. "
    "Prices rose, officials said, because the board raised the fees and therefore every trader paid more each "
    "month for the same berth."
)


@pytest.fixture(scope="module")
def parsed():
    nlp = load_nlp()
    doc = nlp(TEXT)
    fr = find_framing(Article(id="t", source="t", text=TEXT), doc, (), ())
    return doc, fr


@pytest.mark.parametrize(
    ("fragment", "technique"),
    [
        ("Our nation deserves better than this", "Flag-Waving"),
        ("cronies", "Name_Calling,Labeling"),
        ("Why did the board hide the contract?", "Doubt"),
        ("the deal", "Repetition"),
    ],
)
def test_label_fragment(parsed, fragment, technique):
    doc, fr = parsed
    start = TEXT.index(fragment)
    label, reason = label_fragment(doc, start, start + len(fragment), fr.spans)
    assert label == technique
    assert reason


def test_long_causal_passage(parsed):
    doc, fr = parsed
    frag = "because the board raised the fees and therefore every trader paid more each month for the same berth"
    start = TEXT.index(frag)
    label, _ = label_fragment(doc, start, start + len(frag), fr.spans)
    assert label in {"Causal_Oversimplification", "Appeal_to_Authority"}

"""The speaker token of a cue verb (`cues.subject_of`), on parses written out by hand: the shapes the small
model produces on real sentences, which a re-parse of a short test sentence does not reproduce."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from framescope.analyze.cues import subject_of


def parse(words: list[str], heads: list[int], deps: list[str], tags: list[str]) -> Doc:
    return Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags)


def test_a_fronted_participle_folded_into_a_subject_gives_way() -> None:
    # "Hosting President Velik at the palace, Mr. Harrow assailed the deal": the parser made "Hosting" a
    # compound of "Velik" and both names subjects of "assailed"
    words = ["Hosting", "President", "Velik", "at", "the", "palace", ",", "Mr.", "Harrow", "assailed", "the", "deal"]
    heads = [1, 2, 9, 2, 5, 3, 9, 8, 9, 9, 11, 9]
    deps = ["compound", "compound", "nsubj", "prep", "det", "pobj", "punct", "compound", "nsubj", "ROOT", "det",
            "dobj"]
    tags = ["VBG", "NNP", "NNP", "IN", "DT", "NN", ",", "NNP", "NNP", "VBD", "DT", "NN"]
    doc = parse(words, heads, deps, tags)
    assert subject_of(doc[9]).text == "Harrow"


def test_of_two_plain_subjects_the_first_is_kept() -> None:
    # "Speaker Ryan, despite admitting it, the victims need ...": the first subject stays the speaker
    words = ["Speaker", "Ryan", ",", "the", "victims", "need", "help"]
    heads = [1, 5, 5, 4, 5, 5, 5]
    deps = ["compound", "nsubj", "punct", "det", "nsubj", "ROOT", "dobj"]
    tags = ["NNP", "NNP", ",", "DT", "NNS", "VBP", "NN"]
    doc = parse(words, heads, deps, tags)
    assert subject_of(doc[5]).text == "Ryan"

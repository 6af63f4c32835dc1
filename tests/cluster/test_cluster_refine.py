"""The refine pass: an article placed before the reports of its own event arrived moves to their story."""

from __future__ import annotations

from framescope.cluster import cluster
from framescope.cluster.events import StoryBuilder
from framescope.cluster.features import features_many
from framescope.models import Article

# Four reports of a minister opening a bridge (day 1); then one report of the strike she settled the next
# day that also recalls the bridge (it links to the bridge reports and, placed first, joins them); then three
# reports of the strike that link to it but, one link each against a story of five, cannot join that story.
BRIDGE = (
    "VELMORA (Harbor Wire) - Transport minister Ilsa Varkon opened the new Velmora rail bridge on Tuesday, ending "
    "eleven years of construction that cost 412 million dollars. \"This bridge joins two halves of our country,\" "
    "Varkon told a crowd of about 3,000 people. Engineers said the bridge would carry 140 trains a day once "
    "signalling work ends in spring.",
    "Thousands gathered on the banks of the Sel river as Ilsa Varkon cut the ribbon of the Velmora rail bridge, a "
    "project first promised eleven years ago at a cost of 412 million dollars. Varkon called the bridge a link "
    "between two halves of the country. Engineers expect 140 trains a day.",
    "The Velmora rail bridge is open. Minister Ilsa Varkon inaugurated the 412 million dollar crossing over the "
    "Sel river on Tuesday before some 3,000 onlookers, eleven years after work began; it will carry 140 trains "
    "daily.",
    "Ilsa Varkon, the transport minister, inaugurated the Velmora bridge over the Sel on Tuesday. The crossing "
    "took eleven years and 412 million dollars to build and should see 140 trains a day, engineers said.",
)
SETTLED = (
    "VELMORA (Harbor Wire) - A day after opening the Velmora rail bridge, transport minister Ilsa Varkon settled "
    "the Sel railway workers' strike on Wednesday. Union leader Pavel Doruk said the 6,800 drivers and guards "
    "would return to work on Thursday after Varkon granted a 7.5 percent pay rise over two years. The strike had "
    "halted 1,900 trains."
)
STRIKE = (
    "Railway drivers and guards ended their nine-day strike on Wednesday after union leader Pavel Doruk accepted "
    "a 7.5 percent pay rise over two years. Doruk said the 6,800 workers would be back on Thursday; the walkout "
    "had halted 1,900 trains.",
    "The Sel railway strike is over. Pavel Doruk, who leads the drivers' union, told reporters the 6,800 "
    "strikers won a 7.5 percent rise over two years and return to work on Thursday, after 1,900 cancelled trains.",
    "Strike ends: 6,800 railway drivers and guards go back on Thursday with a 7.5 percent pay rise over two "
    "years, union leader Pavel Doruk announced on Wednesday. Some 1,900 trains were cancelled during the "
    "nine-day stoppage.",
)


def articles() -> list[Article]:
    def art(aid: str, text: str, day: str) -> Article:
        return Article(id=aid, source=f"test://{aid}", text=text, published=day, language="en")

    return [
        *(art(f"bridge{i}", t, "2024-05-14") for i, t in enumerate(BRIDGE)),
        art("settled", SETTLED, "2024-05-15"),
        *(art(f"strike{i}", t, "2024-05-15") for i, t in enumerate(STRIKE)),
    ]


def test_placement_alone_leaves_the_early_article_in_the_wrong_story_and_marks_it() -> None:
    builder = StoryBuilder()
    builder.add(features_many(articles()))
    story = dict(zip((f.id for f in builder.feats), builder.story_of, strict=True))
    assert story["settled"] == story["bridge0"] != story["strike0"]
    assert [builder.feats[i].id for i in builder.contested] == ["settled"]
    assert builder.refine(range(len(builder.feats))) == 1
    story = dict(zip((f.id for f in builder.feats), builder.story_of, strict=True))
    assert story["settled"] == story["strike0"] != story["bridge0"]
    assert builder.refine(range(len(builder.feats))) == 0  # nothing left to move


def test_batch_grouping_puts_the_early_article_with_its_event() -> None:
    groups = {frozenset(s.articles) for s in cluster(articles())}
    assert groups == {
        frozenset(f"bridge{i}" for i in range(4)),
        frozenset({"settled", *(f"strike{i}" for i in range(3))}),
    }


def test_an_earlier_run_s_articles_are_not_moved() -> None:
    arts = articles()
    first = cluster(arts[:5])  # the bridge reports and the settlement, one story
    assert len(first) == 1
    later = cluster(arts, previous=first)
    kept = next(s for s in later if s.id == first[0].id)
    assert "settled" in kept.articles  # stable: the refine pass looks only at this run's articles

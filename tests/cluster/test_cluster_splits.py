"""Story splits: an earlier story whose articles no longer link is split, the founder's part keeps the id, and
the split is recorded; connected stories are left alone."""

from __future__ import annotations

from framescope.cluster import cluster
from framescope.cluster.events import story_id
from framescope.models import Article, Story

BRIDGE = (
    "VELMORA (Harbor Wire) - Transport minister Ilsa Varkon opened the new Velmora rail bridge on Tuesday, "
    "ending eleven years of construction that cost 412 million dollars.\n\n"
    "\"This bridge joins two halves of our country,\" Varkon told a crowd of about 3,000 people.\n\n"
    "Engineers said the bridge would carry 140 trains a day once the signalling work is finished in spring."
)
BRIDGE_REPORT = (
    "Thousands gathered on the banks of the Sel river as Ilsa Varkon cut the ribbon of the Velmora rail bridge, "
    "a project first promised eleven years ago at a cost of 412 million dollars.\n\n"
    "Varkon called the bridge a link between two halves of the country. Engineers expect 140 trains a day."
)
HARVEST = (
    "Farmers in the Oskel valley brought in a record apple harvest this autumn, the regional growers' "
    "cooperative said on Wednesday, with 58,000 tonnes picked across 900 orchards.\n\n"
    "Cooperative chairman Tomas Brenn said warm spring weather and few frosts explained the yield.\n\n"
    "Cider makers in Lindau expect prices to fall by a fifth before the winter markets open."
)


def art(aid: str, text: str, published: str) -> Article:
    return Article(id=aid, source=f"test://{aid}", text=text, published=published, language="en")


def earlier(sid: str, *ids: str) -> Story:
    return Story(id=sid, articles=ids, roles={a: "report" for a in ids}, first_seen=None, last_seen=None)


def test_unlinked_parts_of_an_earlier_story_are_split_and_recorded() -> None:
    arts = [art("a", BRIDGE, "2024-05-14"), art("b", BRIDGE_REPORT, "2024-05-14"), art("c", HARVEST, "2024-05-15")]
    stories = {s.id: s for s in cluster(arts, previous=[earlier("s-old", "a", "b", "c")])}
    assert len(stories) == 2 and "s-old" in stories
    kept, split = stories["s-old"], next(s for k, s in stories.items() if k != "s-old")
    assert set(kept.articles) == {"a", "b"}  # the founder's part keeps the id
    assert split.articles == ("c",)
    assert any(h.startswith(f"split {split.id} from s-old") for h in kept.history)
    assert any("s-old" in h for h in split.history)


def test_connected_earlier_story_is_left_alone() -> None:
    arts = [art("a", BRIDGE, "2024-05-14"), art("b", BRIDGE_REPORT, "2024-05-14")]
    (story,) = cluster(arts, previous=[earlier("s-old", "a", "b")])
    assert story.id == "s-old"
    assert set(story.articles) == {"a", "b"}
    assert not any(h.startswith("split") for h in story.history)


def test_split_is_stable_on_the_next_run() -> None:
    arts = [art("a", BRIDGE, "2024-05-14"), art("b", BRIDGE_REPORT, "2024-05-14"), art("c", HARVEST, "2024-05-15")]
    first = cluster(arts, previous=[earlier("s-old", "a", "b", "c")])
    again = cluster(arts, previous=first)
    assert {s.id: set(s.articles) for s in again} == {s.id: set(s.articles) for s in first}
    assert {s.id: s.history for s in again} == {s.id: s.history for s in first}


def test_split_never_reuses_an_id_of_another_story() -> None:
    # "c" founded a story of its own once; that story still exists, so the split part gets another id
    arts = [art("a", BRIDGE, "2024-05-14"), art("b", BRIDGE_REPORT, "2024-05-14"), art("c", HARVEST, "2024-05-15"),
            art("d", HARVEST.replace("record", "bumper"), "2024-05-15")]
    previous = [earlier("s-old", "a", "b", "c"), earlier(story_id("c"), "d")]
    stories = cluster(arts, previous=previous)
    ids = [s.id for s in stories]
    assert len(ids) == len(set(ids))
    owner = {a: s.id for s in stories for a in s.articles}
    assert owner["a"] == owner["b"] == "s-old"
    assert owner["c"] != "s-old"


def test_a_split_part_is_not_named_after_its_founder() -> None:
    # The founder's own id may be a story of the store that this run did not load (here: none is given), and
    # splitting the same story twice must not give the part the id of the story it leaves.
    arts = [art("a", BRIDGE, "2024-05-14"), art("b", BRIDGE_REPORT, "2024-05-14"), art("c", HARVEST, "2024-05-15")]
    first = {s.id: s for s in cluster(arts, previous=[earlier("s-old", "a", "b", "c")])}
    part = next(k for k in first if k != "s-old")
    assert part != story_id("c")
    # the part is merged back by hand and split again: a new id, neither of the two stories'
    again = cluster(arts, previous=[earlier(part, "c", "a", "b")])
    ids = [s.id for s in again]
    assert len(ids) == len(set(ids)) == 2
    owner = {a: s.id for s in again for a in s.articles}
    assert owner["a"] == owner["b"] != owner["c"]


def test_a_split_part_joins_the_story_it_now_links_to() -> None:
    # "c" was grouped with the bridge stories by an earlier run; "d", a near copy of it, has a story of its own
    arts = [art("a", BRIDGE, "2024-05-14"), art("b", BRIDGE_REPORT, "2024-05-14"), art("c", HARVEST, "2024-05-15"),
            art("d", HARVEST.replace("record", "bumper"), "2024-05-15")]
    previous = [earlier("s-old", "a", "b", "c"), earlier("s-harvest", "d")]
    stories = {s.id: s for s in cluster(arts, previous=previous)}
    assert set(stories) == {"s-old", "s-harvest"}  # both keep their ids; the split part made no new story
    assert set(stories["s-harvest"].articles) == {"c", "d"}
    assert any(h.startswith("split ") for h in stories["s-old"].history)
    assert any(h.startswith("merged ") and "into s-harvest" in h for h in stories["s-harvest"].history)


def test_the_part_holding_the_article_a_story_is_named_after_keeps_its_id() -> None:
    # "b" founded the story; "a", an earlier article, was put in it (as refine can) and no longer links: the
    # story keeps its id with "b", and "a" is split off, not the other way round
    arts = [art("a", HARVEST, "2024-05-13"), art("b", BRIDGE, "2024-05-14"), art("c", BRIDGE_REPORT, "2024-05-14")]
    sid = story_id("b")
    stories = {s.id: s for s in cluster(arts, previous=[earlier(sid, "a", "b", "c")])}
    assert set(stories[sid].articles) == {"b", "c"}
    (other,) = [s for k, s in stories.items() if k != sid]
    assert other.articles == ("a",)

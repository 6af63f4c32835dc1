"""Page titles lose the site's name, and nothing else."""

from __future__ import annotations

import pytest

from framescope.clean import clean
from framescope.clean.title import without_site
from framescope.models import Document


@pytest.mark.parametrize(
    ("title", "names", "expected"),
    [
        # after a bar or a spaced dash, as the outlet, the site name or the domain names it
        ("Harbour bridge reopens after repairs | Portmere Post", ["Portmere Post"], "Harbour bridge reopens after repairs"),
        ("Harbour bridge reopens after repairs - PortmerePost.com", ["PortmerePost.com"], "Harbour bridge reopens after repairs"),
        ("Harbour bridge reopens – portmerepost", [None, "portmerepost.co.uk", "portmerepost"], "Harbour bridge reopens"),
        # a shortened site name, and a site name that has a separator of its own
        ("Lights over the canal | Velmora", ["Velmora Magazine"], "Lights over the canal"),
        ("Toy robots return - Retro 80/90 - Toys of the eighties", ["Retro 80/90 - Toys of the eighties"], "Toy robots return"),
        # before the headline, with a bar or a colon; the longest such prefix
        ("Coast Daily | The coast's own news: Ferry strike ends", ["Coast Daily | The coast's own news"], "Ferry strike ends"),
        # a headline in a script without spaces
        ("港の新しい桟橋が開業 - 港湾ニュース", ["港湾ニュース"], "港の新しい桟橋が開業"),
        # what stays: a section, the second half of a headline, a headline that starts with the site's name,
        # a title that is only the site's name, a hyphenated word
        ("Opinion | Is the bridge worth it?", ["Portmere Post"], "Opinion | Is the bridge worth it?"),
        ("Bridge review - solid, slow and late - Portmere Post", ["Portmere Post"], "Bridge review - solid, slow and late"),
        ("The Portmere Post view on the bridge: too late | Editorial", ["Portmere Post"],
         "The Portmere Post view on the bridge: too late | Editorial"),
        ("Launch - Portmere Post", ["Portmere Post"], "Launch - Portmere Post"),
        ("Retro 80/90 - Toys of the eighties", ["Retro 80/90 - Toys of the eighties"], "Retro 80/90 - Toys of the eighties"),
        ("Anti-Portmere protest grows", ["Portmere"], "Anti-Portmere protest grows"),
        ("Harbour bridge reopens | Portmere Post", [], "Harbour bridge reopens | Portmere Post"),
    ],
)
def test_without_site(title: str, names: list[str | None], expected: str) -> None:
    assert without_site(title, names) == expected


def test_a_pages_title_loses_its_site_name_and_the_body_its_headline() -> None:
    html = (
        "<html><head><title>Harbour bridge reopens after two years of repairs | Portmere Post</title>"
        '<meta property="og:site_name" content="Portmere Post"></head><body><article>'
        "<h1>Harbour bridge reopens after two years of repairs</h1>"
        "<p>The Harbour bridge reopened to traffic on Monday after two years of repairs that cost the city "
        "about 40 million dollars, the transport office said.</p>"
        "<p>Drivers queued from dawn to cross it, and the first bus crossed at seven, carrying a band.</p>"
        "<p>Engineers said the new deck should last fifty years if the salt spray is kept off it.</p>"
        "</article></body></html>"
    )
    article = clean(Document(source="test://bridge.html", content=html, format="html",
                             url="https://www.portmerepost.example/bridge"))
    assert article.title == "Harbour bridge reopens after two years of repairs"
    assert article.outlet == "Portmere Post"
    assert not article.text.startswith("Harbour bridge reopens")

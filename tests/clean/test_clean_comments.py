"""Readers' comments printed as plain paragraphs under an article go, with reason `comments`; the article's
own byline, a share bar's "Comments (3)" and a lone sign-off stay as they were. (Every line written by us.)"""

from __future__ import annotations

from framescope.clean import clean
from framescope.clean.comments import announces_comments, is_signature, section_start
from framescope.clean.structure import build_body
from framescope.models import Document

ARTICLE = [
    "Harbour workers in Portmere walked out on Monday over pay, the union said, halting the container docks "
    "for the first time in eleven years.",
    '"We have waited long enough," said union leader Dana Holt at the gate, where about 300 workers gathered '
    "before dawn with banners and flasks of tea.",
    "The port authority said talks would resume on Thursday and that ships were being sent to the northern "
    "terminal in the meantime.",
    "Shipping lines warned of delays of up to a week for goods bound for the inland markets.",
]


def blocks(*lines: str) -> list[list[str]]:
    return [[line] for line in lines]


def kept(body_text: str) -> list[str]:
    return body_text.split("\n\n")


def test_signatures_heading_their_comments_start_the_section() -> None:
    body = build_body(blocks(
        *ARTICLE,
        "Posted by: harbourfan, Portmere on 8:21pm Tue 1 Jan 08",
        "About time somebody stood up to the port bosses.",
        "Posted by: Ned K, Eastwick on 9:06pm Tue 1 Jan 08",
        "They will be back at work by Friday, you watch.",
    ))
    assert kept(body.text) == ARTICLE
    assert [r.reason for r in body.removed] == ["comments"] * 4
    assert body.author is None  # a commenter is not the author


def test_signatures_closing_their_comments_take_the_first_comment_too() -> None:
    body = build_body(blocks(
        *ARTICLE,
        "Good on them, the docks run on their sweat.",
        "Posted by: Old Salt of Portmere 9:49pm January 08, 2008",
        "Another strike, another week of empty shelves.",
        "Posted by Mara on January 8, 2008 10:02 PM",
        "Report abuse",
    ))
    assert kept(body.text) == ARTICLE
    assert body.removed[0].text == "Good on them, the docks run on their sweat."
    assert {r.reason for r in body.removed} == {"comments"}


def test_a_line_announcing_comments_starts_the_section() -> None:
    for opener in ("Comments are now closed for this story", "Have your say",
                   "Thanks for your comments - this feedback is now closed", "? Discuss this story on the"):
        body = build_body(blocks(*ARTICLE, opener, "Jo", "Nobody asked the shippers what they think."))
        assert kept(body.text) == ARTICLE, opener
        assert [r.reason for r in body.removed] == ["comments"] * 3


def test_the_page_head_a_share_bar_and_a_lone_sign_off_stay() -> None:
    # a "Comments (3)" link above the article, and one in a share bar after its first paragraphs
    body = build_body(blocks("Comments (3)", *ARTICLE[:2], "Comments (3)", *ARTICLE[2:]))
    assert kept(body.text) == ARTICLE
    assert {r.reason for r in body.removed} != {"comments"}
    # a blog post's own "Posted by" line at its end, with no run of them: the article's, not a comment
    lone = build_body(blocks(*ARTICLE, "Posted by Dana Holt on January 8, 2008 10:02 PM"))
    assert "comments" not in {r.reason for r in lone.removed}


def test_the_rules_one_line_at_a_time() -> None:
    assert is_signature("Posted by: The Old Salt of Brisbane 9:49pm January 08, 2008")
    assert is_signature("posted by Paul on January 6, 2008 2:09 PM")
    assert not is_signature("Posted by the union to its members on Monday, the letter asked for calm.")
    assert announces_comments("Now you're in the public comment zone. What follows is not our reporting.")
    assert not announces_comments("Comments")  # only near a page's end
    assert announces_comments("Comments", weak=True)
    assert not announces_comments("The minister's comments are closed to interpretation, critics said.")
    assert section_start(["a"] * 3, [True] * 3) is None


def test_an_html_page_loses_its_comments_and_keeps_its_article() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE)
    page = (
        "<html><head><title>Harbour strike halts Portmere docks</title></head><body><article>"
        f"<h1>Harbour strike halts Portmere docks</h1>{paragraphs}"
        "<p>Posted by: harbourfan, Portmere on 8:21pm Tue 1 Jan 08</p><p>About time somebody stood up to them.</p>"
        "<p>Posted by: Ned K, Eastwick on 9:06pm Tue 1 Jan 08</p><p>Back at work by Friday, you watch.</p>"
        "</article></body></html>"
    )
    article = clean(Document(source="page.html", content=page, format="html"))
    assert "harbourfan" not in article.text and "Friday, you watch" not in article.text
    assert article.text.startswith(ARTICLE[0]) and ARTICLE[-1] in article.text
    assert any(r.reason == "comments" for r in article.removed)


def test_an_invitation_in_the_middle_of_the_article_cuts_nothing() -> None:
    # a "Have your say" box between the lede and the rest of a long article, no commenter below it
    rest = [f"{p} More was said about it on the second day of the stoppage." for p in ARTICLE]
    body = build_body(blocks(*ARTICLE[:2], "Have your say", *ARTICLE[2:], *rest))
    assert kept(body.text) == [*ARTICLE[:2], "Have your say", *ARTICLE[2:], *rest]
    assert "comments" not in {r.reason for r in body.removed}
    # a closed comment section is one wherever it stands
    closed = build_body(blocks(*ARTICLE, "Comments are now closed for this story", *rest))
    assert kept(closed.text) == ARTICLE


def test_a_footer_after_closing_signatures_does_not_hide_the_first_comment() -> None:
    body = build_body(blocks(
        *ARTICLE,
        "Good on them, the docks run on their sweat.",
        "Posted by: Old Salt of Portmere 9:49pm January 08, 2008",
        "Another strike, another week of empty shelves.",
        "Posted by: Mara of Eastwick 10:02pm January 08, 2008",
        "We welcome your comments on this story. Comments are checked before they are published.",
        "Search for more stories on this topic in our archive, going back to the first edition.",
    ))
    assert kept(body.text) == ARTICLE

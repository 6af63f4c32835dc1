"""Lists of links out of an HTML page before its article is extracted: menus, headline lists, "more stories".

trafilatura judges the link density of the containers it walks, but a page laid out with a table reaches it
as table cells, whose lists of headlines (another story's names and figures in every line) it keeps: on the
L3S-GN1 pages, 2008 news laid out with tables, they were most of what it kept beyond the article. Here a block
(a list item, a table cell or row, a definition term or description, a `div` with no blocks inside) whose text
is mostly the text of its links, and whose links read as headlines or menu entries rather than sentences, is
marked, and so is a list or table most of whose blocks are such; trafilatura is then told to prune what is
marked (`PRUNE`) after it has read the page's metadata, which a headline in a link or a linked byline may carry.
"""

from __future__ import annotations

from typing import Any

# A block is a list of links when more than this share of its text is link text ...
LINK_SHARE = 0.6
# ... and its links have at most this many words on average: a menu entry or a headline. A digest whose items
# are whole linked sentences ("- A new game is finally coming out after 12 years ...") keeps them.
LINK_WORDS = 12
# A list or table is a list of links when it holds at least this many such blocks, and they are at least half
# of its children: headlines with their teasers (`<dt>` headline links, `<dd>` summaries) go as one.
LIST_BLOCKS = 3

MARK = "data-framescope-links"
PRUNE = f"//*[@{MARK}]"

_JUDGED = ("li", "dt", "dd", "td", "th", "tr", "div")
_CELLS = frozenset({"td", "th"})
# Blocks inside a block: a `div` or cell holding any is a container, judged through its blocks instead.
_BLOCKS = frozenset({
    "p", "div", "table", "ul", "ol", "dl", "li", "tr", "td", "section", "article", "aside", "nav",
    "blockquote", "form", "h1", "h2", "h3", "h4", "h5", "h6",
})


def mark_link_lists(tree: Any) -> int:
    """Mark the lists of links of an lxml HTML tree (the outermost ones) with the attribute MARK; how many."""
    doomed = [el for el in tree.iter(*_JUDGED) if _is_link_list(el)]
    parents: dict[Any, int] = {}
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            parents[parent] = parents.get(parent, 0) + 1
    for parent, n in parents.items():
        children = sum(1 for c in parent if isinstance(c.tag, str))
        if n >= LIST_BLOCKS and 2 * n >= children:
            doomed.append(parent)
    marked = set(doomed)
    outer = [el for el in doomed if not any(a in marked for a in el.iterancestors())]
    for el in outer:
        el.set(MARK, "")
    return len(outer)


def _is_link_list(el: Any) -> bool:
    has_blocks = any(isinstance(d.tag, str) and d.tag in _BLOCKS for d in el.iterdescendants())
    if el.tag == "div" and has_blocks:
        return False
    text = " ".join(el.text_content().split())
    if not text:
        return False
    anchors = [t for a in el.iter("a") if (t := " ".join(a.text_content().split()))]
    # One link is a list only in a list item: a table cell with one linked word is a data table's (a ticker),
    # a `div` or row with one linked name is a byline ("By <a>Jane Doe</a>").
    if len(anchors) < 2 and (el.tag in ("div", "tr") or (el.tag in _CELLS and not has_blocks)):
        return False
    if not anchors or sum(len(a) for a in anchors) <= LINK_SHARE * len(text):
        return False
    return sum(len(a.split()) for a in anchors) <= LINK_WORDS * len(anchors)

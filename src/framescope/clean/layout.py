"""Tables used for layout turned into plain blocks before the article is extracted.

Before CSS, pages were laid out with tables: the navigation in one cell, the article in another, a sidebar
in a third. trafilatura reads a table as a data table, so such a page reached us as rows of whole cells,
each flattened into one line: the article, its headline, its byline and the sidebar's headlines in one
"paragraph", beyond the reach of every line rule and of trafilatura's own weighing of containers. A table is
layout when a cell of its own holds blocks (paragraphs, lists, other tables, headings) or long text; its
rows and cells then become `div`s, which trafilatura weighs as it weighs any page. A data table (short
cells of names and figures) stays a table.

Text that sits loose beside blocks in such a cell ("<p>...</p>Despite the injuries...<br><br>The Leafs...")
is what trafilatura drops from a `div`, so each run of it is put in a paragraph of its own first.
"""

from __future__ import annotations

from typing import Any

# A cell with this much text of its own is layout even without blocks: a page of <br>-separated text.
LONG_CELL = 200

_BLOCKS = frozenset({"p", "div", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"})
_TABLE_PARTS = frozenset({"table", "tbody", "thead", "tfoot", "tr", "td", "th"})
_INLINE = frozenset({
    "a", "b", "i", "em", "strong", "span", "font", "br", "img", "u", "small", "big", "sup", "sub", "abbr",
    "cite", "q", "s", "strike", "tt", "code", "label", "nobr", "time", "mark",
})
# Containers inside a layout cell whose loose text is wrapped too: a cell's text often sits in a `div` or
# `font` of its own.
_CONTAINERS = ("div", "td", "th", "center", "font", "span")


def unwrap_layout_tables(tree: Any) -> int:
    """Make the layout tables of an lxml HTML tree `div`s in place, their loose text paragraphs; how many."""
    unwrapped = 0
    for table in list(tree.iter("table")):
        # its own rows and cells: a table inside it is judged on its own cells
        parts = [e for e in table.iterdescendants() if isinstance(e.tag, str) and e.tag in _TABLE_PARTS
                 and e.tag != "table" and _table_of(e) is table]
        cells = [e for e in parts if e.tag in ("td", "th")]
        if not any(_is_layout_cell(c) for c in cells):
            continue
        for cell in cells:
            for el in [cell, *cell.iterdescendants(*_CONTAINERS)]:
                if any(isinstance(k.tag, str) and k.tag in _BLOCKS for k in el):
                    _paragraphs(el)
        for el in (table, *parts):
            el.tag = "div"
        unwrapped += 1
    return unwrapped


def _table_of(el: Any) -> Any:
    """The nearest table `el` is in: a nested table's cells belong to it, not to the outer one."""
    return next(el.iterancestors("table"), None)


def _is_layout_cell(cell: Any) -> bool:
    if any(isinstance(d.tag, str) and d.tag in _BLOCKS for d in cell.iterdescendants()):
        return True
    return len(" ".join(cell.text_content().split())) >= LONG_CELL


def _paragraphs(el: Any) -> None:
    """Put each run of `el`'s loose text (with the inline elements inside it) in a `<p>` of its own, leaving
    its blocks where they are. Nothing changes when `el` has no loose text."""
    from lxml import etree

    nodes: list[Any] = []
    loose = bool(el.text and el.text.strip())
    if el.text:
        nodes.append(el.text)
    for child in el:
        nodes.append(child)
        if child.tail:
            nodes.append(child.tail)
            loose = loose or bool(child.tail.strip())
    if not loose:
        return
    el.text = None
    for child in list(el):
        child.tail = None
        el.remove(child)
    run = None
    for node in nodes:
        if isinstance(node, str) or not isinstance(node.tag, str) or node.tag in _INLINE:  # text, comments, inline
            if run is None and isinstance(node, str) and not node.strip():
                _append_text(el, node)  # whitespace between blocks
                continue
            if run is None:
                run = etree.SubElement(el, "p")
            if isinstance(node, str):
                _append_text(run, node)
            else:
                run.append(node)
        else:
            run = None
            el.append(node)


def _append_text(parent: Any, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text

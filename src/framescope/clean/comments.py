"""Readers' comments printed under an article: where they begin, so that everything from there goes.

Extraction drops comment sections that pages mark up as such; older and simpler pages print them as plain
paragraphs after the article ("Posted by: Dom, London on 5:19pm Tue 1 Jan 08"), and they would then count
as the outlet's own words: quotes, claims and loaded language it never wrote. A comment section starts at
either

- a line that announces one: "Comments are now closed for this story", "Have your say", "Your views on
  this story?", "Now you're in the public comment zone", "Report this comment", "23 comments"; or
- a run of commenters' signatures ("Posted by: NAME ... TIME", "Posted by NAME on DATE") two or more
  strong, counted from the first. A site that prints the signature under its comment has the first
  comment just before it: that paragraph goes too when nothing but the page's furniture ("Reply", "Report
  abuse") follows the last one (the last comment was above it).

Neither counts among the first lines of a page or before enough article text, where "Comments (3)" is a
link in the page's header and a signature is the article's own byline. An invitation to comment ("Have your
say") opens a section only where less text follows it than comes before it or a signature follows it: a box
in the middle of an article invites comments too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# How much of the page must come before a comment section (lines and characters of kept text): a header's
# "Comments" link or a blog post's "Posted by" byline sits above the text it belongs to.
MIN_LINES_BEFORE = 3
MIN_CHARS_BEFORE = 400
SIGNATURES_IN_RUN = 2
RUN_GAP = 12  # lines between two signatures of one run (a long comment has several paragraphs)

_CLOCK = r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?"
_SIGNATURE = re.compile(
    rf"^(?:posted|submitted|written|added|sent)\s+(?:by|from)\s*:?\s+\S.{{0,80}}?(?:\b{_CLOCK}|\b(?:19|20)\d\d\b"
    r"|\b\d+\s+(?:minutes?|hours?|days?)\s+ago\b)",
    re.IGNORECASE,
)
# Lines that open a comment section wherever they stand after enough article text ...
_ANNOUNCE = re.compile(
    r"^(?:"
    r"(?:thanks for your comments?\W+)?(?:this feedback|comments?|commenting|the discussion)"
    r"\s+(?:is|are|has been|have been)\s+(?:now\s+)?closed\b.*"
    r"|(?:post|add|leave|write|submit)\s+(?:a\s+|your\s+)?(?:new\s+)?comments?\b.{0,40}"
    r"|have your say\b.{0,80}|your views on this(?: story| article)?\b.{0,60}"
    r"|to have your say on this\b.*|join the (?:discussion|debate|conversation)\b.{0,80}"
    r"|\W*discuss this (?:story|article)\b.{0,80}"
    r"|now you're in the public comment zone\b.*|report (?:this comment|abuse)\b.{0,20}"
    r"|(?:reader|user)s?'? comments?\b.{0,40}|we welcome your comments\b.*|comments are (?:moderated|submitted)\b.*"
    r")$",
    re.IGNORECASE,
)
# Of those, the ones no article goes on after: a closed or fenced-off section, a comment's own link.
_CLOSED = re.compile(
    r"^(?:thanks for your comments?\W+)?(?:(?:this feedback|comments?|commenting|the discussion)"
    r"\s+(?:is|are|has been|have been)\s+(?:now\s+)?closed\b|now you're in the public comment zone\b"
    r"|report (?:this comment|abuse)\b)",
    re.IGNORECASE,
)
# ... and lines that do only in the last part of a page: higher up they are a share bar's link.
_WEAK = re.compile(
    r"^(?:(?:\d+\s+)?comments?\s*(?:\(\d+\))?\s*:?|\d+\s+comments?\s+posted\b.{0,40}"
    r"|(?:read|view|see)\s+(?:all\s+)?(?:\d+\s+)?comments?\b.{0,20}"
    r"|what do you think\?.{0,40})$",
    re.IGNORECASE,
)
WEAK_AFTER = 0.6  # share of the page's kept text that must come before a weak announcement
FURNITURE_WORDS = 3  # a line of this few words after the last signature is the page's ("Report abuse", "Reply")


def is_signature(line: str) -> bool:
    return bool(_SIGNATURE.match(line)) and len(line) <= 160


def announces_comments(line: str, *, weak: bool = False) -> bool:
    """Whether `line` opens a comment section (`weak`: also the lines that do so only near a page's end)."""
    bare = line.strip(" \t•·|-–—")
    return len(line) <= 400 and bool(_ANNOUNCE.match(bare) or (weak and len(line) <= 80 and _WEAK.match(bare)))


def section_start(lines: Sequence[str], kept: Sequence[bool]) -> int | None:
    """Index of the first line of the readers' comments among `lines` (None: none found); `kept` says which
    lines are article text so far (a line already removed neither starts a section nor counts before one)."""
    chars = count = 0
    total = sum(len(line) for line, k in zip(lines, kept, strict=True) if k)
    signatures = [i for i, line in enumerate(lines) if is_signature(line)]
    for i, line in enumerate(lines):
        if count >= MIN_LINES_BEFORE and chars >= MIN_CHARS_BEFORE:
            if announces_comments(line, weak=chars >= WEAK_AFTER * total) and (
                _CLOSED.match(line.strip(" \t•·|-–—")) or chars >= total - chars or any(j > i for j in signatures)
            ):
                # an invitation to comment ("Have your say") with more text after it than before and no
                # commenter's signature below may be a box in the middle of the article: it is not a start
                return i
            if i in signatures:
                run = _run_from(signatures, i)
                if len(run) >= SIGNATURES_IN_RUN:
                    return _with_first_comment(lines, kept, i, run[-1])
        if kept[i]:
            count += 1
            chars += len(line)
    return None


def _furniture(line: str) -> bool:
    return len(line.split()) <= FURNITURE_WORDS or announces_comments(line, weak=True)


def _run_from(signatures: list[int], first: int) -> list[int]:
    run = [first]
    for j in signatures[signatures.index(first) + 1 :]:
        if j - run[-1] > RUN_GAP:
            break
        run.append(j)
    return run


def _with_first_comment(lines: Sequence[str], kept: Sequence[bool], first: int, last: int) -> int:
    """`first`, or the kept paragraph just above it when the signatures close their comments: nothing but the
    page's furniture follows the last one (a comment sits between every two of them, and the first above)."""
    tail = [line for line, k in zip(lines[last + 1 :], kept[last + 1 :], strict=True) if k]
    # up to the page's own words about comments ("We welcome your comments on this story..."), which close
    # the section: what follows them is the page's footer, not a last comment
    tail = tail[: next((n for n, line in enumerate(tail) if announces_comments(line, weak=True)), len(tail))]
    if not all(_furniture(line) for line in tail):
        return first  # a comment after the last signature: signatures head their comments
    above = next((j for j in range(first - 1, -1, -1) if kept[j]), None)
    return first if above is None or announces_comments(lines[above]) else above

"""Line-level junk rules for already-scraped text (and for trafilatura's output of HTML pages).

Each rule looks at ONE whole line and answers with a reason or None. Rules match the whole line (after
leading bullets and middots), never a substring of a longer sentence, because the one thing the cleaner must
not do is drop a line of the article: "Oops! Something went wrong." is a widget, while "Oops, something went
wrong with the launch, engineers said." is news. Prompts (share, subscribe, donate) are recognized by how
they start (an imperative or a question to the reader) AND what they are about, so a reported sentence that
merely mentions Twitter or donations stays.

Reasons (documented in docs/cleaning.md): ui, advertisement, related, share, donate, cookie, contact, credits,
copyright, tags, currency, number, caption, byline, date, repeated, duplicate_title, layout (a table row with no
text). A table row (`| a | b |`) is judged cell by cell, each cell as a line would be (`table_cells`).
"""

from __future__ import annotations

import re
import unicodedata

from framescope.clean.metadata import MONTHS

_CELL = re.compile(r"(?<!\\)\|")  # a cell boundary of a table row; "\|" is a pipe inside a cell
_FIGURES = frozenset({"number", "currency"})  # reasons a cell of a data table would get for its figures
# Leading decoration that scrapers leave in front of widget text: bullets, middots, pipes, arrows.
_LEAD = re.compile(r"^(?:[\s•·‣◦▪●*|»>›\[]|[-–—](?=\s))+")
_SPACE = re.compile(r"\s+")


def norm_line(line: str) -> str:
    """The comparison key of a line: NFKC, typographic quotes folded, whitespace collapsed, casefolded."""
    s = unicodedata.normalize("NFKC", line).replace("’", "'").replace("‘", "'")
    s = s.replace("“", '"').replace("”", '"')
    return _SPACE.sub(" ", s).strip().casefold()


def _key(line: str) -> str:
    return _LEAD.sub("", norm_line(line)).strip()


def _full(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"^(?:" + "|".join(patterns) + r")$", re.IGNORECASE)


_UI = _full(
    r"oops[!.]*(?: something went wrong[.!]*)?(?: please try again(?: later)?[.!]*)?",
    r"something went wrong[.!]*(?: please try again(?: later)?[.!]*)?",
    r"(?:please )?try again(?: later)?[.!]*",
    r"(?:an )?(?:unexpected )?error (?:has )?occurred[.!,]*(?: please try again(?: later)?[.!]*)?",
    r"\d{1,3}\s*(?:-\s*)?min(?:ute)?s?\.?\s+read",
    r"(?:estimated )?(?:reading time|read time|tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|"
    r"czas czytania|время чтения):?\s*(?:~\s*)?\d{1,3}\s*\w{0,8}\.?",
    r"in this (?:article|story|post):?",
    r"(?:click|tap) (?:here )?(?:to|for) (?:see|view|enlarge|expand|open|zoom|play|watch|the full|full|larger)"
    r"\b.{0,50}",
    r"(?:enlarge|expand|zoom) (?:this )?(?:image|photo|picture)",
    r"(?:toggle|hide|show) caption",
    r"(?:image|photo|picture|video|gallery)(?: \d+ of \d+)?",
    r"\(?\d+\s*/\s*\d+\)?",
    r"loading\W*|please wait\W*|javascript is (?:disabled|required).{0,80}",
    r"skip to (?:main )?(?:content|navigation)|back to top|jump to (?:comments|navigation)",
    r"(?:show|hide|view|load|read|see) (?:all |more )?comments?(?: \(\d+\))?",
    r"(?:read|see|show|load|view) (?:more|less|full (?:story|article))\W*",
    r"listen to (?:this )?(?:article|story)(?:\W+\d+\s*min(?:ute)?s?)?",
    r"(?:copy|copied) link|link copied|print(?: this)?(?: article| page)?|e-?mail(?: this)?(?: article)?",
    r"order reprints?|reprints?(?: (?:&|and) permissions)?|(?:more|also|see also)\W*",
    r"share|tweet|comments?|close|menu|search|next|previous|home|save|tags?|topics?|more|"
    r"log ?in|sign ?in|sign ?up|register|subscribe|facebook|twitter|x|whatsapp|linkedin|pinterest|reddit|"
    r"telegram|flipboard|messenger|sms|vk|instagram|youtube",
)

_AD = _full(
    r"advertisement|advertising|advert|ad|sponsored(?: content)?|paid (?:content|post)|promoted(?: content)?",
    r"(?:story|article) continues (?:below|after)(?: (?:this )?(?:ad|advertisement))?",
    r"continue reading (?:below|the (?:main )?story)",
    r"scroll (?:down )?to continue(?: reading)?",
)

# Promotion of other articles. The label must open the line and be followed by a headline or nothing.
_RELATED = re.compile(
    r"^(?:read more|see more|also read|read also|related(?: articles?| posts?| stories| coverage| content)?|"
    r"more on this(?: story)?|recommended(?: for you)?|you (?:may|might) also like|don'?t miss|must read|"
    r"most (?:read|popular|viewed)(?: in [\w ]{1,30})?|trending(?: now)?|top stories|latest (?:news|stories)|"
    r"more stories|"
    r"editor'?s picks?|also on [\w.-]+)"
    r"(?:\s*[:|>»-]\s*.{0,200}|\W*)$",
    re.IGNORECASE,
)
# A promoted headline tagged the way some sites tag them: "... outbreak [VIDEO]", "... jibe [INSIGHT]|".
_TAGGED_PROMO = re.compile(r"^.{5,200}\s\[[A-Z]{3,12}\]\W*$")

# Reader prompts: an opening that addresses the reader, plus a topic that gives the prompt away.
_PROMPT_OPENING = (
    r"(?:share|follow|subscribe|sign up|join|like|get|never miss|stay (?:up to date|informed|connected|tuned)|"
    r"want (?:more|to read more)|enjoy(?:ed)?|did you (?:like|enjoy)|do you (?:like|enjoy)|like this|"
    r"love this|click here|have a (?:news )?tip|got a (?:news )?tip|download|listen|watch|receive|be the first|"
    r"don'?t forget|make sure|we'?d love|tell us|let us know|if you (?:like|liked|enjoy|enjoyed|value|appreciate))\b"
)
_SHARE = re.compile(
    _PROMPT_OPENING + r".{0,200}\b(?:facebook|twitter|instagram|telegram|whatsapp|linkedin|youtube|tiktok|"
    r"newsletters?|inbox|e-?mail updates|friends?|podcasts?|channel|rss|app|notifications|"
    r"this (?:article|story|post|page|content)|what you think|comments?|(?:full )?coverage)\b.*$",
    re.IGNORECASE,
)
_SUBSCRIBE = re.compile(
    r"^(?:subscribe (?:to|now|today)\b.{0,120}|(?:sign up|register) (?:to|for|now|today)\b.{0,120}"
    r"\b(?:newsletters?|our|briefings?|updates|alerts|digest|inbox|podcasts?)\b.{0,120})$",
    re.IGNORECASE,
)

_DONATE_OPENING = (
    r"(?:do you (?:like|enjoy|value)|did you (?:like|enjoy)|enjoy(?:ed)?|like|love|if you (?:like|liked|enjoy|"
    r"enjoyed|value|appreciate)|please|support|help|donate|become|consider|make a|we (?:need|rely on)|"
    r"your (?:support|donation|contribution)|chip in|independent journalism|every contribution|"
    r"you can (?:support|help))\b"
)
_DONATE = re.compile(
    _DONATE_OPENING + r".{0,200}\b(?:donat\w*|consider helping us|help(?:ing)? us|support (?:us|our)|"
    r"patrons?|patreon|contribut\w*|become a (?:member|supporter)|chip in|paypal)\b.*$",
    re.IGNORECASE,
)

_COOKIE = re.compile(
    r"^(?=.{0,400}$)(?=.*\bcookies?\b)(?=.*\b(?:we|our|you|your|this (?:site|website))\b)"
    r"(?=.*\b(?:use|uses|using|accept|consent|agree|policy|settings|preferences|browsing|experience)\b).*$",
    re.IGNORECASE,
)

_CONTACT = re.compile(
    r"^(?:(?:e-?mail|write to|reach|contact)\b.{0,160}(?:@|https?://|twitter)|[\w.+-]+@[\w-]+\.[\w.-]+"
    r"|(?:https?://)?(?:www\.)?twitter\.com/\w+).{0,200}$",
    re.IGNORECASE,
)
_CREDITS = re.compile(
    r"^\(?(?:(?:additional )?reporting by|writing by|editing by|compiled by|reported by|\w+(?: \w+)? writers?)\b"
    r".{1,300}$|^.{1,120}\bcontributed (?:reporting|to this (?:report|story|article))\b.{0,120}$"
    r"|^(?:\w+ )?staff and agencies$",  # the Guardian's credit for a report of its own and the wires'
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"^(?:copyright|©|\(c\))\s*.{0,200}$|^.{0,200}(?:all rights reserved|non-commercial use only|"
    r"may not be (?:published|reproduced|redistributed|broadcast)).{0,300}$",
    re.IGNORECASE,
)
_TAGS = re.compile(
    r"^(?:filed under|tags?|tagged(?: with)?|categor(?:y|ies)|topics|source|sources)\s*:.{0,200}$", re.IGNORECASE
)
_CURRENCY = re.compile(
    r"^(?:[$€£¥₽₹]\s*\d[\d,.\s]*|\d[\d,.\s]*\s*[$€£¥₽₹]|(?:usd|eur|gbp)\s*\d[\d,.]*|\d[\d,.]*\s*(?:usd|eur|gbp))$",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^[+-]?\d[\d\s,.]{0,18}%?$")

# Captions: a credit in parentheses at the very end of the line ("(AFP Photo/…)", "(Getty Images)",
# "(POOL/AFP/File)"), a "Photo:"/"Image:" label at either end, or a wire "FILE PHOTO:" label.
# Photo words in any case; agency names only as agencies write them ("(ePA)" is an abbreviation, not a credit).
_CREDIT_WORDS = (
    r"(?i:photo\w*|foto\w*|image\w*|picture\w*|pictured|getty|shutterstock|file|pool|credit\w*|courtesy|"
    r"illustration|handout|screen ?(?:shot|grab))|AP Images|EPA|AFP|Reuters|REUTERS|Xinhua|TASS|Anadolu"
)
_END_CREDIT = re.compile(r"\((?=[^()]*(?:\b(?:" + _CREDIT_WORDS + r")\b|[A-Za-z]/[A-Za-z]))[^()]{1,100}\)\s*$")
_CREDIT_TAIL = re.compile(
    r"(?:\b(?:photo|photograph|image|picture|foto)s?(?: credit)?|\bcredit)\s*(?::|by\b|©)\s*[^.!?]{1,80}$"
    r"|[|]\s*(?:getty images|afp|reuters|ap|epa|shutterstock|ap photo)[^.!?]{0,60}$"
    r"|©\s*[^.!?]{1,60}$",
    re.IGNORECASE,
)
_CREDIT_HEAD = re.compile(
    r"^(?:file photo|photo|photograph|image|picture|pictured|illustration|caption)(?: credit)?\s*[:|-]\s*\S",
    re.IGNORECASE,
)

_BYLINE = re.compile(
    r"^by\s+(?P<name>[^\W\d][\w.'’-]*(?:\s+(?:[^\W\d][\w.'’-]*|and|&|,)){0,8}?)"
    r"(?:\s*[,|/-]\s*(?P<org>[^\W\d][\w .&'’-]{1,40}))?$",
    re.IGNORECASE,
)
# Only date words after the label: "Published in 2019, the report found ..." is a sentence, not a date line.
_DATE_WORD = (
    r"(?:\d{1,4}(?:st|nd|rd|th|am|pm|a\.m|p\.m)?|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|"
    r"april|june|july|august|september|october|november|december|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|at|on|am|pm|a\.m|p\.m|utc|gmt|bst|cet|cest|eet|est|edt|cst|cdt|"
    r"mst|mdt|pst|pdt|msk|ist|jst|aest|et|pt|hrs)\.?"
)
_DATE_LINE = re.compile(
    r"^\(?(?:published|posted|updated|last updated|first published|created|date)(?: on| at)?\s*:?\s*"
    rf"(?P<date>{_DATE_WORD}(?:[\s,/:+-]+{_DATE_WORD})*)\)?$",
    re.IGNORECASE,
)


def classify(line: str, *, repeated: frozenset[str] = frozenset()) -> str | None:
    """Why `line` is not part of the article body, or None when it may be body text."""
    key = _key(line)
    if norm_line(line) in repeated or (key and key in repeated):
        return "repeated"
    if (cells := table_cells(line)) is not None:
        return _row_reason(cells, repeated)
    if not key:
        return None
    if _UI.match(key):
        return "ui"
    if _AD.match(key):
        return "advertisement"
    if _CURRENCY.match(key):
        return "currency"
    if _NUMBER.match(key):
        return "number"
    if len(key) <= 600:
        if _DONATE.match(key):
            return "donate"
        if _SHARE.match(key) or _SUBSCRIBE.match(key):
            return "share"
        if _COOKIE.match(key):
            return "cookie"
        if _RELATED.match(key) or _TAGGED_PROMO.match(line.strip()):
            return "related"
        if _CONTACT.match(key):
            return "contact"
        if _CREDITS.match(key):
            return "credits"
        if _COPYRIGHT.match(key):
            return "copyright"
        if _TAGS.match(key):
            return "tags"
    if is_caption(line):
        return "caption"
    return None


def table_cells(line: str) -> list[str] | None:
    """The cells of a table row as the extraction writes it (`| a | b |`; `\\|` is a pipe inside a cell),
    or None when `line` is not one."""
    text = line.strip()
    if len(text) < 2 or text[0] != "|" or text[-1] != "|" or text.endswith("\\|"):
        return None
    return [cell.strip() for cell in _CELL.split(text[1:-1])]


def _row_reason(cells: list[str], repeated: frozenset[str]) -> str | None:
    """A table row is not body text when it holds no text at all (the spacer of a page laid out with a table)
    or when every cell that has text is not body text by the line rules, each cell judged as a line would be:
    `| Home |  | Back to Top |`. Figures are a data table's content, never a counter, so a row of
    numbers stays."""
    full = [c for c in cells if c]
    if not full:
        return "layout"
    reasons = [classify(c, repeated=repeated) for c in full]
    if all(r is not None and r not in _FIGURES for r in reasons):
        return reasons[0]
    return None


def is_caption(line: str) -> bool:
    """A photo caption or credit: the credit in parentheses closing the line, or a photo label."""
    text = line.strip()
    if len(text) > 500:
        return False
    return bool(_END_CREDIT.search(text) or _CREDIT_HEAD.match(text) or _CREDIT_TAIL.search(text))


def byline(line: str) -> str | None:
    """The author named by a "By Jane Doe" line (short lines only), else None."""
    text = line.strip()
    if len(text) > 100:
        return None
    m = _BYLINE.match(text)
    if not m:
        return None
    name = m.group("name").strip(" ,")
    words = [w for w in re.split(r"\s+|,", name) if w and w.lower() not in ("and", "&")]
    if not words or any(not w[0].isupper() for w in words):
        return None  # "by the way the talks went" is a sentence, not a byline
    return name


# A line that is nothing but a date, as scraped pages print one above or below the headline ("Thursday,
# December 11, 2008", "Nov 27, 2005 8:20 AM ET", "Posted September 26, 2013 - 3:47pm Updated ..."). It must
# name a month and a day or year: a bare "2008" or "Monday" says too little, and is left to the other rules.
# Month names of other languages (those metadata.iso_date reads), the words that join a date in them ("1 de
# marzo del 2008", "5 марта 2008 года") and their weekdays.
_OTHER_MONTHS = "|".join(sorted({w for names in MONTHS for w in names.split()}, key=len, reverse=True))
_JOINERS = "de|del|di|du|van|den|der|el|le|la|il|am|года|г"
_WEEKDAYS = (
    "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|"
    "dimanche|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|lunedì|martedì|mercoledì|"
    "giovedì|venerdì|sabato|domenica|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
    "понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
)
_BARE_WORD = (
    rf"(?:{_DATE_WORD}|(?:{_OTHER_MONTHS}|{_WEEKDAYS})\.?|(?:{_JOINERS})|[ap]\.\s?m\.|posted|published|updated|last|"
    r"local|time)"
)
_BARE_DATE = re.compile(rf"^\(?(?P<date>{_BARE_WORD}(?:[\s,/:.+@|•·–—-]+{_BARE_WORD})*)\)?$", re.IGNORECASE)
_MONTH_NAME = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
    rf"september|october|november|december|{_OTHER_MONTHS})\b\.?",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"^\d{1,4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}\b")


def date_label(line: str, *, bare: bool = True) -> str | None:
    """The date text of a "Published: 1 February 2020" line, or (with `bare`) of a line that is only a date,
    else None (the caller parses it)."""
    text = line.strip()
    m = _DATE_LINE.match(text)
    if m and re.search(r"\d", m.group("date")):
        return m.group("date").strip()
    if not bare or len(text) > 120 or not re.search(r"\d", text):
        return None
    m = _BARE_DATE.match(text)
    if m and (_MONTH_NAME.search(text) or _NUMERIC_DATE.match(text)):
        return m.group("date").strip()
    return None

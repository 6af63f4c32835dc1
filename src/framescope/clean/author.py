"""A byline's names without what comes with them: "Mike Wuerthele; Malcolm Owen Monday; November" is
"Mike Wuerthele; Malcolm Owen".

Pages give their authors in metadata that mixes the names with other things. They carry the day and month of
the byline ("Jeff Foust Monday; November"), a job title ("Greg Beacham; Ap Sports Writer", "Phil Helsel is a
reporter"), the publisher itself ("Tanza Loudenback; Business Insider"), credentials ("MS; RDN"), a kicker
("Analysis by ...") and the same person twice ("Troy Smith; Troy L Smith"). A part is dropped only when a
name is left, so a byline that is only an agency or a desk ("Associated Press", "HNN Staff") stays as given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from framescope.clean.metadata import WIRE_AGENCIES
from framescope.clean.title import is_site_name, site_names

_SEPARATOR = re.compile(r"\s*;\s*")
# Not "May" nor "August": surnames too ("Theresa May", "Bille August"), and a byline's date rarely ends on them
# where a name could not.
_DAYS_MONTHS = (
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july "
    "september october november december published updated"
)
# a byline's date words at the end of a part ("Carrie Arnold November", "Jeff Foust Monday")
_TRAILING_DATE = re.compile(rf"(?:\s+(?:{'|'.join(_DAYS_MONTHS.split())}))+$", re.IGNORECASE)
_DATE_WORD = re.compile(rf"^(?:{'|'.join(_DAYS_MONTHS.split())})$", re.IGNORECASE)
_KICKER = re.compile(r"^(?:analysis|opinion|commentary|review|story|words|text|reporting)\s+by\s+", re.IGNORECASE)
# "is a reporter", "Staff writer", "AP National Political Writer", "CNN Editor-at-large", "News reporter": the
# words a job title puts before its noun
_ROLE_WORDS = (
    "ap afp cnn bbc staff senior chief national political news auto sports security business foreign science "
    "health tech technology contributing associate deputy managing executive investigative legal economics "
    "white house"
)
_ROLE = re.compile(
    rf"(?:\s+is\s+an?\s+.*|(?:^|\s+)(?:(?:{'|'.join(_ROLE_WORDS.split())})\s+){{0,3}}"
    r"(?:writer|reporter|correspondent|columnist|editor(?:-at-large)?|contributor))$",
    re.IGNORECASE,
)
# a wire's credit run on after the last name of a part ("ERIC TUCKER Associated Press"): split off as its own
_WIRE_AFTER = re.compile(
    r"^(?P<name>.+?\S)\s+(?P<wire>" + "|".join(sorted((re.escape(w) for w in WIRE_AGENCIES if " " in w), key=len,
                                                     reverse=True)) + r")$",
    re.IGNORECASE,
)
# degrees and licences after a name ("Ilana Muhlstein; MS; RDN"); other short capitals are an agency or an
# outlet credited ("Sandee LaMotte; CNN" on a portal), which says where the text came from
_CREDENTIAL = re.compile(r"^(?:MS|MA|MSc|BSc|BA|PhD|MD|RD|RDN|RN|MPH|MBA|JD|CPA|LD|CDE|CPT)$")


def _has_name(part: str) -> bool:
    """Two or more words, at least one capitalised: what a person's name looks like."""
    words = part.split()
    return len(words) >= 2 and any(w[:1].isupper() for w in words)


def _person(part: str) -> str:
    """The person a part names, for telling repeats apart: lower case, initials left out."""
    return " ".join(w for w in re.findall(r"[\w'’-]+", part.casefold()) if len(w) > 1)


def tidy_author(author: str | None, names: Iterable[str | None] = ()) -> str | None:
    """`author` with the date words, job titles, publisher names (`names`: outlet, site name, domain),
    credentials, kickers and repeats taken out of its "; "-separated parts, where a name is left."""
    if not author:
        return author
    sites = site_names(names)
    parts = []
    for raw in _SEPARATOR.split(author.strip()):
        part = _KICKER.sub("", _TRAILING_DATE.sub("", raw.strip())).strip(" ,")
        if _ROLE.search(part) and _has_name(_ROLE.sub("", part)):
            part = _ROLE.sub("", part)
        if (m := _WIRE_AFTER.match(part)) and _has_name(m["name"]):
            parts += [m["name"], m["wire"]]
        else:
            parts.append(part)
    kept = [
        p for p in parts
        if p and not _DATE_WORD.match(p) and not _ROLE.fullmatch(" " + p) and not _CREDENTIAL.match(p)
        and not (sites and is_site_name(p, sites))
    ]
    if not any(_has_name(p) for p in kept):
        return author  # nothing that reads as a person's name: the byline as given
    out: list[str] = []
    seen: set[str] = set()
    for p in kept:
        if (who := _person(p)) not in seen:
            seen.add(who)
            out.append(_cased(p))
    return "; ".join(out)


def _cased(part: str) -> str:
    """A name set in capitals, as wire metadata writes it ("STEVE PEOPLES"), in the case a reader writes it;
    one word in capitals is an acronym (AP, PTI) and stays."""
    if part.isupper() and len(part.split()) >= 2:
        return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), part)
    return part

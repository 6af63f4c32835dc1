"""Bylines keep their names and lose what metadata mixes in with them."""

from __future__ import annotations

import pytest

from framescope.clean.author import tidy_author


@pytest.mark.parametrize(
    ("author", "names", "expected"),
    [
        # the byline's day and month, a job title, the publisher, credentials, a kicker, the same person twice
        ("Ilsa Varkon Monday; November", [], "Ilsa Varkon"),
        ("Dorian Malek; Tova Renlund Tuesday; March", [], "Dorian Malek; Tova Renlund"),
        ("Dorian Malek; Ap Sports Writer", [], "Dorian Malek"),
        ("Dorian Malek; Staff writer", [], "Dorian Malek"),
        ("Dorian Malek is a reporter", [], "Dorian Malek"),
        ("Dorian Malek News reporter", [], "Dorian Malek"),
        ("Analysis by Dorian Malek; Harbor Wire Editor-at-large", ["Harbor Wire"], "Dorian Malek"),
        ("Dorian Malek; AP National Political Writer", [], "Dorian Malek"),
        ("Dorian Malek; Portmere Post", ["Portmere Post Weekend"], "Dorian Malek"),
        ("Dorian Malek; Portmere com", ["Portmere"], "Dorian Malek"),
        ("Tova Renlund; MS; RDN", [], "Tova Renlund"),
        ("Tova Renlund; Tova K Renlund", [], "Tova Renlund"),
        # names in capitals, as wire metadata sets them, in a reader's case; an acronym alone stays
        ("TOVA RENLUND; AP National Political Writer", [], "Tova Renlund"),
        ("DORIAN O'MALEK-VARKON", [], "Dorian O'Malek-Varkon"),
        ("HWN", [], "HWN"),
        ("TOVA RENLUND; DORIAN MALEK Associated Press", [], "Tova Renlund; Dorian Malek; Associated Press"),
        # what stays: another outlet credited, an agency or a desk alone, a plain name
        ("Tova Renlund; HWN", ["Portmere Post"], "Tova Renlund; HWN"),
        ("Harbor Wire", ["Harbor Wire"], "Harbor Wire"),
        ("Editorial", [], "Editorial"),
        ("Portmere Post Staff", [], "Portmere Post Staff"),
        ("Dorian Malek", ["Portmere Post"], "Dorian Malek"),
        ("Ilsa May; Dorian August", [], "Ilsa May; Dorian August"),  # surnames that are also months
        (None, [], None),
    ],
)
def test_tidy_author(author: str | None, names: list[str], expected: str | None) -> None:
    assert tidy_author(author, names) == expected

"""Metadata: datelines, outlets from URLs and self-references, dates from URLs and text, language."""

from __future__ import annotations

import warnings

import pytest

from framescope.clean.metadata import (
    date_from_url,
    find_dateline,
    iso_date,
    language,
    outlet_from_url,
    says_day_and_month,
    self_reference,
)


@pytest.mark.parametrize(
    ("para", "text", "outlet"),
    [
        ("Minsk (AFP) - Officials met on Saturday.", "Minsk (AFP) -", "AFP"),
        ("LONDON (Reuters) — Shares fell on Monday.", "LONDON (Reuters) —", "Reuters"),
        ("WASHINGTON, Jan 5 (AP) — Lawmakers returned.", "WASHINGTON, Jan 5 (AP) —", "AP"),
        ("NEW YORK (CNN) - A storm hit the coast.", "NEW YORK (CNN) -", "CNN"),
        ("PORTMERE — Dockers walked out on Monday.", "PORTMERE —", None),
    ],
)
def test_datelines(para: str, text: str, outlet: str | None) -> None:
    d = find_dateline(para)
    assert d is not None
    assert d.text == text
    assert d.outlet == outlet


def test_dateline_with_full_date_gives_the_date() -> None:
    d = find_dateline("KYIV, Feb. 1, 2020 (Reuters) - Talks began.")
    assert d is not None and d.published == "2020-02-01"


@pytest.mark.parametrize(
    "para",
    ["Minsk (Belarus) - a city of two million.", "The talks (held in Minsk) - ended.", "Officials met on Saturday."],
)
def test_not_datelines(para: str) -> None:
    assert find_dateline(para) is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The pact has a long history. HarbourWatch covered these developments earlier: PORTS.", "HarbourWatch"),
        ("The Daily Ledger has previously reported on the dispute.", "The Daily Ledger"),
        ("Subscribe to Portmere Post for more.", "Portmere Post"),
        ("Subscribe to the Harbour Herald for daily news.", "Harbour Herald"),
        ("Coastline Review has warned about this drift before: PORTS.", "Coastline Review"),
        ("Follow Coastline News on Twitter.", "Coastline News"),
        ("Weather\nMarkets\nCoastline News has previously reported on it.", "Coastline News"),  # one line only
        ("He has previously reported on the dispute.", None),
        ("I’ve reached out to the company for comment.", None),
        ("We'd contacted the ministry for a comment.", None),
        ("The minister said the talks went well.", None),
    ],
)
def test_self_references(text: str, name: str | None) -> None:
    assert self_reference(text) == name


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.reuters.com/world/some-story", "Reuters"),
        ("https://news.example.co.uk/2020/02/01/story", "example.co.uk"),
        ("not a url", None),
        (None, None),
    ],
)
def test_outlet_from_url(url: str | None, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://example.com/2020/02/01/harbour-strike", "2020-02-01"),
        ("https://example.com/news/2021-11-30-harbour", "2021-11-30"),
        ("https://example.com/20190704/story.html", "2019-07-04"),
        ("https://example.com/2020/13/45/nope", None),
        ("https://example.com/story-1234", None),
    ],
)
def test_dates_from_urls(url: str, day: str | None) -> None:
    assert date_from_url(url) == day


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2020-02-01", "2020-02-01"),
        ("2020-02-01T10:30:00Z", "2020-02-01T10:30:00+00:00"),
        ("Sat, 01 Feb 2020 10:30:00 GMT", "2020-02-01T10:30:00+00:00"),
        ("1 February 2020", "2020-02-01"),
        ("February 1", None),
        ("soon", None),
        (None, None),
        # other languages' month names; a month dateutil does not know must not become January
        ("1 de marzo de 2008", "2008-03-01"),
        ("27 de marzo del 2008", "2008-03-27"),
        ("24 maggio 2008", "2008-05-24"),
        ("3. Oktober 2019", "2019-10-03"),
        ("5 décembre 2019", "2019-12-05"),
        ("12 мая 2020 года", "2020-05-12"),
        ("1 de brumário de 2008", None),
        ("March 2008", None),  # no day named: none filled in
        # a two-digit year with the month named and the day first; a numeric short date stays in doubt
        ("01-Mar-08", "2008-03-01"),
        ("1-mrt-08", "2008-03-01"),
        ("12-Dec-99", "1999-12-12"),
        ("01/03/08", None),
        ("posted 12 hours ago", None),
    ],
)
def test_iso_dates(value: str | None, iso: str | None) -> None:
    assert iso_date(value) == iso


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("November 28th, 2005, 09: 11 GMT", "2005-11-28T09:11:00+00:00"),  # a time spaced out by a tokenizer
        ("updated 8: 41 p. m. EST, Tue March 3, 2009", "2009-03-03T20:41:00-05:00"),
        ("Posted September 26, 2013 - 3: 47pm Updated September 27, 2013 - 6: 56am", "2013-09-26T15:47:00"),
    ],
)
def test_dates_with_spaced_times_and_a_second_updated_date(value: str, iso: str) -> None:
    assert iso_date(value) == iso


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("Thursday, August 4, 2011 5:55PM EDT", "2011-08-04T17:55:00-04:00"),
        ("Feb 1, 2020, 10:02 AM ET", "2020-02-01T10:02:00-05:00"),  # Eastern time, winter
        ("July 1, 2020, 10:02 AM ET", "2020-07-01T10:02:00-04:00"),  # and summer
        ("3 March 2021 10:00 IST", "2021-03-03T10:00:00+05:30"),
        ("3 March 2021 10:00 QQT", "2021-03-03T10:00:00"),  # a name we do not know: no zone
    ],
)
def test_time_zone_names_after_a_time(value: str, iso: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # dateutil warns (and will refuse) on names it is not told about
        assert iso_date(value) == iso


def test_language() -> None:
    assert language("The harbour workers walked out on Monday over pay and conditions.") == "en"
    assert language("Les dockers se sont mis en grève lundi pour les salaires et les conditions.") == "fr"
    assert language("ok") is None


@pytest.mark.parametrize(
    ("text", "sure"),
    [("Friday, January 18, 2008", True), ("2008-01-18", True), ("18/01/2008", True), ("10/01/2008", False),
     ("01.02.2008", False), ("05/05/2008", True)],
)
def test_says_day_and_month(text: str, sure: bool) -> None:
    assert says_day_and_month(text) is sure

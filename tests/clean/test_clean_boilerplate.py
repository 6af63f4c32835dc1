"""Line rules: each kind of junk goes with its reason; body sentences that look like junk stay."""

from __future__ import annotations

import pytest

from framescope.clean.boilerplate import byline, classify, date_label, is_caption, norm_line, table_cells


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("  • Oops!", "ui"),
        ("Something went wrong.", "ui"),
        ("Please try again later.", "ui"),
        ("Oops! Something went wrong. Please try again later.", "ui"),
        ("An error has occurred, please try again later.", "ui"),
        ("·3 min read", "ui"),
        ("• 12 min read", "ui"),
        ("5 minute read", "ui"),
        ("Reading time: 4 minutes", "ui"),
        ("In this article:", "ui"),
        ("Click to see the full-size image", "ui"),
        ("Click here to view the gallery", "ui"),
        ("Tap to enlarge", "ui"),
        ("Share", "ui"),
        ("- Print Article", "ui"),
        ("Show comments (12)", "ui"),
        ("Skip to main content", "ui"),
        ("Advertisement", "advertisement"),
        ("ADVERTISEMENT", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("READ MORE: Harbour strike enters its second week", "related"),
        ("Related: How the bridge was built", "related"),
        ("[Related: Council votes on the budget]", "related"),
        ("Most read in world news", "related"),
        ("Ferry operator cuts routes after storm [VIDEO]", "related"),
        ("Share this article on Facebook", "share"),
        ("Follow us on Twitter for the latest updates", "share"),
        ("Like this story? Share it with a friend!", "share"),
        ("Subscribe to our newsletter", "share"),
        ("Get the latest updates right in your inbox. Subscribe to the Daily Ledger newsletters.", "share"),
        ("Sign up for our morning briefing", "share"),
        ("Do you like this content? Consider helping us!", "donate"),
        ("If you value our reporting, please consider a donation.", "donate"),
        ("Support our journalism: become a patron today!", "donate"),
        ("We use cookies to improve your experience on our site.", "cookie"),
        ("By continuing to browse you agree to our use of cookies.", "cookie"),
        ("Email the author at reporter@example.org", "contact"),
        ("desk@example.org", "contact"),
        ("Reporting by Ann Lee; Editing by Tom Gray", "credits"),
        ("Our correspondent Sam Dale contributed reporting from the border.", "credits"),
        ("Staff and agencies", "credits"),  # the Guardian's credit, which a page laid out with a table sets alone
        ("© 2021 Example Media. All rights reserved.", "copyright"),
        ("Filed under: Harbour, Weather", "tags"),
        ("0 $", "currency"),
        ("2,500 $", "currency"),
        ("$5,000", "currency"),
        ("€ 115", "currency"),
        ("1,234", "number"),
        ("A man waves a flag outside the station (AFP Photo/Jane Roe)", "caption"),
        ("Firefighters at the scene on Monday (Getty Images)", "caption"),
        ("The mayor, left, meets residents (POOL/AFP/File)", "caption"),
        ("Photo: Jane Roe", "caption"),
        ("FILE PHOTO: The harbour at dawn", "caption"),
        ("The old mill on the river. Photo credit: Town Archive", "caption"),
    ],
)
def test_junk_lines_are_removed_with_their_reason(line: str, reason: str) -> None:
    assert classify(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Oops, something went wrong with the launch, engineers said on Tuesday.",
        "He said it would take three minutes to read the full statement aloud.",
        "The minister urged followers to share the video on Twitter before the vote.",
        "Residents were asked to donate blood at the town hall on Saturday.",
        "The court ruled that the site's use of cookies broke the law.",
        "Officials said the fund had grown to $2,500 by the end of the year.",
        "The photo, taken in 1994, shows the two leaders shaking hands.",
        "Police said the suspect had contacted the victim by email several times.",
        "The figures, which the agency published last week, show a 5% fall.",
        "In this article, the author argues that the harbour should stay public.",
        "Click-through rates fell sharply after the change, the company said.",
        "Advertising revenue fell by a third in the second quarter.",
        "Related talks are expected to resume next month in Geneva.",
        "Sign up for a harbour tour for $12 a person",
        "Das Thema wird seit Jahren intensiv diskutiert: Die elektronische Patientenakte (ePA)",
        "- 'Ready to sail' -",
        "The staff and agencies of the port were told to stay home.",
        "Harbour Talks Resume",
    ],
)
def test_body_lines_that_look_like_junk_are_kept(line: str) -> None:
    assert classify(line) is None


def test_repeated_lines_are_removed_only_when_listed() -> None:
    line = "The Harbour Gazette is read in every port town."
    assert classify(line) is None
    assert classify(line, repeated=frozenset({norm_line(line)})) == "repeated"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("|  |  |  |", "layout"),  # the spacer row of a page laid out with a table
        ("| Home |  | Back to Top |", "ui"),
        ("| Advertisement |", "advertisement"),
        ("|  | Print article |  |", "ui"),
    ],
)
def test_a_table_row_of_chrome_is_judged_cell_by_cell(row: str, reason: str) -> None:
    assert classify(row) == reason


@pytest.mark.parametrize(
    "row",
    [
        "| 4 | 12 | 19 | 27 | 33 |",  # figures are a data table's content, not a counter
        "| Team | Played | Points |",
        "|---|---|---|",
        "| Home | Portmere Rovers won 3-1 at home on Saturday. |",  # one cell of text keeps the row
        "| Portmere harbour reopened on Friday after a week of strikes, the port authority said. |",
    ],
)
def test_a_table_row_with_content_stays(row: str) -> None:
    assert classify(row) is None


def test_table_cells_split_on_unescaped_pipes_only() -> None:
    assert table_cells("| a \\| b | c |") == ["a \\| b", "c"]
    assert table_cells("Home | News") is None


def test_caption_detection_needs_a_credit() -> None:
    assert is_caption("A view of the square (Photo/Reuters)")
    assert not is_caption("The vote was postponed (again) on Friday.")
    assert not is_caption("He spoke to the mayor (left).")


@pytest.mark.parametrize(
    ("line", "name"),
    [("By Jane Roe", "Jane Roe"), ("By Jane Roe and Sam Dale", "Jane Roe and Sam Dale"), ("by the river", None)],
)
def test_bylines(line: str, name: str | None) -> None:
    assert byline(line) == name


def test_date_labels() -> None:
    assert date_label("Published: 1 February 2020") == "1 February 2020"
    assert date_label("Updated on March 3, 2021 10:15") == "March 3, 2021 10:15"
    assert date_label("Published by the council") is None
    assert date_label("Published in 2019, the report found that rents rose.") is None
    assert date_label("Posted on Tue, 3 Mar 2020 18:05 GMT") == "Tue, 3 Mar 2020 18:05 GMT"
    assert date_label("(Published Monday, Nov. 18, 2019)") == "Monday, Nov. 18, 2019"


@pytest.mark.parametrize(
    "line",
    [
        "Thursday, December 11, 2008",
        "Nov 27, 2005 8:20 AM ET",
        "updated 8: 41 p. m. EST, Tue March 3, 2009",
        "Posted September 26, 2013 - 3:47pm Updated September 27, 2013 - 6:56am",
        "28 April 2009",
        "05/02/2013",
        "3/27/2012 @ 10:05AM",
        "3 / 27 / 2012 @ 10: 05AM",
        "March 27, 2012 | 10:05 am",
        "March 27, 2012 • 10:05 am",
        "Friday, January 11, 2008 : 1530 Hrs",  # the time as Indian papers print it
    ],
)
def test_a_line_that_is_only_a_date_is_a_date_line(line: str) -> None:
    assert date_label(line) == line


@pytest.mark.parametrize(
    "line",
    ["2008", "Monday", "March on Washington", "The vote is on May 5.", "May 2010 saw rents rise", "Last updated",
     "Sports | March 27 @ Rome", "Rome - 2012"],
)
def test_a_month_or_year_inside_other_words_is_not_a_date_line(line: str) -> None:
    assert date_label(line) is None


def test_norm_line_folds_quotes_space_and_case() -> None:
    assert norm_line("  It’s   “Fine”  ") == norm_line('it\'s "fine"')


@pytest.mark.parametrize(
    "line", ["1 de marzo de 2008", "27 de marzo del 2008", "24 maggio 2008", "Samstag, 1. März 2008", "5 марта 2008 года"]
)
def test_date_lines_in_other_languages(line: str) -> None:
    assert date_label(line) == line


def test_a_sentence_around_a_date_in_another_language_is_not_a_date_line() -> None:
    assert date_label("Il 24 maggio 2008 la borsa è salita") is None
    assert date_label("La casa de Marzo") is None

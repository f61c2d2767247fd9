"""Dates as prose states them, each read as the days it may mean, so a note's date and a claim's
can be compared."""

from __future__ import annotations

from datetime import date

import pytest

from briefbook.editorial.datewords import span_of, stated_dates


@pytest.mark.parametrize(
    ("text", "words", "first", "last"),
    [
        ("announced on 5 February 2026.", "5 February 2026", date(2026, 2, 5), date(2026, 2, 5)),
        ("on February 5, 2026, EUCOM", "February 5, 2026", date(2026, 2, 5), date(2026, 2, 5)),
        ("set up in early March 2022", "March 2022", date(2022, 3, 1), date(2022, 3, 31)),
        ("suspended in the fall of 2021", "fall of 2021", date(2021, 9, 1), date(2021, 12, 31)),
        ("met on 18–20 November 2025", "18–20 November 2025", date(2025, 11, 18), date(2025, 11, 20)),
        ("dated 2026-02 by the editor", "2026-02", date(2026, 2, 1), date(2026, 2, 28)),
        ("the treaty of 2010 expired", "2010", date(2010, 1, 1), date(2010, 12, 31)),
    ],
)
def test_each_date_is_read_as_the_days_it_may_mean(text, words, first, last):
    (stated,) = stated_dates(text)
    assert (stated.words, stated.first, stated.last) == (words, first, last)
    assert text[stated.start : stated.end] == words


def test_what_names_no_day_is_not_a_date():
    # decades, "may" the verb, a day that does not exist
    assert stated_dates("the exchanges of the 1990s and 2000s may resume") == []
    assert stated_dates("on 31 February 2026") == []


def test_dates_agree_when_the_days_they_may_mean_overlap():
    (february,) = stated_dates("in February 2026")
    assert february.agrees(*span_of("2026-02-05"))
    (day_before,) = stated_dates("on 4 February 2026")
    assert not day_before.agrees(*span_of("2026-02-05"))
    (fall,) = stated_dates("the fall of 2021")
    assert fall.agrees(*span_of("2021")) and fall.precise

"""Guessing a pasted article's metadata: what a line shows, and nothing it does not."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from briefbook.intake.metadata import (
    example_quote,
    find_date,
    find_dateline,
    guess_author,
    guess_date,
    guess_publisher,
    guess_title,
    parse_byline,
)
from briefbook.models import RawArticle
from briefbook.text.clean import clean_article

BODY = (
    "Officials met on Thursday and agreed to talk again next month, the ministry said in a statement.\n\n"
    "The talks covered fishing rights and the ferry timetable, and both sides called them useful.\n"
)


def guesses(text: str) -> dict[str, str | None]:
    raw = RawArticle(Path("x.txt"), text, "utf-8")
    article = clean_article(raw)
    return {
        "title": guess_title(article).value,
        "author": guess_author(raw, article).value,
        "date": guess_date(raw, article).value,
        "publisher": guess_publisher(raw, article).value,
    }


@pytest.mark.parametrize(
    ("line", "parsed"),
    [
        ("By Jane Doe", ("Jane Doe", None)),
        ("BY JANE O'DOE", ("Jane O'Doe", None)),
        ("By Jane Doe and John Roe", ("Jane Doe and John Roe", None)),
        ("By Jane Doe, Reuters", ("Jane Doe", "Reuters")),
        ("By MARCUS WEBB Associated Press", ("Marcus Webb", "The Associated Press")),
        ("Eline Vos, AFP", ("Eline Vos", "AFP")),
        ("By Carla Mendes, Staff Writer", ("Carla Mendes", None)),
        ("By Jane Doe | The Harbour Times", ("Jane Doe", None)),
        ("Posted on December 3, 2025 by Dr. Hanna Lind", ("Dr. Hanna Lind", None)),
        ("Автор: Анна Соколова", ("Анна Соколова", None)),
        ("Von Jana Schmidt", ("Jana Schmidt", None)),
        # sentences and labels are no bylines
        ("By the end of the week the talks had stalled.", None),
        ("By Thursday, both sides had left.", None),
        ("Byline", None),
    ],
)
def test_parse_byline(line, parsed):
    assert parse_byline(line) == parsed


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2026-02-05", "2026-02-05"),
        ("date 2026-02-05", "2026-02-05"),
        ("Feb. 5, 2026", "2026-02-05"),
        ("February 5th, 2026", "2026-02-05"),
        ("5 February 2026", "2026-02-05"),
        ("Thursday, 5 Feb 2026 14:03 GMT", "2026-02-05"),
        ("05.02.2026", "2026-02-05"),
        ("4 февраля 2026", "2026-02-04"),
        ("5 de febrero de 2026", "2026-02-05"),
        ("Feb. 30, 2026", None),  # no such day
        ("2026-13-01", None),
        ("02/05/2026", None),  # month first or day first? not guessed
        ("Feb. 5", None),  # no year
    ],
)
def test_find_date(text, iso):
    found = find_date(text)
    assert (found[0] if found else None) == iso


def test_a_date_only_in_a_sentence_is_not_the_article_s_date():
    text = "Harbour Talks Resume\n\nOn February 5, 2026, officials met and agreed to talk again.\n\n" + BODY
    raw = RawArticle(Path("x.txt"), text, "utf-8")
    guess = guess_date(raw, clean_article(raw))
    assert guess.value is None
    assert (
        guess.source
        == "line 3 mentions 'February 5, 2026', but in a sentence: the article's date is not shown"
    )


def test_the_published_date_wins_over_the_updated_one():
    text = "Harbour Talks Resume\n\nBy Jane Doe\n\nUpdated Feb. 7, 2026\n\nPublished Feb. 5, 2026\n\n" + BODY
    assert guesses(text)["date"] == "2026-02-05"


@pytest.mark.parametrize(
    ("first", "place", "agency"),
    [
        ("WASHINGTON — Officials met on Thursday.", "WASHINGTON", None),
        ("MOSCOW (Reuters) - Officials met on Thursday.", "MOSCOW", "Reuters"),
        ("KYIV, Ukraine (AP) — Officials met on Thursday.", "KYIV, Ukraine", "AP"),
        ("MOSCOW, Feb 5 (Reuters) - Officials met.", "MOSCOW", "Reuters"),
        ("МОСКВА, 4 февраля. /ТАСС/. Министерство сообщило.", "МОСКВА", "ТАСС"),
        ("Officials said — after a pause — that talks would resume.", None, None),
        ("NATO said on Thursday that talks would resume.", None, None),
    ],
)
def test_dateline(first, place, agency):
    raw = RawArticle(Path("x.txt"), first + "\n\nThe second paragraph ends here.\n", "utf-8")
    found = find_dateline(clean_article(raw))
    assert (found.place, found.agency) == (place, agency) if place else found is None


def test_wire_copy_names_its_publisher_and_author():
    text = (
        "Harbour Talks Resume\n\nBy Jane Doe\n\n"
        "MOSCOW (Reuters) - Officials met on Thursday and agreed to talk again next month.\n\n"
        + BODY
        + "\nReporting by Jane Doe; Editing by Ann Cole\n"
    )
    assert guesses(text) == {
        "title": "Harbour Talks Resume",
        "author": "Jane Doe",
        "date": None,
        "publisher": "Reuters",
    }


def test_site_chrome_is_removed_reported_and_still_dates_the_article():
    text = (
        "Skip to main content\n\nHome > World > Europe\n\nRead in Hindi\n\n"
        "Maintenance window scheduled for Saturday 02:00–04:00 UTC\n\n"
        "Harbour Talks Resume\n\nHarbour Talks Resume\n\nBy Jane Doe\n\n"
        "Published 5 Feb 2026 14:03 GMT\n\nPhoto: Reuters\n\n"
        + BODY
        + "\n© 2026 The Harbour Times. All rights reserved.\n"
    )
    raw = RawArticle(Path("x.txt"), text, "utf-8")
    article = clean_article(raw)
    assert [(r.line, r.rule) for r in article.removed] == [
        (1, "skip-link"),
        (3, "breadcrumb"),
        (5, "language-link"),
        (7, "banner"),
        (9, "repeated-headline"),
        (11, "headline"),
        (13, "byline"),
        (15, "timestamp"),
        (17, "photo-credit"),
        (23, "copyright"),
    ]
    assert article.paragraphs[0].startswith("Officials met on Thursday")
    assert guesses(text) == {
        "title": "Harbour Talks Resume",
        "author": "Jane Doe",
        "date": "2026-02-05",
        "publisher": "The Harbour Times",
    }


def test_nothing_is_guessed_that_the_text_does_not_show():
    text = "Officials met on Thursday and agreed to talk again next month.\n\n" + BODY
    found = guesses(text)
    assert found["title"].startswith("[") and found["title"].endswith("…]")
    assert (found["author"], found["date"], found["publisher"]) == (None, None, None)


# ---------------------------------------------------------------- bylines and datelines in their own lines

HEADLINE = "Reindeer herders win ruling over the Fosvik wind farm"


@pytest.mark.parametrize(
    ("top", "author", "date", "publisher"),
    [
        # the text: a "By" line, then a dateline line
        (["By Ingrid Solberg", "TROMSØ, Norway, March 3, 2026"], "Ingrid Solberg", "2026-03-03", None),
        (["Tromsø, Norway, March 3, 2026"], None, "2026-03-03", None),
        (["TROMSØ — 3 March 2026", "By Ingrid Solberg"], "Ingrid Solberg", "2026-03-03", None),
        (
            ["By INGRID SOLBERG", "Associated Press", "March 3, 2026"],
            "Ingrid Solberg",
            "2026-03-03",
            "The Associated Press",
        ),
        (["By Ingrid Solberg\nTROMSØ, Norway, March 3, 2026"], "Ingrid Solberg", "2026-03-03", None),
    ],
)
def test_a_byline_and_a_dateline_of_their_own_go_to_the_fields_not_the_text(top, author, date, publisher):
    text = "\n\n".join([HEADLINE, *top]) + "\n\n" + BODY
    assert guesses(text) == {"title": HEADLINE, "author": author, "date": date, "publisher": publisher}
    article = clean_article(RawArticle(Path("x.txt"), text, "utf-8"))
    assert article.paragraphs[0].startswith("Officials met on Thursday")


def test_wire_credits_under_the_story_give_the_author_and_leave_the_text():
    text = f"{HEADLINE}\n\nTROMSØ, March 3, 2026\n\n{BODY}\n(Reporting by Ingrid Solberg in Tromsø; Editing by Ann Cole)\n"
    assert guesses(text)["author"] == "Ingrid Solberg"
    article = clean_article(RawArticle(Path("x.txt"), text, "utf-8"))
    assert [r.rule for r in article.removed] == ["headline", "dateline", "wire-credits"]


def test_the_example_quote_is_never_a_byline_or_a_dateline():
    raw = RawArticle(Path("x.txt"), "By Ingrid Solberg\n\nTROMSØ, Norway, March 3, 2026\n\n" + BODY, "utf-8")
    article = replace(
        clean_article(raw), paragraphs=("By Ingrid Solberg", "TROMSØ, Norway, March 3, 2026", BODY)
    )
    assert example_quote(article) == "Officials met on Thursday and agreed"

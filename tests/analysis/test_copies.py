"""Copies are found from how much of one article's text stands in another, spellings folded; the
threshold sits where the measurements say, and the README's figures are the measurements."""

from __future__ import annotations

import importlib.util

import pytest
from helpers import CORPUS, REPO, SEEDS

from briefbook.analysis.copies import (
    COPY_THRESHOLD,
    Containment,
    containments,
    copy_words,
    find_copies,
    fold_spelling,
)
from briefbook.text import clean, ingest

FIXTURES = CORPUS / "copies"
ORIGINAL = SEEDS / "003_aacb11e1eea10760.txt"


def measure_script():
    spec = importlib.util.spec_from_file_location("measure_copies", REPO / "scripts" / "measure_copies.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def words(path) -> list[str]:
    return copy_words(clean.clean_article(ingest.read_article(path), ()).paragraphs)


def most(first, second) -> float:
    found = containments([("a", words(first)), ("b", words(second))])
    return found[0].most if found else 0.0


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("normalising", "normalizing"),
        ("organisation", "organization"),
        ("analysed", "analyzed"),
        ("defence", "defense"),
        ("centre", "center"),
        ("theatres", "theaters"),
        ("travelled", "traveled"),
        ("labelling", "labeling"),
        ("colour", "color"),
        ("favourite", "favorite"),
        ("dialogue", "dialog"),
        ("programme", "program"),
    ],
)
def test_british_and_american_spellings_fold_into_one_form(british, american):
    assert fold_spelling(british) == fold_spelling(american)


def test_words_that_only_look_like_a_spelling_variant_are_left_alone():
    assert [fold_spelling(w) for w in ("four", "there", "more", "hour", "fire")] == [
        "four",
        "there",
        "more",
        "hour",
        "fire",
    ]


def test_dotted_acronyms_hyphens_and_paragraphs_do_not_matter():
    assert copy_words(["The U.S. and NATO re-establish", "military-to-military talks."]) == copy_words(
        ["the US and Nato reestablish military-to-military", "talks"]
    )


def test_a_republished_copy_is_found_however_reformatted_respelled_and_trimmed():
    # new headline, paragraphs joined, lines rewrapped, US spellings, the last six paragraphs cut
    assert most(FIXTURES / "republished.txt", ORIGINAL) > 0.95


@pytest.mark.parametrize(
    ("first", "second", "below"),
    [
        ("rewrite.txt", ORIGINAL, 0.34),  # keeps a third of the text: not a copy
        ("quote-a.txt", "quote-b.txt", 0.15),  # the same statement quoted independently
        ("independent-a.txt", "independent-b.txt", 0.02),
    ],
)
def test_what_is_not_a_copy_stays_well_under_the_threshold(first, second, below):
    second = second if not isinstance(second, str) else FIXTURES / second
    found = most(FIXTURES / first, second)
    assert found < below < COPY_THRESHOLD


def test_the_threshold_lies_in_the_widest_gap_of_the_measurements():
    rows = measure_script().measurements()
    copies = [max(a, b) for *_, a, b, _ in rows if max(a, b) >= COPY_THRESHOLD]
    others = [max(a, b) for *_, a, b, _ in rows if max(a, b) < COPY_THRESHOLD]
    assert len(copies) == 1 and len(others) == len(rows) - 1  # the republished copy alone
    assert min(copies) - COPY_THRESHOLD > 0.4 and COPY_THRESHOLD - max(others) > 0.15


def test_the_readme_gives_the_measurements_as_they_are():
    script = measure_script()
    table = script.table(script.measurements())
    assert table in (REPO / "README.md").read_text("utf-8")
    assert f"reaches **{COPY_THRESHOLD}**" in (REPO / "README.md").read_text("utf-8")


def test_no_pair_of_the_seeds_is_a_copy():
    articles = [clean.clean_article(ingest.read_article(p), ()) for p in sorted(SEEDS.glob("*.txt"))]
    pairs = containments([(a.stem, copy_words(a.paragraphs)) for a in articles])
    assert len(pairs) == 10 and max(p.most for p in pairs) < 0.1
    assert find_copies([(a.stem, None) for a in articles], pairs) == []


def pair(a: str, b: str, share: float) -> Containment:
    return Containment(a, b, round(share * 100), 100, 100)


def test_the_original_is_the_earlier_dated_article_else_the_first_in_the_book():
    pairs = [pair("003", "005", 0.9)]
    # 005 is dated earlier: it is the original, though it comes later in the book
    (found,) = find_copies([("003", "2026-02-06"), ("005", "2026-02-05")], pairs)
    assert (found.copy, found.original) == ("003", "005")
    # dates that do not tell ("2026" against "2026-02-05"): the first in the book's order
    (found,) = find_copies([("003", "2026-02-05"), ("005", "2026")], pairs)
    assert (found.copy, found.original) == ("005", "003")


def test_a_copy_of_a_copy_belongs_to_the_first_original():
    pairs = [pair("001", "002", 0.8), pair("002", "003", 0.9), pair("001", "003", 0.7)]
    found = find_copies([("001", None), ("002", None), ("003", None)], pairs)
    assert [(c.copy, c.original) for c in found] == [("002", "001"), ("003", "001")]
    assert [c.share for c in found] == [0.8, 0.7]


def test_a_pair_under_the_threshold_is_no_copy():
    assert find_copies([("001", None), ("002", None)], [pair("001", "002", 0.49)]) == []


def test_finding_copies_grows_linearly_with_the_book(monkeypatch):
    # each article shares half its words with the next, and all of them a footer: the pairs counted
    # per article stay the same from 200 to 800 articles (every pair would be four times as many),
    # and a footer more than MAX_HOLDERS articles share is counted for none
    from briefbook.analysis import copies

    counted = []

    class Counting(dict):
        def __missing__(self, key):
            return 0

        def __setitem__(self, key, value):
            counted.append(key)
            super().__setitem__(key, value)

    monkeypatch.setattr(copies, "defaultdict", lambda factory: Counting())

    def book(count: int) -> list[tuple[str, list[str]]]:
        part = lambda n: [f"w{n}x{i}" for i in range(200)]  # noqa: E731
        footer = [f"footer{i}" for i in range(50)]
        return [(f"{n:04d}", part(n) + part(n + 1) + footer) for n in range(count)]

    per_article = []
    for count in (200, 800):
        counted.clear()
        assert len(containments(book(count))) == count - 1
        per_article.append(len(counted) / count)
    assert per_article[0] == pytest.approx(per_article[1], rel=0.01)
    assert per_article[1] < 200  # the ~196 shingles each article shares with the next, no footer pairs

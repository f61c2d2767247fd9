"""How much of one article's text stands in another, for the fixtures the copy threshold was chosen
from and for every pair of the seeds: the figures in the README's "Copies".

    python scripts/measure_copies.py            # the table, as the README has it

The fixtures are in tests/corpus/copies/ (what each is: its README); the seeds are the book's own.
"""

from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path

from briefbook.analysis.copies import COPY_THRESHOLD, containments, copy_words
from briefbook.text import clean, ingest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "corpus" / "copies"
SEEDS = REPO / "seeds"
ORIGINAL = SEEDS / "003_aacb11e1eea10760.txt"  # the article the copy and the rewrite are made from

# (first, second, what the pair is), the fixtures' pairs in the README's order
PAIRS = (
    (
        "republished.txt",
        ORIGINAL.name,
        "a republished copy: reformatted, US spellings, last paragraphs cut, new headline",
    ),
    ("rewrite.txt", ORIGINAL.name, "a rewrite that keeps about a third of the text word for word"),
    (
        "quote-a.txt",
        "quote-b.txt",
        "two reports quoting the same two sentences of a statement, written independently",
    ),
    ("independent-a.txt", "independent-b.txt", "two independent reports of the same talks"),
)


def words_of(path: Path) -> list[str]:
    """An article's words as copies are compared (its cleaned text, without its caption)."""
    article = clean.clean_article(ingest.read_article(path), ())
    return copy_words(article.paragraphs)


def pair_containment(first: Path, second: Path) -> tuple[float, float]:
    """(first's text in second, second's text in first): shares of their shingles."""
    found = containments([(first.name, words_of(first)), (second.name, words_of(second))])
    return (found[0].a_in_b, found[0].b_in_a) if found else (0.0, 0.0)


def short(name: str) -> str:
    """A fixture by its name, a seed by its number."""
    return name[:3] if name == ORIGINAL.name else name.removesuffix(".txt")


def fixture_path(name: str) -> Path:
    return SEEDS / name if name == ORIGINAL.name else FIXTURES / name


def measurements() -> list[tuple[str, str, float, float, str]]:
    """The fixtures' pairs, then every pair of the seeds: (first, second, first in second, second
    in first, what the pair is)."""
    rows = []
    for first, second, what in PAIRS:
        a, b = pair_containment(fixture_path(first), fixture_path(second))
        rows.append((first.removesuffix(".txt"), short(second), a, b, what))
    seeds = sorted(SEEDS.glob("*.txt"))
    for first, second in combinations(seeds, 2):
        a, b = pair_containment(first, second)
        rows.append((first.name[:3], second.name[:3], a, b, "two of the seeds"))
    return rows


def table(rows: list[tuple[str, str, float, float, str]]) -> str:
    lines = [
        "| pair | what it is | first in second | second in first | a copy? |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for first, second, a, b, what in rows:
        copy = "yes" if max(a, b) >= COPY_THRESHOLD else "no"
        lines.append(f"| {first} / {second} | {what} | {a:.3f} | {b:.3f} | {copy} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(table(measurements()) + "\n")

"""What the PDF says that the site does not: the title page's count, the pages after references."""

from __future__ import annotations

from briefbook.sphinxext.latex import compiled_from
from briefbook.sphinxext.pagerefs import page_label
from briefbook.sphinxext.tables import SOURCE_COLUMNS, print_columns


def test_the_title_page_counts_its_articles_in_words():
    def escape(text: str) -> str:
        return text.replace("&", r"\&")

    assert compiled_from(("A & B",), escape) == r"Compiled from 1 article: A \& B."
    assert compiled_from(("Wire", None, "Wire", None), escape) == (
        "Compiled from 4 articles: Wire, and 2 sources whose publisher is not stated."
    )
    assert (
        compiled_from((None,), escape) == "Compiled from 1 article: 1 source whose publisher is not stated."
    )
    assert compiled_from((), escape) == "No articles yet."


def test_only_references_to_an_article_get_its_page():
    assert page_label("%articles/003_x") == ("articles/003_x", "articles/003_x::doc")
    assert page_label("%articles/003_x#bb-passage-003_x-2") == (
        "articles/003_x",
        "articles/003_x:bb-passage-003_x-2",
    )
    assert page_label("%glossary#term-NATO") is None
    assert page_label("https://example.org/articles/x") is None


def test_a_printed_table_gives_every_column_its_share_and_aligns_numbers():
    kinds = [column.kind for column in SOURCE_COLUMNS]
    widths = [column.width for column in SOURCE_COLUMNS]
    assert sum(widths) == 100
    spec = print_columns(kinds, widths)["spec"]
    assert spec.count(r"\X{") == len(SOURCE_COLUMNS)
    assert spec.startswith(
        r">{\raggedright\arraybackslash}\X{5}{100}"
    )  # the number, set left as a row across is
    assert r">{\raggedleft\arraybackslash}\X{7}{100}" in spec  # the words
    assert r">{\raggedright\arraybackslash}\X{21}{100}" in spec  # the title

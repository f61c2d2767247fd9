"""The web corpus, measured as scripts/web_accuracy.py measures it, held to a floor.

The floor is what a user can count on: no field guessed wrong in pasted text (a wrong
value is worse than none), titles and dates from pages nearly always right, every page
without an article refused for the right reason, the text faithful.
"""

from __future__ import annotations

import json
import sys

import pytest
from helpers import REPO

sys.path.insert(0, str(REPO / "scripts"))

from web_accuracy import CORPUS, FIELDS, measure


@pytest.fixture(scope="module")
def reports():
    return measure()


def test_the_corpus_is_as_large_and_varied_as_promised():
    expected = json.loads((CORPUS / "expected.json").read_text("utf-8"))
    pages = [k for k, v in expected.items() if k.startswith("pages/") and "error" not in v]
    texts = [k for k in expected if k.startswith("texts/")]
    assert len(pages) >= 25 and len(texts) >= 36
    no_article = {v["error"] for v in expected.values() if "error" in v}
    assert no_article == {"cookie", "sign-in", "index", "scripts", "no-article", "plain-text"}
    assert b"charset=windows-1251" in (CORPUS / "pages" / "rail-tender.legacy.html").read_bytes()


def test_pasted_text_gets_no_field_wrong(reports):
    texts = reports["texts"]
    assert not texts.failures
    for name in FIELDS:
        tally = texts.fields[name]
        assert tally.wrong == 0, tally.wrong_cases
        assert tally.right >= 0.9 * tally.total, (name, tally)
    assert sum(texts.similarity) / len(texts.similarity) >= 0.99


def test_pages_give_title_date_and_text_and_refuse_pages_without_an_article(reports):
    pages = reports["pages"]
    assert not pages.failures
    assert pages.errors_right == pages.errors_total == 6
    for name in ("title", "date"):
        tally = pages.fields[name]
        assert tally.wrong == 0 and tally.right >= 0.95 * tally.total, (name, tally)
    for name in ("author", "publisher"):
        tally = pages.fields[name]
        assert tally.wrong == 0 and tally.right >= 0.9 * tally.total, (name, tally)
    assert min(pages.similarity) >= 0.98
    assert sum(pages.similarity) / len(pages.similarity) >= 0.99

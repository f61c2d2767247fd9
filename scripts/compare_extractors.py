"""Compare article extractors on the web corpus: how much of the text, title, author and date each gets.

    python scripts/compare_extractors.py

Run it in an environment that has the candidates installed besides briefbook's
own (trafilatura): ``pip install readability-lxml goose3`` (jusText comes with
trafilatura).  Each extractor that is not installed is skipped.  For each page
of ``tests/corpus/web`` with an article it prints the mean similarity of the
extracted text to the expected paragraphs, how often that is at least 0.95,
and how many titles, authors and dates are right (where the extractor gives
them at all).  This is how briefbook chose trafilatura; see the README.
"""

from __future__ import annotations

import difflib
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "web"


def _flat(text: str) -> str:
    return " ".join(text.split())


def with_trafilatura(data: bytes) -> dict:
    import trafilatura

    doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
    return {"text": doc.text or "", "title": doc.title, "author": doc.author, "date": doc.date} if doc else {}


def with_readability(data: bytes) -> dict:
    from lxml import html
    from readability import Document

    doc = Document(data)
    text = html.fromstring(doc.summary()).text_content()
    return {"text": text, "title": doc.short_title(), "author": None, "date": None}


def with_justext(data: bytes) -> dict:
    import justext

    paragraphs = justext.justext(data, justext.get_stoplist("English"))
    return {"text": "\n".join(p.text for p in paragraphs if not p.is_boilerplate)}


def with_goose(data: bytes) -> dict:
    from goose3 import Goose

    with Goose() as goose:
        article = goose.extract(raw_html=data.decode("utf-8", "replace"))
    date = (article.publish_date or "")[:10] or None
    return {
        "text": article.cleaned_text,
        "title": article.title,
        "author": ", ".join(article.authors) or None,
        "date": date,
    }


EXTRACTORS: dict[str, Callable[[bytes], dict]] = {
    "trafilatura": with_trafilatura,
    "readability-lxml": with_readability,
    "jusText": with_justext,
    "goose3": with_goose,
}


def main() -> None:
    expected = json.loads((CORPUS / "expected.json").read_text("utf-8"))
    pages = {k: v for k, v in expected.items() if k.startswith("pages/") and "error" not in v}
    print(f"{len(pages)} pages with an article")
    for name, extract in EXTRACTORS.items():
        try:
            extract(b"<html><body><p>warm up</p></body></html>")
        except ImportError:
            print(f"{name:<17} not installed")
            continue
        except Exception:  # an extractor may dislike the warm-up page; the corpus decides
            pass
        ratios, good, right = [], 0, {"title": 0, "author": 0, "date": 0}
        started = time.perf_counter()
        for rel, want in pages.items():
            try:
                got = extract((CORPUS / rel).read_bytes())
            except Exception:
                got = {}
            text = _flat(got.get("text") or "")
            expected_text = _flat(" ".join(want["paragraphs"]))
            # the headline may lead the text: compare from where the article starts
            start = text.find(expected_text[:40])
            ratio = difflib.SequenceMatcher(
                None, text[max(start, 0) :], expected_text, autojunk=False
            ).ratio()
            ratios.append(ratio)
            good += ratio >= 0.95
            for field in right:
                value = got.get(field)
                if (
                    value
                    and want[field]
                    and _flat(re.sub(r"\.", "", value)).casefold()
                    == _flat(re.sub(r"\.", "", want[field])).casefold()
                ):
                    right[field] += 1
        seconds = time.perf_counter() - started
        print(
            f"{name:<17} text: mean similarity {sum(ratios) / len(ratios):.3f}, {good}/{len(pages)} at 0.95 or more; "
            f"title {right['title']}, author {right['author']}, date {right['date']} right; {seconds:.1f} s"
        )


if __name__ == "__main__":
    main()

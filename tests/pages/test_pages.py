"""The generated MyST pages are complete: each holds everything its page shows."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from helpers.book import passage_anchor
from helpers.tinybook import make_book, sphinx_html

from briefbook.pages.article import BASIS_TO_BE_GIVEN
from briefbook.pages.write import generate


def generated(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    root = make_book(tmp_path / "book")
    generate(root / "seeds", root / "docs")
    docs = root / "docs"
    return root, {p.relative_to(docs).as_posix(): p.read_text("utf-8") for p in docs.rglob("*.md")}


def test_an_article_page_holds_its_notes_quotes_and_cross_links(tmp_path):
    root, pages = generated(tmp_path)
    alpha = pages["articles/000_alpha.md"]
    # the note: kind, claim, stance, where it comes from, its quote and its MyST text
    note = alpha[alpha.index("{bb-note} 1") :]
    assert ":kind: context" in note and ":claim: suspension-2021" in note and ":stance: supports" in note
    assert ":origin: 000_alpha.yaml:6" in note
    assert "{bb-quote}\nsuspended in 2021\n" in note
    assert "The suspension came in late 2021." in note
    # the links the book resolved: the claim's row, and the source that differs, at its passage
    assert '"target": "bb-claim-suspension-2021"' in note
    gamma = passage_anchor(root / "seeds", "002_gamma", "the dialogue never stopped")
    assert '"lead": "Differs in:"' in note and f'"target": "{gamma}"' in note
    # the glossary link and the related coverage
    assert '"id": "eucom"' in alpha and '"expand": true' in alpha
    assert '"doc": "articles/002_gamma"' in alpha[alpha.index("{bb-related}") :]


def test_a_fact_check_whose_basis_is_still_to_be_given_says_so_where_its_basis_would_be(tmp_path):
    root = make_book(tmp_path / "book")
    sidecar = root / "seeds" / "001_beta.yaml"
    sidecar.write_text(
        sidecar.read_text("utf-8") + 'notes:\n  - quote: "mild for the season"\n    kind: fact-check\n'
        '    note: "The weather service agrees."\n    basis: null\n',
        "utf-8",
    )
    generate(root / "seeds", root / "docs")
    beta = (root / "docs" / "articles" / "001_beta.md").read_text("utf-8")
    basis = beta[beta.index("{bb-basis}") :]
    assert basis.split("\n")[1] == BASIS_TO_BE_GIVEN
    assert BASIS_TO_BE_GIVEN.startswith("Not given yet:")


def test_the_front_page_contents_list_the_articles_in_order_and_nothing_for_an_empty_book(tmp_path):
    root, pages = generated(tmp_path)
    toc = pages["_generated/articles-toc.md"]
    # the printed book's chapters: a hidden contents list of the articles, in the book's order
    hidden = toc[toc.index(":hidden:") : toc.index("```\n")]
    entries = hidden.split("\n")[3:-1]
    assert entries == [f"articles/{p.stem}" for p in sorted((root / "seeds").glob("*.txt"))]
    # on the site: by date, by source, and (a small book) the articles
    assert "By date <browse/by-date>\nBy source <browse/by-source>\narticles/000_alpha\n" in toc
    for path in (root / "seeds").glob("0*"):
        path.unlink()
    generate(root / "seeds", root / "docs")
    docs = root / "docs"
    assert "toctree" not in (docs / "_generated/articles-toc.md").read_text("utf-8")
    assert "no articles yet" in (docs / "_generated/summary.md").read_text("utf-8")
    assert not list((docs / "articles").glob("*.md"))  # the pages of the articles that went, gone too


def test_overview_pages_hold_their_rows(tmp_path):
    _, pages = generated(tmp_path)
    assert '"statement": "The dialogue was suspended in 2021."' in pages["claims.md"]
    assert '"stance": "contradicts"' in pages["claims.md"]
    assert '"text": "The dialogue was suspended in 2021."' in pages["timeline.md"]
    assert '"title": "Alpha talks resume"' in pages["glossary.md"]  # EUCOM is mentioned in alpha


def test_untrusted_text_cannot_close_its_block(tmp_path):
    root = make_book(tmp_path / "book")
    hostile = (
        "The weather in the capital was mild for the season, officials said.\n\n"
        "A line with ```` fences ````` and ``{bb-note} 9`` in it.\n\n````{raw} html\n<script>x</script>\n````\n"
    )
    (root / "seeds" / "001_beta.txt").write_text(hostile, "utf-8")
    generate(root / "seeds", root / "docs")
    page = (root / "docs/articles/001_beta.md").read_text("utf-8")
    opening = re.search(r"^(`+)\{bb-text\}", page, re.MULTILINE).group(1)
    assert "````` and" in page and len(opening) > 5  # longer than any backtick run in the text
    result = sphinx_html(root)
    assert result.returncode == 0, result.stderr[-2000:]
    html = (root / "docs/_build/html/articles/001_beta.html").read_text("utf-8")
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html


def test_no_line_of_the_latex_source_is_longer_than_tex_can_read(tmp_path):
    # TeX reads lines of at most 200,000 characters; an article's paragraph may be longer
    root = make_book(tmp_path / "book", pdf=True)
    long_paragraph = ("dialogue military channel talks resumed " * 6000).strip() + "."
    one_word = "x" * 210_000
    (root / "seeds" / "003_delta.txt").write_text(
        f"A quiet day.\n\n{long_paragraph}\n\n{one_word}\n", "utf-8"
    )
    cmd = [sys.executable, "-m", "sphinx", "-b", "latex", "docs", "docs/_build/latex", "-q"]
    result = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    tex = (root / "docs/_build/latex/tiny.tex").read_text("utf-8")
    assert max(len(line) for line in tex.splitlines()) <= 4000
    # the words are all there, in order: line ends fall where spaces were, or after a break point
    body = tex[tex.index("dialogue military") :]
    assert " ".join(body.split())[: len(long_paragraph)] == long_paragraph
    assert tex.count("\\allowbreak{}%\n") >= 210_000 // 12 - 1


def test_related_coverage_and_a_note_s_sources_list_the_nearest_and_count_the_others(tmp_path):
    """Eighteen reports of one claim: each article lists twelve of the others (those with most in
    common, then the nearest in the book's order) and says how many more there are; so does its
    note's "Same stance in", linking the rest to the claim's row in the claims matrix."""
    from briefbook.pages.article import RELATED_LIMIT

    root = make_book(tmp_path / "book")
    seeds = root / "seeds"
    words = "north south east west river hill town field road bridge port tower lake wood mill farm".split()
    for number in range(4, 18):
        stem = f"{number:03d}_report"
        (seeds / f"{stem}.txt").write_text(
            f"Report {number}: the {words[number - 4]} talks were suspended in 2021, it said.\n", "utf-8"
        )
        (seeds / f"{stem}.yaml").write_text(
            f'title: "Report {number}"\npublisher: "Wire {number}"\ndate: "2026-03-{number:02d}"\nkind: news\n'
            'notes:\n  - quote: "suspended in 2021"\n    kind: context\n    note: "Another report."\n'
            "    claim: suspension-2021\n    stance: supports\n",
            "utf-8",
        )
    generate(seeds, root / "docs")
    page = (root / "docs/articles/010_report.md").read_text("utf-8")
    related = page[page.index("{bb-related}") :]
    docs = re.findall(r'"doc": "articles/(\d{3})_\w+"', related)
    # 15 others report the claim (000, 002, 004-017 but 010): the twelve nearest to 010 are listed,
    # in the book's order
    assert RELATED_LIMIT == 12
    assert docs == [f"{n:03d}" for n in (4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16)]
    assert ":more: 3" in related
    # the note: 000 and 004-017 support the claim as 010 does, 002 contradicts it
    same = re.search(r'\{"lead": "Same stance \(supports\) in:", "links": (.*)\}$', page, re.MULTILINE).group(
        1
    )
    linked = re.findall(r'"doc": "articles/(\d{3})_\w+"', same)
    assert linked == docs  # the same twelve, nearest first chosen, in the book's order
    assert '"text": "2 other sources (the claims matrix lists every one)"' in same
    assert '"target": "bb-claim-suspension-2021"' in same
    differ = re.search(r'\{"lead": "Differs in:", "links": (.*)\}$', page, re.MULTILINE).group(1)
    assert re.findall(r'"doc": "articles/(\d{3})_\w+"', differ) == ["002"]
    result = sphinx_html(root)
    assert result.returncode == 0, result.stderr[-2000:]
    html = (root / "docs/_build/html/articles/010_report.html").read_text("utf-8")
    shown = html[html.index('id="related-coverage"') :]
    listed = re.findall(r'<li><p><a class="reference internal" href="(\d{3})_report.html"', shown)
    assert listed == docs
    assert "And 3 other articles with a claim or a passage in common" in re.sub(r"\s+", " ", shown)
    assert 'href="../claims.html"' in shown
    alpha = (root / "docs/_build/html/articles/000_alpha.html").read_text("utf-8")
    assert "Removed from the original (1 line)<" in alpha  # its headline, the one line taken out
    # the folded note counts the sources, not the links: 000, 004-009 and 011-017, and 002
    assert re.search(r"<summary[^>]*>[^<]*same stance in 14 · differs in 1", html), html[
        html.index("<summary") :
    ][:300]
    assert "bb-sources" not in html
    note = re.sub(r"<[^>]+>", "", html[html.index("Same stance (supports) in:") :])
    assert re.sub(r"\s+", " ", note).startswith(
        "Same stance (supports) in: 004 Wire 4; 005 Wire 5; 006 Wire 6; 007 Wire 7; 008 Wire 8; 009 Wire 9; "
        "011 Wire 11; 012 Wire 12; 013 Wire 13; 014 Wire 14; 015 Wire 15; 016 Wire 16; "
        "2 other sources (the claims matrix lists every one)"
    )

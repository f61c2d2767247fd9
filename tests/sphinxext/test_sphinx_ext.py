"""The Sphinx extension on a small test root: HTML, LaTeX and text output."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from helpers.book import passage_anchor

from briefbook.book import load_book
from briefbook.names import passage_id


def visible_text(html: str) -> str:
    """The text a reader sees in an HTML fragment (tags dropped, entities decoded, spaces folded)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def article_div(html: str) -> str:
    start = html.index('<div class="bb-article')
    return html[start : html.index("</body>", start)]


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_html_article_page(app, warning):
    app.build()
    assert warning.getvalue() == ""
    html = (app.outdir / "articles" / "alpha.html").read_text("utf-8")
    body = article_div(html)
    text = visible_text(body)
    # the article's own words, hard-wrapped lines joined, markup-looking text kept as text
    assert "The first paragraph says that the dialogue was suspended in 2021" in text
    assert "A second paragraph with *stars*, <b>tags</b> and {raw}`x` in it." in text
    assert "<b>tags" not in body  # escaped, not interpreted
    # two notes, numbered in reading order, each an aside with its kind
    asides = re.findall(r'<aside class="bb-note" data-kind="([^"]+)" data-number="(\d)"', body)
    assert asides == [("fact-check", "1"), ("context", "2"), ("shared", "3")]
    anchors = re.findall(r'<span class="bb-anchor" data-notes="(\d)">([^<]*)</span>', body)
    assert anchors == [
        ("1", "suspended in 2021"),
        ("2", "restored in 2026"),
        (
            "3",
            "said maintaining dialogue between armed forces is an important factor in global stability and peace",
        ),
    ]
    assert "The suspension came in <em>late</em> 2021." in body
    assert "Basis: </em>A test basis." in body
    # the page title and metadata come from the sidecar
    assert "<h1>Alpha report" in html
    assert "News report · The Test Gazette · 5 February 2026" in visible_text(html)


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_html_untrusted_title_and_removed_lines(app, warning):
    app.build()
    html = (app.outdir / "articles" / "beta.html").read_text("utf-8")
    assert "<h1>Beta &amp; &lt;friends&gt;" in html
    assert "Opinion · publisher not stated · date not stated" in visible_text(html)


@pytest.mark.sphinx("latex", testroot="basic", freshenv=True)
def test_latex_notes_are_margin_notes(app, warning):
    app.build()
    assert warning.getvalue() == ""
    tex = (app.outdir / "basic.tex").read_text("utf-8")
    assert r"\usepackage{briefbook}" in tex
    assert (app.outdir / "briefbook.sty").exists()
    assert (
        r"\bbanchor{suspended in 2021}\bbmark{1}\bbnote{bb-note-alpha-1}{1}{fact\sphinxhyphen{}check}{" in tex
    )
    assert r"A second paragraph with *stars*, <b>tags</b> and \{raw\}`x` in it." in tex
    assert r"\chapter{Alpha report}" in tex


@pytest.mark.sphinx("latex", testroot="basic", freshenv=True)
def test_in_print_a_notes_apparatus_goes_to_the_end_of_its_chapter(app, warning):
    app.build()
    assert warning.getvalue() == ""
    tex = (app.outdir / "basic.tex").read_text("utf-8")
    chapter = tex[
        tex.index(r"\chapter{Alpha report}") : tex.index(
            r"\chapter", tex.index(r"\chapter{Alpha report}") + 1
        )
    ]
    # the margin note keeps its text and ends with the page of its apparatus
    note = chapter[chapter.index(r"\bbnote{bb-note-alpha-1}") :]
    note = note[: note.index(r"\bbsourcesref{bb-note-alpha-1}")]
    assert "The suspension came in" in note
    assert "Basis" not in note and "Claim:" not in note and "Differs in" not in note
    # the apparatus, in full, after the article's end, under the note's number
    block = chapter[chapter.index(r"\begin{bbsources}{Notes: sources and cross\sphinxhyphen{}references}") :]
    assert chapter.index(r"\end{bbarticle}") < chapter.index(r"\begin{bbsources}")
    entry = block[block.index(r"\bbsourcesentry{bb-note-alpha-1}{1}{fact\sphinxhyphen{}check}") :]
    entry = entry[: entry.index(r"\bbsourcesentry", 1) if r"\bbsourcesentry" in entry[1:] else None]
    assert "A test basis." in entry
    assert "The dialogue was suspended in 2021." in entry and "Differs in:" in entry
    # a note that is only apparatus (shared words) keeps it in the margin, with no pointer
    shared = chapter[chapter.index(r"\bbnote{bb-note-alpha-3}") :]
    assert "The same words stand in:" in shared[: shared.index(r"\end{bbarticle}")]
    assert r"\bbsourcesentry{bb-note-alpha-3}" not in chapter
    assert r"\bbsourcesref{bb-note-alpha-3}" not in chapter


@pytest.mark.sphinx("text", testroot="basic", freshenv=True)
def test_text_builder_puts_notes_after_their_paragraph(app, warning):
    app.build()
    assert warning.getvalue() == ""
    text = (app.outdir / "articles" / "alpha.txt").read_text("utf-8")
    paragraph = text.index("suspended in 2021[1]")
    first, second = text.index("[1 · fact-check] The suspension"), text.index("[2 · context] Second note.")
    assert paragraph < first < second


@pytest.mark.sphinx("latex", testroot="basic", freshenv=True, confoverrides={"briefbook_paper": "letter"})
def test_letter_paper_is_a_setting(app):
    app.build()
    tex = (app.outdir / "basic.tex").read_text("utf-8")
    assert r"\usepackage[letterpaper,twoside" in tex
    assert "a4paper" not in tex


def note_html(body: str, number: int) -> str:
    start = body.index(f'data-number="{number}"')
    return body[start : body.index("</aside>", start)]


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_notes_link_other_sources_of_the_same_claim_and_shared_words(app, warning):
    app.build()
    assert warning.getvalue() == ""
    seeds = Path(app.config.briefbook_seeds_path)
    gamma_claim = passage_anchor(seeds, "gamma", "The weather in the capital was mild")
    body = article_div((app.outdir / "articles" / "alpha.html").read_text("utf-8"))
    claim_note = note_html(body, 1)
    assert '<a class="reference internal" href="../claims.html#bb-claim-suspension-2021"' in claim_note
    assert "The dialogue was suspended in 2021." in claim_note
    # gamma contradicts the claim alpha supports: linked to gamma's exact passage, words on hover
    assert re.search(
        rf'<em>Differs in:</em> <a class="reference internal" href="gamma.html#{gamma_claim}" '
        r'title="Gamma wire report: “The weather in the capital was mild”"><span class="bb-link">3 Wire \(contradicts\)',
        claim_note,
    )
    shared = note_html(body, 3)
    assert '<span class="bb-note-kind">shared passage</span>' in shared
    (gamma_shared,) = [m for m in load_book(seeds).article("gamma").shared_marks]
    assert re.search(
        rf'<em>The same words stand in:</em> <a class="reference internal" href="gamma.html#{passage_id("gamma", gamma_shared.key)}"',
        shared,
    )
    anchors = dict(re.findall(r'<span class="bb-anchor" data-notes="(\d)">([^<]*)</span>', body))
    assert anchors["3"].endswith(
        "maintaining dialogue between armed forces is an important factor in global stability and peace"
    )
    # and gamma links back to alpha
    gamma = article_div((app.outdir / "articles" / "gamma.html").read_text("utf-8"))
    (alpha_shared,) = load_book(seeds).article("alpha").shared_marks
    assert f'href="alpha.html#{passage_id("alpha", alpha_shared.key)}"' in note_html(gamma, 1)


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_claims_matrix_marks_each_source_and_the_dispute(app):
    app.build()
    alpha_claim = passage_anchor(Path(app.config.briefbook_seeds_path), "alpha", "suspended in 2021")
    html = (app.outdir / "claims.html").read_text("utf-8")
    assert html.count('id="bb-claim-suspension-2021"') == 1  # the link's one target
    row = html[html.rindex("<tr", 0, html.index('id="bb-claim-suspension-2021"')) :]
    row = row[: row.index("</tr>")]
    assert "(disputed)" in row
    cells = re.findall(r"<td>(.*?)</td>", row, re.DOTALL)
    assert len(cells) == 5  # the claim, its credibility, then alpha, beta, gamma
    # one source for, one against, neither graded: as many origins for as against
    assert visible_text(cells[1]) == "4 doubtful"
    assert (
        f'href="articles/alpha.html#{alpha_claim}" title="supports the claim: “suspended in 2021”"'
        in cells[2]
    )
    assert "✓" in cells[2] and cells[3].strip() in ("", "<p></p>") and "✗" in cells[4]
    assert 'class="bb-contradicts reference internal"' in cells[4]
    # the row under it, across the table: what the claim stands on, and why it has its grade
    details = html[html.index("bb-claim-details", html.index('id="bb-claim-suspension-2021"')) :]
    details = visible_text(details[: details.index("</tr>")])
    assert details.endswith(
        "1 source · 1 independent origin; contradicted by 1 source · 1 independent origin. "
        "By origin: each source’s own reporting: ✓ 1 , ✗ 3 . "
        "Graded 4: one independent origin supports it and one contradicts it."
    )
    timeline = visible_text((app.outdir / "timeline.html").read_text("utf-8"))
    assert re.search(
        r"2021 The dialogue was suspended in 2021\. \(credibility 4, doubtful\) — sources: 1 The Test Gazette ?, 3 Wire",
        timeline,
    )


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_claims_of_a_book_with_more_sources_than_columns_are_listed(app, monkeypatch):
    # a column per source stops fitting a page at some dozen sources (and TeX fails on hundreds):
    # each claim then lists, by stance, the sources that report it
    monkeypatch.setattr("briefbook.sphinxext.overviews.MATRIX_SOURCES", 2)
    app.build()
    alpha_claim = passage_anchor(Path(app.config.briefbook_seeds_path), "alpha", "suspended in 2021")
    html = (app.outdir / "claims.html").read_text("utf-8")
    assert "<table" not in html
    assert html.count('id="bb-claim-suspension-2021"') == 1
    item = html[html.index('<li class="bb-disputed"><p><span id="bb-claim-suspension-2021">') :]
    item = item[: item.index("</li>")]
    assert visible_text(item) == (
        "2021: The dialogue was suspended in 2021. (disputed) "
        "Credibility 4, doubtful. 1 source · 1 independent origin; contradicted by 1 source · 1 independent "
        "origin. By origin: each source’s own reporting: ✓ 1 , ✗ 3 . Graded 4: "
        "one independent origin supports it and one contradicts it. "
        "✓ supported by: 1 The Test Gazette ; ✗ contradicted by: 3 Wire"
    )
    assert f'href="articles/alpha.html#{alpha_claim}" title="supports the claim: “suspended in 2021”"' in item
    assert "Each source’s label links to the passage" in visible_text(html)


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_glossary_terms_link_from_articles_and_back(app):
    app.build()
    beta = (app.outdir / "articles" / "beta.html").read_text("utf-8")
    # the first mention is linked, as an <abbr> with its expansion; the second is plain text
    assert re.search(
        r'<span id="bb-term-beta-eucom"></span><a class="reference internal" href="../glossary.html#term-EUCOM">'
        r'<abbr class="xref std std-term bb-term" title="United States European Command">Eucom</abbr></a>',
        beta,
    )
    assert beta.count("<abbr") == 1
    glossary = (app.outdir / "glossary.html").read_text("utf-8")
    assert '<dt id="term-EUCOM">EUCOM' in glossary
    start = glossary.index('<p class="bb-mentions">')
    mentions = visible_text(glossary[start : glossary.index("</p>", start)])
    assert mentions == "Mentioned in: Beta & <friends> (2 mentions)"
    assert 'href="articles/beta.html#bb-term-beta-eucom"' in glossary


@pytest.mark.sphinx("latex", testroot="basic", freshenv=True)
def test_print_expands_an_acronym_after_its_first_use(app):
    app.build()
    tex = (app.outdir / "basic.tex").read_text("utf-8")
    assert r"\sphinxtermref{Eucom\bbexpansion{United States European Command}}" in tex
    assert tex.count(r"\bbexpansion") == 1

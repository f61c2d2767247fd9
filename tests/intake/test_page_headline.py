"""The headline among a page's titles: a kicker set apart in the h1, a tail after the headline, a
shortened social title, entities in JSON-LD, a site's name inside a headline.  Each test copies the
markup pattern of a public page (named in its comment) that an earlier rule read wrongly; the text
is invented."""

from __future__ import annotations

from helpers.webpages import json_ld, meta, page, paragraphs_html, prose

from briefbook.intake import webpage

HEADLINE = "Almera extends its ferry timetable into the winter"


def metadata(data: bytes) -> webpage.PageMetadata:
    return webpage.extract_page(data, "page.html").metadata


def article(h1_markup: str, *, title: str, head: str = "") -> bytes:
    body = f"<main><article><h1>{h1_markup}</h1>\n{paragraphs_html(prose(3))}\n</article></main>"
    return page(body, title=title, head=head)


# ---------------------------------------------------------------- a kicker set apart in the h1


def test_a_kicker_in_an_element_of_its_own_is_not_part_of_the_headline():
    # trafilatura tagesschau.de.rheinmetall, mdr.de.autohaeuser: <h1><span class="dachzeile">kicker</span>
    # <span class="headline">headline</span></h1>; the <title> joins them with a colon
    h1 = f'<span class="dachzeile">Harbour news</span> <span class="headline">{HEADLINE}</span>'
    found = metadata(article(h1, title=f"Harbour news: {HEADLINE} | Harbour Times"))
    assert found.title == HEADLINE
    assert f"h1: 'Harbour news {HEADLINE}'" in found.titles_found


def test_a_kicker_before_the_headline_text_and_a_hidden_separator():
    # trafilatura freiheit.org-überlebende (<div class="topic-label"> then the headline as text),
    # cicero.de.pandemie (kicker span, a visually hidden " - ", the headline span; every other title
    # keeps the kicker)
    h1 = f'<div class="topic-label"> Winter </div> {HEADLINE}'
    assert metadata(article(h1, title=f"Winter: {HEADLINE}")).title == HEADLINE
    h1 = (
        '<span class="kicker">Winter service</span> <span class="visually-hidden"> - </span> '
        f'<span class="h1">"{HEADLINE}"</span>'
    )
    head = meta(og_title=f'Winter service - "{HEADLINE}"')
    assert metadata(article(h1, title=f'Winter service - "{HEADLINE}" | Harbour Times', head=head)).title == (
        f'"{HEADLINE}"'
    )


def test_emphasis_at_the_start_of_an_h1_is_no_kicker():
    # the kicker rule asks for an element styled apart (a class): <em> and plain spans stay in
    h1 = "<em>Almera</em> extends its ferry timetable into the winter"
    assert metadata(article(h1, title=HEADLINE)).title == HEADLINE
    h1 = '<span class="kicker">Almera</span>'  # a kicker with no headline after it is the headline
    assert metadata(article(h1, title="Almera")).title == "Almera"


# ---------------------------------------------------------------- what follows the headline in the h1


def test_a_site_name_after_a_bar_in_the_h1_is_cut_when_the_social_title_lacks_it():
    # trafilatura interscenar.io.hoeren: h1 "Headline | OTHERNAME.NET", og:title and twitter:title the
    # headline alone, <title> "Headline | SITENAME.IO" (the site spelled two ways)
    head = meta(og_title=HEADLINE, twitter_title=HEADLINE)
    found = metadata(article(f"{HEADLINE} | HARBOURNOTES.NET", title=f"{HEADLINE} | ALMERA.IO", head=head))
    assert found.title == HEADLINE


def test_a_date_and_sections_after_the_headline_in_the_h1_are_cut():
    # trafilatura hvw-online.org-zuschauer: <h1>Headline<br><small>02.02.2022 • Press, News</small></h1>
    h1 = f"{HEADLINE}<br><small>05.02.2026 • Harbour, Press, News</small>"
    found = metadata(article(h1, title=f"{HEADLINE} | Harbour Association", head=meta(og_title=HEADLINE)))
    assert found.title == HEADLINE


def test_a_slash_in_the_headline_is_no_separator():
    # trafilatura angelmagazin.de-schmerzen: h1 "Können Fische Schmerzen spüren / empfinden?", the
    # <title> shorter
    headline = "Can fish feel pain / suffer in the cold?"
    head = meta(og_title="Can fish feel pain")
    assert (
        metadata(article(headline, title="Can fish feel pain | Harbour Times", head=head)).title == headline
    )


# ---------------------------------------------------------------- a shortened social or search title


def test_the_h1_written_out_wins_over_the_shortened_titles_that_agree():
    # trafilatura battery-news.de.ultium-cells (JSON-LD, og:title and <title> the h1 less its last
    # words), backenmachtgluecklich.de.zitronenkuchen (less words at both ends)
    short = "Almera extends its ferry timetable"
    head = meta(og_title=f"{short} - Harbour Times") + json_ld(**{"@type": "NewsArticle", "headline": short})
    assert metadata(article(HEADLINE, title=f"{short} - Harbour Times", head=head)).title == HEADLINE
    written = f"Good news: {HEADLINE} and the spring"
    head = meta(og_title=HEADLINE) + json_ld(**{"@type": "NewsArticle", "headline": HEADLINE})
    assert metadata(article(written, title=HEADLINE, head=head)).title == written


def test_a_sentence_after_the_headline_in_the_h1_is_not_the_headline_written_out():
    # the h1 holds the headline and, after a full stop, a summary sentence: the titles that agree win
    summary = f"{HEADLINE}. The mayor: a good day for the islands"
    head = meta(og_title=HEADLINE) + json_ld(**{"@type": "NewsArticle", "headline": HEADLINE})
    assert metadata(article(summary, title=HEADLINE, head=head)).title == HEADLINE


# ---------------------------------------------------------------- entities, site names


def test_html_entities_in_the_json_ld_headline_are_read():
    # trafilatura 1000things.at-Wellnessoasen, tonight.de-Arschloch: JSON-LD "Thermen- &#038; Vulkanland",
    # "&#8222;...&#8220;"; og:title and <title> agree on another title
    headline = "Ferries & buses for the winter on Almera"
    head = json_ld(**{"@type": "NewsArticle", "headline": "Ferries &#038; buses for the winter on Almera"})
    head += meta(og_title="Six winter ferries to take | Harbour Times")
    found = metadata(article(headline, title="Six winter ferries to take | Harbour Times", head=head))
    assert found.title == headline
    assert found.title_source == "the page's h1, as its JSON-LD headline say"


def test_a_headline_that_mentions_the_site_name_is_not_the_site_name():
    # trafilatura smava.de.privatkredit: og:site_name "Privatkredit", h1 "Wie hoch sind die Zinsen für
    # einen Privatkredit?", og:title and <title> agree on another, search-engine title
    headline = "How late are the winter Ferries?"
    head = meta(og_site_name="Ferries", og_title="Ferry times: all you need to know | FERRIES")
    found = metadata(article(headline, title="Ferry times: all you need to know | FERRIES", head=head))
    assert found.title == headline


# ---------------------------------------------------------------- the h1 against a declared headline


def test_the_h1_wins_over_a_json_ld_headline_that_says_the_same_in_other_words():
    # trafilatura auto.oe24.at-golfchina, vergleich.de.leasen: the h1 one wording, the JSON-LD headline,
    # og:title and <title> an earlier one
    declared = "Almera extends the ferry timetable into winter"
    head = meta(og_title=declared) + json_ld(**{"@type": "NewsArticle", "headline": declared})
    found = metadata(article(HEADLINE, title=declared, head=head))
    assert found.title == HEADLINE
    assert found.title_source == "the page's h1, which its JSON-LD headline words otherwise"


def test_an_h1_of_other_words_or_with_a_summary_run_in_leaves_the_declared_headline():
    # an h1 that shares few words with the declared headline is another text (a teaser, a section);
    # wpolityce.pl ("Jest zgoda PE..."): the declared headline, a full stop and a sentence in the h1
    head = meta(og_title=HEADLINE) + json_ld(**{"@type": "NewsArticle", "headline": HEADLINE})
    assert (
        metadata(article("Our picks for a weekend by the sea", title=HEADLINE, head=head)).title == HEADLINE
    )
    summary = f"{HEADLINE}. Mayor: a good day for the islands and the harbour"
    assert metadata(article(summary, title=HEADLINE, head=head)).title == HEADLINE

"""A page's headline is the one it shows its reader, its site's name and slogan cut off; its author
field is checked.  Each test copies the markup pattern of a public page (named in its comment)
that an earlier rule read wrongly; the text is invented."""

from __future__ import annotations

from helpers.tinybook import make_book
from helpers.webpages import article_page, json_ld, meta, page, paragraphs_html, prose

from briefbook.cli import main
from briefbook.editorial.sidecar import load_sidecar
from briefbook.editorial.yamlload import load_yaml
from briefbook.intake import webpage
from briefbook.intake.add import article_to_add
from briefbook.intake.pagemeta import check_name, checked_author
from briefbook.intake.pagetitle import split_parts, strip_site

HEADLINE = "Almera extends its ferry timetable into the winter"


def metadata(data: bytes) -> webpage.PageMetadata:
    return webpage.extract_page(data, "page.html").metadata


# ---------------------------------------------------------------- the headline (rule F)


def test_a_headline_with_a_dash_in_it_stays_whole():
    # trafilatura murdeltas.wordpress.com.politcamp, readability topicseed-1: the h1 has a dash,
    # the <title> adds the site's name after another separator
    headline = "Barcamp Almera 2026 – Ferry Camp Call for Action"
    data = article_page(headline, prose(3), title=f"{headline} | almera notes", head=meta(og_title=headline))
    assert metadata(data).title == headline


def test_a_social_title_with_site_and_slogan_before_the_headline_loses_to_the_h1():
    # the page: og:title "Site | Slogan: Headline"; <title> and h1 the headline alone
    head = meta(og_title=f"Harbour Times | News you can trust: {HEADLINE}", og_site_name="Harbour Times")
    found = metadata(article_page(HEADLINE, prose(3), head=head))
    assert found.title == HEADLINE
    assert found.title_source == "the page's h1, as its <title> and og:title say"
    assert found.titles_found == (f"og:title: 'Harbour Times | News you can trust: {HEADLINE}'",)


def test_the_reader_headline_wins_over_a_different_social_title():
    # trafilatura hellogiggles.com.skin, motor.at-elektroroller: h1 = JSON-LD headline, og:title other
    head = meta(og_title="Winter ferries: what changes") + json_ld(
        **{"@type": "NewsArticle", "headline": HEADLINE}
    )
    found = metadata(
        article_page(HEADLINE, prose(3), title="Winter ferries: what changes | Harbour Times", head=head)
    )
    assert found.title == HEADLINE
    assert "og:title: 'Winter ferries: what changes'" in found.titles_found


def test_the_site_name_is_cut_off_wherever_it_stands():
    # trafilatura heiko-adams.de.laufen, evang.at-lockdown: "Headline › Site" in og:title and <title>,
    # no h1; the site known by its address
    head = (
        meta(og_title=f"{HEADLINE} › almera.example")
        + '<link rel="canonical" href="https://www.almera.example/a">'
    )
    body = f"<div class='post'>{paragraphs_html(prose(3))}</div>"
    assert metadata(page(body, title=f"{HEADLINE} › almera.example", head=head)).title == HEADLINE
    parts, separators = split_parts(f"Almera Notes | {HEADLINE}")
    assert (parts, separators) == (["Almera Notes", HEADLINE], [" | "])
    assert strip_site(f"Almera Notes | {HEADLINE}", {"almeranotes"}) == (HEADLINE, ["Almera Notes"])


def test_a_date_stamp_after_the_headline_is_cut_off():
    # trafilatura kyffhaeuser-nachrichten.de-Regen: "Headline : 31.10.2023, 10.19 Uhr"
    stamped = f"{HEADLINE} : 05.02.2026, 10.19 Uhr"
    body = f"<div class='post'>{paragraphs_html(prose(3))}</div>"
    assert metadata(page(body, title=stamped, head=meta(og_title=stamped))).title == HEADLINE


def test_a_blog_name_in_the_h1_is_not_the_headline():
    # trafilatura fouryears.eu.interning, disfunctions.de.podcasts: the h1 is the blog's name (its
    # address's), the post's title is in <title> after "Blog Archive »"
    head = '<link rel="canonical" href="https://almeranotes.example/2026/ferry">'
    data = article_page("Almera Notes Remaining", prose(3), title=f"Blog Archive » {HEADLINE}", head=head)
    assert metadata(data).title == HEADLINE


def test_a_one_word_heading_at_the_end_of_the_title_is_the_site():
    # trafilatura archive.org.dimido.de.marketing: h1 "DimidoBlog", <title> "Headline | DimidoBlog"
    data = article_page("AlmeraBlog", prose(3), title=f"{HEADLINE} | AlmeraBlog")
    assert metadata(data).title == HEADLINE


def test_a_label_in_the_h1_is_not_the_headline():
    # trafilatura disfunctions.de ("Allgemein"), oekolandbau.de ("Detailansicht"): a category label as h1
    data = article_page("Allgemein", prose(3), title=HEADLINE, head=meta(og_title=HEADLINE))
    assert metadata(data).title == HEADLINE


def test_a_kicker_in_the_h1_is_left_out_when_the_other_titles_lack_it():
    # trafilatura hss.de-Regierung: h1 "Tunesien Große Aufgaben für die neue Regierung", og:title without
    # the kicker "Tunesien"
    data = article_page(
        f"Almera {HEADLINE}", prose(3), title=f"{HEADLINE} | Harbour Times", head=meta(og_title=HEADLINE)
    )
    assert metadata(data).title == HEADLINE


def test_a_post_title_in_an_h2_under_the_blog_name_h1():
    # trafilatura mywakenews.wordpress.com.psyop: teaser h1s of other posts, the post's title an h2
    body = (
        "<h1>Other post about the harbour</h1><h1>Another post about fish</h1>"
        f"<article><h2>{HEADLINE}</h2>{paragraphs_html(prose(3))}</article>"
    )
    assert (
        metadata(page(body, title=f"{HEADLINE} | Almera's Blog", head=meta(og_title=HEADLINE))).title
        == HEADLINE
    )


def test_the_sidecar_says_which_title_was_chosen_and_what_else_was_found(tmp_path, monkeypatch, capsys):
    book = make_book(tmp_path / "book")
    monkeypatch.chdir(book)
    source = tmp_path / "ferry.html"
    head = meta(og_title="Winter ferries: what changes")
    source.write_bytes(article_page(HEADLINE, prose(3), title=f"{HEADLINE} | Harbour Times", head=head))
    assert main(["add", str(source)]) == 0
    [path] = (book / "seeds").glob("004_ferry_*.yaml")
    assert load_sidecar(path).title == HEADLINE
    text = path.read_text("utf-8")
    assert f'title: "{HEADLINE}"  # from the page\'s h1, as its <title> say' in text
    assert load_yaml(path)["source"]["titles_found"] == (
        f"og:title: 'Winter ferries: what changes'; <title>: '{HEADLINE} | Harbour Times'"
    )


# ---------------------------------------------------------------- the author (rule G)


def test_labels_comments_and_site_names_are_no_authors():
    sites = {"almeratimes", "almera"}
    # trafilatura literaturgefluester ("Name"), deutsche-handwerkszeitung ("Admin"),
    # thenervousbreakdown ("Art Edwards says"), damianduchamps ("Stephangoeldi Said")
    for field in ("Name", "Admin", "Username", "No Author", "Rita Nyland says", "Kari said"):
        assert check_name(field, sites)[0] is None, field
    # katholisch.at ("Katholisch At"), ekiba.de (the web agency that made the site)
    assert check_name("Almera At", sites) == (None, "a company or an address, not an author")
    assert check_name("Web Builders GmbH www webbuilders de", sites)[0] is None
    # a personal site's owner is its author: trafilatura wolfgangmichal.de
    assert checked_author("Almera Times", sites) == ("Almera Times", "from the page's metadata (its author)")


def test_a_name_is_tidied_of_its_label_and_the_date_after_it():
    # readability lwn-1 ("Nathan Willis March"), trafilatura francais.radio.cz ("Auteur Anna Kubišta")
    assert check_name("By Rita Nyland", set()) == ("Rita Nyland", "")
    assert check_name("Auteur Rita Nyland", set()) == ("Rita Nyland", "")
    assert check_name("Rita Nyland March", set()) == ("Rita Nyland", "")
    assert check_name("Theresa May", set()) == ("Theresa May", "")
    assert check_name("Lena Marsh", set()) == ("Lena Marsh", "")


def test_the_site_is_set_aside_from_a_list_of_authors():
    # trafilatura elmostrador.cl ("El Mostrador; Raúl Espina"), die-tagespost.de, edition.cnn.com-royal
    assert checked_author("Almera Times; Rita Nyland", {"almeratimes"}) == (
        "Rita Nyland",
        "from the page's metadata (its author); set aside: 'Almera Times' (the site's own name)",
    )


def test_an_author_field_that_is_a_label_gives_way_to_the_byline_in_the_text(tmp_path, monkeypatch):
    # trafilatura japantimes.co.jp.surgical: <meta name="author" content="No Author">, a byline in the text
    book = make_book(tmp_path / "book")
    monkeypatch.chdir(book)
    source = tmp_path / "ferry.html"
    source.write_bytes(
        article_page(HEADLINE, ["By Rita Nyland", *prose(3)], head=meta(name_author="No Author"))
    )
    assert main(["add", str(source)]) == 0
    [path] = (book / "seeds").glob("004_ferry_*.yaml")
    assert load_sidecar(path).author == "Rita Nyland"
    assert "the page's author field is no author: 'No Author' (a label, not a name)" in path.read_text(
        "utf-8"
    )


def test_the_text_of_a_page_starts_with_its_headline(tmp_path):
    # scrapinghub 961bd85c: a "Staff Reports" line opens the extracted text, the h1 stands above it;
    # cleaning took the first line for the headline and left the headline in the text
    body = f"<header><h1>{HEADLINE}</h1></header><div class='entry'><p>Staff Reports</p>{paragraphs_html(prose(4))}</div>"
    source = tmp_path / "ferry.html"
    source.write_bytes(page(body, title=f"{HEADLINE} | Harbour Times"))
    prepared = article_to_add(tmp_path, source)
    assert prepared.incoming.page.text.startswith(f"{HEADLINE}\n\nStaff Reports\n\n")
    assert prepared.article.headline == HEADLINE
    assert prepared.article.paragraphs[1:] == tuple(prose(4))

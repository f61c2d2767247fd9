"""A page is refused only when it certainly has no article; when in doubt its text is added and the
doubt said.  Each test copies the markup pattern of a public page (named in its comment) that an
earlier rule refused wrongly; the text is invented."""

from __future__ import annotations

import pytest
from helpers.tinybook import make_book
from helpers.webpages import article_page, json_ld, meta, page, paragraphs_html, prose, teaser_list

from briefbook.cli import main
from briefbook.editorial.yamlload import load_yaml
from briefbook.errors import BriefbookError, Code
from briefbook.intake import webpage
from briefbook.intake.noarticle import word_count
from briefbook.intake.pagebytes import sniff


def extract(data: bytes) -> webpage.ExtractedPage:
    return webpage.extract_page(data, "page.html")


def refusal(data: bytes) -> str:
    with pytest.raises(BriefbookError) as caught:
        extract(data)
    [problem] = caught.value.problems
    assert problem.code == Code.PAGE_NO_ARTICLE
    return problem.message


HEADLINE = "Almera extends its ferry timetable into the winter"


# ---------------------------------------------------------------- index pages (rule A)


def test_an_article_declaring_itself_is_never_an_index_however_many_links_it_carries():
    # scrapinghub 2c46804d: a NewsArticle whose page holds 61 <article> teaser cards
    cards = "".join(
        f'<article class="card"><a href="/s/{n}">Ferry council story {n}</a></article>' for n in range(61)
    )
    data = article_page(HEADLINE, prose(4), head=json_ld(**{"@type": "NewsArticle", "headline": HEADLINE}),
                        after=cards)  # fmt: skip
    text = extract(data).text
    assert prose(4)[0] in text and prose(4)[3] in text


def test_related_headline_links_under_an_article_do_not_make_it_an_index():
    # readability "telegraph": og:type article, 24 related headlines (h3 > a) around the story
    data = article_page(HEADLINE, prose(5), head=meta(og_type="article"), after=teaser_list(24))
    assert prose(5)[4] in extract(data).text


def test_an_article_of_one_sentence_paragraphs_is_prose_even_without_a_declaration():
    # scrapinghub 3ce1c8fd: a results story, every paragraph one short sentence, 16 linked headlines
    short = [p.split(". ")[0] + "." for p in prose(6)]
    page_ = article_page(HEADLINE, short, after=teaser_list(16))
    assert all(sentence in extract(page_).text for sentence in short)


def test_a_page_of_teasers_only_is_an_index():
    # the own corpus's index page: linked headlines, each with a teaser cut short
    body = (
        "<main><h1>World</h1>"
        + teaser_list(12, teaser="The harbour council of Almera voted on Tuesday to…")
        + "</main>"
    )
    assert refusal(page(body, title="World news")).startswith("an index page listing 12 articles")


def test_a_long_text_with_linked_section_headings_is_added():
    # trafilatura's github.com.yapapi: no declaration, a README with six linked h2 section headings
    sections = "".join(
        f'<h2><a href="#s{n}">Section number {n} of the guide</a></h2>{paragraphs_html(prose(2, n))}'
        for n in range(6)
    )
    text = extract(page(f"<article>{sections}</article>", title="Guide")).text
    assert prose(2, 5)[1] in text


# ---------------------------------------------------------------- text in unspaced scripts (rule B)


def test_words_of_unspaced_scripts_are_counted_by_characters():
    assert word_count("東京都は新しい計画を発表した") == 7  # 14 characters, two to a word
    assert word_count("Tokyo 東京 said") == 3
    assert word_count("รัฐบาลประกาศแผนใหม่") == 10


CHINESE = [
    "阿尔梅拉港务委员会周二投票决定将渡轮时刻表延长至冬季月份，官员表示这一变化每年将花费约四十万欧元。",
    "渔民自春季以来一直要求增加晚间航班，当时有两艘船在海上被困过夜，居民对此次投票表示欢迎。",
]


def test_a_chinese_article_is_not_refused_as_too_short():
    # readability yahoo-4 (Japanese), trafilatura xinhuanet c_1125597921: few spaces, many characters
    extracted = extract(article_page("阿尔梅拉延长渡轮时刻表", CHINESE, lang="zh"))
    assert CHINESE[1] in extracted.text
    assert not any("short" in n for n in extracted.notices)


def test_a_chinese_page_with_heavy_scripts_is_not_called_a_script_shell():
    # trafilatura archive.org.he.xinhuanet 25340717: 60 KB of scripts around a short Chinese story
    scripts = "<script>" + "var tracker = {id: 1};" * 3000 + "</script>"
    extracted = extract(article_page("阿尔梅拉延长渡轮时刻表", CHINESE, head=scripts, lang="zh"))
    assert CHINESE[0] in extracted.text


# ---------------------------------------------------------------- short texts and walls (rule C)


def test_a_short_post_beside_a_cookie_banner_is_added_with_a_notice():
    # trafilatura gnaur.wordpress.com: a short post; the blog's cookie banner is not the text
    banner = (
        '<div class="cookie-banner">This site uses cookies. By continuing you accept our cookie policy. '
        "Privacy policy</div>"
    )
    short = "The harbour council voted on Tuesday to keep the winter ferry."
    extracted = extract(article_page(HEADLINE, [short], before=banner, head=meta(og_type="article")))
    assert short in extracted.text
    assert any(n.startswith("the text is short (") for n in extracted.doubts)


def test_a_short_text_is_added_and_said_to_be_short():
    # trafilatura it-for-kids.org.variables: 33 words of text, an article nonetheless
    short = prose(1)[0].split(". ")[0] + "."
    extracted = extract(article_page(HEADLINE, [short]))
    assert short in extracted.text
    assert any("check that it is the whole article" in n for n in extracted.doubts)


def test_a_consent_notice_that_is_the_whole_text_is_still_refused():
    body = (
        "<div><h1>Before you continue</h1><p>We and our partners use cookies to deliver our services. "
        "Accept all or reject all; manage options in your privacy settings.</p></div>"
    )
    assert refusal(page(body, title="Before you continue")) == (
        "no article in the page, only a cookie or consent notice"
    )


def test_a_page_that_says_it_was_not_found_is_refused():
    body = "<h1>Page not found</h1><p>Sorry, that page has moved.</p>"
    assert refusal(page(body, title="404 Not Found")).startswith(
        "no article text found in the page: it says the page was not found"
    )


# ---------------------------------------------------------------- what a page is (rules D, E)


def test_a_page_that_starts_with_a_long_style_sheet_is_a_page():
    # trafilatura laweekly.com-Cultivation: 20 KB of <style> before <html>
    style = "<style>\n" + ".grid { display: grid; gap: 10px; }\n" * 600 + "</style>\n"
    data = style.encode() + article_page(HEADLINE, prose(3))
    assert sniff(data) == "html"
    assert prose(3)[2] in extract(data).text


def test_control_characters_are_removed_and_said():
    # trafilatura careelite.de: a BEL character in the text made the extractor give up
    paragraphs = prose(3)
    paragraphs[0] = paragraphs[0].replace("four", "four\x07")
    extracted = extract(article_page(HEADLINE, paragraphs))
    assert "four hundred" in extracted.text and "\x07" not in extracted.text
    assert "removed 1 control character(s) that are no text (a page cannot show them)" in extracted.notices


def test_when_the_extractor_gives_nothing_on_a_page_with_text_that_is_said(monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    message = refusal(article_page(HEADLINE, prose(3)))
    assert message.startswith(f"the extractor ({webpage.extractor_name()}) could not read the page")


def test_a_doubt_is_printed_by_add_and_kept_in_the_sidecar(tmp_path, monkeypatch, capsys):
    book = make_book(tmp_path / "book")
    monkeypatch.chdir(book)
    source = tmp_path / "short.html"
    source.write_bytes(
        article_page(HEADLINE, ["The harbour council voted on Tuesday to keep the winter ferry."])
    )
    assert main(["add", str(source)]) == 0
    assert "doubtful: the text is short (" in capsys.readouterr().out
    [sidecar] = (book / "seeds").glob("004_short_*.yaml")
    assert load_yaml(sidecar)["source"]["doubts"].startswith("the text is short (")

"""What a page puts beside its article stays out of its text: captions and credits, related
articles, newsletter boxes, share buttons, affiliate disclosures, video players; and the
article stays in, whatever its wrapper is called.  Each test copies the markup pattern of a
public page (named in its comment); the text is invented."""

from __future__ import annotations

import pytest
from helpers.webpages import article_page, e, paragraphs_html, prose

from briefbook.intake import webpage
from briefbook.intake.add import article_to_add
from briefbook.intake.prune import kind_of

HEADLINE = "Almera extends its ferry timetable into the winter"


@pytest.mark.parametrize(
    ("attribute", "kind"),
    [
        ("wp-caption-text", "caption"),
        ("caption-source", "caption"),
        ("box related-articles clear", "related"),
        ("jsx-3660587597 newsletter-signup-button", "newsletter"),
        ("rrssb-baseline share-container", "share"),
        ("jsx-4008421590 commerce-disclosure", "disclosure"),
        ("vjs-control-bar", "video"),
        ("m-detail--author-box", "author-box"),
        ("read-more-links", "related"),
        ("article-body", None),
        ("entry-content post-12", None),
        ("shareholders-report", None),
        ("hz-editorial-gallery", None),  # a gallery may be the story (trafilatura houzz.de, economictimes)
    ],
)
def test_the_class_of_a_box_says_what_it_is(attribute, kind):
    assert kind_of(attribute) == kind


def text_of(data: bytes) -> str:
    return webpage.extract_page(data, "page.html").text


def article_text(tmp_path, data: bytes) -> list[str]:
    """The article's paragraphs as the book shows them (the page read and cleaned)."""
    source = tmp_path / "page.html"
    source.write_bytes(data)
    return list(article_to_add(tmp_path, source).article.paragraphs)


def test_captions_credits_and_a_disclosure_stay_out(tmp_path):
    # scrapinghub 3c5bf8db: div.caption-text and div.credit in the story's figure, an
    # aside#affiliateDisclaimer, "Related: ..." lines between the paragraphs
    figure = (
        '<figure><img src="a.jpg"><div class="caption-text">The ferry leaving the northern pier at dawn.</div>'
        '<div class="credit">(Image: © Harbour Archive)</div></figure>'
    )
    disclaimer = '<aside id="affiliateDisclaimer">Our readers support us. When you buy through links we may earn.</aside>'
    body = prose(4)
    data = article_page(
        HEADLINE,
        [],
        after=f"<div class='story'>{disclaimer}{paragraphs_html(body[:2])}{figure}"
        f"<p>Related: Ten ferries that changed the islands</p>{paragraphs_html(body[2:])}</div>",
    )
    assert article_text(tmp_path, data) == body


def test_related_lists_and_calls_to_read_more_stay_out(tmp_path):
    # scrapinghub 624fcd90: div.related-articles boxes in the story, "SEE MORE:" and "DON'T MISS" lines
    related = (
        '<div class="box related-articles"><h3>Related articles</h3><ul>'
        + "".join(f'<li><a href="/s/{n}">Ferry story number {n}</a></li>' for n in range(3))
        + "</ul></div>"
    )
    body = prose(4)
    paragraphs = paragraphs_html(body[:2]) + related + "<p>SEE MORE: Harbour strike ends after three days</p>"
    paragraphs += paragraphs_html(body[2:]) + "<p>DON'T MISS Ferry fares [LATEST] Pier repairs [VIDEO]</p>"
    assert (
        article_text(tmp_path, article_page(HEADLINE, [], after=f"<div class='story'>{paragraphs}</div>"))
        == body
    )


def test_newsletter_follow_and_affiliate_lines_stay_out(tmp_path):
    # scrapinghub 55bb6340 (a newsletter plea), 04a6711c ("Follow ... on Facebook, Twitter"),
    # 287e4d9f (div.commerce-disclosure and a newsletter-signup button)
    body = prose(3)
    extra = (
        '<div class="commerce-disclosure">If you buy something through this post, Almera Times may get a share '
        "of the sale.</div>"
        '<button class="newsletter-signup-button">Join the Almera Deals Newsletter.</button>'
    )
    lines = [
        "Sign up for the Almera Daily today to get the free newsletter delivered to your inbox.",
        "Follow the Almera Times Opinion section on Facebook, Twitter and Instagram.",
    ]
    data = article_page(HEADLINE, [*body, *lines], after=extra)
    assert article_text(tmp_path, data) == body


def test_a_caption_glued_to_its_source_and_share_buttons_stay_out():
    # scrapinghub fde930b0: span.caption + span.caption-source inside the story, div.share modules
    caption = '<p><span class="caption">The ferry at the northern pier.</span><span class="caption-source">Reuters</span></p>'
    share = '<div class="share">facebook linkedin twitter email print</div>'
    text = text_of(
        article_page(
            HEADLINE, [], after=f"<div class='story'>{share}{caption}{paragraphs_html(prose(3))}{share}</div>"
        )
    )
    assert "northern pier" not in text and "linkedin" not in text and prose(3)[2] in text


def test_the_article_in_a_wrapper_named_like_a_box_stays():
    # trafilatura 0b4609a8 (SWR: the story inside div.player), cdu-fraktion-erfurt.de (div.blog_teaser_text)
    for wrapper in ("player", "blog_teaser_text", "sharingContainer"):
        text = text_of(
            article_page(HEADLINE, [], after=f'<div class="{e(wrapper)}">{paragraphs_html(prose(4))}</div>')
        )
        assert prose(4)[3] in text, wrapper


def test_what_was_left_out_is_said():
    figure = '<figure><img src="a.jpg"><figcaption>The ferry at the northern pier.</figcaption></figure>'
    page = webpage.extract_page(
        article_page(HEADLINE, [], after=f"<div>{figure}{paragraphs_html(prose(3))}</div>"), "p"
    )
    assert "left out 1 box beside the article (1 caption: 6 words)" in page.notices

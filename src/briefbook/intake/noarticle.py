"""Why a page gives no article, as precisely as the page lets us say: a cookie or sign-in wall,
text that scripts fill in, an index of many articles; each a problem with a hint of what to do."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from ..errors import BriefbookError, Code, Problem
from ..printable import counted

MIN_ARTICLE_WORDS = 40  # less than this is not an article (a teaser, a notice, a wall)
_SPACE = re.compile(r"\s+")


def word_count(text: str) -> int:
    return len(text.split())


_COOKIE_WORDS = re.compile(
    r"\b(?:cookies?|consent|accept all|reject all|manage (?:options|preferences|settings)|privacy "
    r"(?:settings|policy|preferences)|our partners|legitimate interest|personali[sz]ed ads)\b",
    re.IGNORECASE,
)
_LOGIN_WORDS = re.compile(
    r"\b(?:sign in|log ?in|subscribe|subscribers? only|subscription|create (?:a free|an) account|"
    r"register to (?:continue|read)|already a subscriber|to continue reading|paywall)\b",
    re.IGNORECASE,
)
_SCRIPT_HINTS = re.compile(
    r"\b(?:enable javascript|javascript (?:is )?(?:required|disabled)|turn on javascript|"
    r"requires javascript|loading\.\.\.)",
    re.IGNORECASE,
)


def _page_stats(tree) -> dict[str, int]:
    """Counts that tell an index page, a wall or a script-filled page from an article."""
    scripts = tree.xpath("//script")
    script_chars = sum(len(s.text or "") for s in scripts)
    headline_links = 0
    for heading in tree.xpath("//h2|//h3|//h4"):
        anchors = heading.xpath(".//a[@href]")
        if anchors and word_count(heading.text_content()) >= 3:
            headline_links += 1
    articles = len(tree.xpath("//article"))
    return {"script_chars": script_chars, "headline_links": headline_links, "articles": articles}


def _visible_text(tree) -> str:
    clone = lxml_html.fromstring(lxml_html.tostring(tree))
    for element in clone.xpath("//script|//style|//noscript|//template"):
        element.drop_tree()
    return _SPACE.sub(" ", clone.text_content()).strip()


WALL_MAX_WORDS = 150  # a consent or sign-in notice is short; an article about cookies is not


def wall_kind(text: str) -> str | None:
    """ "cookie" or "sign-in" when a short text is a consent notice or a sign-in wall."""
    if len(_COOKIE_WORDS.findall(text)) >= 3:
        return "cookie"
    if len(_LOGIN_WORDS.findall(text)) >= 3:
        return "sign-in"
    return None


def page_problem(code: Code, label: str, message: str, hint: str | None = None) -> BriefbookError:
    return BriefbookError(Problem(code, message, label, hint=hint))


def plain_text_error(label: str) -> BriefbookError:
    """A file named or served as a web page that holds plain text."""
    return page_problem(
        Code.PAGE_NOT_HTML,
        label,
        "plain text, not a web page (no HTML in it)",
        "rename it to .txt and add that",
    )


def index_page_error(label: str, count: int) -> BriefbookError:
    return page_problem(
        Code.PAGE_NO_ARTICLE,
        label,
        f"an index page listing {counted(count, 'article')}, not one article",
        "open the article you want and add that page",
    )


def no_article_error(
    label: str, tree, extracted_words: int, text: str, wall: str | None = None
) -> BriefbookError:
    """Why a page gives no article, as precisely as the page lets us say."""
    visible = _visible_text(tree)
    stats = _page_stats(tree)
    sample = f"{text} {visible[:4000]}"
    if wall == "cookie" or (wall is None and len(_COOKIE_WORDS.findall(sample)) >= 2):
        return page_problem(
            Code.PAGE_NO_ARTICLE,
            label,
            "no article in the page, only a cookie or consent notice",
            "open the article in a browser, accept or refuse the notice, then save the page again "
            "(or paste the text into a .txt file)",
        )
    if wall == "sign-in" or len(_LOGIN_WORDS.findall(sample)) >= 2:
        return page_problem(
            Code.PAGE_NO_ARTICLE,
            label,
            "no article in the page, only a sign-in or subscription wall",
            "save the page from a browser where you are signed in (or paste the text into a .txt file)",
        )
    if stats["headline_links"] >= 5 or stats["articles"] >= 4:
        return index_page_error(label, max(stats["headline_links"], stats["articles"]))
    if word_count(visible) < MIN_ARTICLE_WORDS * 2 and (
        stats["script_chars"] > 2000 or _SCRIPT_HINTS.search(visible)
    ):
        return page_problem(
            Code.PAGE_NO_ARTICLE,
            label,
            "the page's text is filled in by scripts when a browser shows it, and the saved HTML holds none",
            "save the page from the browser after it has loaded (Save Page As, 'Web Page, complete') "
            "or paste the text into a .txt file",
        )
    return page_problem(
        Code.PAGE_NO_ARTICLE,
        label,
        f"no article text found in the page ({counted(extracted_words, 'word')} of text; an article has "
        f"at least {MIN_ARTICLE_WORDS})",
        "paste the text into a .txt file instead",
    )


def listed_articles(tree, paragraphs: list[str]) -> int:
    """How many articles a page lists, when it is an index page rather than one article (else 0).

    An index repeats a headline link (a heading that is a link) many times and its
    text is mostly those headlines, not sentences.
    """
    stats = _page_stats(tree)
    listed = max(stats["headline_links"], stats["articles"])
    if listed < 5:
        return 0
    prose = sum(word_count(p) for p in paragraphs if word_count(p) >= 25)
    total = sum(word_count(p) for p in paragraphs) or 1
    return listed if prose / total < 0.5 or listed >= 12 else 0

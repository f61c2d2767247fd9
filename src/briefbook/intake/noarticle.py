"""Whether a page has an article, and why not when it certainly has none.

A refusal must be right: a page is refused only when it certainly holds no article (a
cookie or sign-in wall, a "page not found", a shell that scripts fill in, an index of
teasers, no text at all), each with a hint of what to do.  When a page only looks doubtful
(little text, many links to other articles beside it), its article is added and the doubt
is said: the editor sees the text and decides, where a wrong refusal would leave them nothing.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

from ..errors import BriefbookError, Code, Problem
from ..printable import counted
from .pagefacts import PageFacts, declares_one_article

MIN_ARTICLE_WORDS = 40  # less than this is a short text: added, with a notice
WALL_MAX_WORDS = 150  # a consent or sign-in notice is short; an article about cookies is not
PROSE_WORDS = 25  # a paragraph this long is prose, not a teaser or a label
INDEX_MIN_LISTED = 5  # headline links (or <article> elements) a page of teasers has at least
_SPACE = re.compile(r"\s+")

# Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, Japanese kana, CJK
# ideographs.  Their text is counted by characters, CHARS_PER_WORD to a word (Chinese words
# are one to three characters; a 40-word article is some 80 characters).
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002fa1f]"
)
CHARS_PER_WORD = 2


def word_count(text: str) -> int:
    """Words of a text: space-separated words, plus unspaced scripts' characters counted two to a word."""
    rest, unspaced = _UNSPACED.subn(" ", text)
    return len(rest.split()) + (unspaced + CHARS_PER_WORD - 1) // CHARS_PER_WORD


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
# what a "page not found" says in its title or heading
_NOT_FOUND = re.compile(
    r"\b(?:404|page not found|no longer (?:available|exists)|(?:does not|doesn't) exist|"
    r"seite nicht gefunden|page introuvable|página no encontrada|pagina non trovata|"
    r"страница не найдена)\b|^\W*not found\W*$",
    re.IGNORECASE,
)
# a teaser is cut short: "…", "...", "[…]", "Read more"
_CUT = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\]|read more|weiterlesen|lire la suite|leer más)\W*$", re.I)


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
        f"an index page listing {counted(count, 'article')}, not one article (its text is their teasers only)",
        "open the article you want and add that page",
    )


def _wall_error(label: str, wall: str) -> BriefbookError:
    if wall == "cookie":
        return page_problem(
            Code.PAGE_NO_ARTICLE,
            label,
            "no article in the page, only a cookie or consent notice",
            "open the article in a browser, accept or refuse the notice, then save the page again "
            "(or paste the text into a .txt file)",
        )
    return page_problem(
        Code.PAGE_NO_ARTICLE,
        label,
        "no article in the page, only a sign-in or subscription wall",
        "save the page from a browser where you are signed in (or paste the text into a .txt file)",
    )


def visible_text(tree) -> str:
    """The text a browser shows without scripts: the page less its scripts, styles and templates."""
    clone = lxml_html.fromstring(lxml_html.tostring(tree))
    for element in clone.xpath("//script|//style|//noscript|//template"):
        element.drop_tree()
    return _SPACE.sub(" ", clone.text_content()).strip()


def _script_chars(tree) -> int:
    return sum(len(s.text or "") for s in tree.xpath("//script"))


def listed_headlines(tree) -> list[str]:
    """Headings that are links to other pages (an index's headlines, an article's related links)."""
    found = []
    for heading in tree.xpath("//h2|//h3|//h4"):
        text = _SPACE.sub(" ", heading.text_content()).strip()
        if heading.xpath(".//a[@href]") and word_count(text) >= 3:
            found.append(text)
    return found


_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’»)\]]*$")


def prose_words(paragraphs: list[str], headlines: set[str]) -> int:
    """Words in paragraphs of prose: sentences or long paragraphs, neither a linked headline
    nor a teaser cut short."""
    total = 0
    for paragraph in paragraphs:
        words = word_count(paragraph)
        if paragraph in headlines or _CUT.search(paragraph):
            continue
        if words >= PROSE_WORDS or _SENTENCE_END.search(paragraph):
            total += words
    return total


def check_listing(label: str, tree, facts: PageFacts, paragraphs: list[str]) -> list[str]:
    """Refuse an index of teasers; say so when an article stands among many links to others.

    A page that declares one article (og:type, JSON-LD, microdata) is never an index:
    article pages carry long lists of related links.  Otherwise a page is an index only when
    it lists many articles and its text holds no prose at all, only their headlines, teasers
    cut short and labels.
    """
    headlines = listed_headlines(tree)
    listed = max(len(headlines), len(tree.xpath("//article")))
    if listed < INDEX_MIN_LISTED:
        return []
    prose = prose_words(paragraphs, set(headlines))
    total = sum(word_count(p) for p in paragraphs) or 1
    if not declares_one_article(facts) and prose < MIN_ARTICLE_WORDS:
        raise index_page_error(label, listed)
    if prose / total < 0.5:
        return [
            f"the page also links to {listed} other articles and half its text or more is not prose: "
            "check that the text is the one article"
        ]
    return []


def check_short_text(label: str, tree, facts: PageFacts, text: str, words: int) -> list[str]:
    """A page with less text than an article: refused when it is certainly no article, else a notice."""
    wall = wall_kind(text)
    visible = visible_text(tree)
    if words == 0 and wall is None and word_count(visible) < WALL_MAX_WORDS:
        wall = wall_kind(visible[:4000])  # nothing extracted: the page's whole text is the notice
    if wall:
        raise _wall_error(label, wall)
    heads = [facts.title, *facts.h1[:2]]
    if any(_NOT_FOUND.search(h) for h in heads if h):
        raise page_problem(
            Code.PAGE_NO_ARTICLE,
            label,
            f"no article text found in the page: it says the page was not found ({counted(words, 'word')} of text)",
            "check the address; open the article in a browser and save it again",
        )
    if word_count(visible) < 2 * MIN_ARTICLE_WORDS and (
        _script_chars(tree) > 2000 or _SCRIPT_HINTS.search(visible)
    ):
        raise page_problem(
            Code.PAGE_NO_ARTICLE,
            label,
            "the page's text is filled in by scripts when a browser shows it, and the saved HTML holds none",
            "save the page from the browser after it has loaded (Save Page As, 'Web Page, complete') "
            "or paste the text into a .txt file",
        )
    if words == 0:
        raise page_problem(
            Code.PAGE_NO_ARTICLE,
            label,
            f"no article text found in the page (the page shows {counted(word_count(visible), 'word')}, none of them "
            "an article's text)",
            "paste the text into a .txt file instead",
        )
    return [
        f"the text is short ({counted(words, 'word')}; an article has {MIN_ARTICLE_WORDS} or more): "
        "check that it is the whole article"
    ]


def check_wall(label: str, text: str, words: int) -> None:
    """Refuse a page whose whole text, short, is a consent notice or a sign-in wall."""
    if words < WALL_MAX_WORDS and (wall := wall_kind(text)):
        raise _wall_error(label, wall)

"""The boxes a news page puts beside its article, taken out before its text is extracted.

They are photo captions and credits, lists of related articles, newsletter and subscription
boxes, share and follow buttons, advertisements, affiliate disclosures, author boxes and video
players.

An element goes when its tag says so (``<figcaption>``, ``<aside>``) or when a word of its
``class`` or ``id`` does ("wp-caption-text", "c-related-articles", "newsletter-signup",
"vjs-control-bar"): one pass over the elements, each attribute read once and cut to
:data:`MAX_ATTRIBUTE_CHARS`.  An element is kept, whatever its name, when it holds the page's
``<h1>``, a large share of its text or paragraphs of prose, or is the page's ``<main>``,
``<article>`` or ``<body>``: a wrapper named "player" or "teaser_text" around the whole story is
not a box beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ..printable import counted

MAX_ATTRIBUTE_CHARS = 300
MAX_SHARE_OF_TEXT = 0.4  # an element with more of the page's text than this is no box beside it
PROSE_PARAGRAPH_WORDS = 25  # a paragraph this long is prose...
MAX_PROSE_WORDS = 50  # ...and an element holding this much prose is the article, whatever its name
_WORD = re.compile(r"[a-z0-9]+")

# words of a class or id (split at - and _, lower case) that name a box beside the article:
# a word that starts so ("relatedposts", "newsletters", "captioned"), or is exactly so
KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # kind: (starts, exact)
    "caption": (("caption", "figcaption", "credit", "legend"), ()),
    "related": (
        ("related", "recommend", "readmore", "morestories", "morenews", "outbrain", "taboola", "trending"),
        ("mostread", "popular", "teaser", "teasers", "also"),
    ),
    "newsletter": (
        ("newsletter", "subscri", "signup", "optin", "mailchimp", "promo", "membership"),
        ("cta",),
    ),
    "share": (("sharing", "sharebar", "sharethis", "social"), ("share", "shares", "follow")),
    "advert": (("advert", "sponsor", "adslot", "adunit", "dfp"), ("ad", "ads")),
    "disclosure": (("disclosure", "affiliate", "disclaimer"), ()),
    "author-box": (("authorbio", "authorbox", "aboutauthor"), ("bio",)),
    # a video player's controls and captions; not a gallery or slideshow, which may be the story
    "video": (("vjs", "jwplayer", "videoplayer", "videojs"), ()),
}
PRUNED_TAGS = {"figcaption": "caption", "aside": "related"}
_NEVER = {"html", "body", "main", "article"}


@dataclass(frozen=True)
class Pruned:
    kind: str  # "caption", "related" ...
    words: int


def kind_of(attribute: str) -> str | None:
    """Which kind of box a class or id names ("c-related-articles" -> "related"), or None."""
    words = _WORD.findall(attribute[:MAX_ATTRIBUTE_CHARS].lower())
    joined = {a + b for a, b in pairwise(words)}  # "read-more" -> "readmore"
    for kind, (starts, exact) in KINDS.items():
        for word in (*words, *joined):
            if word in exact or word.startswith(starts):
                return kind
    return None


def _visible_chars(tree) -> int:
    hidden = sum(len(e.text_content()) for e in tree.iter("script", "style", "noscript", "template"))
    return len(tree.text_content()) - hidden


def _holds_prose(element) -> bool:
    words = 0
    for paragraph in element.iter("p"):
        count = len(paragraph.text_content().split())
        if count >= PROSE_PARAGRAPH_WORDS:
            words += count
            if words >= MAX_PROSE_WORDS:
                return True
    return False


def prune_boxes(tree) -> list[Pruned]:
    """Remove from ``tree`` the boxes beside its article (see the module); say what went."""
    total = _visible_chars(tree) or 1
    doomed: list[tuple[object, str]] = []
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag or tag in _NEVER:
            continue
        kind = PRUNED_TAGS.get(tag) or kind_of(f"{element.get('class', '')} {element.get('id', '')}")
        if kind:
            doomed.append((element, kind))
    pruned = []
    removed: set = set()  # the elements themselves: ``doomed`` keeps them (and their identity) alive
    for element, kind in doomed:
        if any(a in removed for a in element.iterancestors()):
            continue  # inside a box already gone
        text = element.text_content()
        if (
            len(text) > MAX_SHARE_OF_TEXT * total
            or element.find(".//h1") is not None
            or _holds_prose(element)
        ):
            continue
        removed.add(element)
        pruned.append(Pruned(kind, len(text.split())))
        element.drop_tree()  # its tail, the text after it, stays
    return pruned


def pruned_notice(pruned: list[Pruned]) -> str:
    """ "left out 5 boxes beside the article (3 caption, 2 related: 41 words)"."""
    kinds: dict[str, int] = {}
    for p in pruned:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    listed = ", ".join(f"{count} {kind}" for kind, count in kinds.items())
    words = sum(p.words for p in pruned)
    return f"left out {counted(len(pruned), 'box', 'boxes')} beside the article ({listed}: {counted(words, 'word')})"

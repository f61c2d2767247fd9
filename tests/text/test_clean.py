"""Cleaning: each pass alone, the rules, the seeds end to end, and nothing lost."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest
from helpers import CORPUS, REPO

from briefbook.editorial.cleanrules import compile_rules, load_rules_file, shared_rules
from briefbook.editorial.yamlload import load_yaml_text
from briefbook.errors import BriefbookError
from briefbook.models import RawArticle, RemovedLine, Rule
from briefbook.text import clean
from briefbook.text.clean import (
    PASSES,
    clean_article,
    drop_clutter,
    drop_running_headers,
    join_paragraphs,
    mark_footnotes,
    mend_page_breaks,
    strip_whitespace,
)
from briefbook.text.draft import Draft, Line, Paragraph, draft_from_text
from briefbook.text.heading import extract_caption, extract_headline
from briefbook.text.hyphens import Vocabulary, build_vocabulary, join_wrapped_lines, keeps_hyphen
from briefbook.text.ingest import read_article

SEEDS = sorted((REPO / "seeds").glob("*.txt"))
CORPUS = CORPUS
HOSTILE = sorted((CORPUS / "hostile").glob("*.txt"))
CLUTTER = sorted((CORPUS / "clutter").glob("*.txt"))
READABLE_ENCODING = [
    CORPUS / "encoding" / name
    for name in (
        "cp1252_crlf.txt",
        "utf8_bom.txt",
        "mojibake.txt",
        "zero_width_nbsp.txt",
        "cp1251_cyrillic.txt",
        "nfd_lone_cr.txt",
    )
]


def seed(prefix: str) -> Path:
    return next(p for p in SEEDS if p.name.startswith(prefix))


def cleaned(path: Path, extra_rules: tuple[Rule, ...] = ()):
    return clean_article(read_article(path), extra_rules)


def article_from(text: str, extra_rules: tuple[Rule, ...] = (), name: str = "t.txt"):
    return clean_article(RawArticle(path=Path(name), text=text, encoding="utf-8"), extra_rules)


def run(step, text: str, rules=()) -> Draft:
    """Run one pass on a text (after stripping, as in the pipeline)."""
    return step(strip_whitespace(draft_from_text(text, tuple(rules))))


# ---------------------------------------------------------------------------
# Nothing lost: every non-blank input line is in the paragraphs, in order, or removed


def _squash(text: str) -> str:
    """Compare ignoring whitespace and hyphens (joining lines changes only those)."""
    return re.sub(r"[\s\-]", "", text)


def assert_nothing_lost(raw: RawArticle, article) -> None:
    lines = raw.text.split("\n")
    whole = {r.line: r for r in article.removed if r.rule != "footnote-marker"}
    markers: dict[int, list[str]] = {}
    for r in article.removed:
        if r.rule == "footnote-marker":
            markers.setdefault(r.line, []).append(r.text)
    kept = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            assert number not in whole, f"blank line {number} reported as removed"
            continue
        if number in whole:
            assert whole[number].text == line.strip(), f"line {number} reported with other text"
            continue
        for marker in markers.get(number, ()):
            line = re.sub(rf"(?<=[.,;:!?\"”’)]){re.escape(marker)}", "", line, count=1)
        kept.append(line)
    assert _squash("".join(article.paragraphs)) == _squash("".join(kept))
    assert all("\n" not in p and p == p.strip() and p for p in article.paragraphs)
    assert len(article.paragraph_lines) == len(article.paragraphs)
    for number, paragraph in zip(article.paragraph_lines, article.paragraphs, strict=False):
        first_word = lines[number - 1].split()[0]
        assert paragraph.startswith(first_word.rstrip("-")), (number, paragraph[:40])


@pytest.mark.parametrize(
    "path", SEEDS + HOSTILE + CLUTTER + READABLE_ENCODING, ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_nothing_is_lost(path: Path):
    raw = read_article(path)
    assert_nothing_lost(raw, clean_article(raw))


# ---------------------------------------------------------------------------
# The seeds end to end


def _describe():
    return runpy.run_path(str(CORPUS / "make_expected.py"))["describe"]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_matches_its_reviewed_expected_file(path: Path):
    expected = (CORPUS / "expected" / f"{path.stem}.txt").read_text(encoding="utf-8")
    assert _describe()(cleaned(path)) == expected


def test_seed_000_page_break_is_mended_and_urls_and_related_articles_removed():
    article = cleaned(seed("000"))
    assert article.headline is None and article.caption is None
    assert article.removed == (
        RemovedLine(
            36,
            "Related article: Up to Each European Country to Decide on Re-Engaging With Russia, Rutte",
            "related-article",
        ),
        RemovedLine(37, "Says", "related-article"),
        RemovedLine(
            68,
            "Related article: Ukraine Advances in Zaporizhzhia After Russian Troops Lose Starlink Access",
            "related-article",
        ),
        RemovedLine(69, "– NATO Official", "related-article"),
        RemovedLine(
            108,
            "https://www.themoscowtimes.com/2026/07/11/ukraine-advances-in-zaporizhzhia-after-russian-troops-lose-starlink-access-nato-official",
            "repeated-bare-url",
        ),
        RemovedLine(
            109,
            "https://www.themoscowtimes.com/2026/07/11/ukraine-advances-in-zaporizhzhia-after-russian-troops-lose-starlink-access-nato-official",
            "repeated-bare-url",
        ),
        RemovedLine(
            134,
            "The views expressed in opinion pieces do not necessarily reflect the position of The Moscow",
            "publisher-disclaimer",
        ),
        RemovedLine(135, "Times.", "publisher-disclaimer"),
    )
    mended = article.paragraphs[article.paragraph_lines.index(104)]
    assert mended == (
        "One aspect of Grynkewich’s responsibility that argues for placing him in charge of the "
        "relations with Russian military leaders is his command over U.S. forces in Europe, which "
        "handle not only deterring Russia but also training and assisting Ukrainian forces. And if "
        "the U.S. has any military participation in future security guarantees in Ukraine, "
        "Grynkewich and EUCOM will likely be in charge."
    )
    assert len(article.paragraphs) == 21
    text = article.text
    assert "recruit a Russian-speaking German prisoner" in text
    assert "European Command’s military-to-military activities" in text
    assert "“reestablish high-level military-to-military dialogue”" in text
    assert "“consistent military-to-military contact" in text
    assert article.paragraphs[0].startswith(
        "According to a Feb. 5 announcement by the United States European Command (EUCOM) in Germany, the U.S."
    )
    # typos stay as the author wrote them
    assert "became mroe frequent" in text and "in eachother’s zones" in text


def test_seed_001_site_clutter():
    article = cleaned(seed("001"))
    assert article.headline is None
    assert [(r.line, r.rule) for r in article.removed] == [
        (1, "skip-link"),
        (3, "sign-in-prompt"),
        (9, "image-size"),
        (19, "join-promo"),
        (21, "join-promo"),
    ]
    assert article.paragraph_lines == (5, 7, 11, 13, 15, 17)
    assert article.paragraphs[0] == (
        "The United States and Russia have agreed to resume top-level military-to-military "
        "communications after nearly five years of silence."
    )


def test_seed_002_headline_and_tags():
    article = cleaned(seed("002"))
    assert article.headline == "Russia and U.S. to reestablish military-to-military communication"
    assert article.removed == (
        RemovedLine(1, "Russia and U.S. to reestablish military-to-military communication", "headline"),
        RemovedLine(37, "Tags", "tags-label"),
    )
    # subheadings stay in the text: they are the article's own words
    assert "Signs of cautious rapprochement" in article.paragraphs
    assert "following the expiry of the New START treaty on 5 February 2026" in article.text


def test_seed_003_one_paragraph_per_line():
    article = cleaned(seed("003"))
    assert article.headline == "US and Russian militaries to resume high-level talks"
    assert [(r.line, r.rule) for r in article.removed] == [
        (1, "headline"),
        (3, "newsletter-promo"),
        (30, "comments-label"),
    ]
    assert article.paragraph_lines == (4, 5, 6, 7, 8, 9, *tuple(range(11, 30)))
    assert article.paragraphs[13] == "Eucom said the talks made “productive and constructive progress”."


def test_seed_004_caption_section_label_headline_byline():
    article = cleaned(seed("004"))
    assert article.caption == (
        "Alexus G. Grynkewich, the Supreme Allied Commander Europe (SACEUR) delivers a commemorative "
        "speech during a change of command ceremony at Al Udeid Air Base, Qatar, July 21, 2022\u00a0"
        "[Photo by Staff Sgt. Draeke Layman, U.S. Air Force]"
    )
    assert article.headline == "U.S. and Russia Move to Restore Military-To-Military Dialogue"
    assert [(r.line, r.rule, r.text) for r in article.removed[1:]] == [
        (2, "section-label", "Russia Ukraine War"),
        (4, "headline", "U.S. and Russia Move to Restore Military-To-Military Dialogue"),
        (8, "byline", "Naffah"),
        (40, "next-article-link", "SCROLL FOR NEXT"),
    ]
    # the standfirst is the article's text: it stays, as the first paragraph
    assert (
        article.paragraphs[0]
        == "Talks in Abu Dhabi revive suspended channels as fighting and diplomacy advance in parallel."
    )
    assert article.paragraph_lines[:2] == (6, 10)


# ---------------------------------------------------------------------------
# Hostile text: every construct reaches the paragraphs verbatim

CONSTRUCTS = [
    "# A heading that is not a heading",
    "- a dash list item",
    "* a star list item",
    "+ a plus list item",
    "1. a numbered list item",
    "> a block quote",
    "| a | b |",
    "|---|---|",
    "```",
    "~~~",
    ":::{note}",
    "indented code block line",
    "$$",
    "E = mc^2",
    "+++ a block break",
    "% a MyST comment line",
    "(my-target)=",
    "[^note]: a footnote definition",
    "<!-- an HTML comment -->",
    "```{raw} html",
    '<script>alert("raw")</script>',
    "```{include} /etc/passwd",
    "```{eval-rst}",
    "{role}`x`",
    "{{ substitutions }}",
    "[link](http://x)",
    "<http://autolink>",
    "$x$",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "&amp; &lt; &gt; &#169; &copy;",
    "[^footnote]",
    "\\input{/etc/passwd}",
    "\\def\\x{y}",
    "\\end{document}",
    "# $ % & ~ _ ^ \\ { }",
    "\\write18{rm -rf /}",
    "---",
    "Генеральный штаб Вооружённых сил Российской Федерации",
    "Валерий Герасимов",
    "Pneumonoultramicroscopicsilicovolcanoconiosis" * 8,
    "=" * 320,
]


def test_hostile_corpus_has_several_files():
    assert len(HOSTILE) >= 5


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.name)
def test_hostile_text_stays_text(path: Path):
    raw = read_article(path)
    article = clean_article(raw)
    assert article.removed == ()
    assert article.headline is None and article.caption is None
    joined = "\n".join(article.paragraphs)
    for line in raw.text.split("\n"):
        assert line.strip() in joined
    # only whitespace between lines changed: nothing added, nothing interpreted
    assert "".join(article.text.split()) == "".join(raw.text.split())


def test_every_construct_is_in_some_hostile_paragraph():
    paragraphs = "\n".join(clean_article(read_article(p)).text for p in HOSTILE)
    missing = [c for c in CONSTRUCTS if c not in paragraphs]
    assert missing == []


def test_long_url_given_once_stays():
    article = cleaned(CORPUS / "hostile" / "long_tokens.txt")
    urls = [p for p in article.paragraphs if p.startswith("https://")]
    assert len(urls) == 1 and len(urls[0]) > 300


# ---------------------------------------------------------------------------
# Rules are specific: real text that looks like clutter is kept


def test_rules_do_not_eat_article_text():
    article = cleaned(CORPUS / "clutter" / "specific.txt")
    assert article.removed == (
        RemovedLine(1, "Skip to main content", "skip-link"),
        RemovedLine(9, "Related article: Envoys Meet Again", "related-article"),
        RemovedLine(20, "Tags", "tags-label"),
        RemovedLine(21, "Comments", "comments-label"),
    )
    assert article.paragraphs == (
        "Comments from both capitals were scarce, and the Tags attached to the story were not.",
        "Comments",  # a label in the middle of the page is not the comments section
        "Readers left 1000w q95 in the source, not on a line of its own.",
        # the related-article line is followed by text, not by its own wrapped title
        "The talks went on for a second day, officials said, and the envoys met again in Abu Dhabi.",
        "The source is https://example.com/report and the address alone follows.",
        "https://example.com/report",  # a URL given once may be the article's source
        "Skip to main content",  # only at the top of the page is it the site's link
        "The last paragraph says: Tags and comments are welcome.",
    )


def test_scanned_text_headers_page_numbers_footnotes_hyphens():
    raw = read_article(CORPUS / "clutter" / "scanned.txt")
    article = clean_article(raw)
    assert article.paragraphs == (
        "Negotiators met in Abu Dhabi for a second round of talks, the officials said. The exchange "
        "of information between the two general staffs was limited to a short list of topics, "
        "according to the Russian-speaking interpreters, and the well-known deconfliction line stayed open.",
        "The military-to-military channel will be led by the commander of U.S. European Command, who "
        "met his counterpart in 2021. Witkoff said the results were “significant.” Such officials12 "
        "did not comment; version 2.0 of the plan, p.12 of the annex and the figure of 1.5 million "
        "stay as written.",
        "The talks will resume in March, and both sides agreed to keep the line open.",
    )
    assert article.paragraph_lines == (3, 10, 24)
    assert article.removed == (
        RemovedLine(1, "THE MOSCOW TIMES  Page 1", "running-header"),
        RemovedLine(4, "12", "footnote-marker"),
        RemovedLine(8, "3", "footnote-marker"),
        RemovedLine(12, "THE MOSCOW TIMES  Page 2", "running-header"),
        RemovedLine(14, "2", "page-number"),
        RemovedLine(17, "4", "footnote-marker"),
        RemovedLine(21, "THE MOSCOW TIMES  Page 3", "running-header"),
        RemovedLine(22, "- 3 -", "page-number"),
        RemovedLine(26, "Page 4 of 4", "page-number"),
    )
    assert article.notices == ("line 18: 'officials12' may end in a footnote marker (12); left in the text",)


# ---------------------------------------------------------------------------
# Per-article rules and rule validation


def test_extra_rule_drops_a_line_and_names_it():
    rules = compile_rules(load_yaml_text("- rule: editor-note\n  line: Naffah\n", "s.yaml"), "s.yaml")
    article = article_from("Body one.\n\nNaffah\n\nBody two.", rules)
    assert article.paragraphs == ("Body one.", "Body two.")
    assert article.removed == (RemovedLine(3, "Naffah", "editor-note"),)


def test_extra_rule_with_wrap_drops_a_wrapped_block_only():
    rules = compile_rules([{"rule": "promo", "pattern": r"Keep reading: .+", "wraps": 1}], "s.yaml")
    text = "Intro.\n\nKeep reading: A Long Title That\nWraps\n\nKeep reading: Kept as it is followed\nby text that is longer than the first line of it.\n"
    article = article_from(text, rules)
    assert [(r.line, r.rule) for r in article.removed] == [(3, "promo"), (4, "promo"), (6, "promo")]
    assert article.paragraphs == ("Intro.", "by text that is longer than the first line of it.")


def test_where_end_and_repeats():
    rules = compile_rules(
        [
            {"rule": "sig", "line": "Signed", "where": "end", "within": 1},
            {"rule": "dup", "pattern": r"\*\*\*", "repeats": 3},
        ],
        "r.yaml",
    )
    draft = run(drop_clutter, "Signed\n\nText.\n***\n***\nSigned", rules)
    assert [(r.line, r.rule) for r in draft.removed] == [(6, "sig")]
    draft = run(drop_clutter, "***\nText.\n***\n***", rules)
    assert [(r.line, r.rule) for r in draft.removed] == [(1, "dup"), (3, "dup"), (4, "dup")]


def test_exact_line_rule_allows_any_run_of_spaces_but_not_more_text():
    rules = compile_rules([{"rule": "x", "line": "JOIN  THE MOVEMENT"}], "r.yaml")
    draft = run(drop_clutter, "JOIN THE   MOVEMENT\nJOIN THE MOVEMENT now\njoin the movement", rules)
    assert [r.line for r in draft.removed] == [1]


RULE_KEYS = "rule, line, pattern, where, within, wraps, repeats, why"
BAD_RULES = [
    (
        "- rule: x\n  line: a\n  pattern: b\n",
        "s.yaml:1: expected exactly one of 'line' (the exact text) or 'pattern' (a regular expression)",
    ),
    (
        "- rule: x\n  pattern: '(unclosed'\n",
        "s.yaml:2: 'pattern' is not a valid regular expression (missing ), unterminated subpattern at position 0); expected a Python regular expression that matches a whole line",
    ),
    (
        "- rule: x\n  pattern: '.*'\n",
        "s.yaml:2: 'pattern' '.*' of rule 'x' matches an empty line, so it would match anything; make it match only the clutter",
    ),
    (
        "- rule: Bad Name\n  line: a\n",
        "s.yaml:1: 'rule' must be a name of lowercase words joined by '-', not 'Bad Name'",
    ),
    ("- line: a\n", "s.yaml:1: missing required field 'rule' in clutter rule"),
    ("- rule: x\n  line: a\n  wraps: many\n", "s.yaml:3: 'wraps' must be a whole number, not text"),
    ("- rule: x\n  line: a\n  wraps: 6\n", "s.yaml:3: 'wraps' must be a whole number from 0 to 5, not 6"),
    (
        "- rule: x\n  line: a\n  repeats: 0\n",
        "s.yaml:3: 'repeats' must be a whole number of at least 1, not 0",
    ),
    (
        "- rule: x\n  line: a\n  where: top\n",
        "s.yaml:3: 'where': 'top' is not allowed; expected one of: anywhere, start, end",
    ),
    ("- rule: x\n  line: a\n  within: 3\n", "s.yaml:3: 'within' needs 'where: start' or 'where: end'"),
    (
        "- rule: x\n  line: a\n  where: anywhere\n  within: 3\n",
        "s.yaml:3: 'within' needs 'where: start' or 'where: end'",
    ),
    (
        "- rule: x\n  line: a\n  lines: 2\n",
        f"s.yaml:3: unknown key 'lines' in clutter rule (expected one of: {RULE_KEYS}); did you mean 'line'?",
    ),
    ("- rule: x\n  line: ''\n", "s.yaml:2: 'line' is empty"),
    ("- just a string\n", "s.yaml:1: clutter rule must be a mapping, not text"),
]


@pytest.mark.parametrize("yaml_text, message", BAD_RULES)
def test_bad_rule_says_where_and_what_was_expected(yaml_text: str, message: str):
    entries = load_yaml_text(yaml_text, "s.yaml")
    with pytest.raises(BriefbookError) as info:
        compile_rules(entries, "s.yaml")
    assert str(info.value) == message


def test_bad_rules_file_gives_file_and_line(tmp_path: Path):
    path = tmp_path / "rules.yaml"
    path.write_text("drop:\n  - rule: ok\n    line: a\n  - rule: bad\n    pattern: '[x'\n", encoding="utf-8")
    with pytest.raises(BriefbookError) as info:
        load_rules_file(path)
    assert str(info.value).startswith(f"{path}:5: 'pattern' is not a valid regular expression")
    path.write_text("rules: []\n", encoding="utf-8")
    with pytest.raises(BriefbookError) as info:
        load_rules_file(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:1: missing required field 'drop' in clutter rules file",
        f"{path}:1: unknown key 'rules' in clutter rules file (expected one of: drop)",
    ]


def test_shared_rules_load_and_carry_their_origin():
    rules = shared_rules()
    names = [r.name for r in rules]
    assert names[:3] == ["skip-link", "sign-in-prompt", "related-article"]
    assert "publisher-disclaimer" in names and "page-number" in names
    assert all(re.search(r"clutter\.yaml:\d+$", r.origin) for r in rules)


# ---------------------------------------------------------------------------
# Each pass alone


def test_passes_are_named_and_ordered():
    assert [p.__name__ for p in PASSES] == [
        "strip_whitespace",
        "drop_clutter",
        "drop_running_headers",
        "drop_repeated_headline",
        "drop_one_word_section_label",
        "extract_caption",
        "extract_headline",
        "mark_footnotes",
        "join_paragraphs",
        "mend_page_breaks",
    ]


def test_strip_whitespace():
    draft = strip_whitespace(draft_from_text("  a \n\t\n b\u00a0"))
    assert draft.lines == (Line(1, "a"), Line(2, ""), Line(3, "b"))


def test_running_headers_need_a_changing_page_number_or_capitals():
    text = "\n".join(
        [
            "THE TIMES  Page 1",
            "Text one",
            "THE TIMES  Page 2",
            "Yes indeed",
            "THE TIMES Page 3",  # 1-5
            "Yes indeed",
            "Yes indeed.",
            "Yes indeed.",
            "Yes indeed.",
            "```",
            "```",
            "```",  # 6-12
            "Day 1 of talks",
            "Day 2 of talks",
            "Day 3 of talks",  # 13-15: numbered subheadings
            "CONFIDENTIAL DRAFT",
            "a",
            "CONFIDENTIAL DRAFT",
            "b",
            "CONFIDENTIAL DRAFT",  # 16-20
            "Repeated subheading",
            "x",
            "Repeated subheading",
            "y",
            "Repeated subheading",  # 21-25
        ]
    )
    draft = run(drop_running_headers, text)
    assert [r.line for r in draft.removed] == [1, 3, 5, 16, 18, 20]
    assert {r.rule for r in draft.removed} == {"running-header"}


def test_a_repeated_paragraph_is_not_a_running_header():
    paragraph = (
        "The same quoted paragraph is wrapped\nover three short lines that\nrepeat each time it is quoted."
    )
    draft = run(drop_running_headers, "\n\n".join([paragraph] * 4))
    assert draft.removed == ()


def test_caption_only_with_a_photo_credit_near_the_top():
    draft = run(extract_caption, "A general speaks (AP Photo/Efrem Lukatsky)\n\nText.")
    assert draft.caption == "A general speaks (AP Photo/Efrem Lukatsky)"
    assert draft.removed == (RemovedLine(1, "A general speaks (AP Photo/Efrem Lukatsky)", "caption"),)
    assert run(extract_caption, "The general spoke [at length]\n\nText.").caption is None
    late = "One.\n\nTwo.\n\nThree.\n\nA caption [Photo by X]"
    assert run(extract_caption, late).caption is None


@pytest.mark.parametrize(
    "text, headline",
    [
        ("Talks resume in Abu Dhabi\n\nBody text follows.", "Talks resume in Abu Dhabi"),
        ("Talks resume in Abu Dhabi\nBody one.\nBody two.", "Talks resume in Abu Dhabi"),
        ("Talks resume in Abu Dhabi.\n\nBody.", None),  # final punctuation: a sentence
        ("Talks\n\nBody.", None),  # one word: a label, not sure
        ("# Talks resume in Abu Dhabi\n\nBody.", None),  # starts like markup: keep as text
        (
            "According to a Feb. 5 announcement by the United States European Command (EUCOM) in\nGermany, the U.S. agreed.",
            None,
        ),
        ("Talks resume in Abu Dhabi\nand the sides agreed on\nmore talks.", None),  # hard-wrapped prose
    ],
)
def test_headline_is_conservative(text: str, headline: str | None):
    assert run(extract_headline, text).headline == headline


def test_section_label_and_byline_only_around_a_headline():
    draft = run(
        extract_headline, "World News\n\nLeaders Agree on a Long New Plan\n\nBy Jane Doe\n\nBody text."
    )
    assert [(r.line, r.rule) for r in draft.removed] == [(1, "section-label"), (3, "headline"), (5, "byline")]
    # a longer second line is a standfirst without a full stop, not a headline
    draft = run(extract_headline, "Leaders Agree on a Long New Plan\n\nMore talks next week\n\nBody text.")
    assert [(r.line, r.rule) for r in draft.removed] == [(1, "headline")]
    # a name-like line not followed by body text is kept
    draft = run(extract_headline, "Leaders Agree on a Plan\n\nRenewed Contacts\n\nWar and Peace")
    assert [(r.line, r.rule) for r in draft.removed] == [(1, "headline")]


def test_footnote_markers_removed_only_when_unambiguous():
    draft = run(
        mark_footnotes,
        "officials.12 The talks, said.¹ Next and see p.12 The\nin 2010.12 The vol.3 The\nsaid.3 the rest",
    )
    assert [(r.line, r.text) for r in draft.removed] == [(1, "12"), (1, "¹")]
    assert draft.lines[0].text == "officials. The talks, said. Next and see p.12 The"
    assert draft.lines[1].text == "in 2010.12 The vol.3 The"
    assert draft.lines[2].text == "said.3 the rest"  # lowercase follows: may be a number


@pytest.mark.parametrize(
    "left, right, kept",
    [
        ("Russian", "speaking", True),  # compound tail
        ("military-to", "military", True),  # already a compound
        ("mid", "2021", True),  # a number second half
        ("anti", "NATO", True),  # a capitalised second half
        ("well", "known", True),  # a compound head
        ("informa", "tion", False),  # an ordinary word split
        ("some", "thing", False),  # a closed compound
        ("short", "age", False),  # an ending
        ("Wash", "ington", False),  # a name split
        ("coun", "terpart", False),
    ],
)
def test_keeps_hyphen_without_help_from_the_article(left: str, right: str, kept: bool):
    assert keeps_hyphen(left, right, Vocabulary(frozenset(), frozenset(), frozenset())) is kept


def test_keeps_hyphen_learns_from_the_article():
    vocabulary = build_vocabulary(
        [
            ["the re-establish of ties", "to reestablish and co-operate"],
            ["Grynkewich and the Soviet era; post war talks"],
        ]
    )
    assert keeps_hyphen("re", "establish", vocabulary) is True  # hyphenated form used
    assert keeps_hyphen("co", "operate", vocabulary) is True
    assert keeps_hyphen("Soviet", "dominated", vocabulary) is True  # a name the article uses alone
    assert keeps_hyphen("Grynke", "wich", vocabulary) is False
    assert keeps_hyphen("post", "war", vocabulary) is True  # both halves are the article's words
    vocabulary = build_vocabulary([["information is scarce"]])
    assert keeps_hyphen("informa", "tion", vocabulary) is False


def test_split_fragments_do_not_count_as_words():
    vocabulary = build_vocabulary([["the informa-", "tion was short"]])
    assert "informa" not in vocabulary.words and "tion" not in vocabulary.words
    assert "short" in vocabulary.words


def test_join_wrapped_lines():
    vocabulary = build_vocabulary([])
    assert join_wrapped_lines(
        ["a Russian-", "speaking man, the informa-", "tion and — a", "dash -", "x"], vocabulary
    ) == ("a Russian-speaking man, the information and — a dash - x")


def test_line_per_paragraph_blocks_and_wrapped_blocks():
    draft = run(
        join_paragraphs,
        "One sentence.\n“Two,” he said.\nThree?\n\nWrapped line ends with St.\nPetersburg and more.\n\nA line.\nand a lowercase continuation.",
    )
    assert [(p.text, p.first) for p in draft.paragraphs] == [
        ("One sentence.", 1),
        ("“Two,” he said.", 2),
        ("Three?", 3),
        ("Wrapped line ends with St. Petersburg and more.", 5),
        ("A line. and a lowercase continuation.", 8),
    ]


def test_mend_page_breaks_needs_removed_clutter_and_unfinished_prose():
    def paragraphs(*spec):
        return tuple(Paragraph(text, first, last, count) for text, first, last, count in spec)

    removed = (RemovedLine(4, "https://x", "repeated-bare-url"),)
    cut = Draft(
        lines=(), removed=removed, paragraphs=paragraphs(("And if the", 1, 2, 2), ("U.S. acts.", 6, 6, 1))
    )
    assert [p.text for p in mend_page_breaks(cut).paragraphs] == ["And if the U.S. acts."]
    not_cut = Draft(lines=(), paragraphs=paragraphs(("And if the", 1, 2, 2), ("U.S. acts.", 6, 6, 1)))
    assert len(mend_page_breaks(not_cut).paragraphs) == 2
    subheading = Draft(
        lines=(),
        removed=removed,
        paragraphs=paragraphs(("Renewed Contacts", 2, 2, 1), ("The talks.", 6, 6, 1)),
    )
    assert len(mend_page_breaks(subheading).paragraphs) == 2
    finished = Draft(
        lines=(), removed=removed, paragraphs=paragraphs(("It ended:", 1, 2, 2), ("“We agree.”", 6, 6, 1))
    )
    assert len(mend_page_breaks(finished).paragraphs) == 2
    hyphen = Draft(
        lines=(), removed=removed, paragraphs=paragraphs(("the coun-", 1, 1, 1), ("terpart came.", 6, 6, 1))
    )
    assert [p.text for p in mend_page_breaks(hyphen).paragraphs] == ["the counterpart came."]


def test_passes_are_pure():
    draft = strip_whitespace(draft_from_text("Headline Words Here\n\nText one.\n\nTags", shared_rules()))
    before = draft
    for step in PASSES[1:]:
        assert step(draft) == step(draft)
        draft = step(draft)
    assert before == strip_whitespace(
        draft_from_text("Headline Words Here\n\nText one.\n\nTags", shared_rules())
    )
    assert [p.text for p in draft.paragraphs] == ["Text one."]


def test_empty_and_blank_articles():
    assert article_from("").paragraphs == ()
    assert article_from(" \n\n\t\n").removed == ()


def test_clean_is_exported_for_the_pipeline():
    assert clean.clean_article is clean_article

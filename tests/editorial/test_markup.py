"""The editor's markup: the safe subset of MyST is accepted, everything else refused at file:line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from helpers.tinybook import make_book, sphinx_html

from briefbook.cli import main
from briefbook.editorial.glossary import load_glossary
from briefbook.editorial.markup import findings, parser
from briefbook.editorial.sidecar import load_sidecar
from briefbook.errors import BriefbookError, Code

ALLOWED = [
    "Plain words, and a second sentence.",
    "First paragraph.\n\nSecond paragraph.",
    "Some *emphasis*, _more_, **strong** and `code`.",
    "A hard  \nbreak and a \\\nbackslash break.",
    "A [link](https://example.org/a?b=c) and [another](http://example.org).",
    "An autolink <https://example.org> and mail <editor@example.org> or [write](mailto:editor@example.org).",
    "Escaped \\*stars\\*, \\$5 and \\$6, \\<b\\>, \\{raw\\}`x` and an &amp; entity.",
    "A {term}`NATO` and {term}`the alliance <NATO>`, a {doc}`page </articles/x>` and {claim}`one`.",
    "- a bullet\n- another, *emphasised*",
    "1. first\n2. second\n   - nested",
    "Less than < 5 and 3 > 2 are text.",
    "A price of $5 alone is text.",
]

REFUSED = [
    ("Raw <b>bold</b> HTML.", "raw HTML"),
    ("<script>alert(1)</script>", "raw HTML"),
    ("<img src=x onerror=alert(1)>", "raw HTML"),
    ("```{include} /etc/passwd\n```", "the directive {include}"),
    ("```{literalinclude} /etc/passwd\n```", "the directive {literalinclude}"),
    ("```{raw} latex\n\\input{/etc/passwd}\n```", "the directive {raw}"),
    (":::{note}\nx\n:::", "a directive"),
    ("```python\nprint(1)\n```", "a code block"),
    ("Text\n\n    indented code", "an indented code block (four spaces at the start of a line)"),
    ("A {raw}`<b>` role.", "the role {raw}"),
    ("A {math}`x` role.", "the role {math}"),
    ("Math $\\input{/etc/passwd}$ inline.", "math"),
    ("$$\nx\n$$", "math"),
    ("\\begin{equation}\nx\n\\end{equation}", "math"),
    ("An image ![alt](pic.png).", "an image"),
    ("(target)=\nText.", "a target"),
    ("A {{ substitution }}.", "a substitution"),
    ("A footnote[^1].\n\n[^1]: The note.", "a footnote"),
    ("# A heading", "a heading"),
    ("Text\n\n---\n\nmore", "a horizontal rule"),
    ("> a quotation", "a block quote"),
    ("| a | b |\n|---|---|\n| 1 | 2 |", "a table"),
    ("% a comment", "a comment (a line starting with %)"),
    ("Term\n: definition", "a definition list"),
    ("[text]{.class} span", "an attribute span"),
    ("A [link](https://example.org){#id} with attributes.", "attributes (id)"),
    ("{#id .x}\nA paragraph with attributes.", "attributes (class, id)"),
    ("+++\nText", "a block break (+++)"),
    ("~~struck~~", "strikethrough"),
]

REFUSED_LINKS = [
    "[page](other.md)",
    "[anchor](#section)",
    "[ftp](ftp://example.org/x)",
]


@pytest.mark.parametrize("text", ALLOWED)
def test_the_safe_subset_is_accepted(text):
    assert [f for f in findings(text) if f.construct] == []


@pytest.mark.parametrize(("text", "construct"), REFUSED)
def test_everything_else_is_refused(text, construct):
    refused = [f.construct for f in findings(text) if f.construct]
    assert construct in refused


@pytest.mark.parametrize("text", REFUSED_LINKS)
def test_links_go_to_web_and_mail_addresses_only(text):
    [finding] = findings(text)
    assert finding.code == Code.MARKUP_LINK
    assert finding.construct.startswith("a link to ")


@pytest.mark.parametrize("text", ["[click](javascript:alert(1))", "[file](file:///etc/passwd)"])
def test_script_and_file_links_are_not_even_links(text):
    # MyST's parser leaves them as the text they are, brackets and all
    assert findings(text) == []
    [paragraph] = [t for t in parser().parse(text) if t.type == "inline"]
    assert [c.type for c in paragraph.children] == ["text"]


def test_references_are_found_with_their_targets():
    found = findings("See {term}`NATO`, {term}`the alliance <NATO>` and\n{doc}`003 </articles/003>`.")
    assert [(f.role, f.target, f.text_line) for f in found] == [
        ("term", "NATO", 0),
        ("term", "NATO", 0),
        ("doc", "/articles/003", 1),
    ]


def test_a_misspelt_role_suggests_the_allowed_one():
    [finding] = findings("A {trem}`NATO` reference.")
    assert (finding.construct, finding.hint) == ("the role {trem}", "did you mean 'term'?")


# ------------------------------------------------------------ in files, with lines


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def refused(load, path: Path) -> list[tuple[int, Code, str]]:
    with pytest.raises(BriefbookError) as caught:
        load(path)
    return [(p.line, p.code, p.message) for p in caught.value.problems]


def test_refused_markup_in_a_sidecar_is_named_at_its_own_line(tmp_path):
    path = write(
        tmp_path,
        "a.yaml",
        """
        title: T
        kind: news
        about: >-
          A source that is
          usually <b>careful</b>.
        notes:
          - quote: q
            kind: context
            note: >-
              A note that runs
              over three lines and ends
              in an {include}`/etc/passwd` role.
          - quote: r
            kind: fact-check
            note: "Fine, with a [link](https://example.org)."
            basis: |
              First line.

              ```{raw} latex
              \\input{/etc/passwd}
              ```
          - quote: s
            kind: sic
            note: "Math $x$ and $y$ here; \\n also ![i](p.png) on line two"
        """,
    )
    with pytest.raises(BriefbookError) as caught:
        load_sidecar(path)
    # the column too, where the text stands as written; a construct refused twice in one text
    # (<b> and </b>, $x$ and $y$) is told once, where it first stands: its hint covers both
    assert [(p.line, p.column) for p in caught.value.problems[:3]] == [(5, 11), (12, 13), (19, 7)]
    assert refused(load_sidecar, path) == [
        (5, Code.MARKUP_REFUSED, "raw HTML is not allowed in a sidecar's 'about'"),
        (12, Code.MARKUP_REFUSED, "the role {include} is not allowed in a note"),
        (19, Code.MARKUP_REFUSED, "the directive {raw} is not allowed in a note's basis"),
        (24, Code.MARKUP_REFUSED, "math is not allowed in a note"),
        (24, Code.MARKUP_REFUSED, "an image is not allowed in a note"),
    ]


def test_refused_markup_in_a_glossary_definition_and_a_bad_link(tmp_path):
    path = write(
        tmp_path,
        "glossary.yaml",
        """
        terms:
          - id: nato
            term: NATO
            kind: acronym
            definition: >-
              The alliance. See
              [its site](its-site.md).
        """,
    )
    [problem] = load_errors(path)
    assert (problem.line, problem.code) == (7, Code.MARKUP_LINK)
    assert str(problem) == (
        f"{path}:7: a link to 'its-site.md' is not allowed in a glossary definition; "
        "links go to http, https or mailto addresses; for a page of the book use {doc}"
    )


def load_errors(path: Path):
    with pytest.raises(BriefbookError) as caught:
        load_glossary(path)
    return caught.value.problems


# ------------------------------------------------------------ check and build


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def book(tmp_path, monkeypatch) -> Path:
    root = make_book(tmp_path / "book")
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "See {term}`EUCOMM`.",
            "error: seeds/000_alpha.yaml:8: unknown glossary term 'EUCOMM' (a {term} reference names an "
            "entry's term); did you mean 'EUCOM'?",
        ),
        (
            "See {doc}`the other </articles/002_gama>`.",
            "error: seeds/000_alpha.yaml:8: unknown page '/articles/002_gama' (a {doc} reference names a "
            "page of the book); did you mean '/articles/002_gamma'?",
        ),
        (
            "See {doc}`the front page <../idnex>`.",
            "error: seeds/000_alpha.yaml:8: unknown page '../idnex' (a {doc} reference names a page of "
            "the book); did you mean '/index'?",
        ),
        (
            "See {claim}`suspension-2012`.",
            "error: seeds/000_alpha.yaml:8: unknown claim 'suspension-2012' (claims are defined in "
            "claims.yaml); did you mean 'suspension-2021'?",
        ),
        (
            "See <script>alert(1)</script>.",
            "error: seeds/000_alpha.yaml:8: raw HTML is not allowed in a note; write < as \\<",
        ),
    ],
    ids=["term", "doc", "relative-doc", "claim", "html"],
)
def test_check_names_the_sidecar_line_of_a_bad_reference(book, capsys, note, expected):
    edit(book / "seeds" / "000_alpha.yaml", "The suspension came in late 2021.", note)
    assert main(["check"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == expected


def test_known_references_pass_check(book, capsys):
    note = "See {term}`eucom`, {doc}`/articles/002_gamma`, {doc}`002_gamma`, {doc}`../sources` and {claim}`suspension-2021`."
    edit(book / "seeds" / "000_alpha.yaml", "The suspension came in late 2021.", note)
    assert main(["check"]) == 0, capsys.readouterr().out


def test_an_alias_in_a_term_reference_says_how_to_write_it(book, capsys):
    aliases = "    kind: acronym\n    aliases: [European Command]\n"
    edit(book / "seeds" / "glossary.yaml", "    kind: acronym\n", aliases)
    edit(
        book / "seeds" / "000_alpha.yaml",
        "The suspension came in late 2021.",
        "See {term}`european command`.",
    )
    assert main(["check"]) == 1
    assert (
        capsys.readouterr()
        .out.splitlines()[0]
        .endswith("'european command' is an alias of 'EUCOM': write {term}`european command <EUCOM>`")
    )


@pytest.mark.slow
def test_the_build_refuses_unsafe_markup_at_the_sidecar_line_and_writes_nothing(book):
    edit(
        book / "seeds" / "000_alpha.yaml",
        '"The suspension came in late 2021."',
        ">-\n      The suspension came\n      in {raw}`<script>alert(1)</script>` late 2021.",
    )
    result = sphinx_html(book)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "seeds/000_alpha.yaml:10: ERROR: the role {raw} is not allowed in a note" in output
    assert "articles/000_alpha.md" not in output  # the generated page is never what is named
    assert not (book / "docs" / "articles").exists()


def test_a_role_title_is_read_as_sphinx_reads_it():
    from sphinx.util.docutils import ReferenceRole

    from briefbook.editorial.markup import EXPLICIT_TITLE

    assert EXPLICIT_TITLE.pattern == ReferenceRole.explicit_title_re.pattern
    assert EXPLICIT_TITLE.flags == ReferenceRole.explicit_title_re.flags

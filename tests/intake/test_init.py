"""``briefbook init``: a new book that builds at once, takes ``briefbook add``, and holds what its editor
needs to know, with no word of a repository its user may not have."""

from __future__ import annotations

import html as htmllib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import CORPUS, REPO, require_tool
from helpers.htmltext import article_text

from briefbook.book.load import load_book
from briefbook.cli import main
from briefbook.editorial.validation import SCHEMAS, schema_file
from briefbook.errors import BriefbookError, Code
from briefbook.intake.newbook import SKELETON, book_files, init_book


def page_words(path: Path) -> str:
    """A built page's text, tags and scripts out, spaces folded (enough to find a heading)."""
    text = re.sub(r"(?s)<(script|style)\b.*?</\1>|<[^>]+>", " ", path.read_text("utf-8"))
    return " ".join(htmllib.unescape(text).split())


WEB = CORPUS / "web"


def test_init_writes_the_skeleton_and_refuses_a_folder_in_use(tmp_path, capsys):
    folder = tmp_path / "arctic"
    assert main(["init", str(folder), "--title", "Arctic shipping: the 2026 season"]) == 0
    out = capsys.readouterr().out
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert files == [
        ".gitignore",
        "Makefile",
        "docs/conf.py",
        "docs/how-to-add.md",
        "docs/how-to-read.md",
        "docs/index.md",
        "docs/reference.md",
        "schemas/claims.schema.json",
        "schemas/clutter-rules.schema.json",
        "schemas/edition.schema.json",
        "schemas/glossary.schema.json",
        "schemas/judgments.schema.json",
        "schemas/origins.schema.json",
        "schemas/sidecar.schema.json",
        "seeds/claims.yaml",
        "seeds/glossary.yaml",
        "seeds/judgments.yaml",
        "seeds/origins.yaml",
    ]
    assert "briefbook add ARTICLE.txt | PAGE.html | https://..." in out
    index = (folder / "docs" / "index.md").read_text("utf-8")
    assert index.startswith("# Arctic shipping\\: the 2026 season\n")
    for section in ("Bottom line", "Key judgments", "Where the sources disagree", "What remains uncertain"):
        assert f"```{{rubric}} {section}" in index
    conf = (folder / "docs" / "conf.py").read_text("utf-8")
    assert 'project = "Arctic shipping: the 2026 season"' in conf
    book = load_book(folder / "seeds")  # empty, and sound
    assert (len(book.articles), len(book.glossary), len(book.claims.claims)) == (0, 0, 0)
    before = sorted(folder.rglob("*"))
    assert main(["init", str(folder)]) == 1
    assert capsys.readouterr().err == (
        f"error: {folder}: not empty; briefbook init starts a book in a new or empty folder and never "
        "overwrites a file\n"
    )
    with pytest.raises(BriefbookError) as caught:
        init_book(folder)
    [problem] = caught.value.problems
    assert (problem.code, problem.path) == (Code.BOOK_NOT_EMPTY, str(folder))
    assert sorted(folder.rglob("*")) == before


def test_a_title_with_quotes_and_markup_stays_text(tmp_path, capsys):
    title = 'The "Kessel" files: {raw}`x` *bold* #1, 50% & $5 \\ end'
    assert main(["init", str(tmp_path / "b"), "--title", title]) == 0
    namespace: dict = {}
    exec((tmp_path / "b" / "docs" / "conf.py").read_text("utf-8"), namespace)
    assert namespace["project"] == title
    assert namespace["latex_documents"][0][2] == (
        'The "Kessel" files: \\{raw\\}`x` *bold* \\#1, 50\\% \\& \\$5 \\textbackslash{} end'
    )
    index = (tmp_path / "b" / "docs" / "index.md").read_text("utf-8")
    assert index.startswith(
        '# The "Kessel" files\\: \\{raw\\}\\`x\\` \\*bold\\* \\#1, 50\\% \\& \\$5 \\\\ end\n'
    )
    assert main(["init", str(tmp_path / "c"), "--title", "Talks <script>"]) == 1
    assert "'<' and '>' cannot stand in a book's title" in capsys.readouterr().err
    assert not (tmp_path / "c").exists()


SKELETON_DIR = REPO / "src" / "briefbook" / "intake" / "skeleton"

# Where the repository's own book words things otherwise than a new book: its reader has the README,
# and it is briefbook's worked example; a new book's reader has its reference page, and nothing else.
REPOSITORY_WORDING = {
    "[Schemas for editors](reference.md#schemas-for-editors)": 'the README\'s "Schemas for editors"',
    "[Problems and their codes](reference.md#problems-and-their-codes).": (
        'the README\'s "Problems and their codes".'
    ),
    "To start another book, on another subject:": (
        "This book is the worked example. To start another, on another subject:"
    ),
}


def test_the_reading_guide_and_workflow_are_the_repository_s_own_but_for_the_reference():
    # the new book's copies are package data; they must not drift from the book's pages
    assert (SKELETON_DIR / "how-to-read.md").read_text("utf-8") == (
        REPO / "docs" / "how-to-read.md"
    ).read_text("utf-8")
    workflow = (SKELETON_DIR / "how-to-add.md").read_text("utf-8")
    for new_book, repository in REPOSITORY_WORDING.items():
        assert workflow.count(new_book) == 1, new_book
        workflow = workflow.replace(new_book, repository)
    assert workflow == (REPO / "docs" / "how-to-add.md").read_text("utf-8")


def readme_section(title: str) -> str:
    readme = (REPO / "README.md").read_text("utf-8")
    start = readme.index(f"\n## {title}\n")
    return readme[start : readme.index("\n## ", start + 1)].strip()


@pytest.mark.parametrize("title", ["Notes and their markup", "Problems and their codes", "Settings"])
def test_the_new_book_s_reference_says_what_the_readme_says(title):
    reference = (SKELETON_DIR / "reference.md").read_text("utf-8") + "\n## "
    assert readme_section(title) in reference, title


def test_the_new_book_holds_the_schemas_its_reference_names():
    files = book_files("Harbour affairs", "")
    reference = files["docs/reference.md"]
    for name in SCHEMAS:
        copy = files[f"schemas/{schema_file(name)}"]
        assert copy == (REPO / "src/briefbook/editorial/schema" / schema_file(name)).read_text("utf-8")
        assert f"`{schema_file(name)}`" in reference
    assert "$schema=../schemas/sidecar.schema.json" in reference


def test_nothing_in_a_new_book_speaks_of_a_repository_or_its_readme():
    files = book_files("Harbour affairs", "")
    assert set(SKELETON.values()) <= set(files)
    for path, text in files.items():
        for words in ("README", "worked example", "repository", "src/briefbook"):
            assert words not in text, (path, words)


def test_the_footer_names_the_editor_or_no_one(tmp_path):
    def conf(*options: str) -> dict:
        folder = tmp_path / str(len(options))
        assert main(["init", str(folder), "--title", "Harbour affairs", *options]) == 0
        namespace: dict = {}
        exec((folder / "docs" / "conf.py").read_text("utf-8"), namespace)
        return namespace

    unnamed = conf()
    assert unnamed["author"] == ""  # the theme writes no "By ..." under the pages
    assert unnamed["latex_documents"][0][3] == ""
    named = conf("--editor", "  Ana Ruiz  &  the   harbour desk ")
    assert named["author"] == "Ana Ruiz & the harbour desk"
    assert named["latex_documents"][0][3] == "Ana Ruiz \\& the harbour desk"  # LaTeX's specials escaped


def test_an_editor_s_name_stays_text(tmp_path, capsys):
    assert main(["init", str(tmp_path / "b"), "--editor", "<b>desk</b>"]) == 1
    assert "--editor '<b>desk</b>': '<' and '>' cannot stand in a book's editor" in capsys.readouterr().err
    assert not (tmp_path / "b").exists()


@pytest.mark.slow
def test_init_add_and_build_in_a_temporary_folder(tmp_path):
    require_tool("xelatex", "latexmk", "pdftotext")
    folder = tmp_path / "newbook"
    assert main(["init", str(folder), "--title", "Harbour affairs", "--editor", "The Harbour desk"]) == 0

    def briefbook(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "briefbook", *args],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=900,
        )

    empty = briefbook("build", "--html")  # builds at once, with no article yet, and without a warning
    assert empty.returncode == 0, empty.stdout + empty.stderr
    assert "warnings: 0" in empty.stdout, empty.stdout
    html = folder / "docs" / "_build" / "html"
    assert "The book has no articles yet" in page_words(html / "index.html")
    article = tmp_path / "strike.txt"
    article.write_bytes((WEB / "texts" / "01-news-chrome.txt").read_bytes())
    assert briefbook("add", str(article)).returncode == 0
    page = tmp_path / "satellite.html"
    page.write_bytes((WEB / "pages" / "satellite-launch.wire.html").read_bytes())
    assert briefbook("add", str(page)).returncode == 0
    built = briefbook("build")
    assert built.returncode == 0, built.stdout + built.stderr
    # the PDF is set with xelatex and indexed with xindy, and the progress says so
    assert "  latexpdf: xelatex run 1" in built.stdout.splitlines(), built.stdout
    assert "pdflatex" not in built.stdout and "makeindex" not in built.stdout
    assert "pages: 2 articles + 5 overview pages" in built.stdout
    front = page_words(html / "index.html")
    assert "Harbour affairs" in front and "Bottom line" in front
    satellite = next((html / "articles").glob("001_satellite_*.html"))
    # the front page's contents list the articles, in the book's order
    listed = re.findall(r'href="(articles/\d{3}_[^"#]+\.html)"', (html / "index.html").read_text("utf-8"))
    assert sorted(set(listed)) == [f"articles/{p.name}" for p in sorted((html / "articles").glob("00*.html"))]
    assert "Weather satellite reaches orbit on third launch attempt" in page_words(satellite)
    paragraphs = article_text(satellite.read_text("utf-8"))
    assert paragraphs[0].startswith(
        "SARNA ISLAND (The Associated Press) - A European-built weather satellite"
    )
    assert "By The Harbour desk" in front  # the footer names the book's editor
    # the workflow sends the editor to the book's own reference, which the site has
    workflow = (html / "how-to-add.html").read_text("utf-8")
    assert 'href="reference.html#schemas-for-editors"' in workflow
    assert 'href="reference.html#problems-and-their-codes"' in workflow
    assert "anchor.orphan" in page_words(html / "reference.html")
    for page in html.glob("*.html"):
        assert "README" not in page.read_text("utf-8"), page.name
    pdf = folder / "docs" / "_build" / "latex" / "briefing.pdf"
    words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Dockworkers at Port Almera returned to work" in words

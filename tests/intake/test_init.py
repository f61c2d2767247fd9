"""``briefbook init``: a new book that builds at once and takes ``briefbook add``."""

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
from briefbook.errors import BriefbookError, Code
from briefbook.intake.newbook import init_book


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
        "seeds/claims.yaml",
        "seeds/glossary.yaml",
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


def test_the_reading_guide_and_workflow_are_the_repository_s_own():
    # the new book's copies are package data; they must not drift from the book's pages
    skeleton = REPO / "src" / "briefbook" / "intake" / "skeleton"
    for name in ("how-to-read.md", "how-to-add.md"):
        assert (skeleton / name).read_text("utf-8") == (REPO / "docs" / name).read_text("utf-8"), name


@pytest.mark.slow
def test_init_add_and_build_in_a_temporary_folder(tmp_path):
    require_tool("xelatex", "latexmk", "pdftotext")
    folder = tmp_path / "newbook"
    assert main(["init", str(folder), "--title", "Harbour affairs"]) == 0

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
    assert "pages: 2 articles + 4 overview pages" in built.stdout
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
    pdf = folder / "docs" / "_build" / "latex" / "briefing.pdf"
    words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Dockworkers at Port Almera returned to work" in words

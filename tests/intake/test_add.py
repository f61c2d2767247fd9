"""``briefbook add`` on awkward inputs: names, duplicates, encodings, empty files, existing files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from helpers.tinybook import make_book, snapshot

from briefbook.book.load import load_book
from briefbook.cli import main
from briefbook.editorial.sidecar import load_sidecar
from briefbook.intake import add as add_module
from briefbook.intake.add import add_article, article_name, slugify
from briefbook.models import RawArticle
from briefbook.text.clean import clean_article

ARTICLE = (
    "Skip to main content\n"
    "\n"
    "Pentagon Says Talks Were Productive After Abu Dhabi Round\n"
    "\n"
    "By Jane Doe\n"
    "\n"
    "Feb. 6, 2026\n"
    "\n"
    "The dialogue was suspended in 2021, officials said, and Pete Hegseth welcomed its return.\n"
    "\n"
    "Pete Hegseth said the meeting between the two delegations in Abu Dhabi ended late on Thursday.\n"
)


@pytest.fixture
def book(tmp_path, monkeypatch) -> Path:
    root = make_book(tmp_path / "book")
    monkeypatch.chdir(root)
    return root


def sha8(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


def test_awkward_file_name_becomes_a_safe_stable_name(book, tmp_path, capsys, monkeypatch):
    drafts = tmp_path / "my drafts"
    drafts.mkdir()
    data = ARTICLE.encode("utf-8")
    source = drafts / "Über den Krieg (1) <b>{raw}`x`.txt"
    source.write_bytes(data)
    monkeypatch.chdir(book / "docs")  # the path is given with ../ and spaces
    status = main(["add", "../../my drafts/Über den Krieg (1) <b>{raw}`x`.txt"])
    out = capsys.readouterr().out
    assert status == 0, out
    name = f"004_uber-den-krieg-1-b-raw-x_{sha8(data)}"
    seeds = book / "seeds"
    assert (seeds / f"{name}.txt").read_bytes() == data  # the article exactly as received
    assert sorted(p.name for p in seeds.iterdir())[-4:] == [
        f"{name}.txt",
        f"{name}.yaml",
        "claims.yaml",
        "glossary.yaml",
    ]
    assert sorted(p.stem for p in seeds.glob("*.txt"))[-1] == name  # sorts after the others
    sidecar = load_sidecar(seeds / f"{name}.yaml")
    assert (sidecar.title, sidecar.publisher, sidecar.author, sidecar.date, sidecar.kind, sidecar.notes) == (
        "Pentagon Says Talks Were Productive After Abu Dhabi Round",
        None,
        "Jane Doe",
        "2026-02-06",
        "news",
        (),
    )
    text = (seeds / f"{name}.yaml").read_text("utf-8")
    assert "date: \"2026-02-06\"  # from line 7: 'Feb. 6, 2026'; check it" in text
    assert '#   - quote: "Feb. 6, 2026"' not in text  # the example quote is article text, not metadata
    # what the editor should do next
    assert "  line 1 (skip-link): Skip to main content" in out
    assert "  line 3 (headline): Pentagon Says Talks Were Productive After Abu Dhabi Round" in out
    assert "Terms not in the glossary yet: Pete Hegseth (2)" in out
    assert (
        "     13 words with 000_alpha: 'the meeting between the two delegations in Abu Dhabi ended late on Thursday'"
        in out
    )
    assert "     suspension-2021 ('The dialogue was suspended in 2021.'): " in out
    # the book still checks, with the new article in it
    assert [e.stem for e in load_book(seeds).articles][-1] == name


def test_the_commented_example_notes_are_valid_once_uncommented(book, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, "utf-8")
    added = add_article(book / "seeds", source)
    text = added.sidecar_path.read_text("utf-8")
    start = text.index("# notes:")
    body = "\n".join(line[2:] for line in text[start:].splitlines())
    added.sidecar_path.write_text(
        text[:start]
        + body.replace("a-claim-id", "suspension-2021").replace('"another passage"', '"Pete Hegseth said"'),
        "utf-8",
    )
    book_ = load_book(book / "seeds")  # the example quote anchors in the new article
    entry = book_.article(added.article_path.stem)
    assert [n.note.kind for n in entry.notes] == ["context", "fact-check"]


def test_duplicate_is_refused_and_seeds_are_unchanged(book, tmp_path, capsys):
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, "utf-8")
    assert main(["add", str(source)]) == 0
    before = snapshot(book / "seeds")
    copy = tmp_path / "another name.txt"
    copy.write_bytes(source.read_bytes())
    capsys.readouterr()
    assert main(["add", str(copy)]) == 1
    name = f"004_article_{sha8(source.read_bytes())}.txt"
    assert capsys.readouterr().err == (
        f"error: {copy}: already in the book as seeds/{name} (same bytes); nothing was added\n"
    )
    assert snapshot(book / "seeds") == before


def test_crlf_cp1252_file_is_copied_as_is_and_read_right(book, tmp_path, capsys):
    data = ARTICLE.replace("Were Productive", "“Productive”").replace("\n", "\r\n").encode("cp1252")
    source = tmp_path / "windows.txt"
    source.write_bytes(data)
    assert main(["add", str(source), "--kind", "analysis", "--publisher", 'The "Test" Post']) == 0
    out = capsys.readouterr().out
    path = book / "seeds" / f"004_windows_{sha8(data)}.txt"
    assert path.read_bytes() == data
    assert "  reading it: decoded as cp1252 (not valid UTF-8 at byte offset 44)" in out
    assert "  reading it: turned line ends into LF (11 CRLF)" in out
    sidecar = load_sidecar(path.with_suffix(".yaml"))
    assert sidecar.title == "Pentagon Says Talks “Productive” After Abu Dhabi Round"
    assert (sidecar.kind, sidecar.publisher) == ("analysis", 'The "Test" Post')


@pytest.mark.parametrize("content", [b"", b"  \r\n\n\t\n"], ids=["empty", "blank"])
def test_empty_file_is_a_clear_error(book, tmp_path, capsys, content):
    source = tmp_path / "empty.txt"
    source.write_bytes(content)
    before = snapshot(book / "seeds")
    assert main(["add", str(source)]) == 1
    assert capsys.readouterr().err == f"error: {source}: the file is empty (expected the article's text)\n"
    assert snapshot(book / "seeds") == before


def test_binary_and_missing_files_are_clear_errors(book, tmp_path, capsys):
    before = snapshot(book / "seeds")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"GIF89a\x00\x01\x02")
    assert main(["add", str(binary)]) == 1
    assert capsys.readouterr().err == (
        f"error: {binary}: not a text file: NUL byte at byte offset 6 (expected UTF-8 or Windows-1252 text)\n"
    )
    assert main(["add", str(tmp_path / "nowhere.txt")]) == 1
    assert (
        capsys.readouterr().err
        == f"error: {tmp_path / 'nowhere.txt'}: no such file (expected the article's text file)\n"
    )
    assert main(["add", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"error: {tmp_path}: not a file (expected the article's text file)\n"
    assert snapshot(book / "seeds") == before


def test_only_clutter_is_a_clear_error(book, tmp_path, capsys):
    source = tmp_path / "clutter.txt"
    source.write_text("Skip to main content\n\nComments\n", "utf-8")
    assert main(["add", str(source)]) == 1
    assert capsys.readouterr().err == (
        f"error: {source}: no text left after cleaning (every line was removed: comments-label, skip-link)\n"
    )


@pytest.mark.parametrize("date", ["6 Feb 2026", "2026-02-31", "2026-13-45"])
def test_bad_date_is_refused_before_anything_is_written(book, tmp_path, capsys, date):
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, "utf-8")
    before = snapshot(book / "seeds")
    assert main(["add", str(source), "--date", date]) == 1
    assert capsys.readouterr().err == (
        f"error: --date {date!r}: expected a date written YYYY, YYYY-MM or YYYY-MM-DD that exists\n"
    )
    assert snapshot(book / "seeds") == before


def test_an_existing_sidecar_is_never_overwritten(book, tmp_path, capsys, monkeypatch):
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, "utf-8")
    name = article_name(7, "a.txt", source.read_bytes())
    taken = book / "seeds" / Path(name).with_suffix(".yaml")
    taken.write_text("title: mine\nkind: news\n", "utf-8")
    monkeypatch.setattr(add_module, "next_number", lambda seeds: 7)  # as if another add raced this one
    before = snapshot(book / "seeds")
    assert main(["add", str(source)]) == 1
    assert (
        capsys.readouterr().err
        == f"error: seeds/{taken.name}: already exists; briefbook add never replaces a file\n"
    )
    assert snapshot(book / "seeds") == before  # the sidecar is as it was, and the article was taken back


def test_title_given_with_an_option_is_kept_as_text(book, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, "utf-8")
    title = 'A "quoted" title: {raw}`x` #1 \\ end'
    added = add_article(book / "seeds", source, title=title, date="2026-02")
    sidecar = load_sidecar(added.sidecar_path)
    assert (sidecar.title, sidecar.date) == (title, "2026-02")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("Über den Krieg", "uber-den-krieg"),
        ("Статья о переговорах", ""),
        ("<script>alert(1)</script>", "script-alert-1-script"),
        ("a" * 30 + " " + "b" * 30, "a" * 30),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_a_name_without_ascii_falls_back_to_the_title():
    assert article_name(12, "Статья.txt", b"x", "Talks resume") == f"012_talks-resume_{sha8(b'x')}.txt"
    assert article_name(12, "Статья.txt", b"x", "Переговоры") == f"012_article_{sha8(b'x')}.txt"


@pytest.mark.parametrize(
    ("line", "guessed"),
    [
        ("Published February 5, 2026", "2026-02-05"),
        ("Published 29 February 2024", "2024-02-29"),
        ("Published February 31, 2026", None),  # no such day: not a guess
        ("Updated 2026-13-45", None),
    ],
)
def test_a_guessed_date_is_a_day_on_the_calendar(line, guessed):
    text = f"Talks Resume\n\n{line}\n\nThe talks resumed on Thursday, officials said.\n"
    raw = RawArticle(Path("a.txt"), text, "utf-8")
    assert add_module.guess_date(raw, clean_article(raw)).value == guessed


def test_add_counts_a_single_paragraph_and_line_in_the_singular(book, tmp_path, capsys):
    source = tmp_path / "harbour.txt"
    source.write_text(
        "Harbour Reopens After Repairs\n\n"
        "The harbour reopened on Monday after a week of repairs to the quay, the port authority said.\n",
        "utf-8",
    )
    assert main(["add", str(source)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "1 paragraph; cleaning removed 1 line:" in lines
    assert "  line 1 (headline): Harbour Reopens After Repairs" in lines


def test_a_byline_line_then_a_dateline_line_go_to_the_sidecar(book, tmp_path, capsys):
    # the pasted text: "By Ingrid Solberg", then "TROMSØ, Norway, March 3, 2026"
    source = tmp_path / "herders.txt"
    source.write_text(
        "Reindeer herders win ruling over the Fosvik wind farm\n\nBy Ingrid Solberg\n\n"
        "TROMSØ, Norway, March 3, 2026\n\n"
        "The court ruled on Tuesday that the turbines on the peninsula disturbed the herders' winter grazing.\n\n"
        "The herders had argued for years that the wind farm was built without their consent.\n",
        "utf-8",
    )
    assert main(["add", str(source)]) == 0
    out = capsys.readouterr().out
    assert (
        "  line 3 (byline): By Ingrid Solberg" in out
        and "  line 5 (dateline): TROMSØ, Norway, March 3, 2026" in out
    )
    [path] = (book / "seeds").glob("004_herders_*.yaml")
    sidecar = load_sidecar(path)
    assert (sidecar.author, sidecar.date) == ("Ingrid Solberg", "2026-03-03")
    assert '#   - quote: "The court ruled on Tuesday that"' in path.read_text("utf-8")

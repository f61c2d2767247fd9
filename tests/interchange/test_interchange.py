"""Notes out as W3C Web Annotations and back; Hypothesis exports in: routing by address, anchoring by
the sidecars' rules, orphans reported and never moved, nothing written unless everything fits."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from helpers import CORPUS, SEEDS

from briefbook.book import read_article
from briefbook.cli import main
from briefbook.editorial.sidecar import load_sidecar
from briefbook.editorial.yamlload import load_yaml
from briefbook.interchange.importing import kind_of, normalise_url
from briefbook.interchange.reading import read_annotations
from briefbook.names import article_paths
from briefbook.sidecar_edit.placing import Selection, resolve_selection

HYPOTHESIS = CORPUS / "annotations" / "hypothesis-export.json"
GUARDIAN_LIKE = "003_aacb11e1eea10760"  # the article the Hypothesis fixture annotates
PAGE = "news.example.org/world/2026/feb/05/us-russian-militaries-resume-high-level-talks"


@pytest.fixture
def book(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the real seeds (and the book's docs/conf.py, so the commands find the book)."""
    root = tmp_path / "book"
    shutil.copytree(SEEDS, root / "seeds")
    (root / "docs").mkdir()
    (root / "docs" / "conf.py").write_text("", "utf-8")
    monkeypatch.chdir(root)
    return root


def run(capsys, *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def notes_of(seeds: Path) -> dict[str, list[dict]]:
    """Every sidecar's notes as the build reads them (plain mappings, in order)."""
    return {
        p.stem: [
            dict(n)
            for n in (load_sidecar(p.with_suffix(".yaml")) and load_yaml(p.with_suffix(".yaml"))).get("notes")
            or ()
        ]
        for p in article_paths(seeds)
    }


def without_notes(seeds: Path) -> None:
    for path in article_paths(seeds):
        sidecar = path.with_suffix(".yaml")
        text = sidecar.read_text("utf-8")
        sidecar.write_text(re.sub(r"(?ms)^notes:.*", "notes: []\n", text), "utf-8")


def set_url(seeds: Path, stem: str, url: str) -> None:
    sidecar = seeds / f"{stem}.yaml"
    text = sidecar.read_text("utf-8")
    assert "\nurl: null\n" in text
    sidecar.write_text(text.replace("\nurl: null\n", f'\nurl: "{url}"\n'), "utf-8")


# ---------------------------------------------------------------- export


def test_export_writes_every_note_as_a_w3c_annotation_quoting_the_cleaned_text(book, capsys):
    status, out = run(capsys, "export-annotations", "-o", "notes.jsonld")
    assert status == 0 and out == "wrote 98 annotations to notes.jsonld\n"
    collection = json.loads((book / "notes.jsonld").read_text("utf-8"))
    assert collection["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection" and collection["total"] == 98
    items = collection["first"]["items"]
    assert len(items) == 98 == sum(len(n) for n in notes_of(book / "seeds").values())
    texts = {p.stem: read_article(p)[0] for p in article_paths(book / "seeds")}
    for item in items:
        assert item["type"] == "Annotation" and item["id"].startswith("urn:briefbook:note:")
        source = item["target"]["source"]
        stem = source.removeprefix("urn:briefbook:article:")  # the seeds have no url
        article = texts[stem]
        quote = next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")
        position = next((s for s in item["target"]["selector"] if s["type"] == "TextPositionSelector"), None)
        if position is None:  # a note on the photo caption
            assert item["bb:in"] == "caption" and quote["exact"] in article.caption
            continue
        text = article.text
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert quote.get("prefix", "") == text[max(0, position["start"] - 32) : position["start"]]
        assert quote.get("suffix", "") == text[position["end"] : position["end"] + 32]
        note, kind = item["body"]
        assert note["format"] == "text/markdown" and note["purpose"] == "commenting"
        assert kind == {"type": "TextualBody", "purpose": "tagging", "value": kind["value"]}
    first = items[0]
    assert first["body"][1]["value"] == "context"
    assert first["bb:claim"] == "announcement" and first["bb:stance"] == "supports"
    assert first["target"]["selector"][0]["exact"].startswith("According to a Feb. 5 announcement")
    fact_checks = [i for i in items if i["body"][1]["value"] == "fact-check"]
    assert fact_checks and all(i["bb:basis"] for i in fact_checks)


def test_export_uses_the_articles_url_as_source_when_it_has_one(book, capsys):
    set_url(book / "seeds", GUARDIAN_LIKE, f"https://{PAGE}")
    status, out = run(capsys, "export-annotations")
    assert status == 0
    sources = {i["target"]["source"] for i in json.loads(out)["first"]["items"]}
    assert f"https://{PAGE}" in sources and f"urn:briefbook:article:{GUARDIAN_LIKE}" not in sources


def test_export_then_import_gives_back_the_same_notes(book, capsys):
    seeds = book / "seeds"
    before = notes_of(seeds)
    assert run(capsys, "export-annotations", "-o", "notes.jsonld")[0] == 0
    without_notes(seeds)
    assert all(not notes for notes in notes_of(seeds).values())
    status, out = run(capsys, "import-annotations", "notes.jsonld")
    assert status == 0, out
    assert "added 98 notes to 5 sidecars:" in out
    assert notes_of(seeds) == before
    # and again: nothing is added twice
    status, out = run(capsys, "import-annotations", "notes.jsonld")
    assert status == 0 and out.count("already in the book") == 98 and out.endswith("nothing new to add\n")
    assert notes_of(seeds) == before


# ---------------------------------------------------------------- a Hypothesis export


def test_hypothesis_export_with_orphans_writes_nothing_and_lists_each(book, capsys):
    seeds = book / "seeds"
    set_url(seeds, GUARDIAN_LIKE, f"http://{PAGE}/")  # http and a trailing slash: the same page
    before = {p.name: p.read_bytes() for p in seeds.iterdir() if p.is_file()}
    status, out = run(capsys, "import-annotations", str(HYPOTHESIS))
    assert status == 1
    lines = out.splitlines()
    assert lines[0] == f"{HYPOTHESIS}: 8 annotations (Hypothesis export)"
    assert lines[1].startswith(
        f"  added: row 1 (Q3b5v8TcEe6x2h9kL1mZ0A) [{GUARDIAN_LIKE}]: a definition note"
    )
    assert (
        lines[2]
        == f"  added: row 2 (Uo1rW8TcEe6pGy3wQ2nA7g) [{GUARDIAN_LIKE}]: a discrepancy note on 'the talks'"
    )
    # the ambiguous quote whose context fits none of its places: listed with the places
    assert lines[3].startswith(
        f"  orphan: row 3 (b7CkQ8TdEe6kR1f0Vj3s9w) [{GUARDIAN_LIKE}]: quote 'Abu Dhabi' occurs 4 times"
    )
    assert "agreed today in Abu Dhabi to reestablish" in lines[3] and lines[3].endswith(
        "(the text around the quote fits none of them, or several equally); "
        "add prefix, suffix or occurrence to choose one"
    )
    # the quote that is not in the text: with the nearest passage
    assert lines[4] == (
        f"  orphan: row 4 (hX2mQ8TdEe6Wc0t6Yp4r1Q) [{GUARDIAN_LIKE}]: quote 'Lloyd Austin made several "
        f"phone calls' not found in {GUARDIAN_LIKE}.txt; closest passage (65% similar) in paragraph 9 "
        "(line 13): 'secretary Lloyd Austin held multiple calls with'"
    )
    assert lines[5:8] == [
        "  skipped: row 5 (m4NvS8TdEe6b8wLp2Zc5Hg): a reply to another annotation",
        "  skipped: row 6 (pQ7zT8TdEe6n3aKs1Xb0Lw): quotes no passage (a note on the whole page)",
        "  skipped: row 7 (sD1fU8TdEe6Qm5Hr8Nc2Yv): has no note text (a highlight)",
    ]
    # tagged "Fact check": Hypothesis has no field for its basis, so it comes in with the basis to
    # be given (check warns of it), not refused for what the format cannot carry
    assert lines[8] == (
        f"  added: row 8 (wK9gV8TdEe6Tj2Ns4Pd6Rb) [{GUARDIAN_LIKE}]: a fact-check note on "
        "'exchange 314 prisoners of war'"
    )
    assert lines[9:] == [
        "nothing was written: 2 annotations could not be placed or were refused; fix them, or use "
        "--keep-going to add the 3 that can be"
    ]
    assert {p.name: p.read_bytes() for p in seeds.iterdir() if p.is_file()} == before


def test_hypothesis_export_with_keep_going_adds_the_anchored_ones(book, capsys):
    seeds = book / "seeds"
    set_url(seeds, GUARDIAN_LIKE, f"http://{PAGE}/")
    old = notes_of(seeds)[GUARDIAN_LIKE]
    status, out = run(capsys, "import-annotations", str(HYPOTHESIS), "--keep-going")
    assert status == 1  # some annotations were not added: said in the status too
    assert "added 3 notes to 1 sidecar:" in out
    assert f"  wrote seeds/{GUARDIAN_LIKE}.yaml" in out
    assert out.endswith("not added: 2 annotations, listed above as orphan or refused\n")
    new = notes_of(seeds)[GUARDIAN_LIKE]
    assert new[: len(old)] == old
    assert new[len(old) :] == [
        {
            "quote": "US European Command, which oversees American military operations in Europe",
            "kind": "definition",
            "note": "EUCOM: U.S. European Command, one of the geographic combatant commands; headquarters at "
            "Patch Barracks, Stuttgart.",
        },
        {
            # "the talks" stands four times: the Hypothesis context chose one, the sidecar names it
            "quote": "the talks",
            "suffix": "cautioned",
            "kind": "discrepancy",
            "note": "Unnamed Ukrainian officials; the U.S. side called the same talks *productive*.",
        },
        {
            # a fact-check, which Hypothesis cannot give a basis: it is to be given
            "quote": "exchange 314 prisoners of war",
            "kind": "fact-check",
            "note": "157 Ukrainians and 157 Russians: each side released half of the 314.",
            "basis": None,
        },
    ]
    sidecar = seeds / f"{GUARDIAN_LIKE}.yaml"
    written = sidecar.read_text("utf-8").splitlines()
    assert "    basis: null" in written
    line = 1 + max(n for n, text in enumerate(written) if "exchange 314 prisoners of war" in text)
    status, out = run(capsys, "check")
    assert status == 0  # the book builds with them, and check says what is still to be given
    assert (
        f"warning: seeds/{GUARDIAN_LIKE}.yaml:{line}: a fact-check whose "
        "basis is not given yet (basis: null), so the reader cannot see what it was checked against; write "
        "where the fact comes from in basis:"
    ) in out.splitlines()
    status, out = run(capsys, "import-annotations", str(HYPOTHESIS), "--keep-going")
    assert out.count("already in the book") == 3 and notes_of(seeds)[GUARDIAN_LIKE] == new


def test_a_position_selector_is_used_only_where_the_text_is_the_quote():
    _, rows = read_annotations(json.loads(HYPOTHESIS.read_text("utf-8")))
    article = read_article(SEEDS / f"{GUARDIAN_LIKE}.txt")[0]
    row = rows[1]  # "the talks" (four times); its position counts in the publisher's page, not ours
    assert article.text[row.start : row.end] != row.quote
    selection = Selection(row.quote, row.prefix, row.suffix, row.start, row.end)
    assert resolve_selection(article, selection, "x.yaml").span.paragraph == 15  # where the context says
    # where the text at the position is the quote, the position decides
    start = article.text.rindex("the talks")
    selection = Selection("the talks", row.prefix, row.suffix, start, start + len("the talks"))
    assert resolve_selection(article, selection, "x.yaml").span.paragraph == 19


# ---------------------------------------------------------------- routing and kinds


@pytest.mark.parametrize(
    "address",
    [
        f"https://{PAGE}",
        f"http://{PAGE}",
        f"https://{PAGE}/",
        f"https://{PAGE}#annotations:Uo1rW8TcEe6pGy3wQ2nA7g",
        f"HTTPS://News.Example.org:443/{PAGE.split('/', 1)[1]}/",
    ],
)
def test_addresses_of_the_same_page_match(address):
    assert normalise_url(address) == normalise_url(f"https://{PAGE}")


@pytest.mark.parametrize(
    "address",
    [f"https://{PAGE}-live", f"https://{PAGE}?page=2", f"https://other.example.org/{PAGE.split('/', 1)[1]}"],
)
def test_addresses_of_other_pages_do_not_match(address):
    assert normalise_url(address) != normalise_url(f"https://{PAGE}")


def w3c(source: str, exact: str, text: str, *tags: str, **quote: str) -> dict:
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "body": [{"type": "TextualBody", "value": text}]
        + [{"type": "TextualBody", "purpose": "tagging", "value": t} for t in tags],
        "target": {"source": source, "selector": {"type": "TextQuoteSelector", "exact": exact, **quote}},
    }


def test_annotations_go_to_the_article_with_their_address_or_to_the_one_named(book, capsys):
    seeds = book / "seeds"
    newsletter = "001_dfb5807d84888d85"
    set_url(seeds, GUARDIAN_LIKE, f"https://{PAGE}")
    annotations = [
        w3c(f"http://{PAGE}/#top", "Steve Witkoff", "The U.S. special envoy.", "definition"),
        w3c("https://elsewhere.example.com/a-newsletter", "Some shit you should know", "House style.", "SIC"),
    ]
    Path("w3c.json").write_text(json.dumps(annotations), "utf-8")
    before = notes_of(seeds)
    status, out = run(capsys, "import-annotations", "w3c.json")
    assert status == 1
    assert (
        "  orphan: annotation 2: no article of the book has the address https://elsewhere.example.com/"
        "a-newsletter; name the article with --article STEM"
    ) in out
    assert notes_of(seeds) == before
    # --article takes the annotations whose address matches no article; the others keep theirs
    status, out = run(capsys, "import-annotations", "w3c.json", "--article", newsletter)
    assert status == 0, out
    after = notes_of(seeds)
    assert after[GUARDIAN_LIKE][-1] == {
        "quote": "Steve Witkoff",
        "kind": "definition",
        "note": "The U.S. special envoy.",
    }
    assert after[newsletter][-1] == {
        "quote": "Some shit you should know",
        "kind": "sic",
        "note": "House style.",
    }


def test_a_quote_cleaning_removed_is_an_orphan_with_its_nearest_passage(book, capsys):
    annotation = w3c("urn:briefbook:article:001_dfb5807d84888d85", "JOIN THE MOVEMENT", "Page residue.")
    Path("w3c.json").write_text(json.dumps(annotation), "utf-8")
    status, out = run(capsys, "import-annotations", "w3c.json")
    assert status == 1
    assert "  orphan: annotation 1 [001_dfb5807d84888d85]: quote 'JOIN THE MOVEMENT' not found in" in out


def test_unknown_article_is_refused(book, capsys):
    Path("w3c.json").write_text("[]", "utf-8")
    status, out = run(capsys, "import-annotations", "w3c.json", "--article", "../seeds/003")
    assert status == 1 and "--article ../seeds/003: no such article" in out


@pytest.mark.parametrize(
    ("tags", "kind"),
    [
        ((), "context"),
        (("ukraine", "Fact check"), "fact-check"),
        (("fact_check",), "fact-check"),
        (("SIC",), "sic"),
        (("prisoners", "Discrepancy", "definition"), "discrepancy"),  # the first tag that names a kind
        (("facts",), "context"),
    ],
)
def test_a_tag_that_names_a_note_kind_sets_the_kind(tags, kind):
    assert kind_of(tags) == kind


def test_a_file_that_is_not_annotations_says_what_was_expected(book, capsys):
    Path("notes.json").write_text('{"notes": []}', "utf-8")
    status, out = run(capsys, "import-annotations", "notes.json")
    assert status == 1
    assert "notes.json: neither W3C Web Annotations" in out and "nor a Hypothesis export" in out

"""import-annotations under hostile files: wrong types, huge numbers, deep nesting, a byte-order
mark, files and notes over the limits, thousands of rows; each answered by a clear line, in time
linear in the rows, and nothing saved that the build would refuse."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers.tinybook import make_book

from briefbook.cli import main
from briefbook.editorial.yamlload import load_yaml
from briefbook.errors import BriefbookError
from briefbook.interchange import reading
from briefbook.interchange.importing import import_annotations, normalise_url
from briefbook.interchange.reading import load_annotations_file, read_annotations
from briefbook.limits import MAX_NOTE_CHARS
from briefbook.sidecar_edit import writing, yamltext

ARTICLE = "001_beta"
QUOTE = "mild for the season"


@pytest.fixture
def book(tmp_path: Path, monkeypatch) -> Path:
    root = make_book(tmp_path / "book")
    monkeypatch.chdir(root)
    return root


def row(text: object = "A note.", quote: object = QUOTE, **more: object) -> dict:
    selector = {"type": "TextQuoteSelector", "exact": quote}
    return {
        "uri": "urn:briefbook:article:001_beta",
        "text": text,
        "target": [{"selector": [selector]}],
    } | more


def write_rows(path: Path, rows: list, prefix: bytes = b"") -> Path:
    path.write_bytes(prefix + json.dumps({"rows": rows}).encode("utf-8"))
    return path


def notes(book: Path, stem: str = ARTICLE) -> list:
    return list((load_yaml(book / "seeds" / f"{stem}.yaml") or {}).get("notes") or [])


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def test_rows_with_values_of_the_wrong_type_are_answered_not_raised(book, tmp_path, capsys):
    rows = [
        row(text=5),
        row(text={"a": 1}),
        row(quote=7),
        row(quote=["x"]),
        row(
            uri={"x": 1}, target=[{"source": 5, "selector": [{"type": "TextQuoteSelector", "exact": QUOTE}]}]
        ),
        row(tags=[1, None, {"a": 1}], id={"x": 1}),
        row(target="not a list"),
        row(target=[{"selector": {"type": ["TextQuoteSelector"], "exact": QUOTE, "refinedBy": 5}}]),
        row(target=[{"selector": [{"type": "TextPositionSelector", "start": True, "end": 10**15}]}]),
        {"rows": "nested"},
        [],
        7,
    ]
    _status, out, err = run(
        capsys, "import-annotations", str(write_rows(tmp_path / "a.json", rows)), "--keep-going"
    )
    assert "10 annotations (Hypothesis export)" in out, (
        out + err
    )  # rows that are no objects are no annotations
    assert "has no note text" in out and "quotes no passage" in out


def test_w3c_annotations_of_the_wrong_shape_are_answered_not_raised(book, tmp_path, capsys):
    items = [
        {"type": "Annotation", "target": 5, "body": 5},
        {
            "type": "Annotation",
            "target": {"source": ["x"], "selector": [{"type": "TextQuoteSelector", "exact": QUOTE}]},
        },
        {"type": "Annotation", "id": "x" * 10_000, "body": {"value": 5}, "bodyValue": ["a"]},
        {
            "type": "Annotation",
            "bb:occurrence": -(10**18),
            "bodyValue": "A note.",
            "target": {
                "source": "urn:briefbook:article:001_beta",
                "selector": {"type": "TextQuoteSelector", "exact": QUOTE},
            },
        },
        {
            "type": "Annotation",
            "target": {"source": "http://[::1", "selector": {"type": "TextQuoteSelector", "exact": QUOTE}},
            "bodyValue": "x",
        },
    ]
    path = tmp_path / "w3c.json"
    path.write_text(json.dumps({"type": "AnnotationPage", "items": items}), "utf-8")
    _status, out, err = run(capsys, "import-annotations", str(path), "--keep-going")
    assert "5 annotations (W3C AnnotationPage)" in out, out + err
    assert "x" * 200 not in out  # an id is shortened in the report


def test_json_python_would_choke_on_is_one_line(book, tmp_path, capsys):
    cases = {
        b'{"rows": [{"start": ' + b"9" * 5000 + b"}]}": "an integer of 5,000 digits",
        b"[" * 100_000 + b"]" * 100_000: "nested more than 64 levels deep",
        b'{"rows": [NaN]}': "NaN is not a JSON value",
        b'{"rows": [\xff]}': "not valid UTF-8 at byte offset 10",
    }
    for data, said in cases.items():
        path = tmp_path / "bad.json"
        path.write_bytes(data)
        status, _out, err = run(capsys, "import-annotations", str(path))
        assert status == 1 and said in err, (data[:30], err)
        assert len(err.splitlines()) == 1


def test_a_file_with_a_byte_order_mark_is_read(book, tmp_path, capsys):
    path = write_rows(tmp_path / "bom.json", [row()], prefix=b"\xef\xbb\xbf")
    status, out, err = run(capsys, "import-annotations", str(path))
    assert status == 0, out + err
    assert [n["quote"] for n in notes(book)] == [QUOTE]


def test_files_and_notes_over_the_limits_are_refused_by_name(book, tmp_path, capsys, monkeypatch):
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(reading.MAX_IMPORT_BYTES + 1)  # sparse: refused before a byte is read
    status, out, err = run(capsys, "import-annotations", str(big))
    assert status == 1 and "an annotations file holds at most 67 MB" in err
    monkeypatch.setattr(reading, "MAX_ANNOTATIONS", 3)
    status, out, err = run(capsys, "import-annotations", str(write_rows(tmp_path / "many.json", [row()] * 4)))
    assert status == 1 and "4 annotations; one import takes at most 3" in err
    long_note = write_rows(tmp_path / "long.json", [row(text="x" * (MAX_NOTE_CHARS + 1))])
    status, out, err = run(capsys, "import-annotations", str(long_note))
    assert status == 1 and f"its note has {MAX_NOTE_CHARS + 1:,} characters" in out
    assert notes(book) == []


def test_a_fifo_or_a_device_is_refused_not_waited_on(book, tmp_path, capsys):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        status, _out, err = run(capsys, "import-annotations", str(path))
        assert status == 1 and "not a regular file" in err


def test_notes_the_build_would_refuse_are_refused_one_by_one(book, tmp_path, capsys):
    rows = [
        row(text="Fine."),
        row(text="See {doc}`../../etc/passwd`."),
        row(text="A bell \x07."),
        row(text="See {term}`~EUCOM`."),
        row(text="Also fine."),
    ]
    status, out, _ = run(capsys, "import-annotations", str(write_rows(tmp_path / "a.json", rows)))
    assert status == 1 and "nothing was written" in out
    assert notes(book) == []
    status, out, _err = run(
        capsys, "import-annotations", str(write_rows(tmp_path / "a.json", rows)), "--keep-going"
    )
    assert out.count("refused:") == 3, out
    assert "unknown page '../../etc/passwd'" in out and "U+0007" in out and "'~EUCOM'" in out
    assert [n["note"] for n in notes(book)] == ["Fine.", "Also fine."]


def test_an_import_parses_each_sidecar_a_bounded_number_of_times(book, monkeypatch):
    """Linear in the rows: the sidecar is laid out and checked twice at most, however many notes."""
    layouts, checks = [], []
    layout, prepare = yamltext._layout, writing.prepare

    def counted_layout(*args, **kwargs):
        layouts.append(1)
        return layout(*args, **kwargs)

    def counted_prepare(*args, **kwargs):
        checks.append(1)
        return prepare(*args, **kwargs)

    monkeypatch.setattr(yamltext, "_layout", counted_layout)
    monkeypatch.setattr("briefbook.interchange.importing.prepare", counted_prepare)
    rows = [row(text=f"Note {i}.") for i in range(300)] + [row(text="{claim}`nothing`")]
    _, annotations = read_annotations({"rows": rows})
    report = import_annotations(book / "seeds", "Hypothesis export", annotations, keep_going=True)
    assert len(report.of("added")) == 300 and len(report.of("refused")) == 1
    assert len(layouts) <= 8 and len(checks) <= 4  # a few, however many rows (was one per row)
    assert len(notes(book)) == 300


def test_a_symlinked_sidecar_gets_the_note_and_stays_a_link(book, tmp_path, capsys):
    kept = tmp_path / "kept.yaml"
    sidecar = book / "seeds" / f"{ARTICLE}.yaml"
    kept.write_text(sidecar.read_text("utf-8"), "utf-8")
    sidecar.unlink()
    sidecar.symlink_to(kept)
    status, out, err = run(capsys, "import-annotations", str(write_rows(tmp_path / "a.json", [row()])))
    assert status == 0, out + err
    assert sidecar.is_symlink() and QUOTE in kept.read_text("utf-8")


def test_addresses_that_are_no_addresses_route_nowhere_without_raising():
    for url in ("http://[::1", "http://host:port/", "http://host:99999/", "https://[v1.x]/", ""):
        assert isinstance(normalise_url(url), str)


def test_reading_a_file_never_raises_anything_but_a_briefbook_error(tmp_path):
    path = tmp_path / "x.json"
    for data in (b"", b"\xef\xbb\xbf", b"null", b'"rows"', b'{"rows": [[]]}', b'{"type": 5}'):
        path.write_bytes(data)
        try:
            load_annotations_file(path)
        except BriefbookError as exc:
            assert exc.problems

"""Property-based tests (Hypothesis): every entry point fed type-confused and oversized values
answers with a value or briefbook's own refusal, never a traceback.

The entry points: the annotation API (its JSON bodies, raw bytes, Host headers), reading and
importing annotations, JSON from outside, decoding a page whatever it declares, the address
check of ``add URL``, ``init``'s title and editor, placing a selection, and the markup check.
"""

from __future__ import annotations

import json
import os
import shutil
import string
import tempfile
from pathlib import Path

from helpers.asgi import call, server_for, write
from helpers.tinybook import make_book
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefbook.analysis.anchors import AnchorError
from briefbook.book import read_article
from briefbook.editorial.markup import findings
from briefbook.errors import BriefbookError
from briefbook.intake.fetch import _check_address
from briefbook.intake.newbook import init_book
from briefbook.intake.pagebytes import decode_page, without_control_characters
from briefbook.interchange.importing import import_annotations, normalise_url
from briefbook.interchange.reading import read_annotations
from briefbook.jsonin import BadJson, parse_json
from briefbook.sidecar_edit.placing import Selection, resolve_selection

SETTINGS = settings(
    max_examples=int(os.environ.get("BRIEFBOOK_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# text of every kind: control characters, surrogates (a name that is not UTF-8), RTL marks, huge
texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x2FFF), max_size=40),
    st.sampled_from(
        ["", " ", "\x1b[31m", "\ud800", "\u202e", "\x00", "mild for the season", "{term}`x <y <z>`"]
    ),
    st.builds(lambda n, c: c * n, st.integers(0, 200_000), st.sampled_from(["x", " ", "é", "\n"])),
)
numbers = st.one_of(
    st.integers(),
    st.integers(min_value=10**18, max_value=10**40),
    st.floats(allow_nan=False),
    st.sampled_from([0, -1, 1.0, 2**63, -(2**63)]),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, texts)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(texts, inner, max_size=5),
    max_leaves=30,
)
# values that look like what each entry point expects, with any field replaced by anything
selection = st.fixed_dictionaries(
    {"quote": st.one_of(texts, json_values)},
    optional={k: json_values for k in ("prefix", "suffix", "start", "end", "where")},
)
note = st.fixed_dictionaries(
    {"kind": st.one_of(st.sampled_from(["context", "fact-check"]), json_values), "note": json_values},
    optional={k: json_values for k in ("basis", "claim", "stance")},
)
requests = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"article": st.one_of(st.just("001_beta"), json_values), "selection": selection, "note": note}
    ),
    st.fixed_dictionaries(
        {
            "article": st.one_of(st.just("001_beta"), json_values),
            "index": json_values,
            "fingerprint": json_values,
        },
        optional={"note": note},
    ),
)
target = st.fixed_dictionaries(
    {},
    optional={
        "source": json_values,
        "selector": st.one_of(
            json_values,
            st.lists(
                st.fixed_dictionaries(
                    {"type": st.sampled_from(["TextQuoteSelector", "TextPositionSelector", 5])},
                    optional={
                        k: json_values for k in ("exact", "prefix", "suffix", "start", "end", "refinedBy")
                    },
                ),
                max_size=3,
            ),
        ),
    },
)
hypothesis_rows = st.fixed_dictionaries(
    {
        "rows": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "uri": st.one_of(st.just("urn:briefbook:article:001_beta"), json_values),
                    "text": json_values,
                    "tags": json_values,
                    "target": st.one_of(json_values, st.lists(target, max_size=2)),
                    "references": json_values,
                    "id": json_values,
                },
            ),
            max_size=6,
        )
    }
)
w3c = st.fixed_dictionaries(
    {"type": st.sampled_from(["AnnotationPage", "AnnotationCollection", "Annotation"])},
    optional={
        "items": st.lists(json_values | target, max_size=4),
        "first": json_values,
        "target": target,
        "body": json_values,
        "bodyValue": json_values,
        "bb:occurrence": json_values,
        "bb:kind": json_values,
    },
)

_BOOK = make_book(Path(tempfile.mkdtemp(prefix="bb-fuzz-")) / "book")
_SERVER = server_for(_BOOK)
_PRISTINE = {p.name: p.read_bytes() for p in (_BOOK / "seeds").iterdir()}


def _restore() -> None:
    for name, data in _PRISTINE.items():
        (_BOOK / "seeds" / name).write_bytes(data)


@SETTINGS
@given(action=st.sampled_from(["add", "edit", "delete", "nothing"]), payload=requests)
@example(
    action="add",
    payload={"article": "001_beta", "selection": {"quote": " "}, "note": {"kind": "context", "note": "x"}},
)
@example(action="delete", payload={"article": "001_beta", "index": 1.0, "fingerprint": "f"})
@example(
    action="add",
    payload={
        "article": "001_beta",
        "selection": {"quote": "mild"},
        "note": {"kind": "context", "note": "\ud800"},
    },
)
def test_the_api_answers_any_json_with_a_4xx_or_a_write(action, payload):
    _restore()
    # as a page would send it; a lone surrogate travels as its escape (\ud800), which JSON allows
    answer = write(_SERVER, action, json.dumps(payload).encode("ascii"))
    assert answer.status < 500, answer.body
    assert answer.json()["ok"] is (answer.status == 200)


@SETTINGS
@given(body=st.binary(max_size=2000) | st.builds(lambda n: b"[" * n, st.integers(0, 70_000)))
def test_the_api_answers_any_bytes_with_a_4xx(body):
    answer = write(_SERVER, "add", body)
    assert 400 <= answer.status < 500


@SETTINGS
@given(
    host=st.text(alphabet=st.characters(max_codepoint=0xFF), max_size=30),
    length=st.text(alphabet=st.characters(max_codepoint=0xFF), max_size=8),
)
@example(host="127.0.0.1:8765\u00b2", length="\u00b2")
def test_any_host_or_length_header_is_answered(host, length):
    answer = call(_SERVER, "GET", "/_briefbook/api/status", headers={"host": host})
    assert answer.status in (200, 421)
    answer = write(_SERVER, "add", b"{}", **{"content-length": length})
    assert answer.status < 500


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(data=st.one_of(json_values, hypothesis_rows, w3c))
def test_any_annotations_file_is_read_and_imported_or_refused(data):
    _restore()
    try:
        kind, annotations = read_annotations(data)
    except BriefbookError:
        return
    try:
        import_annotations(_BOOK / "seeds", kind, annotations, keep_going=True)
    except BriefbookError:
        pass


@SETTINGS
@given(data=st.binary(max_size=500) | st.builds(lambda n: b"9" * n, st.integers(0, 6000)))
def test_json_from_outside_is_a_value_or_bad_json(data):
    try:
        parse_json(data)
    except BadJson as exc:
        assert str(exc)


@SETTINGS
@given(
    data=st.binary(max_size=300),
    label=st.one_of(st.none(), texts, st.sampled_from(["base64", "idna", "undefined", "utf-16", "punycode"])),
)
def test_a_page_decodes_whatever_it_declares(data, label):
    text, _encoding, _notices = decode_page(b"<html><meta charset=" + data[:20] + b">" + data, label)
    assert isinstance(text, str)
    cleaned, _ = without_control_characters(text)
    assert all(c in "\t\n\r" or not (ord(c) < 32 or 0x7F <= ord(c) <= 0x9F) for c in cleaned)


@SETTINGS
@given(
    url=st.one_of(
        texts,
        st.builds(lambda a, b: f"http://{a}:{b}/", texts, texts),
        st.builds(lambda a: f"http://[{a}", texts),
    )
)
def test_any_address_is_checked_or_refused_by_name(url):
    try:
        _check_address(url, url)
    except BriefbookError as exc:
        assert exc.problems
    assert isinstance(normalise_url(url), str)


@settings(max_examples=30, deadline=None)
@given(title=st.one_of(st.none(), texts), editor=st.one_of(st.none(), texts))
def test_init_makes_a_book_or_nothing(title, editor):
    folder = Path(tempfile.mkdtemp(prefix="bb-init-")) / "book"
    try:
        init_book(folder, title=title, editor=editor)
    except BriefbookError:
        assert not folder.exists()
    finally:
        shutil.rmtree(folder.parent)


_ARTICLE = read_article(_BOOK / "seeds" / "000_alpha.txt")[0]


@SETTINGS
@given(
    quote=texts,
    prefix=st.one_of(st.none(), texts),
    suffix=st.one_of(st.none(), texts),
    start=st.one_of(st.none(), st.integers(-10, 10**6)),
    end=st.one_of(st.none(), st.integers(-10, 10**6)),
    where=st.sampled_from(["text", "caption", "x"]),
)
def test_a_selection_is_placed_or_refused(quote, prefix, suffix, start, end, where):
    try:
        resolve_selection(_ARTICLE, Selection(quote, prefix, suffix, start, end, where), "x.yaml")
    except AnchorError as exc:
        assert exc.problem.message


@SETTINGS
@given(text=st.one_of(texts, st.text(alphabet=string.printable + "{}`<>~!", max_size=80)))
def test_the_markup_check_reads_any_text(text):
    findings(text)

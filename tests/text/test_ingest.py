"""Reading article files: encodings, repairs, and clear errors for bytes that are not text."""

from __future__ import annotations

import codecs
import random
import runpy
import unicodedata
from pathlib import Path

import ftfy
import pytest
from helpers import CORPUS, REPO

from briefbook.errors import BriefbookError
from briefbook.text.ingest import decode, read_article

SEEDS = sorted((REPO / "seeds").glob("*.txt"))
CORPUS = CORPUS
ENCODING = CORPUS / "encoding"


def _generator() -> dict:
    """The fixture generator's functions (run_path writes no bytecode into the tree)."""
    return runpy.run_path(str(CORPUS / "make_encoding_fixtures.py"))


def test_there_are_five_seeds():
    assert len(SEEDS) == 5


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_seed_decodes_to_exactly_its_utf8_text(path: Path):
    data = path.read_bytes()
    raw = read_article(path)
    expected = data.decode("utf-8")
    if path.stem.startswith("002"):
        # the one repair the seeds need: "New\u00a0START\u00a0treaty" -> ordinary spaces
        assert expected.count("New\u00a0START\u00a0treaty") == 1
        expected = expected.replace("New\u00a0START\u00a0treaty", "New START treaty")
        assert raw.repairs == ("turned 2 no-break spaces inside names into spaces",)
    else:
        assert raw.repairs == ()
    assert raw.text == expected
    assert raw.encoding == "utf-8"
    assert raw.path == path


def test_ftfy_fix_text_defaults_would_have_damaged_a_seed():
    """Why decode must not use ftfy.fix_text: its defaults straighten the seeds' curly quotes."""
    text = (REPO / "seeds" / "000_184ae20b1db45110.txt").read_text(encoding="utf-8")
    assert ftfy.fix_text(text) != text
    assert "America’s" in decode(text.encode("utf-8"), Path("x.txt"))[0]


def test_committed_encoding_fixtures_match_their_generator(tmp_path: Path):
    _generator()["main"](["make", str(tmp_path)])
    made = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    committed = {p.name: p.read_bytes() for p in ENCODING.iterdir() if p.suffix == ".txt"}
    assert made == committed


def test_cp1252_with_crlf_and_curly_quotes():
    raw = read_article(ENCODING / "cp1252_crlf.txt")
    assert raw.encoding == "cp1252"
    assert raw.text == (
        "Gerasimov’s “deconfliction” line — still open, officials said.\n"
        "The café in Zürich served crème brûlée… at 5 €.\n"
        "\n"
        "‘Quoted’ text and a final line."
    )
    assert raw.repairs == (
        "decoded as cp1252 (not valid UTF-8 at byte offset 9)",
        "turned line ends into LF (3 CRLF)",
    )


def test_utf8_with_bom():
    raw = read_article(ENCODING / "utf8_bom.txt")
    assert raw.encoding == "utf-8"
    assert raw.text == "Генеральный штаб met EUCOM’s staff.\nSecond line, “quoted”.\n"
    assert raw.repairs == ("removed UTF-8 byte-order mark",)


def test_mojibake_is_repaired_and_correct_lines_are_left_alone():
    data = (ENCODING / "mojibake.txt").read_bytes()
    assert "â€™".encode() in data  # the fixture really is damaged
    raw = read_article(ENCODING / "mojibake.txt")
    assert raw.encoding == "utf-8"
    assert raw.text == (
        "America’s still young military — “keeping the Cold War cold.”\n"
        "The café’s owner, Müller, said: «non».\n"
        "This line was never damaged: “fine” and don’t touch it."
    )
    assert raw.repairs == ("repaired mojibake (UTF-8 read as Windows-1252) on 2 lines",)


def test_zero_width_characters_go_and_no_break_spaces_in_names_become_spaces():
    raw = read_article(ENCODING / "zero_width_nbsp.txt")
    assert raw.text == (
        "Gen. Valery Gerasimov met Alexus G. Grynkewich.\n"
        "The New START treaty expired; information was scarce.\n"
        "A wordjoiner, a zerowidth non-joiner, a zerowidth joiner and a stray BOM.\n"
        # a no-break space between a number and a bracket is not inside a name: kept
        "Price: 10 000 roubles, 2022\u00a0[Photo]."
    )
    assert raw.repairs == (
        "removed 1 zero-width space",
        "removed 1 soft hyphen",
        "removed 1 word joiner",
        "removed 1 zero-width non-joiner",
        "removed 1 zero-width joiner",
        "removed 1 byte-order mark inside the text",
        "turned 6 no-break spaces inside names into spaces",
    )


def test_windows_1251_cyrillic_is_recognised():
    raw = read_article(ENCODING / "cp1251_cyrillic.txt")
    assert raw.encoding == "cp1251"
    assert raw.text == "Генеральный штаб Вооружённых сил Российской Федерации.\nВалерий Герасимов."


def test_western_cp1252_is_not_taken_for_cyrillic():
    text, encoding, _ = decode("Müller, café, naïve, “Zürich” — São Paulo.".encode("cp1252"), Path("w.txt"))
    assert encoding == "cp1252"
    assert text == "Müller, café, naïve, “Zürich” — São Paulo."


def test_nfd_is_composed_and_lone_cr_become_lf():
    raw = read_article(ENCODING / "nfd_lone_cr.txt")
    assert raw.text == "Вооружённых сил.\nOld Mac line ends.\nCafé."
    assert unicodedata.is_normalized("NFC", raw.text)
    assert raw.repairs == ("turned line ends into LF (2 lone CR)", "normalised to NFC (composed accents)")


def test_valid_utf8_is_never_read_as_anything_else():
    # Short Cyrillic and accented text is where byte-statistics detectors guess wrong.
    for text in ("Ёж", "Генерал", "é", "Zürich", "naïve café", "“x”", "日本"):
        assert decode(text.encode("utf-8"), Path("u.txt"))[:2] == (text, "utf-8")


def test_utf16_with_bom():
    data = codecs.BOM_UTF16_LE + "Notepad’s “Unicode”\r\nline".encode("utf-16-le")
    text, encoding, repairs = decode(data, Path("n.txt"))
    assert (text, encoding) == ("Notepad’s “Unicode”\nline", "utf-16")
    assert repairs == ("decoded UTF-16 (byte-order mark) to text", "turned line ends into LF (1 CRLF)")


def test_form_feed_and_dos_end_of_file_mark():
    text, _, repairs = decode(b"page one\x0cpage two\r\n\x1a", Path("f.txt"))
    assert text == "page one page two\n"
    assert repairs == (
        "removed DOS end-of-file mark (Ctrl-Z); turned line ends into LF (1 CRLF)",
        "replaced 1 form feed/vertical tab characters with spaces",
    )


# --- errors: the file and the byte offset, never a traceback


def test_binary_file_names_the_nul_byte_offset():
    path = ENCODING / "binary.txt"
    with pytest.raises(BriefbookError) as info:
        read_article(path)
    assert str(info.value) == (
        f"{path}: not a text file: NUL byte at byte offset 3 (expected UTF-8 or Windows-1252 text)"
    )


def test_invalid_utf8_that_is_not_cp1252_either():
    path = ENCODING / "not_cp1252.txt"
    with pytest.raises(BriefbookError) as info:
        read_article(path)
    assert str(info.value) == (
        f"{path}: cannot read as text: not valid UTF-8 (byte offset 6) and not Windows-1252 "
        "either (byte 0x81 at byte offset 14 is not a character there)"
    )


def test_control_character_in_utf8():
    path = ENCODING / "control.txt"
    with pytest.raises(BriefbookError) as info:
        read_article(path)
    assert str(info.value) == (
        f"{path}: not a text file: control byte 0x1B at byte offset 4 (expected UTF-8 or Windows-1252 text)"
    )


def test_bom_then_invalid_utf8_is_an_error_at_the_file_offset():
    with pytest.raises(BriefbookError) as info:
        decode(codecs.BOM_UTF8 + b"ab\xffcd", Path("b.txt"))
    assert str(info.value) == (
        "b.txt: not valid UTF-8 at byte offset 5 (the file starts with a UTF-8 byte-order mark)"
    )


def test_missing_file():
    with pytest.raises(BriefbookError) as info:
        read_article(Path("/nonexistent/a.txt"))
    assert str(info.value) == "/nonexistent/a.txt: cannot read: No such file or directory"


def test_random_bytes_never_crash():
    rng = random.Random(20260205)
    for size in list(range(0, 40)) + [200, 1000, 5000] * 20:
        data = bytes(rng.randrange(256) for _ in range(size))
        try:
            text, encoding, _repairs = decode(data, Path("r.txt"))
        except BriefbookError as exc:
            assert str(exc).startswith("r.txt: ") and "byte offset" in str(exc)
        else:
            assert isinstance(text, str) and encoding in {"utf-8", "cp1252", "cp1251", "utf-16"}
            assert "\r" not in text and unicodedata.is_normalized("NFC", text)


def test_unicode_line_separators_become_line_ends():
    # Python splits lines on these too: left in, a paragraph would fall apart on the page
    text, _, repairs = decode("One\u2028two.\u2029Three\x85four.".encode(), Path("s.txt"))
    assert text == "One\ntwo.\n\nThree\nfour."
    assert any("3 Unicode line or paragraph separator(s)" in r for r in repairs)


def test_a_file_too_large_for_an_article_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)  # sparse: 6 MB of nothing, written in no time
    with pytest.raises(BriefbookError) as caught:
        read_article(path)
    assert str(caught.value) == (
        f"{path}: 6.0 MB is more than an article can be (5 MB; set BRIEFBOOK_MAX_ARTICLE_MB to allow more)"
    )


def test_bidirectional_overrides_are_removed_and_reported():
    # "Trojan Source": U+202E makes "... agreed to 'sdrawkcab' ..." show reversed
    text, _, repairs = decode("They agreed \u202eon the plan\u202c today.".encode(), Path("b.txt"))
    assert text == "They agreed on the plan today."
    assert "removed 1 right-to-left override" in repairs
    assert "removed 1 pop directional formatting" in repairs

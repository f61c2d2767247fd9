"""Write the byte-level fixtures in tests/corpus/encoding/.

Run from the repository root:  python tests/corpus/make_encoding_fixtures.py [OUTDIR]
The files are committed; test_ingest.py regenerates them into a temporary
folder and checks they still match, so the bytes and this script cannot drift.
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

CP1252_TEXT = (
    "Gerasimov’s “deconfliction” line — still open, officials said.\r\n"
    "The café in Zürich served crème brûlée… at 5 €.\r\n"
    "\r\n"
    "‘Quoted’ text and a final line."
)

BOM_TEXT = "Генеральный штаб met EUCOM’s staff.\nSecond line, “quoted”.\n"

# A paragraph as it arrives after someone read UTF-8 bytes as Windows-1252 and
# saved the result as UTF-8 again; the last line was typed correctly.
MOJIBAKE_SOURCE = [
    "America’s still young military — “keeping the Cold War cold.”",
    "The café’s owner, Müller, said: «non».",
]
MOJIBAKE_CLEAN_LINE = "This line was never damaged: “fine” and don’t touch it."

ZERO_WIDTH_TEXT = (
    "Gen.\u00a0Valery\u00a0Gerasimov met Alexus\u00a0G.\u00a0Grynkewich.\n"
    "The New\u00a0START treaty ex\u200bpired; infor\u00admation was scarce.\n"
    "A word\u2060joiner, a zero\u200cwidth non-joiner, a zero\u200dwidth joiner and a stray \ufeffBOM.\n"
    "Price: 10\u00a0000 roubles, 2022\u00a0[Photo]."
)

# Windows-1251 Cyrillic (a Russian Windows editor), with a decomposed ё (NFD)
# in the UTF-8 twin below.
CP1251_TEXT = "Генеральный штаб Вооружённых сил Российской Федерации.\r\nВалерий Герасимов."
NFD_TEXT = "Вооруже\u0308нных сил.\rOld Mac line ends.\rCafe\u0301."


def web_cp1252(data: bytes) -> str:
    """Decode as browsers do (WHATWG windows-1252): undefined bytes become C1 controls."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


def fixtures() -> dict[str, bytes]:
    mojibake = "\n".join(
        [web_cp1252(line.encode("utf-8")) for line in MOJIBAKE_SOURCE] + [MOJIBAKE_CLEAN_LINE]
    )
    return {
        "cp1252_crlf.txt": CP1252_TEXT.encode("cp1252"),
        "utf8_bom.txt": codecs.BOM_UTF8 + BOM_TEXT.encode("utf-8"),
        "mojibake.txt": mojibake.encode("utf-8"),
        "zero_width_nbsp.txt": ZERO_WIDTH_TEXT.encode("utf-8"),
        "cp1251_cyrillic.txt": CP1251_TEXT.encode("cp1251"),
        "nfd_lone_cr.txt": NFD_TEXT.encode("utf-8"),
        # the start of a Windows program: NUL at byte offset 3
        "binary.txt": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff",
        # invalid UTF-8 at offset 6 (0xFF); 0x81 at offset 14 has no cp1252 character
        "not_cp1252.txt": b"Hello \xff world \x81 end\n",
        # valid UTF-8 with an escape character (terminal colour codes) at offset 4
        "control.txt": b"Red \x1b[31mtext\x1b[0m\n",
    }


def main(argv: list[str]) -> None:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).parent / "encoding"
    out.mkdir(parents=True, exist_ok=True)
    for name, data in fixtures().items():
        (out / name).write_bytes(data)


if __name__ == "__main__":
    main(sys.argv)

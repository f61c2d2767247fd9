"""Write the advance widths of FreeSans (regular and bold) that the figures measure labels with.

    python scripts/font_metrics.py [FONT_DIR]     (default /usr/share/fonts/opentype/freefont)

The figures place their labels with these widths, so the layout is the same on every machine,
whether or not the font is installed there; the PDF sets the labels in this very font, and the
screen in FreeSans or one of the fonts with Helvetica's widths (Arial, Liberation Sans).  Needs
fonttools (a test dependency); tests/test_figures.py checks the table against the font files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

FONT_DIR = Path("/usr/share/fonts/opentype/freefont")
OUT = Path(__file__).resolve().parent.parent / "src/briefbook/figures/freesans-widths.json"
# Latin, Latin-1, Latin Extended-A and -B, Greek, Cyrillic, general punctuation, currency, arrows
RANGES = [(0x20, 0x7E), (0xA0, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF), (0x2000, 0x206F), (0x20A0, 0x20BF)]
RANGES += [(0x2190, 0x21FF), (0x2212, 0x2212), (0x2248, 0x2248), (0x2713, 0x2717)]


def widths(path: Path) -> dict[str, int]:
    font = TTFont(path)
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    scale = 1000 / font["head"].unitsPerEm
    return {
        str(code): round(hmtx[cmap[code]][0] * scale)
        for low, high in RANGES
        for code in range(low, high + 1)
        if code in cmap
    }


def table(font_dir: Path) -> dict:
    return {
        "font": "FreeSans",
        "units_per_em": 1000,
        "regular": widths(font_dir / "FreeSans.otf"),
        "bold": widths(font_dir / "FreeSansBold.otf"),
    }


def main() -> None:
    font_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else FONT_DIR
    OUT.write_text(json.dumps(table(font_dir), sort_keys=True, separators=(",", ":")) + "\n", "utf-8")
    print(OUT)


if __name__ == "__main__":
    main()

"""Write tests/corpus/expected/<stem>.txt: the cleaned seeds, in a form a person can review.

Run from the repository root after a deliberate change to cleaning, then read
the diff before committing:  PYTHONPATH=src python tests/corpus/make_expected.py
test_clean.py compares the cleaned seeds with these files.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
EXPECTED = Path(__file__).parent / "expected"


def describe(article) -> str:
    """The whole cleaning result as stable, diff-friendly text."""
    out = [f"headline: {article.headline!r}", f"caption: {article.caption!r}", "removed:"]
    out += [f"  {r.line} {r.rule}: {r.text!r}" for r in article.removed]
    out.append("notices:")
    out += [f"  {notice}" for notice in article.notices]
    out.append("paragraphs:")
    for line, text in zip(article.paragraph_lines, article.paragraphs, strict=True):
        out.append(f"  [{line}] {text}")
    return "\n".join(out) + "\n"


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from briefbook.text.clean import clean_article
    from briefbook.text.ingest import read_article

    EXPECTED.mkdir(exist_ok=True)
    for path in sorted(SEEDS.glob("*.txt")):
        text = describe(clean_article(read_article(path)))
        (EXPECTED / f"{path.stem}.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

"""Benchmark reading + cleaning on a large synthetic corpus (not a test: it prints figures).

Builds a corpus (default 30 MB) from the seeds' paragraphs, with clutter mixed
in (related-article lines that wrap, repeated bare URLs, running page headers,
page numbers, footnote markers, hyphenated line breaks, CRLF and cp1252
files), writes it to a temporary folder, then reads and cleans every file and
prints throughput in MB/s with a per-pass breakdown.  It also cleans one
article of 1 MB and one of 4 MB: cleaning is linear when the second takes
about four times as long.

    PYTHONPATH=src python scripts/bench_clean.py [--mb 30] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import textwrap
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from briefbook.editorial.cleanrules import shared_rules  # noqa: E402
from briefbook.models import RawArticle  # noqa: E402
from briefbook.text import clean  # noqa: E402
from briefbook.text.draft import Draft, draft_from_text  # noqa: E402
from briefbook.text.ingest import read_article  # noqa: E402

CLUTTER = [
    ["Related article: Up to Each European Country to Decide on Re-Engaging With Russia, Rutte", "Says"],
    ["https://www.themoscowtimes.com/2026/07/11/ukraine-advances-nato-official"] * 2,
    ["1000w q95"],
    ["THE MOSCOW TIMES  Page {page}", "", "{page}"],
]


def seed_paragraphs() -> list[str]:
    """Every paragraph of the seeds, cleaned, as material."""
    paragraphs: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        paragraphs.extend(clean.clean_article(read_article(path)).paragraphs)
    return paragraphs


def synthetic_article(rng: random.Random, paragraphs: list[str], size: int) -> str:
    """One article of about ``size`` characters: wrapped paragraphs with clutter between."""
    out = ["Skip to main content", "", "Headline of a Synthetic Article", ""]
    length, page = 0, 1
    while length < size:
        text = rng.choice(paragraphs)
        if rng.random() < 0.3:
            text = text.replace(". ", ".12 ", 1)  # a footnote marker
        lines = textwrap.wrap(text, width=rng.choice((70, 90)), break_on_hyphens=True)
        out.extend(lines)
        out.append("")
        length += len(text)
        if rng.random() < 0.25:
            page += 1
            for line in rng.choice(CLUTTER):
                out.append(line.format(page=page))
            out.append("")
    out.append("Comments")
    return "\n".join(out)


def write_corpus(folder: Path, megabytes: float, seed: int) -> tuple[list[Path], int]:
    rng = random.Random(seed)
    paragraphs = seed_paragraphs()
    paths, total, index = [], 0, 0
    while total < megabytes * 1_000_000:
        text = synthetic_article(rng, paragraphs, rng.randrange(3_000, 60_000))
        path = folder / f"{index:06d}.txt"
        if index % 5 == 0:
            data = text.replace("\n", "\r\n").encode("cp1252", errors="replace")
        else:
            data = text.encode("utf-8")
        path.write_bytes(data)
        paths.append(path)
        total += len(data)
        index += 1
    return paths, total


def timed_clean(raw, timings: dict[str, float]) -> Draft:
    """clean_article's work, one pass at a time, adding each pass's time to ``timings``."""
    start = time.perf_counter()
    draft = draft_from_text(raw.text, shared_rules())
    timings["split into lines"] += time.perf_counter() - start
    for step in clean.PASSES:
        start = time.perf_counter()
        draft = step(draft)
        timings[step.__name__] += time.perf_counter() - start
    return draft


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=30.0, help="corpus size in MB (default 30)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="briefbook-bench-") as tmp:
        paths, total = write_corpus(Path(tmp), args.mb, args.seed)
        megabytes = total / 1_000_000
        print(f"corpus: {len(paths)} articles, {megabytes:.1f} MB")

        start = time.perf_counter()
        raws = [read_article(path) for path in paths]
        read_seconds = time.perf_counter() - start
        start = time.perf_counter()
        articles = [clean.clean_article(raw) for raw in raws]
        clean_seconds = time.perf_counter() - start
        removed = sum(len(a.removed) for a in articles)
        total_seconds = read_seconds + clean_seconds
        print(f"read:   {read_seconds:6.2f} s  {megabytes / read_seconds:7.1f} MB/s")
        print(
            f"clean:  {clean_seconds:6.2f} s  {megabytes / clean_seconds:7.1f} MB/s  ({removed} lines removed)"
        )
        print(f"total:  {total_seconds:6.2f} s  {megabytes / total_seconds:7.1f} MB/s  (read + clean)")

        timings: dict[str, float] = defaultdict(float)
        for raw in raws:
            timed_clean(raw, timings)
        print("per pass (second run):")
        for name, seconds in timings.items():
            print(f"  {name:22s} {seconds:6.2f} s  {100 * seconds / sum(timings.values()):5.1f} %")

    rng = random.Random(args.seed)
    paragraphs = seed_paragraphs()
    sizes = {}
    for size in (1_000_000, 4_000_000):
        text = synthetic_article(rng, paragraphs, size)
        raw = RawArticle(path=Path("big.txt"), text=text, encoding="utf-8")
        start = time.perf_counter()
        clean.clean_article(raw)
        sizes[size] = time.perf_counter() - start
    ratio = sizes[4_000_000] / sizes[1_000_000]
    print(
        f"one article of 1 MB: {sizes[1_000_000]:.2f} s; of 4 MB: {sizes[4_000_000]:.2f} s "
        f"(x{ratio:.1f}; 4 means linear)"
    )


if __name__ == "__main__":
    main()

"""Benchmark: does the term matcher's cost stay flat as the glossary grows?

Builds a glossary of 50 and of 5,000 random plausible names and acronyms, each
plus the real seed glossary (so both find the same matches), runs both over the same ~2 MB corpus (the seed
articles repeated) and prints build and matching times.  The matcher uses
Aho-Corasick automata, so the matching-time ratio (5,000 / 50) should stay
under 1.5.

Run:  PYTHONPATH=src .venv/bin/python scripts/bench_glossary.py [--mb 2] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from briefbook.analysis.termmatch import TermMatcher  # noqa: E402
from briefbook.editorial.glossary import Entry, load_glossary  # noqa: E402

SYLLABLES = [
    "an", "bel", "cor", "dra", "ev", "fen", "gor", "hal", "ist", "jur", "kov", "lin", "mar",
    "nik", "ost", "pet", "rov", "sla", "tan", "ul", "vel", "wen", "yar", "zel", "mir", "dan",
]  # fmt: skip
ORG_WORDS = ["Command", "Council", "Agency", "Directorate", "Bureau", "Service", "Forum", "Group"]


def random_name(rng: random.Random) -> str:
    """A plausible but (almost surely) absent person name, e.g. 'Belvor Kovanist'."""

    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{word()} {word()}"


def random_acronym(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_uppercase) for _ in range(rng.randint(3, 5)))


def synthetic_entries(count: int, real: tuple[Entry, ...], seed: int = 7) -> list[Entry]:
    """The real entries plus ``count`` random ones (so both runs find the same matches)."""
    rng = random.Random(seed)
    taken = {s for e in real for s in e.surfaces}
    entries = list(real)
    while len(entries) < len(real) + count:
        n = len(entries)
        kind = rng.choice(["person", "acronym", "organisation"])
        if kind == "person":
            term = random_name(rng)
            aliases: tuple[str, ...] = (term.split()[-1],)
        elif kind == "acronym":
            term = random_acronym(rng)
            aliases = ()
        else:
            term = f"{random_name(rng).split()[0]} {rng.choice(ORG_WORDS)}"
            aliases = ()
        if term in taken or any(a in taken for a in aliases):
            continue
        taken.update((term, *aliases))
        case = "insensitive" if rng.random() < 0.2 else "sensitive"
        entries.append(Entry(f"syn-{n}", term, kind, "synthetic", 0, aliases=aliases, case=case))
    return entries


def corpus(megabytes: float) -> list[str]:
    """Seed paragraphs repeated until the corpus holds about ``megabytes`` MB of text."""
    paragraphs = [
        " ".join(block.split())
        for path in sorted((ROOT / "seeds").glob("*.txt"))
        for block in path.read_text(encoding="utf-8").split("\n\n")
        if block.strip()
    ]
    size = sum(len(p.encode("utf-8")) + 2 for p in paragraphs)
    return paragraphs * max(1, round(megabytes * 1_000_000 / size))


def best_of(runs: int, func) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def count_matches(matcher: TermMatcher, paragraphs: list[str]) -> int:
    """Match every paragraph, as the book build does; return the number of matches."""
    return sum(len(matcher.find(p)) for p in paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="corpus size in MB")
    parser.add_argument("--runs", type=int, default=3, help="take the best of N runs")
    args = parser.parse_args()

    real = load_glossary(ROOT / "seeds" / "glossary.yaml").entries
    paragraphs = corpus(args.mb)
    megabytes = sum(len(p.encode("utf-8")) for p in paragraphs) / 1e6
    print(f"corpus: {len(paragraphs):,} paragraphs, {megabytes:.2f} MB; real glossary: {len(real)} entries")

    results = {}
    for count in (50, 5000):
        entries = synthetic_entries(count, real)
        surfaces = sum(len(e.surfaces) for e in entries)
        build, matcher = best_of(args.runs, lambda entries=entries: TermMatcher(entries))
        match, found = best_of(args.runs, lambda matcher=matcher: count_matches(matcher, paragraphs))
        results[count] = match
        print(
            f"{count:>5} synthetic + {len(real)} real terms ({surfaces:>5} spellings): "
            f"build {build * 1000:8.2f} ms, match {match:6.3f} s "
            f"({megabytes / match:5.1f} MB/s), {found:,} matches"
        )
    ratio = results[5000] / results[50]
    verdict = "OK" if ratio < 1.5 else "TOO SLOW"
    print(f"matching-time ratio 5000/50: {ratio:.2f} (target < 1.5: {verdict})")


if __name__ == "__main__":
    main()

"""Benchmark: does every step of a build stay linear as the book grows?

Synthesises books of N articles from the seeds' vocabulary (random words, so
no two articles share text by accident; each article shares one passage with
the previous one, carries K notes, one of them tagged with a claim, and
mentions terms of an M-term glossary), writes them under a temporary folder,
and reports in one run:

1. generation (read, clean, anchor, cross-reference, link terms, write pages)
   per article at N = 100 and N = 1,000, and the ratio (1 means linear);
   target: 1,000 articles in under 10 s;
2. term linking with 50 and with 5,000 glossary terms (the same text), and the
   ratio; target under 1.5 (reuses scripts/bench_glossary.py);
3. a full HTML build against an incremental rebuild after one sidecar edit, at
   N = 300; target: the rebuild takes at most a tenth of the full build;
4. the full HTML build with ``-j 2`` against ``-j 1``.

Run:  .venv/bin/python scripts/bench.py [--quick]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT / "src"), str(HERE)]

from bench_clean import seed_paragraphs  # noqa: E402
from bench_glossary import best_of, corpus, count_matches, synthetic_entries  # noqa: E402

from briefbook.generate import generate  # noqa: E402
from briefbook.glossary import Entry, load_glossary  # noqa: E402

CONF = """extensions = ["briefbook.sphinxext"]
briefbook_seeds = "../seeds"
root_doc = "index"
exclude_patterns = ["_build", "_generated"]
html_theme = "sphinx_book_theme"
html_theme_options = {"show_toc_level": 1, "secondary_sidebar_items": {"articles/*": []}}
"""
INDEX = "# Synthetic book\n\n```{include} _generated/summary.md\n```\n\n```{toctree}\n:glob:\n:maxdepth: 1\n\narticles/*\nsources\nclaims\ntimeline\nglossary\n```\n"
PARAGRAPHS, WORDS_PER_PARAGRAPH = 8, 60
NOTE_KINDS = ("context", "fact-check", "analysis", "definition")
STANCES = ("supports", "contradicts", "qualifies")


def vocabulary() -> list[str]:
    """The seeds' lower-case words (names and acronyms left to the glossary)."""
    words = {w for p in seed_paragraphs() for w in re.findall(r"[a-z]{3,}", p)}
    return sorted(words)


def glossary_yaml(entries: list[Entry]) -> dict:
    terms = []
    for e in entries:
        item = {"id": e.id, "term": e.term, "kind": e.kind, "definition": f"A synthetic {e.kind}."}
        if e.aliases:
            item["aliases"] = list(e.aliases)
        if e.case != "sensitive":
            item["case"] = e.case
        terms.append(item)
    return {"terms": terms}


def write_book(root: Path, n: int, terms: int, notes: int, seed: int = 1) -> Path:
    """A synthetic book of ``n`` articles under ``root`` (seeds/ and docs/); return root."""
    rng = random.Random(seed)
    words = vocabulary()
    seeds, docs = root / "seeds", root / "docs"
    seeds.mkdir(parents=True)
    docs.mkdir()
    (docs / "conf.py").write_text(CONF, "utf-8")
    (docs / "index.md").write_text(INDEX, "utf-8")
    entries = synthetic_entries(terms, (), seed=seed)
    surfaces = [e.term for e in entries]
    (seeds / "glossary.yaml").write_text(yaml.safe_dump(glossary_yaml(entries), allow_unicode=True), "utf-8")
    claim_count = min(30, n)  # a briefing has a few dozen claims, whatever the number of sources
    claims = [{"id": f"claim-{i}", "statement": f"Synthetic claim number {i}."} for i in range(claim_count)]
    (seeds / "claims.yaml").write_text(yaml.safe_dump({"claims": claims}), "utf-8")
    shared_with_previous = None
    for index in range(n):
        paragraphs = []
        for _ in range(PARAGRAPHS):
            text = [rng.choice(words) for _ in range(WORDS_PER_PARAGRAPH)]
            for _ in range(3):  # glossary mentions
                text.insert(rng.randrange(len(text)), rng.choice(surfaces))
            paragraphs.append(text)
        # one passage shared with the previous article, one with the next
        shared_next = [rng.choice(words) for _ in range(12)]
        if shared_with_previous:
            paragraphs[1][10:10] = shared_with_previous
        paragraphs[2][10:10] = shared_next
        shared_with_previous = shared_next
        texts = [(" ".join(p)[0].upper() + " ".join(p)[1:] + ".") for p in paragraphs]
        body = "\n\n".join(texts)
        note_list = []
        for k in range(notes):
            para = texts[3 + k % (PARAGRAPHS - 3)].split()
            for _ in range(20):  # a quote found exactly once in the article
                start = rng.randrange(len(para) - 5)
                quote = " ".join(para[start : start + 5])
                if body.count(quote) == 1:
                    break
            else:
                continue
            note = {"quote": quote, "kind": NOTE_KINDS[k % len(NOTE_KINDS)], "note": f"Synthetic note {k}."}
            if note["kind"] == "fact-check":
                note["basis"] = "A synthetic source."
            if k == 0:
                note.update(claim=f"claim-{index % claim_count}", stance=rng.choice(STANCES))
            note_list.append(note)
        stem = f"{index:04d}_synthetic"
        (seeds / f"{stem}.txt").write_text(f"Synthetic Headline Number {index}\n\n{body}\n", "utf-8")
        sidecar = {
            "title": f"Synthetic article {index}",
            "publisher": "Bench Press",
            "date": "2026-02-05",
            "kind": "news",
            "notes": note_list,
        }
        (seeds / f"{stem}.yaml").write_text(
            yaml.safe_dump(sidecar, allow_unicode=True, sort_keys=False), "utf-8"
        )
    return root


def time_generation(tmp: Path, n: int, terms: int, notes: int) -> float:
    root = write_book(tmp / f"gen-{n}", n, terms, notes)
    start = time.perf_counter()
    book, _ = generate(root / "seeds", root / "docs")
    seconds = time.perf_counter() - start
    assert len(book.articles) == n
    return seconds


def sphinx(root: Path, *extra: str) -> tuple[float, list[str]]:
    """Build the HTML; return the wall time and the documents Sphinx read."""
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "docs",
        "docs/_build/html",
        "-d",
        "docs/_build/doctrees",
        *extra,
    ]
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"sphinx failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return seconds, re.findall(r"^reading sources\.\.\. \[\s*\d+%\] (\S+)$", result.stdout, re.MULTILINE)


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=200, help="glossary terms in the synthetic books (M)")
    parser.add_argument("--notes", type=int, default=4, help="notes per article (K)")
    parser.add_argument(
        "--build-articles", type=int, default=300, help="articles in the book built with Sphinx"
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes, to try the script out")
    args = parser.parse_args(argv)
    small, large, build_n = (20, 200, 40) if args.quick else (100, 1000, args.build_articles)

    with tempfile.TemporaryDirectory(prefix="briefbook-bench-") as folder:
        tmp = Path(folder)
        print(
            f"synthetic books: M = {args.terms} glossary terms, K = {args.notes} notes per article, "
            f"{PARAGRAPHS} paragraphs of ~{WORDS_PER_PARAGRAPH} words each"
        )

        # 1. generation per article
        times = {n: time_generation(tmp, n, args.terms, args.notes) for n in (small, large)}
        per = {n: times[n] / n * 1000 for n in times}
        ratio = per[large] / per[small]
        print(
            f"generation: N = {small}: {times[small]:.2f} s ({per[small]:.1f} ms/article); "
            f"N = {large}: {times[large]:.2f} s ({per[large]:.1f} ms/article)"
        )
        print(
            f"  per-article ratio {large}/{small}: {ratio:.2f} (1 = linear); "
            f"{large} articles under 10 s: {verdict(times[large] < 10)}"
        )

        # 2. term linking against glossary size (bench_glossary's corpus and glossaries)
        real = load_glossary(ROOT / "seeds" / "glossary.yaml").entries
        paragraphs = corpus(1.0)
        linking = {}
        from briefbook.termmatch import TermMatcher

        for count in (50, 5000):
            matcher = TermMatcher(synthetic_entries(count, real))
            linking[count], _ = best_of(3, lambda matcher=matcher: count_matches(matcher, paragraphs))
        link_ratio = linking[5000] / linking[50]
        print(
            f"linking ~1 MB of text: 50 terms {linking[50]:.3f} s, 5,000 terms {linking[5000]:.3f} s; "
            f"ratio {link_ratio:.2f} (target < 1.5: {verdict(link_ratio < 1.5)})"
        )

        # 3. full build against an incremental rebuild after one sidecar edit
        root = write_book(tmp / "build", build_n, args.terms, args.notes)
        spare = tmp / "build-parallel"
        shutil.copytree(root, spare)
        full, read_full = sphinx(root, "-j", "1")
        sidecar = root / "seeds" / f"{build_n // 2:04d}_synthetic.yaml"
        sidecar.write_text(
            sidecar.read_text("utf-8").replace("Synthetic note 1.", "Synthetic note 1, revised."), "utf-8"
        )
        again, read_again = sphinx(root, "-j", "1")
        rebuild_ratio = again / full
        print(
            f"HTML build, N = {build_n}: full {full:.1f} s ({len(read_full)} documents read); after one sidecar "
            f"edit {again:.1f} s ({len(read_again)} read: {', '.join(read_again)})"
        )
        print(f"  rebuild/full ratio: {rebuild_ratio:.3f} (target <= 0.1: {verdict(rebuild_ratio <= 0.1)})")

        # 4. parallel build
        parallel, _ = sphinx(spare, "-j", "2")
        print(
            f"HTML build, N = {build_n}: -j 1 {full:.1f} s, -j 2 {parallel:.1f} s; ratio {parallel / full:.2f}"
        )


if __name__ == "__main__":
    main()

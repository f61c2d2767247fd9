"""Benchmark: is briefbook faster than a bare Sphinx book of the same texts, and does it stay linear?

Synthesises books of N articles from the seeds' vocabulary (random words, so
no two articles share text by accident; each article shares one passage with
the previous one, carries K notes, one of them tagged with a claim, and
mentions terms of an M-term glossary, plus one entry no article mentions),
writes each under a temporary folder with its **bare twin**: the same texts
(titles, meta lines, paragraphs, the notes' words, the glossary's definitions)
as plain MyST pages in a Sphinx project with only myst-parser, sphinx-design
and sphinx-book-theme.  Then it reports, from one run:

1. generation (read, clean, anchor, cross-reference, link terms, render pages)
   per article at two sizes, and term linking with 50 and 5,000 glossary terms;
2. the seeds book: HTML and PDF against its bare twin (target: ratio <= 1.0),
   the xelatex passes the PDF took (no more than the references need), and a
   rebuild with nothing changed (target: 0.3 CPU seconds, Sphinx not started);
3. the full HTML build at N (300) and at 1,000 articles against the bare twin
   (target: ratio <= 0.5, lower still at 1,000; time(1,000)/time(300) <= 3.4),
   and the peak memory of the build at N against the bare twin (<= 1.2);
4. rebuilds after one sidecar edit and after editing a glossary entry no
   article mentions, against the full build (each <= 0.05);
5. ``-j 2`` against ``-j 1``;
6. the PDF at N/3 and N articles, per article (1 = linear);

and closes with a table of the figures against their targets.

briefbook is measured through ``briefbook build`` (what users run: reading and
checking the seeds, writing the pages, Sphinx in its own process, publishing);
the Sphinx part is shown too.  The bare twin is measured with a plain
``sphinx-build``, in the environment a bare Sphinx project has: Sphinx's own
dependencies, without PyStemmer (briefbook's, for the search index).  Each
time is given as CPU seconds (user and system, of every process the build ran)
and wall-clock seconds; the ratios and verdicts use CPU
seconds, because on a shared machine wall time measures the neighbours too,
except ``-j 2`` against ``-j 1``, which is about wall time.  Peak memory is the
largest total resident size of the build's processes, sampled every 50 ms.

Run:  .venv/bin/python scripts/bench.py [--quick] [--no-html] [--no-large] [--no-large-bare] [--no-pdf]
      [--no-synthetic-pdf]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT / "src"), str(HERE)]

from bench_clean import seed_paragraphs  # noqa: E402
from bench_glossary import best_of, corpus, count_matches, synthetic_entries  # noqa: E402

from briefbook.book import Book, load_book  # noqa: E402
from briefbook.editorial.glossary import Entry, load_glossary  # noqa: E402
from briefbook.pages.myst import escape_inline, meta_line  # noqa: E402
from briefbook.pages.write import generate  # noqa: E402

CONF = """extensions = ["briefbook.sphinxext"]
briefbook_seeds = "../seeds"
root_doc = "index"
exclude_patterns = ["_build", "_generated"]
html_theme = "sphinx_book_theme"
html_theme_options = {"show_toc_level": 1, "navbar_persistent": []}
latex_engine = "xelatex"
latex_documents = [(root_doc, "briefing.tex", "Synthetic book", "bench", "manual")]
latex_elements = {"fontpkg": "\\\\setmainfont{FreeSerif}\\n\\\\setsansfont{FreeSans}\\n\\\\setmonofont{FreeMono}\\n"}
"""
# as a book's front page has them: the list of articles, the articles (by date and source on the
# site, in the book's order in print), then the reference chapters
INDEX = (
    "# Synthetic book\n\n```{include} _generated/summary.md\n```\n\n"
    "```{include} _generated/articles-toc.md\n```\n\n"
    "```{toctree}\n:caption: Across the sources\n:maxdepth: 1\n\nsources\nclaims\ntimeline\nglossary\n```\n"
)
BARE_CONF = """extensions = ["myst_parser", "sphinx_design"]
root_doc = "index"
exclude_patterns = ["_build"]
html_theme = "sphinx_book_theme"
html_theme_options = {"show_toc_level": 1}
latex_engine = "xelatex"
latex_documents = [(root_doc, "bare.tex", "Bare twin", "bench", "manual")]
latex_elements = {"fontpkg": "\\\\setmainfont{FreeSerif}\\n\\\\setsansfont{FreeSans}\\n\\\\setmonofont{FreeMono}\\n"}
"""
PARAGRAPHS, WORDS_PER_PARAGRAPH = 8, 60
NOTE_KINDS = ("context", "fact-check", "analysis", "definition")
STANCES = ("supports", "contradicts", "qualifies")
UNMENTIONED = {
    "id": "bench-unmentioned",
    "term": "Zyxwv Accord",
    "kind": "treaty",
    "definition": "A treaty no article mentions.",
}


# --------------------------------------------------------------------- books


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
    return {"terms": [*terms, UNMENTIONED]}


# What a briefing's sources look like: ten publishers (a few supply most articles, some articles
# state none), five months of dates (most to the day, some to the month or year, a few undated),
# four kinds, a few bylines.  The names are invented.
PUBLISHERS = (
    ("Harbour Wire", 30),
    ("The Daily Meridian", 18),
    ("Eastern Courier", 12),
    ("Atlantic Dispatch", 10),
    ("Steppe Review", 8),
    ("Capital Letter", 6),
    ("Northern Ledger", 5),
    ("Frontline Weekly", 4),
    ("Bench Press", 3),
    ("Signal and Noise", 2),
    (None, 2),
)
KINDS = (("news", 70), ("analysis", 15), ("opinion", 10), ("newsletter", 5))
AUTHORS = ("Mark Ellison", "Anna Petrova-Hartmann", "Jonas Lindqvist", "Maria Okonkwo", None, None)
FIRST_DAY, DAYS = date(2025, 10, 1), 150


def weighted(rng: random.Random, choices: tuple) -> object:
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights)[0]


def synthetic_date(rng: random.Random) -> str | None:
    """A day in the book's five months; now and then only its month or year, or no date at all."""
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    precision = rng.random()
    if precision < 0.05:
        return None
    if precision < 0.08:
        return f"{day.year}"
    if precision < 0.13:
        return f"{day:%Y-%m}"
    return day.isoformat()


def synthetic_facts(rng: random.Random) -> dict:
    """An article's publisher, date, kind and author."""
    return {
        "publisher": weighted(rng, PUBLISHERS),
        "date": synthetic_date(rng),
        "kind": weighted(rng, KINDS),
        "author": rng.choice(AUTHORS),
    }


def synthetic_claim(index: int, rng: random.Random) -> dict:
    """A claim; most are dated, in the month before the articles: what they report has happened
    (``briefbook check`` warns of a source dated before what it reports)."""
    claim = {"id": f"claim-{index}", "statement": f"Synthetic claim number {index}."}
    if index % 6:
        claim["date"] = (FIRST_DAY - timedelta(days=1 + rng.randrange(30))).isoformat()
        claim["label"] = f"Claim {index}"
    return claim


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
    facts = random.Random(seed + 1_000_003)  # the metadata's own stream: the texts stay as they were
    claims = [synthetic_claim(i, facts) for i in range(claim_count)]
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
        sidecar = {"title": f"Synthetic article {index}", **synthetic_facts(facts), "notes": note_list}
        (seeds / f"{stem}.yaml").write_text(
            yaml.safe_dump(sidecar, allow_unicode=True, sort_keys=False), "utf-8"
        )
    return root


# the seeds book's hand-written pages besides its front page: its twin has them too
HAND_WRITTEN = ("how-to-read.md", "how-to-add.md")


def copy_seeds_book(root: Path) -> Path:
    """The project's own book (seeds/ and the hand-written pages of docs/) under ``root``."""
    shutil.copytree(ROOT / "seeds", root / "seeds")
    keep = {"conf.py", "index.md", *HAND_WRITTEN, "_static"}
    shutil.copytree(
        ROOT / "docs", root / "docs", ignore=lambda folder, names: [n for n in names if n not in keep]
    )
    return root


def write_bare_twin(book: Book, root: Path, hand_written: tuple[Path, ...] = ()) -> Path:
    """The same texts as plain MyST pages: per article its title, meta line, paragraphs and the
    words of its notes (a list at the end); the glossary's terms and definitions; an index.

    ``hand_written``: the book's own pages (the how-tos), copied as they are, so the twin has
    every page the book has that briefbook does not write."""
    docs = root / "docs"
    (docs / "articles").mkdir(parents=True)
    (docs / "conf.py").write_text(BARE_CONF, "utf-8")
    for page in hand_written:
        shutil.copyfile(page, docs / page.name)
    listing = [f"- [{escape_inline(e.title)}](/{e.docname}.md)" for e in book.articles]
    toctree = "\n".join(["glossary", *(page.stem for page in hand_written)])
    (docs / "index.md").write_text(
        "# Bare twin\n\n"
        + "\n".join(listing)
        + f"\n\n```{{toctree}}\n:maxdepth: 1\n\n{toctree}\n```\n\n"
        + "```{toctree}\n:glob:\n:maxdepth: 1\n\narticles/*\n```\n",
        "utf-8",
    )
    for entry in book.articles:
        parts = [f"# {escape_inline(entry.title)}", meta_line(entry.sidecar)]
        parts += [escape_inline(p) for p in entry.article.paragraphs]
        notes = [n.note.note for n in entry.notes if n.note.note]
        if notes:
            parts.append("```{rubric} Notes\n```")
            parts.append("\n".join(f"{i}. {escape_inline(text)}" for i, text in enumerate(notes, 1)))
        (docs / f"{entry.docname}.md").write_text("\n\n".join(parts) + "\n", "utf-8")
    terms = [
        f"{e.term}\n  {escape_inline(e.definition)}\n"
        for e in sorted(book.glossary.entries, key=lambda e: e.term.casefold())
    ]
    (docs / "glossary.md").write_text(
        "# Glossary\n\n```{glossary}\n" + "\n".join(terms) + "```\n",
        "utf-8",
    )
    return root


def book_with_twin(folder: Path, n: int, terms: int, notes: int) -> tuple[Path, Path]:
    """A synthetic book and its bare twin, side by side under ``folder``."""
    book_root = write_book(folder / "book", n, terms, notes)
    book = load_book(book_root / "seeds")
    return book_root, write_bare_twin(book, folder / "bare")


# --------------------------------------------------------------------- measuring


PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(pid: int) -> int:
    """The total resident size (bytes) of a process and all its descendants."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/statm") as handle:
                total += int(handle.read().split()[1]) * PAGE_SIZE
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack.extend(int(child) for child in handle.read().split())
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
    return total


@dataclass
class Run:
    wall: float
    cpu: float  # user + system seconds of every process the command started
    peak_mb: float  # largest total resident size of its processes
    output: str
    marks: dict[str, float] = field(
        default_factory=dict
    )  # seconds from the start to the first line naming each

    def after(self, mark: str) -> float:
        """Seconds from the first line that names ``mark`` to the end."""
        return self.wall - self.marks.get(mark, 0.0)


def run(cmd: list[str], cwd: Path, marks: tuple[str, ...] = (), env: dict[str, str] | None = None) -> Run:
    """Run a command to its end, sampling the memory of its processes; stop the bench if it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, **(env or {}), "PYTHONUNBUFFERED": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(
        cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], tree_rss(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    lines, seen = [], {}
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
        for mark in marks:
            if mark not in seen and mark in line:
                seen[mark] = time.perf_counter() - start
    status = process.wait()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    output = "".join(lines)
    if status:
        raise SystemExit(f"{' '.join(cmd)} failed ({status}):\n{output[-3000:]}")
    return Run(wall, cpu, peak[0] / 2**20, output, seen)


def briefbook_build(root: Path, *flags: str) -> Run:
    """``briefbook build`` as a user runs it; marks where Sphinx starts."""
    cmd = [sys.executable, "-m", "briefbook", "build", *flags]
    return run(cmd, root, marks=("sphinx html", "sphinx latexpdf"))


def bare_sphinx(folder: Path) -> dict[str, str]:
    """The environment of a bare Sphinx project: Sphinx's own dependencies, without the packages
    briefbook adds to them (PyStemmer, which snowballstemmer uses when it finds it)."""
    (folder / "Stemmer.py").write_text('raise ImportError("not in a bare Sphinx project")\n', "utf-8")
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")]))}


def bare_build(root: Path, builder: str = "html", jobs: str = "1") -> Run:
    quiet = ["-q"] if builder == "html" else []  # latexmk's own lines count the xelatex passes
    cmd = [sys.executable, "-m", "sphinx", "-M", builder, "docs", "docs/_build", *quiet, "-j", jobs]
    hidden = root / "bare-sphinx"
    hidden.mkdir(exist_ok=True)
    return run(cmd, root, env=bare_sphinx(hidden))


def xelatex_runs(output: str) -> int:
    """The xelatex passes a build's output reports (briefbook build's progress or latexmk's own)."""
    ours = re.findall(r"latexpdf: (?:pdf|xe)?latex run \d+", output)
    theirs = re.findall(r"Run number \d+ of rule '(?:pdf|xe)?latex'", output)
    return len(ours) or len(theirs)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), "utf-8")


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


# (measure, figure as printed, target as printed, met) for the closing table, in the order
RESULTS: list[tuple[str, str, str, bool]] = []


def result(measure: str, figure: str, target: str, met: bool) -> None:
    """Keep one figure for the closing table."""
    RESULTS.append((measure, figure, target, met))


def print_results() -> None:
    """The figures of this run, one table (Markdown), each against its target."""
    if not RESULTS:
        return
    print("\n| measure | this run | target | |\n|---|---|---|---|")
    for measure, figure, target, met in RESULTS:
        print(f"| {measure} | {figure} | {target} | {verdict(met)} |")


def secs(r: Run, sphinx_mark: str | None = "sphinx html") -> str:
    inner = (
        f", of which Sphinx {r.after(sphinx_mark):.1f} s" if sphinx_mark and sphinx_mark in r.marks else ""
    )
    return f"cpu {r.cpu:.1f} s (wall {r.wall:.1f} s{inner})"


# --------------------------------------------------------------------- the report


def bench_generation(tmp: Path, sizes: tuple[int, int], terms: int, notes: int) -> None:
    times = {}
    for n in sizes:
        root = write_book(tmp / f"gen-{n}", n, terms, notes)
        start = time.perf_counter()
        book, _, _ = generate(root / "seeds", root / "docs")
        times[n] = time.perf_counter() - start
        assert len(book.articles) == n
    small, large = sizes
    per = {n: times[n] / n * 1000 for n in times}
    print(
        f"generation: N = {small}: {times[small]:.2f} s ({per[small]:.1f} ms/article); "
        f"N = {large}: {times[large]:.2f} s ({per[large]:.1f} ms/article); "
        f"per-article ratio {per[large] / per[small]:.2f} (1 = linear)"
    )
    real = load_glossary(ROOT / "seeds" / "glossary.yaml").entries
    paragraphs = corpus(1.0)
    from briefbook.analysis.termmatch import TermMatcher

    linking = {}
    for count in (50, 5000):
        matcher = TermMatcher(synthetic_entries(count, real))
        linking[count], _ = best_of(3, lambda matcher=matcher: count_matches(matcher, paragraphs))
    ratio = linking[5000] / linking[50]
    print(
        f"term linking, ~1 MB of text: 50 terms {linking[50]:.3f} s, 5,000 terms {linking[5000]:.3f} s; "
        f"ratio {ratio:.2f} (target < 1.5: {verdict(ratio < 1.5)})"
    )


def bench_html(tmp: Path, n: int, large: int | None, terms: int, notes: int, large_bare: bool = True) -> None:
    book_root, bare_root = book_with_twin(tmp / f"html-{n}", n, terms, notes)
    spare = tmp / f"html-{n}-parallel"
    shutil.copytree(book_root, spare)

    full = briefbook_build(book_root, "--html", "-j", "1")
    bare = bare_build(bare_root)
    ratio = full.cpu / bare.cpu
    print(f"\nfull HTML build, N = {n}: briefbook {secs(full)}; bare {secs(bare, None)}")
    print(
        f"  briefbook/bare: {ratio:.2f} (wall {full.wall / bare.wall:.2f}; target <= 1.0: {verdict(ratio <= 1.0)})"
    )
    memory = full.peak_mb / bare.peak_mb
    print(
        f"  peak memory: briefbook {full.peak_mb:.0f} MB, bare {bare.peak_mb:.0f} MB; "
        f"ratio {memory:.2f} (target <= 1.2: {verdict(memory <= 1.2)})"
    )
    result(
        f"{n} articles, full HTML / bare",
        f"{full.cpu:.1f} / {bare.cpu:.1f} = {ratio:.2f}",
        "<= 0.5",
        ratio <= 0.5,
    )

    sidecar = book_root / "seeds" / f"{n // 2:04d}_synthetic.yaml"
    edit(sidecar, "Synthetic note 1.", "Synthetic note 1, revised.")
    after_note = briefbook_build(book_root, "--html", "-j", "1")
    edit(book_root / "seeds" / "glossary.yaml", UNMENTIONED["definition"], "A treaty no article names.")
    after_term = briefbook_build(book_root, "--html", "-j", "1")
    for label, again in (
        ("one sidecar edit", after_note),
        ("a glossary entry no article mentions", after_term),
    ):
        changed = re.search(r"(\d+) generated pages? changed", again.output)
        rebuild = again.cpu / full.cpu
        print(
            f"  rebuild after {label}: {secs(again)}, {changed.group(1) if changed else '?'} page(s) "
            f"regenerated; rebuild/full {rebuild:.3f} (target <= 0.05: {verdict(rebuild <= 0.05)})"
        )
        result(
            f"{n} articles, {label} / full",
            f"{again.cpu:.2f} / {full.cpu:.1f} = {rebuild:.3f}",
            "<= 0.05",
            rebuild <= 0.05,
        )

    parallel = briefbook_build(spare, "--html", "-j", "2")
    print(f"  -j 2: {secs(parallel)}; -j 2 / -j 1: {parallel.wall / full.wall:.2f} (below 1: faster)")

    if large:
        big_root, big_bare_root = book_with_twin(tmp / f"html-{large}", large, terms, notes)
        big = briefbook_build(big_root, "--html", "-j", "1")
        growth = big.cpu / full.cpu
        linear = large / n
        most = 1.02 * linear  # 3.4 for 1,000 against 300
        print(f"\nfull HTML build, N = {large}: briefbook {secs(big)}; peak memory {big.peak_mb:.0f} MB")
        print(
            f"  time({large})/time({n}): {growth:.2f} (linear {linear:.2f}; target <= {most:.1f}: "
            f"{verdict(growth <= most)})"
        )
        result(
            f"time({large}) / time({n}) (linear {linear:.2f})",
            f"{big.cpu:.1f} / {full.cpu:.1f} = {growth:.2f}",
            f"<= {most:.1f}",
            growth <= most,
        )
        if large_bare:  # the bare twin's sidebar grows with the square of the book: long at 1,000
            big_bare = bare_build(big_bare_root)
            big_ratio = big.cpu / big_bare.cpu
            print(
                f"  bare {secs(big_bare, None)}, peak memory {big_bare.peak_mb:.0f} MB; briefbook/bare: "
                f"{big_ratio:.2f} (target below the ratio at {n}: {verdict(big_ratio < ratio)}); "
                f"bare time({large})/time({n}): {big_bare.cpu / bare.cpu:.2f}"
            )
            result(
                f"{large} articles, full HTML / bare",
                f"{big.cpu:.1f} / {big_bare.cpu:.1f} = {big_ratio:.2f}",
                f"< {ratio:.2f} (the ratio at {n})",
                big_ratio < ratio,
            )
    result(
        f"peak memory at {n} / bare",
        f"{full.peak_mb:.0f} / {bare.peak_mb:.0f} MB = {memory:.2f}",
        "<= 1.2",
        memory <= 1.2,
    )


def bench_seeds(tmp: Path, pdf: bool) -> None:
    """The project's own book against its bare twin (HTML, then the PDF), and a rebuild with nothing
    changed (every builder asked for, as ``briefbook build`` does by default)."""
    seeds_root = copy_seeds_book(tmp / "seeds-book")
    hand_written = tuple(seeds_root / "docs" / name for name in HAND_WRITTEN)
    seeds_bare = write_bare_twin(load_book(seeds_root / "seeds"), tmp / "seeds-bare", hand_written)
    html = briefbook_build(seeds_root, "--html", "-j", "1")
    bare_html = bare_build(seeds_bare)
    ratio = html.cpu / bare_html.cpu
    print(
        f"\nseeds book, HTML: briefbook {secs(html)}; bare {secs(bare_html, None)}; "
        f"ratio {ratio:.2f} (target <= 1.0: {verdict(ratio <= 1.0)})"
    )
    result(
        "seeds book HTML, briefbook / bare twin",
        f"{html.cpu:.1f} / {bare_html.cpu:.1f} = {ratio:.2f}",
        "<= 1.0",
        ratio <= 1.0,
    )
    if pdf:
        built = briefbook_build(seeds_root, "--pdf", "-j", "1")
        bare_pdf = bare_build(seeds_bare, "latexpdf")
        passes, bare_passes = xelatex_runs(built.output), xelatex_runs(bare_pdf.output)
        ratio = built.cpu / bare_pdf.cpu
        print(
            f"seeds book, PDF: briefbook {secs(built, 'sphinx latexpdf')}, {passes} xelatex passes; "
            f"bare {secs(bare_pdf, None)}, {bare_passes} passes; ratio {ratio:.2f} "
            f"(target <= 1.0: {verdict(ratio <= 1.0)})"
        )
        print(
            f"  passes from clean: {passes} (target: no more than the references need, "
            f"which the bare twin's {bare_passes} show: {verdict(passes <= bare_passes)})"
        )
        result(
            "seeds book PDF, briefbook / bare twin",
            f"{built.cpu:.1f} / {bare_pdf.cpu:.1f} = {ratio:.2f} ({passes} xelatex passes; bare {bare_passes})",
            "<= 1.0",
            ratio <= 1.0,
        )
    builders = () if pdf else ("--html",)
    again = briefbook_build(seeds_root, *builders, "-j", "1")
    ran = "Sphinx ran" if again.marks else "Sphinx not started"
    print(
        f"  again, nothing changed: {secs(again, None)}, {ran}, {xelatex_runs(again.output)} xelatex passes"
    )
    result(
        "rebuild with nothing changed (seeds)",
        f"{again.cpu:.2f} s ({ran})",
        "<= 0.3 s",
        again.cpu <= 0.3,
    )


def bench_pdf(tmp: Path, n: int, terms: int, notes: int) -> None:
    """The PDF of synthetic books at N/3 and N articles: its time per article should not grow."""
    sizes = (max(n // 3, 1), n)
    times = {}
    for size in sizes:
        root = write_book(tmp / f"pdf-{size}", size, terms, notes)
        times[size] = briefbook_build(root, "--pdf", "-j", "1")
    small, large = sizes
    per = {size: times[size].cpu / size for size in sizes}
    print(
        f"\nPDF, N = {small}: {secs(times[small], 'sphinx latexpdf')}, {xelatex_runs(times[small].output)} passes; "
        f"N = {large}: {secs(times[large], 'sphinx latexpdf')}, {xelatex_runs(times[large].output)} passes"
    )
    print(f"  per-article ratio {large}/{small}: {per[large] / per[small]:.2f} (1 = linear)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=200, help="glossary terms in the synthetic books (M)")
    parser.add_argument("--notes", type=int, default=4, help="notes per article (K)")
    parser.add_argument(
        "--articles", type=int, default=300, help="articles in the book built with Sphinx (N)"
    )
    parser.add_argument("--large", type=int, default=1000, help="articles in the large book")
    parser.add_argument(
        "--quick", action="store_true", help="smaller sizes (N = 40, 120), to try the script out"
    )
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF builds")
    parser.add_argument(
        "--no-synthetic-pdf", action="store_true", help="the seeds book's PDF only (none at N/3 and N)"
    )
    parser.add_argument("--no-large", action="store_true", help="skip the large book")
    parser.add_argument(
        "--no-large-bare", action="store_true", help="build the large book without its bare twin"
    )
    parser.add_argument("--no-html", action="store_true", help="skip the HTML builds (the large book too)")
    args = parser.parse_args(argv)
    n, large = (40, 120) if args.quick else (args.articles, args.large)
    gen_sizes = (20, 200) if args.quick else (100, 1000)

    with tempfile.TemporaryDirectory(prefix="briefbook-bench-") as folder:
        tmp = Path(folder)
        print(
            f"synthetic books: M = {args.terms} glossary terms, K = {args.notes} notes per article, "
            f"{PARAGRAPHS} paragraphs of ~{WORDS_PER_PARAGRAPH} words each; {os.cpu_count()} CPUs, "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        bench_generation(tmp, gen_sizes, args.terms, args.notes)
        bench_seeds(tmp, pdf=not args.no_pdf)
        if not args.no_html:
            large_size = None if args.no_large else large
            bench_html(tmp, n, large_size, args.terms, args.notes, large_bare=not args.no_large_bare)
        if not (args.no_pdf or args.no_synthetic_pdf):
            bench_pdf(tmp, n, args.terms, args.notes)
        print_results()


if __name__ == "__main__":
    main()

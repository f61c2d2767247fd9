"""How well ``briefbook add`` reads the web corpus: per-field accuracy, and the text's fidelity.

    .venv/bin/python scripts/web_accuracy.py [--verbose]

For every file of ``tests/corpus/web`` (saved pages and pasted texts; see its
``make_corpus.py``) it runs what ``add`` runs before writing anything (take in,
extract, read, clean, guess) and compares the result with ``expected.json``:

- title, author, date, publisher: **right**, **missing** (null where the file shows
  a value) or **wrong** (a value the file does not show, or another one); a
  bracketed working title counts as null;
- text: the article's paragraphs, exactly (whitespace aside) and as a similarity;
- pages with no article: the error must say why (cookie wall, sign-in wall,
  index page, scripts, plain text, no article).

``tests/test_web_corpus.py`` runs the same measurement and holds it to a floor.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from briefbook.errors import BriefbookError
from briefbook.intake.add import article_to_add

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "web"
FIELDS = ("title", "author", "date", "publisher")
ERROR_WORDS = {
    "cookie": "cookie or consent notice",
    "sign-in": "sign-in or subscription wall",
    "index": "an index page",
    "scripts": "filled in by scripts",
    "no-article": "no article text found",
    "plain-text": "plain text, not a web page",
}


def _norm(value: str | None) -> str | None:
    if value is None or (value.startswith("[") and value.endswith("…]")):
        return None
    return " ".join(value.replace(".", "").split()).casefold()  # "Dr Jane Doe" is "Dr. Jane Doe"


@dataclass
class Tally:
    right: int = 0
    missing: int = 0
    wrong: int = 0
    wrong_cases: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.right + self.missing + self.wrong

    def line(self, name: str) -> str:
        share = f"{100 * self.right / self.total:.0f}%" if self.total else "-"
        return f"{name:<10} {self.right:>3}/{self.total:<3} right ({share}), {self.missing} missing, {self.wrong} wrong"


@dataclass
class Report:
    kind: str
    fields: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FIELDS})
    exact_text: int = 0
    similarity: list[float] = field(default_factory=list)
    errors_right: int = 0
    errors_total: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        out = [f"{self.kind}: {len(self.similarity)} articles"]
        out += ["  " + self.fields[f].line(f) for f in FIELDS]
        if self.similarity:
            mean = sum(self.similarity) / len(self.similarity)
            out.append(
                f"  text       {self.exact_text:>3}/{len(self.similarity):<3} exact, "
                f"mean similarity {mean:.3f}, lowest {min(self.similarity):.3f}"
            )
        if self.errors_total:
            out.append(
                f"  no-article pages: {self.errors_right}/{self.errors_total} refused with the right reason"
            )
        out.append(f"  time: {self.seconds:.1f} s")
        return out


def measure(corpus: Path = CORPUS, verbose: bool = False, only: str = "") -> dict[str, Report]:
    expected = json.loads((corpus / "expected.json").read_text("utf-8"))
    expected = {rel: want for rel, want in expected.items() if only in rel}
    reports = {"pages": Report("saved web pages"), "texts": Report("pasted texts")}
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp)
        for rel, want in expected.items():
            report = reports[rel.split("/")[0]]
            started = time.perf_counter()
            try:
                prepared = article_to_add(seeds, corpus / rel)
            except BriefbookError as exc:
                report.seconds += time.perf_counter() - started
                if "error" in want and ERROR_WORDS[want["error"]] in str(exc):
                    report.errors_total += 1
                    report.errors_right += 1
                    continue
                report.errors_total += "error" in want
                report.failures.append(f"{rel}: {exc}")
                continue
            report.seconds += time.perf_counter() - started
            if "error" in want:
                report.errors_total += 1
                report.failures.append(f"{rel}: accepted, but has no article ({want['error']})")
                continue
            for name in FIELDS:
                got, wanted = _norm(prepared.fields[name].value), _norm(want[name])
                tally = report.fields[name]
                if got == wanted:
                    tally.right += 1
                elif got is None:
                    tally.missing += 1
                else:
                    tally.wrong += 1
                    tally.wrong_cases.append(
                        f"{rel}: {name} {prepared.fields[name].value!r}, expected {want[name]!r}"
                    )
            got_text = [" ".join(p.split()) for p in prepared.article.paragraphs]
            want_text = [" ".join(p.split()) for p in want["paragraphs"]]
            report.exact_text += got_text == want_text
            ratio = difflib.SequenceMatcher(
                None, "\n".join(got_text), "\n".join(want_text), autojunk=False
            ).ratio()
            report.similarity.append(ratio)
            if verbose and got_text != want_text:
                print(f"{rel}: text differs (similarity {ratio:.3f})")
                for line in difflib.unified_diff(want_text, got_text, "expected", "got", lineterm="", n=0):
                    print("   ", line[:160])
            if verbose:
                for name in FIELDS:
                    if _norm(prepared.fields[name].value) != _norm(want[name]):
                        print(
                            f"{rel}: {name} {prepared.fields[name].value!r} ({prepared.fields[name].source}), expected {want[name]!r}"
                        )
    return reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="show every difference")
    parser.add_argument("--only", default="", help="only the files whose name holds this, e.g. heldout")
    args = parser.parse_args(argv)
    for report in measure(verbose=args.verbose, only=args.only).values():
        if not report.similarity and not report.errors_total:
            continue
        print("\n".join(report.lines()))
        for tally in report.fields.values():
            for case in tally.wrong_cases:
                print(f"  WRONG {case}")
        for failure in report.failures:
            print(f"  FAILED {failure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

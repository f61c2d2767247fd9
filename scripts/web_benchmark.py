"""How ``briefbook add`` reads public web pages nobody here tuned on: refusals, fields, body text.

    .venv/bin/python scripts/web_benchmark.py CORPORA [--corpus NAME ...] [--half tune] [--details] [--jsonl FILE]

``CORPORA`` is a folder (outside the repository) holding the public test sets,
each in a folder of its own, recognised by what it holds; nothing is fetched at
run time.  To make it::

    mkdir CORPORA && cd CORPORA
    git clone --depth 1 https://github.com/mozilla/readability readability
    git clone --depth 1 https://github.com/scrapinghub/article-extraction-benchmark scrapinghub
    git clone --depth 1 https://github.com/adbar/trafilatura trafilatura

- **readability** (mozilla/readability, Apache-2.0): ``test/test-pages/<name>/``
  with ``source.html``, ``expected.html`` (the body) and ``expected-metadata.json``
  (title, byline, publishedTime).  The expectations are Readability's own output,
  checked by its authors, not a hand-made gold standard: a reference title can keep
  the site's name, a byline can hold a date.  Pages under 5 kB are hand-made
  fixtures of Readability's unit tests, reported apart as ``readability-fixtures``.
- **scrapinghub** (scrapinghub/article-extraction-benchmark, MIT): ``html/*.html.gz``
  and ``ground-truth.json`` (``articleBody``, hand-annotated, body only).
- **trafilatura** (adbar/trafilatura, Apache-2.0): ``tests/evaldata.json`` with the
  pages in ``tests/eval`` and ``tests/cache``; per page a few text segments that must
  be in the body ("with") and a few that must not ("without"), and title, author
  and date where annotated.  Many pages are not news (shops, holiday lets, forums).
- **own**: the project's ``tests/corpus/web`` pages, tuned on (``--corpus own``).

On each page it runs what ``add`` runs before writing (``prepare``: take the page
in, extract, read, clean, fill in the fields), on a copy of the page saved as
``<name>.html`` in a temporary folder, and reports per corpus, for a "tune" half
and a "held-out" half of its pages (split by the SHA-256 of the page's name:
first byte even is tune), which stay the same from run to run, so a rule changed
on what the tune half shows is judged on pages it was not made from:

- pages accepted and refused, each refusal with its reason;
- title, author and date, right out of the pages whose reference has one.
  Titles are compared normalised: HTML entities read ("&amp;" is "&", "&#8222;" is "„"), soft
  hyphens and zero-width spaces out, Unicode NFKC, case folded, curly quotes and dashes made
  straight, every run of punctuation and spaces made one space; so "Foo’s bar." equals
  "foo's  bar", and case, whitespace, quotes, dashes and trailing punctuation do not count,
  while any difference of letters or digits does (a word changed, a kicker kept, a reference cut
  off mid-word: "... complex thinkin" is not "... complex thinking");
  "title (site kept)" also counts as right a title that is the reference less
  parts, cut at a separator ("Headline | Site", "标题_频道_网站"), that name the
  page's site (its og:site_name or application-name, the publisher found, the publisher,
  WebSite or Organization its JSON-LD names, or its canonical host): Readability's reference
  titles are Readability.js's own output, the page's ``<title>`` that often keeps the site's name,
  so for the readability corpus this is the fair measure, and "title" the strict one.
  "reference on page" leaves out the pages whose reference title the page does not hold
  anywhere (not in its text, ``<title>``, meta tags or JSON-LD: the annotation was made from
  another version of the page); ``--details`` marks each such miss, so none is dropped unseen.
  Authors are compared as sets of names ("By", "and", commas, semicolons split;
  case and punctuation aside), "partly" when they share a name or one holds the
  other.  Dates as YYYY-MM-DD;
- the body text against the reference, measured as the source benchmark
  measures it so the figures compare with the published ones:

  - readability and scrapinghub: the ScrapingHub benchmark's ``evaluate.py``:
    the text is cut into tokens (``\\w+``, Unicode), tokens into overlapping
    shingles of four, and per page true positives, false positives and false
    negatives are counted over the bags of shingles and divided by their sum;
    precision is the mean over pages with output, recall the mean over pages with
    a reference, F1 their harmonic mean (± a bootstrap standard deviation, 1000
    samples, seeded); "exact" is the share of pages whose tokens are the
    reference's.  A refused page has no output: it counts against recall.
  - trafilatura: its ``tests/eval_common.py``: a segment counts when it stands
    in the whitespace-normalised text; true positives are "with" segments found,
    false positives "without" segments found, summed over all pages.

  The body is the article's paragraphs as the book shows them (headline and
  photo caption taken out); "briefbook (page text)" is the text extracted from
  the page before cleaning, which tells an extraction loss from a cleaning one;
  the rows "(pages briefbook accepted)" measure briefbook and trafilatura on the
  pages briefbook accepted only, which tells the cost of refusals from the
  quality of the text kept.
  For comparison the same pages go through trafilatura alone: ``extract`` with
  its defaults, with ``favor_precision=True``, and with ``include_comments=False``,
  the setting both benchmarks publish figures for (ScrapingHub README: trafilatura
  2.0.0, F1 0.958 ± 0.006 on its 181 pages; trafilatura's evaluation page,
  results of 2026-08-04: trafilatura 2.2.0 "standard", F1 0.924 on its 990
  documents), fed as the benchmark feeds it (decoded text for ScrapingHub and
  Readability, bytes for trafilatura's set).

``--details`` lists, per cleaning rule, the lines it removed and how many of
them the reference holds as article text, every title, author and date not
right, and the pages of lowest body F1; ``--jsonl FILE`` writes one record per
page (texts included) to study.  The pages run one after another, in one
process: the three corpora (some 1,300 pages) take a few minutes.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import json
import random
import re
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import html as lxml_html

from briefbook.intake.add import (
    article_to_add,  # the one entry point used: all that `add` does before writing
)

OWN_CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "web"
FIXTURE_BYTES = 5000  # readability's hand-made unit-test pages are all smaller than this
HALVES = ("tune", "held-out")
PUBLISHED = {
    "scrapinghub": "trafilatura 2.0.0 (include_comments=False): F1 0.958 ± 0.006, P 0.938, R 0.978 "
    "(scrapinghub/article-extraction-benchmark README, 'Results of the latest evaluation')",
    "trafilatura": "trafilatura 2.2.0 standard (include_comments=False): P 0.906, R 0.943, F1 0.924 "
    "(trafilatura docs, evaluation.rst, 'Results (2026-08-04)', 990 documents)",
    "readability": "none published (the reference is Readability.js's own output)",
}


# ---------------------------------------------------------------- pages of the corpora


@dataclass
class Page:
    corpus: str
    name: str
    html: bytes
    trafilatura_input: str | bytes  # what the source benchmark hands an extractor
    title: str | None = None
    author: str | None = None
    date: str | None = None
    body: str | None = None  # the whole reference text (shingle measure)
    with_segments: list[str] = field(default_factory=list)  # segment measure
    without_segments: list[str] = field(default_factory=list)
    no_article: bool = False  # the reference says the page has no article (own corpus)

    @property
    def half(self) -> str:
        if self.corpus == "own":
            return "tuned on"
        return HALVES[hashlib.sha256(self.name.encode("utf-8")).digest()[0] % 2]


_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "table", "blockquote", "pre", "section", "article", "figure", "figcaption", "dt", "dd", "hr",
}  # fmt: skip


def html_text(markup: str) -> str:
    """The text of an HTML fragment, a line break around each block so words of two blocks stay apart."""
    if not markup.strip():
        return ""
    tree = lxml_html.fromstring(markup)
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
    for element in tree.xpath("//script|//style"):
        element.drop_tree()
    return re.sub(r"\n\s*\n+", "\n\n", tree.text_content()).strip()


def _value(text: object) -> str | None:
    return " ".join(text.split()) or None if isinstance(text, str) else None


def readability_pages(root: Path, fixtures: bool) -> Iterator[Page]:
    for folder in sorted((root / "test" / "test-pages").iterdir()):
        source = folder / "source.html"
        if not source.is_file():
            continue
        data = source.read_bytes()
        if (len(data) < FIXTURE_BYTES) != fixtures:
            continue
        meta = json.loads((folder / "expected-metadata.json").read_text("utf-8"))
        expected = folder / "expected.html"
        yield Page(
            "readability-fixtures" if fixtures else "readability",
            folder.name,
            data,
            data.decode("utf-8", "replace"),
            title=_value(meta.get("title")),
            author=_value(meta.get("byline")),
            date=_value(meta.get("publishedTime")),
            body=html_text(expected.read_text("utf-8")) if expected.is_file() else "",
        )


def scrapinghub_pages(root: Path) -> Iterator[Page]:
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    for key in sorted(truth):
        data = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        yield Page("scrapinghub", key, data, data.decode("utf-8"), body=truth[key].get("articleBody") or "")


def trafilatura_pages(root: Path) -> Iterator[Page]:
    tests = root / "tests"
    annotations = json.loads((tests / "evaldata.json").read_text("utf-8"))
    for url in sorted(annotations):
        item = annotations[url]
        path = next(p for p in (tests / "cache" / item["file"], tests / "eval" / item["file"]) if p.is_file())
        data = path.read_bytes()
        yield Page(
            "trafilatura",
            item["file"],
            data,
            data,
            title=_value(item.get("title")),
            author=_value(item.get("author")),
            date=_value(item.get("date")),
            with_segments=item["with"],
            without_segments=item["without"],
        )


def own_pages(root: Path) -> Iterator[Page]:
    expected = json.loads((root / "expected.json").read_text("utf-8"))
    for rel in sorted(r for r in expected if r.startswith("pages/")):
        want = expected[rel]
        data = (root / rel).read_bytes()
        yield Page(
            "own",
            Path(rel).name,
            data,
            data,
            title=want.get("title"),
            author=want.get("author"),
            date=want.get("date"),
            body="\n\n".join(want.get("paragraphs", [])),
            no_article="error" in want,
        )


def find_corpora(root: Path) -> dict[str, Callable[[], Iterator[Page]]]:
    """The corpora under ``root``, each recognised by what its folder holds."""
    found: dict[str, Callable[[], Iterator[Page]]] = {}
    for folder in sorted([root, *(p for p in root.iterdir() if p.is_dir())]):
        if (folder / "test" / "test-pages").is_dir():
            found["readability"] = lambda f=folder: readability_pages(f, fixtures=False)
            found["readability-fixtures"] = lambda f=folder: readability_pages(f, fixtures=True)
        elif (folder / "ground-truth.json").is_file() and (folder / "html").is_dir():
            found["scrapinghub"] = lambda f=folder: scrapinghub_pages(f)
        elif (folder / "tests" / "evaldata.json").is_file():
            found["trafilatura"] = lambda f=folder: trafilatura_pages(f)
    found["own"] = lambda: own_pages(OWN_CORPUS)
    return found


# ---------------------------------------------------------------- the measures

_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingle_counts(true: str, pred: str | None) -> tuple[float, float, float]:
    """ScrapingHub's measure of one page: tp, fp, fn over bags of 4-token shingles, divided by their sum."""

    def bag(text: str | None) -> Counter:
        words = tokens(text)
        return Counter(
            shingle
            for i in range(max(1, len(words) - SHINGLE + 1))
            if (shingle := tuple(words[i : i + SHINGLE]))
        )

    truth, guess = bag(true), bag(pred)
    tp = sum((truth & guess).values())
    fp = sum((guess - truth).values())
    fn = sum((truth - guess).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def shingle_scores(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Mean precision (pages with output), mean recall (pages with a reference), F1 of the two."""
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bootstrap_f1(counts: list[tuple[float, float, float]], samples: int = 1000) -> float:
    if len(counts) < 2:
        return 0.0
    rng = random.Random(0)
    values = [shingle_scores(rng.choices(counts, k=len(counts)))[2] for _ in range(samples)]
    return statistics.stdev(values)


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def segment_counts(page: Page, text: str | None) -> tuple[int, int, int, int]:
    """trafilatura's measure of one page: tp, fp, fn, tn of its annotated segments."""
    found = _ws(text) if isinstance(text, str) else None
    tp = sum(1 for s in page.with_segments if found is not None and _ws(s) in found)
    fp = sum(1 for s in page.without_segments if found is not None and _ws(s) in found)
    return tp, fp, len(page.with_segments) - tp, len(page.without_segments) - fp


_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")  # soft hyphens, zero-width spaces


def norm_title(text: str | None) -> str:
    """A title as compared (see the module's docstring): what differs only in typography is equal."""
    text = html.unescape(text or "")  # a reference written "Foo &amp; Bar" is the title "Foo & Bar"
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)).translate(_TYPOGRAPHY).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


_TITLE_PARTS = re.compile(r"\s+(?:[|·•»«›‹⋆:/~-]{1,2}|[–—])\s+|\s*_+\s*|\s*[｜|\[\]]\s*")


def _letters(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())


def _json_ld_site_names(tree) -> list[str]:
    """The names JSON-LD gives the site: its publisher's, a WebSite's or an Organization's."""
    names: list[str] = []

    def visit(node, depth: int) -> None:
        if depth > 8:
            return
        if isinstance(node, list):
            for item in node:
                visit(item, depth + 1)
        elif isinstance(node, dict):
            kinds = node.get("@type") if isinstance(node.get("@type"), list) else [node.get("@type")]
            if any(k in ("WebSite", "Organization", "NewsMediaOrganization") for k in kinds):
                names.append(node.get("name") if isinstance(node.get("name"), str) else "")
            for key in ("publisher", "@graph", "isPartOf"):
                visit(node.get(key), depth + 1)

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            visit(json.loads(script.text or ""), 0)
        except ValueError:
            continue
    return [n for n in names if n]


def site_names(html: bytes, publisher: str | None) -> set[str]:
    """What names the page's site (its og:site_name, application-name, the publisher found, the
    publisher, WebSite or Organization its JSON-LD names, its host), letters only."""
    tree = _parsed(html)
    if tree is None:
        return set()
    found = tree.xpath(
        '//meta[@property="og:site_name" or @name="application-name" or @name="og:site_name"]/@content'
    )
    names = {_letters(n) for n in [*found, publisher or "", *_json_ld_site_names(tree)]}
    for address in tree.xpath('//link[@rel="canonical"]/@href|//meta[@property="og:url"]/@content'):
        host = re.sub(r"^(?:https?:)?//(?:www\.)?([^/:]+).*$", r"\1", address.strip())
        names.add(_letters(host.rsplit(".", 1)[0]))
    return {n for n in names if len(n) >= 2}


def _parsed(data: bytes):
    """The page's tree, read as UTF-8 where it is (lxml given bytes guesses, and can misread a
    page that declares no charset), else as lxml reads its declared charset; None if unreadable."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    try:
        if text is not None:
            return lxml_html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", text))
        return lxml_html.document_fromstring(data)
    except Exception:
        return None


def page_shows(html: bytes, title: str) -> bool:
    """Whether the page holds the reference title anywhere, compared as titles are: in its text,
    a ``<title>``, a meta tag or JSON-LD.  A reference it does not hold was written from another
    version of the page; no rule can find it, so it is counted, and reported apart."""
    tree = _parsed(html)
    if tree is None:
        return False
    texts = [t for t in tree.xpath("//@content") if isinstance(t, str)]
    texts += [s.text or "" for s in tree.xpath('//script[@type="application/ld+json"]')]
    for element in tree.xpath("//script|//style"):
        element.drop_tree()
    texts.append(" ".join(tree.itertext()))
    key = norm_title(title)
    return bool(key) and f" {key} " in f" {norm_title(' '.join(texts))} "


def title_verdict(got: str | None, want: str, sites: set[str] = frozenset()) -> str:
    """right, site kept (the reference is the title plus the site's name), missing or wrong."""
    if not got:
        return "missing"
    key = norm_title(got)
    if key == norm_title(want):
        return "right"
    parts = [p for p in _TITLE_PARTS.split(want) if p.strip()]
    for cut in range(1, len(parts)):
        for kept, left in ((parts[:cut], parts[cut:]), (parts[cut:], parts[:cut])):
            if norm_title(" ".join(kept)) != key:
                continue
            site = _letters(" ".join(left))
            if any(site == name or site in name or name in site for name in sites):
                return "site kept"
    return "wrong"


_NAME_SPLIT = re.compile(r"\s+(?:and|und|et|y|e|&)\s+|[,;/|&\n]", re.IGNORECASE)
_BY = re.compile(r"^(?:by|von|par|por|di|door|av|af)\s+", re.IGNORECASE)


def author_names(text: str) -> set[str]:
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).casefold()
    names = set()
    for part in _NAME_SPLIT.split(text):
        part = " ".join(re.sub(r"[\W_]+", " ", _BY.sub("", part.strip())).split())
        if part:
            names.add(part)
    return names


def author_verdict(got: str | None, want: str) -> str:
    if not got:
        return "missing"
    mine, theirs = author_names(got), author_names(want)
    if mine == theirs:
        return "right"
    joined_mine, joined_theirs = " ".join(sorted(mine)), " ".join(sorted(theirs))
    if mine & theirs or (joined_mine and (joined_mine in joined_theirs or joined_theirs in joined_mine)):
        return "partly"
    return "wrong"


def date_verdict(got: str | None, want: str) -> str | None:
    day = re.match(r"\d{4}-\d{2}-\d{2}", want)
    if not day:
        return None  # the reference has no day to compare with
    if not got:
        return "missing"
    return "right" if got[:10] == day.group() else "wrong"


# ---------------------------------------------------------------- running the pages

SYSTEMS = (
    "briefbook",
    "briefbook (page text)",
    "trafilatura defaults",
    "trafilatura favor_precision",
    "trafilatura no comments",
)


def _trafilatura_runs() -> dict[str, Callable[[str | bytes], str | None]]:
    import trafilatura

    return {
        "trafilatura defaults": lambda html: trafilatura.extract(html),
        "trafilatura favor_precision": lambda html: trafilatura.extract(html, favor_precision=True),
        "trafilatura no comments": lambda html: trafilatura.extract(html, include_comments=False),
    }


def _is_refusal(exc: BaseException) -> bool:
    """briefbook's own error (a page it declines, and says why), told from a crash by its class name."""
    return any(cls.__name__ == "BriefbookError" for cls in type(exc).__mro__)


def _reason(exc: BaseException, path: Path) -> str:
    problems = getattr(exc, "problems", None)
    if problems:
        return "; ".join(f"[{p.code.value}] {p.message}" for p in problems)
    return str(exc).replace(str(path), path.name)


@dataclass
class Result:
    page: Page
    refused: str | None = None
    crashed: str | None = None
    fields: dict[str, tuple[str | None, str]] = field(default_factory=dict)  # value, where from
    verdicts: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str | None] = field(default_factory=dict)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (rule, line) that cleaning took out
    headline: str | None = None  # the line cleaning took as the headline
    title_on_page: bool = True  # the reference title stands somewhere on the page
    notices: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def half(self) -> str:
        return self.page.half


def run_page(page: Page, work: Path, others: dict[str, Callable]) -> Result:
    result = Result(page)
    seeds = work / "seeds"
    seeds.mkdir(exist_ok=True)
    path = work / f"{re.sub(r'[^A-Za-z0-9._-]+', '-', page.name).removesuffix('.html')}.html"
    path.write_bytes(page.html)
    started = time.perf_counter()
    try:
        prepared = article_to_add(seeds, path)
    except Exception as exc:
        if _is_refusal(exc):
            result.refused = _reason(exc, path)
        else:
            result.crashed = f"{type(exc).__name__}: {exc}"
        result.texts["briefbook"] = result.texts["briefbook (page text)"] = None
    else:
        for name in ("title", "author", "date", "publisher"):
            guess = prepared.fields[name]
            value = guess.value
            if value and value.startswith("[") and value.endswith("…]"):
                value = None  # a working title in brackets is no title
            result.fields[name] = (value, guess.source)
        result.texts["briefbook"] = prepared.article.text
        page_text = prepared.incoming.page.text if prepared.incoming.page else None
        result.texts["briefbook (page text)"] = page_text
        result.notices = list(prepared.incoming.received)
        result.removed = [(line.rule, line.text) for line in prepared.article.removed]
        result.headline = prepared.article.headline
    finally:
        result.seconds = time.perf_counter() - started
        path.unlink()
    for name, run in others.items():
        try:
            result.texts[name] = run(page.trafilatura_input)
        except Exception as exc:  # a crash of the extractor counts as no output, as the benchmarks count it
            result.texts[name] = None
            result.notices.append(f"{name} failed: {type(exc).__name__}: {exc}")
    if result.refused or result.crashed:
        return result
    sites = site_names(page.html, result.fields["publisher"][0]) if page.title else set()
    result.title_on_page = bool(page.title) and page_shows(page.html, page.title)
    judges = {
        "title": lambda got, want: title_verdict(got, want, sites),
        "author": author_verdict,
        "date": date_verdict,
    }
    for name, judge in judges.items():
        want = getattr(page, name)
        if want:
            verdict = judge(result.fields[name][0], want)
            if verdict:
                result.verdicts[name] = verdict
    return result


# ---------------------------------------------------------------- the report


def _share(right: int, total: int) -> str:
    return f"{right}/{total} ({100 * right / total:.0f}%)" if total else "-"


def field_row(corpus: str, half: str, results: list[Result]) -> str:
    accepted = [r for r in results if not r.refused and not r.crashed]
    refused = sum(1 for r in results if r.refused)
    crashed = sum(1 for r in results if r.crashed)
    cells = [
        corpus,
        half,
        str(len(results)),
        str(len(accepted)),
        str(refused) + (f" +{crashed} crashed" if crashed else ""),
    ]
    for name in ("title", "author", "date"):
        verdicts = Counter(r.verdicts[name] for r in accepted if name in r.verdicts)
        total = sum(verdicts.values())
        if name == "title":
            cells.append(_share(verdicts["right"], total))
            cells.append(_share(verdicts["right"] + verdicts["site kept"], total))
            shown = Counter(r.verdicts[name] for r in accepted if name in r.verdicts and r.title_on_page)
            cells.append(_share(shown["right"] + shown["site kept"], sum(shown.values())))
        elif name == "author":
            cells.append(
                _share(verdicts["right"], total) + (f", {verdicts['partly']} partly" if total else "")
            )
        else:
            cells.append(_share(verdicts["right"], total))
        if total:
            cells[-1] += f", {verdicts['missing']} missing"
    return "| " + " | ".join(cells) + " |"


FIELD_HEADER = (
    "| corpus | half | pages | accepted | refused | title | title (site kept) | title (site kept; "
    "reference on page) | author | date |\n"
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
)
BODY_HEADER = (
    "| corpus | half | system | P | R | F1 | exact / accuracy |\n| --- | --- | --- | --- | --- | --- | --- |"
)


ACCEPTED = " (pages briefbook accepted)"


def body_rows(corpus: str, half: str, results: list[Result]) -> list[str]:
    rows = []
    scored_all = [r for r in results if not r.page.no_article]
    accepted = [r for r in scored_all if not r.refused and not r.crashed]
    runs = [(system, scored_all) for system in SYSTEMS if any(system in r.texts for r in scored_all)]
    if len(accepted) < len(scored_all):
        runs += [("briefbook" + ACCEPTED, accepted), ("trafilatura no comments" + ACCEPTED, accepted)]
    for label, scored in runs:
        system = label.removesuffix(ACCEPTED)
        if not scored:
            continue
        if scored[0].page.with_segments:
            counts4 = [segment_counts(r.page, r.texts.get(system)) for r in scored]
            tp, fp, fn, tn = (sum(c[i] for c in counts4) for i in range(4))
            p = tp / (tp + fp) if tp + fp else 0.0
            rec = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            accuracy = (tp + tn) / (tp + tn + fp + fn)
            rows.append(f"| {corpus} | {half} | {label} | {p:.3f} | {rec:.3f} | {f1:.3f} | {accuracy:.3f} |")
        else:
            counts = [shingle_counts(r.page.body or "", r.texts.get(system)) for r in scored]
            p, rec, f1 = shingle_scores(counts)
            exact = sum(tokens(r.page.body) == tokens(r.texts.get(system)) for r in scored) / len(scored)
            rows.append(
                f"| {corpus} | {half} | {label} | {p:.3f} | {rec:.3f} | {f1:.3f} ± {bootstrap_f1(counts):.3f} "
                f"| {exact:.3f} |"
            )
    return rows


def page_f1(result: Result, system: str = "briefbook") -> float:
    if result.page.with_segments:
        tp, fp, fn, _ = segment_counts(result.page, result.texts.get(system))
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return shingle_scores([shingle_counts(result.page.body or "", result.texts.get(system))])[2]


def in_reference(page: Page, line: str) -> bool:
    """Whether a line cleaning removed is article text by the reference."""
    if page.with_segments:
        flat = _ws(line)
        return any(_ws(s) in flat or (len(flat) > 12 and flat in _ws(s)) for s in page.with_segments)
    words = tokens(line)
    reference = tokens(page.body)
    if len(words) < SHINGLE:
        joined = " ".join(words)
        return bool(joined) and f" {joined} " in f" {' '.join(reference)} "
    mine = {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    theirs = {tuple(reference[i : i + SHINGLE]) for i in range(len(reference) - SHINGLE + 1)}
    return len(mine & theirs) >= len(mine) / 2


def cleaning_rows(corpus: str, results: list[Result]) -> list[str]:
    """Per cleaning rule: lines it removed, and how many of them the reference has as article text."""
    removed: Counter = Counter()
    wrongly: Counter = Counter()
    for r in results:
        for rule, line in r.removed:
            removed[rule] += 1
            wrongly[rule] += in_reference(r.page, line)
    return [f"| {corpus} | {rule} | {removed[rule]} | {wrongly[rule]} |" for rule in sorted(removed)]


def report(results: dict[str, list[Result]], details: bool) -> str:
    out = ["## Pages and fields", "", FIELD_HEADER]
    groups: list[tuple[str, str, list[Result]]] = []
    for corpus, rs in results.items():
        halves = [(corpus, half, [r for r in rs if r.half == half]) for half in HALVES]
        halves = [h for h in halves if h[2]] if corpus != "own" else []
        groups += halves
        if len(halves) != 1:  # with --half the one half is the whole
            groups.append((corpus, "all" if corpus != "own" else "all (tuned on)", rs))
    out += [field_row(*g) for g in groups]
    out += ["", "## Body text", "", BODY_HEADER]
    for group in groups:
        out += body_rows(*group)
    out += ["", "Published figures:"] + [f"- {c}: {PUBLISHED[c]}" for c in results if c in PUBLISHED]
    out += ["", "## Refusals", ""]
    for corpus, rs in results.items():
        for r in rs:
            if r.refused or r.crashed:
                rightly = " (rightly: no article)" if r.page.no_article else ""
                what = f"refused{rightly}: {r.refused}" if r.refused else f"CRASHED: {r.crashed}"
                out.append(f"- {corpus} [{r.half}] {r.page.name}: {what}")
            elif r.page.no_article:
                out.append(f"- {corpus} [{r.half}] {r.page.name}: ACCEPTED, but has no article")
    seconds = [r.seconds for rs in results.values() for r in rs]
    if seconds:
        out += [
            "",
            f"briefbook time: {sum(seconds):.0f} s for {len(seconds)} pages, slowest {max(seconds):.1f} s",
        ]
    if details:
        out += ["", "## Cleaning rules", "", "| corpus | rule | lines removed | of which reference text |"]
        out += ["| --- | --- | --- | --- |"]
        for corpus, rs in results.items():
            out += cleaning_rows(corpus, rs)
        out += ["", "## Fields not right", ""]
        for corpus, rs in results.items():
            for r in rs:
                for name, verdict in r.verdicts.items():
                    if verdict != "right":
                        value, source = r.fields[name]
                        absent = (
                            " (reference NOT ON THE PAGE)" if name == "title" and not r.title_on_page else ""
                        )
                        out.append(
                            f"- {corpus} [{r.half}] {r.page.name}: {name} {verdict}: {value!r} ({source}); "
                            f"reference {getattr(r.page, name)!r}{absent}"
                        )
        out += ["", "## Lowest body F1 (briefbook, against trafilatura defaults)", ""]
        for corpus, rs in results.items():
            scored = sorted((r for r in rs if not r.refused and not r.page.no_article), key=page_f1)
            for r in scored[:15]:
                out.append(
                    f"- {corpus} [{r.half}] {r.page.name}: F1 {page_f1(r):.3f} "
                    f"(trafilatura {page_f1(r, 'trafilatura defaults'):.3f})"
                )
    return "\n".join(out)


def _record(result: Result) -> dict:
    page = result.page
    return {
        "corpus": page.corpus,
        "name": page.name,
        "half": result.half,
        "refused": result.refused,
        "crashed": result.crashed,
        "fields": result.fields,
        "verdicts": result.verdicts,
        "reference": {"title": page.title, "author": page.author, "date": page.date, "body": page.body},
        "f1": {system: page_f1(result, system) for system in SYSTEMS},
        "texts": result.texts,
        "headline": result.headline,
        "removed": result.removed,
        "notices": result.notices,
        "seconds": round(result.seconds, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path, help="the folder that holds the public test sets")
    parser.add_argument(
        "--corpus",
        action="append",
        help="only this corpus (readability, readability-fixtures, scrapinghub, trafilatura, own); repeatable",
    )
    parser.add_argument("--only", default="", help="only the pages whose name holds this")
    parser.add_argument(
        "--half", choices=HALVES, help="only this half of each public corpus (develop on tune)"
    )
    parser.add_argument(
        "--details", action="store_true", help="list the fields not right and the worst bodies"
    )
    parser.add_argument("--jsonl", type=Path, help="write one JSON record per page here")
    parser.add_argument("--no-trafilatura", action="store_true", help="skip the runs of trafilatura alone")
    args = parser.parse_args(argv)
    if not args.corpora.is_dir():
        parser.error(f"{args.corpora}: no such folder")
    corpora = find_corpora(args.corpora)
    default = [c for c in corpora if c != "own"]
    wanted = args.corpus or default
    for name in wanted:
        if name not in corpora:
            parser.error(f"corpus {name!r} not found under {args.corpora} (found: {', '.join(corpora)})")
    others = {} if args.no_trafilatura else _trafilatura_runs()
    results: dict[str, list[Result]] = {}
    records = args.jsonl.open("w", encoding="utf-8") if args.jsonl else None
    with tempfile.TemporaryDirectory() as tmp:
        for name in wanted:
            results[name] = []
            for page in corpora[name]():
                if args.only not in page.name or (args.half and name != "own" and page.half != args.half):
                    continue
                result = run_page(page, Path(tmp), others)
                results[name].append(result)
                if records:
                    records.write(json.dumps(_record(result), ensure_ascii=False) + "\n")
                    records.flush()
                print(
                    f"{name} {len(results[name])}: {page.name} "
                    f"{'refused' if result.refused else 'crashed' if result.crashed else 'ok'} "
                    f"{result.seconds:.1f} s",
                    file=sys.stderr,
                )
    if records:
        records.close()
    print(report(results, args.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())

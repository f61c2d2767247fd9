"""Extraction time against page size: is reading a saved page linear in its size?

    .venv/bin/python scripts/bench_extract.py

Builds news pages of 0.5 to 8 MB the way real ones grow (inline scripts and
styles, JSON blobs, navigation, a long comment thread, and the article), runs
what ``briefbook add`` runs on a page (sniff, decode, parse, trafilatura,
paragraphs), and prints seconds and seconds per MB for each size.  Linear
means the last column stays flat.
"""

from __future__ import annotations

import json
import time

from briefbook.intake.webpage import extract_page

ARTICLE = "".join(
    f"<p>Paragraph {n}: delegations from the two countries met on Thursday for the first time in two "
    f"years, officials said, and agreed to meet again next month to continue the talks.</p>\n"
    for n in range(40)
)


def page(megabytes: float) -> bytes:
    """A page of about ``megabytes`` MB: a third scripts and styles, a third navigation and comments."""
    target = int(megabytes * 1_000_000)
    script = "var state = " + json.dumps({"items": ["x" * 80] * 200}) + ";\n"
    style = ".c{color:#123456;margin:0 auto;padding:1px}\n"
    nav = '<li><a href="/section/n">A section of the site with a long name</a></li>\n'
    comment = '<div class="comment"><p>A reader wrote a comment of some length about the article.</p></div>\n'
    third = target // 3
    head = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Talks resume | The Test Post</title>"
        f"<style>{style * (third // 2 // len(style))}</style><script>{script * (third // 2 // len(script))}</script>"
        "</head><body>"
    )
    body = f"<nav><ul>{nav * (third // 2 // len(nav))}</ul></nav><article><h1>Talks resume</h1>{ARTICLE}</article>"
    tail = f"<section id='comments'>{comment * (third // 2 // len(comment))}</section></body></html>"
    return (head + body + tail).encode("utf-8")


def main() -> None:
    print(f"{'size MB':>8} {'seconds':>8} {'s per MB':>9} {'words':>6}")
    for megabytes in (0.5, 1, 2, 3, 4, 8):
        data = page(megabytes)
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            extracted = extract_page(data, "bench.html")
            best = min(best, time.perf_counter() - started)
        size = len(data) / 1e6
        print(f"{size:8.2f} {best:8.3f} {best / size:9.3f} {len(extracted.text.split()):6d}")


if __name__ == "__main__":
    main()

"""Screenshots of built HTML pages at desktop and phone widths, to look at them as a reader would.

    python scripts/screenshot.py docs/_build/html/articles/000_184ae20b1db45110.html --out shots/

Uses Playwright for Python with the system Chromium (CHROMIUM, default /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from playwright.sync_api import sync_playwright

WIDTHS = {"desktop": (1400, 1000), "phone": (390, 844)}
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("pages", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("shots"))
    parser.add_argument("--full", action="store_true", help="whole page, not just the first screen")
    parser.add_argument(
        "--dark", action="store_true", help="as a reader whose system asks for dark mode sees it"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=ARGS
        )
        for page_path in args.pages:
            for name, (width, height) in WIDTHS.items():
                page = browser.new_page(
                    viewport={"width": width, "height": height}, color_scheme="dark" if args.dark else "light"
                )
                page.goto(page_path.resolve().as_uri())
                target = args.out / f"{page_path.stem}-{name}{'-dark' if args.dark else ''}.png"
                page.screenshot(path=str(target), full_page=args.full)
                print(target)
                page.close()
        browser.close()


if __name__ == "__main__":
    main()

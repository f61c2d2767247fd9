"""Screenshots of built HTML pages at desktop and phone widths, light and dark, to look at them as a reader would.

    python scripts/screenshot.py docs/_build/html/articles/000_184ae20b1db45110.html --out shots/
    python scripts/screenshot.py PAGE --full --scroll 2400 --mode dark --width phone

Uses Playwright for Python with the system Chromium (CHROMIUM, default /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
# the browser as the layout tests drive it: its flags, sizes and how a colour mode is chosen
from helpers.browser import ARGS, CHROMIUM, DESKTOP, MODES, PHONE, SET_MODE

WIDTHS = {"desktop": DESKTOP, "phone": PHONE}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("pages", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("shots"))
    parser.add_argument("--full", action="store_true", help="whole page, not just the first screen")
    parser.add_argument("--scroll", type=int, default=0, help="scroll this many px down first")
    parser.add_argument("--mode", choices=[*MODES, "both"], default="both")
    parser.add_argument("--width", choices=[*WIDTHS, "both"], default="both")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    modes = MODES if args.mode == "both" else (args.mode,)
    widths = WIDTHS if args.width == "both" else {args.width: WIDTHS[args.width]}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for page_path in args.pages:
            for name, size in widths.items():
                for mode in modes:
                    context = browser.new_context(viewport=size, color_scheme=mode)
                    context.add_init_script(SET_MODE.format(mode=mode))
                    page = context.new_page()
                    page.goto(page_path.resolve().as_uri())
                    page.wait_for_load_state("load")
                    if args.scroll:
                        page.evaluate(f"window.scrollTo(0, {args.scroll})")
                    page.wait_for_timeout(200)
                    target = args.out / f"{page_path.stem}-{name}-{mode}.png"
                    page.screenshot(path=str(target), full_page=args.full)
                    print(target)
                    context.close()
        browser.close()


if __name__ == "__main__":
    main()

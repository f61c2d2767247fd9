"""Screenshots of the live preview's forms, at desktop and phone widths, light and dark, to look at
them as an editor would: the selection's toolbar, the note form (and its problems), a claim tag,
a new claim, a glossary entry from a selection, the glossary page with its Edit buttons and the
names it lacks, a glossary entry's form there, the claims page and a claim's form, an article's
details, its reliability grade (and a grade refused at its field), an origin declared from it, the
sources page's origins and an origin's form (and one refused at its field), the front page's key
judgments and a judgment's form (and one refused at its fields).

    .venv/bin/python scripts/preview_shots.py --out shots/preview

Serves a copy of the seeds book (with one more article, whose name the glossary lacks) with
``briefbook serve`` and drives the system Chromium with Playwright (CHROMIUM, default
/usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "tests"), str(HERE)]
from bench import copy_seeds_book  # noqa: E402
from helpers.browser import DESKTOP, MODES, PHONE, chromium, new_context, select  # noqa: E402
from helpers.served import start  # noqa: E402

WIDTHS = {"desktop": DESKTOP, "phone": PHONE}
# an article with an acronym the glossary lacks (check offers it)
NAMES = (
    "Observers Meet the Delegations\n\n"
    "Observers of the OSCE met the delegations in Geneva on Monday. Officials said the OSCE mission "
    "spoke for an hour, and the talks went on into the evening.\n\n"
    "A second round is planned for the spring, officials said.\n"
)
NAMES_SIDECAR = 'title: "Observers meet the delegations"\npublisher: null\ndate: "2026-02-09"\nkind: news\n'


def shoot(page, out: Path, name: str) -> None:
    page.wait_for_timeout(250)
    target = out / f"{name}.png"
    page.screenshot(path=str(target))
    print(target)


def article(page, url: str, stem: str) -> None:
    page.goto(f"{url}/articles/{stem}.html")
    page.wait_for_selector("html[data-bbp-ready=article]", state="attached")


def forms(page, url: str, out: Path, tag: str) -> None:
    article(page, url, "005_names")
    select(page, "bservers of the OS")  # inside two words: widened to "Observers of the OSCE"
    shoot(page, out, f"toolbar-{tag}")
    page.keyboard.press("a")
    page.wait_for_selector("dialog.bbp-dialog[open]")
    shoot(page, out, f"note-{tag}")
    page.keyboard.type("f")
    page.keyboard.press("Tab")
    page.keyboard.type("Were <b>they</b> the $x$ observers?")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#bbp-errors:not([hidden])")
    shoot(page, out, f"note-problems-{tag}")
    page.keyboard.press("Escape")
    select(page, "OSCE")
    page.keyboard.press("g")
    page.wait_for_selector("#bbp-gl-kind")
    shoot(page, out, f"glossary-from-selection-{tag}")
    page.keyboard.press("Escape")
    select(page, "met the delegations in Geneva")
    page.keyboard.press("c")
    page.wait_for_selector("#bbp-cl-statement")
    shoot(page, out, f"claim-from-passage-{tag}")
    page.keyboard.press("Escape")
    select(page, "met the delegations in Geneva")
    page.keyboard.press("t")
    page.wait_for_selector("#bbp-claim")
    shoot(page, out, f"claim-tag-{tag}")
    page.keyboard.press("Escape")
    page.locator(".bbp-edit-details").click()
    page.wait_for_selector("#bbp-dt-title")
    shoot(page, out, f"details-{tag}")
    page.keyboard.press("Escape")
    page.locator(".bbp-edit-grade").click()
    page.wait_for_selector("#bbp-gr-grade")
    page.locator("#bbp-gr-grade").select_option("D")
    shoot(page, out, f"grade-{tag}")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#bbp-gr-reason-error")
    shoot(page, out, f"grade-refused-{tag}")
    page.keyboard.press("Escape")
    page.locator(".bbp-new-origin").click()
    page.wait_for_selector("#bbp-or-label")
    shoot(page, out, f"origin-new-{tag}")
    page.keyboard.press("Escape")
    page.goto(f"{url}/sources.html")
    page.wait_for_selector(".bbp-add-origin")
    page.locator(".bbp-add-origin").scroll_into_view_if_needed()
    shoot(page, out, f"origins-page-{tag}")
    page.locator('button[aria-label="Edit the origin eucom-statement"]').click()
    page.wait_for_selector("#bbp-or-who")
    page.locator("#bbp-or-date").fill("5 February 2026")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#bbp-or-date-error")
    shoot(page, out, f"origin-refused-{tag}")
    page.keyboard.press("Escape")
    page.goto(f"{url}/index.html")
    page.wait_for_selector(".bbp-add-judgment")
    page.locator(".bbp-add-judgment").scroll_into_view_if_needed()
    shoot(page, out, f"judgments-page-{tag}")
    page.locator('button[aria-label="Edit the judgment tied-to-peace-talks"]').click()
    page.wait_for_selector("#bbp-jd-text")
    shoot(page, out, f"judgment-edit-{tag}")
    page.locator("#bbp-jd-title").fill("The channel is probably tied to the peace talks.")
    page.locator("#bbp-jd-caveat").fill("")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#bbp-jd-title-error")
    shoot(page, out, f"judgment-refused-{tag}")
    page.keyboard.press("Escape")
    page.goto(f"{url}/glossary.html")
    page.wait_for_selector(".bbp-page-actions")
    shoot(page, out, f"glossary-page-{tag}")
    page.locator('button[aria-label="Edit the glossary entry EUCOM"]').click()
    page.wait_for_selector("#bbp-gl-definition")
    shoot(page, out, f"glossary-edit-{tag}")
    page.keyboard.press("Escape")
    page.goto(f"{url}/claims.html")
    page.wait_for_selector(".bbp-page-actions")
    shoot(page, out, f"claims-page-{tag}")
    page.locator('button[aria-label="Edit the claim suspension-2021"]').click()
    page.wait_for_selector("#bbp-cl-statement")
    shoot(page, out, f"claim-edit-{tag}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=Path("shots/preview"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="briefbook-shots-") as folder:
        root = copy_seeds_book(Path(folder) / "book")
        (root / "seeds" / "005_names.txt").write_text(NAMES, "utf-8")
        (root / "seeds" / "005_names.yaml").write_text(NAMES_SIDECAR, "utf-8")
        # the key judgments count the book's sources, which are one more here
        judgments = root / "seeds" / "judgments.yaml"
        text = judgments.read_text("utf-8").replace("All five sources", "Five of the six sources")
        judgments.write_text(text.replace("book's five sources", "book's six sources"), "utf-8")
        served = start(root)
        # the names the glossary lacks are found after the first build: wait for them
        deadline = time.monotonic() + 300
        while (
            not served.get_json("/_briefbook/api/glossary")[1]["candidates"] and time.monotonic() < deadline
        ):
            time.sleep(0.5)
        try:
            with chromium() as browser:
                for width, size in WIDTHS.items():
                    for mode in MODES:
                        context = new_context(browser, size, mode, touch=width == "phone")
                        forms(context.new_page(), served.url, args.out, f"{width}-{mode}")
                        context.close()
        finally:
            served.stop()


if __name__ == "__main__":
    main()

"""The preview's annotation form in headless Chromium: notes added, edited and deleted from the page.

A passage is selected programmatically, then everything is done as a keyboard user
would: A opens the form, Tab moves through it, Ctrl+Enter saves.  Each save is checked
in the sidecar (the quote as the cleaned text has it, context where the quote occurs
twice, the editor's comments kept) and on the page the preview rebuilds.
"""

from __future__ import annotations

import pytest
from helpers import require_tool
from helpers.browser import chromium
from helpers.served import ECHO, ECHO_SIDECAR, Served, start
from helpers.tinybook import make_book

from briefbook.sidecar_edit.edits import current_notes
from briefbook.sidecar_edit.writing import article_files

pytestmark = pytest.mark.browser

PAGE = f"/articles/{ECHO}.html"
ECHO_TEXT = (
    "Delegates at the table in Geneva [Photo by A. Person]\n\n"
    "Echo Report\n\n"
    "The delegations met on Monday and talks resumed at noon. Officials said the talks resumed "
    "without conditions.\n\n"
    "A second round is planned for the spring, officials said <b>off the record</b>.\n"
)
LOAD_TIMEOUT = 240_000  # ms: a rebuild on a loaded machine

# Selects the n-th occurrence (1-based) of a text in the article's words (not in notes or marks).
SELECT = """
([text, nth]) => {
  let seen = 0;
  for (const para of document.querySelectorAll('div.bb-article .bb-para')) {
    const walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.parentElement.closest('aside.bb-note, a.bb-mark')) continue;
      let at = node.data.indexOf(text);
      while (at >= 0) {
        if (++seen === nth) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + text.length);
          const selection = getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          return true;
        }
        at = node.data.indexOf(text, at + 1);
      }
    }
  }
  return false;
}
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    require_tool("/usr/bin/chromium")
    root = make_book(tmp_path_factory.mktemp("served-browser") / "book")
    (root / "seeds" / f"{ECHO}.txt").write_text(ECHO_TEXT, "utf-8")
    (root / "seeds" / f"{ECHO}.yaml").write_text(ECHO_SIDECAR, "utf-8")
    server = start(root)
    yield server
    assert server.stop() == 0, server.log()


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(served, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_article(page, served)
    yield page
    page.close()
    assert not errors, errors


def open_article(page, served: Served) -> None:
    # the last test's save built and published: a page served before that publish reloads itself
    served.wait_until_idle()
    page.goto(served.url + PAGE)
    wait_for_article(page)


def wait_for_article(page) -> None:
    """Until the preview's script has the article from the server (and has focused a saved note)."""
    page.wait_for_selector("html[data-bbp-ready=article]", state="attached")


def sidecar_text(served: Served) -> str:
    return (served.root / "seeds" / f"{ECHO}.yaml").read_text("utf-8")


def echo_notes(served: Served) -> list[dict]:
    return current_notes(article_files(served.root / "seeds", ECHO))


def select(page, text: str, nth: int = 1) -> None:
    assert page.evaluate(SELECT, [text, nth]), f"{text!r} ({nth}) is not in the article"


def focused(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.textContent")


def note_aside(page, text: str):
    return page.locator("aside.bb-note", has_text=text)


def save_and_wait_for_reload(page) -> None:
    with page.expect_event("load", timeout=LOAD_TIMEOUT):
        page.keyboard.press("Control+Enter")
    wait_for_article(page)


def add_note(page, passage: str, words: str) -> None:
    """A note of the form's first kind on ``passage``, saved from the keyboard."""
    select(page, passage)
    page.keyboard.press("a")
    page.locator("dialog.bbp-dialog").wait_for(state="visible")
    page.keyboard.press("Tab")
    page.keyboard.type(words)
    save_and_wait_for_reload(page)


# ---------------------------------------------------------------- add, edit, delete


def test_a_note_is_added_edited_and_deleted_from_the_page_with_the_keyboard(served, page):
    # "talks resumed" occurs twice: the second one is selected
    select(page, "talks resumed", 2)
    button = page.locator(".bbp-add")
    button.wait_for(state="visible")
    assert button.inner_text() == "Add note" and button.get_attribute("aria-keyshortcuts") == "A"
    page.keyboard.press("a")
    dialog = page.locator("dialog.bbp-dialog")
    dialog.wait_for(state="visible")
    assert focused(page) == "bbp-kind"
    assert page.locator("#bbp-title").inner_text() == "Add a note"
    assert page.locator(".bbp-quote").inner_text() == "talks resumed"
    page.keyboard.type("an")  # type-ahead in the focused list: analysis
    assert page.locator("#bbp-kind").input_value() == "analysis"
    page.keyboard.press("Tab")
    assert focused(page) == "bbp-note"
    page.keyboard.type("The officials' *own* word.")
    save_and_wait_for_reload(page)

    # the sidecar: the quote as the text has it, context because it occurs twice, comments kept
    added = echo_notes(served)[1]
    assert added["quote"] == "talks resumed" and added["kind"] == "analysis"
    assert added["note"] == "The officials' *own* word."
    assert {"prefix", "suffix", "occurrence"} & set(added), added
    text = sidecar_text(served)
    head = ECHO_SIDECAR.removesuffix("# the end of the file\n")
    assert text.startswith(head) and text.endswith("# the end of the file\n")

    # the page: the note stands at the second occurrence, and has the focus
    aside = note_aside(page, "own word")
    number = aside.get_attribute("data-number")
    before = page.evaluate(
        """(n) => {
          const anchor = Array.from(document.querySelectorAll('.bb-anchor'))
            .find(a => a.dataset.notes.split(' ').includes(n));
          const range = document.createRange();
          range.setStart(anchor.closest('.bb-para'), 0);
          range.setEndBefore(anchor);
          return [anchor.textContent, range.toString().trim()];
        }""",
        number,
    )
    assert before[0] == "talks resumed" and before[1].endswith("at noon. Officials said the")
    assert page.evaluate("document.activeElement.matches('aside.bb-note')")
    assert page.evaluate("document.activeElement.dataset.number") == number

    # edit: its Edit button, by keyboard
    page.focus(f'button[aria-label="Edit note {number}"]')
    page.keyboard.press("Enter")
    assert page.locator("#bbp-title").inner_text() == f"Edit note {number}"
    assert page.locator("#bbp-note").input_value() == "The officials' *own* word."
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("Edited: the officials' word, twice.")
    save_and_wait_for_reload(page)
    assert note_aside(page, "Edited: the officials").count() == 1
    edited = echo_notes(served)[1]
    assert edited == added | {"note": "Edited: the officials' word, twice."}
    assert sidecar_text(served).startswith(head)

    # delete: confirmed, and the sidecar is the editor's file again, byte for byte
    number = note_aside(page, "Edited: the officials").get_attribute("data-number")
    page.focus(f'button[aria-label="Edit note {number}"]')
    page.keyboard.press("Enter")
    page.focus("text=Delete note…")
    page.keyboard.press("Enter")
    assert focused(page) == "Yes, delete it"
    with page.expect_event("load", timeout=LOAD_TIMEOUT):
        page.keyboard.press("Enter")
    wait_for_article(page)
    assert note_aside(page, "Edited: the officials").count() == 0
    assert sidecar_text(served) == ECHO_SIDECAR


def test_a_note_on_the_photo_caption_says_so(served, page):
    add_note(page, "table in Geneva", "The photo is from an earlier round.")
    note = echo_notes(served)[-1]
    assert (note["quote"], note.get("in")) == ("table in Geneva", "caption")
    caption = page.locator(".bb-para.bb-caption")
    assert caption.locator(".bb-anchor").inner_text() == "table in Geneva"
    assert note_aside(page, "The photo is from an earlier round.").count() == 1
    (served.root / "seeds" / f"{ECHO}.yaml").write_text(ECHO_SIDECAR, "utf-8")  # for the other tests


def test_a_note_the_build_would_refuse_shows_its_problem_in_the_form(served, page):
    select(page, "delegations met")
    page.locator(".bbp-add").click()  # the mouse path opens the same form
    page.locator("dialog.bbp-dialog").wait_for(state="visible")
    page.keyboard.type("f")  # fact-check, and no basis
    assert page.locator("#bbp-kind").input_value() == "fact-check"
    page.keyboard.press("Tab")
    page.keyboard.type("Checked against the record.")
    page.keyboard.press("Control+Enter")
    errors = page.locator("#bbp-errors")
    errors.wait_for(state="visible")
    assert errors.get_attribute("role") == "alert"
    assert focused(page) == "bbp-errors"
    text = errors.inner_text()
    assert "The note was not saved; nothing was written" in text
    assert "seeds/004_echo.yaml" in text and "'basis'" in text  # a fact-check needs one
    assert sidecar_text(served) == ECHO_SIDECAR
    # Escape closes the form; what was typed is not saved
    page.keyboard.press("Escape")
    assert not page.locator("dialog.bbp-dialog").is_visible()
    assert sidecar_text(served) == ECHO_SIDECAR


def test_page_text_is_shown_as_text_never_as_markup(served, page):
    select(page, "officials said <b>off the record</b>")
    page.keyboard.press("a")
    quote = page.locator(".bbp-quote")
    quote.wait_for(state="visible")
    assert quote.inner_text() == "officials said <b>off the record</b>"
    assert quote.evaluate("q => q.children.length") == 0
    page.keyboard.press("Escape")


def test_a_selection_across_paragraphs_is_not_offered(served, page):
    page.evaluate(
        """() => {
          const textWith = (words) => {
            const walker = document.createTreeWalker(document.querySelector('div.bb-article'), NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) if (walker.currentNode.data.includes(words)) return walker.currentNode;
          };
          const range = document.createRange();
          range.setStart(textWith('delegations met'), 5);  // in the first paragraph
          range.setEnd(textWith('for the spring'), 3);  // in the second
          getSelection().removeAllRanges();
          getSelection().addRange(range);
        }"""
    )
    hint = page.locator(".bbp-hint")
    hint.wait_for(state="visible")
    assert hint.inner_text() == "A note's passage lies within one paragraph: select less."
    assert not page.locator(".bbp-add").is_visible()
    page.keyboard.press("a")
    assert not page.locator("dialog.bbp-dialog").is_visible()


def test_a_stale_form_cannot_overwrite_a_newer_edit(served, page):
    page.focus('button[aria-label="Edit note 1"]')
    page.keyboard.press("Enter")
    page.locator("dialog.bbp-dialog").wait_for(state="visible")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("My version.")
    # meanwhile, another tab saves a change to the same note
    generation = served.status()["generation"]
    _, article = served.get_json(f"/_briefbook/api/article/{ECHO}")
    first = next(n for n in article["notes"] if n["index"] == 0)
    body = {"kind": "context", "note": "Their version."}
    status, answer = served.write(
        "edit", {"article": ECHO, "index": 0, "fingerprint": first["fingerprint"], "note": body}
    )
    assert status == 200, answer
    assert served.wait_for_build(generation)["state"] == "ok"
    # the open form is not reloaded away; saving it is refused, and says why
    assert page.locator("#bbp-note").input_value() == "My version."
    page.keyboard.press("Control+Enter")
    errors = page.locator("#bbp-errors")
    errors.wait_for(state="visible")
    assert "note 1 has changed since it was read" in errors.inner_text()
    assert "nothing was written (close the form to see the note as it is now)" in errors.inner_text()
    assert echo_notes(served)[0]["note"] == "Their version."
    # closing the form brings the newer page
    with page.expect_event("load", timeout=LOAD_TIMEOUT):
        page.keyboard.press("Escape")
    wait_for_article(page)
    assert note_aside(page, "Their version.").count() == 1
    # put the editor's note back, for the other tests
    (served.root / "seeds" / f"{ECHO}.yaml").write_text(ECHO_SIDECAR, "utf-8")


@pytest.mark.parametrize("viewport", [{"width": 1400, "height": 1000}, {"width": 390, "height": 844}])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_form_fits_the_screen(served, browser, viewport, scheme):
    page = browser.new_page(viewport=viewport, color_scheme=scheme)
    open_article(page, served)
    select(page, "delegations met")
    page.keyboard.press("a")
    dialog = page.locator("dialog.bbp-dialog")
    dialog.wait_for(state="visible")
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]
    # every field and button is inside the form, none cut off
    for selector in ("#bbp-kind", "#bbp-note", "#bbp-basis", "#bbp-claim", "#bbp-stance", "text=Save note"):
        inner = page.locator(selector).bounding_box()
        assert inner["x"] >= box["x"] and inner["x"] + inner["width"] <= box["x"] + box["width"], selector
    assert dialog.evaluate("d => d.scrollWidth <= d.clientWidth")
    # each field has its label
    for field in ("bbp-kind", "bbp-note", "bbp-basis", "bbp-claim", "bbp-stance"):
        assert page.locator(f"label[for={field}]").count() == 1
    page.close()


def test_on_a_phone_the_saved_note_is_opened_under_its_number_and_focused(served, browser):
    # on a narrow screen notes are closed under their numbers until asked for
    page = browser.new_page(viewport={"width": 390, "height": 844})
    open_article(page, served)
    add_note(page, "delegations met", "Met where, and for how long?")
    aside = note_aside(page, "Met where, and for how long?")
    assert aside.is_visible()
    assert page.evaluate("document.activeElement.matches('aside.bb-note')")
    assert page.evaluate("document.activeElement.textContent").count("Met where, and for how long?") == 1
    box = aside.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844  # in the window, not above or below it
    mark = page.locator(f'[aria-controls="{aside.get_attribute("id")}"]')
    assert mark.get_attribute("aria-expanded") == "true"
    page.close()
    # put the editor's note back, for the other tests
    (served.root / "seeds" / f"{ECHO}.yaml").write_text(ECHO_SIDECAR, "utf-8")

// briefbook serve: the live preview's pages reload when the book is rebuilt, and on an
// article page a selected passage can be given a note ("Add note", or the A key), and
// existing notes edited or deleted. Only the preview's build includes this file.
//
// Every element is built with createElement and textContent: no page or user text is
// ever parsed as HTML. The article's text is what remains of each paragraph when the
// note numbers and the notes themselves are set aside, wherever the notes are laid out.
(function () {
  "use strict";

  const API = "/_briefbook/api";
  const EVENTS = "/_briefbook/events";
  const CONTEXT_CHARS = 32; // text sent either side of a selection, to tell repeated passages apart
  const SKIP = "a.bb-mark, aside.bb-note, .bb-caption-label, [data-bbp]"; // not the article's words
  const FOCUS_KEY = "briefbook-preview-focus";

  const metaArticle = document.querySelector('meta[name="briefbook-article"]');
  const stem = metaArticle ? metaArticle.getAttribute("content") : null;
  const metaPage = document.querySelector('meta[name="briefbook-page"]');
  const pageName = metaPage ? metaPage.getAttribute("content") : null;
  const ownFile = pageName ? pageName + ".html" : null; // this page's file in the site
  const article = document.querySelector("div.bb-article");

  // ------------------------------------------------------------------ small DOM helpers

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(function ([name, value]) {
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    });
    node.dataset.bbp = ""; // ours: never part of the article's text
    return node;
  }

  // ------------------------------------------------------------------ status and reloading

  const live = el("div", { class: "bbp-live", role: "status", "aria-live": "polite" });
  const banner = el("div", { class: "bbp-banner", hidden: true });
  document.body.append(live, banner);

  function say(text) {
    live.textContent = "";
    // a fresh text node, so screen readers announce the same words again
    window.setTimeout(function () { live.textContent = text; }, 30);
  }

  let seenGeneration = null; // the build this page comes from (as far as the page can tell)
  let reloadOnClose = false;
  let dialogOpen = false;

  function showFailure(problems) {
    banner.replaceChildren();
    const close = el("button", { type: "button", class: "bbp-button", text: "Hide" });
    close.addEventListener("click", function () { banner.hidden = true; });
    const list = el("ul", { class: "bbp-problems" },
      problems.map(function (p) { return el("li", { text: p.text }); }));
    banner.append(
      el("p", { class: "bbp-banner-title", text: "The book did not build; this page is the last good one." }),
      list, close);
    banner.setAttribute("role", "alert");
    banner.hidden = false;
  }

  function reload() {
    if (dialogOpen) {
      reloadOnClose = true; // never lose what is being typed: reload when the form closes
      say("The book was rebuilt; the page reloads when you close the form.");
    } else {
      window.location.reload();
    }
  }

  // Whether a build's changes reach this page: its own file, or the site's styles and scripts.
  // (null: the build does not say, as after the first build: every page reloads.)
  function touches(changed) {
    if (!Array.isArray(changed)) return true;
    return changed.some(function (path) { return path === ownFile || path.startsWith("_static/"); });
  }

  function onStatus(status) {
    if (seenGeneration === null) {
      // a build under way now makes pages newer than this one: reload when it is done
      seenGeneration = status.generation;
    }
    if (status.state === "building") {
      say("Rebuilding the book…");
      return;
    }
    if (status.state === "failed") {
      showFailure(status.problems || []);
      return;
    }
    if (status.state !== "ok") return;
    banner.hidden = true;
    if (status.generation !== seenGeneration) {
      seenGeneration = status.generation;
      if (touches(status.changed)) reload();
    }
  }

  // The pages a build made first, before the rest of the book: this one, if it is among them.
  function onPages(published) {
    if (ownFile && (published.pages || []).indexOf(ownFile) >= 0) reload();
  }

  if (window.EventSource) {
    const events = new EventSource(EVENTS + (pageName ? "?page=" + encodeURIComponent(pageName) : ""));
    events.addEventListener("status", function (event) { onStatus(JSON.parse(event.data)); });
    events.addEventListener("pages", function (event) { onPages(JSON.parse(event.data)); });
  }

  if (!stem || !article) return; // the rest is for article pages

  let token = null;
  let book = null; // the article as the server built it: paragraphs, notes, kinds, claims

  // ------------------------------------------------------------------ the article's text

  function textNodes(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
      acceptNode: function (node) {
        if (node.nodeType === Node.ELEMENT_NODE) {
          return node.matches(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
        }
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    const found = [];
    while (walker.nextNode()) found.push(walker.currentNode);
    return found;
  }

  // The paragraph's words, and how many characters of its DOM text come before a point in it.
  function paragraphText(para) {
    const raw = textNodes(para).map(function (t) { return t.data; }).join("");
    const lead = raw.length - raw.trimStart().length; // the HTML's line break after the tag
    return { text: raw.trim(), lead: lead };
  }

  function offsetIn(para, node, offset) {
    const range = document.createRange();
    range.setStart(para, 0);
    range.setEnd(node, offset);
    let count = 0;
    textNodes(para).forEach(function (t) {
      if (!range.intersectsNode(t)) return;
      count += t === range.endContainer ? range.endOffset : t.data.length;
    });
    return count;
  }

  function blocks() {
    const all = Array.from(article.querySelectorAll(".bb-para"));
    return {
      paragraphs: all.filter(function (p) { return !p.classList.contains("bb-caption"); }),
      caption: all.find(function (p) { return p.classList.contains("bb-caption"); }) || null,
    };
  }

  // The passage the reader selected: its words, the text either side, and where it stands.
  function selectedPassage() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    const startNode = range.startContainer.nodeType === Node.ELEMENT_NODE
      ? range.startContainer : range.startContainer.parentElement;
    const endNode = range.endContainer.nodeType === Node.ELEMENT_NODE
      ? range.endContainer : range.endContainer.parentElement;
    const para = startNode && startNode.closest(".bb-para");
    if (!para || !article.contains(para)) return null;
    if (!endNode || endNode.closest(".bb-para") !== para) {
      return { error: "A note's passage lies within one paragraph: select less." };
    }
    if (startNode.closest(SKIP) || endNode.closest(SKIP)) return null; // inside a note, not the text
    const { text, lead } = paragraphText(para);
    let start = Math.max(0, offsetIn(para, range.startContainer, range.startOffset) - lead);
    let end = Math.min(text.length, offsetIn(para, range.endContainer, range.endOffset) - lead);
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end <= start) return null;
    const { paragraphs, caption } = blocks();
    const where = para === caption ? "caption" : "text";
    let whole = text;
    let before = 0;
    let exact = true; // whether the page's text is the cleaned text the server anchors in
    if (where === "text") {
      const index = paragraphs.indexOf(para);
      const served = book && book.paragraphs;
      const texts = paragraphs.map(function (p, i) {
        return i === index ? text : paragraphText(p).text;
      });
      exact = Boolean(served) && served.length === texts.length &&
        served.every(function (s, i) { return s === texts[i]; });
      whole = texts.join("\n\n");
      before = texts.slice(0, index).reduce(function (sum, t) { return sum + t.length + 2; }, 0);
    }
    const from = before + start;
    const to = before + end;
    return {
      quote: whole.slice(from, to),
      prefix: whole.slice(Math.max(0, from - CONTEXT_CHARS), from) || null,
      suffix: whole.slice(to, to + CONTEXT_CHARS) || null,
      start: where === "text" && exact ? from : null,
      end: where === "text" && exact ? to : null,
      where: where,
      rect: range.getBoundingClientRect(),
    };
  }

  // ------------------------------------------------------------------ talking to the server

  async function getJSON(path) {
    const response = await fetch(API + path, { credentials: "same-origin", cache: "no-store" });
    return { status: response.status, body: await response.json() };
  }

  async function fetchToken() {
    const { body } = await getJSON("/session");
    token = body.token;
  }

  async function post(action, payload, retried) {
    let response;
    try {
      if (!token) await fetchToken();
      response = await fetch(API + "/notes/" + action, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-Briefbook-Token": token },
        body: JSON.stringify(payload),
      });
    } catch (error) {
      return { ok: false, error: "The preview server cannot be reached (" + error.message + ")." };
    }
    let body;
    try {
      body = await response.json();
    } catch (error) {
      body = { ok: false, error: "The server answered " + response.status + " " + response.statusText };
    }
    if (!body.ok && body.code === "token" && !retried) { // the server was restarted: a new token
      token = null;
      return post(action, payload, true);
    }
    return body;
  }

  async function loadArticle() {
    try {
      const { status, body } = await getJSON("/article/" + encodeURIComponent(stem));
      if (status === 200) book = body;
    } catch (error) {
      book = null;
    }
  }

  // ------------------------------------------------------------------ "Add note" by the selection

  const addButton = el("button", {
    type: "button", class: "bbp-add", hidden: true, "aria-keyshortcuts": "A",
    title: "Add a note to the selected passage (A)",
  }, ["Add note"]);
  const selectionHint = el("div", { class: "bbp-hint", hidden: true, role: "status" });
  document.body.append(addButton, selectionHint);
  let passage = null;

  function placeNear(node, rect) {
    const width = node.offsetWidth || 100;
    const left = Math.min(Math.max(8, rect.left), document.documentElement.clientWidth - width - 8);
    node.style.left = left + window.scrollX + "px";
    node.style.top = rect.bottom + window.scrollY + 8 + "px";
  }

  function onSelection() {
    if (dialogOpen) return;
    const found = selectedPassage();
    passage = found && !found.error ? found : null;
    selectionHint.hidden = !(found && found.error);
    addButton.hidden = !passage;
    if (found && found.error) {
      selectionHint.textContent = found.error;
      placeNear(selectionHint, found.rect || window.getSelection().getRangeAt(0).getBoundingClientRect());
    }
    if (passage) {
      placeNear(addButton, passage.rect);
      if (!addButton.dataset.told) {
        addButton.dataset.told = "1";
        say("Passage selected: press A to write a note about it.");
      }
    } else {
      delete addButton.dataset.told;
    }
  }

  let pending = 0;
  document.addEventListener("selectionchange", function () {
    window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(onSelection);
  });
  // keep the selection when the button is pressed with a mouse or a finger
  addButton.addEventListener("pointerdown", function (event) { event.preventDefault(); });
  addButton.addEventListener("click", function () {
    if (passage) openForm({ passage: passage });
  });
  document.addEventListener("keydown", function (event) {
    if (dialogOpen || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key !== "a" && event.key !== "A") return;
    const target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    const found = selectedPassage();
    if (found && !found.error) {
      event.preventDefault();
      openForm({ passage: found });
    }
  });

  // ------------------------------------------------------------------ the form

  const ids = { title: "bbp-title", kind: "bbp-kind", note: "bbp-note", noteHelp: "bbp-note-help",
    basis: "bbp-basis", basisHelp: "bbp-basis-help", claim: "bbp-claim", stance: "bbp-stance",
    errors: "bbp-errors" };
  const dialog = el("dialog", { class: "bbp-dialog", "aria-labelledby": ids.title });
  const form = el("form", { class: "bbp-form", novalidate: true });
  const title = el("h2", { id: ids.title, class: "bbp-title" });
  const quoted = el("blockquote", { class: "bbp-quote" });
  const errors = el("div", { id: ids.errors, class: "bbp-errors", role: "alert", tabindex: "-1", hidden: true });
  const kind = el("select", { id: ids.kind, name: "kind", required: true });
  const note = el("textarea", { id: ids.note, name: "note", rows: "5", required: true,
    "aria-describedby": ids.noteHelp });
  const basis = el("textarea", { id: ids.basis, name: "basis", rows: "2", "aria-describedby": ids.basisHelp });
  const claim = el("select", { id: ids.claim, name: "claim" });
  const stance = el("select", { id: ids.stance, name: "stance" });
  const save = el("button", { type: "submit", class: "bbp-button bbp-primary" }, ["Save note"]);
  const cancel = el("button", { type: "button", class: "bbp-button" }, ["Cancel"]);
  const remove = el("button", { type: "button", class: "bbp-button bbp-danger" }, ["Delete note…"]);
  const confirmRow = el("div", { class: "bbp-confirm", hidden: true });
  const confirmYes = el("button", { type: "button", class: "bbp-button bbp-danger" }, ["Yes, delete it"]);
  const confirmNo = el("button", { type: "button", class: "bbp-button" }, ["Keep it"]);
  const formStatus = el("p", { class: "bbp-form-status", role: "status" });
  confirmRow.append(el("p", { text: "Delete this note from the sidecar?" }), confirmYes, confirmNo);

  function field(label, control, help) {
    const children = [el("label", { for: control.id, text: label }), control];
    if (help) children.push(help);
    return el("div", { class: "bbp-field" }, children);
  }

  form.append(
    title,
    quoted,
    errors,
    field("Kind", kind),
    field("Note", note, el("p", { id: ids.noteHelp, class: "bbp-help",
      text: "MyST: *emphasis*, **strong**, [links](https://…), {term}`…`, {doc}`…`, {claim}`…`, lists." })),
    field("Basis", basis, el("p", { id: ids.basisHelp, class: "bbp-help",
      text: "Where an outside fact comes from (a fact-check needs one)." })),
    el("div", { class: "bbp-row" }, [field("Claim (optional)", claim), field("Stance", stance)]),
    confirmRow,
    formStatus,
    el("div", { class: "bbp-actions" }, [remove, el("span", { class: "bbp-spacer" }), cancel, save]),
  );
  dialog.append(form);
  document.body.append(dialog);

  function fillChoices(select, values, labels, empty) {
    select.replaceChildren();
    if (empty !== undefined) select.append(el("option", { value: "", text: empty }));
    values.forEach(function (value, i) {
      select.append(el("option", { value: value, text: labels ? labels[i] : value }));
    });
  }

  function showProblems(heading, problems) {
    errors.replaceChildren(el("p", { class: "bbp-errors-title", text: heading }));
    if (problems && problems.length) {
      errors.append(el("ul", {}, problems.map(function (p) { return el("li", { text: p.text }); })));
    }
    errors.hidden = false;
    errors.focus();
  }

  let editing = null; // the note being edited: {index, fingerprint, number}
  let returnFocus = null;

  function syncStance() {
    stance.disabled = !claim.value;
    if (!claim.value) stance.value = "";
  }
  claim.addEventListener("change", syncStance);

  async function openForm(what) {
    if (!book) await loadArticle();
    if (!book) {
      say("The preview is still building; try again in a moment.");
      return;
    }
    returnFocus = document.activeElement;
    editing = what.note || null;
    const fields = editing ? editing.fields : {};
    const claims = book.claims || [];
    fillChoices(kind, book.kinds);
    fillChoices(claim, claims.map(function (c) { return c.id; }),
      claims.map(function (c) { return c.id + ": " + c.statement; }), "none");
    fillChoices(stance, book.stances, null, "none");
    kind.value = fields.kind || "context";
    note.value = fields.note || "";
    basis.value = fields.basis || "";
    claim.value = fields.claim || "";
    stance.value = fields.stance || "";
    syncStance();
    title.textContent = editing ? "Edit note " + editing.number : "Add a note";
    quoted.textContent = editing ? fields.quote : what.passage.quote;
    form.dataset.passage = editing ? "" : JSON.stringify({
      quote: what.passage.quote, prefix: what.passage.prefix, suffix: what.passage.suffix,
      start: what.passage.start, end: what.passage.end, where: what.passage.where,
    });
    remove.hidden = !editing;
    confirmRow.hidden = true;
    errors.hidden = true;
    formStatus.textContent = "";
    save.disabled = false;
    addButton.hidden = true;
    dialogOpen = true;
    dialog.showModal();
    kind.focus();
  }

  function closeForm() {
    if (dialog.open) dialog.close();
  }

  dialog.addEventListener("close", function () {
    dialogOpen = false;
    if (reloadOnClose) {
      window.location.reload();
      return;
    }
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
  });
  cancel.addEventListener("click", closeForm);
  // Escape closes the form from any field; Sphinx's own page shortcuts (which take Escape
  // outside text fields) never see it
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      closeForm();
    }
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { // save from any field
      event.preventDefault();
      form.requestSubmit();
    }
  });

  function body() {
    return {
      kind: kind.value,
      note: note.value,
      basis: basis.value || null,
      claim: claim.value || null,
      stance: claim.value ? stance.value || null : null,
    };
  }

  async function send(action, payload, done) {
    save.disabled = true;
    formStatus.textContent = "Saving…";
    const answer = await post(action, payload);
    save.disabled = false;
    formStatus.textContent = "";
    if (!answer.ok) {
      showProblems(answer.error || "Not saved.", answer.problems);
      return;
    }
    // the page reloads once the book is rebuilt; then the note is found and focused
    window.sessionStorage.setItem(FOCUS_KEY, JSON.stringify({ stem: stem, index: answer.index, said: done }));
    closeForm();
    say(done + " Rebuilding the page…");
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!note.value.trim()) {
      showProblems("The note is empty: write what the reader should know.");
      note.focus();
      return;
    }
    if (editing) {
      send("edit", { article: stem, index: editing.index, fingerprint: editing.fingerprint, note: body() },
        "Note " + editing.number + " saved.");
    } else {
      send("add", { article: stem, selection: JSON.parse(form.dataset.passage), note: body() },
        "Note added.");
    }
  });

  remove.addEventListener("click", function () {
    confirmRow.hidden = false;
    confirmYes.focus();
  });
  confirmNo.addEventListener("click", function () {
    confirmRow.hidden = true;
    remove.focus();
  });
  confirmYes.addEventListener("click", async function () {
    const answer = await post("delete", { article: stem, index: editing.index, fingerprint: editing.fingerprint });
    if (!answer.ok) {
      confirmRow.hidden = true;
      showProblems(answer.error || "Not deleted.", answer.problems);
      return;
    }
    window.sessionStorage.setItem(FOCUS_KEY, JSON.stringify({ stem: stem, index: null,
      said: "Note " + editing.number + " deleted." }));
    closeForm();
    say("Note " + editing.number + " deleted. Rebuilding the page…");
  });

  // ------------------------------------------------------------------ existing notes

  // Each editor's note gets its Edit button at once, before the page's own layout measures the
  // notes when the page has loaded (a button added later would make a placed note taller). Which
  // note of the sidecar it is comes from the server when the button is used.
  function offerEdits() {
    document.querySelectorAll("aside.bb-note").forEach(function (aside) {
      if (aside.dataset.kind === "shared") return; // a note the book adds itself (shared passages)
      const number = Number(aside.dataset.number);
      const button = el("button", { type: "button", class: "bbp-edit", "aria-label": "Edit note " + number },
        ["Edit"]);
      button.addEventListener("click", async function () {
        if (!book) await loadArticle();
        const entry = book && (book.notes || []).find(function (n) {
          return n.number === number && n.index !== null;
        });
        if (entry) openForm({ note: entry });
        else say("Note " + number + " cannot be edited until the preview has been rebuilt.");
      });
      aside.append(button);
    });
  }

  function focusAfterReload() {
    const raw = window.sessionStorage.getItem(FOCUS_KEY);
    if (!raw) return;
    window.sessionStorage.removeItem(FOCUS_KEY);
    const wanted = JSON.parse(raw);
    if (wanted.stem !== stem) return;
    const entry = (book.notes || []).find(function (n) { return n.index === wanted.index; });
    const aside = entry && document.querySelector('aside.bb-note[data-number="' + entry.number + '"]');
    if (aside) {
      aside.setAttribute("tabindex", "-1");
      aside.classList.add("bbp-just-saved");
      aside.focus({ preventScroll: true });
      aside.scrollIntoView({ block: "center" });
    }
    if (wanted.said) say(wanted.said);
  }

  offerEdits();
  loadArticle().then(function () {
    if (book) focusAfterReload();
    document.documentElement.dataset.bbpReady = book ? "article" : "no-article"; // for tools and tests
  });
})();

// briefbook serve, on an article page: select a passage and write a note about it (A), tag it
// with a claim (T), make a claim of it (C) or put a name in the glossary (G); edit or delete each
// of the editor's notes; edit the article's details. Only the preview's build includes this file.
//
// The article's text is what remains of each paragraph when the note numbers and the notes
// themselves are set aside, wherever the notes are laid out. A selection that starts or ends
// inside a word is widened to the whole word, and the form says so.
(function () {
  "use strict";

  const bbp = window.briefbookPreview;
  const forms = window.briefbookForms;
  const metaArticle = document.querySelector('meta[name="briefbook-article"]');
  const stem = metaArticle ? metaArticle.getAttribute("content") : null;
  const article = document.querySelector("div.bb-article");
  if (!bbp || !forms || !stem || !article) return;
  const { el, say, getJSON, post, makeForm, remember, recall, spotlight, notYetShown } = bbp;

  const CONTEXT_CHARS = 32; // text sent either side of a selection, to tell repeated passages apart
  const SKIP = "a.bb-mark, aside.bb-note, .bb-caption-label, [data-bbp]"; // not the article's words
  const WORD = /[\p{L}\p{N}]/u;

  let book = null; // the article as the server built it: paragraphs, notes, kinds, claims, details

  async function loadArticle() {
    try {
      const { status, body } = await getJSON("/article/" + encodeURIComponent(stem));
      if (status === 200) book = body;
    } catch (error) {
      book = null;
    }
  }

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

  // Whether the character at ``i`` belongs to a word: a letter or digit, or a hyphen or an
  // apostrophe between two of them ("military-to-military", "Russia’s").
  function inWord(text, i) {
    const c = text[i];
    if (c === undefined) return false;
    if (WORD.test(c)) return true;
    return /[-‐’'_]/.test(c) && WORD.test(text[i - 1] || "") && WORD.test(text[i + 1] || "");
  }

  // A selection's start and end moved out to the edges of the words they fall in.
  function wholeWords(text, start, end) {
    while (start > 0 && inWord(text, start) && inWord(text, start - 1)) start--;
    while (end < text.length && inWord(text, end - 1) && inWord(text, end)) end++;
    return [start, end];
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
    const [wordStart, wordEnd] = wholeWords(text, start, end);
    const widened = wordStart !== start || wordEnd !== end;
    start = wordStart;
    end = wordEnd;
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
      widened: widened,
      rect: range.getBoundingClientRect(),
    };
  }

  function selectionOf(passage) {
    return {
      quote: passage.quote, prefix: passage.prefix, suffix: passage.suffix,
      start: passage.start, end: passage.end, where: passage.where,
    };
  }

  const WIDENED = "The selection began or ended inside a word: it is widened to whole words.";

  // ------------------------------------------------------------------ the note form

  const noteForm = makeForm({
    id: "bbp",
    fields: [
      { name: "kind", label: "Kind", control: "select", required: true },
      { name: "note", label: "Note", control: "textarea", rows: 5, required: true,
        empty: "The note is empty: write what the reader should know.",
        help: "MyST: *emphasis*, **strong**, [links](https://…), {term}`…`, {doc}`…`, {claim}`…`, lists." },
      { name: "basis", label: "Basis", control: "textarea", rows: 2,
        help: "Where an outside fact comes from (a fact-check needs one)." },
      { name: "claim", label: "Claim (optional)", control: "select" },
      { name: "stance", label: "Stance", control: "select" },
      { name: "origin", label: "Rests on", control: "select",
        help: "Where the passage's report comes from: an origin of the sources page, or the source’s own reporting." },
    ],
    layout: ["kind", "note", "basis", ["claim", "stance"], "origin"],
    save: "Save note",
    remove: { label: "Delete note…", question: "Delete this note from the sidecar?", yes: "Yes, delete it",
      no: "Keep it" },
    submit: async function (values, state) {
      if (state.tag && !values.claim) {
        noteForm.showProblems("Choose the claim the passage bears on.");
        noteForm.controls.claim.focus();
        return null;
      }
      const body = {
        kind: values.kind,
        note: values.note,
        basis: values.basis || null,
        claim: values.claim || null,
        stance: values.claim ? values.stance || null : null,
        origin: values.origin || null,
      };
      const answer = state.note
        ? await post("notes/edit", { article: stem, index: state.note.index, fingerprint: state.note.fingerprint, note: body })
        : await post("notes/add", { article: stem, selection: selectionOf(state.passage), note: body });
      if (answer.ok) {
        const said = state.note ? "Note " + state.note.number + " saved." : "Note added.";
        remember({ stem: stem, index: answer.index, said: said });
        say(said + " Rebuilding the page…");
      }
      return answer;
    },
    removed: async function (state) {
      const note = state.note;
      const answer = await post("notes/delete", { article: stem, index: note.index, fingerprint: note.fingerprint });
      if (answer.ok) {
        remember({ said: "Note " + note.number + " deleted." });
        say("Note " + note.number + " deleted. Rebuilding the page…");
      }
      return answer;
    },
  });
  const claimSelect = noteForm.controls.claim;
  const stanceSelect = noteForm.controls.stance;
  function syncStance() {
    stanceSelect.disabled = !claimSelect.value;
    if (!claimSelect.value) stanceSelect.value = "";
    else if (!stanceSelect.value) stanceSelect.value = (book && book.stances[0]) || "";
  }
  claimSelect.addEventListener("change", syncStance);

  // {passage} for a new note, {note} to edit one; {tag: true} to tag the passage with a claim;
  // {claims} more claims to offer than the build knew of (one just created)
  async function openNote(what) {
    if (!book) await loadArticle();
    if (!book) {
      say("The preview is still building; try again in a moment.");
      return;
    }
    const note = what.note || null;
    const fields = note ? note.fields : {};
    const claims = (book.claims || []).concat(what.claims || []);
    const title = note ? "Edit note " + note.number : what.tag ? "Tag the passage with a claim" : "Add a note";
    const declared = await getJSON("/origins").catch(function () { return { status: 0 }; });
    const origins = declared.status === 200 ? declared.body.origins.map(function (o) { return [o.id, o.fields.label]; }) : [];
    if (fields.origin && !origins.some(function ([id]) { return id === fields.origin; })) {
      origins.push([fields.origin, fields.origin]); // kept as it is, whatever the list says
    }
    noteForm.open({
      title: title,
      quote: note ? fields.quote : what.passage.quote,
      note: !note && what.passage.widened ? WIDENED : null,
      values: {
        kind: fields.kind || "context", note: fields.note, basis: fields.basis,
        claim: fields.claim || what.claim || "", stance: fields.stance || (what.claim ? "supports" : ""),
        origin: fields.origin || "",
      },
      choices: {
        kind: book.kinds.map(function (k) { return [k, k]; }),
        claim: [["", "none"]].concat(claims.map(function (c) { return [c.id, c.id + ": " + c.statement]; })),
        stance: [["", "none"]].concat(book.stances.map(function (s) { return [s, s]; })),
        origin: [["", "the source’s own reporting"]].concat(origins),
      },
      canRemove: Boolean(note),
      state: { note: note, passage: what.passage, tag: Boolean(what.tag) },
      focus: what.tag ? "claim" : "kind",
    });
    // tagging a passage is choosing its claim: then the claim is no longer optional
    noteForm.form.querySelector('label[for="bbp-claim"]').textContent = what.tag ? "Claim" : "Claim (optional)";
    syncStance();
    toolbar.hidden = true;
  }

  // ------------------------------------------------------------------ what a selection offers

  function tool(label, key, action) {
    const button = el("button", {
      type: "button", class: action === "note" ? "bbp-add bbp-tool" : "bbp-tool", "aria-keyshortcuts": key,
      title: label + " (" + key + ")",
    }, [label]);
    button.dataset.action = action;
    // keep the selection when the button is pressed with a mouse or a finger
    button.addEventListener("pointerdown", function (event) { event.preventDefault(); });
    return button;
  }

  const toolbar = el("div", { class: "bbp-tools", role: "toolbar", "aria-label": "The selected passage", hidden: true }, [
    tool("Add note", "A", "note"),
    tool("Tag with a claim", "T", "tag"),
    tool("New claim", "C", "claim"),
    tool("Add to glossary", "G", "glossary"),
  ]);
  const selectionHint = el("div", { class: "bbp-hint", hidden: true, role: "status" });
  document.body.append(toolbar, selectionHint);
  let passage = null;

  function placeNear(node, rect) {
    const width = node.offsetWidth || 100;
    const left = Math.min(Math.max(8, rect.left), document.documentElement.clientWidth - width - 8);
    node.style.left = left + window.scrollX + "px";
    node.style.top = rect.bottom + window.scrollY + 8 + "px";
  }

  function onSelection() {
    if (bbp.isOpen() || acting) return;
    const found = selectedPassage();
    passage = found && !found.error ? found : null;
    selectionHint.hidden = !(found && found.error);
    toolbar.hidden = !passage;
    if (found && found.error) {
      selectionHint.textContent = found.error;
      placeNear(selectionHint, found.rect || window.getSelection().getRangeAt(0).getBoundingClientRect());
    }
    if (passage) {
      placeNear(toolbar, passage.rect);
      if (!toolbar.dataset.told) {
        toolbar.dataset.told = "1";
        say("Passage selected: A to write a note, T to tag it with a claim, C to make it a claim, " +
          "G to add it to the glossary.");
      }
    } else {
      delete toolbar.dataset.told;
    }
  }

  // The article's date, for a claim made from one of its passages.
  function articleDate() {
    return book && book.details && book.details.fields ? book.details.fields.date || "" : "";
  }

  let acting = false; // a form is on its way: the selection's changes meanwhile offer nothing

  async function act(action, found) {
    if (!found || acting) return;
    acting = true;
    toolbar.hidden = true;
    try {
      if (!book) await loadArticle();
      if (action === "note") await openNote({ passage: found });
      else if (action === "tag") await openNote({ passage: found, tag: true });
      else if (action === "glossary") {
        await forms.openGlossary({ term: found.quote, note: found.widened ? WIDENED : null });
      } else if (action === "claim") {
        const dated = articleDate();
        forms.openClaim({
          statement: found.quote,
          quote: found.quote,
          date: "",
          note: "Say what the sources assert, and when it happened if it did (" +
            (dated ? "the article is dated " + dated : "the article is not dated") +
            "); then tag this passage with it.",
          then: function (values) {
            return openNote({ passage: found, tag: true, claim: values.id, claims: [{ id: values.id, statement: values.statement }] });
          },
        });
      }
    } finally {
      acting = false;
      toolbar.hidden = true;
    }
  }

  let pending = 0;
  document.addEventListener("selectionchange", function () {
    window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(onSelection);
  });
  toolbar.addEventListener("click", function (event) {
    const button = event.target.closest("button");
    if (button && passage) act(button.dataset.action, passage);
  });
  const KEYS = { a: "note", t: "tag", c: "claim", g: "glossary" };
  document.addEventListener("keydown", function (event) {
    if (bbp.isOpen() || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const action = KEYS[event.key.toLowerCase()];
    if (!action) return;
    const target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    const found = selectedPassage();
    if (found && !found.error) {
      event.preventDefault();
      act(action, found);
    }
  });

  // ------------------------------------------------------------------ the notes and the details

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
        if (entry) openNote({ note: entry });
        else say("Note " + number + " cannot be edited until the preview has been rebuilt.");
      });
      aside.append(button);
    });
  }

  function offerDetails() {
    const meta = document.querySelector(".bb-meta p");
    if (!meta) return;
    const button = el("button", { type: "button", class: "bbp-edit bbp-edit-details" }, ["Edit details"]);
    button.addEventListener("click", async function () {
      await loadArticle(); // the details as the sidecar holds them now
      if (book && book.details) forms.openDetails({ article: stem, details: book.details, kinds: book.article_kinds });
      else say("The details cannot be edited until the preview has been rebuilt.");
    });
    meta.append(" ", button);
  }

  // On a narrow screen a note is closed under its number until asked for: asked for by its number,
  // which says what it opens (aria-controls) and whether it is open.
  function opened(note) {
    const mark = note && document.querySelector('[aria-controls="' + note.id + '"]');
    if (mark && mark.getAttribute("aria-expanded") === "false") mark.click();
    return note;
  }

  function focusAfterReload() {
    const wanted = recall();
    if (!wanted) return;
    if (wanted.stem === stem && wanted.index !== null && wanted.index !== undefined) {
      const entry = (book.notes || []).find(function (n) { return n.index === wanted.index; });
      const shown = entry && document.querySelector('aside.bb-note[data-number="' + entry.number + '"]');
      if (entry && !shown && notYetShown(wanted)) return;
      spotlight(opened(shown));
    } else if (wanted.details) {
      spotlight(document.querySelector(".bd-article h1"));
    }
    if (wanted.said) say(wanted.said);
  }

  offerEdits();
  offerDetails();
  loadArticle().then(function () {
    if (book) focusAfterReload();
    document.documentElement.dataset.bbpReady = book ? "article" : "no-article"; // for tools and tests
  });
})();

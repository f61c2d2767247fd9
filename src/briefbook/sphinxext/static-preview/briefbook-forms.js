// briefbook serve: the forms for what the editor writes besides notes, opened from any page of
// the preview: a glossary entry (from a selected name, the glossary page, a term it lacks), a
// claim (from a selected passage, the claims page), an article's details (its page). Each is
// written by the server as the build would check it; what it refuses is listed in the form.
(function () {
  "use strict";

  const bbp = window.briefbookPreview;
  if (!bbp) return;
  const { post, say, makeForm, getJSON, slug, remember } = bbp;

  function words(text) {
    return String(text || "").split(",").map(function (word) { return word.trim(); }).filter(Boolean);
  }

  function listed(values) {
    return (values || []).join(", ");
  }

  // An id field that follows the words it is made from until someone types in it.
  function idFrom(form, source, idName, wordCount) {
    const from = form.controls[source];
    const id = form.controls[idName];
    from.addEventListener("input", function () {
      if (!id.dataset.typed) id.value = slug(from.value, wordCount);
    });
    id.addEventListener("input", function () { id.dataset.typed = "1"; });
    return function (typed) {
      if (typed) id.dataset.typed = "1";
      else delete id.dataset.typed;
    };
  }

  // ------------------------------------------------------------------ a glossary entry

  const glossary = makeForm({
    id: "bbp-gl",
    fields: [
      { name: "term", label: "Term", control: "input", required: true,
        empty: "The term is empty: write the name as the glossary shows it." },
      { name: "id", label: "Id", control: "input", required: true,
        help: "Lowercase words joined by hyphens; other entries name it by this." },
      { name: "kind", label: "Kind", control: "input", list: true, required: true,
        help: "person, organisation, acronym, place, event… or a word of your own." },
      { name: "expansion", label: "Expansion", control: "input", help: "For an acronym: what it stands for." },
      { name: "definition", label: "Definition", control: "textarea", rows: 5, required: true,
        empty: "The definition is empty: say who or what it is.",
        help: "MyST: *emphasis*, [links](https://…), {term}`…`, {doc}`…`." },
      { name: "aliases", label: "Other spellings", control: "input",
        help: "Each other way the articles write it, separated by commas." },
      { name: "related", label: "Related entries", control: "input", list: true,
        help: "Ids of other entries, separated by commas." },
    ],
    layout: [["term", "id"], ["kind", "expansion"], "definition", "aliases", "related"],
    save: "Save entry",
    remove: { label: "Delete entry…", question: "Delete this entry from the glossary?", yes: "Yes, delete it",
      no: "Keep it" },
    submit: async function (values, state) {
      const entry = {
        term: values.term, id: values.id, kind: values.kind, expansion: values.expansion,
        definition: values.definition, aliases: words(values.aliases), related: words(values.related),
      };
      const answer = state.fingerprint
        ? await post("glossary/edit", { id: state.id, fingerprint: state.fingerprint, entry: entry })
        : await post("glossary/add", { entry: entry });
      if (answer.ok) {
        const said = "Glossary entry “" + values.term + "” " + (state.fingerprint ? "saved." : "added.");
        remember({ term: values.term, said: said });
        say(said + " Rebuilding the page…");
      }
      return answer;
    },
    removed: async function (state) {
      const answer = await post("glossary/delete", { id: state.id, fingerprint: state.fingerprint });
      if (answer.ok) {
        remember({ said: "Glossary entry “" + state.term + "” deleted." });
        say("Glossary entry deleted. Rebuilding the page…");
      }
      return answer;
    },
  });
  const glossaryId = idFrom(glossary, "term", "id", 6);

  // {term} for a new entry (a selected name, a term the glossary lacks), or {entry} to edit one
  async function openGlossary(what) {
    const { status, body } = await getJSON("/glossary");
    if (status !== 200) {
      say("The glossary cannot be read now; try again in a moment.");
      return;
    }
    const entry = what.entry;
    const fields = entry ? entry.fields : { term: what.term, id: slug(what.term, 6) };
    glossaryId(Boolean(entry));
    glossary.open({
      title: entry ? "Edit the glossary entry “" + fields.term + "”" : "Add to the glossary",
      note: what.note,
      values: Object.assign({}, fields, { aliases: listed(fields.aliases), related: listed(fields.related) }),
      suggestions: {
        kind: body.kinds,
        related: body.entries.map(function (e) { return e.id; }),
      },
      canRemove: Boolean(entry),
      state: entry ? { id: entry.id, fingerprint: entry.fingerprint, term: fields.term } : {},
      focus: entry ? "definition" : (what.term ? "kind" : "term"),
    });
  }

  // ------------------------------------------------------------------ a claim

  const claim = makeForm({
    id: "bbp-cl",
    fields: [
      { name: "statement", label: "Statement", control: "textarea", rows: 3, required: true,
        empty: "The statement is empty: say what the sources assert.",
        help: "What one or more sources assert, in your words; not a finding of your own." },
      { name: "id", label: "Id", control: "input", required: true,
        help: "Lowercase words joined by hyphens; notes tag passages with it." },
      { name: "date", label: "Date", control: "input", help: "YYYY, YYYY-MM or YYYY-MM-DD: places it on the timeline." },
      { name: "label", label: "Label", control: "input", help: "A few words that name it in the timeline figure." },
    ],
    layout: ["statement", "id", ["date", "label"]],
    save: "Save claim",
    submit: async function (values, state) {
      const entry = { statement: values.statement, id: values.id, date: values.date, label: values.label };
      const answer = state.fingerprint
        ? await post("claims/edit", { id: state.id, fingerprint: state.fingerprint, entry: entry })
        : await post("claims/add", { entry: entry });
      if (answer.ok) {
        const said = "Claim “" + values.id + "” " + (state.fingerprint ? "saved." : "created.");
        remember({ claim: values.id, said: said });
        say(said);
        if (state.then) await state.then(values); // opens in this dialog before it would close
      }
      return answer;
    },
  });
  const claimId = idFrom(claim, "statement", "id", 5);

  // {statement, date, then} for a new claim (``then`` is called with it, once created), or {entry}
  function openClaim(what) {
    const entry = what.entry;
    claimId(Boolean(entry));
    const fields = entry ? entry.fields : {
      statement: what.statement, id: slug(what.statement, 5), date: what.date,
    };
    claim.open({
      title: entry ? "Edit the claim “" + entry.id + "”" : "Create a claim",
      quote: what.quote,
      note: what.note,
      values: fields,
      state: entry ? { id: entry.id, fingerprint: entry.fingerprint } : { then: what.then },
      focus: "statement",
    });
  }

  // ------------------------------------------------------------------ an article's details

  const details = makeForm({
    id: "bbp-dt",
    fields: [
      { name: "title", label: "Title", control: "input", required: true,
        empty: "The title is empty: the headline, or a title of your own in [brackets]." },
      { name: "publisher", label: "Publisher", control: "input", help: "Empty where the text does not show it." },
      { name: "author", label: "Author", control: "input" },
      { name: "date", label: "Date", control: "input", help: "YYYY, YYYY-MM or YYYY-MM-DD." },
      { name: "kind", label: "Kind", control: "select" },
      { name: "url", label: "Address", control: "input", help: "Where the article was found, if known." },
      { name: "about", label: "About the source", control: "textarea", rows: 4,
        help: "What the source is and how much weight it bears (MyST)." },
    ],
    layout: ["title", ["publisher", "author"], ["date", "kind"], "url", "about"],
    save: "Save details",
    submit: async function (values, state) {
      const answer = await post("details", { article: state.article, fingerprint: state.fingerprint, details: values });
      if (answer.ok) {
        const said = answer.unchanged ? "Nothing changed." : "Details saved.";
        remember({ details: true, said: said });
        say(answer.unchanged ? said : said + " Rebuilding the page…");
      }
      return answer;
    },
  });

  // {article, details: {fields, fingerprint}, kinds}
  function openDetails(what) {
    details.open({
      title: "Edit the article’s details",
      values: what.details.fields,
      choices: { kind: what.kinds.map(function (kind) { return [kind, kind]; }) },
      state: { article: what.article, fingerprint: what.details.fingerprint },
      focus: "title",
    });
  }

  window.briefbookForms = Object.freeze({
    openGlossary: openGlossary, openClaim: openClaim, openDetails: openDetails,
    words: words, listed: listed, idFrom: idFrom,
  });
})();

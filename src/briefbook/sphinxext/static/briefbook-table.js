// briefbook: a table a reader can sort and filter (the sources page).
//
// The page holds a plain table, complete without this script. The script reads what each column
// is from its header's class (bb-col-number, -text, -date, -choice), so a column added to the
// table is sorted and filtered like the others: every header becomes a button that sorts by its
// column (numbers as numbers, dates by the date they stand for, words as a reader orders them),
// a "choice" column gets a list of its values to filter by, a "date" column a span of months, and
// one field finds rows by any of their words. A row across the table under a source's moves and
// hides with it. The script only moves rows, sets attributes and builds the controls from text it
// sets as text; it never writes markup.
(function () {
  "use strict";

  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function cellValue(cell, kind) {
    if (kind === "date") {
      const time = cell.querySelector("time[datetime]");
      return time ? time.getAttribute("datetime") : "";
    }
    const text = cell.textContent.trim();
    if (kind === "number") {
      const number = parseFloat(text.replace(/,/g, ""));
      return isNaN(number) ? null : number;
    }
    return text;
  }

  // Ascending order of two values of one column; empty values (no date, no number) come last.
  function compare(a, b, kind) {
    const emptyA = a === null || a === "", emptyB = b === null || b === "";
    if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
    if (kind === "number") return a - b;
    return collator.compare(a, b);
  }

  function element(name, attributes, text) {
    const node = document.createElement(name);
    Object.entries(attributes || {}).forEach(function (pair) { node.setAttribute(pair[0], pair[1]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function labelled(text, control) {
    const label = element("label", { class: "bb-filter" });
    label.append(element("span", { class: "bb-filter-name" }, text), control);
    return label;
  }

  function monthName(value) {
    const [year, month] = value.split("-");
    return new Date(Date.UTC(+year, +month - 1, 1)).toLocaleString(undefined, { month: "short", year: "numeric", timeZone: "UTC" });
  }

  function setUp(table) {
    const headers = Array.from(table.tHead.rows[0].cells);
    const body = table.tBodies[0];
    // a row across the table under a source's (why it has its grade, whether it is a copy) goes
    // where its source's row goes
    const under = new Map();
    const rows = [];
    Array.from(body.rows).forEach(function (row) {
      if (row.classList.contains("bb-source-details") && rows.length) under.get(rows[rows.length - 1]).push(row);
      else { rows.push(row); under.set(row, []); }
    });
    const columns = headers.map(function (th) {
      const match = /\bbb-col-(\w+)/.exec(th.className);
      return { th: th, name: th.textContent.trim(), kind: match ? match[1] : "text" };
    });
    const values = rows.map(function (row) {
      return columns.map(function (column, i) { return cellValue(row.cells[i], column.kind); });
    });
    const original = rows.slice();

    // --- filters ---
    const form = element("form", { class: "bb-table-filters", role: "search", "aria-label": "Filter the table" });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    const find = element("input", { type: "search" });
    form.append(labelled("Find", find));
    const tests = [];
    columns.forEach(function (column, i) {
      if (column.kind === "choice") {
        const counts = new Map();
        values.forEach(function (v) { counts.set(v[i], (counts.get(v[i]) || 0) + 1); });
        const select = element("select");
        select.append(element("option", { value: "" }, "All"));
        Array.from(counts.keys()).sort(collator.compare).forEach(function (value) {
          select.append(element("option", { value: value }, `${value} (${counts.get(value)})`));
        });
        form.append(labelled(column.name, select));
        tests.push(function (v) { return !select.value || v[i] === select.value; });
      } else if (column.kind === "date") {
        const months = Array.from(new Set(values.map(function (v) { return v[i].slice(0, 7); })
          .filter(function (m) { return m.length === 7; }))).sort();
        if (!months.length) return;
        const from = element("select"), to = element("select");
        from.append(element("option", { value: "" }, "Any"));
        to.append(element("option", { value: "" }, "Any"));
        months.forEach(function (month) {
          from.append(element("option", { value: month }, monthName(month)));
          to.append(element("option", { value: month }, monthName(month)));
        });
        form.append(labelled(`${column.name} from`, from), labelled("to", to));
        // a date known only to its year is kept while the span is open at both ends
        tests.push(function (v) {
          const month = v[i].slice(0, 7);
          if (!from.value && !to.value) return true;
          if (month.length < 7) return false;
          return (!from.value || month >= from.value) && (!to.value || month <= to.value);
        });
      }
    });
    const clear = element("button", { type: "button", class: "bb-filter-clear" }, "Show all");
    form.append(clear);
    const status = element("p", { class: "bb-table-status", role: "status", "aria-live": "polite" });
    (table.closest(".pst-scrollable-table-container") || table).before(form, status);

    function applyFilters() {
      const words = find.value.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
      let shown = 0;
      rows.forEach(function (row, r) {
        const text = [row, ...under.get(row)].map(function (x) { return x.textContent; }).join(" ").toLocaleLowerCase();
        const keep = words.every(function (w) { return text.includes(w); }) &&
          tests.every(function (test) { return test(values[r]); });
        [row, ...under.get(row)].forEach(function (x) { x.hidden = !keep; });
        if (keep) shown += 1;
      });
      status.textContent = shown === rows.length ? `All ${rows.length} rows shown` : `${shown} of ${rows.length} rows shown`;
    }
    form.addEventListener("input", applyFilters);
    form.addEventListener("change", applyFilters);
    clear.addEventListener("click", function () { form.reset(); applyFilters(); });

    // --- sorting ---
    let sorted = null, ascending = true;
    columns.forEach(function (column, i) {
      const button = element("button", { type: "button", class: "bb-sort" }, column.name);
      column.th.textContent = "";
      column.th.append(button);
      button.addEventListener("click", function () {
        ascending = sorted === i ? !ascending : true;
        sorted = i;
        const order = original.map(function (row, r) { return r; });
        order.sort(function (a, b) {
          const c = compare(values[a][i], values[b][i], column.kind);
          return (ascending ? c : -c) || a - b;
        });
        order.forEach(function (r) { body.append(original[r], ...under.get(original[r])); });
        columns.forEach(function (other, j) {
          if (j === i) other.th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          else other.th.removeAttribute("aria-sort");
        });
      });
    });
    applyFilters();
  }

  function start() {
    document.querySelectorAll("table.bb-sortable").forEach(setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

// briefbook: margin notes that stand beside their passages.
//
// The page puts each paragraph's notes after it (div.bb-notes). This script only moves and
// measures those nodes and sets attributes, classes and positions; it never writes markup.
//
// Wide screens: every note is placed in the right-hand margin at the height of its passage's
// last line. Notes that would collide are moved apart as little as possible (some a little up,
// some down: the placement that minimises the total distance of the notes from their passages).
// Where the notes of a stretch of text need more height than the text has, the text gives way:
// space is added after a paragraph rather than letting notes drift far from their passages.
// Hovering or focusing a passage or its number brings its note level with it and moves the
// neighbours; hovering or focusing a note highlights its passage.
//
// Narrow screens: a note waits, closed, right after its number; a tap (or Enter or Space) on
// the number opens it under that line, and another closes it.
(function () {
  "use strict";

  const GAP = 10; // px kept between two notes in the margin
  const DRIFT = 80; // px a note may stand from its passage before the text makes room for it
  const RISE = 8; // px a note may stand above the top of its paragraph
  const RELEASE_DELAY = 400; // ms a brought-level note stays after the pointer or focus leaves

  // --- layout: pure functions of measured numbers --------------------------------------------

  function median(values) {
    const sorted = values.slice().sort(function (a, b) { return a - b; });
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  // Non-decreasing values nearest to `targets` (least total absolute distance), none below its
  // `floors` entry nor above `hi`: pool adjacent violators, each pool at the median of its
  // targets, raised to the highest floor in it (the loss stays convex, so pooling stays exact).
  function isotonic(targets, floors, hi) {
    const pools = [];
    targets.forEach(function (target, i) {
      pools.push({ values: [target], floor: floors[i], level: Math.max(target, floors[i]) });
      while (pools.length > 1 && pools[pools.length - 2].level > pools[pools.length - 1].level) {
        const last = pools.pop();
        const into = pools[pools.length - 1];
        into.values = into.values.concat(last.values);
        into.floor = Math.max(into.floor, last.floor);
        into.level = Math.max(median(into.values), into.floor);
      }
    });
    const out = [];
    pools.forEach(function (pool) {
      const level = Math.min(pool.level, hi);
      pool.values.forEach(function () { out.push(level); });
    });
    return out;
  }

  // Tops for notes of heights `hs` wanted at `ys` (in reading order), `gap` apart, none above
  // its `floors` entry (its paragraph's top: a note does not rise beside the text before its
  // paragraph) nor above the article (0). Note `pin` (if >= 0) stands level with its passage
  // where the notes before it fit above, those free to rise beside earlier text; the others move
  // around it. With offsets o_i (the heights and gaps of the notes before i), q_i = top_i - o_i
  // must not decrease, so the best tops are an isotonic fit of ys_i - o_i.
  function place(ys, hs, gap, floors, pin) {
    const offsets = [];
    let offset = 0;
    hs.forEach(function (h) { offsets.push(offset); offset += h + gap; });
    const wanted = ys.map(function (y, i) { return y - offsets[i]; });
    const lows = floors.map(function (floor, i) { return Math.max(floor, 0) - offsets[i]; });
    let fitted;
    if (pin >= 0 && pin < ys.length) {
      const level = Math.max(wanted[pin], 0); // q = 0: the notes before it just fit above
      const before = isotonic(wanted.slice(0, pin), offsets.slice(0, pin).map(function (o) {
        return -o;
      }), level);
      const after = isotonic(wanted.slice(pin + 1), lows.slice(pin + 1).map(function (low) {
        return Math.max(low, level);
      }), Infinity);
      fitted = before.concat([level], after);
    } else {
      fitted = isotonic(wanted, lows, Infinity);
    }
    return fitted.map(function (q, i) { return q + offsets[i]; });
  }

  // Passages (and their paragraphs) move down by the space added after every paragraph before theirs.
  function shifted(items, spaces, key) {
    const before = [];
    let total = 0;
    spaces.forEach(function (space) { before.push(total); total += space; });
    return items.map(function (item) { return item[key] + (before[item.para] || 0); });
  }

  // How far the notes stand beyond `drift` from their passages, added up.
  function excess(tops, ys, drift) {
    return tops.reduce(function (sum, top, i) { return sum + Math.max(0, Math.abs(top - ys[i]) - drift); }, 0);
  }

  // items: [{y, h, para, floor}] in reading order (y: the passage's last line, h: the note's
  // height, para: the paragraph's index, floor: the highest the note may stand). Returns the
  // notes' tops, the passages' ys and the floors once the text has given way, and the space to
  // add after each paragraph.
  // The text gives way step by step: each step adds a little space after the one paragraph
  // where it brings the notes nearest to their passages, until every note is within `drift`
  // or no space helps (the notes of one paragraph cannot be parted by space).
  function arrange(items, gap, drift) {
    const hs = items.map(function (item) { return item.h; });
    const paragraphs = items.reduce(function (n, item) { return Math.max(n, item.para + 1); }, 0);
    // boundaries worth trying: after a paragraph that has notes, when later notes follow
    const boundaries = [];
    items.forEach(function (item, i) {
      if (i > 0 && items[i - 1].para !== item.para) boundaries.push(items[i - 1].para);
    });
    let spaces = new Array(paragraphs).fill(0);
    let ys = shifted(items, spaces, "y");
    let floors = shifted(items, spaces, "floor");
    let tops = place(ys, hs, gap, floors, -1);
    let cost = excess(tops, ys, drift);
    const step = 12;
    for (let round = 0; cost > 0.5 && round < 600; round += 1) {
      let best = null;
      boundaries.forEach(function (boundary) {
        const candidate = spaces.slice();
        candidate[boundary] += step;
        const candidateYs = shifted(items, candidate, "y");
        const candidateFloors = shifted(items, candidate, "floor");
        const candidateTops = place(candidateYs, hs, gap, candidateFloors, -1);
        const candidateCost = excess(candidateTops, candidateYs, drift);
        if (candidateCost < cost - 0.5 && (best === null || candidateCost < best.cost)) {
          best = { cost: candidateCost, spaces: candidate, ys: candidateYs, floors: candidateFloors, tops: candidateTops };
        }
      });
      if (best === null) break;
      spaces = best.spaces;
      ys = best.ys;
      floors = best.floors;
      tops = best.tops;
      cost = best.cost;
    }
    return { tops: tops, ys: ys, floors: floors, spaces: spaces };
  }

  window.briefbook = Object.freeze({ arrange: arrange, place: place });

  // --- the page ------------------------------------------------------------------------------

  const article = document.querySelector(".bb-article");
  if (!article) return;
  const wide = window.matchMedia("(min-width: 992px)");
  const paragraphs = Array.from(article.children).filter(function (el) {
    return el.classList.contains("bb-para");
  });
  const anchorsOf = new Map(); // note number -> its passage's pieces, in reading order
  article.querySelectorAll(".bb-anchor").forEach(function (anchor) {
    (anchor.dataset.notes || "").split(" ").forEach(function (number) {
      if (!anchorsOf.has(number)) anchorsOf.set(number, []);
      anchorsOf.get(number).push(anchor);
    });
  });
  const records = Array.from(article.querySelectorAll("aside.bb-note")).map(function (note) {
    const mark = article.querySelector('a.bb-mark[href="#' + CSS.escape(note.id) + '"]');
    const group = note.parentNode;
    const para = mark ? mark.closest(".bb-para") : group.previousElementSibling;
    return {
      note: note,
      mark: mark,
      group: group,
      anchors: anchorsOf.get(note.dataset.number) || [],
      para: Math.max(0, paragraphs.indexOf(para)),
    };
  });
  const byNoteId = new Map(records.map(function (r) { return [r.note.id, r]; }));
  if (!records.length) return;

  let layoutState = null; // the current wide layout: passages (ys), floors and note heights (hs)
  let pinned = null; // the record brought level with its passage
  let active = null; // the record highlighted
  let releaseTimer = 0;

  function recordOfMark(mark) {
    return byNoteId.get((mark.getAttribute("href") || "").slice(1)) || null;
  }

  function recordOf(target) {
    if (!(target instanceof Element)) return null;
    const note = target.closest("aside.bb-note");
    if (note) return byNoteId.get(note.id) || null;
    const mark = target.closest("a.bb-mark");
    if (mark) return recordOfMark(mark);
    const anchor = target.closest(".bb-anchor");
    if (anchor) {
      const number = (anchor.dataset.notes || "").split(" ")[0];
      return records.find(function (r) { return r.note.dataset.number === number; }) || null;
    }
    return null;
  }

  function highlight(record, on) {
    if (!record) return;
    record.note.classList.toggle("bb-active", on);
    if (record.mark) record.mark.classList.toggle("bb-active", on);
    record.anchors.forEach(function (anchor) { anchor.classList.toggle("bb-active", on); });
  }

  // --- wide screens ---

  function measure() {
    paragraphs.forEach(function (p) { p.style.marginBottom = ""; });
    article.style.paddingBottom = "";
    const top = article.getBoundingClientRect().top;
    return records.map(function (r) {
      const last = r.anchors.length ? r.anchors[r.anchors.length - 1] : r.mark;
      const rects = last ? last.getClientRects() : [];
      const line = rects.length ? rects[rects.length - 1] : r.group.getBoundingClientRect();
      const para = paragraphs[r.para];
      const floor = para ? para.getBoundingClientRect().top - top - RISE : 0;
      return { y: line.top - top, h: r.note.offsetHeight, para: r.para, floor: Math.max(0, floor) };
    });
  }

  function layout() {
    if (!wide.matches) return;
    // measuring takes the added space out for a moment; keep the reader where they were
    const scrolled = window.scrollY;
    article.classList.add("bb-placed");
    const items = measure();
    const result = arrange(items, GAP, DRIFT);
    result.spaces.forEach(function (space, index) {
      if (space > 0) {
        const base = parseFloat(getComputedStyle(paragraphs[index]).marginBottom) || 0;
        paragraphs[index].style.marginBottom = base + space + "px";
      }
    });
    layoutState = { ys: result.ys, floors: result.floors, hs: items.map(function (item) { return item.h; }) };
    render();
    if (window.scrollY !== scrolled) window.scrollTo(window.scrollX, scrolled);
    if (!article.classList.contains("bb-settled")) {
      // animate later moves (bringing a note level), not the first placement
      requestAnimationFrame(function () { article.classList.add("bb-settled"); });
    }
  }

  function render() {
    if (!layoutState || !wide.matches) return;
    const pin = pinned ? records.indexOf(pinned) : -1;
    const tops = place(layoutState.ys, layoutState.hs, GAP, layoutState.floors, pin);
    let notesBottom = 0;
    records.forEach(function (r, i) {
      r.note.style.top = tops[i] + "px";
      notesBottom = Math.max(notesBottom, tops[i] + layoutState.hs[i]);
    });
    // the article ends below its last note, so what follows never runs under the notes
    const last = paragraphs[paragraphs.length - 1];
    const textBottom = last ? last.getBoundingClientRect().bottom - article.getBoundingClientRect().top : 0;
    article.style.paddingBottom = Math.max(0, notesBottom - textBottom) + "px";
  }

  function remeasureNotes() {
    if (!layoutState) return;
    layoutState.hs = records.map(function (r) { return r.note.offsetHeight; });
    render();
  }

  function activate(record, bringLevel) {
    clearTimeout(releaseTimer);
    if (active !== record) {
      highlight(active, false);
      active = record;
      highlight(record, true);
    }
    if (bringLevel && wide.matches && pinned !== record) {
      pinned = record;
      render();
    }
  }

  function release() {
    highlight(active, false);
    active = null;
    if (pinned) {
      pinned = null;
      render();
    }
  }

  function releaseSoon() {
    clearTimeout(releaseTimer);
    releaseTimer = setTimeout(release, RELEASE_DELAY);
  }

  // --- narrow screens ---

  function setOpen(record, open) {
    record.note.classList.toggle("bb-open", open);
    highlight(record, open); // an open note's passage stays marked, so the two read together
    if (record.mark) record.mark.setAttribute("aria-expanded", String(open));
  }

  function toNarrow() {
    article.classList.remove("bb-placed", "bb-settled");
    article.style.paddingBottom = "";
    paragraphs.forEach(function (p) { p.style.marginBottom = ""; });
    layoutState = null;
    pinned = null;
    records.forEach(function (r) {
      r.note.style.top = "";
      if (!r.mark) return;
      r.mark.after(r.note); // in reading order, right after its number
      r.mark.setAttribute("role", "button");
      r.mark.setAttribute("aria-controls", r.note.id);
      setOpen(r, false);
    });
  }

  function toWide() {
    records.forEach(function (r) {
      r.group.appendChild(r.note); // back after its paragraph, in reading order
      r.note.classList.remove("bb-open");
      highlight(r, false);
      if (r.mark) {
        r.mark.removeAttribute("role");
        r.mark.removeAttribute("aria-controls");
        r.mark.removeAttribute("aria-expanded");
      }
    });
    layout();
  }

  function applyMode() {
    if (wide.matches) toWide();
    else toNarrow();
  }

  // --- events ---

  article.addEventListener("click", function (event) {
    const mark = event.target instanceof Element ? event.target.closest("a.bb-mark") : null;
    if (!mark || wide.matches) return;
    const record = recordOfMark(mark);
    if (!record) return;
    event.preventDefault();
    setOpen(record, !record.note.classList.contains("bb-open"));
  });
  article.addEventListener("keydown", function (event) {
    // a link answers Enter; as a button on phones the number answers Space too
    const mark = event.target instanceof Element ? event.target.closest("a.bb-mark") : null;
    if (!mark || wide.matches || event.key !== " ") return;
    event.preventDefault();
    mark.click();
  });
  article.addEventListener("mouseover", function (event) {
    if (!wide.matches) return;
    const record = recordOf(event.target);
    if (!record) return;
    // over a note: highlight its passage, but never move the note under the pointer
    const overNote = event.target.closest("aside.bb-note") !== null;
    activate(record, !overNote);
  });
  article.addEventListener("mouseout", function (event) {
    if (!wide.matches || recordOf(event.relatedTarget)) return;
    releaseSoon();
  });
  article.addEventListener("focusin", function (event) {
    if (!wide.matches) return;
    const record = recordOf(event.target);
    if (record) activate(record, true);
  });
  article.addEventListener("focusout", function (event) {
    if (wide.matches && !recordOf(event.relatedTarget)) releaseSoon();
  });
  // an apparatus opened or closed: the note changed height; keep it level and move the others
  article.addEventListener(
    "toggle",
    function (event) {
      const record = recordOf(event.target);
      if (!record || !wide.matches) return;
      activate(record, true);
      remeasureNotes();
    },
    true,
  );

  let lastWidth = article.clientWidth;
  new ResizeObserver(function () {
    if (article.clientWidth !== lastWidth) {
      lastWidth = article.clientWidth;
      layout();
    }
  }).observe(article);
  wide.addEventListener("change", applyMode);
  if (document.fonts) {
    document.fonts.ready.then(layout);
    document.fonts.addEventListener("loadingdone", layout);
  }
  window.addEventListener("load", layout);

  applyMode();
  // the text may have moved since the browser scrolled to the address's passage
  if (location.hash.length > 1) {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && article.contains(target)) target.scrollIntoView();
  }
})();

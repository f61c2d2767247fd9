"""Reading annotations: W3C Web Annotations (an annotation, a page, a collection or a list) or a
Hypothesis export, each annotation in the terms briefbook needs (:class:`Incoming`).

A file is anyone's: every value is taken only if it has the type it should (a number where text
is due is as good as absent, and said so where it matters), and the file is bounded before it is
read (:data:`~briefbook.limits.MAX_IMPORT_BYTES`, :data:`~briefbook.limits.MAX_ANNOTATIONS`,
:data:`~briefbook.limits.MAX_NOTE_CHARS`), so no file raises anything but a clear refusal."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BriefbookError, Code, Problem
from ..files import read_bounded
from ..jsonin import BadJson, parse_json
from ..limits import MAX_ANNOTATIONS, MAX_IMPORT_BYTES, MAX_NOTE_CHARS
from ..printable import printable
from .terms import BB_FIELDS, BB_NAMESPACE


@dataclass(frozen=True)
class Incoming:
    """One annotation read from a file, in the terms briefbook needs."""

    label: str  # how the report names it: "annotation 3 (id)"
    source: str | None
    quote: str | None
    prefix: str | None = None
    suffix: str | None = None
    start: int | None = None
    end: int | None = None
    text: str = ""
    tags: tuple[str, ...] = ()
    own: dict[str, Any] = field(default_factory=dict)  # briefbook's bb: fields
    reply: bool = False
    problem: str | None = None  # why it cannot be imported as it stands (too long a note, say)


def _text(value: Any) -> str | None:
    """A value that should be text: itself if it is, else None (a number, an object, a list)."""
    return value if isinstance(value, str) else None


def _position(value: Any) -> int | None:
    """An offset: a whole number, not a boolean, not negative; else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _label(kind: str, number: int, ident: Any) -> str:
    """How the report names an annotation: its number and, shortened and printable, its id."""
    if not isinstance(ident, str | int) or isinstance(ident, bool):
        return f"{kind} {number}"
    shown = printable(str(ident))
    return f"{kind} {number} ({shown if len(shown) <= 100 else shown[:99] + '…'})"


def _too_long(text: str, quote: Any = None) -> str | None:
    for what, value in (("note", text), ("quote", quote)):
        if isinstance(value, str) and len(value) > MAX_NOTE_CHARS:
            return f"its {what} has {len(value):,} characters; at most {MAX_NOTE_CHARS:,} are taken"
    return None


def _type_is(thing: Any, name: str) -> bool:
    types = thing.get("type", thing.get("@type")) if isinstance(thing, Mapping) else None
    names = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and re.split(r"[#:/]", t)[-1] == name for t in names)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _selectors(target: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    found = []
    for selector in _as_list(target.get("selector")):
        if isinstance(selector, Mapping):
            found.append(selector)
            found += [s for s in _as_list(selector.get("refinedBy")) if isinstance(s, Mapping)]
    return found


def _from_target(targets: list[Any]) -> dict[str, Any]:
    """Source, quote, context and position from the first target that quotes a passage."""
    chosen: dict[str, Any] = {}
    for target in targets:
        if isinstance(target, str):
            chosen.setdefault("source", target)
            continue
        if not isinstance(target, Mapping):
            continue
        source = _text(target.get("source", target.get("id")))
        selectors = _selectors(target)
        quote = next((s for s in selectors if _type_is(s, "TextQuoteSelector")), None)
        if quote is None or _text(quote.get("exact")) is None:
            chosen.setdefault("source", source)
            continue
        position = next((s for s in selectors if _type_is(s, "TextPositionSelector")), None)
        chosen = {
            "source": source,
            "quote": quote["exact"],
            "prefix": _text(quote.get("prefix")) or None,
            "suffix": _text(quote.get("suffix")) or None,
        }
        if position is not None:
            start, end = _position(position.get("start")), _position(position.get("end"))
            if start is not None and end is not None:
                chosen |= {"start": start, "end": end}
        break
    return chosen


def _bodies(annotation: Mapping[str, Any]) -> tuple[str, tuple[str, ...]]:
    """The note's text and its tags, from W3C bodies."""
    texts, tags = [], []
    if isinstance(annotation.get("bodyValue"), str):
        texts.append(annotation["bodyValue"])
    for body in _as_list(annotation.get("body")):
        if not isinstance(body, Mapping) or not isinstance(body.get("value"), str):
            continue  # a body that is only a link has no words to import
        purposes = _as_list(body.get("purpose"))
        if "tagging" in purposes or "oa:tagging" in purposes:
            tags.append(body["value"])
        else:
            texts.append(body["value"])
    return "\n\n".join(t.strip() for t in texts if t.strip()), tuple(tags)


def _own_fields(annotation: Mapping[str, Any]) -> dict[str, Any]:
    """briefbook's own fields (``bb:basis`` ...), those of the type a sidecar holds."""
    own = {}
    for term in BB_FIELDS:
        for name in (term.w3c, f"{BB_NAMESPACE}{term.key}"):
            value = annotation.get(name)
            if isinstance(value, term.python_type) and not isinstance(value, bool):
                own[term.key] = value
    return own


def from_w3c(annotation: Mapping[str, Any], number: int) -> Incoming:
    chosen = _from_target(_as_list(annotation.get("target")))
    text, tags = _bodies(annotation)
    return Incoming(
        label=_label("annotation", number, annotation.get("id", annotation.get("@id"))),
        text=text,
        tags=tags,
        own=_own_fields(annotation),
        problem=_too_long(text, chosen.get("quote")),
        **{"source": None, "quote": None} | chosen,
    )


def from_hypothesis(row: Mapping[str, Any], number: int) -> Incoming:
    targets = _as_list(row.get("target"))
    chosen = _from_target(targets)
    if not chosen.get("source"):
        chosen["source"] = _text(row.get("uri"))
    tags = tuple(t for t in _as_list(row.get("tags")) if isinstance(t, str))
    text = (_text(row.get("text")) or "").strip()
    return Incoming(
        label=_label("row", number, row.get("id")),
        text=text,
        tags=tags,
        reply=bool(row.get("references")),
        problem=_too_long(text, chosen.get("quote")),
        **{"source": _text(row.get("uri")), "quote": None} | chosen,
    )


def read_annotations(data: Any, name: str = "the file") -> tuple[str, list[Incoming]]:
    """The annotations in parsed JSON, and what the file is ("Hypothesis export", "W3C ...")."""
    if isinstance(data, Mapping) and isinstance(data.get("rows"), list):
        rows = [r for r in data["rows"] if isinstance(r, Mapping)]
        _bounded(len(rows), name)
        return "Hypothesis export", [from_hypothesis(r, i) for i, r in enumerate(rows, 1)]
    if isinstance(data, Mapping) and _type_is(data, "AnnotationCollection"):
        items, page, seen = [], data.get("first"), set()
        while isinstance(page, Mapping) and id(page) not in seen:  # embedded pages, while embedded
            seen.add(id(page))
            items += _as_list(page.get("items"))
            page = page.get("next")
        kind = "W3C AnnotationCollection"
    elif isinstance(data, Mapping) and _type_is(data, "AnnotationPage"):
        items, kind = _as_list(data.get("items")), "W3C AnnotationPage"
    elif isinstance(data, list):
        items, kind = data, "list of W3C annotations"
    elif isinstance(data, Mapping) and _type_is(data, "Annotation"):
        items, kind = [data], "W3C annotation"
    else:
        raise BriefbookError(
            Problem(
                Code.ANNOTATIONS_INVALID,
                "neither W3C Web Annotations (an Annotation, AnnotationPage, AnnotationCollection "
                "or a list of annotations) nor a Hypothesis export (an object with 'rows')",
                name,
            )
        )
    annotations = [a for a in items if isinstance(a, Mapping)]
    _bounded(len(annotations), name)
    return kind, [from_w3c(a, i) for i, a in enumerate(annotations, 1)]


def _bounded(count: int, name: str) -> None:
    if count > MAX_ANNOTATIONS:
        message = f"{count:,} annotations; one import takes at most {MAX_ANNOTATIONS:,}"
        raise BriefbookError(Problem(Code.ANNOTATIONS_INVALID, message, name, hint="split the file"))


def load_annotations_file(path: Path) -> tuple[str, list[Incoming]]:
    """The annotations in a file (at most :data:`~briefbook.limits.MAX_IMPORT_BYTES`, UTF-8 with or
    without a byte-order mark); BriefbookError naming the file for anything it cannot read."""
    name = printable(path)
    data = read_bounded(Path(path), MAX_IMPORT_BYTES, "an annotations file", hint="split the file")
    try:
        value = parse_json(data)
    except BadJson as exc:
        raise BriefbookError(Problem(Code.ANNOTATIONS_INVALID, str(exc), name)) from None
    return read_annotations(value, name)

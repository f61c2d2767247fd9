"""Reading annotations: W3C Web Annotations (an annotation, a page, a collection or a list) or a
Hypothesis export, each annotation in the terms briefbook needs (:class:`Incoming`)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BriefbookError, Code, Problem
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
        source = target.get("source", target.get("id"))
        selectors = _selectors(target)
        quote = next((s for s in selectors if _type_is(s, "TextQuoteSelector")), None)
        if quote is None:
            chosen.setdefault("source", source)
            continue
        position = next((s for s in selectors if _type_is(s, "TextPositionSelector")), None)
        chosen = {
            "source": source,
            "quote": quote.get("exact"),
            "prefix": quote.get("prefix") or None,
            "suffix": quote.get("suffix") or None,
        }
        if position and isinstance(position.get("start"), int) and isinstance(position.get("end"), int):
            chosen |= {"start": position["start"], "end": position["end"]}
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
    ident = annotation.get("id", annotation.get("@id"))
    chosen = _from_target(_as_list(annotation.get("target")))
    text, tags = _bodies(annotation)
    return Incoming(
        label=f"annotation {number}" + (f" ({ident})" if ident else ""),
        text=text,
        tags=tags,
        own=_own_fields(annotation),
        **{"source": None, "quote": None} | chosen,
    )


def from_hypothesis(row: Mapping[str, Any], number: int) -> Incoming:
    targets = _as_list(row.get("target"))
    chosen = _from_target(targets)
    if not chosen.get("source"):
        chosen["source"] = row.get("uri")
    tags = tuple(t for t in _as_list(row.get("tags")) if isinstance(t, str))
    ident = row.get("id")
    return Incoming(
        label=f"row {number}" + (f" ({ident})" if ident else ""),
        text=(row.get("text") or "").strip(),
        tags=tags,
        reply=bool(row.get("references")),
        **{"source": row.get("uri"), "quote": None} | chosen,
    )


def read_annotations(data: Any, name: str = "the file") -> tuple[str, list[Incoming]]:
    """The annotations in parsed JSON, and what the file is ("Hypothesis export", "W3C ...")."""
    if isinstance(data, Mapping) and isinstance(data.get("rows"), list):
        rows = [r for r in data["rows"] if isinstance(r, Mapping)]
        return "Hypothesis export", [from_hypothesis(r, i) for i, r in enumerate(rows, 1)]
    if isinstance(data, Mapping) and _type_is(data, "AnnotationCollection"):
        items, page = [], data.get("first")
        while isinstance(page, Mapping):  # embedded pages, followed while they are embedded
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
    return kind, [from_w3c(a, i) for i, a in enumerate(annotations, 1)]


def load_annotations_file(path: Path) -> tuple[str, list[Incoming]]:
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except OSError as exc:
        raise BriefbookError(
            Problem(Code.FILE_UNREADABLE, f"cannot read: {exc.strerror or exc}", str(path))
        ) from exc
    except UnicodeDecodeError as exc:
        message = f"not valid UTF-8 at byte offset {exc.start}"
        raise BriefbookError(Problem(Code.ANNOTATIONS_INVALID, message, str(path))) from exc
    except json.JSONDecodeError as exc:
        problem = Problem(Code.ANNOTATIONS_INVALID, f"not JSON: {exc.msg}", str(path), exc.lineno, exc.colno)
        raise BriefbookError(problem) from exc
    return read_annotations(data, str(path))

"""Attribution in the text: who a sentence says its words or facts come from ("Eucom said in a
statement"), so that briefbook check can suggest the origin a passage rests on.

The cues are reporting verbs and phrases ("according to", "told Reuters", "announced", "a
spokesperson said", "speaking anonymously"); an editor then confirms rather than hunts.

A sentence is found around a passage (sentences end at ., ! or ? before a capital or a quotation
mark, not after an abbreviation such as "U.S." or "Gen."), and its attribution is the cue in it
(a reporting verb, "according to", "in a statement", "speaking anonymously") with the words just
before or after it that say who.  Matching the who to a declared origin is a matter of names: an
origin's ``who``, its ``names``, and the glossary's spellings of either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# A reporting verb, or a phrase that attributes what follows or precedes it.
_CUE = re.compile(
    r"\baccording to\b|\bin a statement\b|\bspeaking anonymously\b|\bon condition of anonymity\b"
    r"|\b(?:said|says|say|told|announced|announces|confirmed|confirms|added|warned|cautioned|reported"
    r"|reports|stated|wrote|writing|described|indicated|claimed|claims|reiterated|insisted)\b",
    re.IGNORECASE,
)
# Words before a full stop that do not end a sentence.
_ABBREVIATIONS = frozenset(
    "gen lt col maj capt sgt adm mr mrs ms dr st no jan feb mar apr jun jul aug sep sept oct nov dec "
    "vs etc inc corp co u s k e i g".split()
)
_END = re.compile(r"[.!?][”\"’']?(?=\s+[“\"‘'(\[A-Z0-9])")
WINDOW = 90  # characters on either side of a cue that may name who is speaking


@dataclass(frozen=True)
class Attribution:
    """An attribution in a sentence: its words as they stand, and where the cue is."""

    text: str  # the attribution, as it stands in the text: "Eucom said in a statement"
    sentence: str
    cue_start: int  # offsets of the cue in the sentence
    cue_end: int


def sentences(paragraph: str) -> list[tuple[int, int]]:
    """The sentences of a paragraph, as (start, end) offsets."""
    found, start = [], 0
    for match in _END.finditer(paragraph):
        before = re.search(r"([A-Za-z]+)\.?[”\"’']?$", paragraph[start : match.end()])
        word = before.group(1).lower() if before else ""
        if match.group().startswith(".") and (word in _ABBREVIATIONS or len(word) == 1):
            continue
        found.append((start, match.end()))
        start = match.end()
        while start < len(paragraph) and paragraph[start].isspace():
            start += 1
    if start < len(paragraph):
        found.append((start, len(paragraph)))
    return found


def sentence_around(paragraph: str, start: int, end: int) -> str:
    """The sentence (or sentences) a passage stands in."""
    spans = [(a, b) for a, b in sentences(paragraph) if a < end and b > start] or [(0, len(paragraph))]
    return paragraph[spans[0][0] : spans[-1][1]].strip()


_PHRASE_CUES = ("according to", "in a statement", "speaking anonymously", "on condition of anonymity")
# What may follow a reporting verb and still say who, where or how: "told state news channel RT",
# "said in a statement", "wrote on social media".
_COMPLEMENT = re.compile(r"\s*(?:in|to|on|at|by|during|after|before|with|from|for)\b", re.IGNORECASE)
_STOPS_AFTER = re.compile(r"[“\";,.—:]|\bthat\b")


def attribution_in(sentence: str) -> Attribution | None:
    """The attribution a sentence makes, if any: its cue with the clause around it that names
    who, cut at a quotation's edge, a semicolon, "that" or the sentence's ends.  A phrase such as
    "in a statement" that a reporting verb soon follows runs on to the verb ("In a statement on
    Thursday, the U.S. military said")."""
    cues = list(_CUE.finditer(sentence))
    if not cues:
        return None
    first = last = cues[0]
    if first.group().lower() in _PHRASE_CUES:
        verbs = [
            c for c in cues[1:] if c.group().lower() not in _PHRASE_CUES and c.start() - first.end() <= WINDOW
        ]
        last = verbs[0] if verbs else first
    before = subject_before(sentence[: first.start()])
    after = sentence[last.end() : last.end() + WINDOW]
    stop = _STOPS_AFTER.search(after)
    after = after[: stop.start()] if stop else after
    if not _COMPLEMENT.match(after) and last.group().lower() not in (*_PHRASE_CUES, "told"):
        after = ""  # "said maintaining dialogue ...": what follows a verb is what was said
    words = f"{before.strip()} {sentence[first.start() : last.end()]} {after.strip()}"
    words = re.sub(r"^[,\s]+|[,\s]+$", "", " ".join(words.split()))
    return Attribution(words, sentence, first.start(), last.end())


_RELATIVE = re.compile(r"(?:which|who|whose|where|when|however|though|also)\b", re.IGNORECASE)
# a part that opens with a verb has its subject in the part before ("Trump, however, has criticised")
_VERB_FIRST = re.compile(r"(?:has|have|had|is|was|were|are|will|would|did|does)\b", re.IGNORECASE)
_APPOSITION = re.compile(
    r"^\s*(?:\S+\s+){0,3}?\S+[’']s\b|^\s*(?:the|a|an|its|his|her|their)\b", re.IGNORECASE
)


def subject_before(text: str) -> str:
    """Who a cue's clause names before it: the words since the last quotation mark, semicolon or
    dash, and of those the last comma-separated part, with a relative clause ("US European
    Command, which oversees ..., announced") or an apposition ("Steve Witkoff, Donald Trump's
    special envoy, said") taken back to the name it follows."""
    cut = max(text.rfind(mark) for mark in ("”", '"', ";", "—", ":"))
    text = text[cut + 1 :] if cut >= 0 else text
    parts = text.split(",")
    index = len(parts) - 1
    while index > 0 and (not parts[index].strip() or _RELATIVE.match(parts[index].strip())):
        index -= 1
    if index > 0 and _VERB_FIRST.match(parts[index].strip()):
        index -= 1
        while index > 0 and _RELATIVE.match(parts[index].strip()):
            index -= 1
    if index > 0 and _APPOSITION.match(parts[index]) and len(parts[index - 1].split()) <= 4:
        index -= 1
    words = ",".join(parts[index:]).split()[-24:]  # a long clause is cut at a word, not inside one
    while words and words[0].lower() in ("and", "but", "while", "as", "so", "then"):
        words = words[1:]
    return " ".join(words)


def name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for every name (longest first, whole words, any case), or None for none."""
    spelled = sorted({" ".join(n.split()) for n in names if n.strip()}, key=len, reverse=True)
    if not spelled:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in spelled) + r")(?!\w)", re.IGNORECASE)


def named_in(attribution: Attribution, patterns: dict[str, re.Pattern[str]]) -> str | None:
    """The key of the pattern whose name stands first in the attribution (who speaks opens its
    clause: "Steve Witkoff, Donald Trump's special envoy, said"); a tie goes to the longer name,
    then to the first key."""
    best: tuple[int, int, int] | None = None
    found = None
    for order, (key, pattern) in enumerate(patterns.items()):
        match = pattern.search(attribution.text)
        if match is not None:
            rank = (match.start(), -(match.end() - match.start()), order)
            if best is None or rank < best:
                best, found = rank, key
    return found

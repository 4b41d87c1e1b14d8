"""Split a document into paragraphs and sentences, keeping character offsets.

Offsets always point into the original text, so that a claim's evidence span
can be checked against the document a reader holds.  Lines that read as the
headline of another story (short, title-cased, no final punctuation) are marked
so that they never become claims: news sites paste them between paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "is_headline", "split_sentences"]


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index of the line/paragraph it belongs to
    headline: bool = False


# Tokens ending in "." that do not end a sentence.
_ABBREV = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "maj",
        "cpt",
        "st",
        "no",
        "nos",
        "vs",
        "etc",
        "approx",
        "est",
        "dept",
        "govt",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
        "fig",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "a.m",
        "p.m",
        "km",
        "sq",
    ]
)
# A sentence ends at . ! or ? (optionally followed by a closing quote or bracket) and spaces.
_BOUNDARY = re.compile(r"""[.!?]['"”’)\]]*(?=\s+|$)""")
_WORD_BEFORE = re.compile(r"(\S+)$")
_NEXT_CHAR = re.compile(r"\s*(\S)")  # the first character after a stop and its spaces
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "over",
        "the",
        "to",
        "up",
        "with",
        "vs",
        "after",
        "before",
        "amid",
    ]
)


def is_headline(line: str, *, among_prose: bool = False) -> bool:
    """A short line without final punctuation whose words are mostly capitalised.

    Among lines of prose, any such short unpunctuated line is a title or a
    headline, whatever its case ("Drone hits apartment block near the Kremlin").
    """
    s = line.strip()
    if not s or len(s) > 160 or s[-1] in ".!\"”'’;,:":
        return False
    words = re.findall(r"[A-Za-z][\w’'-]*", s)
    if not words or len(words) > 20:
        return False
    if among_prose and s[-1] != ")":
        return True
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if not content:
        return False
    caps = sum(1 for w in content if w[0].isupper())
    # "?" ends many headlines ("Could Trump Cut Off ...?"), so it does not disqualify.
    return caps / len(content) >= 0.75


def _split_line(text: str, start: int, end: int, paragraph: int) -> list[Sentence]:
    out: list[Sentence] = []
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        cut = m.end()
        if m.group(0)[0] == ".":
            # the word before the stop (what _WORD_BEFORE finds, without its scan of the
            # whole sentence so far at every boundary)
            j = m.start()
            word = text[pos:j].rsplit(None, 1)[-1] if j > pos and not text[j - 1].isspace() else ""
            w = word.lower().lstrip("('\"“")
            # "U.S." and "Mr." do not end sentences; neither does a lone initial ("J.").
            if w in _ABBREV or (len(w) == 1 and w.isalpha()):
                continue
            nxt = _NEXT_CHAR.match(text, cut, end)  # not a copy of the rest of the line
            if nxt and nxt.group(1).islower():  # "... approx. five km" style continuations
                continue
        _append(out, text, pos, cut, paragraph)
        pos = cut
    _append(out, text, pos, end, paragraph)
    return out


def _append(out: list[Sentence], text: str, a: int, b: int, paragraph: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append(Sentence(a, b, text[a:b], paragraph))


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` in order; headline lines come back as one Sentence with headline=True."""
    out: list[Sentence] = []
    paragraph = 0
    lines = list(re.finditer(r"[^\n]+", text))
    prose = sum(1 for m in lines if m.group(0).rstrip()[-1:] in (".", "!", "”", '"')) > 0
    for m in lines:
        line = m.group(0)
        if not line.strip():
            continue
        if is_headline(line, among_prose=prose and len(lines) > 1):
            a = m.start() + (len(line) - len(line.lstrip()))
            b = m.start() + len(line.rstrip())
            out.append(Sentence(a, b, text[a:b], paragraph, headline=True))
        else:
            out.extend(_split_line(text, m.start(), m.end(), paragraph))
        paragraph += 1
    return out

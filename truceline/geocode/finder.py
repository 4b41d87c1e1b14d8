"""Find the toponyms in a text: runs of capitalised words that the gazetteer knows.

No NER model: a run of capitalised words ("Rapides Parish", "Nova Kakhovka") is
matched, longest first, against the gazetteer's names.  Words a sentence merely starts
with, people's names ("Chiquita Raquel Henry"), titles and organisation names are
kept out by the shape of the run, not by a list of towns.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["STOP_WORDS", "Mention", "find_mentions"]

# A token: an abbreviation ("U.S."), a word, a number or one other character (the last
# four branches).  Two shortcuts come first, for speed alone; each gives what those
# branches would, and where one fails the others run:
#   - lower-case ASCII words, one space apart, as ONE token ("forces shelled near"):
#     no run starts there, and each regex match costs as much as a short word's
#     scan, so fewer matches is most of the saving.  Each word ends where the word
#     branch would (at none of [\w’'-]); the abbreviation branch needs a capital.
#     Such a token stands for its words: see _prev_word and _LowerWords.
#   - a capitalised ASCII word followed by none of [\w’'.-]: where the word branch
#     would end too (after backtracking), and the abbreviation branch cannot match (it
#     needs a full stop after one letter).
_TOKEN = re.compile(
    r"[a-z]+(?: [a-z]+)*(?![\w’'-])|[A-Z][A-Za-z]*(?![\w’'.-])"
    r"|(?:[A-Z]\.){2,}|[^\W\d_](?:[\w’']*[^\W_])?(?:-[^\W\d_][\w’']*)*|\d+|\S"
)
# Abbreviations whose full stop does not end a run: "St. Louis", "Ft. Worth".
_ABBREVIATIONS = {"St", "Ste", "Mt", "Ft", "Pt", "Sta"}
_CONNECTORS = {"of", "de", "del", "la", "le", "du", "des", "da", "do", "upon", "on", "am",
               "an", "der", "y", "el", "na", "pod", "nad", "sur", "en", "al"}  # fmt: skip
# Words that start a capitalised run but are not places themselves.
_STOP = {
    "the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "we", "they", "i",
    "his", "her", "its", "our", "their", "in", "on", "at", "by", "for", "from", "to", "of",
    "and", "or", "but", "if", "when", "while", "after", "before", "as", "with", "without",
    "during", "since", "until", "about", "all", "some", "many", "most", "one", "two", "three",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mr", "mrs", "ms", "dr", "sir", "st", "mt", "gov", "sen", "rep",
    "president", "governor", "mayor", "minister", "police", "army", "forces", "russian",
    "ukrainian", "american", "british", "french", "german", "chinese", "israeli", "said",
    "according", "there", "here", "also", "however", "meanwhile", "no", "not", "yes", "yet",
    "new", "more", "other", "last", "next", "first", "second", "third", "both", "each", "every",
    "today", "tomorrow", "yesterday", "tonight", "morning", "evening", "night", "week", "year",
    "god", "jesus", "christ", "church", "united", "north", "south", "east", "west", "central",
    "northern", "southern", "eastern", "western", "people", "health", "court", "county",
    "state", "city", "district", "region", "oblast", "news", "post", "times", "daily",
    "university", "college", "school", "hospital", "department", "office", "center", "centre",
    "council", "party", "club", "team", "company", "group", "home", "house", "street", "road",
    "avenue", "fire", "high", "middle", "park", "lake", "river", "mount", "island", "bay",
    "hall", "star", "sun", "moon", "world", "earth", "internet", "online", "web", "twitter",
    "facebook", "who", "un", "eu", "nato", "residents", "officials", "authorities", "troops",
    "soldiers", "villagers", "locals", "witnesses", "citizens",
}  # fmt: skip
_TITLES = {"mr", "mrs", "ms", "dr", "sir", "gov", "sen", "rep", "president", "governor",
           "mayor", "minister", "judge", "officer", "sgt", "sergeant", "lt", "capt", "captain",
           "coach", "chief", "rev", "father", "pastor", "prof", "professor", "detective",
           "deputy", "trooper", "attorney", "secretary", "general", "gen", "col", "lady",
           "lord", "king", "queen", "prince", "princess", "pope", "saint"}  # fmt: skip
# Words after a place name that make the run a natural or built feature named after it.
_FEATURE_WORDS = {
    "valley", "delta", "canal", "river", "lake", "bay", "island", "islands", "strip", "gorge",
    "basin", "desert", "plateau", "peninsula", "coast", "mountains", "hills", "creek", "falls",
    "dam", "reservoir", "forest", "gulf", "strait", "straits", "pass",
}  # fmt: skip
# Words after a place name that make the run an organisation named after the place.
_ORG_WORDS = {
    "police", "fire", "sheriff", "sheriffs", "county", "parish", "city", "state", "university",
    "college", "school", "schools", "high", "middle", "elementary", "hospital", "medical",
    "department", "council", "board", "district", "court", "airport", "station", "times",
    "post", "news", "herald", "tribune", "journal", "gazette", "chamber", "library", "museum",
    "church", "bank", "airlines", "club", "fc", "united", "team", "area", "region", "regional",
    "metro", "public", "community", "memorial", "health", "water", "energy", "oil", "gas",
    "zoo", "center", "centre", "office", "ministry", "government", "army", "navy", "corps",
    "township", "village", "town", "municipal", "general", "national", "international",
    "republic", "oblast", "raion", "krai", "province", "governorate",
}  # fmt: skip


STOP_WORDS = frozenset(_STOP)
# The last characters of the suffixes _clean drops.
_CLEAN_LAST = frozenset("s’'")


@dataclass(slots=True)
class Mention:
    """A stretch of text that names a place in the gazetteer."""

    start: int
    end: int
    name: str


def _clean(name: str) -> tuple[str, int]:
    """Drop a possessive or a trailing full stop; returns the name and chars dropped."""
    if name[-1:] not in _CLEAN_LAST:  # most names: nothing to drop
        return name, 0
    for suffix in ("’s", "'s", "’", "'"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)], len(suffix)
    return name, 0


def find_mentions(text: str, known: Callable[[str], bool], *, max_words: int = 5) -> list[Mention]:
    """Toponym mentions in `text`, each a name for which `known(name)` is true."""
    toks = [(m[0], m.start(), m.end()) for m in _TOKEN.finditer(text)]
    lower_words = _LowerWords(text, toks)
    out: list[Mention] = []
    n = len(toks)
    # Only capitalised words start a run; the loop visits those alone.
    starts = [x for x, t in enumerate(toks) if t[0][0].isupper()]  # tokens are never empty
    i = 0
    for x in starts:
        if x < i:
            continue  # inside the run before
        # the run of capitalised words (with connectors inside) starting here; tokens
        # are in order, so a gap of "" or " " is told by the offsets alone
        i = j = x
        tok_j, _, end_j = toks[x]
        while j + 1 < n:
            nxt, nxt_start, nxt_end = toks[j + 1]
            if nxt_start == end_j:  # no gap
                if nxt == "." and tok_j in _ABBREVIATIONS and j + 2 < n:
                    # "St. Louis": step over the full stop
                    after, after_start, after_end = toks[j + 2]
                    if text[nxt_end:after_start] == " " and after[0].isupper():
                        j += 2
                        tok_j, end_j = after, after_end
                        continue
                break
            if nxt_start != end_j + 1 or text[end_j] != " ":
                break
            if nxt[0].isupper():
                j += 1
                tok_j, end_j = nxt, nxt_end
            # (a connector before a capital is a token of its own: lower-case words run
            # together only up to the first capital)
            elif j + 2 < n and nxt.lower() in _CONNECTORS and toks[j + 2][0][0].isupper():
                j += 2
                tok_j, _, end_j = toks[j]
            else:
                break
        if j == i:  # one word alone, the common case: _match_run's steps for it, inline
            tok, a, b = toks[i]
            low = tok.lower()
            if low not in _CONNECTORS:
                if tok[-1] in _CLEAN_LAST:
                    name, cut = _clean(tok)
                    low = name.lower()
                else:
                    name, cut = tok, 0
                # _single_word_rejected, inline
                rejected = (
                    low in _STOP
                    or (len(name) < 3 and not name.isupper())
                    or (not name.isupper() and low in lower_words)
                )
                if not rejected and known(name) and _prev_word(toks, i) not in _TITLES:
                    out.append(Mention(a, b - cut, name))
        else:
            out += _match_run(
                text, toks[i : j + 1], known, lower_words, _prev_word(toks, i), max_words
            )
        i = j + 1
    return out


class _LowerWords:
    """The words a text writes in lower case, collected only if a name is looked up in
    them; a name the text never contains, in any case, is not there (most names)."""

    __slots__ = ("_text", "_toks", "_words")

    def __init__(self, text: str, toks: list[tuple[str, int, int]]) -> None:
        self._text, self._toks, self._words = text, toks, None

    def __contains__(self, word: str) -> bool:
        if word not in self._text:
            return False
        if self._words is None:
            self._words = {w for t, _s, _e in self._toks if t[:1].islower() for w in t.split(" ")}
        return word in self._words


def _prev_word(toks: list[tuple[str, int, int]], i: int) -> str:
    # the last word of a run of lower-case words ("attacked by mayor")
    return toks[i - 1][0].rpartition(" ")[2].lower().rstrip(".") if i > 0 else ""


def _match_run(text, run, known, lower_words, prev, max_words) -> list[Mention]:
    out: list[Mention] = []
    words = [w for w, _s, _e in run]
    covered = [False] * len(run)
    k = 0
    while k < len(run):
        found = None
        for m in range(min(len(run), k + max_words), k, -1):
            if run[m - 1][0].lower() in _CONNECTORS:
                continue
            name = text[run[k][1] : run[m - 1][2]]
            name, cut = _clean(name)
            if m - k == 1 and _single_word_rejected(name, lower_words):
                continue
            if known(name):
                found = (m, Mention(run[k][1], run[m - 1][2] - cut, name))
                break
        if found:
            m, mention = found
            # "Salinas Valley", "Danube Delta": a feature named after the place is one
            # toponym, not the place and then a hamlet called "Valley" or "Delta"
            if (
                m < len(run)
                and run[m][0].lower() in _FEATURE_WORDS
                and mention.end == run[m - 1][2]
            ):
                name, cut = _clean(text[run[k][1] : run[m][2]])
                mention = Mention(run[k][1], run[m][2] - cut, name)
                m += 1
            for x in range(k, m):
                covered[x] = True
            out.append(mention)
            k = m
        else:
            k += 1
    if not out:
        return out
    if prev in _TITLES:  # "Gov. Jackson", "Mayor Paris"
        out = [mt for mt in out if mt.start != run[0][1]]
    # A run with words the gazetteer does not know is a name of something else
    # ("Chiquita Raquel Henry", "Jackson Memorial"), unless the unknown words follow the
    # place as an organisation built on it ("Rapides Parish Fire District").
    if not all(covered):
        keep = []
        for mt in out:
            first = next(x for x, t in enumerate(run) if t[1] == mt.start)
            last = next(x for x, t in enumerate(run) if t[2] >= mt.end)
            before_ok = all(covered[:first]) or all(
                w.lower() in _STOP or w.lower() in _CONNECTORS for w in words[:first]
            )
            after = words[last + 1 : last + 2]
            after_ok = (
                not after
                or covered[last + 1]
                or after[0].islower()  # "Paris on Saturday": the connector ends the place
                or after[0].lower() in _ORG_WORDS
            )
            if before_ok and after_ok:
                keep.append(mt)
        out = keep
    return out


def _single_word_rejected(name: str, lower_words: _LowerWords | set[str]) -> bool:
    low = name.lower()
    if low in _STOP or len(name) < 3 and not name.isupper():
        return True
    # a word the text also writes in lower case is a common word, not a name
    return not name.isupper() and low in lower_words

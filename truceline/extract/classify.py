"""Is a passage an incident, and which ACLED event type and sub-event type is it?

Rules, not a model: one Aho-Corasick pass finds every cue phrase of
:mod:`truceline.extract.lexicon` (leftmost-longest, on word boundaries), each cue
adds weight to a sub-event type, to a "not an incident" key, or to a feature,
and a few combinations that ACLED's codebook spells out decide the rest
(:mod:`truceline.extract.combine`):

- a protest becomes a riot when protesters are violent, "excessive force" when
  the state uses lethal force, "with intervention" when it disperses or
  arrests, and stays peaceful otherwise;
- an interception verb near a drone or missile is Disrupted weapons use;
- a capture is "Government regains territory" when state forces take ground in
  their own country, and "Non-state actor overtakes territory" otherwise
  (ACLED codes foreign forces taking ground the same way as non-state actors);
- an unorganised crowd (villagers, youths, a mob) as the subject of violence is
  Mob violence; a drone as the subject of a strike verb is an Air/drone strike;
- the subject of a territory verb is the first actor of its clause or sentence
  that is not an object ("dislodged the insurgents") or a modifier ("army outpost");
- a cue just after "may", "could", "plans to", "denied"... is discounted:
  forecasts, threats and denials are not incidents.

The passage is an incident when its best sub-event type outweighs every
"not an incident" key (diplomacy, attribution, crime, disasters, commentary).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import ahocorasick

from truceline.extract import cues as _cues
from truceline.extract import lexicon as lx
from truceline.extract.combine import Scores, in_scope, pairs, precedence, protest, territory
from truceline.models import SUB_EVENT_TYPES

__all__ = ["Classification", "classify", "tells_only_harm"]


@dataclass(slots=True, frozen=True)
class Classification:
    event_type: str  # from truceline.models.ACLED_TAXONOMY
    sub_event_type: str
    confidence: float  # 0..1
    weapon: (
        str | None
    )  # "drone", "missile", "artillery", "mlrs", "aircraft", "ied", "grenade", "small_arms", "chemical"
    target_class: str | None  # "energy", "residential", "medical", "military", "government", ...
    cues: tuple[str, ...]  # the phrases that decided it


_MODAL_DISCOUNT = 0.25
_THRESHOLD = 2.4  # the weakest score that counts as an incident

# ACLED notes of Strategic developments often open with a coder's label.
_ACLED_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z /-]{2,40}):\s")
_LABELS = {
    "interception": lx.DWU,
    "defusal": lx.DWU,
    "weapons seizure": lx.DWU,
    "weapon seizure": lx.DWU,
    "disrupted weapons use": lx.DWU,
    "looting": lx.LOOT,
    "property destruction": lx.LOOT,
    "land seizure": lx.LOOT,
    "displacement": lx.OTHER,
    "mass grave": lx.OTHER,
    "other": lx.OTHER,
    "arrests": lx.ARREST,
    "arrest": lx.ARREST,
    "agreement": lx.AGREE,
    "prisoner exchange": lx.AGREE,
    "ceasefire": lx.AGREE,
    "change to group/activity": lx.CHANGE,
    "headquarters or base established": lx.HQ,
    "non-violent transfer of territory": lx.NVT,
}
_STOP = frozenset(".;:!?,")
_EVENT_VERB = re.compile(
    r"\b(?:hit|hits|struck|strikes?|attack\w*|target\w*|launch\w*|damag\w*|destroy\w*|kill\w*|injur\w*|wound\w*"
    r"|explod\w*|crash\w*|fired?|penetrat\w*|dropp\w*|bomb\w*|shot|downed|intercept\w*|set)\b"
)
# an actor followed by one of these is a source, not a participant ("police said")
_REPORTING = re.compile(
    r"(?: (?:in|of|from) [\w']+(?: [\w']+)?)?"  # "police in Kashmir said"
    r" (?:said|says|say|told|reported|spokes|statement|sources|officials said|source)"
)
# ...unless it reports its own act: "the army said it had regained control of the town"
_SELF_REPORT = re.compile(
    r" (?:said|says|claimed|announced|reported) (?:that )?(?:it|they|its|their)\b"
)
# detonations while handling explosives: disrupted use by the bomb makers, a landmine for a civilian
_ACCIDENTAL = frozenset(
    [
        "accidentally detonated",
        "accidentally exploded",
        "accidentally activated",
        "prematurely detonated",
        "premature detonation",
        "while assembling",
        "while planting",
        "while making a bomb",
        "bomb making",
    ]
)


# Cues with a gap that a phrase list cannot spell: "drove the rebels out of", "forced the
# militants to withdraw from".  Each match adds a hit as if the automaton had found it.
_GAPPED = (
    (
        re.compile(
            r"\b(?:drove|driven|drive|pushed|forced|chased|kicked|flushed|ousted|expelled|evicted)"
            r" (?:[\w']+ ){1,4}(?:out of|from)\b"
        ),
        (("@retake", 5.0),),
    ),
    (
        re.compile(r"\bforced (?:[\w']+ ){1,4}to (?:withdraw|retreat|flee|pull out)\b"),
        (("@retake", 4.5),),
    ),
    (
        re.compile(r"\b(?:burned|burnt|set) (?:him|her|them) (?:alive|on fire|ablaze)\b"),
        ((lx.ATTACK, 4.5),),
    ),
    (  # "set the school on fire", "set a police precinct building ablaze"
        re.compile(r"\bset (?!him |her |them )(?:[\w']+ ){1,4}?(?:on fire|ablaze|alight)\b"),
        ((lx.LOOT, 4.5), ("@damage", 1.0)),
    ),
    (  # a drone as the means: "attacked a vehicle with an FPV drone", "hit by drones"
        re.compile(
            r"\b(?:attack(?:ed|s|ing)?|struck|strikes?|striking|hit|hits|targeted|targeting|bombed)"
            r" (?:[\w']+ ){0,6}?(?:with|by|using) (?:a |an )?(?:[\w']+ )?(?:drones?|uavs?|quadcopters?)\b"
        ),
        ((lx.AIR, 5.5),),
    ),
)
# Words each _GAPPED pattern cannot match without: a substring test skips its scan.
_GAPPED_NEEDS = (
    ("drove", "drive", "pushed", "forced", "chased", "kicked", "flushed", "ousted", "expelled",
     "evicted"),
    ("forced ",),
    ("burned ", "burnt ", "set "),
    ("set ",),
    ("drone", "uav", "quadcopter"),
)  # fmt: skip


# capture verbs that name their object bare: a capture of territory when a place noun follows
_BARE_SEIZE = frozenset(["seized", "seize", "advanced", "advances", "entered", "entered the"])
# territory verbs that need an armed group as their object: "expelled diplomats" is diplomacy
_NEEDS_ARMED_OBJECT = frozenset(["expelled", "drove out", "pushed out", "flushed out", "dislodged"])


# what protesters protest about more often than what they do: "demanding justice for the man killed"
_ATTEMPT = frozenset(["tried to", "trying to", "attempted to", "attempts to", "attempting to"])


def _title_case_headline(text: str) -> bool:
    """A line like 'Ukraine's Defenses Shattered in Kursk After Brutal Onslaught'."""
    t = text.strip()
    if not t or t[-1] in ".!\"”'" or len(t) > 160:
        return False
    words = [w for w in t.split() if w[:1].isalpha() and len(w) > 3]
    if words and all(w.isupper() for w in words):
        return False  # a wire slug in capitals is the story's own headline: read it
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= 0.8


def _tags(side: ahocorasick.Automaton, s: str) -> dict[str, list[str]]:
    return _tags_of(_cues.find(side, s))


def _tags_of(matches: list[tuple[int, int, str, tuple]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for _, _, _, names in matches:
        for kind, value in names:
            out.setdefault(kind, []).append(value)
    return out


_CLASS_WEAPONS = {
    lx.AIR: ("drone", "aircraft"),
    lx.SHELL: ("missile", "mlrs", "artillery"),
    lx.IED: ("ied",),
    lx.SUICIDE: ("ied",),
    lx.GRENADE: ("grenade",),
    lx.CHEM: ("chemical",),
    lx.DWU: ("drone", "missile", "mlrs", "aircraft", "ied"),
}


def _weapon(sub: str, found: list[str]) -> str | None:
    preferred = _CLASS_WEAPONS.get(sub)
    if preferred:
        for w in preferred:
            if w in found:
                return w
    if sub == lx.SUICIDE:
        return "ied"
    return found[0] if found else None


_TARGET_ORDER = (
    "energy",
    "medical",
    "education",
    "water",
    "government",
    "transport",
    "residential",
    "military",
)


def classify(text: str) -> Classification | None:
    """The ACLED type of one sentence or short passage, or None if it reports no incident."""
    if not text or not text.strip() or _title_case_headline(text):
        return None
    s, scores, ranked, none = _rank(text)
    if not ranked:
        return None
    sub, best, cues = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if best < _THRESHOLD or best <= none:
        return None
    rival = max(second, none)
    confidence = (1.0 - math.exp(-best / 4.0)) * (0.55 + 0.45 * (best - rival) / best)
    return _classification(s, sub, confidence, cues, scores.tagged)


# Cue keys that say what an incident did to people or property, not what was done or by whom.
_HARM_KEYS = frozenset(
    [
        "@attackverb",
        "@lethal",
        "@violentact",
        "@hitverb",
        "@civilian",
        "@damage",
        "@property",
        "@seize",
    ]
)


def tells_only_harm(cls: Classification) -> bool:
    """Whether a reading rests on harm words alone ("killed", "civilians", "houses",
    "damaged"), with no act, weapon or actor of its own: "1 civilian was killed" after a
    strike is the strike's toll, though alone it reads as an attack on civilians."""
    # the phrase's cue weights, as the automaton holds them: no second table to expand
    automaton = _cues.both(_GAPPED_NEEDS)
    return bool(cls.cues) and all(
        key in _HARM_KEYS
        for cue in cls.cues
        for key, _ in (automaton.get(cue, (0, cue, None))[2] or (("", 0.0),))
    )


def _classification(
    s: str, sub: str, confidence: float, cues: list[str], tagged: list | None = None
) -> Classification:
    """`tagged`: the tag matches `_rank` found on its pass (else a pass of its own)."""
    tags = _tags(_cues.automata()[1], s) if tagged is None else _tags_of(_cues.longest(tagged))
    found = tags.get("target")
    target = next((t for t in _TARGET_ORDER if t in found), None) if found else None
    return Classification(
        event_type=SUB_EVENT_TYPES[sub],
        sub_event_type=sub,
        confidence=round(min(0.99, max(0.01, confidence)), 3),
        weapon=_weapon(sub, tags.get("weapon", [])),
        target_class=target,
        cues=tuple(dict.fromkeys(cues))[:4],
    )


_ACTOR_KEYS = frozenset(("@state", "@nonstate", "@crowd", lx.MOB))


def _rank(text: str) -> tuple[str, Scores, list[tuple[str, float, list[str]]], float]:
    """The normalised text, its cue scores, every candidate sub-event type (best first, with
    its score and cues), and the strongest "not an incident" score."""
    s = _cues.normalise(text)
    matches, tagged, wanted = _cues.find_both(s, _GAPPED_NEEDS)
    modal, source = _cues.marked()
    modal_ends = [e for _, e, p, _ in matches if p in modal]
    # a protest that people tried to hold is one the state stopped, not a hypothetical one
    firm_ends = (
        [e for _, e, p, _ in matches if p in modal and p not in _ATTEMPT] if modal_ends else []
    )
    source_ends = [e for _, e, p, _ in matches if p in source]
    scores = Scores()
    scores.tagged = tagged
    hits = scores.hits  # nothing is cached yet: hits are added directly, not by scores.add
    for start, end, phrase, weights in matches:
        governed = modal_ends and in_scope(s, start, modal_ends)
        cited = None  # asked for actors only
        for key, w in weights:
            if key == _cues.MODAL:
                continue
            if key in _ACTOR_KEYS:
                if cited is None:
                    cited = bool(source_ends) and in_scope(s, start, source_ends, 40)
                if (cited or _REPORTING.match(s, end)) and not (
                    key != lx.MOB and _SELF_REPORT.match(s, end)
                ):
                    continue  # "according to vigilantes", "police said": a source, not an actor
            if key == "@protest" and governed and not in_scope(s, start, firm_ends):
                pass
            elif governed and (
                not key.startswith("_none") or key == lx.ATTRIB
            ):  # "no group claimed it"
                w *= _MODAL_DISCOUNT
            hits.setdefault(key, []).append((w, start, phrase))

    armed = scores.starts("@state") + scores.starts("@nonstate")
    for i, (pattern, weights) in enumerate(_GAPPED):
        if i not in wanted:
            continue
        for m in pattern.finditer(s):
            if modal_ends and in_scope(s, m.start(), modal_ends):
                continue
            for key, w in weights:
                if key == "@retake" and not any(m.start() < a < m.end() for a in armed):
                    continue  # "driven aid staff out of the region" is no fighting
                scores.add(key, w, m.start(), m.group(0))
    if "@placenoun" in hits and "@capture" in hits:
        places = scores.starts("@placenoun")
        for _, v, phrase in list(hits["@capture"]):
            if phrase in _BARE_SEIZE and any(0 < p - v <= 45 for p in places):
                scores.add("@capture", 4.0, v, phrase)
    if "@retake" in scores.hits:
        kept = [
            h
            for h in scores.hits["@retake"]
            if h[2] not in _NEEDS_ARMED_OBJECT or any(0 < a - h[1] <= 50 for a in armed)
        ]
        if kept:
            scores.hits["@retake"] = kept
        else:
            del scores.hits["@retake"]
        scores.forget("@retake")

    label = _ACLED_LABEL.match(text)
    if not scores.hits and not label:
        return s, scores, [], 0.0  # no cue at all: no rule below can offer anything
    candidates: dict[str, tuple[float, list[str]]] = {}

    def offer(sub: str, score: float, cues: list[str]) -> None:
        if score > candidates.get(sub, (0.0, []))[0]:
            candidates[sub] = (score, cues)

    for key in list(scores.hits):
        if key in SUB_EVENT_TYPES:
            lead = 1.0 + 0.15 * (
                1.0 - min(scores.starts(key)) / max(1, len(s))
            )  # news leads with the main event
            offer(key, scores.score(key) * lead, scores.phrases(key))
    for combo in (territory(scores, s), protest(scores, s)):
        if combo:
            offer(*combo)
    pairs(scores, s, offer)
    precedence(scores, candidates, s)
    if (
        lx.AIR in candidates
        and max(w for w, _, _ in scores.hits.get(lx.AIR, [(0.0, 0, "")])) <= 3.0
        and not _EVENT_VERB.search(s)
    ):
        # "drones have become a central weapon": a weapon named, nothing done with it
        score, cues = candidates[lx.AIR]
        candidates[lx.AIR] = (score * 0.6, cues)

    if label and label.group(1).strip().lower() in _LABELS:
        offer(_LABELS[label.group(1).strip().lower()], 9.0, [label.group(1)])

    ranked = [
        (sub, score, cues)
        for sub, (score, cues) in sorted(candidates.items(), key=lambda kv: kv[1][0], reverse=True)
    ]
    if (
        ranked
        and ranked[0][0] == lx.DWU
        and _ACCIDENTAL.intersection(ranked[0][2])
        and scores.score("@civilian")
        and not scores.score("@nonstate")
    ):
        ranked[0] = (lx.IED, ranked[0][1], ranked[0][2])  # a civilian who set off a device
    return s, scores, ranked, _none_score(scores, max(1, len(s)))


def _none_score(scores: Scores, length: int) -> float:
    """The strongest "not an incident" reading: diplomacy, crime, disaster, commentary..."""
    keys = [k for k in scores.hits if k.startswith("_none")]
    if not keys:  # most incidents: no protest test to make
        return 0.0
    # a protest about a pandemic, a flood or a factory fire is still a protest
    protest = scores.score("@protest") >= 3.5 or scores.score(lx.RIOT) > 0
    return max(
        (
            scores.score(k) * (1.0 + 0.15 * (1.0 - min(scores.starts(k)) / length))
            for k in keys
            if not (protest and k in (lx.NATURAL, lx.MANMADE, lx.RETRO))
        ),
        default=0.0,
    )

"""The classifier's rules that weigh several cues together, as ACLED's codebook does.

:mod:`truceline.extract.classify` finds the cues of a passage and keeps them in a
:class:`Scores`; the rules here read them and offer sub-event types:

- `territory`: a capture or a retreat, and who took the ground;
- `protest`: a gathering, and whether it was peaceful, dispersed, violent or met
  with lethal force;
- `pairs`: evidence that needs two cues close together (an interception verb near a
  drone, a crowd as the subject of violence, a seizure verb before a weapon...);
- `precedence`: which of two co-occurring types the codebook codes.
"""

from __future__ import annotations

import re

from truceline.extract import lexicon as lx

__all__ = ["Scores", "in_scope", "pairs", "precedence", "protest", "territory"]


_MODAL_REACH = 45  # characters after a modal marker that it governs
_SECONDARY = 0.3  # weight of each cue after a key's strongest one
_SENTENCE_END = re.compile(r"[.;!?] ")
_CLAUSE = re.compile(r"[.;:!?,]| (?:after|as|when|while|but|because|since|and|following) ")
_CLAUSE_NOT_AND = re.compile(r"[.;:!?,]| (?:after|as|when|while|but|because|since|following) ")
# objects that make "captured" a capture of people or equipment, not of a place
_CAPTURED_PEOPLE = re.compile(
    r"^\W*(?:(?:a|an|the|\d+|two|three|four|five|six|several|some|many|dozens of|[\w-]+ year old)\s+)*(?:[\w-]+\s+)?(?:woman|women|man|men|civilians?|residents?|soldiers?|servicem[ae]n|fighters?|prisoners?|journalists?|volunteers?|officials?|activists?|people|persons?|child(?:ren)?|boys?|girls?|sailors?|crew"
    r"|policem[ae]n|police officers?|officers?|engineers?|workers?|employees?|passengers?|villagers?|farmers?|herders?|traders?"
    r"|students?|teachers?|doctors?|nurses?|tourists?|foreigners?|nationals?|guards?|pilots?|hostages?|members?|chiefs?|leaders?"
    r"|priests?|pastors?|missionar(?:y|ies)|drivers?|fishermen|contractors?|aid workers?|staff)\b"
)
_CAPTURED_THINGS = re.compile(
    r"^\W*(?:(?:a|an|the|\d+|two|three|four|five|six|several|some|many)\s+)*(?:[\w-]+\s+){0,2}(?:tanks?|vehicles?|equipment|weapons?|ammunition|apcs?|ifvs?|trophies|drones?)\b|^\W*(?:were|was) captured"
)
_PASSIVE_END = re.compile(r" (?:was|were|been|being) $")
_PERSON = re.compile(
    r"\b(?:commanders?|leaders?|chiefs?|militants?|rebels?|insurgents?|fighters?|suspects?|m[ae]n|wom[ae]n"
    r"|soldiers?|officers?|policem[ae]n|journalists?|activists?|civilians?|members?|spokesm[ae]n|kingpins?)\b"
)
_PLACE = re.compile(
    r"\b(?:towns?|city|cities|villages?|districts?|bases?|airports?|hills?|areas?|positions?|posts?|region|province)\b"
)
# an actor word used as the object or a modifier, not as the subject of a territory verb
_OBJECT_BEFORE = re.compile(r"(?:\b(?:from|of|against|with|on|at|to|out|into|by|near)) $")
_MODIFIER_AFTER = re.compile(
    r" (?:outpost|base|bases|post|posts|station|positions|position|headquarters|barracks|camp|checkpoint|convoy|garrison|held|controlled)\b"
)


def in_scope(s: str, start: int, ends: list[int], reach: int = _MODAL_REACH) -> bool:
    """Whether a cue at ``start`` falls in the scope of a preceding marker, in the same clause."""
    for e in ends:  # noqa: SIM110 - a loop, not any(): called for every cue of every sentence
        if e <= start <= e + reach and not _CLAUSE.search(s, e, start):
            return True
    return False


_NO_STARTS: list[int] = []  # shared: callers never mutate what starts() returns

# the keys `pairs` reads starts of
_PAIR_KEYS = (
    "@aerial", "@armedtarget", "@assailant", "@attackverb", "@basenoun", "@civilian", "@crowd",
    "@damage", "@depot", "@dronenoun", "@establish", "@hitverb", "@intercept", "@manned",
    "@milvehicle", "@nonstate", "@property", "@seize", "@state", "@violentact", "@weaponnoun",
)  # fmt: skip


_PAIR_BASE = dict.fromkeys(_PAIR_KEYS, _NO_STARTS)


class _Starts(dict):
    __slots__ = ()

    def __missing__(self, key: str) -> list[int]:
        return _NO_STARTS


class Scores:
    """Cue hits per key: (weight, start, phrase).

    The combination rules ask for the same key's score and starts dozens of times per
    sentence, so both are kept until a hit of that key is added or dropped (`forget`).
    Callers never mutate the lists `starts` returns."""

    __slots__ = ("_score", "_starts", "hits", "tagged")

    def __init__(self) -> None:
        self.hits: dict[str, list[tuple[float, int, str]]] = {}
        self.tagged: list | None = None  # weapon and target matches of the same pass
        self._score: dict[str, float] = {}
        self._starts: dict[str, list[int]] = {}

    def add(self, key: str, weight: float, start: int, phrase: str) -> None:
        self.hits.setdefault(key, []).append((weight, start, phrase))
        self.forget(key)

    def forget(self, key: str) -> None:
        self._score.pop(key, None)
        self._starts.pop(key, None)

    def score(self, key: str) -> float:
        v = self._score.get(key)
        if v is not None:
            return v
        hits = self.hits.get(key)
        if not hits:
            v = 0.0
        elif len(hits) == 1:  # most keys: the formula below with no secondary weight
            w = hits[0][0]
            v = w + min(0.0, w)
        else:
            ws = sorted((w for w, _, _ in hits), reverse=True)
            v = ws[0] + min(_SECONDARY * sum(ws[1:]), ws[0])
        self._score[key] = v
        return v

    def starts(self, key: str) -> list[int]:
        v = self._starts.get(key)
        if v is None:
            hits = self.hits.get(key)
            v = self._starts[key] = [s for _, s, _ in hits] if hits else _NO_STARTS
        return v

    def starts_of(self) -> _Starts:
        """Every key's starts at once, read by key (a key without hits has none): for
        the combination rules, which ask a few dozen times per sentence."""
        out = _Starts(_PAIR_BASE)  # read without a __missing__ call
        cached = self._starts  # the rules before `pairs` asked for some already
        for k, v in self.hits.items():
            c = cached.get(k)
            out[k] = c if c is not None else [s for _, s, _ in v]
        return out

    def phrases(self, key: str) -> list[str]:
        hits = self.hits.get(key)
        if not hits:
            return []
        if len(hits) == 1:  # most keys: nothing to sort
            return [hits[0][2]]
        return [p for w, _, p in sorted(hits, reverse=True)]


def _near(a: list[int], b: list[int], reach: int, ordered: bool = False) -> bool:
    if not a or not b:
        return False
    for x in a:
        for y in b:
            if (0 < y - x <= reach) if ordered else abs(y - x) <= reach:
                return True
    return False


def _actor_before(scores: Scores, s: str, pos: int) -> tuple[str, int] | None:
    """The subject of a territory verb: the first actor of its clause, else the nearest one."""
    clause_start = max((m.end() for m in _CLAUSE.finditer(s, 0, pos)), default=0)
    actors = sorted((p, k) for k in ("@state", "@nonstate") for p in scores.starts(k))
    verb_ends = [
        st + len(ph)
        for key in ("@capture", "@retake", "@attackverb")
        for _, st, ph in scores.hits.get(key, ())
    ]
    subjects = [
        (p, k)
        for p, k in actors
        if not _OBJECT_BEFORE.search(s, max(0, p - 8), p)
        and not _MODIFIER_AFTER.match(s, s.find(" ", p))
        and not any(0 <= p - e <= 14 for e in verb_ends)  # "dislodged Boko Haram fighters"
    ]
    in_clause = [(p, k) for p, k in subjects if clause_start <= p < pos]
    if in_clause:
        return in_clause[0][1], in_clause[0][0]
    # "Insurgents overran an outpost and took control of the area": the sentence's subject
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(s, 0, pos)), default=0)
    before = [(p, k) for p, k in subjects if max(sentence_start, pos - 150) <= p < pos]
    if before:
        return before[0][1], before[0][0]
    before = [(p, k) for p, k in actors if pos - 150 <= p < pos]
    if before:
        return before[-1][1], before[-1][0]
    after = [(p, k) for p, k in actors if pos < p <= pos + 60]  # "was captured by militants"
    return (after[0][1], after[0][0]) if after else None


def territory(scores: Scores, s: str) -> tuple[str, float, list[str]] | None:
    if "@capture" not in scores.hits and "@retake" not in scores.hits:
        return None  # no ground taken or lost (most sentences)
    cap, ret = scores.score("@capture"), scores.score("@retake")
    strength = max(cap, ret)
    if strength < 3.5:
        return None
    key = "@retake" if ret >= cap else "@capture"
    hits = sorted(scores.hits[key], reverse=True)
    pos, phrase = hits[0][1], hits[0][2]
    after = s[pos + len(phrase) : pos + len(phrase) + 60]
    if key == "@capture" and _CAPTURED_PEOPLE.match(after):
        return lx.ABDUCT, 4.5, [phrase]
    if key == "@capture" and _CAPTURED_THINGS.match(after):
        return None
    if key == "@capture" and _PASSIVE_END.search(s, max(0, pos - 8), pos):
        # "a former commander was captured by the army": a person taken, not a place
        sentence_start = max((m.end() for m in _SENTENCE_END.finditer(s, 0, pos)), default=0)
        subject = s[sentence_start:pos]
        if _PERSON.search(subject) and not _PLACE.search(subject):
            by_state = any(pos < p <= pos + 40 for p in scores.starts("@state"))
            return (lx.ARREST if by_state else lx.ABDUCT), strength + 2.0, [phrase]
    if phrase.endswith(
        "ing"
    ):  # "..., clashing with insurgents and capturing a village": the sentence subject
        sentence_start = max((m.end() for m in _SENTENCE_END.finditer(s, 0, pos)), default=0)
        actors = sorted((p, k) for k in ("@state", "@nonstate") for p in scores.starts(k))
        found = next(((k, p) for p, k in actors if sentence_start <= p < pos), None)
    else:
        found = _actor_before(scores, s, pos)
    if found is None and key == "@capture":
        return None  # "firefighters gained ground": taking ground needs an armed actor
    if found is None:
        actor = "@state"
    else:
        actor, apos = found
        if actor == "@state":
            # Foreign state forces taking ground abroad are coded as non-state actors.
            nationality = s[max(0, apos - 25) : apos]
            home_ru, home_ua = scores.score("@ru_place") > 0, scores.score("@ua_place") > 0
            if ("russia" in nationality and home_ua and not home_ru) or (
                "ukrain" in nationality and home_ru and not home_ua
            ):
                actor = "@nonstate"
    sub = lx.GOV if actor == "@state" else lx.NSA
    score = strength + 2.0
    violent = (
        max(
            (w for k in (lx.CLASH, lx.AIR, lx.SHELL) for w, _, _ in scores.hits.get(k, ())),
            default=0.0,
        )
        >= 3.5
    )
    if scores.score(lx.NVT) >= 3.0 and not violent:
        return lx.NVT, score + 1.0, scores.phrases(lx.NVT) + [phrase]
    return sub, score, [phrase]


_POLICE = ("police", "security", "officers")

_PAST = (
    "ed",
    "beat",
    "beaten",
    "burnt",
    "on fire",
    "ablaze",
    "alight",
    "set fire to",
    "shot",
    "threw",
    "hurled",
)

_ARMED = re.compile(r"\b(?:armed|gunm[ae]n|guns?|rifles?|weapons?|firearms)\b")

_BACKGROUND = re.compile(
    r"\b(?:had|who had|after|following|in the death of|death of|killing of|murder of|to protest"
    r"|to mourn|in memory of|justice for|demanding|over the)\b "
)

# what a protest is against or commemorates: "to mark the anniversary of the crackdown"
_TOPIC = re.compile(
    r"\b(?:anniversary of|in memory of|justice for|against|condemning|denouncing)\b "
)

_GRIEVANCE = frozenset(["killed", "shot", "murdered", "targeted", "shot dead", "gunned down"])

_AGENT = ("ers", "ors", "ths", "ents", "gers", "crowd", "crowds", "mob", "locals", "villagers")

_PASSIVE = re.compile(r" (?:were|was|been|being|are|is|by) ")


def _crowd_acts(scores: Scores, s: str, subjects: str, acts: tuple[str, ...]) -> bool:
    """Whether a crowd or its protesters are the subject of a violent act in the same
    clause: "demonstrators attacked a police station", "youths torched cars"."""
    # a verb in the past tense, not the noun ("protesters condemned the attack")
    verbs = [
        st
        for k in acts
        for _, st, ph in scores.hits.get(k, ())
        if (ph.split(" ", 1)[0].endswith(_PAST) or ph.endswith(_PAST)) and ph not in _GRIEVANCE
    ]
    others = scores.starts("@state") + scores.starts("@nonstate")
    # agents only ("protesters", "youths"), not the act ("to protest the killing of")
    agents = [st for _, st, ph in scores.hits.get(subjects, ()) if ph.endswith(_AGENT)]
    for c in agents:
        for v in verbs:
            if 0 < v - c <= 40 and not any(c < a < v for a in others):  # "...said police attacked"
                between = s[c:v]
                if not _CLAUSE.search(between) and not _PASSIVE.search(between):
                    return True
    return False


def protest(scores: Scores, s: str) -> tuple[str, float, list[str]] | None:
    # no demand to gather for, no crowd to riot: a protest only where one is named
    hits = scores.hits
    if (
        "@purpose" not in hits
        and "@crowd" not in hits
        and ("@protest" not in hits or scores.score("@protest") < 3.5)
    ):
        return None
    p = scores.score("@protest")
    where = scores.starts("@protest")  # where the gathering is named
    if p < 3.5 and _near(scores.starts("@gather"), scores.starts("@purpose"), 80, ordered=True):
        p = 3.5  # "gathered outside parliament to denounce...": a demonstration by its purpose
        where = scores.starts("@gather")
    if p < 3.5:
        group = [
            c
            for c in scores.starts("@crowd") + scores.starts("@civilian")
            for u in scores.starts("@purpose")
            if 0 < u - c <= 25 and not _CLAUSE.search(s, c, u)
        ]
        if group:
            p, where = 3.5, group  # "students demanding quota reform": a group named by its demand
    protested = p >= 3.5
    # No armed group in sight: crowds fighting the police are rioting, not in a battle
    # (ACLED's Armed clash needs organised armed groups on both sides).
    unarmed = not scores.score("@nonstate")
    clash = max((w for w, _, _ in scores.hits.get(lx.CLASH, ())), default=0.0)
    crowd_riot = (
        unarmed
        and not _ARMED.search(s)  # "armed villagers clashed with troops" is a battle
        and scores.score("@crowd")
        and (
            (clash >= 4.5 and scores.score("@state"))
            or any(w in p for p in scores.phrases("@riot") for w in _POLICE)
        )
        and (_crowd_acts(scores, s, "@crowd", ("@violentact", "@riot", lx.CLASH)))
    )
    if p < 3.5 and not crowd_riot:
        return None
    if p < 3.5:
        p = 3.5
    riot, lethal, inter = scores.score("@riot"), scores.score("@lethal"), scores.score("@intervene")
    cues = scores.phrases("@protest")[:2] or scores.phrases("@crowd")[:1]
    if scores.score("@attackprotest"):
        sub = lx.EXCESSIVE if scores.score("@state") else lx.MOB
        return sub, p + 2.0, cues + scores.phrases("@attackprotest")
    if clash >= 5.0 or (unarmed and clash >= 4.5) or crowd_riot:
        riot = max(riot, 4.0)  # protesters clashing with the police
    if _crowd_acts(scores, s, "@protest", ("@violentact", "@damage", "@attackverb")) or (
        protested and _crowd_acts(scores, s, "@crowd", ("@violentact", "@damage"))
    ):
        riot = max(riot, 4.0)  # "demonstrators attacked a police station"
    state = scores.score("@state") > 0
    # what the protest is about ("after an officer shot a man") is not force against it
    background = [m.end() for m in _BACKGROUND.finditer(s)]
    lethal_at = [h[1] for h in scores.hits.get("@lethal", ()) if not in_scope(s, h[1], background)]
    arrests = [h for h in scores.hits.get(lx.ARREST, ()) if not in_scope(s, h[1], background)]
    if not lethal_at:
        lethal = 0.0
    topic = [m.end() for m in _TOPIC.finditer(s)]
    if inter and not [h for h in scores.hits.get("@intervene", ()) if not in_scope(s, h[1], topic)]:
        inter = 0.0  # "to mark the anniversary of the crackdown": the topic, not the response
    if max((w for w, _, _ in arrests), default=0.0) >= 4.5 and _near(
        [h[1] for h in arrests], scores.starts("@protest"), 80
    ):
        inter = max(inter, 2.5)  # protesters arrested: the codebook's example of intervention
    if (
        lethal
        and not state
        and not inter
        and any(
            ph not in _GRIEVANCE and ph.endswith(_PAST)
            for k in ("@attackverb", "@violentact")
            for _, _, ph in scores.hits.get(k, ())
        )
    ):
        riot = max(riot, 3.5)  # violence at a protest with no police in sight: the crowd's own
    if not inter and not _near(lethal_at, where, 60):
        lethal = 0.0  # a shooting in the background of a protest, not force against it
    if riot >= 3.5:
        return lx.RIOT, p + 1.0 + 0.3 * riot, cues + scores.phrases("@riot")[:2]
    if scores.score("@shootprotest") and unarmed:
        # "snipers fired on the protesters": lethal force against a gathering, whoever fired
        return lx.EXCESSIVE, p + 2.0, cues + scores.phrases("@shootprotest")[:1]
    if lethal >= 2.0 and (inter > 0 or state):
        return lx.EXCESSIVE, p + 1.0 + 0.3 * lethal, cues + scores.phrases("@lethal")[:2]
    if inter > 0:
        return lx.INTERVENTION, p + 1.0 + 0.3 * inter, cues + scores.phrases("@intervene")[:2]
    return lx.PEACEFUL, p + 0.5, cues


# each rule of `pairs` offers nothing without a hit of one of these keys
_PAIR_TRIGGERS = frozenset(
    ["@intercept", "@seize", "@establish", "@attackverb", "@dronenoun", "@capture", "@takeaway",
     "@test", "@crowd", "@damage", "@manned", "@hitverb", lx.AIR]
)  # fmt: skip


def pairs(scores: Scores, s: str, offer) -> None:
    """Evidence that needs two cues close together."""
    if scores.hits.keys().isdisjoint(_PAIR_TRIGGERS):
        return  # every rule below needs one of these
    st, ph = scores.starts_of().__getitem__, scores.phrases
    hits = scores.hits  # a rule whose first key has no hit is skipped whole
    # an interception verb near a drone or missile: "air defence shot down four drones";
    # shooting down a manned aircraft is an attack on it (ACLED codes it as shelling/missile)
    if "@intercept" not in hits:
        pass
    elif _near(st("@intercept"), st("@aerial"), 80):
        if scores.score("@debris") and scores.score("@damage") + scores.score("@hitverb"):
            sub = lx.AIR if any("drone" in p or "uav" in p for p in ph("@aerial")) else lx.SHELL
            offer(sub, 6.0, ph("@debris") + ph("@aerial"))
        else:
            offer(lx.DWU, 6.5, ph("@intercept") + ph("@aerial"))
    elif _near(st("@intercept"), st("@manned"), 60):
        offer(lx.SHELL, 6.0, ph("@intercept") + ph("@manned"))
    elif scores.score("@intercept") > 0:
        offer(lx.DWU, scores.score("@intercept"), ph("@intercept"))
    # a seizure verb before a weapon noun ("police seized rifles"), or after it in the passive
    seize, weapons = st("@seize"), st("@weaponnoun") + st("@aerial") if "@seize" in hits else []
    if any(0 < w - v <= 60 and " by " not in s[v:w] for v in seize for w in weapons) or any(
        0 < v - w <= 50 and re.search(r" (?:were|was|been|are|is) ", s[w:v])
        for v in seize
        for w in weapons
    ):
        # a haul lists many weapons; each one is more evidence of a seizure, not of an attack
        offer(lx.DWU, min(9.0, 6.5 + 0.4 * len(weapons)), ph("@seize") + ph("@weaponnoun"))
    # "Turkish forces established a new base", "three points were set up"
    if "@establish" in hits and (
        _near(st("@establish"), st("@basenoun"), 40, ordered=True)
        or _near(st("@basenoun"), st("@establish"), 20, ordered=True)
    ):
        offer(lx.HQ, 5.5, ph("@establish") + ph("@basenoun"))
    # violence aimed at civilians
    attacked, state, nonstate = (
        scores.score("@attackverb"),
        scores.score("@state"),
        scores.score("@nonstate"),
    )
    if _near(st("@attackverb"), st("@civilian"), 50):
        offer(
            lx.ATTACK,
            3.0 + (1.0 if scores.score(lx.ATTACK) else 0.0),
            ph("@attackverb") + ph("@civilian"),
        )
    if attacked and nonstate and not state:
        offer(
            lx.ATTACK,
            4.0 if scores.score("@civilian") else 3.0,
            ph("@nonstate") + ph("@attackverb"),
        )
    # the first thing named after "attacked": villagers make an attack, a patrol a clash
    for v in st("@attackverb"):
        civ = [c - v for c in st("@civilian") if 0 < c - v <= 40]
        arm = [a - v for a in st("@armedtarget") if 0 < a - v <= 40]
        if civ and (not arm or min(civ) < min(arm)):
            offer(lx.ATTACK, 3.5, ph("@attackverb") + ph("@civilian"))
        elif arm:
            offer(lx.CLASH, 3.5, ph("@attackverb") + ph("@armedtarget"))
    # a non-state group attacking state forces, or the reverse
    if attacked and state and nonstate:
        offer(lx.CLASH, 3.5, ph("@attackverb") + ph("@nonstate"))
    # the weapon as the subject: "a drone targeted a car", "drones struck the depot"
    if _near(
        st("@dronenoun"), st("@hitverb") + st("@attackverb"), 30, ordered=True
    ) and not scores.score("@intercept"):
        offer(lx.AIR, 5.5, ph("@dronenoun") + ph("@hitverb") + ph("@attackverb"))
    # killed by unknown assailants: violence against a person, not a battle
    if _near(st("@attackverb"), st("@assailant"), 40):
        offer(lx.ATTACK, 4.0, ph("@attackverb") + ph("@assailant"))
    # "gunmen seized 20 passengers": taking people is an abduction, whatever the verb's weight
    for _, v, phrase in scores.hits.get("@capture", []) + scores.hits.get("@takeaway", []):
        after = s[v + len(phrase) : v + len(phrase) + 60]
        if _CAPTURED_PEOPLE.match(after) and scores.score("@state") + scores.score(
            "@nonstate"
        ) + scores.score("@assailant"):
            offer(lx.ABDUCT, 4.5, [phrase])
    # a missile fired as a test, into the sea, with no one hurt: ACLED's "Other"
    if (
        scores.score("@test")
        and (scores.score(lx.SHELL) or scores.score("@aerial"))
        and not (scores.score("@lethal") or scores.score("@damage"))
    ):
        offer(lx.OTHER, 7.0, ph("@test") + ph(lx.SHELL))
    # a crowd as the subject of violence: "villagers beat two suspected thieves to death"
    for c in st("@crowd"):
        for v in st("@violentact"):
            between = s[c:v]
            if (
                0 < v - c <= 40
                and not _CLAUSE_NOT_AND.search(between)  # "residents caught a thief and beat him"
                and not re.search(r" (?:were|was|been|being|are|is) ", between)
                and not any(c < a < v for a in st("@state") + st("@nonstate"))
            ):
                offer(lx.MOB, 5.5, ph("@crowd") + ph("@violentact"))
    # property burned or destroyed outside a protest
    if _near(st("@damage"), st("@property"), 40) and not (st("@manned") or st("@aerial")):
        offer(lx.LOOT, 4.5, ph("@damage") + ph("@property"))
    # "Saudi jets fired missiles", "Turkish jets destroyed depots"
    if "@manned" in hits and not scores.score("@intercept"):
        strike_words = [
            p0 for _, p0, p in hits.get(lx.AIR, ()) if p in ("strike", "strikes", "struck")
        ]
        manned_acts = _near(st("@manned"), st("@hitverb"), 60, ordered=True) or _near(
            st("@manned"), st("@aerial") + strike_words, 60
        )
    else:
        manned_acts = False
    if manned_acts:
        offer(lx.AIR, 5.0, ph("@manned") + ph("@hitverb"))
    # "Ukrainian forces destroyed a Russian column": ACLED codes unspecified strikes as shelling
    if "@hitverb" in hits:
        if _near(st("@hitverb"), st("@depot"), 50, ordered=True) and scores.score(lx.AIR) < 3.0:
            offer(lx.SHELL, 3.5, ph("@hitverb") + ph("@depot"))
        if _near(st("@hitverb"), st("@milvehicle"), 50, ordered=True):
            offer(lx.SHELL, 4.0, ph("@hitverb") + ph("@milvehicle"))
    # an attack that set something on fire: "the strikes triggered a fire at the refinery"
    generic = [
        p
        for w, p0, p in scores.hits.get(lx.AIR, ())
        if p in ("strike", "strikes", "struck", "hit by")
    ]
    if generic and re.search(r"\b(?:fire|blaze|damage|destroyed|damaged)\b", s):
        offer(lx.AIR, 3.2, generic)


_DISRUPT = re.compile(
    r"\b(?:foil|thwart|avert|defus|disposal|bomb squad|would be|rendered safe|made safe|controlled"
    r"|disarm|prematurely|detected and|before it)"
)

_DETONATED = re.compile(
    r"\b(?:exploded|explosion|went off|blast|detonated|blew (?:himself|herself|themselves) up)\b"
)

_KILLING = frozenset(["killed", "killing", "shot dead", "gunned down", "murdered"])


# each rule of `precedence` changes a candidate of one of these types (the pairs it
# weighs each hold one of them), else it reads a Disrupted weapons use cue
_PRECEDENCE_SUBS = frozenset([lx.SEX, lx.SUICIDE, lx.CHEM, lx.CLASH, lx.AIR, lx.ATTACK])


def precedence(scores: Scores, candidates: dict[str, tuple[float, list[str]]], s: str) -> None:
    """Codebook precedence between co-occurring remote-violence and battle cues."""

    hits = scores.hits
    if lx.DWU not in hits and candidates.keys().isdisjoint(_PRECEDENCE_SUBS):
        return  # every rule below changes only these candidates, or needs a DWU cue

    def strongest(key: str) -> float:
        found = hits.get(key)  # most keys asked for have no hit: no generator for them
        return max(w for w, _, _ in found) if found else 0.0

    def boost(sub: str, by: float) -> None:
        if sub in candidates:
            score, cues = candidates[sub]
            candidates[sub] = (score + by, cues)

    # a ground battle with shelling or air support is coded as the battle
    # acts the codebook names specifically win over the setting they happen in
    for sub in (lx.SEX, lx.SUICIDE, lx.CHEM):
        if strongest(sub) >= 7.0:
            boost(sub, 2.0)
    ground = any(k in candidates for k in (lx.GOV, lx.NSA, lx.NVT))
    if strongest(lx.CLASH) >= 5.0 and not ground:
        boost(lx.CLASH, 1.5)
    # combined air and artillery strikes are coded as air strikes
    elif strongest(lx.AIR) >= 5.0 and lx.SHELL in candidates:
        boost(lx.AIR, 1.0)
    # civilians killed by a blast: the codebook codes the means (remote violence), not the victims
    if (
        lx.ATTACK in candidates
        and lx.IED in candidates
        and strongest(lx.IED) >= 3.0
        and not scores.score(lx.ATTACK)
    ):
        ied, cues = candidates[lx.IED]
        candidates[lx.IED] = (max(ied, candidates[lx.ATTACK][0] + 0.5), cues)
    # crowds fighting each other with no armed or state actor named: a mob, not a battle
    if (
        lx.MOB in candidates
        and lx.CLASH in candidates
        and not (scores.score("@state") or scores.score("@nonstate") or _ARMED.search(s))
    ):
        mob, cues = candidates[lx.MOB]
        candidates[lx.MOB] = (max(mob, candidates[lx.CLASH][0] + 0.5), cues)
    # a device found and made safe, an attack foiled: disrupted, unless something went off
    dwu_phrases = scores.phrases(lx.DWU)
    disrupted = [p for p in dwu_phrases if _DISRUPT.search(p)]
    if disrupted and (
        "prematurely" in disrupted or not (scores.score("@lethal") or _DETONATED.search(s))
    ):
        rivals = [candidates[k][0] for k in (lx.IED, lx.SUICIDE, lx.GRENADE) if k in candidates]
        if rivals:
            dwu, cues = candidates.get(lx.DWU, (0.0, disrupted))
            candidates[lx.DWU] = (max(dwu, max(rivals) + 0.5), cues)
    # an old shell or mine that went off and hurt someone is an explosion, not a disrupted device
    if (
        dwu_phrases
        and all("unexploded" in p for p in dwu_phrases)
        and (scores.score("@lethal") or _DETONATED.search(s))
    ):
        ied, cues = candidates.get(lx.IED, (0.0, dwu_phrases))
        candidates[lx.IED] = (max(ied, candidates.get(lx.DWU, (0.0,))[0] + 0.5), cues)
    # people killed where property burned: the codebook codes the violence against them
    if (
        lx.LOOT in candidates
        and lx.ATTACK in candidates
        and scores.score("@protest") < 3.5
        and any(p in _KILLING for p in scores.phrases("@attackverb"))
    ):
        attack, cues = candidates[lx.ATTACK]
        candidates[lx.ATTACK] = (max(attack, candidates[lx.LOOT][0] + 0.5), cues)
    # a riot against the police with no armed group named is no battle
    if lx.RIOT in candidates and lx.CLASH in candidates and not scores.score("@nonstate"):
        riot, cues = candidates[lx.RIOT]
        candidates[lx.RIOT] = (max(riot, candidates[lx.CLASH][0] + 0.5), cues)

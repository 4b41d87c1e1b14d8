"""Turn a document's text into claims: one claim per incident as the document tells it.

The text is cut into sentences; the classifier says which tell an incident and
of what type.  Sentences that go on telling the same incident (same paragraph, no
new place or date of their own) join the claim, and so do sentences that only
add its toll ("Casualties unknown.", "Two people were wounded.").  Each claim
then takes its date, quantities, fatalities, actors and source from its own span.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from truceline.extract.actors import ActorMention, find_actors, find_claimed_by
from truceline.extract.dates import DateMention, find_dates, parse_published
from truceline.extract.fatalities import find_fatalities
from truceline.extract.quantities import find_quantities
from truceline.extract.sentences import Sentence, split_sentences
from truceline.models import Claim, Place, event_type_of

__all__ = ["Extractor"]


class _Classification(Protocol):
    event_type: str
    sub_event_type: str
    confidence: float
    weapon: str | None
    target_class: str | None


class _Geocoder(Protocol):
    def context(self, text: str) -> Any: ...
    def locate(self, text: str, start: int, end: int, ctx: Any) -> Place | None: ...


Classifier = Callable[[str], "_Classification | None"]

# Harm told in the passive or as a death: "were killed", "was badly damaged", "died".
_PASSIVE_HARM = re.compile(
    r"\b(?:was|were|been|are|is|got)\s+(?:\w+\s+){0,2}?(?:killed|injured|wounded|hurt|"
    r"hospitali[sz]ed|damaged|destroyed)\b|\b(?:died|dead)\b",
    re.I,
)
# An actor named right after these is acted on, not acting: "shelled Ukrainian positions",
# "clashed with DPR forces", "sent to the Ukrainian army".
_ACTED_ON = re.compile(
    r"\b(?:attack(?:ed|ing|s)?|shell(?:ed|ing|s)?|struck|strik(?:es|ing)|target(?:ed|ing|s)?|"
    r"hit(?:ting|s)?|ambush(?:ed|ing|es)?|bomb(?:ed|ing|s)?|repel(?:led|ling|s)?|"
    r"fired\s+(?:\w+\s+)?(?:at|on)|against|to|for|with|at|on|from|into|towards?)"
    r"\s+(?:the\s+|a\s+|an\s+)?$",
    re.I,
)
# A place name that acts or speaks as a state: "Russia launched", "Kyiv has said",
# "Moscow denied"; "accused Kyiv", "to discredit Moscow".
_AS_STATE_AFTER = re.compile(
    r"\s+(?:has\s+|had\s+|have\s+)?(?:launched|fired|attacked|struck|shelled|targeted|bombed|"
    r"sent|used|said|says|denied|denies|accused|accuses|claimed|claims|blamed|blames|warned|"
    r"warns|urged|urges|insisted|rejected|rejects|responded|demanded)\b"
)
_AS_STATE_BEFORE = re.compile(
    r"\b(?:discredit|accus(?:e|ed|es|ing)|blam(?:e|ed|es|ing)|urg(?:e|ed|es|ing)|"
    r"pressur(?:e|ed|es|ing))\s+$"
)
_VICTIMS = "Civilians"  # the actor name find_actors gives the people harmed
# A sentence that adds to the incident before it, without telling one of its own.
_TOLL_CUE = re.compile(
    r"\b(?:casualt|fatalit|killed|dead|died|death|injur|wounded|hurt|hospitali|damag|destroy|"
    r"fire|blaze|burn|hectare|square|personnel|firefighter|rescuer|evacuat|intercept|shot\s+down|"
    r"no\s+one|nobody|victims?|bodies)",
    re.I,
)
_ANAPHORIC = re.compile(
    r"^(?:the|this|these|those|it|they|he|she|as\s+a\s+result|however|additionally|also|"
    r"meanwhile|one\s+of|some\s+of|later|afterwards|further)\b",
    re.I,
)
# A label before a coded note: "Interception: On 27 September 2022, ..."
_LABEL = re.compile(r"^[A-Z][\w /-]{2,30}:\s+")
# "The strikes also set a depot on fire in X": the incident told before goes on, maybe elsewhere.
_BACKREF = re.compile(
    r"^(?:the|these|those|this|its|their)\s+(?:\w+\s+)?(?:strikes?|attacks?|drones?|missiles?|shelling|"
    r"bombardment|barrage|explosions?|blasts?|raids?|assault|offensive|rockets?|shells?)\b",
    re.I,
)
_TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
_ADVANCE = re.compile(
    r"\b(?:advanc|recaptur|regain|retak|retook|liberat|captur|seiz|took\s+control|take\s+control|"
    r"taking\s+control|overt(?:ook|ake)|occup|entered|pushed)",
    re.I,
)
_NEAR_KM = 30.0  # places this close, told by a sentence that refers back, are one incident's


@dataclass(slots=True)
class _Group:
    sentences: list[Sentence]
    cls: Any
    place: Place | None = None
    date: DateMention | None = None
    dates: list[DateMention] = field(default_factory=list)  # every date told in its sentences
    source: str | None = None  # who its first sentence says tells it ("the governor")

    @property
    def start(self) -> int:
        return self.sentences[0].start

    @property
    def end(self) -> int:
        return self.sentences[-1].end


class _LazyContext:
    """The geocoder's document context, built on first use."""

    __slots__ = ("_ctx", "_done", "geocoder", "text")

    def __init__(self, geocoder: _Geocoder | None, text: str) -> None:
        self.geocoder, self.text, self._ctx, self._done = geocoder, text, None, False

    def get(self) -> Any:
        if not self._done and self.geocoder is not None:
            self._ctx, self._done = self.geocoder.context(self.text), True
        return self._ctx


@dataclass(frozen=True, slots=True)
class _Inherited:
    """The type of the incident a sentence refers back to, held with less confidence."""

    base: Any

    @property
    def event_type(self) -> str:
        return self.base.event_type

    @property
    def sub_event_type(self) -> str:
        return self.base.sub_event_type

    @property
    def confidence(self) -> float:
        return float(self.base.confidence) * 0.8

    @property
    def weapon(self) -> str | None:
        return getattr(self.base, "weapon", None)

    @property
    def target_class(self) -> str | None:
        return None


def _inherit(groups: list[_Group]) -> _Inherited | None:
    """The last violent incident told before: what "the strikes" refers back to."""
    for g in reversed(groups):
        if g.cls.event_type in _VIOLENT:
            return _Inherited(g.cls)
    return None


_VIOLENT = frozenset({"Explosions/Remote violence", "Battles", "Violence against civilians"})


def _tells_only_harm(cls: Any) -> bool:
    """Whether the rule classifier's reading rests on harm words alone (another
    classifier's readings, which carry no cues, never do)."""
    from truceline.extract.classify import Classification, tells_only_harm

    return isinstance(cls, Classification) and tells_only_harm(cls)


def _default_classifier() -> Classifier:
    from truceline.extract.classify import classify

    return classify


def _km(a: Place, b: Place) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    p1, p2 = math.radians(a.latitude), math.radians(b.latitude)  # type: ignore[arg-type]
    dl = math.radians(b.longitude - a.longitude)  # type: ignore[operator]
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _same_place(a: Place | None, b: Place | None, refers_back: bool = False) -> bool:
    if a is None or b is None:
        return True
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if a.name.strip().lower() == b.name.strip().lower():
        return True
    d = _km(a, b)
    return refers_back and d is not None and d <= _NEAR_KM


def _acted_on(text: str, start: int, m: ActorMention) -> bool:
    """Whether the actor mention `m` is the object of a verb or preposition before it."""
    return _ACTED_ON.search(text, max(start, m.start - 40), m.start) is not None


def _other_source(group: _Group, source: str | None) -> bool:
    """Whether a sentence is told by another source than the group's: "Russia accused
    Ukraine of blowing up the station. Ukraine's General Staff denied it and said Russian
    forces had shelled it" is two claims, each with its own claimant, not one."""
    return source is not None and group.source is not None and source != group.source


def _within(place: Place, area: Place | None) -> bool:
    """Whether `place` lies in `area` as far as the gazetteer says: `area` a country or
    region (geo_precision 3) of the same country, and of the same region if a region."""
    if area is None or area.geo_precision != 3 or place.country_code != area.country_code:
        return False
    country = (area.feature_code or "").startswith("PCL")
    return country or (area.admin1 is not None and area.admin1 == place.admin1)


def _retold(a: Claim, b: Claim) -> bool:
    """Whether `b` tells again, in the same document, the incident `a` told.

    A document tells each incident once: a later sentence of the same type, on the
    same day, at a place within the earlier one's uncertainty, goes on telling it.
    """
    if a.sub_event_type != b.sub_event_type or a.event_date != b.event_date:
        return False
    if a.place is None or b.place is None:
        return a.place is None and b.place is None
    if _same_place(a.place, b.place):
        return True
    if (a.place.geo_precision == 3) != (b.place.geo_precision == 3):
        # "Russia launched 117 drones at Ukraine" and then "in Kropyvnytskyi, a drone hit
        # an energy facility": a summary over a country or region, and one of its hits
        return False
    d = _km(a.place, b.place)
    reach = max(a.place.radius_km or 0.0, b.place.radius_km or 0.0, 5.0)
    return d is not None and d <= reach


def _fold(into: Claim, other: Claim) -> None:
    """Keep the first telling's span; take what only the later sentence stated."""
    for k, v in other.quantities.items():
        into.quantities.setdefault(k, v)
    if into.fatalities is None:
        into.fatalities = other.fatalities
    into.claimed_by = into.claimed_by or other.claimed_by
    into.actor1 = into.actor1 or other.actor1
    into.actor1_stated = into.actor1_stated or other.actor1_stated
    into.target = into.target or other.target
    into.target_class = into.target_class or other.target_class


class Extractor:
    """Extraction as a service: pass the geocoder in (None = claims without places).

    The classifier defaults to truceline.extract.classify.classify; tests may pass
    their own callable with the same signature.
    """

    def __init__(
        self,
        geocoder: _Geocoder | None = None,
        classifier: Classifier | None = None,
        min_confidence: float = 0.3,
    ) -> None:
        self.geocoder = geocoder
        self.classify: Classifier = classifier or _default_classifier()
        self.min_confidence = min_confidence

    # -- public API -------------------------------------------------------------------------

    def extract(self, doc: Any) -> list[Claim]:
        """Claims of a truceline.models.Document (uses .text, .published, .id)."""
        return self.extract_text(doc.text, published=doc.published, doc_id=doc.id)

    def extract_text(
        self, text: str, published: str | None = None, doc_id: str = ""
    ) -> list[Claim]:
        """Claims of a text; relative dates are read against `published` (YYYY-MM-DD)."""
        pub = parse_published(published)
        ctx = _LazyContext(self.geocoder, text)  # most texts with no incident never need it
        sentences = split_sentences(text)
        groups = self._group(text, sentences, pub, ctx)
        short = _is_passage(text, sentences)
        claims: list[Claim] = []
        last_date: DateMention | None = None
        for i, g in enumerate(groups):
            claim, last_date = self._claim(text, g, pub, doc_id, last_date, ctx, short)
            if claim.confidence <= 0.0:
                continue
            claim.confidence = max(0.01, claim.confidence - 0.01 * i)  # first told, first ranked
            earlier = next((c for c in claims if _retold(c, claim)), None)
            if earlier is not None:
                _fold(earlier, claim)
                continue
            claims.append(claim)
        if short and claims and len(sentences) > 1 and _unsure(claims, _PASSAGE_SURE):
            self._passage_informs(text, claims)
        return claims

    def _passage_informs(self, text: str, claims: list[Claim]) -> None:
        """A short passage (a news snippet, a coder's note) mostly tells one incident, and
        its sentences can each read as something less: "Police dispersed the crowd. It had
        gathered peacefully." Where the passage read whole is surer than any one sentence,
        the claim of its type leads, or else the leading claim takes its type.  Where it
        reads whole as no incident at all (talks that mention a strike, a flood that
        damaged houses), its unsure claims are dropped."""
        cls = self.classify(text)
        if cls is None:
            claims.clear()
            return
        if cls.confidence < self.min_confidence or not cls.sub_event_type:
            return
        conf = float(cls.confidence)
        top = max(claims, key=lambda c: c.confidence)
        same = [c for c in claims if c.sub_event_type == cls.sub_event_type]
        if same:
            lead = same[0]
            lead.confidence = max(lead.confidence, min(1.0, conf))
        elif conf > top.confidence:
            top.sub_event_type = cls.sub_event_type
            top.event_type = cls.event_type or event_type_of(cls.sub_event_type)
            top.confidence = conf

    def extract_report(self, doc: Any) -> Claim:
        """Exactly one claim for a structured report; the source's coded fields win."""
        from truceline.extract.report import claim_from_report

        return claim_from_report(self, doc)

    # -- grouping ---------------------------------------------------------------------------

    def _incident(self, s: Sentence) -> Any:
        body = s.text
        m = _LABEL.match(body)
        cls = self.classify(body)
        if cls is None and m:
            cls = self.classify(body[m.end() :])
        if cls is None or cls.confidence < self.min_confidence or not cls.sub_event_type:
            return None
        return cls

    def _group(
        self, text: str, sentences: list[Sentence], pub: date | None, ctx: Any
    ) -> list[_Group]:
        groups: list[_Group] = []
        current: _Group | None = None
        for s in sentences:
            if s.headline:
                current = None
                continue
            if current is not None and s.paragraph != current.sentences[-1].paragraph:
                current = None
            cls = self._incident(s)
            if cls is None and groups and _BACKREF.match(s.text) and _TOLL_CUE.search(s.text):
                cls = _inherit(groups)
            elif (
                current is not None
                and cls is not None
                and self._join_toll(text, s, cls, current, pub, ctx)
            ):
                continue  # "1 civilian was killed.": the toll of the incident just told
            if cls is None:
                if current is not None and _TOLL_CUE.search(s.text):
                    current.sentences.append(s)
                    current.dates.extend(find_dates(text, pub, s.start, s.end))
                continue
            dates = find_dates(text, pub, s.start, s.end)
            place = self._locate(text, s.start, s.end, ctx)
            if current is not None:
                refers_back = bool(_ANAPHORIC.match(s.text))
                new_place = place is not None and not _same_place(current.place, place, refers_back)
                new_date = (
                    bool(dates) and current.date is not None and dates[0].date != current.date.date
                )
                same_kind = cls.event_type == current.cls.event_type or refers_back
                if (
                    not new_place
                    and not new_date
                    and (same_kind or (place is None and not dates))
                    and not _other_source(current, find_claimed_by(text, s.start, s.end))
                ):
                    current.sentences.append(s)
                    current.dates.extend(dates)
                    current.place = current.place or place
                    current.date = current.date or (dates[0] if dates else None)
                    continue
            current = _Group([s], cls, place, dates[0] if dates else None, list(dates))
            current.source = find_claimed_by(text, s.start, s.end)
            groups.append(current)
        return groups

    def _join_toll(
        self,
        text: str,
        s: Sentence,
        cls: Any,
        current: _Group,
        pub: date | None,
        ctx: _LazyContext,
    ) -> bool:
        """Add `s` to `current` if it tells only the harm done, in the passive, with no
        agent and no other place: "Two houses were damaged", "In Kyiv, 16 civilians were
        killed" (after an attack "across Ukraine", which it then places).  Alone, such a
        sentence would read as an attack on civilians or a destruction of property."""
        if not _PASSIVE_HARM.search(s.text) or not _tells_only_harm(cls):
            return False
        if any(m.name != _VICTIMS for m in find_actors(text, s.start, s.end)):
            return False  # "... were killed by Russian forces"
        place = self._locate(text, s.start, s.end, ctx)
        if place is not None and not _same_place(current.place, place, refers_back=True):
            if not _within(place, current.place):
                return False
            current.place = place
        current.sentences.append(s)
        current.dates.extend(find_dates(text, pub, s.start, s.end))
        return True

    def _locate(self, text: str, start: int, end: int, ctx: _LazyContext) -> Place | None:
        if self.geocoder is None:
            return None
        place = self.geocoder.locate(text, start, end, ctx.get())
        for _ in range(3):
            if place is None or place.start is None or place.end is None:
                break
            # only a country or a capital stands for a state ("residents of Bucha said")
            state = (place.feature_code or "").startswith("PCL") or place.feature_code == "PPLC"
            if not state or not (
                _AS_STATE_AFTER.match(text, place.end)
                or _AS_STATE_BEFORE.search(text, start, place.start)
            ):
                break
            # "Russia launched 117 drones at Ukraine", "Kyiv said...", "to discredit Kyiv":
            # the name of a state acting or speaking, not a place; the incident is where
            # the act landed, if the sentence goes on to say
            after = self.geocoder.locate(text, place.end, end, ctx.get())
            if after is not None and after.start is not None and after.start < place.end:
                return None  # only the state's name again, from the text before
            place = after
        return place

    # -- one claim --------------------------------------------------------------------------

    def _claim(
        self,
        text: str,
        g: _Group,
        pub: date | None,
        doc_id: str,
        last_date: DateMention | None,
        ctx: Any,
        short: bool = False,
    ) -> tuple[Claim, DateMention | None]:
        start, end = g.start, g.end
        cls = g.cls
        claim = Claim(
            doc_id=doc_id,
            event_type=cls.event_type or event_type_of(cls.sub_event_type),
            sub_event_type=cls.sub_event_type,
            span=(start, end),
            evidence=text[start:end],
            weapon=getattr(cls, "weapon", None),
            target_class=getattr(cls, "target_class", None),
        )
        dates = g.dates
        d = g.date or (dates[0] if dates else None)
        if d is not None:
            last_date = d
        elif last_date is not None:
            d = last_date  # "The strikes also..." tells of the day named earlier
        if d is not None:
            claim.event_date, claim.time_precision = d.date, d.precision
            claim.time_of_day = d.time_of_day or next(
                (x.time_of_day for x in dates if x.time_of_day), None
            )
        elif pub is not None:
            claim.event_date, claim.time_precision = pub.isoformat(), 1
            claim.time_of_day = next((x.time_of_day for x in dates if x.time_of_day), None)
        claim.place = g.place or (
            self._locate(text, start, end, ctx) if len(g.sentences) > 1 else None
        )
        for q in find_quantities(text, start, end):
            if q.key != "fatalities":
                claim.quantities.setdefault(q.key, q.value)
        claim.fatalities, _ = find_fatalities(text, start, end)
        self._actors(claim, text, g)
        if claim.sub_event_type in _TERRITORY:
            _territory(claim, text, g)
        # a group of one sentence: its source was read when the group began
        one = len(g.sentences) == 1
        claim.claimed_by = g.source if one else find_claimed_by(text, start, end)
        conf = float(cls.confidence)
        conf *= 0.85 + 0.05 * (g.date is not None) + 0.1 * (claim.place is not None)
        claim.confidence = min(1.0, conf)
        if not short and _vague(claim, g):
            claim.confidence = 0.0
        return claim, last_date

    @staticmethod
    def _actors(claim: Claim, text: str, g: _Group) -> None:
        first = g.sentences[0]
        mentions = find_actors(text, first.start, first.end)
        if not mentions and len(g.sentences) > 1:  # a group of one: the same span again
            mentions = find_actors(text, g.start, g.end)
        if not mentions:
            return
        actors = [m for m in mentions if m.name != _VICTIMS]
        harmed = claim.event_type in _VIOLENT and not any(m.passive_agent for m in mentions)
        if not actors and harmed:
            # civilians named alone in a violent event are the people harmed (ACLED's
            # actor 2): who harmed them stays unknown rather than the victims standing as
            # its actor.  In a protest or an evacuation they are its actor.
            claim.actor2, claim.actor2_stated = mentions[0].name, mentions[0].stated
            return
        mentions = actors or mentions
        agent: ActorMention | None = next((m for m in mentions if m.passive_agent), None)
        subject = next((m for m in mentions if not _acted_on(text, g.start, m)), None)
        a1 = agent or subject
        if a1 is None:
            # every actor named is acted on ("attacked Russian forces in Kozinka", "money
            # sent to the Ukrainian army"): who acted is not said, and is not guessed
            claim.actor2, claim.actor2_stated = mentions[0].name, mentions[0].stated
            return
        claim.actor1, claim.actor1_stated = a1.name or a1.stated, a1.stated
        for m in mentions:
            if m is not a1 and (m.name or m.stated) != claim.actor1:
                claim.actor2, claim.actor2_stated = m.name or m.stated, m.stated
                break


_COUNTRY_OF = {"Military Forces of Russia": "RU", "Military Forces of Ukraine": "UA"}


def _territory(claim: Claim, text: str, g: _Group) -> None:
    """ACLED: state forces taking ground in their own country regain it; anyone else overtakes it.

    The classifier cannot know where the place lies, so the choice is made here,
    once the place is known: the actor named nearest before the advance verb is
    the one that took the ground.
    """
    place = claim.place
    if place is None or not place.country_code:
        return
    verb = _ADVANCE.search(text, g.start, g.end)
    if verb is None:
        return
    before = [m for m in find_actors(text, g.start, verb.start()) if m.name]
    if not before:
        return
    mover = before[-1]
    cc = next((c for k, c in _COUNTRY_OF.items() if mover.name and mover.name.startswith(k)), None)
    if cc is None:
        return
    sub = (
        "Government regains territory"
        if cc == place.country_code
        else "Non-state actor overtakes territory"
    )
    claim.sub_event_type, claim.event_type = sub, event_type_of(sub)
    if claim.actor1 != mover.name:
        claim.actor2, claim.actor2_stated = claim.actor1, claim.actor1_stated
        claim.actor1, claim.actor1_stated = mover.name, mover.stated


def _unsure(claims: list[Claim], sure: float) -> bool:
    """Whether a passage's reading could change its claims: several claims, or a weak one."""
    return len(claims) > 1 or claims[0].confidence < sure


# A claim this confident alone in a passage keeps its type without reading the passage whole.
_PASSAGE_SURE = 0.7
# A passage this short is a snippet or a note, not an article: it tells one story.
_PASSAGE_CHARS = 800


def _is_passage(text: str, sentences: list[Sentence]) -> bool:
    """A short text of one paragraph with no headline lines in it."""
    return (
        len(text) <= _PASSAGE_CHARS
        and not any(s.headline for s in sentences)
        and len({s.paragraph for s in sentences}) <= 1
    )


def _vague(claim: Claim, g: _Group) -> bool:
    """Commentary about a whole country ("as Ukraine continues to launch drones...") is no incident:
    placed only at country level, with no date, no figure and no toll of its own."""
    p = claim.place
    return (
        p is not None
        and (p.feature_code or "").startswith("PCL")
        and g.date is None
        and not claim.quantities
        and claim.fatalities is None
    )

"""Findings: every incident tested against every clause.

A clause is a conjunction of tests (type, time, target class, weapon class,
zone).  Each test answers yes, no, or cannot tell:

- any "no"            -> ``not_applicable`` (the first reason is given);
- else any "cannot"   -> ``undetermined`` (what is missing is given);
- else                -> ``possible_violation``.

"Possible": a finding is only as strong as its incident, whose verification
status it inherits.  No party is named as responsible unless the incident's
attribution is verified.  Where the parties read a clause's window differently,
the finding is evaluated under each reading as well as under the text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from truceline.evaluate.agreement import Agreement, Clause, Reading, Window
from truceline.evaluate.zones import geodesic_km
from truceline.models import event_type_of

__all__ = ["OUTCOMES", "Finding", "Test", "evaluate_incident"]

Outcome = Literal["possible_violation", "not_applicable", "undetermined"]
OUTCOMES: tuple[Outcome, ...] = ("possible_violation", "undetermined", "not_applicable")
LABEL = {
    "possible_violation": "possible violation",
    "not_applicable": "not applicable",
    "undetermined": "cannot be determined",
}
# A location's uncertainty when the incident gives no radius, by ACLED geo_precision.
DEFAULT_RADIUS_KM = {1: 0.0, 2: 10.0, 3: 100.0}
# What a sub-event type says of the weapon where no report names it.
IMPLIED_WEAPON = {
    "Air/drone strike": "an aircraft or drone",
    "Grenade": "a grenade",
    "Suicide bomb": "a suicide bomb",
}
_QUOTE_CHARS = 220


@dataclass(slots=True)
class Test:
    name: str
    result: bool | None  # True holds, False fails, None cannot tell
    text: str
    # The same test for the public: no exact distance, no stated words (None: same as text).
    public: str | None = None

    def say(self, public: bool) -> str:
        return self.public if public and self.public is not None else self.text


@dataclass(slots=True)
class Finding:
    agreement_id: str
    incident_id: str
    clause_id: str
    status: Outcome
    verification_status: str
    rationale: str
    evidence: dict[str, Any] = field(default_factory=dict)
    readings: list[dict[str, Any]] = field(default_factory=list)
    responsible: str | None = None

    @property
    def id(self) -> str:
        key = f"{self.agreement_id}|{self.incident_id}|{self.clause_id}"
        return hashlib.sha256(key.encode()).hexdigest()[:32]

    def row(self, at: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "agreement_id": self.agreement_id,
            "incident_id": self.incident_id,
            "clause_id": self.clause_id,
            "status": self.status,
            "verification_status": self.verification_status,
            "rationale": self.rationale,
            "evidence": self.evidence,
            "readings": self.readings or None,
            "responsible": self.responsible,
            "evaluated_at": at,
        }


def _combine(tests: list[Test]) -> Outcome:
    if any(t.result is False for t in tests):
        return "not_applicable"
    if any(t.result is None for t in tests):
        return "undetermined"
    return "possible_violation"


def _why(status: Outcome, tests: list[Test], public: bool = False) -> str:
    """The tests that decided the outcome, in words."""
    if status == "not_applicable":
        decisive = [t for t in tests if t.result is False][:1]
    elif status == "undetermined":
        decisive = [t for t in tests if t.result is None]
    else:
        decisive = tests
    return "; ".join(t.say(public) for t in decisive)


def _coarse_km(d: float) -> str:
    """A distance the public may read where the location is protected: to the nearest 25 km."""
    step = 25
    if d < step / 2:
        return f"within about {step} km of the contact line"
    return f"about {step * round(d / step)} km from the contact line"


def _quote(text: str | None) -> str:
    """Report words as one line, with no curly quotes of their own (ours delimit quotations)."""
    q = " ".join((text or "").split())
    return q.replace("\u201c", '"').replace("\u201d", '"')


# ---- the tests ---------------------------------------------------------------------------


def _type_test(clause: Clause, inc: dict[str, Any]) -> Test:
    rule = clause.rule
    sub = inc.get("sub_event_type")
    event = inc.get("event_type") or event_type_of(sub)
    if not rule.event_types and not rule.sub_event_types:
        return Test("type", True, "the clause covers every type of incident")
    if not sub and not event:
        return Test("type", None, "the incident's type is not known")
    what = f"{sub} ({event})" if sub and event else (sub or event)
    if (sub and sub in rule.sub_event_types) or (event and event in rule.event_types):
        return Test("type", True, f"{what} is an act the clause prohibits")
    return Test("type", False, f"{what} is not an act the clause prohibits")


def _date_range(inc: dict[str, Any]) -> tuple[date, date] | None:
    try:
        d = date.fromisoformat(str(inc.get("event_date"))[:10])
    except ValueError:
        return None
    precision = inc.get("time_precision") or 1
    if precision == 2:
        return d - timedelta(days=3), d + timedelta(days=3)
    if precision >= 3:
        first = d.replace(day=1)
        nxt = (first + timedelta(days=32)).replace(day=1)
        return first, nxt - timedelta(days=1)
    return d, d


def _window_of(clause: Clause, agreement: Agreement) -> Window:
    return clause.window or agreement.spec.window


def _reading_window(text: Window, reading: Reading) -> tuple[date, date | None]:
    start = reading.start or text.start
    if reading.end is not None:
        end: date | None = reading.end
    elif reading.days is not None:
        end = start + timedelta(days=reading.days - 1)
    elif text.end is not None:
        end = start + (text.end - text.start)  # the same duration, from the party's start
    else:
        end = None
    return start, end


def _time_test(inc: dict[str, Any], start: date, end: date | None, tz: str) -> Test:
    span = f"{start.isoformat()} to {end.isoformat() if end else 'open-ended'} ({tz} dates)"
    rng = _date_range(inc)
    if rng is None:
        return Test("time", None, "the incident's date is not known")
    lo, hi = rng
    when = (
        inc["event_date"]
        if lo == hi
        else f"{lo.isoformat()}..{hi.isoformat()} (date known only to the {'week' if (hi - lo).days < 8 else 'month'})"
    )
    if lo >= start and (end is None or hi <= end):
        return Test("time", True, f"{when} is within the window {span}")
    if hi < start:
        return Test("time", False, f"{when} is before the window {span} begins")
    if end is not None and lo > end:
        return Test("time", False, f"{when} is after the window {span} ends")
    return Test("time", None, f"{when} straddles an edge of the window {span}")


def _alias_classes(text: str | None, table: dict[str, list[str]]) -> set[str]:
    if not text:
        return set()
    low = text.lower()
    found = {k for k in table if k.lower() == low.strip()}
    for cls, aliases in table.items():
        for a in aliases:
            if re.search(r"(?<![a-z0-9])" + re.escape(a.lower()), low):
                found.add(cls)
                break
    return found


@dataclass(slots=True)
class _Target:
    classes: set[str]
    why: str
    public: str | None = None  # the reason without the distance to a site
    confidential_site: bool = False


def _site_name(s: Any) -> str:
    return "a registered protected site (confidential)" if s.confidential else s.name


def _target_classes(
    agreement: Agreement, inc: dict[str, Any], members: list[dict[str, Any]]
) -> _Target:
    """The target classes the evidence supports, and where they come from (most direct first)."""
    spec = agreement.spec
    table = {k: v.aliases for k, v in spec.target_classes.items()}
    sites = {s.id: s for s in spec.protected_sites.sites}
    site_ids = [inc.get("site_id")] + [m.get("site_id") for m in members]
    for sid in site_ids:
        if sid and sid in sites:
            s = sites[sid]
            return _Target(
                {s.site_class},
                f"the incident is at {_site_name(s)}, a site of class {s.site_class}",
                confidential_site=s.confidential,
            )
    coded = (
        [inc.get("target_class")]
        + [m.get("site_class") for m in members]
        + [m.get("target_class") for m in members]
    )
    found: set[str] = set()
    for c in coded:
        found |= _alias_classes(c, table)
    if found:
        stated = next(
            (m["target"] for m in members if m.get("target") and not m.get("protected")), None
        )
        words = f", stated as \u201c{_quote(stated)}\u201d" if stated else ""
        return _Target(found, f"as the reports code it{words}")
    for m in members:
        cls = _alias_classes(m.get("target"), table)
        if cls and m.get("protected"):
            # a protected reporter's words are never quoted, even in reasoning
            return _Target(cls, "a report from a protected source codes the target so")
        if cls:
            return _Target(cls, f"a report states the target as \u201c{_quote(m['target'])}\u201d")
    lat, lon = inc.get("latitude"), inc.get("longitude")
    if lat is not None and lon is not None and (inc.get("geo_precision") or 1) == 1:
        for s in spec.protected_sites.sites:
            d = geodesic_km(lat, lon, s.latitude, s.longitude)
            if d <= spec.protected_sites.match_radius_km:
                return _Target(
                    {s.site_class},
                    f"the incident is located {d:.1f} km (geodesic) from {_site_name(s)} ({s.site_class})",
                    f"the incident is located within {spec.protected_sites.match_radius_km:g} km of {_site_name(s)} ({s.site_class})",
                    confidential_site=s.confidential,
                )
    for m in members:
        if m.get("protected"):
            continue  # a protected reporter's words are never quoted, even in reasoning
        words = m.get("evidence") or ""
        cls = _alias_classes(words, table)
        if cls:
            hit = next(
                a
                for c in cls
                for a in table[c]
                if re.search(r"(?<![a-z0-9])" + re.escape(a.lower()), words.lower())
            )
            return _Target(cls, f"inferred from the words \u201c{hit}\u201d in a report")
    return _Target(set(), "the reports do not say what was hit")


def _target_test(
    clause: Clause, agreement: Agreement, inc: dict[str, Any], members: list[dict[str, Any]]
) -> Test | None:
    wanted = set(clause.rule.target_classes)
    if not wanted:
        return None
    t = _target_classes(agreement, inc, members)
    names = ", ".join(sorted(wanted))
    pub = t.public if t.public is not None else t.why
    if t.classes & wanted:
        return Test(
            "target", True, f"the target is {names} ({t.why})", f"the target is {names} ({pub})"
        )
    if t.classes:
        got = ", ".join(sorted(t.classes))
        return Test(
            "target",
            False,
            f"the target is {got}, not {names} ({t.why})",
            f"the target is {got}, not {names} ({pub})",
        )
    return Test("target", None, f"{t.why}, so it cannot be told whether {names} was hit")


def _weapon_test(
    clause: Clause, agreement: Agreement, inc: dict[str, Any], members: list[dict[str, Any]]
) -> Test | None:
    wanted = set(clause.rule.weapon_classes)
    if not wanted:
        return None
    table = {k: v.aliases for k, v in agreement.spec.weapon_classes.items()}
    stated = [w for w in [inc.get("weapon")] + [m.get("weapon") for m in members] if w]
    found: set[str] = set()
    for w in stated:
        found |= _alias_classes(w, table)
    names = ", ".join(sorted(wanted))
    if found & wanted:
        return Test("weapon", True, f"the weapon ({stated[0]}) is of class {names}")
    if found or stated:
        return Test("weapon", False, f"the weapon ({stated[0]}) is not of class {names}")
    implied = IMPLIED_WEAPON.get(inc.get("sub_event_type") or "")
    if implied:
        return Test("weapon", False, f"the incident type implies {implied}, not {names}")
    return Test(
        "weapon", None, f"no report names the weapon, so it cannot be told whether it was {names}"
    )


def _radius(inc: dict[str, Any]) -> float:
    if inc.get("radius_km") is not None:
        return float(inc["radius_km"])
    return DEFAULT_RADIUS_KM.get(inc.get("geo_precision") or 1, 0.0)


def _zone_test(clause: Clause, agreement: Agreement, inc: dict[str, Any]) -> Test | None:
    zone = clause.rule.zone
    if zone is None:
        return None
    zt = agreement.zones.test(zone, inc.get("longitude"), inc.get("latitude"), _radius(inc))
    label = agreement.spec.geometry.zones[zone].label or zone.replace("_", " ")
    text = zt.describe().replace(f"the {zone}", f"the {label}")
    public = zt.describe(public=True).replace(f"the {zone}", f"the {label}")
    if clause.rule.weapon_classes:
        note = " (the location is where the incident was reported: for a strike, the point of impact, not the firing position)"
        text += note
        public += note
    return Test("zone", zt.inside, text, public)


# ---- evidence, attribution, the rationale --------------------------------------------------


def _evidence(members: list[dict[str, Any]]) -> dict[str, Any]:
    items = []
    for m in members:
        protected = bool(m.get("protected"))
        items.append(
            {
                "claim_id": m.get("id"),
                "document_id": None if protected else m.get("document_id"),
                "external_id": None if protected else m.get("external_id"),
                "source": "protected source" if protected else m.get("source"),
                "published": m.get("published"),
                "claimed_by": None if protected else m.get("claimed_by"),
                "quote": None if protected else (m.get("evidence") or None),
                "protected": protected,
            }
        )
    return {"claims": items}


def _evidence_text(inc: dict[str, Any], members: list[dict[str, Any]]) -> str:
    """The reports quoted with source and date; a protected source is counted, never quoted."""
    if not members:
        return "Evidence: no member reports are stored for this incident."
    n_src = inc.get("independent_sources") or len({m.get("source") for m in members})
    head = (
        f"Evidence: {len(members)} report{'s' if len(members) != 1 else ''} from "
        f"{n_src} independent source{'s' if n_src != 1 else ''}"
    )
    quotes = []
    ordered = sorted(members, key=lambda m: bool(m.get("protected")))  # public words first
    for m in ordered:
        if m.get("protected"):
            quotes.append("a report from a protected source (not quoted)")
            continue
        q = _quote(m.get("evidence"))
        if len(q) > _QUOTE_CHARS:
            q = q[: _QUOTE_CHARS - 1].rstrip() + "\u2026"
        who = m.get("source") or "unknown source"
        when = f", {m['published'][:10]}" if m.get("published") else ""
        by = f", according to {_quote(m['claimed_by'])}" if m.get("claimed_by") else ""
        quotes.append(f"\u201c{q}\u201d ({who}{when}{by})" if q else f"a report by {who}{when}")
        if len(quotes) >= 3:
            break
    more = len(members) - len(quotes)
    tail = f"; and {more} more" if more > 0 else ""
    return head + ": " + "; ".join(quotes) + tail + "."


def party_of(agreement: Agreement, actor: str | None) -> str | None:
    if not actor:
        return None
    low = actor.lower()
    hits = [p.id for p in agreement.spec.parties if any(a.lower() in low for a in p.actors)]
    return hits[0] if len(hits) == 1 else None


def _attribution(agreement: Agreement, inc: dict[str, Any]) -> tuple[str | None, str]:
    """The responsible party only where the incident and who acted are verified and uncontested."""
    party = party_of(agreement, inc.get("actor1"))
    status = inc.get("status") or "reported"
    contested = "actor1" in (inc.get("disagreements") or {})
    if party and status == "verified" and not contested:
        return (
            party,
            f"Responsibility: attributed to {agreement.party(party).name}; the incident and its attribution are verified.",
        )
    if contested:
        why = "the reports disagree on who acted"
    elif status != "verified":
        why = f"the incident is {status}, not verified"
    else:
        why = "the incident is verified, but the reports do not establish which party acted"
    return None, f"Responsibility: no party is named ({why})."


def _geometry(agreement: Agreement, inc: dict[str, Any]) -> tuple[str, str]:
    """Where the incident lies against the contact line: (internal, public) sentences."""
    lat, lon = inc.get("latitude"), inc.get("longitude")
    if lat is None or lon is None:
        return "Geometry: the incident's location is not known.", ""
    d = agreement.zones.distance_km(lon, lat)
    if d is None:
        return "", ""
    r = _radius(inc)
    unc = f", location uncertain by \u00b1{r:g} km" if r else ""
    return (
        f"Geometry: the incident is {d:.1f} km from the contact line (geodesic){unc}.",
        f"Geometry: the incident is {_coarse_km(d)} (rounded: the location is protected).",
    )


def _binds_test(clause: Clause, agreement: Agreement, inc: dict[str, Any]) -> Test | None:
    bound = set(clause.binds)
    if not bound or bound >= {p.id for p in agreement.spec.parties}:
        return None
    names = " and ".join(agreement.party(p).name for p in sorted(bound))
    responsible, _ = _attribution(agreement, inc)
    if responsible is None:
        return Test("party", None, f"the clause binds {names} only, and who acted is not verified")
    if responsible in bound:
        return Test("party", True, f"the clause binds {names}, who acted (verified)")
    return Test("party", False, f"the clause binds {names} only")


def _clause_tests(
    clause: Clause, agreement: Agreement, inc: dict[str, Any], members: list[dict[str, Any]]
) -> list[Test]:
    tests = [_type_test(clause, inc)]
    for t in (
        _binds_test(clause, agreement, inc),
        _target_test(clause, agreement, inc, members),
        _weapon_test(clause, agreement, inc, members),
        _zone_test(clause, agreement, inc),
    ):
        if t is not None:
            tests.append(t)
    return tests


def _verification(inc: dict[str, Any]) -> str:
    status = inc.get("status") or "reported"
    why = (
        f" ({_quote(inc['status_reason'])})"
        if inc.get("status_reason") and status != "refuted"
        else ""
    )
    return f"Verification: the incident is {status}{why}; this finding inherits that status."


def evaluate_clause(
    agreement: Agreement, clause: Clause, inc: dict[str, Any], members: list[dict[str, Any]]
) -> Finding:
    """One clause against one incident.

    The rationale is written twice: for the record, and for the public where
    the incident's location is protected (a monitor's fix, a confidential
    site): the same reasoning with distances rounded.  The public text is kept
    in ``evidence["public_rationale"]`` for `truceline.publish.redact`.
    """
    status_v = inc.get("status") or "reported"
    head = f"Clause {clause.id} ({clause.title})"
    evidence = _evidence(members)
    sub = inc.get("sub_event_type")
    tz = agreement.timezone(clause)
    window = _window_of(clause, agreement)
    geo, geo_public = _geometry(agreement, inc)
    ev_text = _evidence_text(inc, members)
    verification = _verification(inc)

    def done(
        status: Outcome,
        body: list[str],
        public: list[str] | None = None,
        readings: list[dict[str, Any]] | None = None,
        responsible: str | None = None,
    ) -> Finding:
        # One labelled sentence a line ("Geometry: ...", "Evidence: ..."): readers scan them.
        evidence["public_rationale"] = "\n".join(x for x in (public or body) if x)
        return Finding(
            agreement_id=agreement.id,
            incident_id=inc["id"],
            clause_id=clause.id,
            status=status,
            verification_status=status_v,
            rationale="\n".join(x for x in body if x),
            evidence=evidence,
            readings=readings or [],
            responsible=responsible,
        )

    if status_v == "refuted":
        return done(
            "not_applicable",
            [
                f"{head}: not applicable.",
                f"Verification: the incident was refuted ({_quote(inc.get('status_reason')) or 'see the analyst decision'}); a refuted incident cannot breach a clause.",
                ev_text,
            ],
        )
    if sub in clause.rule.exempt:
        reason = " ".join(clause.rule.exempt[sub].split())
        what = [
            f"{head}: not applicable.",
            f"Under the agreement's text: the incident is {sub} ({inc.get('event_type') or event_type_of(sub)}). {reason}",
        ]
        tail = [ev_text, verification, "Responsibility: no breach, so no party is named."]
        return done("not_applicable", [*what, geo, *tail], [*what, geo_public, *tail])

    tests = _clause_tests(clause, agreement, inc, members)
    target = next((t for t in tests if t.name == "target"), None)
    if target is not None:
        evidence["confidential_site"] = _target_classes(agreement, inc, members).confidential_site
    time_test = _time_test(inc, window.start, window.end, tz)
    status = _combine(tests + [time_test])
    evidence["tests"] = [
        {"test": t.name, "result": t.result, "text": t.text} for t in tests + [time_test]
    ]
    zone = next((t for t in tests if t.name == "zone"), None)
    if zone is not None:
        zt = agreement.zones.test(
            clause.rule.zone, inc.get("longitude"), inc.get("latitude"), _radius(inc)
        )  # type: ignore[arg-type]
        evidence["geometry"] = {
            "zone": zt.zone,
            "limit_km": zt.limit_km,
            "distance_km": zt.distance_km,
            "radius_km": zt.radius_km,
            "inside": zt.inside,
        }
    elif inc.get("latitude") is not None and agreement.zones.line is not None:
        evidence["geometry"] = {
            "distance_km": round(agreement.zones.distance_km(inc["longitude"], inc["latitude"]), 3)
        }

    readings: list[dict[str, Any]] = []
    for r in clause.readings:
        start, end = _reading_window(window, r)
        t = _time_test(inc, start, end, tz)
        r_status = _combine(tests + [t])
        readings.append(
            {
                "party": r.party,
                "party_name": agreement.party(r.party).name,
                "start": start.isoformat(),
                "end": end.isoformat() if end else None,
                "status": r_status,
                "reason": _why(r_status, tests + [t]),
                "public_reason": _why(r_status, tests + [t], public=True),
                "source": r.source,
            }
        )

    responsible, resp_text = None, ""
    if status == "possible_violation" or any(r["status"] == "possible_violation" for r in readings):
        responsible, resp_text = _attribution(agreement, inc)

    def render(public: bool) -> list[str]:
        out = [
            f"{head}: {LABEL[status]}.",
            f"Under the agreement's text: {_why(status, tests + [time_test], public)}.",
        ]
        if zone is None:
            out.append(geo_public if public else geo)
        for r in readings:
            because = r["public_reason"] if public else r["reason"]
            out.append(
                f"Under {r['party_name']}'s reading ({r['start']} to {r['end'] or 'open-ended'}): {LABEL[r['status']]}"
                + (f", because {because}." if r["status"] != "possible_violation" else ".")
            )
        return [*out, ev_text, verification, resp_text]

    return done(status, render(False), render(True), readings, responsible)


def evaluate_incident(
    agreement: Agreement, inc: dict[str, Any], members: list[dict[str, Any]]
) -> list[Finding]:
    """One finding per clause for one incident."""
    return [evaluate_clause(agreement, c, inc, members) for c in agreement.clauses]

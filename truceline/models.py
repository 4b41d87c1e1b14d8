"""The records that pass between the pipeline's stages.

These are plain dataclasses, cheap enough to hold a million of, and free of any
storage concern: the store maps them to tables, the API to JSON.  Field names
follow design.md and ACLED's export so that exports need no renaming.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "ACLED_TAXONOMY",
    "QUANTITY_KEYS",
    "ROLES",
    "STATUSES",
    "SUB_EVENT_TYPES",
    "Claim",
    "Document",
    "Incident",
    "Place",
    "event_type_of",
    "sha256",
]

ACLED_TAXONOMY: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
SUB_EVENT_TYPES: dict[str, str] = {
    sub: event for event, subs in ACLED_TAXONOMY.items() for sub in subs
}

# The only keys a claim's quantities may carry (design.md, evaluation interface).
QUANTITY_KEYS = (
    "drones_launched",
    "drones_intercepted",
    "missiles_launched",
    "missiles_intercepted",
    "shells_fired",
    "injured",
    "area_m2",
    "personnel",
)

# Access roles, each allowed what the ones before it are.
ROLES = ("public", "monitor", "analyst", "admin")

# Verification statuses, in the order evidence raises them; the last two are exits.
STATUSES = ("reported", "corroborated", "verified", "disputed", "refuted")


def event_type_of(sub_event_type: str | None) -> str | None:
    """The ACLED event type that a sub-event type belongs to."""
    return SUB_EVENT_TYPES.get(sub_event_type) if sub_event_type else None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(slots=True)
class Document:
    """One input as received: the original bytes and where they came from."""

    sha256: str
    raw: bytes
    text: str
    media_type: str = "text/plain"
    source: str | None = None  # the publisher or reporting body
    reliability: str = "F"  # Admiralty source reliability, A (reliable) .. F (cannot be judged)
    credibility: int = 6  # Admiralty information credibility, 1 (confirmed) .. 6 (cannot be judged)
    external_id: str | None = None  # the ID the source gave it (a report ID, a feed entry ID)
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date or datetime
    retrieved: str | None = None
    language: str | None = "en"
    # Structured reports carry coded fields (event_date, location, coordinates, type);
    # extraction takes them as the source gives them.
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.sha256


@dataclass(slots=True)
class Place:
    """A resolved place, with the provenance a reader needs to check it."""

    name: str  # the name as written in the text
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    feature_code: str | None = None  # GeoNames feature code (PPLC, PPLA, ADM1, ...) or SITE
    country_code: str | None = None
    admin1: str | None = None  # region name (oblast, krai, state)
    geo_precision: int | None = None  # ACLED: 1 town/point, 2 near town / part of region, 3 region
    radius_km: float | None = None  # uncertainty radius
    start: int | None = None  # character span in the text it came from
    end: int | None = None
    score: float = 0.0
    site_id: str | None = None  # set when the place is a registered site
    site_class: str | None = None  # energy, water, medical, government, ...
    confidential: bool = False  # matched, but coordinates are never published

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Claim:
    """One incident as one document tells it."""

    doc_id: str
    event_type: str | None = None
    sub_event_type: str | None = None
    event_date: str | None = None  # YYYY-MM-DD
    time_precision: int | None = None  # 1 day, 2 week, 3 month
    time_of_day: str | None = None  # "03:40", "night", "morning" where stated
    place: Place | None = None
    fatalities: int | None = None
    actor1: str | None = None  # ACLED-style name where clear, else as stated
    actor2: str | None = None
    actor1_stated: str | None = None  # the words the text used
    actor2_stated: str | None = None
    claimed_by: str | None = None  # "the regional governor", "the Ministry of Defence"
    quantities: dict[str, int] = field(default_factory=dict)
    target: str | None = None  # what was hit, as stated ("oil refinery")
    target_class: str | None = None  # energy, residential, medical, military, ...
    weapon: str | None = None  # drone, missile, artillery, MLRS, ...
    span: tuple[int, int] = (0, 0)
    evidence: str = ""  # the text of the span
    confidence: float = 0.5
    id: str | None = None  # set by the store

    def contract(self) -> dict[str, Any]:
        """The claim as `truceline extract` prints it (design.md §1)."""
        p = self.place
        return {
            "doc_id": self.doc_id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "event_date": self.event_date,
            "time_precision": self.time_precision,
            "location": p.name if p else None,
            "admin1": p.admin1 if p else None,
            "country_code": p.country_code if p else None,
            "latitude": p.latitude if p else None,
            "longitude": p.longitude if p else None,
            "geo_precision": p.geo_precision if p else None,
            "fatalities": self.fatalities,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "claimed_by": self.claimed_by,
            "quantities": dict(self.quantities),
            "span": list(self.span),
            "confidence": round(self.confidence, 3),
        }


@dataclass(slots=True)
class Incident:
    """One real event: a cluster of claims with merged fields and a status."""

    id: str
    claim_ids: list[str] = field(default_factory=list)
    event_type: str | None = None
    sub_event_type: str | None = None
    event_date: str | None = None
    time_precision: int | None = None
    location: str | None = None
    admin1: str | None = None
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    radius_km: float | None = None
    fatalities: int | None = None
    actor1: str | None = None
    actor2: str | None = None
    quantities: dict[str, int] = field(default_factory=dict)
    target_class: str | None = None
    weapon: str | None = None
    status: str = "reported"
    # field -> list of {"value", "claims": [...], "sources": [...]} where members differ
    disagreements: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    independent_sources: int = 1

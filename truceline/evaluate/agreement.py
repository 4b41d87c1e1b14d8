"""Agreements as code: a YAML file, validated by a schema, loaded into an `Agreement`.

An agreement names its parties, its effective window (with a time zone), the
geometry it draws (the contact line and zones measured from it), the classes of
protected targets, and its clauses.  A clause is a rule over incident fields:
type, sub-type, target class, zone, time, weapon class.  Where the parties read a
clause differently (two start dates, say), each reading is recorded and every
finding is evaluated under each of them as well as under the text.

Every error names the file, the clause and the field, so that a drafter can fix
the file without reading this code.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from truceline.errors import AgreementError
from truceline.evaluate.zones import Zones, load_line
from truceline.models import ACLED_TAXONOMY, SUB_EVENT_TYPES

__all__ = [
    "Agreement",
    "AgreementSpec",
    "Clause",
    "Reading",
    "Window",
    "agreement_from_body",
    "example_agreement_path",
    "load_agreement",
]

EXAMPLES = Path(__file__).with_name("examples")


def example_agreement_path() -> Path:
    """The illustrative agreement shipped with the package."""
    return EXAMPLES / "ceasefire-2025-03.yaml"


class _Strict(BaseModel):
    # A misspelt key is an error, not a silently ignored rule.
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Party(_Strict):
    id: str
    name: str
    # Substrings that identify the party's forces in an incident's actor fields.
    actors: list[str] = Field(default_factory=list)


class Window(_Strict):
    """Inclusive local dates; `days` may stand in for `end`."""

    start: date
    end: date | None = None
    days: int | None = Field(default=None, gt=0)
    timezone: str | None = None

    @model_validator(mode="after")
    def _end(self) -> Window:
        if self.end is None and self.days is not None:
            self.end = self.start + timedelta(days=self.days - 1)
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                ZoneInfo(v)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(
                    f"unknown time zone {v!r} (use an IANA name like Europe/Kyiv)"
                ) from None
        return v

    def describe(self) -> str:
        end = self.end.isoformat() if self.end else "open-ended"
        return f"{self.start.isoformat()} to {end}"


class Reading(_Strict):
    """One party's reading of a clause's window where the parties differ."""

    party: str
    start: date | None = None
    end: date | None = None
    days: int | None = Field(default=None, gt=0)
    source: str | None = None  # the statement the reading rests on
    note: str | None = None


class TargetClass(_Strict):
    description: str | None = None
    # Words in a claim's stated target ("oil refinery") that place it in this class.
    aliases: list[str] = Field(default_factory=list)


class WeaponClass(_Strict):
    description: str | None = None
    aliases: list[str] = Field(default_factory=list)


class Site(_Strict):
    id: str
    name: str
    site_class: str = Field(alias="class")
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    confidential: bool = False


class ProtectedSites(_Strict):
    classes: list[str] = Field(default_factory=list)
    # An incident located (to the town or better) within this distance of a site is on it.
    match_radius_km: float = Field(default=1.0, gt=0)
    sites: list[Site] = Field(default_factory=list)


class ZoneDef(_Strict):
    """A band along the contact line: `each_side_km`, or a total `width_km` split equally."""

    label: str | None = None
    each_side_km: float | None = Field(default=None, gt=0)
    width_km: float | None = Field(default=None, gt=0)
    weapon_classes: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _width(self) -> ZoneDef:
        if (self.each_side_km is None) == (self.width_km is None):
            raise ValueError("give exactly one of each_side_km or width_km")
        return self

    @property
    def half_km(self) -> float:
        """Distance from the line on each side."""
        return self.each_side_km if self.each_side_km is not None else self.width_km / 2  # type: ignore[operator]


class Geometry(_Strict):
    # A GeoJSON file (relative to the agreement file) or inline GeoJSON.
    contact_line: str | dict[str, Any] | None = None
    zones: dict[str, ZoneDef] = Field(default_factory=dict)


class Rule(_Strict):
    """What a clause prohibits; every condition given must hold."""

    event_types: list[str] = Field(default_factory=list)
    sub_event_types: list[str] = Field(default_factory=list)
    target_classes: list[str] = Field(default_factory=list)
    weapon_classes: list[str] = Field(default_factory=list)
    zone: str | None = None
    # sub_event_type -> why the clause does not reach it (e.g. interceptions are defensive)
    exempt: dict[str, str] = Field(default_factory=dict)

    @field_validator("event_types")
    @classmethod
    def _events(cls, v: list[str]) -> list[str]:
        for e in v:
            if e not in ACLED_TAXONOMY:
                raise ValueError(f"{e!r} is not an ACLED event type ({', '.join(ACLED_TAXONOMY)})")
        return v

    @field_validator("sub_event_types", "exempt")
    @classmethod
    def _subs(cls, v: list[str] | dict[str, str]) -> list[str] | dict[str, str]:
        for s in v:  # the list's items, or the exemptions' keys
            if s not in SUB_EVENT_TYPES:
                raise ValueError(f"{s!r} is not an ACLED sub-event type")
        return v


class Clause(_Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    title: str
    text: str | None = None
    binds: list[str] = Field(default_factory=list)  # party IDs; empty: all parties
    rule: Rule
    window: Window | None = None  # the clause's own window; else the agreement's
    readings: list[Reading] = Field(default_factory=list)


class AgreementSpec(_Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    name: str
    version: str
    note: str | None = None
    parties: list[Party] = Field(min_length=1)
    window: Window
    geometry: Geometry = Field(default_factory=Geometry)
    target_classes: dict[str, TargetClass] = Field(default_factory=dict)
    weapon_classes: dict[str, WeaponClass] = Field(default_factory=dict)
    protected_sites: ProtectedSites = Field(default_factory=ProtectedSites)
    clauses: list[Clause] = Field(min_length=1)


@dataclass(frozen=True)
class Agreement:
    """A validated agreement, with its geometry built and a content ID."""

    spec: AgreementSpec
    zones: Zones
    id: str  # SHA-256 of the normalised body: the same agreement loads to the same ID
    source: str

    @property
    def clauses(self) -> list[Clause]:
        return self.spec.clauses

    def clause(self, clause_id: str) -> Clause:
        for c in self.spec.clauses:
            if c.id == clause_id:
                return c
        raise KeyError(clause_id)

    def party(self, party_id: str) -> Party:
        return next(p for p in self.spec.parties if p.id == party_id)

    def timezone(self, clause: Clause) -> str:
        return (clause.window and clause.window.timezone) or self.spec.window.timezone or "UTC"

    def body(self) -> dict[str, Any]:
        """The agreement as stored: JSON, with the contact line inlined."""
        body = self.spec.model_dump(mode="json", by_alias=True)
        body["geometry"]["contact_line"] = self.zones.line_geojson()
        return body


def _clause_name(raw: Any, loc: tuple[Any, ...]) -> tuple[str | None, str]:
    """Turn a pydantic error location into (clause, field) for the message."""
    clause = None
    rest = list(loc)
    if len(rest) >= 2 and rest[0] == "clauses" and isinstance(rest[1], int):
        idx = rest[1]
        try:
            clause = str(raw["clauses"][idx].get("id") or f"#{idx + 1}")
        except (KeyError, IndexError, TypeError, AttributeError):
            clause = f"#{idx + 1}"
        rest = rest[2:]
    field = ".".join(str(p) for p in rest) or None
    return clause, field or "(clause)"


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AgreementError("file not found", source=str(path)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise AgreementError(f"cannot read the file: {e}", source=str(path)) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(e, "problem", None) or "invalid YAML"
        raise AgreementError(f"not valid YAML{where}: {problem}", source=str(path)) from None


def _check_references(spec: AgreementSpec, source: str) -> None:
    """Names that one part of the file uses and another must define."""
    party_ids = {p.id for p in spec.parties}
    zones = spec.geometry.zones
    for name, z in zones.items():
        for w in z.weapon_classes:
            if w not in spec.weapon_classes:
                raise AgreementError(
                    f"weapon class {w!r} is not defined under weapon_classes",
                    source=source,
                    field=f"geometry.zones.{name}.weapon_classes",
                )
    for c in spec.protected_sites.classes:
        if c not in spec.target_classes:
            raise AgreementError(
                f"class {c!r} is not defined under target_classes",
                source=source,
                field="protected_sites.classes",
            )
    for i, s in enumerate(spec.protected_sites.sites):
        if s.site_class not in spec.target_classes:
            raise AgreementError(
                f"site {s.id!r} has class {s.site_class!r}, not defined under target_classes",
                source=source,
                field=f"protected_sites.sites.{i}.class",
            )
    seen: set[str] = set()
    for c in spec.clauses:
        if c.id in seen:
            raise AgreementError("clause ID is used twice", source=source, clause=c.id, field="id")
        seen.add(c.id)
        for p in c.binds:
            if p not in party_ids:
                raise AgreementError(
                    f"party {p!r} is not among the parties ({', '.join(sorted(party_ids))})",
                    source=source,
                    clause=c.id,
                    field="binds",
                )
        for i, r in enumerate(c.readings):
            if r.party not in party_ids:
                raise AgreementError(
                    f"party {r.party!r} is not among the parties ({', '.join(sorted(party_ids))})",
                    source=source,
                    clause=c.id,
                    field=f"readings.{i}.party",
                )
            if r.start is None and r.end is None and r.days is None:
                raise AgreementError(
                    "a reading must give the start, end or days that the party reads differently",
                    source=source,
                    clause=c.id,
                    field=f"readings.{i}",
                )
        for t in c.rule.target_classes:
            if t not in spec.target_classes:
                raise AgreementError(
                    f"target class {t!r} is not defined under target_classes",
                    source=source,
                    clause=c.id,
                    field="rule.target_classes",
                )
        for w in c.rule.weapon_classes:
            if w not in spec.weapon_classes:
                raise AgreementError(
                    f"weapon class {w!r} is not defined under weapon_classes",
                    source=source,
                    clause=c.id,
                    field="rule.weapon_classes",
                )
        if c.rule.zone is not None:
            if c.rule.zone not in zones:
                raise AgreementError(
                    f"zone {c.rule.zone!r} is not defined under geometry.zones",
                    source=source,
                    clause=c.id,
                    field="rule.zone",
                )
            if spec.geometry.contact_line is None:
                raise AgreementError(
                    "the clause tests a zone but the agreement has no contact line",
                    source=source,
                    clause=c.id,
                    field="rule.zone",
                )


def _build(raw: Any, source: str, base_dir: Path | None, contact_line: Path | None) -> Agreement:
    if not isinstance(raw, dict):
        raise AgreementError("the file must hold a mapping of agreement fields", source=source)
    try:
        spec = AgreementSpec.model_validate(raw)
    except ValidationError as e:
        err = e.errors()[0]
        clause, field = _clause_name(raw, tuple(err["loc"]))
        more = f" (and {e.error_count() - 1} more problems)" if e.error_count() > 1 else ""
        msg = err["msg"].removeprefix("Value error, ")
        raise AgreementError(msg + more, source=source, clause=clause, field=field) from None
    _check_references(spec, source)
    line_src: str | dict[str, Any] | Path | None = spec.geometry.contact_line
    if contact_line is not None:
        line_src = contact_line
    elif isinstance(line_src, str):
        p = Path(line_src)
        line_src = p if p.is_absolute() or base_dir is None else base_dir / p
    try:
        line = load_line(line_src) if line_src is not None else None
    except ValueError as e:
        raise AgreementError(str(e), source=source, field="geometry.contact_line") from None
    zones = Zones(line, {k: v.half_km for k, v in spec.geometry.zones.items()})
    body = spec.model_dump(mode="json", by_alias=True)
    body["geometry"]["contact_line"] = zones.line_geojson()
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
    return Agreement(spec=spec, zones=zones, id=digest, source=source)


def load_agreement(path: str | Path, *, contact_line: str | Path | None = None) -> Agreement:
    """Load and validate an agreement file.

    ``contact_line`` replaces the file's line with another GeoJSON file (tests and
    the demo use a detailed line that the package may not ship).  Raises
    AgreementError naming the file, the clause and the field.
    """
    path = Path(path)
    raw = _read_yaml(path)
    return _build(raw, str(path), path.parent, Path(contact_line) if contact_line else None)


def agreement_from_body(body: dict[str, Any], *, source: str = "<stored agreement>") -> Agreement:
    """Rebuild an agreement from its stored body (the contact line is inline)."""
    return _build(body, source, None, None)

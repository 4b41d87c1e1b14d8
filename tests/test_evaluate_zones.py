"""Zone tests and buffer distances agree with pyproj geodesics to 0.1 km.

The detailed line of 14 March 2025 (../shared/data/frontline) is read, never copied.
"""

from __future__ import annotations

import numpy as np
import pytest
from pyproj import Geod
from shapely.geometry import Point
from test_evaluate_fixtures import FRONTLINE

from truceline.evaluate import example_agreement_path, load_agreement
from truceline.evaluate.zones import Zones, load_line

GEOD = Geod(ellps="WGS84")
pytestmark = pytest.mark.skipif(not FRONTLINE.exists(), reason="shared frontline data not present")


@pytest.fixture(scope="module")
def line():
    return load_line(FRONTLINE)


@pytest.fixture(scope="module")
def zones(line):
    return Zones(line, {"security_zone": 5.0, "artillery_withdrawal": 25.0})


def reference_km(line, lon: float, lat: float, step_m: float = 20.0) -> float:
    """Brute force: the line densified every 20 m along geodesics, nearest vertex by Geod.inv."""
    best = np.inf
    for part in line.geoms:
        xs, ys = [], []
        coords = list(part.coords)
        for (x1, y1), (x2, y2) in zip(coords, coords[1:], strict=False):
            # only segments that could be near: a cheap planar bound in degrees
            if min(abs(x1 - lon), abs(x2 - lon)) > 1.5 or min(abs(y1 - lat), abs(y2 - lat)) > 1.0:
                continue
            n = int(GEOD.inv(x1, y1, x2, y2)[2] // step_m)
            pts = [(x1, y1), *(GEOD.npts(x1, y1, x2, y2, n) if n > 0 else []), (x2, y2)]
            xs += [p[0] for p in pts]
            ys += [p[1] for p in pts]
        if xs:
            d = GEOD.inv(np.full(len(xs), lon), np.full(len(xs), lat), np.array(xs), np.array(ys))[
                2
            ]
            best = min(best, float(np.min(d)))
    return best / 1000.0


def offset_from_line(line, index: int, km: float) -> tuple[float, float]:
    """A point `km` from the line, perpendicular to it at the middle of segment `index` of part 0."""
    coords = list(line.geoms[0].coords)
    (x1, y1), (x2, y2) = coords[index], coords[index + 1]
    az, _, d = GEOD.inv(x1, y1, x2, y2)
    mx, my, back = GEOD.fwd(x1, y1, az, d / 2)
    lon, lat, _ = GEOD.fwd(mx, my, back - 180 + 90, km * 1000.0)
    return lon, lat


def points_at(
    line, km: float, n: int, start: int = 0, tol: float = 0.05
) -> list[tuple[float, float, float]]:
    """Points whose brute-force distance to the line is `km` (± tol), where the line runs straight."""
    out = []
    last = len(line.geoms[0].coords) - 1
    for i in range(start, last, 37):
        lon, lat = offset_from_line(line, i, km)
        ref = reference_km(line, lon, lat)
        if abs(ref - km) <= tol:
            out.append((lon, lat, ref))
            if len(out) == n:
                break
    assert len(out) == n
    return out


def test_an_incident_3_km_from_the_line_is_inside_the_5_km_security_zone(line, zones):
    for lon, lat, ref in points_at(line, 3.0, 4):
        t = zones.test("security_zone", lon, lat)
        assert t.distance_km == pytest.approx(ref, abs=0.1)
        assert t.distance_km == pytest.approx(3.0, abs=0.1)
        assert t.inside is True
        assert "inside the security_zone (5 km each side)" in t.describe()


def test_an_incident_8_km_from_the_line_is_outside_the_security_zone_but_inside_25_km(line, zones):
    lon, lat, ref = points_at(line, 8.0, 1, start=500, tol=1.5)[0]
    assert zones.distance_km(lon, lat) == pytest.approx(ref, abs=0.1)
    assert zones.test("security_zone", lon, lat).inside is False
    assert zones.test("artillery_withdrawal", lon, lat).inside is True


def test_location_uncertainty_across_the_edge_cannot_be_decided(line, zones):
    lon, lat, _ = points_at(line, 4.6, 1, start=200)[0]
    assert zones.test("security_zone", lon, lat, radius_km=2.0).inside is None
    assert zones.test("security_zone", lon, lat, radius_km=0.0).inside is True


def test_distances_agree_with_pyproj_at_scattered_points(line, zones):
    rng = np.random.default_rng(20250314)
    coords = list(line.geoms[0].coords)
    for _ in range(12):
        i = int(rng.integers(0, len(coords) - 1))
        km = float(rng.uniform(0.2, 60.0))
        lon, lat = offset_from_line(line, i, km)
        assert zones.distance_km(lon, lat) == pytest.approx(reference_km(line, lon, lat), abs=0.1)


def test_the_security_zone_buffer_lies_5_km_from_the_line(line, zones):
    poly = zones.buffer("security_zone")
    edge = [xy for part in getattr(poly.boundary, "geoms", [poly.boundary]) for xy in part.coords]
    for lon, lat in edge[:: max(1, len(edge) // 30)]:
        assert zones.distance_km(lon, lat) == pytest.approx(5.0, abs=0.1)
        assert reference_km(line, lon, lat) == pytest.approx(5.0, abs=0.1)
    lon, lat, _ = points_at(line, 3.0, 1, start=300)[0]
    assert poly.contains(Point(lon, lat))


def test_the_example_coarse_line_runs_through_the_front_towns():
    a = load_agreement(example_agreement_path())
    towns = {"Lyman": (37.80, 48.99), "Pokrovsk": (37.18, 48.28), "Kherson": (32.62, 46.64)}
    for name, (lon, lat) in towns.items():
        assert a.zones.distance_km(lon, lat) < 5, name
    assert a.zones.distance_km(30.52, 50.45) > 400  # Kyiv
    # and it stays within 20 km of the detailed line at those towns
    detailed = Zones(load_line(FRONTLINE), {})
    for lon, lat in towns.values():
        assert detailed.distance_km(lon, lat) < 20

"""The point "N km <bearing> of X", computed with geographiclib (imported in a millisecond),
is where pyproj's geodesic puts it, to the 1e-5 degree the output keeps."""

import random

import pytest
from pyproj import Geod

from truceline.geocode.relative import BEARINGS, offset, relation_before

GEOD = Geod(ellps="WGS84")


def _pyproj(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    lon2, lat2, _ = GEOD.fwd(lon, lat, bearing, km * 1000.0)
    return round(lat2, 5), round(lon2, 5)


@pytest.mark.parametrize(
    ("lat", "lon", "text"),
    [
        (48.3333, 38.05, "the SMM heard explosions 4 km north-west of Horlivka"),
        (47.8388, 35.1396, "shelling 12 km south-east of Zaporizhzhia"),
        (31.5017, 34.4668, "an air strike 3 km east of Gaza City"),
        (-33.8688, 151.2093, "a fire 25 km west of Sydney"),
        (64.1466, -21.9426, "an eruption 30 km south of Reykjavik"),
    ],
)
def test_offsets_told_in_reports_match_pyproj(lat: float, lon: float, text: str) -> None:
    rel = relation_before(text, len(text) - len(text.rsplit(" of ", 1)[1]))
    assert rel.kind == "offset" and rel.bearing is not None
    assert offset(lat, lon, rel.bearing, rel.distance_km) == _pyproj(
        lat, lon, rel.bearing, rel.distance_km
    )


def test_offsets_match_pyproj_everywhere_on_earth() -> None:
    rnd = random.Random(7)
    bearings = sorted(set(BEARINGS.values()))
    for _ in range(20_000):
        lat, lon = rnd.uniform(-89.5, 89.5), rnd.uniform(-180.0, 180.0)
        bearing, km = float(rnd.choice(bearings)), rnd.uniform(0.05, 400.0)
        assert offset(lat, lon, bearing, km) == _pyproj(lat, lon, bearing, km), (lat, lon, km)


def test_offset_across_the_antimeridian_wraps_longitude() -> None:
    lat, lon = offset(-17.0, 179.99, 90.0, 10.0)
    assert -180.0 <= lon < -179.8 and (lat, lon) == _pyproj(-17.0, 179.99, 90.0, 10.0)

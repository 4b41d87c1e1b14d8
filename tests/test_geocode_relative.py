"""Relative places and named sites, with geodesic offsets checked by pyproj."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyproj import Geod

from truceline.geocode import Geocoder, SiteRegistry

GEOD = Geod(ellps="WGS84")
SHARED = Path(__file__).parents[2] / "shared"


def _locate(geo, text):
    return geo.locate(text, 0, len(text))


def test_distance_from_a_named_site_keeps_the_site_and_widens_the_radius(geocoder):
    p = _locate(geocoder, "A drone came down about 4 kilometers from the Kremlin on Tuesday night.")
    assert p.site_id == "ru-kremlin" and p.site_class == "government"
    assert p.radius_km == 4.0 and p.geo_precision == 2


def test_distance_and_bearing_offset_the_point_on_the_ellipsoid(geocoder):
    p = _locate(geocoder, "Shelling was reported 20 km north of Kharkiv early on Monday.")
    kharkiv = next(
        c for c in geocoder.gaz.candidates("Kharkiv") if c.fclass == "P" and c.population > 1e6
    )
    az, _back, dist = GEOD.inv(kharkiv.lon, kharkiv.lat, p.longitude, p.latitude)
    assert dist == pytest.approx(20_000, abs=50)
    assert abs(az) < 0.5
    assert p.geo_precision == 2 and p.admin1 == "Kharkiv"


def test_a_monitor_names_where_it_was_then_the_distance_and_bearing(geocoder):
    text = "While in Horlivka, the SMM heard 12 undetermined explosions 4-6km north-west."
    p = _locate(geocoder, text)
    horlivka = next(c for c in geocoder.gaz.candidates("Horlivka") if c.fclass == "P")
    az, _back, dist = GEOD.inv(horlivka.lon, horlivka.lat, p.longitude, p.latitude)
    assert dist == pytest.approx(5_000, abs=50)  # the middle of the range
    assert az == pytest.approx(-45, abs=0.5)
    assert (p.name, p.geo_precision) == ("Horlivka", 2)
    # "4 km north of the centre" is measured from the centre, which is no place named
    fixed = _locate(geocoder, "In Kharkiv, a drone hit a building 4 km north of the centre.")
    assert fixed.geo_precision == 1


def test_near_and_outskirts_stay_at_the_town_with_precision_two(geocoder):
    near = _locate(geocoder, "On 31 July 2022, Russian forces shelled near Bakhmut, Donetsk.")
    assert near.geonameid == 713174 and near.geo_precision == 2 and near.admin1 == "Donetsk"
    out = _locate(geocoder, "Explosions were heard on the outskirts of Kherson overnight.")
    assert out.name == "Kherson" and out.geo_precision == 2 and out.admin1 == "Kherson"


def test_region_named_as_region_gives_the_oblast(geocoder):
    p = _locate(geocoder, "Air defence shot down two drones over the Sumy region.")
    assert p.feature_code == "ADM1" and p.geo_precision == 3 and p.admin1 == "Sumy"
    krai = _locate(geocoder, "A fire broke out at a depot in Krasnodar Krai.")
    assert krai.admin1 == "Krasnodar Krai" and krai.geo_precision == 3


def test_unknown_village_with_its_oblast_falls_back_to_the_oblast(geocoder):
    p = _locate(
        geocoder, "On 31 July 2022, Russian forces shelled near Xyzzyvka, Sumy. Casualties unknown."
    )
    assert p.admin1 == "Sumy" and p.geo_precision == 3 and p.name == "Xyzzyvka"


def test_named_refinery_is_a_site_with_its_class(geocoder):
    p = _locate(
        geocoder,
        "Drones struck the Tuapse oil refinery, setting a fire that burned 200 square metres.",
    )
    assert p.site_id == "ru-tuapse-refinery" and p.site_class == "energy"
    assert p.country_code == "RU" and p.geo_precision == 1


def test_power_plants_from_the_wri_csv_are_matched_by_their_news_names(gazetteer):
    reg = SiteRegistry.load(SHARED / "data" / "energy-sites-ukraine.csv")
    assert len(reg) > 50
    geo = Geocoder(gazetteer, reg)
    p = _locate(geo, "Missiles hit the Burshtyn thermal power plant in western Ukraine.")
    assert p.site_class == "energy" and p.latitude == pytest.approx(49.2104)


def test_confidential_site_is_matched_but_flagged(gazetteer, tmp_path):
    csv = tmp_path / "sites.csv"
    csv.write_text(
        "site_id,name,aliases,class,country_code,admin1,latitude,longitude,confidential\n"
        "w-1,Pumping station 7,PS-7,water,UA,Kharkiv,49.9,36.3,true\n",
        encoding="utf-8",
    )
    geo = Geocoder(gazetteer, SiteRegistry.load(csv))
    p = _locate(geo, "Shells landed near Pumping station 7 on Friday.")
    assert p.site_id == "w-1" and p.confidential


def test_a_place_named_for_its_government_is_not_where_it_happened(geocoder) -> None:
    text = (
        "Air defence units destroyed four drones over the Moscow region. "
        "An attempt by the Kyiv regime to strike targets in Russia was prevented."
    )
    second = text.index("An attempt")
    place = geocoder.locate(text, second, len(text))
    assert place is None or place.name != "Kyiv"

"""The gazetteer: spellings of the theatre, the import layer and the local layer."""

from __future__ import annotations

import shutil

import pytest

from truceline.errors import GazetteerError
from truceline.geocode import Gazetteer, Geocoder


def _top(gaz: Gazetteer, name: str):
    return max(gaz.candidates(name) or gaz.fuzzy_candidates(name), key=lambda c: c.population)


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [
        ("Kiev", 703448), ("Kyiv", 703448), ("Київ", 703448),
        ("Kharkov", 706483), ("Kharkiv", 706483), ("Харків", 706483),
        ("Artemivsk", 713174), ("Bakhmut", 713174),
        ("Суджа", 486816), ("Туапсе", 480716), ("Москва", 524901),
        ("Zaporizhia", 687700), ("Zaporizhzhia", 687700), ("Zaporozhye", 687700),
        ("Nikolaev", 700569), ("Mykolaiv", 700569),
    ],
)  # fmt: skip
def test_latin_and_cyrillic_spellings_reach_the_same_town(gazetteer, name, geonameid):
    towns = [
        c
        for c in (gazetteer.candidates(name) or gazetteer.fuzzy_candidates(name))
        if c.fclass == "P"
    ]
    assert geonameid in {c.id for c in towns}
    assert max(towns, key=lambda c: c.population).id == geonameid


def test_regions_carry_acled_style_english_names(gazetteer):
    assert gazetteer.admin1_name("UA", "05") == "Donetsk"
    assert gazetteer.admin1_name("UA", "07") == "Kharkiv"
    assert gazetteer.admin1_name("RU", "38") == "Krasnodar Krai"
    assert gazetteer.admin1_name("RU", "09") == "Belgorod"


def test_missing_gazetteer_is_a_gazetteer_error(tmp_path):
    with pytest.raises(GazetteerError, match="gazetteer build"):
        Gazetteer(tmp_path / "none.sqlite")


# A GeoNames country dump in its own format: 19 tab-separated columns.
UA_DUMP = "\n".join(
    "\t".join(row)
    for row in [
        ["99000001", "Iskryskivshchyna", "Iskryskivshchyna", "Іскриківщина,Iskrykivshchyna",
         "51.239", "34.3766", "P", "PPL", "UA", "", "21", "", "", "", "0", "", "150",
         "Europe/Kyiv", "2024-01-01"],
        ["99000002", "Zolota Nyva", "Zolota Nyva", "Золота Нива", "47.7943", "36.9905", "P",
         "PPL", "UA", "", "05", "", "", "", "0", "", "180", "Europe/Kyiv", "2024-01-01"],
        ["not-an-id", "Broken"],
    ]
)  # fmt: skip


@pytest.fixture
def scratch(gazetteer, tmp_path):
    """A writable copy of the session gazetteer."""
    path = tmp_path / "gazetteer.sqlite"
    shutil.copy(gazetteer.path, path)
    gaz = Gazetteer(path)
    yield gaz
    gaz.close()


def test_import_is_idempotent_and_reports_what_it_added(scratch, tmp_path, capsys):
    dump = tmp_path / "UA.txt"
    dump.write_text(UA_DUMP + "\n", encoding="utf-8")
    first = scratch.import_geonames(dump)
    assert first == {"read": 3, "added": 2, "skipped": 1}
    assert "UA.txt:3" in capsys.readouterr().err
    assert scratch.import_geonames(dump)["added"] == 0


def test_imported_village_is_found_when_named_with_its_oblast(scratch, tmp_path):
    dump = tmp_path / "UA.txt"
    dump.write_text(UA_DUMP + "\n", encoding="utf-8")
    scratch.import_geonames(dump)
    geo = Geocoder(scratch)
    text = "On 13 October 2022, Russian military forces shelled near Zolota Nyva, Donetsk."
    place = geo.locate(text, 0, len(text))
    assert place is not None and place.geonameid == 99000002
    assert place.admin1 == "Donetsk" and place.geo_precision == 2
    assert (place.latitude, place.longitude) == (47.7943, 36.9905)


def test_local_layer_learns_lists_and_undoes(scratch):
    assert not scratch.candidates("Novoselivka Druha")
    lid = scratch.add_local("Novoselivka Druha", 48.26, 37.43, "UA", "Donetsk", source="acled:2022")
    assert (
        scratch.add_local("Novoselivka Druha", 48.26, 37.43, "UA", "Donetsk", source="acled:2022")
        == lid
    )
    [learnt] = scratch.list_local()
    assert (learnt.name, learnt.source) == ("Novoselivka Druha", "acled:2022")
    [c] = scratch.candidates("Novoselivka Druha")
    assert c.layer == "local" and c.geonameid is None and c.admin1 == "05"
    assert scratch.stats()["base"] > 200_000  # the base layer is untouched
    assert scratch.remove_local(source="acled:2022") == 1
    assert not scratch.candidates("Novoselivka Druha")


@pytest.mark.parametrize(
    ("region", "cc", "lat", "lon"),
    [
        # GeoNames codes a few Tibetan villages to Hebei: they must not drag its point west
        ("Hebei", "CN", 39.0, 116.0),
        ("Donetsk Oblast", "UA", 48.0, 37.8),
        ("Kharkiv Oblast", "UA", 49.5, 36.5),
        # towns crowd the south of Ontario: their extent alone put its point 200 km south
        ("Ontario", "CA", 49.25, -84.5),
    ],
)
def test_a_regions_point_lies_in_the_region(gazetteer, region, cc, lat, lon):
    from truceline.geocode.disambiguate import km

    [c] = [c for c in gazetteer.candidates(region) if c.fcode == "ADM1" and c.cc == cc]
    assert km(c.lat, c.lon, lat, lon) < 161


def test_former_country_names_reach_their_successor_not_a_reused_code(gazetteer):
    # ISO 3166-3 re-used codes: SK was Sikkim, GE the Gilbert Islands, BY Byelorussia
    def countries(name):
        return {c.cc for c in gazetteer.candidates(name) if c.fcode == "PCLI"}

    assert countries("Zaire") == {"CD"}
    assert countries("Upper Volta") == {"BF"}
    assert countries("Slovak Republic") == {"SK"}
    assert countries("Sikkim") == set()  # the Indian state keeps its name
    assert countries("Gilbert and Ellice Islands") == set()


def test_a_rebuild_keeps_imported_and_learnt_places(scratch, tmp_path):
    import sqlite3

    from truceline.geocode.build import SCHEMA
    from truceline.geocode.gazetteer import _carry_over

    dump = tmp_path / "UA.txt"
    dump.write_text(UA_DUMP + "\n", encoding="utf-8")
    scratch.import_geonames(dump)
    scratch.add_local("Novoselivka Druha", 48.26, 37.43, "UA", "Donetsk", source="acled:2022")
    fresh = tmp_path / "fresh.sqlite"
    con = sqlite3.connect(fresh)
    con.executescript(SCHEMA)
    assert _carry_over(con, scratch.path) == {"imported kept": 2, "learnt kept": 1}
    con.close()
    rebuilt = Gazetteer(fresh)
    [village] = rebuilt.candidates("Золота Нива")
    assert (village.geonameid, village.layer) == (99000002, "import")
    assert [p.name for p in rebuilt.list_local()] == ["Novoselivka Druha"]
    rebuilt.close()

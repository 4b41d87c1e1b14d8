"""Spans never left unresolved when some form of the name is known, and ACLED-style
"X, Region" notes honour the region even when the village is missing or misspelt."""

from __future__ import annotations

import pytest


def _one(geocoder, text: str, name: str):
    start = text.index(name)
    [place] = geocoder.resolve_spans(text, [(start, start + len(name))])
    return place


def test_parish_resolves_to_the_louisiana_parish(geocoder):
    p = _one(geocoder, "Fire crews from Rapides Parish responded on Friday.", "Rapides Parish")
    assert (p.feature_code, p.country_code, p.admin1) == ("ADM2", "US", "Louisiana")


def test_state_word_resolves_to_the_nigerian_state(geocoder):
    p = _one(geocoder, "Gunmen attacked a village in Kano State on Sunday.", "Kano State")
    assert (p.feature_code, p.country_code, p.admin1) == ("ADM1", "NG", "Kano")


@pytest.mark.parametrize(
    ("text", "name", "cc", "fcode"),
    [
        ("Iowans head to the caucuses on Monday.", "Iowans", "US", "ADM1"),
        ("Floods displaced thousands across northern Nigeria.", "northern Nigeria", "NG", "PCLI"),
        ("The Dagestani authorities closed the border.", "Dagestani", "RU", "ADM1"),
    ],
)
def test_demonyms_and_parts_of_a_name_find_the_place(geocoder, text, name, cc, fcode):
    p = _one(geocoder, text, name)
    assert (p.country_code, p.feature_code) == (cc, fcode)


def test_seas_and_macro_regions_are_known(geocoder):
    text = "Drones flew over the Black Sea as tension grew across the Middle East."
    sea = _one(geocoder, text, "Black Sea")
    assert sea.feature_code == "SEA" and 40 < sea.latitude < 47 and 28 < sea.longitude < 42
    region = _one(geocoder, text, "Middle East")
    assert region.latitude is not None and 20 < region.latitude < 40


def test_region_after_the_village_is_honoured_where_the_name_lies_elsewhere(geocoder):
    p = geocoder.locate("On 1 August 2022, Russian forces shelled Petrivka, Kharkiv.")
    assert p.admin1 == "Kharkiv" and p.country_code == "UA"


def test_village_missing_from_the_gazetteer_falls_back_to_its_oblast(geocoder):
    p = geocoder.locate("On 3 May 2022, Russian forces shelled near Qwertivka, Kharkiv region.")
    assert p.name == "Qwertivka" and p.admin1 == "Kharkiv" and p.geo_precision == 3


def test_misspelt_village_is_matched_loosely_within_its_oblast(geocoder):
    p = geocoder.locate("On 2 June 2022, Russian forces shelled Velyka Pysarevka, Sumy.")
    assert p.admin1 == "Sumy" and p.feature_code == "PPL"
    assert abs(p.latitude - 50.43) < 0.1 and abs(p.longitude - 35.48) < 0.1


def test_a_list_of_cities_is_not_read_as_town_and_region(geocoder):
    p = geocoder.locate("Missiles hit Kyiv, Kharkiv and Odesa overnight.")
    assert p.name == "Kyiv" and p.admin1 == "Kyiv City"


def test_coded_to_names_the_place_and_a_region_is_pinned_to_its_namesake_town(geocoder):
    text = "Ukrainian forces shot down 11 drones over the Odesa region (coded to Odesa)."
    p = geocoder.locate(text)
    assert p.admin1 == "Odesa" and p.geo_precision == 3
    assert abs(p.latitude - 46.48) < 0.1 and abs(p.longitude - 30.73) < 0.1


def test_a_guess_abroad_yields_to_the_documents_own_country(geocoder):
    # "Farallon Islands" is not in the gazetteer; its part "Farallon" matches only a
    # town in Panama, which an American story's focus should outweigh.
    text = (
        "Biologists from San Francisco sailed to the Farallon Islands on Tuesday, and "
        "counted seals there before returning to Oakland, California."
    )
    names = ["San Francisco", "Farallon Islands", "Oakland", "California"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    places = geocoder.resolve_spans(text, spans)
    assert places[1].country_code == "US"

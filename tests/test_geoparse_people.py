"""People's names are not places: "Baker said", once "Tom Baker" was named."""

from __future__ import annotations

from truceline.geocode.people import PersonNames


def _names(geocoder, text):
    return [p.name for p in geocoder.geoparse(text)]


def test_a_surname_used_alone_after_the_full_name_is_not_a_town(geocoder):
    text = (
        "Fire Chief Tom Baker said crews from Salem reached the barn within minutes. "
        "Baker said the cause was still under investigation."
    )
    assert _names(geocoder, text) == ["Salem"]


def test_the_same_name_without_a_person_is_still_a_place(geocoder):
    text = "Crews from Salem and Baker reached the barn within minutes, officials in Oregon said."
    assert "Baker" in _names(geocoder, text)


def test_titles_mark_names_the_census_lists_lack(geocoder):
    text = "President Barack Obama spoke on Monday. Obama said the bill would pass in Congress."
    assert "Obama" not in _names(geocoder, text)


def test_a_given_name_that_is_a_large_place_stays_a_place(geocoder):
    text = "Georgia Flores, 34, was arrested. Police in Georgia said she was released on bail."
    assert "Georgia" in _names(geocoder, text)


def test_road_and_organisation_names_do_not_make_people():
    people = PersonNames("He lived on Old Alton Edwardsville Road near the Oakland Police office.")
    assert "Edwardsville" not in people and "Police" not in people
    people = PersonNames("In Oakland, Mary K. Jones and Jean-Pierre Bemba's lawyers met.")
    assert {"Jones", "Bemba"} <= people.surnames and "Oakland" not in people

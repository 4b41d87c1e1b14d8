"""A sentence that only tells an incident's harm belongs to the incident told before it.

"Russian forces shelled Toretsk. 1 civilian was killed." is one shelling with one
fatality (ACLED's coding), not a shelling and, apart, an attack by civilians.
These run the real rule classifier and gazetteer.
"""

import pytest

from truceline.extract import Extractor


def claims(text, geocoder=None):
    return Extractor(geocoder=geocoder).extract_text(text, published="2024-11-05", doc_id="n")


@pytest.mark.parametrize(
    ("text", "sub", "fatalities", "injured"),
    [
        ("On 5 November 2024, Russian forces shelled Toretsk, Donetsk. "
         "1 civilian was killed and 2 civilians were injured.",
         "Shelling/artillery/missile attack", 1, 2),
        ("On 5 March 2024, Russian forces struck Toretsk with guided aerial bombs. "
         "2 civilians were killed and 5 injured.", "Air/drone strike", 2, 5),
        ("On 2 April 2025, Russian forces fired a ballistic missile at Toretsk. "
         "20 civilians, including 9 children, were killed and 61 wounded.",
         "Shelling/artillery/missile attack", 20, 61),
        ("Russian forces shelled Toretsk overnight. Two houses were damaged.",
         "Shelling/artillery/missile attack", None, None),
    ],
)  # fmt: skip
def test_the_toll_joins_the_incident_before_it(geocoder, text, sub, fatalities, injured):
    found = claims(text, geocoder)
    assert [c.sub_event_type for c in found] == [sub]
    (c,) = found
    assert c.actor1 == "Military Forces of Russia (2000-)"
    assert c.span == (0, len(text))
    if fatalities is not None:
        assert c.fatalities == fatalities
    assert c.quantities.get("injured") == injured


def test_a_toll_with_its_own_agent_or_place_is_not_folded(geocoder):
    text = (
        "Russian forces shelled Toretsk on Monday. "
        "In Sumy, 3 civilians were killed and 4 injured, the regional governor said."
    )
    found = claims(text, geocoder)
    assert len(found) == 2
    assert found[1].place is not None and found[1].place.name == "Sumy"


def test_an_act_against_civilians_is_its_own_incident(geocoder):
    text = "Russian forces shelled Toretsk. In Sumy, gunmen killed 3 civilians at a checkpoint."
    assert len(claims(text, geocoder)) == 2


def test_civilians_named_alone_are_victims_not_the_actor(geocoder):
    (c,) = claims("Three civilians were killed in Toretsk on Monday.", geocoder)
    assert c.actor1 is None
    assert c.actor2 == "Civilians"
    assert c.fatalities == 3

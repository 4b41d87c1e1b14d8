"""Quantities as integers: digits, words, vague amounts, floors and units."""

import pytest

from truceline.extract.quantities import find_quantities, parse_number


def q(text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for x in find_quantities(text):
        out.setdefault(x.key, x.value)
    return out


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("four", 4), ("twenty-one", 21), ("a dozen", 12), ("dozens of", 12), ("tens of", 10),
        ("hundreds of", 100), ("1,000", 1000), ("11 000", 11000), ("two hundred", 200), ("3.5 thousand", 3500),
    ],
)  # fmt: skip
def test_parse_number(phrase, value):
    assert parse_number(phrase) == value


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Air defence units shot down 11 Russian drones over the Odesa region.",
            {"drones_intercepted": 11},
        ),
        (
            "Officials said air defences managed to intercept four drones.",
            {"drones_intercepted": 4},
        ),
        (
            "Twenty-one drones were shot down over the Bryansk region overnight.",
            {"drones_intercepted": 21},
        ),
        (
            "Russia launched 112 Shahed drones and seven ballistic missiles overnight.",
            {"drones_launched": 112, "missiles_launched": 7},
        ),
        (
            "Ukrainian forces intercepted a Russian Kalibr cruise missile over Vinnytsia.",
            {"missiles_intercepted": 1},
        ),
        ("The army fired 40 artillery shells at the village.", {"shells_fired": 40}),
        ("Three people were wounded in the attack.", {"injured": 3}),
        ("The strike killed seven and wounded 27 civilians.", {"injured": 27}),
        ("One civilian was killed, 2 - injured.", {"injured": 2}),
        ("The blaze covered more than 1,000 square meters.", {"area_m2": 1000}),
        ("Sappers cleared 7 hectares of farmland.", {"area_m2": 70000}),
        ("The wildfire spread over 2.5 km² of forest.", {"area_m2": 2_500_000}),
        ("Flames consumed 10 acres of wheat.", {"area_m2": 40468}),
        ("The operation involved 121 emergency personnel.", {"personnel": 121}),
        ("Authorities deployed 300 troops to the border.", {"personnel": 300}),
        ("A dozen firefighters were at the scene by midnight.", {"personnel": 12}),
    ],
)
def test_quantities_in_news_sentences(text, want):
    assert q(text) == want


def test_killed_servicemen_are_not_personnel_deployed():
    assert "personnel" not in q("Fifteen Ukrainian servicemen were killed during the day.")


def test_distances_are_not_quantities():
    assert q("A drone hit a building 4 kilometers from the Kremlin.") == {}


def test_the_injury_word_is_a_whole_word():
    assert q("Three people were hurt in the blast.") == {"injured": 3}
    assert q("Three cars were hurtling down the road.") == {}

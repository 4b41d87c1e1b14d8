"""Actors as stated, mapped to ACLED names; who makes the claim."""

import pytest

from truceline.extract.actors import RUSSIA, UKRAINE, acled_actor, find_actors, find_claimed_by


@pytest.mark.parametrize(
    ("stated", "name"),
    [
        ("Russian forces", RUSSIA),
        ("Ukrainian forces", UKRAINE),
        ("Ukraine's armed forces", UKRAINE),
        ("Russian air defence", f"{RUSSIA} Air Force"),
        ("DPR", "NAF: United Armed Forces of Novorossiya"),
        ("unidentified drones", "Unidentified Military Forces"),
    ],
)
def test_acled_names(stated, name):
    assert acled_actor(stated) == name


def test_passive_agent_is_marked():
    text = "A Russian drone was shot down by Ukrainian air defence over Odesa."
    mentions = find_actors(text)
    assert [m.stated for m in mentions] == ["Russian drone", "Ukrainian air defence"]
    assert mentions[1].passive_agent and not mentions[0].passive_agent


def test_country_as_actor_only_when_it_acts():
    assert find_actors("Ukraine launched a wave of drones at the capital.")[0].name == UKRAINE
    assert find_actors("The talks in Ukraine resumed.") == []


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (
            "According to the regional governor, the fire covered 500 square meters.",
            "the regional governor",
        ),
        (
            "The Ministry of Defence said 20 drones were destroyed overnight.",
            "The Ministry of Defence",
        ),
        ("Two people were hurt, the mayor of Kharkiv said.", "the mayor of Kharkiv"),
        ("Officials in Belgorod reported damage to a power line.", "Officials in Belgorod"),
        ("A missile hit a warehouse on the outskirts.", None),
    ],
)
def test_claimed_by(text, who):
    assert find_claimed_by(text) == who


def test_a_stated_actor_has_no_leading_space():
    assert [m.stated for m in find_actors("Shot down by the  Russian forces.")] == [
        "Russian forces"
    ]

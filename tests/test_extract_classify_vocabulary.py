"""Broad cue vocabulary written from ACLED's codebook definitions, class by class.

Every sentence was written for these tests; none is copied from the development data.
"""

from __future__ import annotations

import pytest

from truceline.extract.classify import classify

CASES = [
    # Disrupted weapons use: a device made safe, weapons found or intercepted
    (
        "A bomb disposal team safely detonated a suspicious object found near the bus station.",
        "Disrupted weapons use",
    ),
    (
        "A suspicious package left at the station was made safe by army experts.",
        "Disrupted weapons use",
    ),
    (
        "Security forces recovered an AK-47 rifle, two magazines and 60 rounds from the hideout.",
        "Disrupted weapons use",
    ),
    (
        "Border guards intercepted a consignment of weapons hidden in a lorry.",
        "Disrupted weapons use",
    ),
    # a defusal that failed is an explosion
    (
        "A police officer was killed when a bomb he was trying to defuse exploded in the market.",
        "Remote explosive/landmine/IED",
    ),
    # civilians killed by a blast: coded by the means, not as an attack on civilians
    (
        "A powerful blast killed five civilians at a crowded market in the city.",
        "Remote explosive/landmine/IED",
    ),
    (
        "An explosion ripped through a bus carrying pilgrims, killing 12 people.",
        "Remote explosive/landmine/IED",
    ),
    ("Gunmen killed five civilians at a crowded market in the city.", "Attack"),
    # Armed clash: ceasefire violations and infiltration bids are exchanges of fire
    (
        "Troops violated the ceasefire along the frontier with unprovoked firing on border posts.",
        "Armed clash",
    ),
    ("Soldiers foiled an infiltration bid along the border, killing two intruders.", "Armed clash"),
    ("Jets strafed the convoy on the highway.", "Air/drone strike"),
    ("Coalition raids on the port city killed seven people overnight.", "Air/drone strike"),
    # territory
    (
        "The army secured the town after a week-long operation against the insurgents.",
        "Government regains territory",
    ),
    (
        "Troops launched a mop-up operation and cleared the district of insurgents.",
        "Government regains territory",
    ),
    # Looting/property destruction outside a protest
    (
        "Unidentified people set fire to a polling station in the night.",
        "Looting/property destruction",
    ),
    (
        "Settlers uprooted hundreds of olive trees belonging to farmers.",
        "Looting/property destruction",
    ),
    # taking people is an abduction, taking a place is territory
    (
        "Militants captured two policemen near the checkpoint and took them away.",
        "Abduction/forced disappearance",
    ),
    (
        "Rebels captured three foreign engineers working on the road project.",
        "Abduction/forced disappearance",
    ),
    ("Gunmen seized 20 passengers from a bus on the highway.", "Abduction/forced disappearance"),
    ("Rebels captured two villages near the border.", "Non-state actor overtakes territory"),
    # a ceasefire one side declares alone is a change in its activity, not an agreement
    ("Rebels announced a unilateral ceasefire for the holiday period.", "Change to group/activity"),
    # actors by their usual names decide whose ground it is
    (
        "The Tatmadaw took control of the town after three days of fighting.",
        "Government regains territory",
    ),
    (
        "Maoists overran a police camp and took control of the area.",
        "Non-state actor overtakes territory",
    ),
    # Arrests
    ("Three activists were booked for allegedly inciting violence on social media.", "Arrests"),
    ("The journalist was handcuffed and taken to the police station for questioning.", "Arrests"),
    ("The opposition leader was held by police for six hours before being released.", "Arrests"),
    # Agreement and Change to group/activity
    (
        "The two sides released 20 prisoners in exchange for the bodies of five soldiers.",
        "Agreement",
    ),
    (
        "The militant group was formally banned and designated as a terrorist organisation.",
        "Change to group/activity",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_codebook_vocabulary(text: str, expected: str) -> None:
    c = classify(text)
    assert c is not None and c.sub_event_type == expected, (text, c)


@pytest.mark.parametrize(
    "text",
    [
        "An explosion at a firecracker factory killed eight workers on Tuesday.",
        "A fuel tanker exploded on the highway after colliding with a bus, killing 20 people.",
        "Three miners died when methane exploded in a coal pit.",
        # an ordinary criminal arrest is not coded
        "Police caught a man in the city on charges of circulating obscene videos online.",
    ],
)
def test_accidents_and_ordinary_crime_are_no_incident(text: str) -> None:
    assert classify(text) is None


def test_police_securing_an_area_after_a_blast_is_not_territory() -> None:
    c = classify("A bomb exploded near the market and police secured the area.")
    assert c is not None and c.sub_event_type == "Remote explosive/landmine/IED"

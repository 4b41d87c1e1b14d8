"""Crowds, protests and the police are coded the way ACLED's codebook separates them.

- demonstrators who fight the police, attack buildings or hurt officers: Violent demonstration
  (an Armed clash needs organised armed groups on both sides);
- force short of killing or grave injury (beating, breaking up, detaining): Protest with
  intervention; killing or serious injury: Excessive force against protesters.

Every sentence was written for these tests; none is copied from the development data.
"""

from __future__ import annotations

import pytest

from truceline.extract.classify import classify

RIOT = "Violent demonstration"
INTERVENTION = "Protest with intervention"

CASES = [
    ("Protesters clashed with the police outside the parliament building on Tuesday.", RIOT),
    (
        "Clashes erupted between demonstrators and security forces after the vote count.",
        RIOT,
    ),
    ("Hundreds of students clashed with riot police near the university campus.", RIOT),
    ("Youths clashed with security forces and set two police vans on fire in the town.", RIOT),
    (
        "Demonstrators attacked a police station and damaged several vehicles during a protest"
        " against fuel prices.",
        RIOT,
    ),
    ("Several policemen were injured when protesters turned on them with sticks.", RIOT),
    ("Police used force to break up a sit-in by teachers outside the ministry.", INTERVENTION),
    ("Officers detained a dozen activists who were demonstrating against the dam.", INTERVENTION),
    ("Police stopped the march before it reached the square.", INTERVENTION),
    ("Police beat protesters with sticks and dragged them into vans.", INTERVENTION),
    (
        "Activists said police attacked their peaceful rally without reason and arrested ten.",
        INTERVENTION,
    ),
    (
        "Police opened fire on protesters, killing three people.",
        "Excessive force against protesters",
    ),
    ("Nurses staged a protest outside the hospital over unpaid salaries.", "Peaceful protest"),
    ("Protesters threw bricks at government offices during the demonstration.", RIOT),
    ("Agitating students forced their way into the office and damaged public property.", RIOT),
    ("Protesters clashed with counter-protesters in the city centre.", RIOT),
    (
        "Police took dozens of protesting farmers into preventive custody ahead of the rally.",
        INTERVENTION,
    ),
    ("Officers pepper sprayed demonstrators who refused to leave the square.", INTERVENTION),
    ("Police cordoned off the square and pushed away the marchers.", INTERVENTION),
    (
        "Dozens of opposition supporters were arrested as they gathered for an unauthorised rally.",
        INTERVENTION,
    ),
    ("Protesters beat a local official and attacked his car during a demonstration.", RIOT),
    # a rally people tried to hold and were stopped from holding
    (
        "Several activists were detained by police while trying to hold a rally in the city centre.",
        INTERVENTION,
    ),
    # what a protest is about is not what happens at it
    (
        "Protesters marched peacefully to mourn the activist who was killed last month.",
        "Peaceful protest",
    ),
    (
        "Traders observed a bandh in the town to protest the killing of a shopkeeper.",
        "Peaceful protest",
    ),
    (
        "Hundreds marched for a second day after an officer who had tried to arrest a man and shot"
        " him was acquitted.",
        "Peaceful protest",
    ),
    # a protest or riot about a pandemic or a flood is no disaster report
    (
        "Hundreds of people protested in the capital against the new coronavirus restrictions.",
        "Peaceful protest",
    ),
    (
        "Flood victims staged a demonstration outside the district office demanding relief.",
        "Peaceful protest",
    ),
    ("Riots broke out in several cities over the Covid-19 lockdown, with shops looted.", RIOT),
    # local words for a protest
    (
        "Farmers continued their dharna outside the collectorate for the third day.",
        "Peaceful protest",
    ),
    (
        "Congress workers burnt an effigy of the chief minister and raised slogans.",
        "Peaceful protest",
    ),
    # unarmed crowds fighting each other: a mob, not a battle
    ("Supporters of two rival parties clashed in the town, injuring ten people.", "Mob violence"),
    # an armed group on one side keeps a fight a battle; a crowd looting alone is no riot
    ("Militants clashed with army troops near the border, killing four soldiers.", "Armed clash"),
    (
        "Hundreds of locals went on a looting spree in the market despite extra police patrols.",
        "Looting/property destruction",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_protest_and_crowd_violence(text: str, expected: str) -> None:
    c = classify(text)
    assert c is not None and c.sub_event_type == expected, (text, c)


@pytest.mark.parametrize(
    "text",
    [
        "The earthquake destroyed hundreds of homes and killed twelve people.",
        "Heavy floods displaced thousands of families in the delta on Sunday.",
    ],
)
def test_disasters_without_a_protest_are_no_incident(text: str) -> None:
    assert classify(text) is None

"""The event classifier codes passages the way ACLED's codebook does.

Every sentence here was written for these tests, in the style of wire reports
and ACLED notes; none is copied from the development data.
"""

from __future__ import annotations

import dataclasses

import pytest

from truceline.extract.classify import Classification, classify
from truceline.models import ACLED_TAXONOMY, SUB_EVENT_TYPES

CASES = [
    # Explosions/Remote violence
    (
        "Ukrainian drones struck an oil depot in the Bryansk region overnight, the governor said.",
        "Air/drone strike",
    ),
    (
        "Government warplanes carried out airstrikes on rebel positions east of the city on Tuesday.",
        "Air/drone strike",
    ),
    ("A drone attack set the Novoshakhtinsk refinery on fire early on Sunday.", "Air/drone strike"),
    (
        "On 3 May 2023, Russian forces shelled Kupiansk, Kharkiv, with artillery and mortars. Casualties unknown.",
        "Shelling/artillery/missile attack",
    ),
    (
        "Two ballistic missiles hit the port area of Odesa on Monday night, injuring five people.",
        "Shelling/artillery/missile attack",
    ),
    (
        "Insurgents fired mortar rounds at the airport, damaging a hangar.",
        "Shelling/artillery/missile attack",
    ),
    (
        "A roadside bomb exploded under a police vehicle near Ghazni, killing three officers.",
        "Remote explosive/landmine/IED",
    ),
    (
        "A farmer was wounded when his tractor hit a landmine outside the village.",
        "Remote explosive/landmine/IED",
    ),
    (
        "A suicide bomber blew himself up at the entrance of a mosque during Friday prayers.",
        "Suicide bomb",
    ),
    (
        "Unknown assailants hurled a grenade at a police patrol in the old town, wounding two.",
        "Grenade",
    ),
    (
        "Residents reported choking and breathing difficulties after a helicopter dropped canisters of chlorine on the town.",
        "Chemical weapon",
    ),
    # Battles
    (
        "Government troops clashed with militants on the outskirts of the town for several hours on Saturday.",
        "Armed clash",
    ),
    (
        "On 9 June 2023, Ukrainian forces repelled a Russian assault near Marinka, Donetsk. Casualties unknown.",
        "Armed clash",
    ),
    (
        "The army recaptured the district centre from the insurgents after a week of fighting.",
        "Government regains territory",
    ),
    (
        "Rebel fighters seized control of the border town after government troops fled.",
        "Non-state actor overtakes territory",
    ),
    (
        "Separatist forces withdrew from the town, and government troops entered it without a fight.",
        "Non-violent transfer of territory",
    ),
    # Violence against civilians
    (
        "Gunmen stormed a village overnight and shot dead eleven civilians, local officials said.",
        "Attack",
    ),
    (
        "Armed men abducted a local journalist from his home in the capital on Wednesday.",
        "Abduction/forced disappearance",
    ),
    (
        "Soldiers raped two women at a checkpoint outside the camp, a rights group reported.",
        "Sexual violence",
    ),
    # Protests and riots
    (
        "Hundreds of teachers rallied outside the ministry to demand unpaid wages.",
        "Peaceful protest",
    ),
    (
        "Police dispersed a sit-in by students with tear gas and detained a dozen of them.",
        "Protest with intervention",
    ),
    (
        "Security forces opened fire on demonstrators in the capital, killing four protesters.",
        "Excessive force against protesters",
    ),
    (
        "Protesters threw stones at police and set tyres ablaze on the main road.",
        "Violent demonstration",
    ),
    ("A mob lynched a man accused of theft in the market on Sunday.", "Mob violence"),
    # Strategic developments
    (
        "The two sides completed a prisoner exchange on Friday, swapping 120 captives each.",
        "Agreement",
    ),
    ("Police arrested three opposition activists in a dawn raid on their offices.", "Arrests"),
    (
        "Air defences intercepted six drones over the Belgorod region overnight, the ministry said.",
        "Disrupted weapons use",
    ),
    (
        "Security forces found a cache of rifles and ammunition in an abandoned farmhouse.",
        "Disrupted weapons use",
    ),
    (
        "The army established a new military base near the border crossing.",
        "Headquarters or base established",
    ),
    (
        "Soldiers looted shops and homes in the town after the fighting ended.",
        "Looting/property destruction",
    ),
    (
        "The militia announced the formation of a new brigade and began recruiting in the northern districts.",
        "Change to group/activity",
    ),
]

NOT_INCIDENTS = [
    "The foreign ministers met in Geneva to discuss a possible ceasefire.",
    "Analysts predict the army may have to retreat from the city within weeks.",
    "Moscow denied that its forces had shelled the hospital.",
    "Islamic State claimed responsibility for the attack in a statement on its news agency.",
    "A magnitude 6.1 earthquake struck the province, destroying hundreds of homes.",
    "A fire broke out at a textile factory after a short circuit, firefighters said.",
    "Police seized 40 kilograms of cocaine and arrested two members of a drug cartel.",
    "Drones Rain Down On Capital As Talks Stall In Riyadh",
    "The president urged both sides to show restraint and return to negotiations.",
    "As the army continues to pound rebel positions and the rebels respond with ambushes, the conflict shows no signs of ending.",
    "Drones have become a central weapon in the war, and both armies keep expanding their fleets.",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_classifies_sub_event_type(text: str, expected: str) -> None:
    c = classify(text)
    assert c is not None, text
    assert c.sub_event_type == expected
    assert c.event_type == SUB_EVENT_TYPES[expected]


def test_cases_cover_the_whole_taxonomy_but_other() -> None:
    covered = {sub for _, sub in CASES}
    every = {sub for subs in ACLED_TAXONOMY.values() for sub in subs}
    assert every - covered == {"Other"}


@pytest.mark.parametrize("text", NOT_INCIDENTS)
def test_not_an_incident(text: str) -> None:
    assert classify(text) is None


@pytest.mark.parametrize("text", ["", "   ", "On Monday.", "12345"])
def test_empty_or_meaningless_text_is_none(text: str) -> None:
    assert classify(text) is None


def test_interception_is_disrupted_weapons_use_not_a_strike() -> None:
    c = classify("Russian air defence shot down three Ukrainian drones approaching Moscow.")
    assert c is not None
    assert (c.event_type, c.sub_event_type) == ("Strategic developments", "Disrupted weapons use")
    assert c.weapon == "drone"


def test_shooting_down_a_manned_aircraft_is_coded_as_an_attack() -> None:
    c = classify("Ukrainian forces shot down a Russian Su-25 attack aircraft near Bakhmut.")
    assert c is not None and c.sub_event_type == "Shelling/artillery/missile attack"


def test_strike_that_sets_a_refinery_on_fire_records_the_target() -> None:
    c = classify("Drones hit the oil refinery in Syzran, starting a fire that burned for hours.")
    assert c is not None
    assert c.sub_event_type == "Air/drone strike"
    assert c.weapon == "drone"
    assert c.target_class == "energy"


def test_state_forces_regaining_their_own_territory() -> None:
    c = classify("Russian troops retook two villages in the Kursk region from Ukrainian units.")
    assert c is not None and c.sub_event_type == "Government regains territory"


def test_foreign_forces_taking_ground_abroad_count_as_non_state() -> None:
    c = classify(
        "On 2 June 2023, following clashes, Russian forces captured Berkhivka, Donetsk region."
    )
    assert c is not None and c.sub_event_type == "Non-state actor overtakes territory"


def test_capturing_people_is_not_taking_territory() -> None:
    c = classify(
        "Soldiers captured a 30-year-old woman at the checkpoint and took her to an unknown location."
    )
    assert c is not None and c.sub_event_type != "Non-state actor overtakes territory"


def test_forecast_of_an_attack_is_not_an_incident() -> None:
    assert (
        classify("Officials warned that the militants could launch rocket attacks on the city.")
        is None
    )


def test_result_is_a_frozen_dataclass_with_cues() -> None:
    c = classify("Militants ambushed an army convoy near the pass, sparking a two-hour gun battle.")
    assert isinstance(c, Classification)
    assert c.sub_event_type == "Armed clash"
    assert 0.0 < c.confidence <= 1.0
    assert c.cues and all(isinstance(q, str) for q in c.cues)
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.confidence = 1.0  # type: ignore[misc]


def test_clear_report_is_more_confident_than_a_vague_one() -> None:
    clear = classify(
        "Air defences shot down 12 drones and two cruise missiles over the Kyiv region overnight."
    )
    vague = classify("The strikes caused damage in the area.")
    assert clear is not None and vague is not None
    assert clear.confidence > vague.confidence

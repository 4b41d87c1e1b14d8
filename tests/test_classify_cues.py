"""General cues and constructions of the classifier, each shown on a sentence of the kind
that taught it (see tests/test_classify_snippets.py for the snippet sets)."""

from __future__ import annotations

import pytest

from truceline.extract.classify import classify


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a wire slug in capitals is the story's own headline, not another story's
        ("GRENADE ATTACK ON POLICE PATROL IN BURUNDI CAPITAL WOUNDS FOUR", "Grenade"),
        # the source of a statement is not an actor in it
        (
            "Police in Kashmir said militants shot and injured a migrant labourer from Bihar.",
            "Attack",
        ),
        # a device found and made safe is disrupted, not exploded
        (
            "An IED planted on the road to the camp was detected and destroyed by the bomb disposal team.",
            "Disrupted weapons use",
        ),
        # a toxic leak from a plant is an accident, not a chemical weapon
        ("Toxic gas leaked from a chemical plant, killing 11 villagers in their sleep.", None),
    ],
)
def test_cues_from_the_first_set(text: str, want: str | None) -> None:
    c = classify(text)
    assert (c.sub_event_type if c else None) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a court looks back at an attack: no new incident
        (
            "A court in Mombasa jailed three men for their part in the 2019 attack on a hotel.",
            None,
        ),
        # ...but a march against a verdict is a protest
        ("Thousands marched in Accra after the court acquitted the officers.", "Peaceful protest"),
        # an anniversary recalls a kidnapping, it does not report one
        (
            "On the fifth anniversary of the Dapchi kidnapping, parents urged the state to act.",
            None,
        ),
        # accidents have verbs of their own
        ("A minibus plunged into a river in Kigezi, killing 11 passengers.", None),
        ("A wall collapsed at a gold mining site, killing nine miners.", None),
        # a crowd with sticks and stones is no armed group
        (
            "Two clans clashed with sticks and stones over grazing land, injuring six.",
            "Mob violence",
        ),
        ("A suspected thief was beaten to death by a mob in Ibadan.", "Mob violence"),
        # a building converted into a base
        (
            "Rebels have turned the district hospital into a military base, residents said.",
            "Headquarters or base established",
        ),
        # a crowd named by its demand is a demonstration; killing its members is excessive force
        (
            "Police opened fire on workers demanding unpaid wages in Lubumbashi, killing two.",
            "Excessive force against protesters",
        ),
        # protesters who burn a building are rioting, not a mob
        (
            "Angry residents protesting water shortages set fire to the municipal office.",
            "Violent demonstration",
        ),
        # a truce agreed in so many words
        (
            "The army and the rebels agreed to a 72-hour ceasefire to let aid convoys in.",
            "Agreement",
        ),
        # broad words that must not make an incident on their own
        ("The president was greeted by a crowd of supporters in Kano.", None),
        ("The newly formed cabinet held its first meeting on Monday.", None),
        # troops leaving are the setting of an attack, not a transfer
        ("Militants attacked the village after the troops left, killing five.", "Attack"),
        # a side that moves in after the other has left, without a fight
        (
            "Government troops took over the town after the rebels withdrew.",
            "Non-violent transfer of territory",
        ),
    ],
)
def test_cues_from_the_second_set(text: str, want: str | None) -> None:
    c = classify(text)
    assert (c.sub_event_type if c else None) == want

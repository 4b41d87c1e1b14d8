"""Fatalities by ACLED's conservative conventions."""

import pytest

from truceline.extract.fatalities import find_fatalities


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("On 16 July 2024, shelling hit the market. One civilian was killed.", 1),
        ("Two people were killed, four wounded.", 2),
        ("The missile struck a school, killing a teacher and a pupil.", 2),
        ("The strike killed dozens of soldiers, officials said.", 12),
        ("Hundreds of people died in the siege, according to the mayor.", 100),
        ("At least 9 soldiers were killed near the bridge.", 9),
        (
            "More than 30 servicemen were killed near three villages (fatalities split between 3 events).",
            10,
        ),
        ("Troops suffered heavy losses. Unspecified fatalities coded as 10.", 10),
        ("Gunmen shot two civilians dead at a checkpoint.", 2),
        ("The driver was killed and one passenger was injured.", 1),
        ("Rescuers said the death toll rose to 14.", 14),
        ("There were no casualties, the governor said.", 0),
        ("There were no injuries or fatalities.", 0),
        ("Four people were wounded in the blast.", None),
        ("Casualties unknown.", None),
        ("As a result of which 4 civilians were killed including 2 children.", 4),
        ("20 civilians, including 9 children, were killed and 61 wounded.", 20),
        ("Five people, among them a child, died in the strike.", 5),
    ],
)
def test_fatalities(text, want):
    assert find_fatalities(text)[0] == want


def test_fatalities_coded_to_another_event_count_zero_here():
    text = (
        "One rebel was killed at an unspecified location (fatalities coded to Zalizna Balka event)."
    )
    assert find_fatalities(text)[0] == 0


def test_killed_or_wounded_counts_no_one_as_killed():
    assert find_fatalities("Twelve soldiers were killed or wounded, the army said.")[0] is None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the same group told twice: the lowest figure, not the sum
        ("At least 5 people were killed in the strike. The death toll later rose to 7.", 5),
        (
            "Six Malian troops were killed on Tuesday. At least six troops were killed, the army said.",
            6,
        ),
        (
            "A suicide bomber targeted a police vehicle, killing five police. Officials said the "
            "bombing killed five police and wounded seven others.",
            5,
        ),
        # a range: its lower end
        ("Between 10 and 15 people were killed in the raid.", 10),
        ("The attack killed between 10 and 15 soldiers.", 10),
        ("Two or three civilians died in the fire.", 2),
        # different groups still add up; a total is at least their sum
        ("Gunmen killed two soldiers and three civilians.", 5),
        ("Shelling killed 3 civilians. The death toll rose to 5.", 5),
        ("Three people were killed, including two children who were killed in their home.", 3),
    ],
)
def test_most_conservative_figure(text, want):
    assert find_fatalities(text)[0] == want

"""Monitoring notes in the style of 2023-2025, written for these tests (not from any data set).

Each is one incident as ACLED would code it: one claim, its type, its toll on the
claim itself, the acting party only where the note names one as acting, and the
place the note names.  The real classifier and gazetteer run.
"""

import pytest

from truceline.extract import Extractor

RUSSIA = "Military Forces of Russia (2000-)"
UKRAINE = "Military Forces of Ukraine (2019-)"


@pytest.fixture(scope="module")
def extractor(geocoder):
    return Extractor(geocoder=geocoder)


def top(extractor, text, published="2024-06-01"):
    claims = extractor.extract_text(text, published=published, doc_id="n")
    assert claims, text
    return max(claims, key=lambda c: c.confidence), claims


@pytest.mark.parametrize(
    ("text", "sub", "fatalities", "actor1", "place"),
    [
        ("On 5 November 2024, Russian forces shelled Toretsk, Donetsk. 1 civilian was killed "
         "and 2 civilians were injured.", "Shelling/artillery/missile attack", 1, RUSSIA, "Toretsk"),
        ("On 2 April 2025, Russian military forces fired an Iskander-M ballistic missile at Kryvyi "
         "Rih, Dnipropetrovsk. 20 civilians, including 9 children, were killed and 61 wounded.",
         "Shelling/artillery/missile attack", 20, RUSSIA, "Kryvyi Rih"),
        ("On 29 December 2023, Russian forces launched a massive missile and drone attack across "
         "Ukraine. In Kyiv, a warehouse was hit and 16 civilians were killed.",
         "Air/drone strike", 16, RUSSIA, "Kyiv"),
        ("On 14 August 2024, Ukrainian military forces attacked a Russian military vehicle with "
         "an FPV drone near Tetkino, Kursk (Russia). 2 Russian soldiers were killed.",
         "Air/drone strike", 2, UKRAINE, "Tetkino"),
        ("On 1 September 2024, Ukrainian forces attacked Russian positions with FPV drones near "
         "Pokrovsk, Donetsk. Casualties unknown.", "Air/drone strike", None, UKRAINE, "Pokrovsk"),
        # the only forces named are the ones attacked: who attacked is left unsaid
        ("On 22 May 2023, a group of armed volunteers crossed the border and attacked Russian "
         "forces in Kozinka, Belgorod (Russia). Fatalities unknown.", "Armed clash", None, None,
         "Kozinka"),
    ],
)  # fmt: skip
def test_recent_notes(extractor, text, sub, fatalities, actor1, place):
    c, claims = top(extractor, text)
    assert [x.sub_event_type for x in claims] == [sub]
    assert c.fatalities == fatalities
    assert c.actor1 == actor1
    assert c.place is not None and c.place.name == place


def test_an_arrest_is_not_put_on_the_army_the_money_went_to(extractor):
    c, _ = top(extractor, "On 7 March 2024, FSB officers detained a resident of Krasnodar, "
                          "Krasnodar (Russia), on suspicion of treason for transferring money "
                          "to the Ukrainian army.")  # fmt: skip
    assert c.sub_event_type == "Arrests"
    assert c.actor1 != UKRAINE


def test_arms_promised_are_no_incident(extractor):
    claims = extractor.extract_text(
        "Germany will supply Ukraine with drones and missiles, the defence minister said on "
        "Tuesday.",
        published="2024-06-01",
    )
    assert claims == []


ARTICLE = (
    "Overnight, Russia launched 117 drones at Ukraine, of which 56 were shot down by air "
    "defences, the Ukrainian Air Force said. In the city of Kropyvnytskyi, a drone hit an energy "
    "facility, causing a fire, regional governor Andriy Raikovych said on Telegram. No one was "
    "injured.\n"
    "Kyiv said Russian forces had shelled Kherson late on Thursday, wounding two people."
)


def test_a_news_report_of_a_night_of_strikes(extractor):
    claims = extractor.extract_text(ARTICLE, published="2025-03-21", doc_id="a")
    by_place = {c.place.name if c.place else None: c for c in claims}
    # the attack is placed where it landed, not in the state that launched it
    summary = by_place["Ukraine"]
    assert summary.quantities == {"drones_launched": 117, "drones_intercepted": 56}
    assert summary.claimed_by == "the Ukrainian Air Force"
    # a hit named within the summary is an incident of its own, with its own source
    hit = by_place["Kropyvnytskyi"]
    assert (hit.sub_event_type, hit.target_class) == ("Air/drone strike", "energy")
    assert hit.claimed_by == "regional governor Andriy Raikovych"
    # "Kyiv said" is the government speaking; the shelling is in Kherson
    assert by_place["Kherson"].sub_event_type == "Shelling/artillery/missile attack"
    assert "Kyiv" not in by_place


def test_an_accusation_and_its_denial_are_two_claims_each_with_its_claimant(extractor):
    text = (
        "Russia accused Ukraine on Friday of blowing up a gas metering station in the Russian "
        "town of Sudzha. Ukraine's General Staff denied the claim and said Russian forces had "
        "themselves shelled the facility to discredit Kyiv."
    )
    accusation, denial = extractor.extract_text(text, published="2025-03-21", doc_id="a")
    assert (accusation.claimed_by, accusation.place.name) == ("Russia", "Sudzha")
    # the accuser is not made the actor of what it accuses the other side of
    assert accusation.actor1 is None
    assert (denial.claimed_by, denial.actor1) == ("Ukraine's General Staff", RUSSIA)
    assert denial.sub_event_type == "Shelling/artillery/missile attack"
    # "to discredit Kyiv": the government, not where the shelling was
    assert denial.place is None

"""Clustering never chains two unrelated claims together through a third one."""

from __future__ import annotations

from truceline.models import Claim, Place
from truceline.resolve import cluster_claims


def pin(doc, lat, lon, text, date="2022-03-02"):
    return Claim(
        doc_id=doc,
        event_date=date,
        evidence=text,
        place=Place(name="Kharkiv", latitude=lat, longitude=lon),
    )


def test_middle_claim_does_not_chain_its_two_neighbours():
    # B lies between A and C: close enough to either, but A and C are 900 m apart,
    # two different strikes in one city on one day.
    a = pin("a", 49.9935, 36.2304, "Missile hits the regional administration building")
    b = pin(
        "b", 49.9935, 36.2367, "Missile hits the regional administration building, school nearby"
    )
    c = pin("c", 49.9935, 36.2430, "Missile hits school nearby")
    groups = cluster_claims([a, b, c])
    assert [0, 1, 2] not in [sorted(g) for g in groups]


def test_copies_of_one_report_are_one_incident_and_other_days_are_not():
    same = [
        pin(f"d{k}", 49.9935 + k * 1e-4, 36.2304, "Apartment block hit by missile")
        for k in range(4)
    ]
    later = pin("x", 49.9935, 36.2304, "Apartment block hit by missile", date="2022-03-12")
    elsewhere = pin("y", 50.4501, 30.5234, "Apartment block hit by missile")
    groups = [sorted(g) for g in cluster_claims([*same, later, elsewhere])]
    assert [0, 1, 2, 3] in groups
    assert [4] in groups and [5] in groups


def test_one_document_never_tells_one_incident_twice():
    a = pin("same-doc", 49.9935, 36.2304, "Shelling of the market")
    b = pin("same-doc", 49.9935, 36.2304, "Shelling of the market")
    assert sorted(map(sorted, cluster_claims([a, b]))) == [[0], [1]]


def test_retelling_at_a_town_centroid_joins_the_strike():
    # Two outlets, both geocoded to the city (a gazetteer point, not a pin).
    moscow = dict(
        name="Moscow", latitude=55.7522, longitude=37.6156, geonameid=524901, geo_precision=1
    )
    a = Claim(
        doc_id="a",
        event_date="2025-03-11",
        sub_event_type="Air/drone strike",
        evidence="A drone struck a residential building in Moscow, killing one person",
        place=Place(**moscow),
        confidence=0.8,
    )
    b = Claim(
        doc_id="b",
        event_date="2025-03-11",
        sub_event_type="Air/drone strike",
        evidence="One person was killed when a drone hit a residential building in Moscow",
        place=Place(**moscow),
        confidence=0.8,
    )
    assert sorted(map(sorted, cluster_claims([a, b]))) == [[0, 1]]

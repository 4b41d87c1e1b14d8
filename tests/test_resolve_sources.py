"""A source seen to enter each event once never has two entries in one incident.

Two incident maps: one enters each source post once; the other pins every photo
of a post, so its entries come in near-identical twins.  Which is which is
learnt from the entries themselves, never from the sources' names, and only
for structured entries: a news outlet may publish a follow-up of one event.
"""

from __future__ import annotations

from truceline.models import Claim, Place
from truceline.resolve import cluster_claims

WORDS = [
    "school",
    "bridge",
    "depot",
    "hospital",
    "market",
    "station",
    "warehouse",
    "theatre",
    "library",
    "church",
]


def entry(doc: str, lat: float, lon: float, text: str, date: str = "2022-03-11") -> Claim:
    return Claim(
        doc_id=doc,
        event_date=date,
        evidence=text,
        place=Place(name="", latitude=lat, longitude=lon),
    )


def background(n: int, source: str) -> tuple[list[Claim], list[str]]:
    """n entries of one map, each a different event: other towns and days."""
    claims = [
        entry(
            f"{source}-{k}",
            47.0 + 0.05 * (k % 40),
            30.0 + 0.05 * (k // 40),
            f"Damage to the {WORDS[k % 10]} number {k} after an overnight strike",
            date=f"2022-02-{1 + k % 27:02d}",
        )
        for k in range(n)
    ]
    return claims, [source] * n


def chernihiv(civ: str, eor: str) -> tuple[list[Claim], list[str]]:
    """Two posts about one block in Chernihiv, each entered by both maps."""
    return [
        entry("civ-a", 51.50190, 31.32460, "Tarnovsky House, historic youth library, damaged"),
        entry("civ-b", 51.50210, 31.32500, "Crater after a strike next to a 19th century library"),
        entry("eor-a", 51.50240, 31.32540, "Tarnovsky House, historic youth library, damaged"),
        entry("eor-b", 51.50230, 31.32530, "Crater after a strike next to a 19th century library"),
    ], [civ, civ, eor, eor]


def test_a_map_with_one_entry_per_post_keeps_two_posts_at_one_spot_apart():
    bg, bg_src = background(120, "Civilian harm map")
    posts, post_src = chernihiv("Civilian harm map", "Eyes on Russia map")
    entries = [True] * (len(posts) + len(bg))
    groups = cluster_claims(posts + bg, post_src + bg_src, entries)
    together = [sorted(g) for g in groups if g[0] < 4]
    assert [0, 1] not in together and not any({0, 1} <= set(g) for g in together)
    assert [0, 2] in together and [1, 3] in together


def test_a_news_outlet_may_tell_one_event_twice_however_many_stories_it_has():
    bg, bg_src = background(120, "Kyiv Independent")
    posts, post_src = chernihiv("Kyiv Independent", "Ukrainska Pravda")
    groups = [sorted(g) for g in cluster_claims(posts + bg, post_src + bg_src)]
    assert [0, 1, 2, 3] in groups


def test_with_few_entries_nothing_is_learnt_and_place_and_time_decide():
    posts, post_src = chernihiv("Civilian harm map", "Eyes on Russia map")
    groups = [sorted(g) for g in cluster_claims(posts, post_src, [True] * len(posts))]
    assert [0, 1, 2, 3] in groups


def test_a_map_that_pins_every_photo_keeps_its_twins_together():
    photos = [
        entry(f"eor-{k}", 49.85078 + k * 1e-5, 36.65976, "Apartment block hit by missile")
        for k in range(5)
    ]
    bg, bg_src = background(120, "Eyes on Russia map")
    twins_bg = [
        entry(f"eor-t{k}", c.place.latitude, c.place.longitude, c.evidence, c.event_date)
        for k, c in enumerate(bg)
    ]
    claims = photos + bg + twins_bg
    sources = ["Eyes on Russia map"] * len(claims)
    groups = [sorted(g) for g in cluster_claims(claims, sources, [True] * len(claims))]
    assert [0, 1, 2, 3, 4] in groups

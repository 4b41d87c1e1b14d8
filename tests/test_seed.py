"""The motivating article: its incidents are found, and nothing comes from other stories' headlines.

Reads ../shared/seed and ../shared/data/seed-gold.json (never copied into the repo);
skipped where they are absent.
"""

import json
import math
from pathlib import Path

import pytest

SHARED = Path(__file__).parents[2] / "shared"
GOLD = SHARED / "data" / "seed-gold.json"

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="../shared/data is not here")


def km(a, b, c, d):
    p1, p2 = math.radians(a), math.radians(c)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(d - b) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def seed():
    from truceline.extract import Extractor
    from truceline.geocode import Geocoder, default_gazetteer_path, ensure_gazetteer

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    text = (GOLD.parent / gold["document"]).read_text(encoding="utf-8")
    ex = Extractor(geocoder=Geocoder(ensure_gazetteer(default_gazetteer_path())))
    return gold, text, ex.extract_text(text, published=gold["published"], doc_id="seed")


def matches(claim, want) -> bool:
    p = claim.place
    if claim.sub_event_type != want["sub_event_type"] or p is None or p.latitude is None:
        return False
    if km(want["latitude"], want["longitude"], p.latitude, p.longitude) > want["max_km"]:
        return False
    if want.get("event_date") and claim.event_date != want["event_date"]:
        return False
    if any(claim.quantities.get(k) != v for k, v in (want.get("quantities") or {}).items()):
        return False
    return "fatalities" not in want or (claim.fatalities or 0) == want["fatalities"]


@pytest.mark.parametrize("kind", ["must", "should"])
def test_every_listed_incident_is_found(seed, kind):
    gold, text, claims = seed
    for want in gold[kind]:
        found = [c for c in claims if matches(c, want)]
        assert found, f"{kind}: {want['name']} not found"
        c = found[0]
        if "actor1_mentions" in want:
            assert want["actor1_mentions"] in (c.actor1 or "")
        if "evidence_contains" in want:
            assert want["evidence_contains"] in text[c.span[0] : c.span[1]]
        if "claimed_by_mentions" in want:
            assert want["claimed_by_mentions"] in (c.claimed_by or "")


def test_no_claim_from_headlines_or_diplomacy(seed):
    gold, text, claims = seed
    for line in gold["must_not"]:
        s = text.index(line)
        for c in claims:
            assert not (c.span[0] < s + len(line) and c.span[1] > s), f"claim from {line[:50]!r}"


def test_the_three_headline_strikes_are_separate_claims(seed):
    _, _, claims = seed
    types = [c.sub_event_type for c in claims]
    assert types.count("Air/drone strike") >= 2 and "Disrupted weapons use" in types
    assert len(claims) <= 6  # the article's commentary paragraphs yield nothing

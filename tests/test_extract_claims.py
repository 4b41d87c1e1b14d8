"""Grouping sentences into claims, and what each claim takes from its own span.

A small keyword classifier stands in for truceline.extract.classify so that these
tests pin down the grouping rules alone.
"""

from dataclasses import dataclass

from truceline.extract import Extractor
from truceline.models import Place, event_type_of


@dataclass
class FakeClassification:
    sub_event_type: str
    confidence: float = 0.8
    weapon: str | None = None
    target_class: str | None = None
    cues: tuple = ()

    @property
    def event_type(self):
        return event_type_of(self.sub_event_type)


def fake_classify(text: str):
    t = text.lower()
    if "talks" in t or "phone call" in t or "predict" in t:
        return None
    if "intercept" in t or "shot down" in t:
        return FakeClassification("Disrupted weapons use")
    if "drone" in t or "strike" in t:
        return FakeClassification("Air/drone strike")
    if "shell" in t:
        return FakeClassification("Shelling/artillery/missile attack")
    return None


class FakeGeocoder:
    """Finds the first known town name in the span."""

    towns = {"Belgorod": (50.6, 36.6), "Kursk": (51.73, 36.19), "Kharkiv": (49.99, 36.23)}

    def context(self, text):
        return None

    def locate(self, text, start, end, ctx):
        span = text[start:end]
        for name, (lat, lon) in self.towns.items():
            i = span.find(name)
            if i >= 0:
                return Place(
                    name=name,
                    latitude=lat,
                    longitude=lon,
                    start=start + i,
                    end=start + i + len(name),
                )
        return None


ARTICLE = (
    "Ukrainian drones struck an oil depot in Belgorod on Sunday, the regional governor said. "
    "The strike set two tanks on fire. Three people were injured.\n"
    "Oil Prices Climb on Supply Fears\n"
    "Russian air defence shot down 12 drones over Kursk overnight, the Ministry of Defence said. "
    "Talks between the two sides are expected next week.\n"
    "Russian forces shelled Kharkiv late on Friday. There were no casualties."
)


def claims_of(text=ARTICLE, geocoder=None):
    ex = Extractor(geocoder=geocoder, classifier=fake_classify)
    return ex.extract_text(text, published="2025-03-14", doc_id="d1")


def test_one_claim_per_incident_told_over_several_sentences():
    claims = claims_of(geocoder=FakeGeocoder())
    assert [c.sub_event_type for c in claims] == [
        "Air/drone strike",
        "Disrupted weapons use",
        "Shelling/artillery/missile attack",
    ]
    strike = claims[0]
    assert ARTICLE[strike.span[0] : strike.span[1]].endswith("Three people were injured.")
    assert strike.evidence == ARTICLE[strike.span[0] : strike.span[1]]
    assert strike.quantities == {"injured": 3}


def test_headlines_and_diplomacy_never_make_claims():
    headline = ARTICLE.index("Oil Prices")
    talks = ARTICLE.index("Talks between")
    for c in claims_of():
        assert not (c.span[0] <= headline < c.span[1])
        assert not (c.span[0] <= talks < c.span[1])


def test_each_claim_has_its_own_date_and_time_of_day():
    strike, intercept, shelling = claims_of()
    assert (strike.event_date, strike.time_precision) == ("2025-03-09", 1)
    assert (intercept.event_date, intercept.time_of_day) == ("2025-03-14", "night")
    assert (shelling.event_date, shelling.time_of_day) == ("2025-03-14", "late evening")


def test_fields_from_the_span():
    strike, intercept, shelling = claims_of(geocoder=FakeGeocoder())
    assert strike.actor1 == "Military Forces of Ukraine (2019-)"
    assert strike.actor1_stated == "Ukrainian drones"
    assert strike.claimed_by == "the regional governor"
    assert strike.place.name == "Belgorod"
    assert intercept.quantities == {"drones_intercepted": 12}
    assert intercept.claimed_by == "the Ministry of Defence"
    assert intercept.place.name == "Kursk"
    assert shelling.fatalities == 0
    assert 0 < shelling.confidence <= 1


def test_a_new_place_starts_a_new_claim():
    text = "Russian forces shelled Kharkiv on Monday. Russian forces also shelled Belgorod."
    claims = claims_of(text, geocoder=FakeGeocoder())
    assert [c.place.name for c in claims] == ["Kharkiv", "Belgorod"]


def test_text_without_incident_gives_no_claim():
    assert claims_of("Talks between the two sides resumed in Riyadh on Tuesday.") == []


def test_contract_has_the_design_fields():
    row = claims_of(geocoder=FakeGeocoder())[0].contract()
    assert set(row) == {
        "doc_id", "event_type", "sub_event_type", "event_date", "time_precision", "location",
        "admin1", "country_code", "latitude", "longitude", "geo_precision", "fatalities",
        "actor1", "actor2", "claimed_by", "quantities", "span", "confidence",
    }  # fmt: skip
    assert row["location"] == "Belgorod" and row["span"][0] == 0

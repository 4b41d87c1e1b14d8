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


class CountryGeocoder(FakeGeocoder):
    """Places every event in a whole country, as snippets about far-off wars often do."""

    def locate(self, text, start, end, ctx):
        i = text.find("Syria", start, end)
        if i < 0:
            return None
        return Place(name="Syria", latitude=35.0, longitude=38.0, feature_code="PCLI",
                     start=i, end=i + 5)  # fmt: skip


def test_a_short_passage_placed_only_in_a_country_is_still_an_incident():
    snippet = "Turkish drones struck depots used by militants in northern Syria."
    assert [c.sub_event_type for c in claims_of(snippet, CountryGeocoder())] == ["Air/drone strike"]


def test_commentary_placed_only_in_a_country_in_an_article_is_no_incident():
    article = (
        ARTICLE + "\nAnalysts say drones will keep striking across Syria. " + "More text. " * 80
    )
    subs = [c.sub_event_type for c in claims_of(article, CountryGeocoder())]
    assert subs == [
        "Air/drone strike",
        "Disrupted weapons use",
        "Shelling/artillery/missile attack",
    ]


def passage_classify(text: str):
    """Each sentence alone reads as a strike; only the whole passage reads as shelling."""
    if "shelling" in text.lower() and "." in text.rstrip(". "):
        return FakeClassification("Shelling/artillery/missile attack", 0.9)
    return fake_classify(text) and FakeClassification("Air/drone strike", 0.5)


def test_the_whole_of_a_short_passage_says_which_claim_leads():
    ex = Extractor(classifier=passage_classify)
    text = "A strike hit the depot in Kursk. It was part of the shelling of the town."
    claims = ex.extract_text(text, published="2025-03-14", doc_id="d1")
    top = max(claims, key=lambda c: c.confidence)
    assert top.sub_event_type == "Shelling/artillery/missile attack"
    assert top.span[0] == 0


def test_an_article_is_not_typed_as_a_whole():
    ex = Extractor(classifier=passage_classify)
    text = ("A strike hit the depot in Kursk. It was part of the shelling of the town.\n"
            "Officials spoke at length afterwards. " * 10)  # fmt: skip
    claims = ex.extract_text(text, published="2025-03-14", doc_id="d1")
    assert {c.sub_event_type for c in claims} == {"Air/drone strike"}


def test_a_short_passage_that_reads_whole_as_no_incident_gives_no_claim():
    def talks_classify(text: str):
        if "talks" in text.lower() and "." in text.rstrip(". "):
            return None  # read whole: diplomacy
        return fake_classify(text) and FakeClassification("Air/drone strike", 0.5)

    ex = Extractor(classifier=talks_classify)
    text = "The talks went on in Geneva. Both sides traded claims about a drone strike."
    assert ex.extract_text(text, published="2025-03-14", doc_id="d1") == []
    # an article is not read whole: its sentences keep their claims
    article = text + "\n" + "Officials spoke at length afterwards. " * 30
    assert len(ex.extract_text(article, published="2025-03-14", doc_id="d1")) == 1

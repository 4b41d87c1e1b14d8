"""A structured report always gives one claim; the source's coded fields win."""

from test_extract_claims import fake_classify

from truceline.extract import Extractor
from truceline.models import Document, sha256


def report(text: str, **fields) -> Document:
    return Document(sha256=sha256(text.encode()), raw=text.encode(), text=text,
                    published="2025-03-14", fields=fields)  # fmt: skip


ex = Extractor(classifier=fake_classify)


def test_coded_fields_win_over_the_text():
    doc = report(
        "Russian forces shelled Kharkiv on Monday. Two people were injured.",
        event_date="2025-03-12", location="Kupiansk", latitude="49.71", longitude="37.61",
        fatalities="1", sub_event_type="Shelling/artillery/missile attack",
    )  # fmt: skip
    c = ex.extract_report(doc)
    assert c.event_date == "2025-03-12"
    assert (c.place.name, c.place.latitude, c.place.longitude) == ("Kupiansk", 49.71, 37.61)
    assert c.fatalities == 1
    assert c.quantities == {"injured": 2}  # the text fills what the fields do not give
    assert c.doc_id == doc.id


def test_short_report_text_is_still_typed_with_low_confidence():
    # A classifier that will not type such short texts: the keyword guess takes over.
    ex = Extractor(classifier=lambda text: None)
    c = ex.extract_report(report("Footage of shelling"))
    assert c.sub_event_type == "Shelling/artillery/missile attack"
    assert c.confidence <= 0.5
    c = ex.extract_report(report("Apartment block hit by missile"))
    assert c.sub_event_type == "Shelling/artillery/missile attack"
    assert c.event_date == "2025-03-14"


def test_a_report_with_no_text_still_gives_one_claim():
    c = ex.extract_report(report("", event_date="2025-03-10", location="Sumy"))
    assert c.event_date == "2025-03-10" and c.place.name == "Sumy"

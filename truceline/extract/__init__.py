"""The extract stage: a document's text in, incident claims out.

    from truceline.extract import Extractor
    ex = Extractor(geocoder=geo)           # or None for claims without places
    claims = ex.extract(doc)               # a truceline.models.Document
    claims = ex.extract_text(text, published="2025-03-14", doc_id="x")
    claim = ex.extract_report(doc)         # a structured report: exactly one claim

Modules: sentences (splitting, headlines), dates, quantities, fatalities, actors,
claims (grouping sentences into claims), report (structured reports).  Sentence
typing is classify's job.
"""

from truceline.extract.claims import Extractor

__all__ = ["Extractor"]

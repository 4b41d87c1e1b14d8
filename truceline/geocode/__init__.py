"""The geocode stage: a gazetteer, a site registry, and a geocoder that uses them.

gaz = ensure_gazetteer()          # builds the cached SQLite gazetteer if missing
geo = Geocoder(gaz)               # with the package's bundled site registry
geo.geoparse(text)                # every toponym, resolved, with its span
geo.locate(text, start, end)      # where the event in text[start:end] happened
"""

from truceline.geocode.gazetteer import (
    Candidate,
    Gazetteer,
    LocalPlace,
    default_gazetteer_path,
    ensure_gazetteer,
)
from truceline.geocode.geoparse import DocContext, Geocoder
from truceline.geocode.sites import Site, SiteRegistry

__all__ = [
    "Candidate",
    "DocContext",
    "Gazetteer",
    "Geocoder",
    "LocalPlace",
    "Site",
    "SiteRegistry",
    "default_gazetteer_path",
    "ensure_gazetteer",
]

"""Shared fixtures.  Each stage appends its own below; keep them named after what they give."""

from __future__ import annotations

import pytest


# -- geocode: one gazetteer per test session -------------------------------------------------
@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory):
    """The gazetteer, read-only: the cached one if current, else built once (~20 s)."""
    from truceline.geocode import Gazetteer, default_gazetteer_path, ensure_gazetteer

    path = default_gazetteer_path()
    if not Gazetteer.is_current(path):
        path = tmp_path_factory.mktemp("geocache") / "gazetteer.sqlite"
    return ensure_gazetteer(path)


@pytest.fixture(scope="session")
def geocoder(gazetteer):
    from truceline.geocode import Geocoder

    return Geocoder(gazetteer)

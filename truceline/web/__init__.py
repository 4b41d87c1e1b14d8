"""The web shell: a FastAPI app (API and dashboard) over the library."""

from truceline.web.app import create_app

__all__ = ["create_app"]

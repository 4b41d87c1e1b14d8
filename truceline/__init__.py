"""Truceline: turn reports of ceasefire violations into a verified, evidence-linked record."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # Read on first use, not at import: importlib.metadata costs every process ~25 ms.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    global __version__
    try:
        __version__ = version("truceline")
    except PackageNotFoundError:  # running from a source tree that was never installed
        __version__ = "0.0.0"
    return __version__

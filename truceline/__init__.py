"""Truceline: turn reports of ceasefire violations into a verified, evidence-linked record."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("truceline")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

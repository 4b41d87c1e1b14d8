"""Plain text and HTML pages: one document each."""

from __future__ import annotations

import trafilatura

from truceline.errors import InputError
from truceline.ingest.common import iso_date
from truceline.models import Document, sha256

__all__ = ["read_html", "read_text"]


def _decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            f"not UTF-8 text (byte {e.start})", source=path, hint="convert the file to UTF-8"
        ) from None


def read_text(
    data: bytes, path: str, *, published: str | None = None, source: str | None = None
) -> Document:
    text = _decode(data, path)
    if not text.strip():
        raise InputError("the file is empty", source=path)
    return Document(
        sha256=sha256(data),
        raw=data,
        text=text,
        media_type="text/plain",
        source=source,
        url=path,
        published=published,
    )


def read_html(
    data: bytes, path: str, *, published: str | None = None, source: str | None = None
) -> Document:
    """The article's main text (trafilatura drops menus, ads and related-story lists)."""
    html = _decode(data, path)
    extracted = trafilatura.bare_extraction(
        html, url=path, with_metadata=True, include_comments=False
    )
    if extracted is None or not (extracted.text or "").strip():
        raise InputError("no article text found in the HTML page", source=path)
    return Document(
        sha256=sha256(data),
        raw=data,
        text=extracted.text,
        media_type="text/html",
        source=source or extracted.sitename or extracted.hostname,
        url=extracted.url or path,
        title=extracted.title,
        published=published or iso_date(extracted.date),
    )

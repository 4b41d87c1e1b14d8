"""RSS and Atom feeds: each entry is a document."""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterator
from datetime import UTC, datetime

import feedparser
import lxml.html

from truceline.errors import InputError
from truceline.models import Document, sha256

__all__ = ["looks_like_feed", "read_feed"]


def looks_like_feed(data: bytes) -> bool:
    head = data[:2000].lower()
    return b"<rss" in head or (b"<feed" in head and b"atom" in head) or b"<rdf:rdf" in head


def _plain(html: str) -> str:
    if "<" not in html:
        return html.strip()
    return lxml.html.fromstring(f"<div>{html}</div>").text_content().strip()


def _when(entry: feedparser.FeedParserDict) -> str | None:
    t = entry.get("published_parsed") or entry.get("updated_parsed")
    if not t:
        return None
    return datetime.fromtimestamp(calendar.timegm(t), UTC).isoformat(timespec="seconds")


def read_feed(
    data: bytes, path: str, *, source: str | None = None
) -> Iterator[Document | InputError]:
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        yield InputError(f"not a readable RSS/Atom feed: {parsed.bozo_exception}", source=path)
        return
    publisher = source or parsed.feed.get("title")
    for i, entry in enumerate(parsed.entries, 1):
        body = ""
        if entry.get("content"):
            body = " ".join(_plain(c.get("value", "")) for c in entry.content)
        body = body or _plain(entry.get("summary", ""))
        title = (entry.get("title") or "").strip()
        if not body and not title:
            yield InputError(
                "the entry has neither title nor text", source=path, line=i, field="entry"
            )
            continue
        # The title is this story's own headline: kept apart from the body so it is never a claim.
        raw = json.dumps(
            {k: entry.get(k) for k in ("id", "link", "title", "published", "summary")},
            sort_keys=True,
            ensure_ascii=False,
        ).encode()
        yield Document(
            sha256=sha256(raw),
            raw=raw,
            text=body or title,
            media_type="application/rss+xml",
            source=publisher,
            external_id=entry.get("id") or entry.get("link"),
            url=entry.get("link"),
            title=title or None,
            published=_when(entry),
        )

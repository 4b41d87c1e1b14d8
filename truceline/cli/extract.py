"""Commands of the extract stage: `truceline extract DOCS.jsonl` (design.md §1)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click
import orjson

from truceline.cli.base import input_path, main, warn
from truceline.errors import InputError

# Inputs smaller than this finish before a progress bar would be worth drawing.
_PROGRESS_MIN_BYTES = 256 * 1024
# Claims are written in batches of this many documents: a flush per document costs a
# system call each, a tenth of the time of a short document's extraction.
_FLUSH_EVERY = 256


def _encode(row: dict[str, Any]) -> str:
    """One claim as one JSON line's text: orjson, about six times as fast as the standard
    library's encoder, which took a twentieth of a run."""
    return orjson.dumps(row).decode()


def read_docs(path: Path, stream: IO[str]) -> Iterator[dict[str, Any] | InputError]:
    """Each line's document, or the InputError that says why the line was skipped."""
    for n, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            row = orjson.loads(line)
        except orjson.JSONDecodeError as e:  # a json.JSONDecodeError, with its msg and colno
            yield InputError(f"not valid JSON ({e.msg}, column {e.colno})", source=str(path), line=n,
                             hint="each line must be one JSON object")  # fmt: skip
            continue
        if not isinstance(row, dict):
            yield InputError(
                "not a JSON object",
                source=str(path),
                line=n,
                hint="each line must be one JSON object",
            )
            continue
        if not isinstance(row.get("text"), str):
            yield InputError("missing or not a string", source=str(path), line=n, field="text",
                             hint='give the document\'s text as "text"')  # fmt: skip
            continue
        if row.get("id") is None:
            yield InputError(
                "missing", source=str(path), line=n, field="id", hint='give each document an "id"'
            )
            continue
        if row.get("published") is not None and not isinstance(row["published"], str):
            yield InputError("not a string", source=str(path), line=n, field="published",
                             hint="use YYYY-MM-DD")  # fmt: skip
            continue
        yield row


@main.command("extract")
@click.argument("docs", type=input_path())
@click.option(
    "--gazetteer",
    "gazetteer",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Gazetteer file (built if missing). Default: the user cache.",
)
@click.option("--no-geocode", is_flag=True, help="Leave places empty (faster).")
def extract_cmd(docs: Path, gazetteer: Path | None, no_geocode: bool) -> None:
    """Print one claim per line for each incident in DOCS.jsonl.

    Each input line is {"id", "text", "published"?, ...}; unknown fields are ignored.
    A document with no incident prints nothing.  A bad line gets one warning on
    stderr and is skipped; the exit code is 1 only when lines were given and none
    could be read.  Reads and writes no database.
    """
    from truceline.extract import Extractor

    geo = None
    if not no_geocode:
        from truceline.geocode import Geocoder, default_gazetteer_path, ensure_gazetteer

        geo = Geocoder(ensure_gazetteer(gazetteer or default_gazetteer_path()))
    ex = Extractor(geocoder=geo)
    good = bad = 0
    size = docs.stat().st_size
    show = sys.stderr.isatty() and size >= _PROGRESS_MIN_BYTES
    out = sys.stdout
    lines: list[str] = []
    with docs.open(encoding="utf-8", errors="replace") as f:
        progress = _progress(show)
        task = progress.add_task("extract", total=size) if progress else None
        try:
            for row in read_docs(docs, f):
                if isinstance(row, InputError):
                    bad += 1
                    _flush(out, lines)  # the warning follows the claims before it
                    warn(str(row))
                    continue
                good += 1
                claims = ex.extract_text(
                    row["text"], published=row.get("published"), doc_id=str(row["id"])
                )
                lines.extend(_encode(c.contract()) + "\n" for c in claims)
                if good % _FLUSH_EVERY == 0:
                    _flush(out, lines)
                if progress is not None:
                    progress.update(task, completed=f.buffer.tell() if hasattr(f, "buffer") else 0)
        finally:
            _flush(out, lines)
            if progress is not None:
                progress.stop()
    if bad and not good:
        raise click.ClickException(f"{docs}: no line could be read ({bad} bad)")


def _flush(out: IO[str], lines: list[str]) -> None:
    if lines:
        out.write("".join(lines))
        lines.clear()
    out.flush()


def _progress(show: bool):
    if not show:
        return None
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    p = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    p.start()
    return p

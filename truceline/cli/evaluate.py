"""Commands of the evaluate stage: `agreement check` and `evaluate`."""

from __future__ import annotations

from pathlib import Path

import click

from truceline.cli.base import input_path, main, open_store


@main.group()
def agreement() -> None:
    """Agreement files: validate them before evaluating."""


@agreement.command("check")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--contact-line", type=input_path(), help="Use this GeoJSON line instead of the file's."
)
def check(file: Path, contact_line: Path | None) -> None:
    """Validate an agreement FILE; print what it holds, or one line saying what is wrong."""
    from truceline.evaluate import load_agreement

    a = load_agreement(file, contact_line=contact_line)
    spec = a.spec
    parties = ", ".join(f"{p.name} ({p.id})" for p in spec.parties)
    click.echo(f"OK: {spec.name}, version {spec.version} ({a.id[:12]})")
    click.echo(f"  parties: {parties}")
    tz = spec.window.timezone or "UTC"
    click.echo(f"  window: {spec.window.describe()} ({tz})")
    if a.zones.line is not None:
        zones = ", ".join(f"{k} {v:g} km each side" for k, v in a.zones.bands.items())
        click.echo(f"  contact line: {len(a.zones.line.geoms)} part(s); zones: {zones or 'none'}")
    for c in spec.clauses:
        readings = "; ".join(
            f"{a.party(r.party).name} reads from {r.start or spec.window.start}" for r in c.readings
        )
        click.echo(f"  clause {c.id}: {c.title}" + (f" [{readings}]" if readings else ""))


@main.command()
@click.option(
    "--agreement",
    "agreement_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The agreement file (default: the example agreement shipped with Truceline).",
)
@click.option(
    "--contact-line", type=input_path(), help="Use this GeoJSON line instead of the file's."
)
@click.pass_context
def evaluate(ctx: click.Context, agreement_file: Path | None, contact_line: Path | None) -> None:
    """Test every incident against every clause of an agreement and store the findings."""
    from truceline.evaluate import evaluate_store, example_agreement_path, load_agreement
    from truceline.store.findings import load_findings

    # Load (and fail) before opening the store: a broken file changes nothing stored.
    a = load_agreement(agreement_file or example_agreement_path(), contact_line=contact_line)
    store = open_store(ctx)
    n = evaluate_store(store, a)
    with store.read() as conn:
        rows = load_findings(conn, agreement_id=a.id)
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    parts = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in sorted(counts.items()))
    click.echo(
        f"{n} findings against {a.spec.name} (version {a.spec.version}): {parts or 'no incidents'}"
    )

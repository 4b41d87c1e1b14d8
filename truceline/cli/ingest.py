"""`truceline ingest`: store inputs, then run the pipeline over what is new."""

from __future__ import annotations

import click

from truceline.cli.base import main, open_store, warn
from truceline.errors import InputError
from truceline.ingest import FORMATS, ingest_path


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), help="Input format (default: guessed)."
)
@click.option("--source", help="Publisher or reporting body, for inputs that do not name one.")
@click.option("--grade", help="Admiralty source reliability, A (reliable) to F (cannot be judged).")
@click.option("--published", help="Publication date (YYYY-MM-DD) for plain text and HTML.")
@click.option(
    "--protect",
    is_flag=True,
    help="Protect the sources of these inputs: never named or quoted in public views.",
)
@click.option(
    "--process/--no-process", default=True, show_default=True, help="Run the pipeline afterwards."
)
@click.pass_context
def ingest(
    ctx: click.Context,
    inputs: tuple[str, ...],
    fmt: str | None,
    source: str | None,
    grade: str | None,
    published: str | None,
    protect: bool,
    process: bool,
) -> None:
    """Ingest files or URLs: text, HTML, RSS/Atom, JSONL/CSV reports, ACLED CSV, FIRMS CSV.

    Bad records are quarantined with a warning and the rest goes on.  Exits 1
    if any input could not be read at all.
    """
    from truceline.ingest.common import iso_date

    store = open_store(ctx)
    if published and iso_date(published) is None:
        raise click.BadParameter(
            f"{published!r} is not a date; write YYYY-MM-DD", param_hint="--published"
        )
    failed = 0
    for target in inputs:
        try:
            r = ingest_path(
                store,
                target,
                fmt=fmt,
                source=source,
                reliability=grade,
                published=iso_date(published),
                protected=protect,
            )
        except InputError as e:
            warn(str(e))
            failed += 1
            continue
        for e in r.errors:
            warn(f"{e} (quarantined)")
        if r.already_ingested:
            click.echo(f"{target}: already ingested, nothing to do", err=True)
        else:
            click.echo(
                f"{target}: {r.added} added, {r.duplicates} already stored, {r.rejected} rejected ({r.format})",
                err=True,
            )
    if process:
        ctx.invoke(run_command)
    if failed:
        ctx.exit(1)


@main.command("run")
@click.option(
    "--agreement",
    type=click.Path(exists=True, dir_okay=False),
    help="Evaluate against this agreement.",
)
@click.pass_context
def run_command(ctx: click.Context, agreement: str | None = None) -> None:
    """Extract new documents, then resolve, grade (and evaluate) all incidents."""
    from truceline.cli.progress import stage_progress
    from truceline.geocode import Geocoder, default_gazetteer_path, ensure_gazetteer
    from truceline.pipeline import run

    store = open_store(ctx)
    agreement_obj = None
    if agreement:
        from truceline.evaluate import load_agreement

        agreement_obj = load_agreement(agreement)
    geocoder = Geocoder(ensure_gazetteer(default_gazetteer_path()))
    with stage_progress("extracting") as progress:
        s = run(store, geocoder, agreement=agreement_obj, progress=progress)
    click.echo(
        f"{s.documents} new documents, {s.claims} claims, {s.incidents} incidents"
        + (f", {s.findings} findings" if agreement else ""),
        err=True,
    )

"""Commands of the publish stage: `export` and `report`."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from truceline.cli.base import main, open_store
from truceline.errors import TrucelineError


@contextmanager
def _output(path: Path | None):
    if path is None:
        yield sys.stdout
        return
    try:
        f = path.open("w", encoding="utf-8", newline="")
    except OSError as e:
        raise TrucelineError(f"{path}: cannot write: {e.strerror}") from None
    with f:
        yield f


@main.group()
def export() -> None:
    """Export incidents or findings."""


_output_opt = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of stdout.",
)
_public_opt = click.option(
    "--public",
    is_flag=True,
    help="Apply the public redaction rules (no protected sources or sites).",
)


@export.command("incidents")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "geojson", "csv", "acled"]),
    default="jsonl",
    show_default=True,
)
@click.option("--date", "day", help="Only incidents of this day (YYYY-MM-DD).")
@_output_opt
@_public_opt
@click.pass_context
def export_incidents_cmd(
    ctx: click.Context, fmt: str, day: str | None, output: Path | None, public: bool
) -> None:
    """Incidents, one per line (jsonl), as GeoJSON, CSV, or ACLED-compatible CSV."""
    from truceline.publish import export_incidents

    store = open_store(ctx)
    with _output(output) as out:
        n = export_incidents(store, out, fmt, public=public, day=day)
    if output is not None:
        click.echo(f"{n} incidents written to {output}", err=True)


@export.command("findings")
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option(
    "--agreement-id", help="Findings of this stored agreement (default: the latest evaluated)."
)
@_output_opt
@_public_opt
@click.pass_context
def export_findings_cmd(
    ctx: click.Context, fmt: str, agreement_id: str | None, output: Path | None, public: bool
) -> None:
    """Findings, one per line: incident_id, clause_id, status, rationale, readings, evidence."""
    from truceline.publish import export_findings

    store = open_store(ctx)
    with _output(output) as out:
        n = export_findings(store, out, fmt, agreement_id=agreement_id, public=public)
    if output is not None:
        click.echo(f"{n} findings written to {output}", err=True)


@main.command()
@click.option(
    "--date", "day", help="The day to report (YYYY-MM-DD; default: the latest incident date)."
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("report"),
    show_default=True,
)
@click.option(
    "--format",
    "formats",
    default="md,html,pdf",
    show_default=True,
    help="Comma-separated: md, html, pdf.",
)
@click.option(
    "--internal", is_flag=True, help="Keep protected sources and sites (not for publication)."
)
@click.pass_context
def report(
    ctx: click.Context, day: str | None, out_dir: Path, formats: str, internal: bool
) -> None:
    """Write the daily report and print where the files are."""
    from truceline.publish import write_report

    fmts = tuple(f.strip() for f in formats.split(",") if f.strip())
    paths = write_report(open_store(ctx), out_dir, day=day, formats=fmts, public=not internal)
    for p in paths:
        click.echo(f"report: {p}")

"""`truceline demo`: the bundled samples through the whole pipeline."""

from __future__ import annotations

from pathlib import Path

import click

from truceline.cli.base import main, open_store


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-report"),
    show_default=True,
    help="Where to write the daily report.",
)
@click.pass_context
def demo(ctx: click.Context, out_dir: Path) -> None:
    """Build what is missing, ingest the sample inputs and write the daily report."""
    from rich.console import Console
    from rich.table import Table

    from truceline.demo import run_demo
    from truceline.geocode import Geocoder, default_gazetteer_path, ensure_gazetteer

    geocoder = Geocoder(ensure_gazetteer(default_gazetteer_path()))
    store = open_store(ctx)
    result = run_demo(store, out_dir, geocoder=geocoder)
    console = Console()
    for r in result.ingested:
        note = "already ingested" if r.already_ingested else f"{r.added} documents"
        console.print(f"ingested {Path(r.path).name}: {note}")
    table = Table(title=f"Incidents ({len(result.incidents)})")
    for col in ("date", "type", "place", "status", "sources", "claims"):
        table.add_column(col)
    for i in result.incidents:
        table.add_row(
            i["event_date"] or "?",
            i["sub_event_type"] or "?",
            f"{i['location'] or '?'} ({i['country_code'] or '?'})",
            i["status"],
            str(i["independent_sources"] or 1),
            str(i["claims"] or 0),
        )
    console.print(table)
    console.print(f"{result.summary.findings} findings against the example agreement")
    for p in result.report_paths:
        console.print(f"report: {p}")
    console.print(
        f"dashboard: truceline --db {ctx.obj['db']} serve, then open http://127.0.0.1:8000/"
    )

"""Commands of the verify stage: statuses, the audit chain, and sensor detections."""

from __future__ import annotations

import click

from truceline.cli.base import input_path, main, open_store, warn
from truceline.cli.resolve import incident
from truceline.models import STATUSES


@main.command()
@click.pass_context
def verify(ctx: click.Context) -> None:
    """Match sensor detections and recompute every incident's status and grade."""
    from truceline.verify import grade_store

    changed = grade_store(open_store(ctx))
    moved = ", ".join(f"{n} {s}" for s, n in changed.items() if n) or "none"
    click.echo(f"status changes: {moved}")


@incident.command("status")
@click.argument("incident_id")
@click.argument("status", type=click.Choice(STATUSES))
@click.option("--reason", required=True, help="Why (audited).")
@click.option("--actor", required=True, help="Who decides, e.g. analyst:name (audited).")
@click.pass_context
def status(ctx: click.Context, incident_id: str, status: str, reason: str, actor: str) -> None:
    """Set an incident's verification status as an analyst's decision."""
    from truceline.verify import set_status

    set_status(open_store(ctx), incident_id, status, actor=actor, reason=reason)
    click.echo(f"{incident_id}: {status}")


@main.group()
def audit() -> None:
    """The hash-chained audit log."""


@audit.command("verify")
@click.option(
    "--head",
    "expected_head",
    help="The head hash recorded earlier: also detects rows cut from the end.",
)
@click.pass_context
def audit_verify(ctx: click.Context, expected_head: str | None) -> None:
    """Check every row of the audit chain; exits 1 naming the first row that fails."""
    from truceline.store import audit as chain

    store = open_store(ctx)
    with store.read() as conn:
        n = chain.verify(conn, expected_head=expected_head)
        head = chain.head(conn)
    click.echo(f"audit chain OK: {n} rows" + (f", head {head.hash}" if head else ""))


@main.group()
def sensors() -> None:
    """Satellite thermal anomalies (NASA FIRMS) as evidence."""


@sensors.command("import")
@click.argument("path", type=input_path())
@click.pass_context
def sensors_import(ctx: click.Context, path) -> None:  # type: ignore[no-untyped-def]
    """Import a FIRMS CSV of hotspots; bad rows are quarantined with a warning."""
    from truceline.ingest.firms import ingest_firms

    added, rejected = ingest_firms(open_store(ctx), path, on_error=lambda e: warn(str(e)))
    click.echo(f"{added} detections added, {rejected} rejected")


@sensors.command("match")
@click.pass_context
def sensors_match(ctx: click.Context) -> None:
    """Attach hotspots to fire and strike incidents nearby, then regrade."""
    from truceline.verify import grade_store, match_sensors

    store = open_store(ctx)
    n = match_sensors(store)
    grade_store(store)
    click.echo(f"{n} sensor matches added")

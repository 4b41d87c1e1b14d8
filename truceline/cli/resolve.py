"""Commands of the resolve stage: `truceline resolve` and the analyst's `incident` commands."""

from __future__ import annotations

import click

from truceline.cli.base import main, open_store


@main.command()
@click.pass_context
def resolve(ctx: click.Context) -> None:
    """Rebuild incidents from every stored claim, honouring analysts' merges and splits."""
    from truceline.resolve import resolve_store

    c = resolve_store(open_store(ctx))
    click.echo(
        f"{c['claims']} claims -> {c['incidents']} incidents "
        f"({c['created']} new, {c['changed']} changed, {c['removed']} removed)"
    )


@main.group()
def incident() -> None:
    """Analysts' decisions on incidents: merge, split, status."""


@incident.command("merge")
@click.argument("incident_ids", nargs=-1, required=True)
@click.option("--reason", required=True, help="Why these are one incident (audited).")
@click.option("--actor", default="analyst", show_default=True, help="Who decides (audited).")
@click.pass_context
def merge(ctx: click.Context, incident_ids: tuple[str, ...], reason: str, actor: str) -> None:
    """Merge incidents into the first one given; later runs keep them together."""
    from truceline.resolve import merge_incidents

    new_id = merge_incidents(open_store(ctx), list(incident_ids), actor=actor, reason=reason)
    click.echo(new_id)


@incident.command("split")
@click.argument("incident_id")
@click.option("--claims", "claim_ids", required=True, help="Comma-separated claim IDs to move out.")
@click.option("--reason", required=True, help="Why these claims are another incident (audited).")
@click.option("--actor", default="analyst", show_default=True, help="Who decides (audited).")
@click.pass_context
def split(ctx: click.Context, incident_id: str, claim_ids: str, reason: str, actor: str) -> None:
    """Move claims out into a new incident; later runs keep the two apart."""
    from truceline.resolve import split_incident

    ids = [c.strip() for c in claim_ids.split(",") if c.strip()]
    click.echo(
        split_incident(open_store(ctx), incident_id, claim_ids=ids, actor=actor, reason=reason)
    )

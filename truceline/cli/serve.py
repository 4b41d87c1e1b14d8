"""Commands of the serve stage: the web app, and the users and tokens that reach it."""

from __future__ import annotations

import click

from truceline.cli.base import main, open_store
from truceline.models import ROLES


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes; each keeps its own in-memory incident index.",
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int) -> None:
    """Serve the API (/api, docs at /api/docs) and the dashboard."""
    import os

    import uvicorn

    from truceline.web.app import DB_ENV

    store = open_store(ctx)  # opened (and migrated) once here, then by each worker
    os.environ[DB_ENV] = store.url
    store.close()
    click.echo(f"Truceline on http://{host}:{port}/ (API docs at /api/docs)", err=True)
    uvicorn.run(
        "truceline.web.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
    )


@main.group()
def user() -> None:
    """Users of the API and the dashboard."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True, help="What the user may do.")
@click.pass_context
def user_add(ctx: click.Context, name: str, role: str) -> None:
    """Create a user (or change an existing user's role)."""
    from truceline.store.access import add_user

    u = add_user(open_store(ctx), name, role)
    click.echo(f"{u.name}: {u.role}")


@main.group()
def token() -> None:
    """API tokens (stored hashed; shown once)."""


@token.command("create")
@click.argument("name")
@click.option("--label", default=None, help="What the token is for.")
@click.pass_context
def token_create(ctx: click.Context, name: str, label: str | None) -> None:
    """Create a token for user NAME and print it: the only time it is shown."""
    from truceline.store.access import create_token

    click.echo(create_token(open_store(ctx), name, label=label))


@token.command("revoke")
@click.argument("name")
@click.pass_context
def token_revoke(ctx: click.Context, name: str) -> None:
    """Revoke every token of user NAME."""
    from truceline.store.access import revoke_tokens

    click.echo(f"revoked {revoke_tokens(open_store(ctx), name)} token(s) of {name}")

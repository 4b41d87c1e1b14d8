"""The `truceline` command group and what every command shares.

Commands are thin: they open what they need, call one library function, and
print.  A TrucelineError becomes one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from truceline.errors import TrucelineError

F = TypeVar("F", bound=Callable[..., Any])


class Group(click.Group):
    """Turns every TrucelineError raised by a command into one line, no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TrucelineError as e:
            click.echo(f"Error: {e}", err=True)
            ctx.exit(1)


@click.group(cls=Group)
@click.option(
    "--db",
    "db",
    default="truceline.db",
    show_default=True,
    envvar="TRUCELINE_DB",
    help="Database: a SQLite path, or an SQLAlchemy URL (postgresql://...).",
)
@click.version_option(package_name="truceline")
@click.pass_context
def main(ctx: click.Context, db: str) -> None:
    """Truceline: ceasefire monitoring and verification."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db


def open_store(ctx: click.Context):  # -> Store; imported lazily to keep `extract` free of the DB
    from truceline.store import Store

    store = ctx.obj.get("store")
    if store is None:
        store = Store.open(ctx.obj["db"])
        ctx.obj["store"] = store
        ctx.call_on_close(store.close)
    return store


def input_path(must_exist: bool = True) -> click.Path:
    return click.Path(exists=must_exist, dir_okay=False, path_type=Path)


def write_jsonl(rows: Iterable[dict[str, Any]], out=None) -> int:
    """Write rows as UTF-8 JSON Lines; returns how many."""
    out = out or sys.stdout
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    out.flush()
    return n


def warn(message: str) -> None:
    """One line on stderr for a skipped input; the batch goes on."""
    click.echo(f"Warning: {message}", err=True)


def user_errors(func: F) -> F:
    """For callbacks run outside Group.invoke (e.g. result callbacks)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except TrucelineError as e:
            raise click.ClickException(str(e)) from None

    return wrapper  # type: ignore[return-value]

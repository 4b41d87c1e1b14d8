"""Alembic environment: Truceline runs migrations in-process (Store.open), on the connection it passes."""

from alembic import context

from truceline.store.schema import metadata

target_metadata = metadata
connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

"""The first schema.

Revision ID: 0001
Revises:

The first revision creates the tables as `schema.py` declares them; every later
change to the schema is a revision of its own, written with `op.*`.
"""

from alembic import op

from truceline.store.schema import metadata

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    metadata.create_all(bind=op.get_bind())


def downgrade() -> None:
    metadata.drop_all(bind=op.get_bind())

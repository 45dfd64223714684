"""network_notice.letter: the Puskesos notice letter received with (or after) the notice's rows

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 23:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("network_notice", schema=None) as batch_op:
        batch_op.add_column(sa.Column("letter", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))


def downgrade() -> None:
    with op.batch_alter_table("network_notice", schema=None) as batch_op:
        batch_op.drop_column("letter")

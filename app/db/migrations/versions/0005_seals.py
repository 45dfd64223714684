"""seals: keyed MACs over the rows that decide rights and outcomes, and the keyed audit chain's start

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 16:20:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "row_seal",
        sa.Column("tbl", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("row_key", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("mac", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.PrimaryKeyConstraint("tbl", "row_key"),
    )
    with op.batch_alter_table("audit_head", schema=None) as batch_op:
        batch_op.add_column(sa.Column("keyed_from", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_head", schema=None) as batch_op:
        batch_op.drop_column("keyed_from")
    op.drop_table("row_seal")

"""counter queue indexes: open cases urgent first then by due time, and per step

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OPEN = "closed_at IS NULL"


def upgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.create_index("ix_case_open_queue", [sa.column("urgent").desc(), "due_at"], unique=False,
                              sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))
        batch_op.create_index("ix_case_open_steps", ["service_code", "current_step", "urgent", "due_at"],
                              unique=False, sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))


def downgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_index("ix_case_open_steps")
        batch_op.drop_index("ix_case_open_queue")

"""service-time clock: running, waiting outside the standard, met by the product, stopped

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 16:00:00
"""

import sqlalchemy as sa
from alembic import op

import app.db.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: the steps of the shipped definitions that wait outside the service time (a window, the monthly recap,
#: BPJS processing or the quota) at the time of this revision
WAITING_STEPS = ("usulan_apbn", "rekap_bulanan", "entri_bpjs", "penyerahan", "usulan_bpjs", "umpan_balik_bpjs",
                 "peringkatan")


def upgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.add_column(sa.Column("clock", sa.String(length=12), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("clock_paused_at", app.db.types.AwareDateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_case_file_clock", ["clock"], unique=False)
    case = sa.table("case_file", sa.column("clock", sa.String), sa.column("clock_paused_at", sa.DateTime),
                    sa.column("due_at", sa.DateTime), sa.column("closed_at", sa.DateTime),
                    sa.column("current_step", sa.String), sa.column("updated_at", sa.DateTime),
                    sa.column("outcome", sa.String))
    op.execute(case.update().where(case.c.due_at.is_not(None), case.c.closed_at.is_(None))
               .values(clock="berjalan"))
    op.execute(case.update().where(case.c.due_at.is_not(None), case.c.closed_at.is_(None),
                                   case.c.current_step.in_(WAITING_STEPS))
               .values(clock="menunggu", clock_paused_at=case.c.updated_at))
    op.execute(case.update().where(case.c.due_at.is_not(None), case.c.closed_at.is_not(None))
               .values(clock="berhenti"))
    op.execute(case.update().where(case.c.due_at.is_not(None), case.c.closed_at.is_not(None),
                                   case.c.outcome.in_(("selesai", "layak")))
               .values(clock="terpenuhi"))


def downgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_index("ix_case_file_clock")
        batch_op.drop_column("clock_paused_at")
        batch_op.drop_column("clock")

"""batch.zip_path relative to the data folder

An office restored into another folder (a new PC, another drive) checked and sent the old folder's ZIPs:
``batch.zip_path`` held the absolute path. New batches store ``batches/<name>.zip``; this revision rewrites
the absolute values that lie under the data folder, and those that name a ``batches`` folder elsewhere when
that ZIP is in this data folder's ``batches/`` (an office already restored or moved). Any other value stays as
it was (readers take an absolute value as it is: app.batching.model.zip_file).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 20:40:00
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath

import sqlalchemy as sa
from alembic import context, op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def relative(stored: str, root: Path | None) -> str:
    """The relative value for ``stored`` (unchanged when it is relative already or outside the data folder)."""
    if not stored:
        return stored
    win, posix = PureWindowsPath(stored), PurePosixPath(stored)
    if not (posix.is_absolute() or win.is_absolute()):
        return stored
    if root is None:
        return stored
    root = Path(os.path.abspath(root))
    path = Path(os.path.abspath(stored)) if Path(stored).is_absolute() else None
    if path is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    parts = win.parts if win.is_absolute() and "\\" in stored else posix.parts
    if len(parts) >= 2 and parts[-2].lower() == "batches" and (root / "batches" / parts[-1]).is_file():
        return f"batches/{parts[-1]}"
    return stored


def upgrade() -> None:
    root = context.config.attributes.get("data_root")
    batch = sa.table("batch", sa.column("id", sa.Integer), sa.column("zip_path", sa.String))
    conn = op.get_bind()
    for batch_id, stored in conn.execute(sa.select(batch.c.id, batch.c.zip_path)).all():
        new = relative(stored or "", Path(root) if root else None)
        if new != (stored or ""):
            conn.execute(batch.update().where(batch.c.id == batch_id).values(zip_path=new))


def downgrade() -> None:
    root = context.config.attributes.get("data_root")
    if not root:
        return
    batch = sa.table("batch", sa.column("id", sa.Integer), sa.column("zip_path", sa.String))
    conn = op.get_bind()
    for batch_id, stored in conn.execute(sa.select(batch.c.id, batch.c.zip_path)).all():
        if stored and not (PurePosixPath(stored).is_absolute() or PureWindowsPath(stored).is_absolute()):
            conn.execute(batch.update().where(batch.c.id == batch_id)
                         .values(zip_path=str(Path(root) / Path(stored))))

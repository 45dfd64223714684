"""The recovery key: the office key as the administrator writes it down, shown once at set-up.

It opens an encrypted backup on any PC (app/services/backup.py) and installs the office key on a PC or for a
Windows user that lacks it (:func:`install`), e.g. a second counter on the same PostgreSQL database.
"""

from __future__ import annotations

import hmac
import json

from sqlalchemy import select
from sqlmodel import SQLModel

from app.context import Office
from app.db.models import Setting
from app.errors import ValidationError
from app.rules.permissions import Actor, require
from app.services import audit, keys, seals
from app.timeutil import utcnow

SHOWN = "integrity.recovery_shown"


def take_recovery_key(office: Office, *, actor: Actor) -> str:
    """The recovery key, for the administrator, once per office (audited without the key)."""
    require(actor, "office.edit")
    with office.db.write() as s:
        if s.get(Setting, SHOWN) is not None:
            raise ValidationError("Kunci pemulihan sudah pernah ditampilkan saat penyiapan dan tidak ditampilkan "
                                  "lagi. Bila hilang, buat cadangan baru segera dan simpan kunci dari cadangan "
                                  "kantor yang lama.")
        master = seals.office_master(s, create=True)
        assert master is not None
        s.add(Setting(key=SHOWN, value={"at": utcnow().isoformat()}, updated_by=actor.id))
        audit.record(s, actor=actor, action="integrity.recovery_key_shown", entity="office",
                     entity_id=seals.office_id(s) or "")
    return keys.recovery_text(master)


def key_fits(session, master: bytes) -> bool | None:
    """Whether ``master`` is this office's key (checked against a seal); ``None`` when nothing is sealed."""
    st = SQLModel.metadata.tables["row_seal"]
    row = session.connection().execute(select(st.c.tbl, st.c.row_key, st.c.mac).limit(1)).first()
    if row is None:
        return None
    table = SQLModel.metadata.tables[row.tbl]
    pks = list(table.primary_key.columns)
    values = json.loads(row.row_key)
    where = [c == v for c, v in zip(pks, values, strict=True)]
    data = session.connection().execute(select(table).where(*where)).first()
    if data is None:
        return None
    return hmac.compare_digest(row.mac, seals.row_mac(keys.derive(master, "audit"), row.tbl, row.row_key,
                                                      tuple(data)))


def install(office: Office, text: str) -> str:
    """Keep the office key given as its recovery key on this PC; returns where it is kept."""
    master = keys.parse_recovery(text)
    with office.db.read() as s:
        oid = seals.office_id(s)
        if oid is None:
            raise ValidationError("Kantor ini belum memiliki kunci; tidak ada yang perlu dipasang.")
        if key_fits(s, master) is False:
            raise ValidationError("Kunci pemulihan ini bukan milik kantor ini. Tidak ada yang diubah.")
        store = seals.store_for(s)
    return store.put(oid, master)

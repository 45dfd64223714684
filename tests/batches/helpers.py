"""Test helpers: people and cases created directly (independent of the workflow service)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.db.models import Case, DtsenRecord, Family, Person


def make_cases(office, service: str, n: int, *, ready_at: datetime | None = None, start: int = 0,
               data: dict | None = None, niks: list[str] | None = None) -> list[int]:
    """``n`` people with one case each at the batch step of ``service``. Returns case ids."""
    ready_at = ready_at or datetime(2026, 11, 10, 3, 0, tzinfo=UTC)
    ids = []
    with office.db.write() as s:
        for k, i in enumerate(range(start, start + n)):
            nik = niks[k] if niks else f"1971{(i // 10000) % 90 + 10:02d}{(i % 28) + 1:02d}0285{(i % 9999) + 1:04d}"
            p = Person(nik=nik, name=f"Warga {i}", birth_place="Pangkalpinang",
                       birth_date=date(1985, 2, (i % 28) + 1), sex="L", marital_status="Kawin",
                       address=f"Jl. Merdeka No. {i}", rt="001", rw="002", kelurahan="Bukit Intan",
                       kelurahan_code="1971041001", kecamatan="Bukit Intan", kecamatan_code="197104",
                       postal_code="33149", phone="081234567890", card_number="0001234567891",
                       fktp_code="0123B001")
            s.add(p)
            f = Family(no_kk=nik[:8] + "0101" + nik[12:])
            s.add(f)
            s.flush()
            c = Case(reg_number=f"REG-{service}-{i}", service_code=service, person_id=p.id, family_id=f.id,
                     family_relation="Kepala Keluarga", status="selesai", current_step="batch",
                     data=dict(data or {}), batch_ready_at=ready_at)
            s.add(c)
            if service == "pbi-baru":  # the APBN proposal holds DTSEN-registered cases only
                s.add(DtsenRecord(nik=nik, no_kk=f.no_kk, name=p.name, desil=2, row_hash="x" * 32))
            s.flush()
            ids.append(c.id)
    return ids

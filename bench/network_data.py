"""Synthetic kelurahan packages for the exchange benchmark and the crash test: real keys, real request and
enrolment files, real sealed packages of N handed-over pbi-baru cases (without scans)."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.network import envelope, payload
from app.network.enrolment import REQUEST, _signed
from app.network.keys import OfficeKeys

WHEN = datetime(2026, 11, 3, 2, 0, tzinfo=UTC)


def nik_for(i: int) -> str:
    """A valid Pangkalpinang NIK, unique for every ``i`` below 336,000."""
    day, month, yy, serial = 1 + i % 28, 1 + (i // 28) % 12, (i // 336) % 100, 1 + i // 33_600
    return f"197101{day:02d}{month:02d}{yy:02d}{serial:04d}"


def area_for(k: int) -> str:
    return f"1971{1 + k // 90:02d}{1001 + k % 90:04d}"


def write_request(folder: Path, k: int) -> tuple[Path, OfficeKeys]:
    keys = OfficeKeys.generate()
    doc = {"type": REQUEST, "format": 1, "name": f"Kelurahan Contoh {k + 1}", "area_code": area_for(k),
           "sign_public": keys.sign_public, "box_public": keys.box_public, "created_at": WHEN.isoformat()}
    path = folder / f"permintaan-{k}.json"
    path.write_text(_signed(doc, keys), encoding="utf-8")
    return path, keys


def case_entry(i: int, k: int) -> dict:
    opened = WHEN + timedelta(minutes=i % 400)
    n = nik_for(i)
    return {
        "id": i + 1, "reg_number": f"PBI-2026-{i % 100000 + 1:05d}", "service_code": "pbi-baru", "status": "proses",
        "current_step": "back_office_kesehatan", "urgent": False,
        "data": {"path": ["pemeriksaan_berkas"], "desil": 1 + i % 5, "dtsen_id": f"DT{i:08d}",
                 "routes": [{"step": "pemeriksaan_berkas", "outcome": "dtsen_layak", "message": ""}],
                 "documents": [{"key": "tanda_terima", "title": "Tanda Terima Berkas", "step": "", "status": "issued",
                                "due_at": opened.isoformat(), "letter_id": None, "number": f"TT/{i}",
                                "issued_at": opened.isoformat()}],
                 "complete_at": opened.isoformat()},
        "family_relation": "Kepala Keluarga", "no_kk": f"197101150{k:03d}{i // 4 % 10000:04d}", "counter": "Loket 1",
        "opened_at": opened.isoformat(), "updated_at": opened.isoformat(),
        "step_started_at": (opened + timedelta(minutes=8)).isoformat(),
        "due_at": (opened + timedelta(minutes=45)).isoformat(),
        "person": {"nik": n, "name": f"Warga Contoh {i}", "birth_place": "Pangkalpinang",
                   "birth_date": f"19{int(n[10:12]):02d}-{int(n[8:10]):02d}-{int(n[6:8]) % 40:02d}",
                   "sex": "L", "marital_status": "Kawin", "address": f"Jl. Contoh No. {i % 200}", "rt": "001",
                   "rw": "002", "kelurahan": f"Kelurahan Contoh {k + 1}", "kelurahan_code": area_for(k),
                   "kecamatan": "Taman Sari", "kecamatan_code": "197101", "postal_code": "33121",
                   "domicile_address": "", "phone": "081234567890", "card_number": None, "fktp_code": "",
                   "nik_problem": ""},
        "checklist": [{"code": c, "label": label, "required": True, "received": True, "note": "",
                       "updated_at": opened.isoformat()}
                      for c, label in (("ktp", "Fotokopi KTP"), ("kk", "Fotokopi Kartu Keluarga"),
                                       ("sktm", "SKTM dari kelurahan, diketahui camat"))],
        "steps": [{"step": "pemeriksaan_berkas", "action": "advance", "to_step": "back_office_kesehatan",
                   "reason": "", "started_at": opened.isoformat(),
                   "finished_at": (opened + timedelta(minutes=8)).isoformat(), "duration_seconds": 480,
                   "standard_minutes": 10, "by": "Siti Rahmawati"}],
        "attachments": [],
    }


def seal_package(out_dir: Path, *, k: int, keys: OfficeKeys, sender: str, receiver: str, receiver_box: str,
                 sequence: int, cases: int, first_index: int) -> Path:
    content = payload.Content(sender, receiver, sequence, WHEN.isoformat(), sender_kind="kelurahan",
                              cases=[case_entry(first_index + j, k) for j in range(cases)])
    with tempfile.TemporaryDirectory() as tmp:
        inner = Path(tmp) / "isi.zip"
        payload.write(content, inner)
        out = out_dir / envelope.package_name(sender, receiver, sequence)
        envelope.seal(inner, out, sender=sender, receiver=receiver, sequence=sequence, created_at=WHEN.isoformat(),
                      sender_keys=keys, receiver_box_public=receiver_box)
    return out


"""The first-day checklist of a new administrator: what an office needs before its first applicant, each line
decided from the data (never from "the page was opened"), and where in the settings it is done.

    for line in onboarding.checklist(office, actor=admin):
        print("✓" if line.done else "·", line.title, "—", line.detail)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import col, func, select

from app.context import Office
from app.db.models import DtsenRecord, OfficeProfile, Official, User, UserRole
from app.documents.catalog import KINDS
from app.rules.permissions import Actor, require, role_label
from app.services import settings


@dataclass(frozen=True)
class ChecklistLine:
    key: str  # office, signatories, users, dtsen, delivery, backups
    title: str
    done: bool
    detail: str  # what is there, or what is still missing (Indonesian)
    page: str  # where it is done: "settings:<tab key>" or a main-window page key


def _office(profile: OfficeProfile | None) -> ChecklistLine:
    missing = []
    if profile is None:
        missing = ["nama daerah"]
    else:
        for label, value in (("alamat", profile.address), ("telepon", profile.phone), ("pos-el", profile.email)):
            if not (value or "").strip():
                missing.append(label)
        if not profile.emblem_png:
            missing.append("lambang daerah")
    detail = ("Kop surat lengkap: nama, alamat, telepon, pos-el dan lambang." if not missing
              else "Belum diisi: " + ", ".join(missing) + ".")
    return ChecklistLine("office", "Profil kantor dan kop surat", not missing, detail, "settings:office")


def _signatories(s) -> ChecklistLine:
    needed = sorted({k.signer for k in KINDS.values() if k.signer})
    present = set(s.exec(select(Official.position_key).where(Official.active)).all())
    missing = [key for key in needed if key not in present]
    detail = ("Penanda tangan surat sudah diisi: " + ", ".join(role_label(k) for k in needed) + "."
              if not missing else "Belum diisi: " + ", ".join(role_label(k) for k in missing)
              + " (nama, NIP, pangkat). Tanpa itu surat tidak dapat terbit.")
    return ChecklistLine("signatories", "Pejabat penanda tangan", not missing, detail, "settings:officials")


def _users(s) -> ChecklistLine:
    officers = s.exec(select(func.count(func.distinct(User.id))).select_from(User)
                      .join(UserRole, col(UserRole.user_id) == User.id)
                      .where(User.active, UserRole.role != "administrator")).one()
    front = s.exec(select(func.count(func.distinct(User.id))).select_from(User)
                   .join(UserRole, col(UserRole.user_id) == User.id)
                   .where(User.active, UserRole.role == "front_office")).one()
    done = bool(officers) and bool(front)
    if done:
        detail = f"{officers} petugas aktif, {front} di antaranya front office."
    elif officers:
        detail = "Belum ada petugas front office: tidak ada yang dapat membuka berkas di loket."
    else:
        detail = "Baru ada akun administrator. Tambahkan petugas loket dan pejabat dengan perannya."
    return ChecklistLine("users", "Pengguna dan peran", done, detail, "settings:users")


def _dtsen(s) -> ChecklistLine:
    n = int(s.exec(select(func.count()).select_from(DtsenRecord)).one())
    detail = (f"{n:,} baris DTSEN (dahulu DTKS) tersedia untuk cek NIK.".replace(",", ".") if n
              else "Belum ada data DTSEN: cek NIK di loket belum dapat dilakukan. Impor berkas CSV/XLSX dari SIKS-NG.")
    return ChecklistLine("dtsen", "Impor data DTSEN", bool(n), detail, "import")


def _delivery(office: Office) -> ChecklistLine:
    from app.services.outbox import SECTION, DeliverySettings

    cfg = settings.load(office, SECTION, DeliverySettings)
    targets = [t for t in (cfg.folder.strip() and f"folder {cfg.folder.strip()}",
                           cfg.https_url.strip() and f"alamat {cfg.https_url.strip()}") if t]
    detail = ("Batch bulanan dikirim ke " + " dan ".join(targets) + "." if targets
              else "Belum ada tujuan pengiriman batch bulanan (folder jaringan/flashdisk atau alamat HTTPS).")
    return ChecklistLine("delivery", "Tujuan pengiriman batch", bool(targets), detail, "settings:delivery")


def _backups(office: Office) -> ChecklistLine:
    from app.services import backup

    cfg = settings.load(office, "backup", backup.BackupSettings)
    folder = backup.backup_folder(office)
    outside = bool(cfg.folder.strip()) and Path(cfg.folder).resolve() != office.dirs.backups.resolve()
    made = backup.list_backups(folder)
    done = outside and bool(made) and cfg.daily
    if done:
        detail = f"Cadangan harian ke {folder}; terakhir {made[0].name}."
    elif not outside:
        detail = ("Cadangan masih di folder data komputer ini. Pilih folder di luar komputer ini (flashdisk atau "
                  "folder jaringan) agar data selamat bila disk rusak.")
    elif not cfg.daily:
        detail = "Cadangan harian otomatis belum dinyalakan."
    else:
        detail = f"Belum ada cadangan di {folder}. Buat cadangan pertama sekarang."
    return ChecklistLine("backups", "Cadangan data", done, detail, "settings:backup")


def checklist(office: Office, *, actor: Actor) -> list[ChecklistLine]:
    """The six lines, in the order an administrator does them."""
    require(actor, "settings.edit")
    with office.db.read() as s:
        lines = [_office(s.exec(select(OfficeProfile)).first()), _signatories(s), _users(s), _dtsen(s)]
    return lines + [_delivery(office), _backups(office)]


def all_done(lines: list[ChecklistLine]) -> bool:
    return all(line.done for line in lines)

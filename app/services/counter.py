"""Settings of the counter itself (section ``loket``): when an idle screen locks, and the texts of the WhatsApp
messages to applicants (:mod:`app.services.whatsapp` renders them).

    cfg = counter.load_settings(office)
    settings.save(office, actor=admin, section=counter.SECTION, value=replace(cfg, idle_lock_minutes=5))
"""

from __future__ import annotations

from dataclasses import dataclass

from app.context import Office
from app.errors import ValidationError
from app.services import settings

SECTION = "loket"
MIN_IDLE_MINUTES, MAX_IDLE_MINUTES = 1, 120

DEFAULT_RECEIPT_TEMPLATE = (
    "Yth. Bapak/Ibu {nama},\n"
    "berkas {layanan} Anda sudah kami terima pada {tanggal} dengan nomor registrasi {nomor_registrasi}.\n"
    "{kekurangan}\n"
    "Simpan nomor registrasi ini untuk menanyakan perkembangan berkas. Layanan ini tidak dipungut biaya.\n"
    "{kantor}, telepon {telepon_kantor}"
)
DEFAULT_READY_TEMPLATE = (
    "Yth. Bapak/Ibu {nama},\n"
    "{surat} untuk berkas {nomor_registrasi} ({layanan}) sudah selesai dan dapat diambil di {kantor}, "
    "{alamat_kantor}, pada jam kerja. Mohon membawa KTP asli dan tanda terima berkas.\n"
    "Layanan ini tidak dipungut biaya."
)


@dataclass(frozen=True)
class CounterSettings:
    #: lock the screen after this many minutes without keyboard or mouse input anywhere in the app
    idle_lock_minutes: int = 10
    #: WhatsApp message from the receipt: what was received, what is still missing
    wa_receipt_template: str = DEFAULT_RECEIPT_TEMPLATE
    #: WhatsApp message when the letter is ready to be picked up
    wa_ready_template: str = DEFAULT_READY_TEMPLATE

    def __post_init__(self) -> None:
        from app.services.whatsapp import check_template

        if not MIN_IDLE_MINUTES <= int(self.idle_lock_minutes) <= MAX_IDLE_MINUTES:
            raise ValidationError(f"Kunci layar otomatis harus {MIN_IDLE_MINUTES}–{MAX_IDLE_MINUTES} menit tanpa "
                                  "aktivitas.")
        check_template(self.wa_receipt_template, "receipt")
        check_template(self.wa_ready_template, "ready")


def load_settings(office: Office) -> CounterSettings:
    return settings.load(office, SECTION, CounterSettings)

"""Routing rules by name. A step of a service definition names one (``route``) and maps each of its
outcomes to the next step (or to ``close:<outcome>``). A rule returns the outcome and any data it derived
(a score sheet, the proposal window), which the engine stores in the case."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.errors import ValidationError
from app.rules import scoring
from app.rules.context import RuleContext
from app.rules.eligibility import BPJS_ANSWERS, desil_layak


@dataclass(frozen=True)
class Route:
    outcome: str
    message: str = ""
    updates: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RoutingRule:
    outcomes: tuple[str, ...]
    fn: Callable[[RuleContext], Route]


def _pbi_baru_intake(ctx: RuleContext) -> Route:
    if ctx.urgent:
        return Route("darurat", "Darurat (rawat inap/persalinan/gawat darurat): langsung ke manajer.")
    if ctx.dtsen is None:
        return Route("bukan_dtsen", "NIK tidak ada di DTSEN (dahulu DTKS): verifikasi dan validasi lapangan.")
    check = desil_layak(ctx)
    if not check.ok:
        return Route("desil_di_luar", check.message)
    return Route("dtsen_layak", check.message)


def _dtsen_before_proposal(ctx: RuleContext) -> Route:
    """PBI JK APBN proposals hold DTSEN-registered cases only (SOP Pangkalpinang step 7)."""
    if ctx.dtsen is None:
        return Route("belum_terdaftar", "NIK belum terdaftar di DTSEN (dahulu DTKS): usulan PBI JK APBN hanya untuk "
                                        "warga terdaftar; rujukan pendaftaran DTSEN dibuat lebih dahulu.")
    return Route("terdaftar", f"Terdaftar di DTSEN (dahulu DTKS), desil {ctx.dtsen.desil or '-'}.")


def _dtsen_after_referral(ctx: RuleContext) -> Route:
    if ctx.dtsen is None:
        return Route("belum_terdaftar", "Rujukan DTSEN dibuat; berkas menunggu impor DTSEN yang memuat NIK ini.")
    return Route("terdaftar", f"Sudah terdaftar di DTSEN (dahulu DTKS), desil {ctx.dtsen.desil or '-'}.")


def _waiting_for_dtsen(ctx: RuleContext) -> Route:
    """The case waits until a DTSEN import holds the NIK; then the desil rule decides."""
    if ctx.dtsen is None:
        raise ValidationError("NIK belum terdaftar di DTSEN (dahulu DTKS). Berkas tetap menunggu; impor DTSEN "
                              "berikutnya yang memuat NIK ini melanjutkannya dengan sendirinya.")
    check = desil_layak(ctx)
    if not check.ok:
        return Route("desil_di_luar", "Terdaftar di DTSEN setelah rujukan, tetapi " + check.message[0].lower()
                     + check.message[1:] + " Tidak memenuhi kriteria PBI JK APBN.")
    if "keputusan_manajer" in ctx.data.get("path", ()):
        return Route("sudah_disetujui", "Terdaftar di DTSEN; rujukan sudah disetujui manajer: lanjut ke usulan "
                                        "PBI JK APBN. " + check.message)
    return Route("dtsen_layak", "Terdaftar di DTSEN setelah rujukan. " + check.message)


#: the step input with which an officer records a deactivation of a person the office's data does not show
#: as a participant (the office chooses to record it anyway: the case carries the flag and the note)
NON_PARTICIPANT_NOTE = "bukan_peserta_catatan"


def _deactivation_participant(ctx: RuleContext) -> Route:
    """Penonaktifan: only a PBI-APBD participant can be deactivated. Not one per the office's data (an active
    participant through Loket PBI, or the imported BPJS roster) → refused at intake, unless the officer
    records it as such with a note. With no roster imported yet the office cannot judge: it goes on, flagged."""
    note = str(ctx.data.get(NON_PARTICIPANT_NOTE) or "").strip()
    if ctx.participant:
        return Route("peserta", f"Peserta PBI-APBD: {ctx.participant}.",
                     {"kepesertaan": {"status": "peserta", "detail": ctx.participant}})
    if not ctx.participants_known:
        return Route("belum_diperiksa", "Kepesertaan PBI-APBD belum dapat diperiksa: daftar peserta dari BPJS "
                                        "belum diimpor (layar Batch bulanan → Rekonsiliasi).",
                     {"kepesertaan": {"status": "belum_diperiksa", "detail": "daftar peserta BPJS belum diimpor"}})
    if note:
        return Route("bukan_peserta_dicatat", f"BUKAN peserta PBI-APBD menurut data kantor; tetap dicatat: {note}",
                     {"kepesertaan": {"status": "bukan_peserta", "detail": note}})
    raise ValidationError("Penonaktifan ditolak: NIK ini bukan peserta PBI-APBD menurut data kantor (tidak ada "
                          "kepesertaan aktif melalui Loket PBI dan tidak ada di daftar peserta BPJS yang diimpor). "
                          "Tolak berkas dengan alasan 'bukan peserta', atau bila kantor tetap mencatatnya (mis. "
                          "kartu KIS PBI-APBD ditunjukkan), isi keterangan 'bukan peserta menurut data kantor'.")


def _field_verification(ctx: RuleContext) -> Route:
    poor = ctx.data.get("field_poor")
    if poor is None:
        raise ValidationError("Hasil verifikasi lapangan (miskin / tidak miskin) belum diisi.")
    if not poor and not str(ctx.data.get("reason", "")).strip():
        raise ValidationError("Alasan tidak memenuhi kriteria wajib diisi (berkas dikembalikan kepada pemohon).")
    return Route("miskin" if poor else "tidak_miskin",
                 "Hasil verifikasi: miskin." if poor else "Hasil verifikasi: tidak memenuhi kriteria miskin.")


def _bpjs_status(ctx: RuleContext) -> Route:
    status = ctx.data.get("bpjs_status")
    if status not in ("nonaktif", "aktif"):
        raise ValidationError("Status kepesertaan di BPJS (nonaktif / aktif) belum diisi.")
    if status == "aktif":
        return Route("sudah_aktif", "Kepesertaan sudah aktif kembali secara otomatis.")
    return Route("nonaktif", "Kepesertaan nonaktif.")


def _bpjs_confirmation(ctx: RuleContext) -> Route:
    conf = ctx.data.get("bpjs_confirmation") or {}
    missing = [label for key, label in (("confirmed_by", "siapa"), ("confirmed_at", "kapan"),
                                        ("answer", "jawaban")) if not conf.get(key)]
    if missing:
        raise ValidationError("Konfirmasi ke BPJS Kesehatan belum lengkap: " + ", ".join(missing) + ".")
    if conf["answer"] not in BPJS_ANSWERS:
        raise ValidationError("Jawaban BPJS harus salah satu dari: " + ", ".join(BPJS_ANSWERS) + ".")
    return Route(conf["answer"], BPJS_ANSWERS[conf["answer"]])


def _jamkesda_score(ctx: RuleContext) -> Route:
    answers = ctx.data.get("indicators")
    if not isinstance(answers, dict):
        raise ValidationError("Hasil survei lapangan (indikator) belum diisi.")
    cfg = ctx.settings
    sheet = scoring.score(answers, set_key=cfg.indicator_set, weights=cfg.indicator_weights,
                          cutoff=cfg.indicator_cutoff)
    updates = {"score_sheet": sheet.as_dict(), "score": scoring.score_text(sheet.total)}
    total, cutoff = scoring.format_score(sheet.total), scoring.format_score(sheet.cutoff)
    if sheet.eligible:
        return Route("memenuhi", f"Skor {total} ≥ batas {cutoff}.", updates)
    return Route("tidak_memenuhi", f"Skor {total} di bawah batas {cutoff}: tidak layak.", updates)


#: BPJS's answer on one proposed participant (the feedback import or the officer at the feedback step)
BPJS_FEEDBACK: dict[str, str] = {"diterima": "Diterima BPJS Kesehatan", "ditolak": "Ditolak BPJS Kesehatan"}


def _bpjs_feedback(ctx: RuleContext) -> Route:
    """The feedback step waits for BPJS's answer on this participant: imported from BPJS's answer file
    (``file``) or entered by the officer with BPJS's reference (the letter or report it came in)."""
    fb = ctx.data.get("bpjs_feedback")
    if not isinstance(fb, dict) or fb.get("status") not in BPJS_FEEDBACK:
        raise ValidationError("Umpan balik BPJS Kesehatan untuk peserta ini belum ada. Impor berkas umpan balik "
                              "BPJS, atau catat jawaban BPJS (diterima/ditolak) beserta nomor referensinya.")
    reference = str(fb.get("reference") or "").strip()
    reason = str(fb.get("reason") or "").strip()
    if fb.get("file"):
        source = f"berkas umpan balik {fb['file']}"
    elif reference:
        source = f"referensi BPJS {reference}"
    else:
        raise ValidationError("Jawaban BPJS yang dicatat petugas wajib disertai nomor referensi BPJS "
                              "(surat atau berita acara umpan balik).")
    if fb["status"] == "ditolak":
        if not reason and not fb.get("file"):
            raise ValidationError("Alasan penolakan dari BPJS Kesehatan wajib diisi.")
        return Route("ditolak", f"{BPJS_FEEDBACK['ditolak']} ({source}): "
                                f"{reason or 'alasan tidak disebutkan dalam umpan balik'}.")
    tmt = f", TMT {fb['tmt']}" if fb.get("tmt") else ""
    return Route("diterima", f"{BPJS_FEEDBACK['diterima']} ({source}{tmt}).")


ROUTING_RULES: dict[str, RoutingRule] = {
    "pbi_baru_intake": RoutingRule(("darurat", "dtsen_layak", "desil_di_luar", "bukan_dtsen"), _pbi_baru_intake),
    "dtsen_sebelum_usulan": RoutingRule(("terdaftar", "belum_terdaftar"), _dtsen_before_proposal),
    "dtsen_setelah_rujukan": RoutingRule(("terdaftar", "belum_terdaftar"), _dtsen_after_referral),
    "menunggu_dtsen": RoutingRule(("dtsen_layak", "sudah_disetujui", "desil_di_luar"), _waiting_for_dtsen),
    "kepesertaan_apbd": RoutingRule(("peserta", "belum_diperiksa", "bukan_peserta_dicatat"),
                                    _deactivation_participant),
    "verifikasi_lapangan": RoutingRule(("miskin", "tidak_miskin"), _field_verification),
    "status_bpjs": RoutingRule(("nonaktif", "sudah_aktif"), _bpjs_status),
    "konfirmasi_bpjs": RoutingRule(tuple(BPJS_ANSWERS), _bpjs_confirmation),
    "skor_jamkesda": RoutingRule(("memenuhi", "tidak_memenuhi"), _jamkesda_score),
    "umpan_balik_bpjs": RoutingRule(tuple(BPJS_FEEDBACK), _bpjs_feedback),
}


def route(name: str, ctx: RuleContext) -> Route:
    return ROUTING_RULES[name].fn(ctx)

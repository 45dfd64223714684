"""Eligibility rules by name. A service definition lists them on a step (``checks``); the step cannot be
completed while one fails, and the message says why."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.rules.context import RuleContext, parse_date
from app.rules.reactivation import reactivation_limit
from app.rules.scoring import format_score

#: Reason codes of penonaktifan (SPEC §1.5)
DEACTIVATION_REASONS: dict[str, str] = {
    "meninggal": "Meninggal dunia",
    "pindah_domisili": "Pindah domisili",
    "mampu": "Mampu / mandiri / menjadi peserta PPU",
    "ganda": "Data ganda",
    "data_tidak_valid": "Data tidak valid",
}

BPJS_ANSWERS: dict[str, str] = {
    "dapat_direaktivasi": "Dapat direaktivasi",
    "tidak_dapat": "Tidak dapat direaktivasi",
    "sudah_aktif": "Sudah aktif otomatis",
}


@dataclass(frozen=True)
class Check:
    ok: bool
    message: str


def dtsen_terdaftar(ctx: RuleContext) -> Check:
    if ctx.dtsen is None:
        return Check(False, "NIK tidak terdaftar di DTSEN (dahulu DTKS).")
    return Check(True, f"Terdaftar di DTSEN (dahulu DTKS), desil {ctx.dtsen.desil or '-'}.")


def desil_layak(ctx: RuleContext) -> Check:
    lo, hi = ctx.settings.desil_min, ctx.settings.desil_max
    if ctx.dtsen is None:
        return Check(False, "NIK tidak terdaftar di DTSEN (dahulu DTKS); desil tidak diketahui.")
    if ctx.dtsen.desil is None or not lo <= ctx.dtsen.desil <= hi:
        return Check(False, f"Desil {ctx.dtsen.desil or 'belum ditetapkan'} di luar rentang layak {lo}–{hi}.")
    return Check(True, f"Desil {ctx.dtsen.desil} dalam rentang layak {lo}–{hi}.")


def batas_reaktivasi(ctx: RuleContext) -> Check:
    """Measured at the day the participant reported to the Dinas: a recorded report date
    (``reported_on``), else the day the case was opened; only a check with neither uses today."""
    raw = ctx.data.get("deactivated_on")
    if not raw:
        return Check(False, "Tanggal penonaktifan kepesertaan belum diisi.")
    reported = ctx.data.get("reported_on")
    on = parse_date(reported, "Tanggal lapor ke Dinas") if reported else (ctx.applied_on or ctx.today)
    res = reactivation_limit(parse_date(raw, "Tanggal penonaktifan"), on,
                             months=ctx.settings.reactivation_months, rule=ctx.settings.reactivation_rule)
    return Check(res.allowed, res.message)


def konfirmasi_bpjs_tercatat(ctx: RuleContext) -> Check:
    conf = ctx.data.get("bpjs_confirmation") or {}
    if not (conf.get("confirmed_by") and conf.get("confirmed_at") and conf.get("answer") in BPJS_ANSWERS):
        return Check(False, "Konfirmasi ke BPJS Kesehatan belum dicatat (siapa, kapan, jawaban).")
    return Check(True, f"Dikonfirmasi {conf['confirmed_by']} pada {conf['confirmed_at']}: "
                       f"{BPJS_ANSWERS[conf['answer']]}.")


def listrik_maks(ctx: RuleContext) -> Check:
    raw = ctx.data.get("electricity_va")
    limit = ctx.settings.electricity_max_va
    if raw in (None, ""):
        return Check(False, "Daya listrik pada rekening belum diisi.")
    try:
        va = int(raw)
    except (TypeError, ValueError):
        return Check(False, f"Daya listrik '{raw}' harus angka VA.")
    if va > limit:
        return Check(False, f"Daya listrik {va} VA melebihi batas {limit} VA.")
    if ctx.data.get("dependants") in (None, ""):  # a ranking key: typed at the interview, never assumed 0
        return Check(False, "Jumlah tanggungan belum diisi (ketik 0 bila tidak ada tanggungan).")
    return Check(True, f"Daya listrik {va} VA, tidak melebihi {limit} VA.")


def alasan_penonaktifan(ctx: RuleContext) -> Check:
    code = ctx.data.get("reason_code")
    if code not in DEACTIVATION_REASONS:
        return Check(False, "Alasan penonaktifan harus salah satu dari: " + ", ".join(DEACTIVATION_REASONS) + ".")
    from app.rules.reporter import check as reporter_problem

    problem = reporter_problem(ctx.data)
    if problem:
        return Check(False, problem)
    return Check(True, f"Alasan: {DEACTIVATION_REASONS[code]}.")


def survei_dinilai(ctx: RuleContext) -> Check:
    sheet = ctx.data.get("score_sheet")
    if not sheet:
        return Check(False, "Hasil survei lapangan belum dinilai.")
    return Check(True, f"Skor {format_score(sheet['total'])} (batas {format_score(sheet['cutoff'])}).")


def permohonan_sk_terbit(ctx: RuleContext) -> Check:
    """The SK request step is completed by issuing the collective letter of its period, not one by one."""
    for d in ctx.data.get("documents", []):
        if d.get("key") == "permohonan_sk_walikota" and d.get("status") == "issued":
            return Check(True, f"Surat permohonan SK nomor {d.get('number', '')}.")
    return Check(False, "Surat permohonan SK Walikota untuk peserta ini belum diterbitkan. Surat itu diterbitkan "
                        "sekali untuk semua peserta periode yang diterima BPJS (Jamkesda → Terbitkan permohonan "
                        "SK).")


ELIGIBILITY_RULES: dict[str, Callable[[RuleContext], Check]] = {
    "dtsen_terdaftar": dtsen_terdaftar,
    "desil_layak": desil_layak,
    "batas_reaktivasi": batas_reaktivasi,
    "konfirmasi_bpjs_tercatat": konfirmasi_bpjs_tercatat,
    "listrik_maks": listrik_maks,
    "alasan_penonaktifan": alasan_penonaktifan,
    "survei_dinilai": survei_dinilai,
    "permohonan_sk_terbit": permohonan_sk_terbit,
}


def evaluate(names: list[str] | tuple[str, ...], ctx: RuleContext) -> list[Check]:
    return [ELIGIBILITY_RULES[n](ctx) for n in names]

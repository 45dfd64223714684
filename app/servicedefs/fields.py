"""The inputs a service asks of an officer, in one registry.

The counter wizard's service page (a definition's ``intake_page``) and the inputs of a step (chosen by its
``route`` and ``checks``) both draw their fields from here, so one fact (the day a card became inactive, the
electricity load, the BPJS answer) is asked the same way, under the same key, with the same choices, and
empty until typed, wherever it is asked. The screens only draw the widgets of a field's kind; which fields
a page or step has, which may stay empty and which belong together is decided here.

Labels are Indonesian (the screens translate them); a field's ``key`` is where its value lives in the
case's data (inside ``data[group]`` for a field of a stored group, e.g. the BPJS confirmation).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.rules.eligibility import BPJS_ANSWERS, DEACTIVATION_REASONS

#: the kinds of input a screen knows how to draw
KINDS = ("choice", "text", "date", "datetime", "va", "count", "flag", "indicators", "reporter")


@dataclass(frozen=True)
class InputField:
    key: str
    kind: str
    label: str
    #: an empty value keeps the page or step from being finished (a group's fields: once the group is given)
    required: bool = True
    placeholder: str = ""
    #: (stored value, label) of a choice list; the list always starts empty ("— pilih … —")
    choices: tuple[tuple[Any, str], ...] = ()
    #: fields recorded together, all or none (:data:`GROUPS`)
    group: str = ""


@dataclass(frozen=True)
class Group:
    label: str
    #: the group's values are kept together under this case-data key ("" = each at its own key)
    stored_as: str = ""


GROUPS: dict[str, Group] = {
    "bpjs_confirmation": Group("Sudah dikonfirmasi ke BPJS cabang", stored_as="bpjs_confirmation"),
}

FIELDS: dict[str, InputField] = {f.key: f for f in (
    InputField("field_poor", "choice", "Hasil verifikasi lapangan", placeholder="— pilih hasil —",
               choices=((True, "Miskin (memenuhi kriteria)"), (False, "Tidak miskin (berkas dikembalikan)"))),
    InputField("reason", "text", "Alasan", required=False, placeholder="Alasan bila tidak memenuhi kriteria"),
    InputField("bpjs_status", "choice", "Status di BPJS", placeholder="— pilih hasil cek status —",
               choices=(("nonaktif", "Nonaktif"), ("aktif", "Sudah aktif kembali"))),
    InputField("deactivated_on", "date", "Tanggal nonaktif"),
    InputField("confirmed_by", "text", "Dikonfirmasi oleh (BPJS)", placeholder="Nama petugas BPJS dan kantornya",
               group="bpjs_confirmation"),
    InputField("confirmed_at", "datetime", "Waktu konfirmasi", group="bpjs_confirmation"),
    InputField("answer", "choice", "Jawaban BPJS", placeholder="— pilih jawaban —",
               choices=tuple(BPJS_ANSWERS.items()), group="bpjs_confirmation"),
    InputField("note", "text", "Catatan", required=False, group="bpjs_confirmation"),
    InputField("electricity_va", "va", "Daya listrik (VA)", placeholder="— pilih atau ketik VA —"),
    InputField("dependants", "count", "Jumlah tanggungan", placeholder="— isi —"),
    InputField("reason_code", "choice", "Alasan penonaktifan", placeholder="— pilih alasan —",
               choices=tuple(DEACTIVATION_REASONS.items())),
    InputField("bukti", "text", "Bukti pendukung", required=False,
               placeholder="mis. Surat Keterangan Kematian dari kelurahan"),
    InputField("pelapor", "reporter", "Pelapor (wajib bila peserta meninggal dunia)", required=False),
    InputField("urgent", "flag", "Darurat", required=False),
    InputField("keterangan_darurat", "text", "Keterangan darurat", required=False,
               placeholder="mis. rawat inap di RSUD sejak 20-11-2026"),
    InputField("indicators", "indicators", "Indikator hasil survei lapangan"),
)}


@dataclass(frozen=True)
class IntakePage:
    """A service page of the counter wizard: the inputs asked at intake besides the person and checklist."""

    description: str
    fields: tuple[str, ...]
    #: fields that may stay empty at intake although a step needs them later (e.g. the survey comes later)
    later: frozenset[str] = frozenset()


INTAKE_PAGES: dict[str, IntakePage] = {
    "darurat": IntakePage("tanda darurat (rawat inap, persalinan, gawat darurat)", ("urgent", "keterangan_darurat")),
    "penonaktifan": IntakePage("alasan penonaktifan, bukti dan pelapor", ("reason_code", "bukti", "pelapor")),
    "reaktivasi_sk": IntakePage("status BPJS dan tanggal nonaktif", ("bpjs_status", "deactivated_on")),
    "reaktivasi_rekom": IntakePage("konfirmasi BPJS cabang dan tanggal nonaktif",
                                   ("deactivated_on", "confirmed_by", "confirmed_at", "answer", "note")),
    "jamkesda": IntakePage("daya listrik, tanggungan dan indikator survei",
                           ("electricity_va", "dependants", "indicators"), later=frozenset({"indicators"})),
}

#: a step's routing rule → the inputs it reads
ROUTE_FIELDS: dict[str, tuple[str, ...]] = {
    "verifikasi_lapangan": ("field_poor", "reason"),
    "status_bpjs": ("bpjs_status", "deactivated_on"),
    "konfirmasi_bpjs": ("confirmed_by", "confirmed_at", "answer"),
    "skor_jamkesda": ("indicators",),
}

#: a step's eligibility check → the inputs it reads
CHECK_FIELDS: dict[str, tuple[str, ...]] = {
    "batas_reaktivasi": ("deactivated_on",),
    "konfirmasi_bpjs_tercatat": ("confirmed_by", "confirmed_at", "answer"),
    "listrik_maks": ("electricity_va", "dependants"),
    "alasan_penonaktifan": ("reason_code",),
}


def _fields(keys: Iterable[str]) -> tuple[InputField, ...]:
    seen: dict[str, InputField] = {}
    for key in keys:
        seen.setdefault(key, FIELDS[key])
    return tuple(seen.values())


def step_fields(route: str, checks: Iterable[str]) -> tuple[InputField, ...]:
    """The inputs a step asks for (its routing rule's first, then its checks'), each once, in that order."""
    keys = list(ROUTE_FIELDS.get(route, ()))
    for check in checks:
        keys.extend(CHECK_FIELDS.get(check, ()))
    return _fields(keys)


def intake_fields(page: str) -> tuple[InputField, ...]:
    """The inputs of a service page of the counter wizard (``intake_page``; "" = none)."""
    if not page:
        return ()
    p = INTAKE_PAGES[page]
    return tuple(f if f.key not in p.later else _optional(f) for f in _fields(p.fields))


def _optional(f: InputField) -> InputField:
    return InputField(f.key, f.kind, f.label, False, f.placeholder, f.choices, f.group)


def is_empty(value: Any) -> bool:
    """Nothing typed: ``None`` or blank text (``0``, ``False`` and an empty indicator sheet are answers)."""
    return value is None or (isinstance(value, str) and not value.strip())


def missing(fields: Iterable[InputField], values: Mapping[str, Any], *,
            groups_given: Iterable[str] | None = None) -> list[InputField]:
    """The required fields still empty, in order.

    A group's required fields are asked only once the group is given: named in ``groups_given`` (a screen
    where the officer ticks "sudah dikonfirmasi"), or, without it, once any of its fields holds a value.
    """
    fields = tuple(fields)
    if groups_given is None:
        given = {f.group for f in fields if f.group and not is_empty(values.get(f.key))}
    else:
        given = set(groups_given)
    return [f for f in fields if f.required and (not f.group or f.group in given) and is_empty(values.get(f.key))]


def raw_value(field: InputField, data: Mapping[str, Any]) -> Any:
    """What the case already holds for ``field`` (a stored group's fields live inside their group's key)."""
    stored = GROUPS[field.group].stored_as if field.group else ""
    source = (data.get(stored) or {}) if stored else data
    return source.get(field.key) if isinstance(source, Mapping) else None

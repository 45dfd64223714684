"""The in-memory form of a service definition (frozen; built and checked by the loader)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Requirement:
    code: str
    label: str
    required: bool = True
    #: any-of group: the group is satisfied by one received member (e.g. faskes letter or SKTM)
    group: str = ""
    #: name of a boolean rule setting that makes this item optional when true (e.g. ``sktm_optional``)
    optional_when: str = ""
    #: name of a boolean rule setting without which the item is not offered (e.g. ``faskes_letter_accepted``)
    enabled_by: str = ""


@dataclass(frozen=True)
class BatchColumn:
    """An extra column of the service's batch file (``batch_columns`` in the definition)."""

    key: str  # one of app.batching.columns.EXTRA_COLUMNS
    header: str
    after: str = ""  # the default column it follows; "" = at the end


@dataclass(frozen=True)
class Step:
    code: str
    name: str
    roles: tuple[str, ...]
    minutes: int
    kind: str = "task"  # task | paraf | ranking
    chain: tuple[str, ...] = ()  # paraf order for kind = "paraf"
    next: str = ""  # step code or "close:<outcome>"
    route: str = ""  # routing rule name
    branches: dict[str, str] = field(default_factory=dict)  # route outcome -> step code or "close:<outcome>"
    checks: tuple[str, ...] = ()  # eligibility rules that must pass to complete the step
    #: letters issued (numbered, final) AT this step, by its role; the step cannot be completed before
    produces: tuple[str, ...] = ()
    batch: bool = False  # reaching this step makes the case ready for the service's monthly batch
    window: str = ""  # "proposal": the batch date follows the monthly proposal window
    checklist_gate: bool = False  # the checklist must be complete to complete this step
    #: the kinds of office that may perform this step (network, SPEC §8): "dinas" and/or "kelurahan"
    at: tuple[str, ...] = ("dinas",)
    #: letters drafted (KONSEP, no number) at this step; a later step ``produces`` them after paraf/signature
    drafts: tuple[str, ...] = ()
    #: the step waits for something outside the office's service time (a window, the monthly recap, BPJS
    #: processing, a DTSEN import, the quota): the service-time clock is paused while the case is here
    waits: str = ""

    @property
    def role_label(self) -> str:
        from app.rules.permissions import role_label

        return " / ".join(role_label(r) for r in (self.chain or self.roles))


@dataclass(frozen=True)
class ServiceDef:
    code: str
    name: str
    short: str  # prefix of registration numbers
    reference: str
    legal_basis: str
    fee: str
    sla_unit: str
    sla_value: int
    batch: str  # the batch it feeds (service code of the batch)
    eligibility: tuple[str, ...]
    documents: tuple[str, ...]
    batch_documents: tuple[str, ...]
    close_documents: dict[str, tuple[str, ...]]
    complaint_channels: tuple[str, ...]
    notice: str
    strict_intake: bool  # an incomplete file is refused, not kept (penonaktifan)
    requirements: tuple[Requirement, ...]
    steps: tuple[Step, ...]
    source: str = ""  # file it was read from
    #: closing a case of this service as served frees the person's slot in that quota (penonaktifan → jamkesda)
    releases_quota: str = ""
    #: what a case of this service accepted by BPJS does to the person's PBI-APBD participation (the quarterly
    #: reconciliation, the participant check at deactivation intake): ``masuk`` (becomes a participant),
    #: ``keluar`` (stops being one), "" = neither (``MEMBERSHIP_EFFECTS`` in the loader)
    membership: str = ""
    #: the service's own product letter (a document key): its number is the batch row's "Nomor surat"
    product: str = ""
    #: extra columns of the batch file, in order
    batch_columns: tuple[BatchColumn, ...] = ()
    #: each case's product letter (.docx/.pdf) goes into the batch ZIP too
    batch_letters: bool = False
    #: the columns (batch column keys, in order) of the same-day list shared with BPJS (``daily_list_columns``;
    #: seed Bandung "google sheet terhubung dengan BPJS"); empty: the service has no daily list
    daily_list_columns: tuple[str, ...] = ()
    #: the service page of the intake wizard (its own inputs; ``INTAKE_PAGES``); "" = none
    intake_page: str = ""
    #: engine events -> the hooks this service needs there (``[hooks]``; app/workflow/hooks.py)
    hooks: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def cover_letter(self) -> str:
        """The collective cover letter (Surat Pengantar) of the service's batch: its first batch document."""
        return self.batch_documents[0] if self.batch_documents else ""

    def step(self, code: str) -> Step:
        for s in self.steps:
            if s.code == code:
                return s
        raise KeyError(code)

    @property
    def first_step(self) -> Step:
        return self.steps[0]

    @property
    def gate_step(self) -> Step:
        for s in self.steps:
            if s.checklist_gate:
                return s
        return self.steps[0]

    @property
    def batch_step(self) -> Step | None:
        for s in self.steps:
            if s.batch:
                return s
        return None

    def step_index(self, code: str) -> int:
        return [s.code for s in self.steps].index(code)

"""All tables. Importing this package registers them on ``SQLModel.metadata``."""

from app.db.models.batches import Batch, BatchItem, Delivery
from app.db.models.cases import Attachment, Case, ChecklistItem, Complaint, StepLog
from app.db.models.core import (
    AuditEntry,
    AuditHead,
    Counter,
    OfficeProfile,
    Official,
    RowSeal,
    Setting,
    User,
    UserRole,
)
from app.db.models.drafts import WizardDraft
from app.db.models.letters import Letter
from app.db.models.network import (
    NetworkCase,
    NetworkFlag,
    NetworkLetter,
    NetworkNotice,
    NetworkPackage,
    NetworkPeer,
)
from app.db.models.people import DtsenImport, DtsenRecord, Family, Person
from app.db.models.roster import RosterEntry, RosterImport

__all__ = [
    "Attachment", "AuditEntry", "AuditHead", "Batch", "BatchItem", "Case", "ChecklistItem", "Complaint",
    "Counter", "Delivery", "DtsenImport", "DtsenRecord", "Family", "Letter", "NetworkCase", "NetworkFlag",
    "NetworkLetter", "NetworkNotice", "NetworkPackage", "NetworkPeer", "Official", "OfficeProfile", "Person",
    "RosterEntry", "RosterImport", "RowSeal", "Setting", "StepLog", "User", "UserRole", "WizardDraft",
]

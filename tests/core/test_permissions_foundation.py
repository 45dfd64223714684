"""Every foundation action × every role: allowed exactly when the permission table says so, in the core."""

import pytest

from app.errors import PermissionDenied
from app.rules.permissions import ACTIONS, ROLES
from app.services import dtsen, settings, users
from app.services import office as office_svc
from tests.conftest import SAMPLES


def _calls(office):
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Probe:
        value: int = 1

    return {
        "user.manage": lambda a: users.list_users(office, actor=a),
        "office.edit": lambda a: office_svc.save_profile(office, actor=a, values={"phone": "(0717) 1"}),
        "official.manage": lambda a: office_svc.save_official(
            office, actor=a, position_key="kasi_linjamsos", position_title="Kasi Jaminan Sosial",
            name="Yanti", nip="198001012005012001"),
        "settings.edit": lambda a: settings.save(office, actor=a, section="probe", value=Probe()),
        "dtsen.import": lambda a: dtsen.import_file(office, actor=a, path=SAMPLES / "dtsen_contoh.csv"),
        "dtsen.lookup": lambda a: dtsen.lookup(office, actor=a, nik="1971015208810001"),
    }


@pytest.mark.parametrize("role", sorted(ROLES))
def test_role_table_for_foundation_actions(office, make_user, role):
    actor = make_user(role)
    for action, call in _calls(office).items():
        if role in ACTIONS[action]:
            call(actor)  # must not raise
        else:
            with pytest.raises(PermissionDenied) as e:
                call(actor)
            assert "tidak berwenang" in str(e.value)


def test_unknown_action_is_denied_for_everyone(office, admin):
    from app.rules.permissions import require

    with pytest.raises(PermissionDenied):
        require(admin, "tindakan.yang.tidak.ada")

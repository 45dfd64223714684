from __future__ import annotations

import pytest


def _officials(office, admin) -> None:
    """The signatory of collective cover letters (only needed where the letters service exists)."""
    from app.services import office as office_svc

    office_svc.save_official(office, actor=admin, position_key="kepala_dinas",
                             position_title="Kepala Dinas Sosial", name="Drs. H. Ahmad Fauzi, M.Si.",
                             nip="197201031995031001", rank="Pembina Utama Muda (IV/c)")


@pytest.fixture
def supervisor(office, admin, make_user):
    _officials(office, admin)
    return make_user("supervisor")


@pytest.fixture
def any_supervisor(any_office, any_admin):
    from app.services import users

    _officials(any_office, any_admin)
    info = users.add_user(any_office, actor=any_admin, username="spv", full_name="Supervisor Batch",
                          password="rahasia-123", roles=["supervisor"])
    return users.actor_for(info)

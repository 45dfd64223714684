"""Fixtures for the service workflow tests: staff for every role."""

from __future__ import annotations

import pytest

from tests.services.helpers import Staff, add_dtsen, at, kk, nik  # noqa: F401  (re-exported for older imports)


@pytest.fixture
def staff(office, admin):
    return Staff(office, admin)


@pytest.fixture
def any_staff(any_office, any_admin):
    return Staff(any_office, any_admin)


@pytest.fixture
def officials(office, admin):
    """The example officials (signers) saved, so letters can be issued."""
    from app.documents import examples
    from app.services import office as office_svc

    for key, title, name, nip, rank, acting in examples.OFFICIALS:
        office_svc.save_official(office, actor=admin, position_key=key, position_title=title, name=name, nip=nip,
                                 rank=rank, acting=acting)

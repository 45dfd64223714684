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

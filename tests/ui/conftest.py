"""Fixtures shared by the window tests."""

from __future__ import annotations

import pytest

from tests.ui.casedata import Staff, drain_runners


@pytest.fixture(autouse=True)
def _workers_done(request):
    """Background workers finish before the office closes.

    The office (when the test uses one) is set up inside this fixture, so it is torn down after it.
    """
    if "office" in request.fixturenames:
        request.getfixturevalue("office")
    yield
    drain_runners()


@pytest.fixture
def staff(office, admin):
    """One user per counter role (see :class:`tests.ui.casedata.Staff`)."""
    return Staff(office, admin)

"""Fixtures for the letter tests: an office with letterhead, emblem, officials and a counter officer."""

from __future__ import annotations

import shutil

import pytest

from app.documents import examples

HAS_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
HAS_POPPLER = shutil.which("pdfinfo") is not None and shutil.which("pdftotext") is not None
needs_pdf = pytest.mark.skipif(not (HAS_SOFFICE and HAS_POPPLER),
                               reason="LibreOffice (soffice) atau poppler-utils tidak terpasang; .ci/run memasangnya")


def setup_letters(o):
    """Profile (with emblem), officials from the examples, admin and a front-office officer."""
    from app.services import office as office_svc
    from app.services import users

    office_svc.save_profile(o, actor=None, first_run=True, values=examples.PROFILE,
                            emblem_png=examples.emblem_png(120))
    for key, title, name, nip, rank, acting in examples.OFFICIALS:
        office_svc.save_official(o, actor=None, first_run=True, position_key=key, position_title=title, name=name,
                                 nip=nip, rank=rank, acting=acting)
    admin = users.actor_for(users.create_first_admin(o, username="admin", full_name="Admin Kantor",
                                                     password="rahasia-123"))
    clerk = users.actor_for(users.add_user(o, actor=admin, username="loket1", full_name="Yulia Safitri",
                                           password="rahasia-123", roles=["front_office"]))
    boss = users.actor_for(users.add_user(o, actor=admin, username="kabid", full_name="Rudi Hartono",
                                          password="rahasia-123", roles=["kabid_linjamsos"]))
    return admin, clerk, boss


@pytest.fixture
def lo(office):
    """(office, admin, clerk, kabid) on SQLite."""
    admin, clerk, boss = setup_letters(office)
    return office, admin, clerk, boss


@pytest.fixture
def any_lo(any_office):
    """The same on SQLite and on a real PostgreSQL server."""
    admin, clerk, boss = setup_letters(any_office)
    return any_office, admin, clerk, boss

from __future__ import annotations

import pytest


@pytest.fixture
def supervisor(make_user):
    return make_user("supervisor")


@pytest.fixture
def any_supervisor(any_office, any_admin):
    from app.services import users

    info = users.add_user(any_office, actor=any_admin, username="spv", full_name="Supervisor Batch",
                          password="rahasia-123", roles=["supervisor"])
    return users.actor_for(info)

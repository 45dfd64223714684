from sqlalchemy import text


def test_sqlite_pragmas_and_migration(office):
    with office.db.read() as s:
        assert s.exec(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.exec(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.exec(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_profile_and_admin_on_both_backends(any_office, any_admin):
    from app.services import office as office_svc
    from app.services import users

    assert office_svc.get_profile(any_office).region_name == "Pangkalpinang"
    actor = users.login(any_office, username="admin", password="rahasia-123")
    assert actor.roles == {"administrator"}

"""Fixtures: an app on a real SQLite file with the region's sample data, its client and CLI runner."""

from datetime import timedelta

import pytest

from preparedness import create_app
from preparedness.db import connect, transaction
from preparedness.notices.store import iso, save_notice
from preparedness.i18n import utcnow
from preparedness.regions.demo import load_demo


@pytest.fixture
def app(tmp_path):
    """The real app on a fresh database file holding the sample data."""
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret-key-0123456789",
                      "DATABASE": str(tmp_path / "preparedness.sqlite3")})
    with app.app_context():
        db = connect(app.config["DATABASE"])
        load_demo(db, app.extensions["region"], utcnow())
        db.close()
    return app


@pytest.fixture
def client(app):
    """A test client of the app."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner bound to the app."""
    return app.test_cli_runner()


@pytest.fixture
def add_notice(app):
    """A function that stores a published notice, minutes old, for the given areas; returns its id."""

    def add(identifier, kind="drone", areas=("rovenki",), texts=None, minutes_ago=3, lang="en", **fields):
        with app.app_context():
            sent = utcnow().replace(microsecond=0) - timedelta(minutes=minutes_ago)
        notice = {
            "identifier": identifier, "sender": "test", "sent": iso(sent), "status": "Actual",
            "msg_type": "Alert", "refs": None, "kind": kind, "severity": "Extreme",
            "urgency": "Immediate", "certainty": "Observed", "effective": iso(sent),
            "expires": iso(sent + timedelta(minutes=60)), "region_wide": 0, "areas": list(areas),
            "source": "test", "url": None, "original_lang": lang, "publication": "published",
            "is_sample": 0, "received_at": iso(sent), "raw": None,
            "texts": texts or {lang: {"event": kind, "headline": identifier, "description": "",
                                      "instruction": ""}}}
        notice.update(fields)
        db = connect(app.config["DATABASE"])
        with transaction(db):
            notice_id, _ = save_notice(db, notice)
        db.close()
        return notice_id

    return add

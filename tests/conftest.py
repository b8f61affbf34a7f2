"""Fixtures: an app on a real SQLite file with the region's sample data, its client and CLI runner."""

import pytest

from preparedness import create_app
from preparedness.db import connect
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

"""An app with push set up (its own VAPID key), and a local push service that decrypts everything."""

import pytest

from preparedness import create_app
from preparedness.db import connect
from preparedness.i18n import utcnow
from preparedness.push.keys import create_keys
from preparedness.regions.demo import load_demo
from tools.push_endpoint import ThreadedEndpoint, subscription


def make_app(tmp_path, sample=False, **config):
    """The real app on a fresh database, with a VAPID key in its own folder."""
    key = tmp_path / "vapid_private.pem"
    if not key.exists():
        create_keys(key)
    settings = {"TESTING": True, "SECRET_KEY": "test-secret-key-0123456789",
                "DATABASE": str(tmp_path / "preparedness.sqlite3"), "PUSH_VAPID_KEY_FILE": str(key),
                "PUSH_VAPID_SUBJECT": "mailto:operators@example.org", "PUSH_SEND_FROM_WEB": False}
    settings.update(config)
    app = create_app(settings)
    if sample:
        with app.app_context():
            db = connect(app.config["DATABASE"])
            load_demo(db, app.extensions["region"], utcnow())
            db.close()
    return app


@pytest.fixture
def endpoint():
    """A local push service on a free port."""
    running = ThreadedEndpoint().start()
    yield running
    running.stop()


def subscribe(client, endpoint_url, i, areas, lang="ru", origin="http://localhost"):
    """POST subscription i of the local push service through the public API."""
    return client.post("/api/push/subscriptions", json={
        "subscription": subscription(i, endpoint_url), "areas": areas, "lang": lang},
        headers={"Origin": origin})

"""The subscription API contract: 201/200, DELETE, Origin, allowed push services, limits, no caching."""

import pytest

from preparedness.db import connect
from preparedness.push.api import allowed_endpoint
from tests.push_helpers import make_app
from tools.push_endpoint import subscription

DEFAULTS = ["https://fcm.googleapis.com/", "https://updates.push.services.mozilla.com/",
            "https://web.push.apple.com/", "https://*.notify.windows.com/"]
ORIGIN = {"Origin": "http://localhost"}


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path)


def body(endpoint="https://fcm.googleapis.com/fcm/send/abc", areas=("shebekino",), lang="uk"):
    sub = subscription(1, "https://x")
    sub["endpoint"] = endpoint
    return {"subscription": sub, "areas": list(areas), "lang": lang}


def stored(app):
    db = connect(app.config["DATABASE"])
    rows = db.execute("SELECT s.*, group_concat(a.area) AS areas FROM push_subscriptions s "
                      "JOIN push_subscription_areas a ON a.subscription_id = s.id GROUP BY s.id").fetchall()
    db.close()
    return [dict(r) for r in rows]


def test_subscribe_creates_then_updates_and_stores_nothing_else(app):
    client = app.test_client()
    first = client.post("/api/push/subscriptions", json=body(), headers=ORIGIN)
    assert first.status_code == 201
    assert first.headers["Cache-Control"] == "no-store"
    again = client.post("/api/push/subscriptions", json=body(areas=("belgorod", "shebekino"), lang="ru"),
                        headers=ORIGIN)
    assert again.status_code == 200
    [row] = stored(app)
    assert (row["areas"], row["lang"]) == ("belgorod,shebekino", "ru")
    assert set(row) == {"id", "endpoint", "p256dh", "auth", "lang", "created_at", "updated_at", "areas"}


def test_delete_removes_it(app):
    client = app.test_client()
    client.post("/api/push/subscriptions", json=body(), headers=ORIGIN)
    gone = client.delete("/api/push/subscriptions", json={"endpoint": body()["subscription"]["endpoint"]},
                         headers=ORIGIN)
    assert gone.status_code == 200 and gone.get_json() == {"removed": True}
    assert gone.headers["Cache-Control"] == "no-store"
    assert stored(app) == []


@pytest.mark.parametrize("headers", [{}, {"Origin": "https://evil.example"}, {"Origin": "null"}])
def test_other_origins_are_refused(app, headers):
    response = app.test_client().post("/api/push/subscriptions", json=body(), headers=headers)
    assert response.status_code == 403
    assert stored(app) == []


@pytest.mark.parametrize("endpoint", [
    "http://fcm.googleapis.com/fcm/send/abc", "https://fcm.googleapis.com.evil.example/x",
    "https://evil.example/https://fcm.googleapis.com/", "https://127.0.0.1/", "https://notify.windows.com/x",
    "https://user@fcm.googleapis.com/x", "https://fcm.googleapis.com:8443/x", "file:///etc/passwd",
    "https://evil.example/?https://web.push.apple.com/", "https://x.notify.windows.com.evil.example/",
    "https://fcm.googleapis.com/a b", "", 12])
def test_endpoints_outside_the_push_services_are_refused(app, endpoint):
    response = app.test_client().post("/api/push/subscriptions", json=body(endpoint), headers=ORIGIN)
    assert response.status_code == 400
    assert not allowed_endpoint(endpoint, DEFAULTS)


@pytest.mark.parametrize("endpoint", [
    "https://fcm.googleapis.com/fcm/send/abc:APA91", "https://updates.push.services.mozilla.com/wpush/v2/gAAA",
    "https://web.push.apple.com/QGuQyavXutnMH", "https://wns2-db5p.notify.windows.com/w/?token=BQYAAA"])
def test_the_browsers_push_services_are_allowed(endpoint):
    assert allowed_endpoint(endpoint, DEFAULTS)


@pytest.mark.parametrize("change", [
    {"areas": []}, {"areas": ["atlantis"]}, {"areas": "shebekino"}, {"lang": "de"},
    {"subscription": {"endpoint": "https://fcm.googleapis.com/x", "keys": {"p256dh": "AAAA", "auth": "BBBB"}}},
    {"subscription": "nope"}])
def test_malformed_bodies_are_refused(app, change):
    response = app.test_client().post("/api/push/subscriptions", json={**body(), **change}, headers=ORIGIN)
    assert response.status_code == 400
    assert "error" in response.get_json()


def test_clients_are_rate_limited(app):
    app.config["PUSH_API_PER_HOUR"] = 3
    client = app.test_client()
    codes = [client.post("/api/push/subscriptions", json=body(), headers=ORIGIN).status_code
             for _ in range(5)]
    assert codes == [201, 200, 200, 429, 429]


def test_get_is_not_an_endpoint_and_nothing_is_cached(app):
    client = app.test_client()
    assert client.get("/api/push/subscriptions").status_code == 405
    response = client.post("/api/push/subscriptions", data="not json", headers={
        **ORIGIN, "Content-Type": "application/json"})
    assert response.status_code == 400 and response.headers["Cache-Control"] == "no-store"


def test_a_renewed_subscription_takes_over_the_old_ones_areas_and_language(app):
    """What the service worker sends on pushsubscriptionchange: the new subscription and the old endpoint."""
    client = app.test_client()
    old = "https://fcm.googleapis.com/fcm/send/old"
    assert client.post("/api/push/subscriptions", json=body(old, ("belgorod", "shebekino"), "uk"),
                       headers=ORIGIN).status_code == 201
    renewed = body("https://fcm.googleapis.com/fcm/send/new")
    moved = {"subscription": renewed["subscription"], "replaces": old}
    answer = client.post("/api/push/subscriptions", json=moved, headers=ORIGIN)
    assert answer.status_code == 201 and answer.get_json() == {"areas": ["belgorod", "shebekino"], "lang": "uk"}
    [row] = stored(app)
    assert (row["endpoint"], row["lang"], sorted(row["areas"].split(","))) == (
        "https://fcm.googleapis.com/fcm/send/new", "uk", ["belgorod", "shebekino"])


@pytest.mark.parametrize("replaces, status", [
    ("https://fcm.googleapis.com/fcm/send/never-seen", 404),
    ("https://attacker.example/push/1", 400),
    (["not", "a", "string"], 400),
])
def test_a_takeover_needs_a_known_old_subscription(app, replaces, status):
    client = app.test_client()
    keep = "https://fcm.googleapis.com/fcm/send/keep"
    assert client.post("/api/push/subscriptions", json=body(keep), headers=ORIGIN).status_code == 201
    moved = {"subscription": body("https://fcm.googleapis.com/fcm/send/new")["subscription"], "replaces": replaces}
    assert client.post("/api/push/subscriptions", json=moved, headers=ORIGIN).status_code == status
    assert [r["endpoint"] for r in stored(app)] == [keep]

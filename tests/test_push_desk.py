"""Issue 15: approvers hear on their phone when a draft waits for approval or an import for review.

The desk offers the button only to roles that may approve; the subscription sits behind the session
and the CSRF token; the push says how many items of which sort wait (never a draft's words), reaches
approvers but not the draft's own author, rings once per item, and a gone subscription is dropped.
"""

import re

import pytest

from preparedness.db import connect
from preparedness.push.send import drain, has_pending
from test_admin_desk import MISSILE, compose, logged_in
from test_admin_support import csrf_token, english_client, query
from tests.push_helpers import endpoint, make_app  # noqa: F401 (fixture)
from tools.push_endpoint import subscription


@pytest.fixture
def app(tmp_path, endpoint):
    return make_app(tmp_path, PUSH_SERVICES=[endpoint.url + "/"])


def desk_token(client):
    """The CSRF token the desk's push box carries (what admin-push.js sends)."""
    page = client.get("/admin/").get_data(as_text=True)
    found = re.search(r'data-desk-push [^>]*data-csrf="([^"]+)"', page)
    return found.group(1) if found else None


def ask_for_alerts(client, endpoint, i):
    return client.post("/admin/push/subscription", json={"subscription": subscription(i, endpoint.url)},
                       headers={"X-CSRFToken": desk_token(client)})


def test_only_roles_that_approve_are_offered_alerts_and_may_subscribe(app, endpoint):
    editor = logged_in(app, "ed", "editor", "192.0.2.50")
    approver = logged_in(app, "ap", "approver", "192.0.2.51")
    assert desk_token(editor) is None and "admin-push.js" not in editor.get("/admin/").get_data(as_text=True)
    assert desk_token(approver) is not None
    refused = editor.post("/admin/push/subscription", json={"subscription": subscription(1, endpoint.url)},
                          headers={"X-CSRFToken": csrf_token(editor.get("/admin/notices/new").get_data(as_text=True))})
    assert refused.status_code == 403
    stranger = english_client(app, "192.0.2.99")
    answer = stranger.post("/admin/push/subscription", json={"subscription": subscription(1, endpoint.url)})
    assert answer.status_code in (302, 400, 403)
    assert query(app, "SELECT count(*) FROM operator_push_subscriptions")[0][0] == 0


def test_subscribing_needs_the_csrf_token_and_a_known_push_service(app, endpoint):
    approver = logged_in(app, "ap", "approver", "192.0.2.51")
    no_token = approver.post("/admin/push/subscription", json={"subscription": subscription(1, endpoint.url)})
    assert no_token.status_code == 400
    elsewhere = subscription(1, "https://attacker.example")
    answer = approver.post("/admin/push/subscription", json={"subscription": elsewhere},
                           headers={"X-CSRFToken": desk_token(approver)})
    assert answer.status_code == 400 and "push service" in answer.get_json()["error"]
    assert query(app, "SELECT count(*) FROM operator_push_subscriptions")[0][0] == 0
    first = ask_for_alerts(approver, endpoint, 1)
    again = ask_for_alerts(approver, endpoint, 1)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.headers["Cache-Control"] == "no-store"
    assert query(app, "SELECT action FROM audit_log WHERE action LIKE 'push.%'")[0][0] == "push.subscribe"
    gone = approver.delete("/admin/push/subscription", json={"endpoint": subscription(1, endpoint.url)["endpoint"]},
                           headers={"X-CSRFToken": desk_token(approver)})
    assert gone.get_json() == {"removed": True}
    assert query(app, "SELECT count(*) FROM operator_push_subscriptions")[0][0] == 0


def test_a_new_draft_rings_the_other_approvers_once_without_its_words(app, endpoint):
    editor = logged_in(app, "ed", "editor", "192.0.2.50")
    approver = logged_in(app, "ap", "approver", "192.0.2.51")
    author = logged_in(app, "writer", "approver", "192.0.2.52")
    assert ask_for_alerts(approver, endpoint, 1).status_code == 201
    assert ask_for_alerts(author, endpoint, 2).status_code == 201
    compose(author, MISSILE)
    compose(editor, {**MISSILE, "headline_en": "Second draft"})
    assert has_pending(app)
    drain(app)
    got = endpoint.received
    assert got.errors == []
    assert sorted(got.messages) == [1, 2]
    _, to_approver, headers = got.messages[1][0]
    _, to_author, _ = got.messages[2][0]
    assert to_approver["title"] == "Waiting for your decision"
    assert to_approver["body"] == "2 drafts to approve"
    assert to_author["body"] == "1 draft to approve"             # not the one they wrote themselves
    assert "Shebekino" not in to_approver["body"] + to_approver["title"]
    assert to_approver["url"] == "/admin/" and to_approver["tag"] == "desk"
    assert (headers["Urgency"], headers["Topic"]) == ("high", "desk")
    assert not has_pending(app)
    drain(app)
    assert [len(m) for m in got.messages.values()] == [1, 1]     # each item rings once


def test_an_import_held_for_review_rings_and_editors_and_inactive_accounts_hear_nothing(app, endpoint,
                                                                                       add_notice):
    approver = logged_in(app, "ap", "approver", "192.0.2.51")
    admin = logged_in(app, "boss", "admin", "192.0.2.53")
    assert ask_for_alerts(approver, endpoint, 1).status_code == 201
    assert ask_for_alerts(admin, endpoint, 3).status_code == 201
    db = connect(app.config["DATABASE"])
    db.execute("UPDATE users SET active = 0 WHERE username = 'boss'")
    db.close()
    add_notice("held-1", kind="missile", areas=("shebekino",), publication="review")
    drain(app)
    got = endpoint.received
    assert sorted(got.messages) == [1]
    assert got.messages[1][0][1]["body"] == "1 imported notice to review"


def test_a_subscription_the_push_service_forgot_is_dropped(app, endpoint):
    editor = logged_in(app, "ed", "editor", "192.0.2.50")
    approver = logged_in(app, "ap", "approver", "192.0.2.51")
    assert ask_for_alerts(approver, endpoint, 4).status_code == 201
    endpoint.received.gone.add(4)
    compose(editor, MISSILE)
    drain(app)
    assert query(app, "SELECT count(*) FROM operator_push_subscriptions")[0][0] == 0


def test_the_desk_push_speaks_the_operators_language(app, endpoint):
    editor = logged_in(app, "ed", "editor", "192.0.2.50")
    approver = logged_in(app, "ap", "approver", "192.0.2.51")
    approver.environ_base["HTTP_ACCEPT_LANGUAGE"] = "ru"
    assert ask_for_alerts(approver, endpoint, 5).status_code == 201
    compose(editor, MISSILE)
    drain(app)
    message = endpoint.received.messages[5][0][1]
    assert message["title"] != "Waiting for your decision" and re.search("[а-я]", message["title"])

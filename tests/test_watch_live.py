"""The live chain: a channel preview served locally, polled; new posts published and pushed,
edits update the notice, deletions are noticed, unchanged pages cost a 304."""

from datetime import timedelta

import pytest

from preparedness.db import connect
from preparedness.i18n import utcnow
from preparedness.notices.cli import channel_options
from preparedness.notices.watch import Followed, Watcher
from tests.channel_pages import ChannelServer
from preparedness.push.send import drain
from tests.push_helpers import endpoint, make_app, subscribe  # noqa: F401 (fixture)

ALERT = "Ракетная опасность! Шебекино. Пройдите в укрытие."
EDITED = "Ракетная опасность! Шебекино и Белгород. Пройдите в укрытие."


@pytest.fixture
def channel():
    server = ChannelServer()
    yield server
    server.stop()


@pytest.fixture
def app(tmp_path, endpoint, channel):
    source = {"name": "governor", "url": f"{channel.url}/s/belgorod_gov", "format": "telegram-channel",
              "trusted": True}
    return make_app(tmp_path, PUSH_SERVICES=[endpoint.url + "/"], NOTICE_SOURCES=[source])


def poll(app, lines):
    """One poll of the configured source, as the watch loop runs it."""
    watcher = Watcher(app, lambda s: with_app(app, channel_options, s), lines.append)
    followed = watcher.sources[0]
    followed.busy = True
    watcher.poll(followed)
    return followed


def with_app(app, function, *args):
    with app.app_context():
        return function(*args)


def stored(app, identifier):
    db = connect(app.config["DATABASE"])
    try:
        row = db.execute("SELECT n.*, t.headline, t.description FROM notices n JOIN notice_texts t "
                         "ON t.notice_id = n.id WHERE n.identifier = ?", (identifier,)).fetchone()
        return dict(row) if row else None
    finally:
        db.close()


def test_new_post_published_and_pushed_edit_updates_deletion_noticed(app, channel, endpoint):
    with app.app_context():
        now = utcnow().replace(microsecond=0)
    assert subscribe(app.test_client(), endpoint.url, 1, ["shebekino"]).status_code == 201
    channel.pages["belgorod_gov"] = [
        (101, "Плановое отключение электроэнергии: Валуйки, с 10:00 до 16:00.", now - timedelta(hours=2),
         False),
        (102, "Уважаемые жители! Проверьте запасы воды.", now - timedelta(hours=1), False)]
    lines = []
    poll(app, lines)
    assert lines[0].startswith("governor: new 2, edited 0, deleted 0;")

    channel.pages["belgorod_gov"].append((103, ALERT, now, False))        # a post between two polls
    poll(app, lines)
    assert lines[-1].startswith("governor: new 1, edited 0, deleted 0; imported 1"), lines
    assert lines[-1].endswith("; pushes queued: 1")
    notice = stored(app, "belgorod_gov:103")
    assert (notice["kind"], notice["publication"]) == ("missile", "published")
    assert notice["url"] == "https://t.me/belgorod_gov/103"
    app.extensions["push_sender"].join(10)          # the import woke the sender
    [(_, payload, headers)] = endpoint.received.messages[1]
    assert payload["title"].startswith("Ракетная опасность: ") and payload["tag"] == "area-shebekino"
    assert headers["Urgency"] == "high"

    channel.pages["belgorod_gov"][-1] = (103, EDITED, now, True)          # the channel edits it
    poll(app, lines)
    assert lines[-1].startswith("governor: new 0, edited 1, deleted 0; imported 0, updated 1"), lines
    assert lines[-1].endswith("; pushes queued: 1")         # the update replaces it on lock screens
    edited = stored(app, "belgorod_gov:103")
    assert "Шебекино и Белгород" in edited["headline"] + edited["description"]
    app.extensions["push_sender"].join(10)
    assert [m[1]["tag"] for m in endpoint.received.messages[1]] == ["area-shebekino"] * 2

    del channel.pages["belgorod_gov"][1]                                    # and deletes post 102
    poll(app, lines)
    assert "deleted 1 (posts 102 gone)" in lines[-1]
    db = connect(app.config["DATABASE"])
    assert db.execute("SELECT deleted_at FROM live_posts WHERE post_id = 102").fetchone()[0]
    db.close()


def test_an_unchanged_page_is_a_304_and_logs_nothing(app, channel):
    channel.pages["belgorod_gov"] = [(7, "Проверьте запасы воды.", utcnow_in(app), False)]
    lines = []
    poll(app, lines)
    poll(app, lines)
    assert len(lines) == 1
    assert channel.requests[-1][1] is not None            # If-None-Match sent
    db = connect(app.config["DATABASE"])
    assert db.execute("SELECT last_result FROM live_sources").fetchone()[0] == "not modified"
    db.close()


def test_a_failing_source_backs_off_and_logs_once(app, channel):
    app.config["NOTICE_SOURCES"][0]["url"] = f"{channel.url}/s/broken"
    lines = []
    watcher = Watcher(app, lambda s: with_app(app, channel_options, s), lines.append, clock=lambda: 100.0)
    followed = watcher.sources[0]
    for _ in range(3):
        watcher.poll(followed)
    assert len(lines) == 1 and "HTTP 500" in lines[0]
    assert followed.failures == 3
    assert followed.due - 100.0 >= 15 * 2 ** 3 * 0.9          # doubling from the 15 s interval
    channel.pages["broken"] = []
    watcher.poll(followed)
    assert lines[-1] == "governor: answering again after 3 failed polls"


def test_intervals_per_source():
    config = {"NOTICE_WATCH_INTERVAL": 15}
    assert Followed({"name": "a"}, 1).name == "a"
    from preparedness.notices.watch import interval_of
    assert interval_of({"format": "telegram-channel"}, config) == 15
    assert interval_of({"format": "telegram-channel", "interval_seconds": 5}, config) == 5
    assert interval_of({"format": "cap", "interval": 2}, config) == 120


def utcnow_in(app):
    with app.app_context():
        return utcnow().replace(microsecond=0)


def test_an_empty_page_is_not_taken_for_deleted_posts(app, channel):
    now = utcnow_in(app)
    channel.pages["belgorod_gov"] = [(1, "Проверьте запасы воды.", now, False),
                                     (2, "Проверьте фонарики.", now, False)]
    lines = []
    poll(app, lines)
    channel.pages["belgorod_gov"] = []
    poll(app, lines)
    assert len(lines) == 1
    db = connect(app.config["DATABASE"])
    assert db.execute("SELECT count(*) FROM live_posts WHERE deleted_at IS NOT NULL").fetchone()[0] == 0
    db.close()


def test_a_deleted_post_behind_a_live_alert_asks_a_person_and_ends_nothing_by_itself(app, channel):
    now = utcnow_in(app)
    channel.pages["belgorod_gov"] = [(201, "Проверьте запасы воды.", now - timedelta(minutes=5), False),
                                     (202, ALERT, now - timedelta(minutes=2), False),
                                     (203, "Работают пункты обогрева.", now - timedelta(minutes=1), False)]
    lines = []
    poll(app, lines)
    assert stored(app, "belgorod_gov:202")["publication"] == "published"
    del channel.pages["belgorod_gov"][1]                       # the channel deletes the alert
    poll(app, lines)
    assert "deleted 1 (posts 202 gone) (asking a person about posts 202)" in lines[-1]
    notice = stored(app, "belgorod_gov:202")
    assert notice["publication"] == "published" and notice["expires"] > now.isoformat()   # still in force
    db = connect(app.config["DATABASE"])
    waiting = db.execute("SELECT reason, record FROM notice_pending WHERE notice_id = ? AND state = 'waiting'",
                         (notice["id"],)).fetchone()
    db.close()
    assert waiting["reason"].startswith("the post was deleted at the source")
    poll(app, lines)                                            # asked once, not at every poll
    assert len(lines) == 2


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_the_reviewer_withdraws_the_deleted_posts_alert_or_keeps_it(app, channel, endpoint, decision):
    from test_admin_support import add_user, csrf_token, english_client, login
    now = utcnow_in(app)
    assert subscribe(app.test_client(), endpoint.url, 1, ["shebekino"], "en").status_code == 201
    channel.pages["belgorod_gov"] = [(301, "Проверьте запасы воды.", now - timedelta(minutes=5), False),
                                     (302, ALERT, now - timedelta(minutes=2), False),
                                     (303, "Работают пункты обогрева.", now - timedelta(minutes=1), False)]
    poll(app, [])
    del channel.pages["belgorod_gov"][1]
    poll(app, [])
    add_user(app, "ap", "approver")
    reviewer = english_client(app, "192.0.2.60")
    assert login(reviewer, "ap").status_code == 302
    queue = reviewer.get("/admin/review/").get_data(as_text=True)
    pending_url = next(u for u in __import__("re").findall(r'href="(/admin/review/versions/\d+)"', queue))
    page = reviewer.get(pending_url).get_data(as_text=True)
    assert "the post was deleted at the source" in page and "<strong>Cancellation</strong>" in page
    answer = reviewer.post(pending_url, data={"csrf_token": csrf_token(page), "kind": "missile",
                                              "areas": ["shebekino"], "decision": decision})
    assert answer.status_code == 303
    db = connect(app.config["DATABASE"])
    notice = dict(db.execute("SELECT * FROM notices WHERE identifier = 'belgorod_gov:302'").fetchone())
    texts = db.execute("SELECT count(*) FROM notice_texts WHERE notice_id = ?", (notice["id"],)).fetchone()[0]
    db.close()
    assert notice["msg_type"] == ("Cancel" if decision == "approve" else "Alert")
    assert texts == (0 if decision == "approve" else 1)       # a withdrawal never repeats the alert's words
    page = app.test_client().get(f"/en/notices/{notice['id']}").get_data(as_text=True)
    assert ("Withdrawn: Missile danger" in page) is (decision == "approve")
    assert ("Пройдите в укрытие" in page) is (decision == "reject")
    residents = app.test_client().get("/api/notices.json?active=1").get_json()["notices"]
    assert any(n["id"] == notice["id"] for n in residents) is (decision == "reject")
    drain(app)
    titles = [m[1]["title"] for m in endpoint.received.messages.get(1, [])]
    assert titles[0].startswith("Missile danger: ")              # the alert, when it was published
    assert [t.startswith("Withdrawn: Missile danger: ") for t in titles[1:]] == [True] * (decision == "approve")

"""Fan-out to a local push service: right people, right words, VAPID, Topic/Urgency/TTL, 410 and 429."""

import time
from datetime import datetime, timezone

import pytest

from preparedness.db import connect
from preparedness.push.fanout import retry_after
from preparedness.push.send import drain
from preparedness.push.store import pending_count
from preparedness.push.worker import announce
from tests.push_helpers import endpoint, make_app, subscribe  # noqa: F401 (fixture)


@pytest.fixture
def app(tmp_path, endpoint):
    return make_app(tmp_path, PUSH_SERVICES=[endpoint.url + "/"])


def subscribe_all(app, endpoint, table):
    client = app.test_client()
    for i, areas, lang in table:
        assert subscribe(client, endpoint.url, i, areas, lang).status_code == 201


def counts(app):
    db = connect(app.config["DATABASE"])
    try:
        return pending_count(db), db.execute("SELECT count(*) FROM push_subscriptions").fetchone()[0]
    finally:
        db.close()


def test_a_threat_reaches_its_area_in_each_reader_language(app, endpoint, add_notice):
    subscribe_all(app, endpoint, [(1, ["shebekino"], "ru"), (2, ["belgorod", "shebekino"], "en"),
                                  (3, ["belgorod"], "uk")])
    notice_id = add_notice("m-1", kind="missile", areas=("shebekino",))
    assert announce(app, [notice_id])
    done = drain(app)
    got = endpoint.received
    assert got.errors == []
    assert sorted(got.messages) == [1, 2]
    _, ru, headers = got.messages[1][0]
    _, en, _ = got.messages[2][0]
    area = app.extensions["region"].area("shebekino")
    assert ru["title"] == f"Ракетная опасность: {area.name('ru')}"
    assert en["title"] == f"Missile danger: {area.name('en')}"
    assert en["body"].startswith("«Missile danger»")
    assert ru["tag"] == en["tag"] == "area-shebekino"
    assert en["url"] == f"/en/notices/{notice_id}"
    assert (headers["Urgency"], headers["TTL"], headers["Topic"]) == ("high", "900", "area-shebekino")
    assert len(got.tokens) == 1                      # one VAPID token for this push service
    assert done[0][1].sent == 2
    assert counts(app)[0] == (0, 0)


def test_region_wide_notices_reach_everyone_once_and_outages_are_not_urgent(app, endpoint, add_notice):
    subscribe_all(app, endpoint, [(1, ["shebekino", "belgorod"], "ru"), (2, ["valuyki"], "zh")])
    notice_id = add_notice("p-1", kind="power_outage", areas=(), region_wide=1)
    announce(app, [notice_id])
    drain(app)
    got = endpoint.received
    assert {i: len(m) for i, m in got.messages.items()} == {1: 1, 2: 1}
    headers = got.messages[2][0][2]
    assert headers["Urgency"] == "normal" and int(headers["TTL"]) > 900


def test_gone_subscriptions_are_removed_and_busy_services_retried(app, endpoint, add_notice):
    subscribe_all(app, endpoint, [(1, ["shebekino"], "ru"), (4, ["shebekino"], "ru"),
                                  (5, ["shebekino"], "en")])
    endpoint.received.gone.add(4)
    endpoint.received.busy.add(5)
    announce(app, [add_notice("d-1", kind="drone", areas=("shebekino",))])
    drain(app)
    (jobs, retries), subs = counts(app)
    assert (jobs, retries, subs) == (0, 1, 2)          # 4 removed, 5 waits for Retry-After: 1
    assert sorted(endpoint.received.messages) == [1]
    time.sleep(1.1)
    drain(app)
    assert sorted(endpoint.received.messages) == [1, 5]
    assert counts(app)[0] == (0, 0)


def test_drills_samples_and_unpublished_notices_are_not_pushed(app, endpoint, add_notice):
    subscribe_all(app, endpoint, [(1, ["shebekino"], "ru")])
    ids = [add_notice("x-1", kind="missile", areas=("shebekino",), status="Exercise"),
           add_notice("x-2", kind="missile", areas=("shebekino",), is_sample=1),
           add_notice("x-3", kind="missile", areas=("shebekino",), publication="review")]
    assert announce(app, ids) == []


def test_the_same_version_is_announced_once(app, endpoint, add_notice):
    subscribe_all(app, endpoint, [(1, ["shebekino"], "ru")])
    notice_id = add_notice("m-2", kind="missile", areas=("shebekino",))
    assert len(announce(app, [notice_id])) == 1
    assert announce(app, [notice_id]) == []


def test_the_publish_hook_queues_and_the_web_sender_sends(app, endpoint, add_notice):
    app.config["PUSH_SEND_FROM_WEB"] = True
    subscribe_all(app, endpoint, [(1, ["shebekino"], "ru")])
    notice_id = add_notice("m-3", kind="all_clear", areas=("shebekino",))
    with app.test_request_context("/"):
        from preparedness.admin.publish import run_publish_hooks
        run_publish_hooks([notice_id])
    app.extensions["push_sender"].join(10)
    assert endpoint.received.messages[1][0][1]["tag"] == "area-shebekino"
    assert endpoint.received.messages[1][0][2]["Urgency"] == "high"


def test_retry_after_reads_seconds_and_dates():
    now = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)
    assert (retry_after("30", now) - now).total_seconds() == 30
    assert (retry_after("Wed, 21 Oct 2099 07:28:00 GMT", now).year) == 2099
    assert (retry_after("soon", now) - now).total_seconds() == 60


def test_flask_push_drain_sends_once_and_reports(app, endpoint, add_notice):
    subscribe_all(app, endpoint, [(1, ["shebekino"], "uk")])
    announce(app, [add_notice("m-4", kind="missile", areas=("shebekino",))])
    result = app.test_cli_runner().invoke(args=["push", "drain"])
    assert result.output.strip() == "jobs 1, sent 1, removed 0, waiting for retry 0, jobs left 0"
    assert endpoint.received.messages[1][0][1]["url"].startswith("/uk/notices/")


def test_a_large_fanout_is_split_over_worker_processes(app, endpoint, add_notice):
    app.config.update(PUSH_PROCESSES=2, PUSH_PARALLEL_ABOVE=3)
    subscribe_all(app, endpoint, [(i, ["shebekino"], ("ru", "en", "ar")[i % 3]) for i in range(1, 8)]
                  + [(8, ["belgorod"], "ru"), (9, ["shebekino"], "uk")])
    endpoint.received.gone.add(9)
    announce(app, [add_notice("m-5", kind="missile", areas=("shebekino",))])
    [(_, tally, _)] = drain(app)
    assert (tally.sent, tally.removed) == (7, [9])
    got = endpoint.received
    assert sorted(got.messages) == list(range(1, 8)) and got.errors == []
    titles = {m[0][1]["title"].split(":")[0] for m in got.messages.values()}
    assert {"Ракетная опасность", "Missile danger"} < titles and len(titles) == 3
    assert len(got.tokens) == 2                       # one token per worker process and push service
    assert counts(app)[1] == 8


def test_a_withdrawn_threat_replaces_it_on_the_lock_screen_and_never_reads_as_a_new_one(app, endpoint,
                                                                                         add_notice):
    subscribe_all(app, endpoint, [(1, ["shebekino"], "ru"), (2, ["shebekino"], "en")])
    threat = add_notice("m-7", kind="missile", areas=("shebekino",))
    announce(app, [threat])
    drain(app)
    cancel = add_notice("m-7-cancel", kind="missile", areas=("shebekino",), msg_type="Cancel",
                        refs="test,m-7,2026-01-01T00:00:00+00:00")
    announce(app, [cancel])
    drain(app)
    (_, first, _), (_, withdrawn, headers) = endpoint.received.messages[2]
    area = app.extensions["region"].area("shebekino")
    assert first["title"] == f"Missile danger: {area.name('en')}"
    assert withdrawn["title"] == f"Withdrawn: Missile danger: {area.name('en')}"
    assert withdrawn["body"] == "The earlier notice is withdrawn. It no longer applies."
    assert "shelter" not in withdrawn["body"].lower()
    assert withdrawn["tag"] == first["tag"] == headers["Topic"] == "area-shebekino"   # it replaces the threat
    ru = endpoint.received.messages[1][1][1]
    assert not ru["title"].startswith("Ракетная опасность") and area.name("ru") in ru["title"]


def test_an_update_that_drops_an_area_withdraws_the_alert_there_only(app, endpoint, add_notice):
    subscribe_all(app, endpoint, [(1, ["shebekino"], "en"), (2, ["belgorod"], "en"), (3, ["valuyki"], "en")])
    first = add_notice("m-9", kind="missile", areas=("belgorod", "shebekino"), minutes_ago=5)
    announce(app, [first])
    drain(app)
    db = connect(app.config["DATABASE"])
    sent = db.execute("SELECT sent FROM notices WHERE id = ?", (first,)).fetchone()[0]
    db.close()
    subscribe_all(app, endpoint, [(4, ["shebekino"], "en")])
    endpoint.received.busy.add(4)                       # its first message waits for Retry-After
    narrowed = add_notice("m-9-u", kind="missile", areas=("belgorod",), minutes_ago=1, msg_type="Update",
                          refs=f"test,m-9,{sent}")
    announce(app, [narrowed])
    drain(app)
    time.sleep(1.1)
    drain(app)                                          # the retry is a withdrawal too
    got = endpoint.received.messages
    assert [m[1]["title"] for m in got[4]] == [got[1][1][1]["title"]]
    shebekino, belgorod = app.extensions["region"].area("shebekino"), app.extensions["region"].area("belgorod")
    assert [m[1]["title"] for m in got[1]] == [f"Missile danger: {shebekino.name('en')}",
                                               f"Withdrawn: Missile danger: {shebekino.name('en')}"]
    assert got[1][1][1]["tag"] == got[1][0][1]["tag"] == "area-shebekino"       # replaces it there
    assert [m[1]["title"] for m in got[2]] == [f"Missile danger: {belgorod.name('en')}"] * 2   # the update
    assert 3 not in got
    drain(app)
    assert len(got[1]) == 2                                                      # once

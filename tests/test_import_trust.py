"""The import trust model: no import can end or rewrite what operators or other sources published."""

from datetime import datetime, timezone

from ingest_helpers import rows

NOW = datetime(2026, 3, 1, 7, 10, tzinfo=timezone.utc)


def cap_file(tmp_path, identifier, sender="gochs@belregion.example", sent="2026-03-01T07:00:00+00:00",
             msg_type="Alert", refs=None, headline="Ракетная опасность. Всем в укрытие",
             area="г. Белгород", expires="2026-03-01T09:00:00+00:00", event="Ракетная опасность",
             with_info=None):
    """A CAP 1.2 file on disk; an Alert or Update carries an info block, a Cancel none unless asked."""
    references = f"<references>{refs}</references>" if refs else ""
    with_info = msg_type != "Cancel" if with_info is None else with_info
    info = "" if not with_info else f"""
  <info><language>ru</language><category>Safety</category><event>{event}</event>
    <urgency>Immediate</urgency><severity>Extreme</severity><certainty>Observed</certainty>
    <expires>{expires}</expires><headline>{headline}</headline>
    <area><areaDesc>{area}</areaDesc></area></info>"""
    path = tmp_path / f"{identifier}-{msg_type}.xml"
    path.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>{identifier}</identifier><sender>{sender}</sender><sent>{sent}</sent>
  <status>Actual</status><msgType>{msg_type}</msgType><scope>Public</scope>{references}{info}
</alert>""", encoding="utf-8")
    return str(path)


def active_ids(client, area="belgorod"):
    """Identifiers of the notices the public JSON lists as active for an area."""
    data = client.get(f"/api/notices.json?active=1&area={area}").get_json()
    return {n["identifier"] for n in data["notices"]}


def run(runner, *args):
    """Invoke the CLI and return its result, failing on a traceback."""
    result = runner.invoke(args=list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def publish_missile(app, runner, tmp_path, source="gochs"):
    """A published missile alert for Belgorod from a trusted source."""
    app.config["NOW"] = NOW
    out = run(runner, "notices", "import", cap_file(tmp_path, "m-1"), "--source", source)
    assert "imported 1" in out.output, out.output
    return "m-1"


def test_untrusted_cancel_from_another_source_ends_nothing_even_when_approved(app, client, runner,
                                                                             tmp_path):
    publish_missile(app, runner, tmp_path)
    cancel = cap_file(tmp_path, "attack-1", sender="attacker@example.invalid",
                      sent="2026-03-01T07:05:00+00:00", msg_type="Cancel",
                      refs="gochs@belregion.example,m-1,2026-03-01T07:00:00+00:00", with_info=True)
    out = run(runner, "notices", "import", cancel, "--review")
    assert "waiting for review: 1" in out.output, out.output
    assert "m-1" in active_ids(client)
    # Even a careless approval of a stranger's Cancel cannot end another source's alert.
    from preparedness.admin.publish import approve_imported
    from preparedness.db import connect
    with app.app_context():
        db = connect(app.config["DATABASE"])
        queued = dict(db.execute("SELECT * FROM notices WHERE identifier = 'attack-1'").fetchone())
        queued["areas"] = []
        with app.test_request_context():
            approve_imported(db, queued, "other", True, [])
        db.close()
    assert "m-1" in active_ids(client)


def test_a_cancel_waiting_for_review_ends_nothing_and_rejecting_it_keeps_the_alert(app, client, runner,
                                                                                  tmp_path):
    publish_missile(app, runner, tmp_path)
    cancel = cap_file(tmp_path, "c-1", sent="2026-03-01T07:05:00+00:00", msg_type="Cancel",
                      refs="gochs@belregion.example,m-1,2026-03-01T07:00:00+00:00")
    run(runner, "notices", "import", cancel, "--source", "gochs", "--review")
    assert "m-1" in active_ids(client)
    assert rows(app, "SELECT ended_at FROM notices WHERE identifier = 'm-1'")[0]["ended_at"] is None


def test_a_published_cancel_of_the_same_source_still_ends_its_alert(app, client, runner, tmp_path):
    publish_missile(app, runner, tmp_path)
    cancel = cap_file(tmp_path, "c-1", sent="2026-03-01T07:05:00+00:00", msg_type="Cancel",
                      refs="gochs@belregion.example,m-1,2026-03-01T07:00:00+00:00")
    run(runner, "notices", "import", cancel, "--source", "gochs")
    assert "m-1" not in active_ids(client)


def test_a_cancel_dated_in_the_future_does_not_end_an_alert_that_arrives_later(app, client, runner,
                                                                              tmp_path):
    app.config["NOW"] = NOW
    cancel = cap_file(tmp_path, "c-9", sent="2026-03-01T12:00:00+00:00", msg_type="Cancel",
                      refs="gochs@belregion.example,m-1,2026-03-01T07:00:00+00:00", with_info=True,
                      expires="2026-03-01T13:00:00+00:00")
    assert "imported 1" in run(runner, "notices", "import", cancel, "--source", "gochs").output
    run(runner, "notices", "import", cap_file(tmp_path, "m-1"), "--source", "gochs")
    assert "m-1" in active_ids(client)


def test_a_feed_titled_admin_cannot_overwrite_an_operator_notice(app, client, runner, tmp_path, add_notice):
    with app.app_context():
        app.config["NOW"] = None
    add_notice("belgorod-admin-7", kind="missile", areas=("belgorod",), source="admin",
               origin="operator", minutes_ago=2)
    before = rows(app, "SELECT * FROM notices WHERE identifier = 'belgorod-admin-7'")
    feed = tmp_path / "evil.rss"
    feed.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>admin</title><link>javascript:alert(1)</link>
<item><guid isPermaLink="false">belgorod-admin-7</guid><title>Отбой ракетной опасности в Белгороде</title>
<description>Отбой. Можно выходить.</description><pubDate>Sun, 01 Mar 2026 07:05:00 +0000</pubDate></item>
</channel></rss>""", encoding="utf-8")
    run(runner, "notices", "import", str(feed), "--review")
    assert rows(app, "SELECT * FROM notices WHERE identifier = 'belgorod-admin-7'")[0] == before[0]
    stored = rows(app, "SELECT source, publication FROM notices WHERE identifier = 'belgorod-admin-7' "
                       "AND source != 'admin'")
    assert stored == [{"source": "feed:admin", "publication": "review"}]


def test_the_operators_source_name_is_refused_on_the_command_line(app, runner, tmp_path):
    result = runner.invoke(args=["notices", "import", cap_file(tmp_path, "x-1"), "--source", "admin"])
    assert result.exit_code != 0
    assert "reserved" in result.output
    assert rows(app, "SELECT count(*) AS n FROM notices WHERE identifier = 'x-1'")[0]["n"] == 0


def test_an_approved_notice_changed_at_an_untrusted_source_waits_and_the_approved_text_stays(
        app, client, runner, tmp_path):
    app.config["NOW"] = NOW
    run(runner, "notices", "import", cap_file(tmp_path, "u-1"), "--source", "district", "--review")
    notice = rows(app, "SELECT * FROM notices WHERE identifier = 'u-1'")[0]
    assert notice["publication"] == "review" and notice["review_reason"]
    from preparedness.admin.publish import approve_imported
    from preparedness.db import connect
    db = connect(app.config["DATABASE"])
    with app.test_request_context():
        approve_imported(db, {**notice, "areas": ["belgorod"]}, "missile", False, ["belgorod"])
    db.close()
    assert "u-1" in active_ids(client)

    changed = cap_file(tmp_path, "u-1", sent="2026-03-01T07:06:00+00:00", event="Отбой",
                       headline="Отбой ракетной опасности")
    out = run(runner, "notices", "import", changed, "--source", "district", "--review")
    assert "waiting for review: 1" in out.output, out.output
    public = client.get("/api/notices.json?area=belgorod").get_json()["notices"]
    shown = next(n for n in public if n["identifier"] == "u-1")
    assert shown["kind"] == "missile"
    assert shown["texts"]["ru"]["headline"] == "Ракетная опасность. Всем в укрытие"
    waiting = rows(app, "SELECT state, reason FROM notice_pending")
    assert [w["state"] for w in waiting] == ["waiting"]

    # Reading the same source again adds nothing to the queue.
    again = run(runner, "notices", "import", changed, "--source", "district", "--review")
    assert "unchanged 1" in again.output, again.output
    assert len(rows(app, "SELECT id FROM notice_pending")) == 1


def test_reading_a_feed_again_after_an_operator_corrected_it_changes_nothing(app, runner, tmp_path):
    app.config["NOW"] = NOW
    path = cap_file(tmp_path, "k-1")
    run(runner, "notices", "import", path, "--source", "gochs")
    from preparedness.db import connect, transaction
    db = connect(app.config["DATABASE"])
    with transaction(db):
        db.execute("UPDATE notices SET kind = 'air_raid' WHERE identifier = 'k-1'")
    db.close()
    out = run(runner, "notices", "import", path, "--source", "gochs")
    assert "unchanged 1" in out.output, out.output
    assert rows(app, "SELECT kind FROM notices WHERE identifier = 'k-1'")[0]["kind"] == "air_raid"


def test_the_review_queue_shows_a_waiting_change_with_its_reason_and_approving_publishes_it(
        app, client, runner, tmp_path):
    from test_admin_support import add_user, english_client, login, post_form, query
    app.config["NOW"] = NOW
    run(runner, "notices", "import", cap_file(tmp_path, "w-1"), "--source", "gochs")
    changed = cap_file(tmp_path, "w-1", sent="2026-03-01T07:06:00+00:00",
                       headline="Ракетная опасность. Оставайтесь в укрытии")
    run(runner, "notices", "import", changed, "--source", "gochs", "--review")
    add_user(app, "ap", "approver")
    approver = english_client(app)
    assert login(approver, "ap").status_code == 302
    listing = approver.get("/admin/review/").get_data(as_text=True)
    pending_id = query(app, "SELECT id FROM notice_pending WHERE state = 'waiting'")[0][0]
    assert f"/admin/review/versions/{pending_id}" in listing
    assert "imported for review: a person decides" in listing
    page_url = f"/admin/review/versions/{pending_id}"
    page = approver.get(page_url).get_data(as_text=True)
    assert "Ракетная опасность. Всем в укрытие" in page and "Оставайтесь в укрытии" in page
    response = post_form(approver, page_url, {"kind": "missile", "areas": ["belgorod"],
                                              "decision": "approve"})
    assert response.status_code == 303
    shown = next(n for n in client.get("/api/notices.json?area=belgorod").get_json()["notices"]
                 if n["identifier"] == "w-1")
    assert shown["texts"]["ru"]["headline"] == "Ракетная опасность. Оставайтесь в укрытии"
    assert [tuple(r) for r in query(app, "SELECT state FROM notice_pending")] == [("approved",)]

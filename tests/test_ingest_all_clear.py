"""An all-clear post ends the threats in its own areas only, and they stay ended after it expires."""

from datetime import timedelta

from ingest_helpers import FIXTURE_NOW, imported, path

BELGOROD, SHEBEKINO, CLEAR = "1499990000:201", "1499990000:202", "1499990000:203"


def listed(client, query=""):
    """{identifier: notice} from /api/notices.json with `query`."""
    return {n["identifier"]: n for n in client.get(f"/api/notices.json{query}").get_json()["notices"]}


def test_all_clear_for_belgorod_ends_belgorod_and_not_shebekino(app, client, runner):
    app.config["NOW"] = FIXTURE_NOW.replace(minute=5)
    first = runner.invoke(args=["notices", "import", path("telegram_missiles.json")])
    assert "imported 2, updated 0, unchanged 0, rejected 0" in first.output, first.output
    assert (imported(app, BELGOROD)["kind"], imported(app, BELGOROD)["areas"]) == ("missile", ["belgorod"])
    assert (imported(app, SHEBEKINO)["kind"], imported(app, SHEBEKINO)["areas"]) == ("missile", ["shebekino"])
    assert {BELGOROD, SHEBEKINO} <= set(listed(client, "?active=1"))

    app.config["NOW"] = FIXTURE_NOW.replace(minute=31)             # the export now holds "Отбой ..."
    again = runner.invoke(args=["notices", "import", path("telegram_missiles_all_clear.json")])
    assert "imported 1, updated 0, unchanged 2, rejected 0" in again.output, again.output
    clear = imported(app, CLEAR)
    assert (clear["kind"], clear["areas"]) == ("all_clear", ["belgorod"])

    everything = listed(client)
    assert everything[BELGOROD]["active"] is False
    assert everything[SHEBEKINO]["active"] is True
    assert everything[CLEAR]["active"] is True
    assert BELGOROD not in listed(client, "?active=1&area=belgorod")
    assert CLEAR in listed(client, "?active=1&area=belgorod")
    assert SHEBEKINO in listed(client, "?active=1&area=shebekino")
    assert CLEAR not in listed(client, "?area=shebekino")
    assert [n["identifier"] for n in listed(client, "?active=1&kind=missile").values()
            if n["identifier"].startswith("1499990000:")] == [SHEBEKINO]


def test_a_cleared_threat_stays_ended_after_the_all_clear_expires(app, client, runner, tmp_path):
    alert = tmp_path / "long.xml"
    alert.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>long-missile</identifier><sender>gochs@example.invalid</sender>
  <sent>2026-03-01T07:00:00-00:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
  <info><language>ru</language><category>Safety</category><event>Ракетная опасность</event>
    <urgency>Immediate</urgency><severity>Extreme</severity><certainty>Likely</certainty>
    <expires>2026-03-01T13:00:00-00:00</expires><headline>Ракетная опасность</headline>
    <area><areaDesc>г. Белгород</areaDesc></area></info>
</alert>""", encoding="utf-8")
    app.config["NOW"] = FIXTURE_NOW
    assert runner.invoke(args=["notices", "import", str(alert)]).exit_code == 0
    app.config["NOW"] = FIXTURE_NOW.replace(minute=31)
    runner.invoke(args=["notices", "import", path("telegram_missiles_all_clear.json")])
    # The all-clear (sent 07:30) is in force for an hour; the CAP threat said it would last until 13:00.
    app.config["NOW"] = FIXTURE_NOW.replace(minute=30) + timedelta(hours=2)
    assert CLEAR not in listed(client, "?active=1")
    assert "long-missile" not in listed(client, "?active=1&area=belgorod")
    assert listed(client, "?area=belgorod")["long-missile"]["ended_at"] == "2026-03-01T07:30:00+00:00"


def test_notice_page_says_the_all_clear_ended_it_and_links_the_posts(app, client, runner):
    app.config["NOTICE_SOURCES"] = [{"name": "operstab", "url": "https://t.me/s/operstab_example",
                                     "format": "telegram", "trusted": True,
                                     "post_url": "https://t.me/operstab_example/{id}"}]
    app.config["NOW"] = FIXTURE_NOW.replace(minute=31)
    runner.invoke(args=["notices", "import", "--source", "operstab", path("telegram_missiles_all_clear.json")])
    belgorod, shebekino, clear = (imported(app, i)["id"] for i in (BELGOROD, SHEBEKINO, CLEAR))

    page = client.get(f"/en/notices/{belgorod}").get_data(as_text=True)
    assert 'data-state="cleared">Ended by an all clear</p>' in page
    assert f'<dd><a href="/en/notices/{clear}" rel="next" lang="ru">Отбой ракетной опасности.</a>,' in page
    assert '<a href="https://t.me/operstab_example/201" rel="noopener">' in page     # the original post
    page = client.get(f"/en/notices/{shebekino}").get_data(as_text=True)
    assert 'data-state="active">In force now</p>' in page and 'rel="next"' not in page
    assert '<a href="https://t.me/operstab_example/202" rel="noopener">' in page

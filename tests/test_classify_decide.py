"""The one publish decision: pure cases, and the Telegram, RSS and CAP paths going through it."""

import json

import pytest

from ingest_helpers import FIXTURE_NOW, imported
from preparedness.notices.ingest.build import from_text_post
from preparedness.notices.ingest.decide import DOUBT_REASONS, NOTHING_TO_END, publish_decision
from preparedness.notices.reasons import NOT_ACTUAL, NOT_TRUSTED
from preparedness.regions import load_region

REGION = load_region("belgorod")
MISSILE_IN_BELGOROD = {"kind": "missile", "areas": ["belgorod"], "region_wide": False, "status": "Actual"}


def decide(text, trusted=True, threats=(MISSILE_IN_BELGOROD,)):
    """publish_decision for a post's text."""
    notice = from_text_post(text, REGION, sent=FIXTURE_NOW)
    return publish_decision(notice, trusted, list(threats), REGION.areas_by_slug)


def test_a_certain_alert_from_a_trusted_source_is_published():
    assert decide("Белгородский округ — опасность атаки БПЛА. Пройдите в укрытие.") == (True, None)


def test_an_untrusted_source_waits():
    assert decide("Белгородский округ — опасность атаки БПЛА.", trusted=False) == (False, NOT_TRUSTED)


@pytest.mark.parametrize("text, doubt", [
    ("Оставайтесь в укрытии до отбоя.", "wait"),
    ("В результате атаки дрона пострадал мужчина в Шебекино", "report"),
    ("Ракетная опасность! Курская область", "other_region"),
    ("Відбій тривоги в Бєлгороді. У Шебекине — ракетна небезпека.", "conflict"),
    ("Поздравляю с праздником, Белгород!", "no_kind"),
    ("Ракетная опасность!", "no_area"),
    ("Ракетная опасность в селе Долгое", "place"),
])
def test_every_doubt_waits_with_its_reason(text, doubt):
    assert decide(text) == (False, DOUBT_REASONS[doubt])


def test_an_all_clear_is_published_only_when_it_ends_a_threat_there():
    clear = "Отбой ракетной опасности. Белгород."
    assert decide(clear) == (True, None)
    assert decide(clear, threats=()) == (False, NOTHING_TO_END)
    elsewhere = {**MISSILE_IN_BELGOROD, "areas": ["shebekino"]}
    assert decide(clear, threats=(elsewhere,)) == (False, NOTHING_TO_END)
    region_wide = {**MISSILE_IN_BELGOROD, "areas": [], "region_wide": True}
    assert decide(clear, threats=(region_wide,)) == (True, None)
    exercise = {**MISSILE_IN_BELGOROD, "status": "Exercise"}
    assert decide(clear, threats=(exercise,)) == (False, NOTHING_TO_END)


def test_active_threats_are_read_only_for_an_all_clear():
    def threats():
        raise AssertionError("read although the notice is not an all-clear")
    notice = from_text_post("Ракетная опасность. Белгород.", REGION, sent=FIXTURE_NOW)
    assert publish_decision(notice, True, threats) == (True, None)


def test_drafts_and_system_messages_wait():
    notice = from_text_post("Ракетная опасность. Белгород.", REGION, sent=FIXTURE_NOW)
    assert publish_decision({**notice, "status": "Draft"}, True, []) == (False, NOT_ACTUAL)
    assert publish_decision({**notice, "status": "Exercise"}, True, []) == (True, None)


def telegram(tmp_path, *texts):
    """A Telegram Desktop export of `texts`, sent a minute apart from 07:00 UTC."""
    messages = [{"id": i + 1, "type": "message", "date": f"2026-03-01T10:0{i}:00",
                 "date_unixtime": str(int(FIXTURE_NOW.timestamp()) - 600 + 60 * i), "text": text}
                for i, text in enumerate(texts)]
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": "Оперштаб", "type": "public_channel", "id": 42,
                                "messages": messages}, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_the_issue_posts_through_telegram(app, runner, tmp_path):
    app.config["NOW"] = FIXTURE_NOW
    export = telegram(
        tmp_path,
        "Вся территория Белгородской области - ракетная опасность. Спуститесь в подвал. Оставайтесь там до "
        "получения сигнала Отбой ракетной опасности",
        "В Белгороде и Белгородском районе отменён сигнал ракетной опасности",
        "В результате атаки дрона пострадал мужчина",
        "Меняем алгоритмы оповещения",
        "Отбой ракетной опасности в Шебекинском округе")
    result = runner.invoke(args=["notices", "import", export])
    assert result.exit_code == 0, result.output
    threat, clear, report, algorithm, nothing_to_end = (imported(app, f"42:{i}") for i in range(1, 6))
    assert (threat["kind"], threat["region_wide"], threat["publication"]) == ("missile", 1, "published")
    assert (clear["kind"], clear["areas"], clear["publication"]) == (
        "all_clear", ["belgorod", "belgorodsky"], "published")
    assert (report["kind"], report["publication"], report["review_reason"]) == (
        "other", "review", DOUBT_REASONS["report"])
    assert algorithm["publication"] == "review"
    # The region-wide threat is still in force for Шебекино, so this all-clear ends it there.
    assert nothing_to_end["publication"] == "published"


def test_an_all_clear_with_nothing_to_end_waits(app, runner, tmp_path):
    app.config["NOW"] = FIXTURE_NOW
    runner.invoke(args=["notices", "import", telegram(tmp_path, "Отбой ракетной опасности в Шебекинском округе")])
    clear = imported(app, "42:1")
    assert (clear["kind"], clear["publication"], clear["review_reason"]) == ("all_clear", "review", NOTHING_TO_END)


@pytest.mark.parametrize("text, named", [
    ("Отбой угрозы атаки БПЛА в Белгороде", ("drone",)),
    ("Відбій повітряної тривоги в Бєлгороді", ("air_raid",)),
    ("All clear for drone attack in Belgorod", ("drone",)),
    ("В Белгороде отменён сигнал ракетной опасности", ("missile",)),
    ("Белгород — отбой.", ()),
])
def test_an_all_clear_knows_which_threats_it_names(text, named):
    notice = from_text_post(text, REGION, sent=FIXTURE_NOW)
    assert notice["kind"] == "all_clear"
    assert tuple((notice["clears"] or "").split()) == named


def test_an_all_clear_for_drones_does_not_end_a_missile_danger(app, client, runner, tmp_path):
    app.config["NOW"] = FIXTURE_NOW
    runner.invoke(args=["notices", "import", telegram(
        tmp_path, "Ракетная опасность в Белгороде. Пройдите в укрытие.",
        "Отбой угрозы атаки БПЛА в Белгороде")])
    threat, drone_clear = imported(app, "42:1"), imported(app, "42:2")
    assert threat["publication"] == "published"
    assert (drone_clear["publication"], drone_clear["review_reason"]) == ("review", NOTHING_TO_END)
    active = client.get("/api/notices.json?active=1&area=belgorod").get_json()["notices"]
    assert [n["kind"] for n in active if n["identifier"].startswith("42:")] == ["missile"]
    # Even published by a person, it ends drone threats only.
    from preparedness.admin.publish import approve_imported
    from preparedness.db import connect
    db = connect(app.config["DATABASE"])
    with app.test_request_context():
        approve_imported(db, {**dict(drone_clear), "areas": ["belgorod"]}, "all_clear", False, ["belgorod"])
    db.close()
    active = client.get("/api/notices.json?active=1&area=belgorod").get_json()["notices"]
    assert "missile" in [n["kind"] for n in active if n["identifier"].startswith("42:")]
    missile_clear = telegram(tmp_path, "Ракетная опасность в Белгороде. Пройдите в укрытие.",
                             "Отбой угрозы атаки БПЛА в Белгороде", "Отбой ракетной опасности в Белгороде")
    runner.invoke(args=["notices", "import", missile_clear])
    assert imported(app, "42:3")["publication"] == "published"
    active = client.get("/api/notices.json?active=1&area=belgorod").get_json()["notices"]
    assert "missile" not in [n["kind"] for n in active if n["identifier"].startswith("42:")]


def test_rss_items_go_through_the_same_rules(app, runner, tmp_path):
    app.config["NOW"] = FIXTURE_NOW
    feed = tmp_path / "feed.rss"
    feed.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>News</title><link>https://example.org/</link>
<item><guid>a</guid><title>Dragonfly</title><description>NASA's Dragonfly rotorcraft drone will fly on Titan
</description><pubDate>Sun, 01 Mar 2026 06:50:00 GMT</pubDate></item>
<item><guid>b</guid><title>Forecast</title><description>Daytime heating will bring storms to Belgorod.</description>
<pubDate>Sun, 01 Mar 2026 06:55:00 GMT</pubDate></item>
<item><guid>c</guid><title>Drone attack danger in Shebekino</title><description>Go to a shelter.</description>
<pubDate>Sun, 01 Mar 2026 07:00:00 GMT</pubDate></item>
</channel></rss>""", encoding="utf-8")
    result = runner.invoke(args=["notices", "import", str(feed)])
    assert result.exit_code == 0, result.output
    probe, weather, drone = (imported(app, i) for i in "abc")
    assert (probe["kind"], probe["publication"]) == ("other", "review")
    assert (weather["kind"], weather["publication"]) == ("other", "review")
    assert (drone["kind"], drone["areas"], drone["publication"]) == ("drone", ["shebekino"], "published")


CAP = """<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>{ident}</identifier><sender>gochs@example.invalid</sender>
  <sent>2026-03-01T07:0{minute}:00-00:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
  <info><language>ru</language><category>Safety</category><event>{event}</event>
    <urgency>Immediate</urgency><severity>Extreme</severity><certainty>Likely</certainty>
    <headline>{headline}</headline><area><areaDesc>г. Белгород</areaDesc></area></info>
</alert>"""


def test_cap_words_go_through_the_same_rules(app, runner, tmp_path):
    app.config["NOW"] = FIXTURE_NOW
    waited = tmp_path / "waited.xml"
    waited.write_text(CAP.format(ident="cap-1", minute=1, event="Ракетная опасность",
                                 headline="Оставайтесь в укрытии до получения сигнала «Отбой»"), encoding="utf-8")
    cleared = tmp_path / "cleared.xml"
    cleared.write_text(CAP.format(ident="cap-2", minute=2, event="Оповещение",
                                  headline="Сигнал ракетной опасности отменён"), encoding="utf-8")
    assert runner.invoke(args=["notices", "import", str(waited), str(cleared)]).exit_code == 0
    assert (imported(app, "cap-1")["kind"], imported(app, "cap-1")["publication"]) == ("missile", "published")
    assert (imported(app, "cap-2")["kind"], imported(app, "cap-2")["publication"]) == ("all_clear", "published")

"""CAP 1.2 / 1.1 import: every info block, references, shapes, Update and Cancel chains."""

import pytest

from ingest_helpers import DATA, FIXTURE_NOW, imported, path, rows
from preparedness.notices.ingest.cap import parse_cap


@pytest.fixture
def fixed_app(app):
    """The app with its clock on the fixtures' morning."""
    app.config["NOW"] = FIXTURE_NOW
    return app


def active_identifiers(client, area):
    """Identifiers of the notices the JSON API calls active for an area."""
    document = client.get(f"/api/notices.json?active=1&area={area}").get_json()
    return {n["identifier"] for n in document["notices"]}


def test_parser_reads_every_info_block_area_and_time():
    alert = parse_cap((DATA / "cap12_missile_ru_en.xml").read_bytes())
    assert alert["version"] == "1.2"
    assert [i["language"] for i in alert["infos"]] == ["ru-RU", "en-US"]
    ru, en = alert["infos"]
    assert ru["areas"][0]["geocodes"] == [("preparedness:area", "belgorod")]
    assert ru["areas"][1]["polygons"][0][0] == (50.30, 36.75)
    assert en["areas"][0]["circles"] == [(50.596, 36.587, 3.0)]
    assert alert["sent"].isoformat() == "2026-03-01T07:00:00+00:00"
    assert en["effective"] == ru["effective"]            # "Z" and "+03:00" read alike
    assert en["expires"].isoformat() == "2026-03-01T08:00:00+00:00"   # "-00:00" is UTC


def test_references_are_triplets():
    alert = parse_cap((DATA / "cap12_update.xml").read_bytes())
    assert alert["references"] == [{"sender": "gochs@belregion.example",
                                     "identifier": "belgorod-gochs-2026-0301-001",
                                     "sent": "2026-03-01T10:00:00+03:00"}]


def test_cap_with_ru_and_en_imports_both_texts(fixed_app, runner):
    result = runner.invoke(args=["notices", "import", path("cap12_missile_ru_en.xml")])
    assert result.exit_code == 0, result.output
    assert "imported 1, updated 0, unchanged 0, rejected 0" in result.output
    notice = imported(fixed_app, "belgorod-gochs-2026-0301-001")
    assert set(notice["texts"]) == {"ru", "en"}
    assert notice["texts"]["en"]["headline"] == "Missile danger in Belgorod and Shebekino district"
    assert notice["texts"]["ru"]["event"] == "Ракетная опасность"
    assert notice["kind"] == "missile" and notice["areas"] == ["belgorod", "shebekino"]
    assert notice["publication"] == "published" and notice["severity"] == "Extreme"
    assert notice["expires"] == "2026-03-01T08:00:00+00:00"
    assert notice["url"] == "https://belregion.example/alerts/2026-0301-001"
    assert '"area_desc": "Шебекинский городской округ"' in notice["area_raw"]


def test_html_in_a_cap_description_is_stored_as_plain_text(fixed_app, runner):
    runner.invoke(args=["notices", "import", path("cap12_missile_ru_en.xml")])
    description = imported(fixed_app, "belgorod-gochs-2026-0301-001")["texts"]["ru"]["description"]
    assert description == "Ракетная опасность. Немедленно пройдите в укрытие."


def test_update_then_cancel_chain(fixed_app, client, runner):
    runner.invoke(args=["notices", "import", path("cap12_missile_ru_en.xml")])
    assert "belgorod-gochs-2026-0301-001" in active_identifiers(client, "shebekino")

    fixed_app.config["NOW"] = FIXTURE_NOW.replace(minute=25)
    result = runner.invoke(args=["notices", "import", path("cap12_update.xml")])
    assert "imported 1" in result.output
    assert active_identifiers(client, "belgorodsky") == {"belgorod-gochs-2026-0301-002"}
    assert "belgorod-gochs-2026-0301-001" not in active_identifiers(client, "shebekino")
    assert imported(fixed_app, "belgorod-gochs-2026-0301-001")["ended_at"] == "2026-03-01T07:20:00+00:00"

    fixed_app.config["NOW"] = FIXTURE_NOW.replace(minute=45)
    result = runner.invoke(args=["notices", "import", path("cap12_cancel.xml")])
    assert result.exit_code == 0 and "imported 1" in result.output
    cancel = imported(fixed_app, "belgorod-gochs-2026-0301-003")
    assert cancel["msg_type"] == "Cancel" and cancel["kind"] == "missile"   # taken from what it cancels
    for area in ("belgorod", "belgorodsky", "shebekino"):
        assert not active_identifiers(client, area) & {"belgorod-gochs-2026-0301-001",
                                                       "belgorod-gochs-2026-0301-002",
                                                       "belgorod-gochs-2026-0301-003"}


def test_an_alert_arriving_after_its_cancel_is_not_active(fixed_app, client, runner):
    fixed_app.config["NOW"] = FIXTURE_NOW.replace(minute=25)
    runner.invoke(args=["notices", "import", path("cap12_update.xml")])
    runner.invoke(args=["notices", "import", path("cap12_missile_ru_en.xml")])
    assert "belgorod-gochs-2026-0301-001" not in active_identifiers(client, "shebekino")


def test_cap_1_1_with_prefix_and_local_time(fixed_app, runner):
    result = runner.invoke(args=["notices", "import", "--format", "cap", path("cap11_prefixed.xml")])
    assert "imported 1" in result.output, result.output
    notice = imported(fixed_app, "oskol-2026-77")
    assert notice["status"] == "Exercise" and notice["kind"] == "air_raid"
    assert notice["areas"] == ["stary-oskol"]
    assert notice["sent"] == "2026-03-01T06:30:00+00:00"    # no offset: the region's time (UTC+3)
    assert set(notice["texts"]) == {"en"}                   # CAP's default language


def alert_xml(area, identifier="area-test", extra=""):
    """A minimal CAP 1.2 alert with one <area>."""
    return (f'<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>{identifier}</identifier>'
            f"<sender>test</sender><sent>2026-03-01T10:00:00+03:00</sent><status>Actual</status>"
            f"<msgType>Alert</msgType><scope>Public</scope>{extra}<info><language>ru</language>"
            f"<event>Взрывоопасный предмет</event><urgency>Expected</urgency><severity>Moderate</severity>"
            f"<certainty>Observed</certainty><headline>Обнаружен взрывоопасный предмет</headline>"
            f"<area>{area}</area></info></alert>").encode()


@pytest.mark.parametrize("area, expected", [
    ("<areaDesc>Место</areaDesc><circle>51.30,37.84 2</circle>", ["stary-oskol"]),   # centre inside
    ("<areaDesc>Место</areaDesc><circle>50.61,36.60 0.5</circle>", ["belgorod"]),    # small: nearest
    ("<areaDesc>Юг</areaDesc><polygon>49.8,38.7 49.8,39.1 50.0,39.1 50.0,38.7 49.8,38.7</polygon>",
     ["rovenki"]),
    ("<areaDesc>в Корочанском районе</areaDesc>", ["korocha"]),
])
def test_areas_from_shapes_and_names(fixed_app, runner, tmp_path, area, expected):
    file = tmp_path / "alert.xml"
    file.write_bytes(alert_xml(area))
    result = runner.invoke(args=["notices", "import", str(file)])
    assert "imported 1" in result.output, result.output
    notice = imported(fixed_app, "area-test")
    assert notice["areas"] == expected and notice["kind"] == "explosive_object"
    assert notice["expires"] == "2026-03-01T13:00:00+00:00"     # default expiry for the kind (6 h)


def test_an_alert_outside_the_region_is_rejected_with_its_reason(fixed_app, runner, tmp_path):
    file = tmp_path / "far.xml"
    file.write_bytes(alert_xml("<areaDesc>Kyiv</areaDesc><circle>50.45,30.52 10</circle>"))
    result = runner.invoke(args=["notices", "import", str(file)])
    assert result.exit_code == 0
    assert "imported 0, updated 0, unchanged 0, rejected 1" in result.output
    assert "rejected area-test: no area in Belgorod oblast (areas: Kyiv)" in result.output
    assert imported(fixed_app, "area-test") is None


def test_kind_from_our_event_code_wins(fixed_app, runner, tmp_path):
    file = tmp_path / "coded.xml"
    xml = alert_xml("<areaDesc>Белгород</areaDesc>").replace(
        b"<urgency>", b"<eventCode><valueName>preparedness:kind</valueName><value>road_closure</value>"
                      b"</eventCode><urgency>")
    file.write_bytes(xml)
    runner.invoke(args=["notices", "import", str(file)])
    notice = imported(fixed_app, "area-test")
    assert notice["kind"] == "road_closure" and notice["confidence"] == 1.0


def test_import_with_review_waits_for_a_person(fixed_app, client, runner):
    result = runner.invoke(args=["notices", "import", "--review", path("cap12_missile_ru_en.xml")])
    assert "imported 1" in result.output
    assert imported(fixed_app, "belgorod-gochs-2026-0301-001")["publication"] == "review"
    assert not rows(fixed_app, "SELECT 1 FROM notices WHERE publication = 'published' "
                               "AND identifier LIKE 'belgorod-gochs%'")
    assert "belgorod-gochs-2026-0301-001" not in active_identifiers(client, "shebekino")


def test_draft_and_system_messages_never_reach_the_public(fixed_app, runner, tmp_path):
    file = tmp_path / "draft.xml"
    file.write_bytes(alert_xml("<areaDesc>Белгород</areaDesc>").replace(b">Actual<", b">Draft<"))
    runner.invoke(args=["notices", "import", str(file)])
    assert imported(fixed_app, "area-test")["publication"] == "review"

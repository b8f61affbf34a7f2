"""What other systems read: JSON contract, areas, Atom feed, CAP 1.2 out and back in."""

import re

import feedparser
import pytest

from ingest_helpers import DATA, FIXTURE_NOW, path, rows
from preparedness.notices.ingest.build import from_cap
from preparedness.notices.ingest.cap import parse_cap
from preparedness.notices.outputs.cap_relay import cap_schema
from preparedness.regions import load_region

FIXED_FIELDS = {"id", "identifier", "sender", "sent", "status", "msg_type", "kind", "severity",
                "urgency", "certainty", "areas", "effective", "expires", "active", "source", "url", "texts"}
REGION = load_region("belgorod")
# The OASIS schema of CAP 1.2, shipped as test data (no network in tests).
CAP_SCHEMA = cap_schema()
CAP_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$")


@pytest.fixture
def loaded(app, runner):
    """The sample data plus every good fixture, with the clock on the fixtures' morning."""
    app.config["NOW"] = FIXTURE_NOW
    result = runner.invoke(args=["notices", "import", path("cap12_missile_ru_en.xml"),
                                 path("cap12_update.xml"), path("cap12_cancel.xml"),
                                 path("cap11_prefixed.xml"), path("feed.rss"), path("feed.atom"),
                                 path("telegram_result.json")])
    assert result.exit_code == 0, result.output
    return app


def test_json_matches_the_contract(loaded, client):
    response = client.get("/api/notices.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    document = response.get_json()
    assert set(document) == {"generated", "notices"}
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", document["generated"])
    assert len(document["notices"]) >= 12
    for notice in document["notices"]:
        assert FIXED_FIELDS <= set(notice)
        assert isinstance(notice["id"], int) and isinstance(notice["active"], bool)
        assert isinstance(notice["areas"], list) and all(REGION.area(a) for a in notice["areas"])
        for text in notice["texts"].values():
            assert set(text) == {"event", "headline", "description", "instruction"}
    by_identifier = {n["identifier"]: n for n in document["notices"]}
    cap = by_identifier["belgorod-gochs-2026-0301-001"]
    assert set(cap["texts"]) == {"ru", "en"} and cap["url"].startswith("https://belregion.example/")
    assert "1412345678:104" not in by_identifier                # waiting for review


def test_json_filters(loaded, client):
    active = client.get("/api/notices.json?active=1").get_json()["notices"]
    assert active and all(n["active"] for n in active)
    shebekino = client.get("/api/notices.json?area=shebekino").get_json()["notices"]
    assert all("shebekino" in n["areas"] or n["region_wide"] for n in shebekino)
    assert "https://shebekino.example/news/101" in {n["identifier"] for n in shebekino}
    drones = client.get("/api/notices.json?kind=drone").get_json()["notices"]
    assert drones and {n["kind"] for n in drones} == {"drone"}
    assert client.get("/api/notices.json?area=atlantis").status_code == 400
    assert client.get("/api/notices.json?kind=meteor").status_code == 400


def test_areas_json(client):
    document = client.get("/api/areas.json").get_json()
    assert len(document["areas"]) == 22
    shebekino = next(a for a in document["areas"] if a["slug"] == "shebekino")
    assert shebekino["names"]["ru"] == "Шебекинский муниципальный округ"
    assert shebekino["centre"] == {"lat": 50.4, "lon": 36.887}


def test_atom_parses_back_with_feedparser(loaded, client):
    response = client.get("/feeds/en/notices.atom")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.get_data())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.language == "en"
    ids = [e.id for e in feed.entries]
    assert len(ids) == len(set(ids)) >= 12
    raid = next(e for e in feed.entries if e.link.endswith(f"/en/notices/{notice_id(loaded, '-77')}"))
    assert raid.title.startswith("Air raid alert: Stary Oskol") and "Exercise" in raid.title
    assert {link.type for link in raid.links} >= {"text/html", "application/cap+xml"}


def test_atom_entries_in_the_readers_language_or_the_labelled_original(loaded, client):
    feed = feedparser.parse(client.get("/feeds/en/notices.atom").get_data())
    english = next(e for e in feed.entries if e.link.endswith(f"/en/notices/{notice_id(loaded, '001')}"))
    assert english.content[0].language == "en" and "Missile danger." in english.content[0].value
    telegram = next(e for e in feed.entries if "Ракетная опасность!" in e.content[0].value)
    assert telegram.content[0].language == "ru"
    assert telegram.summary == "Original in Russian"
    assert telegram.title == "Missile danger: Belgorod (city), Belgorod district"
    cancelled = next(e for e in feed.entries if e.link.endswith(f"/en/notices/{notice_id(loaded, '003')}"))
    assert "Cancelled" in cancelled.title


def notice_id(app, suffix):
    """The database id of a fixture CAP alert by the end of its identifier."""
    return rows(app, "SELECT id FROM notices WHERE identifier LIKE ?", (f"%{suffix}",))[0]["id"]


def test_cap_round_trip(loaded, client):
    notices = client.get("/api/notices.json").get_json()["notices"]
    assert any(n["region_wide"] for n in notices) and any(n["msg_type"] == "Cancel" for n in notices)
    for notice in notices:
        response = client.get(f"/cap/{notice['id']}.xml")
        assert response.status_code == 200 and response.mimetype == "application/cap+xml"
        back = from_cap(parse_cap(response.get_data()), REGION, notice["source"])
        if back["sender"] == "preparedness-admin" and notice["sender"] != "preparedness-admin":
            # Relayed under our own name (a channel post, a feed item, an invalid original).
            assert back["identifier"] == f"preparedness-admin-relay-{notice['id']}"
        else:
            assert back["identifier"] == notice["identifier"]
            assert back["sent"].isoformat() == notice["sent"]
        assert (back["status"], back["msg_type"]) == (notice["status"], notice["msg_type"])
        assert back["texts"].keys() == notice["texts"].keys()
        if not notice["texts"]:
            continue        # a Cancel without <info>: CAP carries areas and kind only inside <info>
        assert back["region_wide"] == notice["region_wide"]
        assert sorted(back["areas"]) == sorted(notice["areas"])
        for lang, text in notice["texts"].items():
            for field in ("headline", "description", "instruction"):
                assert back["texts"][lang][field] == text[field]
        assert back["kind"] == notice["kind"]
        assert back["expires"].isoformat() == notice["expires"]


def test_cap_has_one_info_per_language(loaded, client):
    body = client.get(f"/cap/{notice_id(loaded, '001')}.xml").get_data(as_text=True)
    assert body.count("<info>") == 2
    assert "<areaDesc>Шебекинский муниципальный округ</areaDesc>" in body and "<areaDesc>Shebekino district</areaDesc>" in body
    assert re.search(r"<circle>50\.4,36\.887 [\d.]+</circle>", body)


def test_unknown_or_unpublished_notice_has_no_cap(loaded, client):
    assert client.get("/cap/999999.xml").status_code == 404
    review = rows(loaded, "SELECT id FROM notices WHERE publication = 'review'")[0]["id"]
    assert client.get(f"/cap/{review}.xml").status_code == 404


def test_notice_page_links_cap_and_original(loaded, client):
    page = client.get(f"/en/notices/{notice_id(loaded, '001')}").get_data(as_text=True)
    assert f'href="/cap/{notice_id(loaded, "001")}.xml"' in page
    assert 'href="https://belregion.example/alerts/2026-0301-001"' in page


def test_notices_index_announces_the_feed(client):
    page = client.get("/uk/notices/").get_data(as_text=True)
    assert '<link rel="alternate" type="application/atom+xml" href="/feeds/uk/notices.atom"' in page


def test_cap_output_validates_against_the_cap_1_2_schema(loaded, client):
    notices = client.get("/api/notices.json").get_json()["notices"]
    assert {n["msg_type"] for n in notices} == {"Alert", "Update", "Cancel"}
    assert {n["status"] for n in notices} >= {"Actual", "Exercise"}
    for notice in notices:
        body = client.get(f"/cap/{notice['id']}.xml").get_data()
        errors = [f"{e.path}: {e.reason}" for e in CAP_SCHEMA.iter_errors(body)]
        assert errors == [], (notice["identifier"], errors)
        times = re.findall(rb"<(sent|effective|expires)>([^<]*)<", body)
        assert times and all(CAP_TIME.match(t.decode()) for _, t in times)
        # CAP 1.2 section 3.3.2: UTC is written "-00:00", never "Z" or "+00:00".
        assert b"+00:00<" not in body and b"Z<" not in body


def test_the_schema_refuses_what_cap_forbids(loaded, client):
    body = client.get(f"/cap/{notice_id(loaded, '001')}.xml").get_data()
    assert CAP_SCHEMA.is_valid(body)
    assert not CAP_SCHEMA.is_valid(body.replace(b"<status>Actual</status>", b"<status>Real</status>"))
    assert not CAP_SCHEMA.is_valid(re.sub(rb"<sent>([^<]*)-00:00</sent>", rb"<sent>\1.5Z</sent>", body))


def test_notices_index_filters_by_area_and_kind_without_javascript(loaded, client):
    page = client.get("/en/notices/").get_data(as_text=True)
    form = page.split('<form class="area-form notice-filters" method="get" action="/en/notices/"', 1)[1]
    form = form.split("</form>", 1)[0]
    assert '<select id="area" name="area">' in form and '<select id="kind" name="kind">' in form
    assert '<option value="missile">Missile danger</option>' in form and '<button type="submit">' in form

    shebekino = client.get("/en/notices/?area=shebekino&kind=missile").get_data(as_text=True)
    assert '<option value="shebekino" selected>' in shebekino
    assert '<option value="missile" selected>' in shebekino
    assert f'href="/en/notices/{notice_id(loaded, "001")}"' in shebekino
    assert shebekino.count('class="notice notice--') == shebekino.count('class="notice notice--missile')
    stary_oskol = client.get("/en/notices/?area=stary-oskol").get_data(as_text=True)
    assert f'href="/en/notices/{notice_id(loaded, "-77")}"' in stary_oskol      # its air-raid drill
    assert f'href="/en/notices/{notice_id(loaded, "001")}"' not in stary_oskol  # Shebekino's missile
    assert client.get("/en/notices/?kind=meteor").status_code == 404
    assert client.get("/en/notices/?area=atlantis").status_code == 404


def test_notice_page_shows_update_and_cancellation(loaded, client):
    first, update, cancel = (notice_id(loaded, s) for s in ("001", "002", "003"))
    page = client.get(f"/en/notices/{first}").get_data(as_text=True)
    assert 'data-state="updated">Replaced by an update</p>' in page
    assert re.search(rf'<dt>Replaced by</dt>\s*<dd><a href="/en/notices/{update}" rel="next"[^>]*>', page)
    page = client.get(f"/en/notices/{update}").get_data(as_text=True)
    assert 'data-state="cancelled">Cancelled</p>' in page
    assert re.search(rf'<dt>Cancelled by</dt>\s*<dd><a href="/en/notices/{cancel}" rel="next"[^>]*>', page)
    assert re.search(rf'<dt>Earlier notice</dt>\s*<dd><a href="/en/notices/{first}" rel="prev"[^>]*>', page)
    page = client.get(f"/en/notices/{cancel}").get_data(as_text=True)
    assert re.search(rf'<dt>Earlier notice</dt>\s*<dd><a href="/en/notices/{update}" rel="prev"[^>]*>', page)


def test_a_cancellation_reads_as_a_withdrawal_and_asks_nothing(loaded, client):
    cancel, update = notice_id(loaded, "003"), notice_id(loaded, "002")
    page = client.get(f"/en/notices/{cancel}").get_data(as_text=True)
    assert '<p class="notice__kind">Withdrawn: Missile danger' in page
    assert "<title>Withdrawn: Missile danger:" in page
    assert 'class="card' not in page.split("<main", 1)[1]                 # no "go to the shelter" steps
    listed = client.get("/en/notices/").get_data(as_text=True)
    assert listed.count("Withdrawn: Missile danger") == 1
    still = client.get(f"/en/notices/{update}").get_data(as_text=True)
    assert '<p class="notice__kind">Missile danger' in still               # what it withdrew reads as itself

"""Real CAP messages: final Updates end the event, relays keep or properly re-issue, CAP 1.0 imports."""

import re
from datetime import datetime, timezone
from pathlib import Path

from defusedxml.ElementTree import fromstring

from ingest_helpers import rows
from preparedness.notices.outputs import cap_relay
from preparedness.notices.outputs.cap_relay import cap_schema

DATA = Path(__file__).parent / "data" / "notices"
SCHEMA = cap_schema()
CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"
BELGOROD_AREA = ("<area><areaDesc>г. Белгород</areaDesc><polygon>50.55,36.52 50.55,36.65 50.64,36.65 "
                 "50.64,36.52 50.55,36.52</polygon></area>")
# Environment Canada's Update was sent 2012-05-02T23:21:04Z and names two earlier messages.
EC_SENT = datetime(2012, 5, 2, 23, 21, 4, tzinfo=timezone.utc)


def relocated(name, **replace):
    """A real CAP file with its <area> blocks moved to Belgorod and texts replaced as asked."""
    text = (DATA / "real" / name).read_text(encoding="utf-8")
    text = re.sub(r"<area>.*?</area>", BELGOROD_AREA, text, flags=re.S)
    for old, new in replace.items():
        text = text.replace(old.replace("_", "-") if old.startswith("x") else old, new)
    return text


def write(tmp_path, name, text):
    """A file in tmp_path; returns its path as a string."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def earlier_ec_alert(tmp_path):
    """The watch that Environment Canada's Update ends, as that office would have sent it."""
    return write(tmp_path, "ec-watch.cap", f"""<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>2.49.0.1.124.a3f342a4.2012</identifier><sender>cap@ec.gc.ca</sender>
  <sent>2012-05-02T21:45:05-00:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
  <info><language>en-CA</language><category>Met</category><event>thunderstorm</event>
    <urgency>Future</urgency><severity>Moderate</severity><certainty>Possible</certainty>
    <eventCode><valueName>preparedness:kind</valueName><value>other</value></eventCode>
    <expires>2012-05-03T03:00:00-00:00</expires><headline>severe thunderstorm watch</headline>
    {BELGOROD_AREA}</info>
</alert>""")


def cap_of(client, notice_id):
    """The /cap/<id>.xml bytes of a notice."""
    response = client.get(f"/cap/{notice_id}.xml")
    assert response.status_code == 200
    return response.get_data()


def approve(app, identifier, kind):
    """Publish a notice from the review queue as an operator would, with `kind`."""
    from preparedness.admin.publish import approve_imported
    from preparedness.db import connect
    db = connect(app.config["DATABASE"])
    notice = dict(db.execute("SELECT * FROM notices WHERE identifier = ?", (identifier,)).fetchone())
    notice["areas"] = [r[0] for r in db.execute("SELECT area FROM notice_areas WHERE notice_id = ?",
                                                (notice["id"],))]
    with app.test_request_context():
        approve_imported(db, notice, kind, bool(notice["region_wide"]), notice["areas"])
    db.close()
    return notice["id"]


def test_a_final_update_that_expires_when_sent_ends_the_event(app, runner, tmp_path):
    app.config["NOW"] = EC_SENT
    runner.invoke(args=["notices", "import", earlier_ec_alert(tmp_path), "--source", "ec"])
    assert rows(app, "SELECT ended_at FROM notices WHERE identifier = '2.49.0.1.124.a3f342a4.2012'")
    final = relocated("ec-canada-update.cap").replace(
        "<expires>2012-05-03T00:20:00-00:00</expires>", "<expires>2012-05-02T23:20:00-00:00</expires>")
    out = runner.invoke(args=["notices", "import", write(tmp_path, "final.cap", final), "--source", "ec"])
    assert "rejected 0" in out.output, out.output
    watch = rows(app, "SELECT ended_at FROM notices WHERE identifier = '2.49.0.1.124.a3f342a4.2012'")[0]
    assert watch["ended_at"] == "2012-05-02T23:21:04+00:00"


def test_an_uncorrected_relay_is_the_originators_message_byte_for_byte(app, client, runner, tmp_path):
    app.config["NOW"] = EC_SENT
    original = relocated("ec-canada-update.cap")
    runner.invoke(args=["notices", "import", write(tmp_path, "ec.cap", original), "--source", "ec"])
    stored = rows(app, "SELECT kind, publication FROM notices WHERE identifier = "
                       "'2.49.0.1.124.6bddbc91.2012'")[0]
    notice_id = (approve(app, "2.49.0.1.124.6bddbc91.2012", stored["kind"])
                 if stored["publication"] == "review" else
                 rows(app, "SELECT id FROM notices WHERE identifier = '2.49.0.1.124.6bddbc91.2012'")[0]["id"])
    body = cap_of(client, notice_id)
    assert body == original.encode("utf-8")
    SCHEMA.validate(fromstring(body))


def test_a_corrected_relay_is_reissued_under_our_sender_with_references_to_the_original(
        app, client, runner, tmp_path):
    app.config["NOW"] = EC_SENT
    original = relocated("ec-canada-update.cap")
    runner.invoke(args=["notices", "import", write(tmp_path, "ec.cap", original), "--source", "ec",
                        "--review"])
    notice_id = approve(app, "2.49.0.1.124.6bddbc91.2012", "shelter_update")
    body = cap_of(client, notice_id)
    SCHEMA.validate(fromstring(body))
    alert = fromstring(body)
    assert alert.findtext(f"{CAP}sender") == app.config["ADMIN_SENDER"]
    assert alert.findtext(f"{CAP}identifier") != "2.49.0.1.124.6bddbc91.2012"
    references = alert.findtext(f"{CAP}references").split()
    assert "cap@ec.gc.ca,2.49.0.1.124.6bddbc91.2012,2012-05-02T23:21:04-00:00" in references
    assert "corrected by an operator" in alert.findtext(f"{CAP}note")


def test_cap_11_is_relayed_as_our_own_cap_12_naming_the_original(app, client, runner, tmp_path):
    app.config["NOW"] = datetime(2010, 8, 30, 10, 30, tzinfo=timezone.utc)
    nws = relocated("nws-flash-flood-watch-cap11.cap")
    runner.invoke(args=["notices", "import", write(tmp_path, "nws.cap", nws), "--source", "nws"])
    identifier = "NOAA-NWS-ALERTS-MT20100830100700TFXFlashFloodWatchTFX20100830180000MT"
    stored = rows(app, "SELECT id, kind, publication FROM notices WHERE identifier = ?", (identifier,))[0]
    notice_id = approve(app, identifier, stored["kind"]) if stored["publication"] == "review" else stored["id"]
    alert = fromstring(cap_of(client, notice_id))
    SCHEMA.validate(alert)
    assert alert.findtext(f"{CAP}sender") == app.config["ADMIN_SENDER"]
    assert f"w-nws.webmaster@noaa.gov,{identifier}," in alert.findtext(f"{CAP}references")


def test_cap_10_imports(app, client, runner):
    app.config["NOW"] = datetime(2026, 3, 1, 7, 10, tzinfo=timezone.utc)
    out = runner.invoke(args=["notices", "import", str(DATA / "cap10_missile.xml"), "--source", "gochs"])
    assert "imported 1" in out.output and "rejected 0" in out.output, out.output
    notice = rows(app, "SELECT kind, certainty FROM notices WHERE identifier = 'belgorod-gochs-cap10-0001'")[0]
    assert (notice["kind"], notice["certainty"]) == ("missile", "Likely")
    areas = rows(app, "SELECT area FROM notice_areas JOIN notices ON notices.id = notice_id "
                      "WHERE identifier = 'belgorod-gochs-cap10-0001'")
    assert [a["area"] for a in areas] == ["belgorod"]


def test_the_shipped_schema_is_the_oasis_file():
    text = (Path(cap_relay.__file__).parent / "CAP-v1.2.xsd").read_text(encoding="utf-8")
    assert text.startswith('<?xml version = "1.0" encoding = "UTF-8"?>\n<!-- Copyright OASIS Open 2010')
    assert "xmlenc" not in text
    assert 'namespace = "http://www.w3.org/2000/09/xmldsig#"' in text

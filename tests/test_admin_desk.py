"""Issue 16, the desk: waiting drafts on top and live, on-duty publishing, all-clears and references shown
as such, previews in every language with the real time, defaults per kind, durations, the zone named."""

import json
import re
from datetime import datetime, timedelta, timezone

from test_admin_support import add_user, csrf_token, english_client, login, post_form, query

MISSILE = {"status": "Actual", "kind": "missile", "areas": ["shebekino"],
           "headline_en": "Missile danger in Shebekino", "instruction_en": "Go to the nearest shelter now."}


def compose(client, data):
    """Compose through the real form; returns the draft's preview URL."""
    response = post_form(client, "/admin/notices/new", data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def publish(client, draft_url, **fields):
    """Press the publish button on the preview page (its token and version)."""
    page = client.get(draft_url).get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page)
    data = {"csrf_token": csrf_token(page), "version": version.group(1) if version else "1", **fields}
    return client.post(draft_url + "/publish", data=data)


def logged_in(app, name, role, address):
    """A client logged in as a new account."""
    add_user(app, name, role)
    client = english_client(app, address=address)
    assert login(client, name).status_code == 302
    return client


def test_waiting_drafts_are_on_top_of_the_desk_with_their_age_and_in_a_no_store_json(app):
    editor = logged_in(app, "ed", "editor", "192.0.2.40")
    approver = logged_in(app, "ap", "approver", "192.0.2.41")
    start = datetime.now(timezone.utc).replace(microsecond=0)
    app.config["NOW"] = start
    compose(editor, MISSILE)
    app.config["NOW"] = start + timedelta(minutes=12)
    desk = approver.get("/admin/").get_data(as_text=True)
    main = desk.split('<main id="main"', 1)[1]
    assert main.index("Drafts waiting") < main.index("Live on the site now")
    assert "waiting 12 minutes" in desk and "Missile danger in Shebekino" in desk
    assert 'data-desk-poll="/admin/desk.json"' in desk and "admin-desk.js" in desk
    assert '<a href="/admin/">Refresh</a>' in desk                       # without scripts
    answer = approver.get("/admin/desk.json")
    assert answer.headers["Cache-Control"] == "no-store"
    data = answer.get_json()
    assert data["count"] == 1 and data["drafts"][0]["age"] == "waiting 12 minutes"
    assert data["drafts"][0]["mode"] == "real" and data["drafts"][0]["href"].startswith("/admin/notices/drafts/")
    assert english_client(app, "192.0.2.99").get("/admin/desk.json").status_code == 302   # not for strangers


def test_the_desk_lists_everything_live_with_its_source(app, add_notice):
    add_notice("imported-drone", kind="drone", areas=("rovenki",), texts={
        "ru": {"event": "drone", "headline": "Угроза БПЛА в Ровеньках", "description": "", "instruction": ""}},
        source="governor-channel", lang="ru")
    desk = logged_in(app, "ap", "approver", "192.0.2.42").get("/admin/").get_data(as_text=True)
    live = desk.split("Live on the site now", 1)[1].split("Published from here", 1)[0]
    assert "Угроза БПЛА в Ровеньках" in live and "source: governor-channel" in live


def test_by_default_an_approver_cannot_publish_their_own_real_alert(app):
    approver = logged_in(app, "ap", "approver", "192.0.2.43")
    draft_url = compose(approver, MISSILE)
    page = approver.get(draft_url).get_data(as_text=True)
    assert "A real alert needs a second person" in page and 'name="confirm_place"' not in page
    assert publish(approver, draft_url, confirm_place="Shebekino district").status_code == 303
    assert not query(app, "SELECT 1 FROM notices WHERE source = 'admin'")


def test_on_duty_one_approver_publishes_a_real_all_clear_after_typing_the_areas_name(app):
    app.config["ON_DUTY_SINGLE_APPROVER"] = True
    approver = logged_in(app, "ap", "approver", "192.0.2.44")
    draft_url = compose(approver, {**MISSILE, "kind": "all_clear", "headline_en": "All clear in Shebekino",
                                   "instruction_en": "You may leave the shelter."})
    page = approver.get(draft_url).get_data(as_text=True)
    assert "mode--clear" in page and "ALL CLEAR" in page and "REAL ALERT" not in page
    assert "Residents will be told to act on this." not in page
    assert "type the name of the place it goes to: <strong data-confirm-name>Shebekino district</strong>" in page
    assert re.findall(r'class="publish publish--(\w+)">([^<]+)<', page) == [
        ("clear", "Publish the all-clear for Shebekino district")]
    wrong = publish(approver, draft_url, confirm_place="Belgorod")
    assert wrong.status_code == 400 and "Type the name exactly as shown" in wrong.get_data(as_text=True)
    assert not query(app, "SELECT 1 FROM notices WHERE source = 'admin'")
    assert publish(approver, draft_url, confirm_place="  shebekino   DISTRICT ").status_code == 303
    assert query(app, "SELECT kind, status FROM notices WHERE source = 'admin'")[0][:] == ("all_clear", "Actual")
    assert query(app, "SELECT on_duty, approved_by FROM notice_drafts")[0][:] == (1, None)
    audit = json.loads(query(app, "SELECT after FROM audit_log WHERE action = 'notice.publish'")[0][0])
    assert audit["on_duty"] is True


def test_on_duty_the_name_may_be_typed_in_russian_but_an_evacuation_still_needs_two(app):
    app.config["ON_DUTY_SINGLE_APPROVER"] = True
    approver = logged_in(app, "ap", "approver", "192.0.2.45")
    missile = compose(approver, MISSILE)
    assert publish(approver, missile, confirm_place="Шебекино").status_code == 303
    assert query(app, "SELECT count(*) FROM notices WHERE source = 'admin'")[0][0] == 1
    evacuation = compose(approver, {**MISSILE, "kind": "evacuation", "headline_en": "Leave Shebekino"})
    page = approver.get(evacuation).get_data(as_text=True)
    assert "An evacuation always needs a second person" in page and 'name="confirm_place"' not in page
    assert publish(approver, evacuation, confirm_place="Шебекино").status_code == 303
    assert query(app, "SELECT count(*) FROM notices WHERE source = 'admin'")[0][0] == 1


def test_an_all_clear_draft_names_the_notice_it_ends_not_a_raw_reference(app):
    editor = logged_in(app, "ed", "editor", "192.0.2.46")
    approver = logged_in(app, "ap", "approver", "192.0.2.47")
    notice_url = publish(approver, compose(editor, MISSILE)).headers["Location"]
    notice_id = int(notice_url.rsplit("/", 1)[1])
    page = editor.get(notice_url).get_data(as_text=True)
    follow = editor.post(f"/admin/notices/{notice_id}/follow-up/all_clear", data={"csrf_token": csrf_token(page)})
    draft = editor.get(follow.headers["Location"]).get_data(as_text=True)
    assert "preparedness-admin," not in draft and "belgorod-admin-" not in draft
    ends = draft.split("Ends or replaces", 1)[1].split("</dd>", 1)[0]
    assert f'href="/admin/notices/{notice_id}"' in ends and "Missile danger in Shebekino" in ends
    assert "mode--clear" in draft and "REAL ALERT" not in draft


def test_the_preview_shows_every_language_rtl_for_arabic_and_the_clock_time(app):
    editor = logged_in(app, "ed", "editor", "192.0.2.48")
    page = editor.get(compose(editor, {**MISSILE, "status": "Exercise"})).get_data(as_text=True)
    languages = re.findall(r'<div class="preview" lang="(\w+)" dir="(\w+)">', page)
    assert sorted(lang for lang, _ in languages) == sorted(app.config["LANGUAGES"])
    assert dict(languages)["ar"] == "rtl" and dict(languages)["ru"] == "ltr"
    assert not re.search(r"\bin \d+ seconds?\b", page) and "data-age" not in page
    assert re.search(r"Issued \d\d:\d\d", page)
    assert "Europe/Moscow, MSK" in page


def test_severity_urgency_and_certainty_default_per_kind(app):
    editor = logged_in(app, "ed", "editor", "192.0.2.49")
    compose(editor, MISSILE)
    compose(editor, {**MISSILE, "kind": "water_outage", "headline_en": "No water"})
    compose(editor, {**MISSILE, "kind": "drone", "severity": "Severe", "headline_en": "Drones"})
    records = [json.loads(r[0]) for r in query(app, "SELECT record FROM notice_drafts ORDER BY id")]
    assert [(r["severity"], r["urgency"], r["certainty"]) for r in records] == [
        ("Extreme", "Immediate", "Observed"), ("Moderate", "Expected", "Observed"),
        ("Severe", "Immediate", "Observed")]
    form = editor.get("/admin/notices/new").get_data(as_text=True)
    assert '<option selected value="">Usual for the kind</option>' in form


def test_durations_are_hours_and_minutes_and_the_end_time_names_its_zone(app):
    editor = logged_in(app, "ed", "editor", "192.0.2.50")
    form = editor.get("/admin/notices/new").get_data(as_text=True)
    assert "In force until (Europe/Moscow, MSK)" in form
    assert "Hours" in form and "Minutes" in form and "10080 minutes" not in form and "7 days" in form
    draft_url = compose(editor, {**MISSILE, "status": "Exercise", "duration_hours": "2", "duration_minutes": "30"})
    start = datetime.now(timezone.utc).replace(microsecond=0)
    app.config["NOW"] = start
    publish(editor, draft_url)
    expires = query(app, "SELECT expires FROM notices WHERE source = 'admin'")[0][0]
    assert datetime.fromisoformat(expires) == start + timedelta(hours=2, minutes=30)
    both = post_form(editor, "/admin/notices/new", {**MISSILE, "duration_hours": "1",
                                                    "expires": "2099-01-01T10:00"})
    assert both.status_code == 400
    assert "Give either how long it is in force or when it ends, not both." in both.get_data(as_text=True)

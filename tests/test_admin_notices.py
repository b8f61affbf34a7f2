"""Composing, previewing, approving and publishing notices from /admin; follow-ups; drills marked everywhere."""

import re

import pytest
from defusedxml import ElementTree as DefusedET
from test_admin_support import add_user, csrf_token, english_client, login, post_form, query

ATOM = "{http://www.w3.org/2005/Atom}"
MISSILE = {"status": "Actual", "kind": "missile", "severity": "Extreme", "urgency": "Immediate",
           "areas": ["shebekino"], "headline_en": "Missile danger in Shebekino",
           "instruction_en": "Go to the nearest shelter now.",
           "headline_ru": "Ракетная опасность в Шебекино"}


@pytest.fixture
def desk(app):
    """An editor and an approver, each logged in on their own client."""
    add_user(app, "ed", "editor")
    add_user(app, "ap", "approver")
    editor, approver = english_client(app), english_client(app, address="192.0.2.20")
    assert login(editor, "ed").status_code == 302
    assert login(approver, "ap").status_code == 302
    return editor, approver


def compose(client, data):
    """Compose through the real form; returns the draft's preview URL."""
    response = post_form(client, "/admin/notices/new", data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def publish_buttons(html):
    """The text of the publish buttons on a page."""
    return re.findall(r'class="publish publish--\w+">([^<]+)<', html)


def publish(client, draft_url, **fields):
    """Press the publish button on the preview page (sending the version shown); returns the response."""
    page = client.get(draft_url).get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page)
    data = {"csrf_token": csrf_token(page), **({"version": version.group(1)} if version else {}), **fields}
    return client.post(draft_url + "/publish", data=data)


def test_real_alert_needs_a_second_person_then_reaches_residents(app, desk):
    editor, approver = desk
    published = []
    app.extensions["on_publish"].append(published.append)
    draft_url = compose(editor, MISSILE)
    preview = editor.get(draft_url).get_data(as_text=True)
    assert "REAL ALERT" in preview and "mode--real" in preview
    assert 'class="notice notice--missile"' in preview            # the public card, as residents see it
    assert "Missile danger in Shebekino" in preview and "Ракетная опасность в Шебекино" in preview
    assert publish_buttons(preview) == []
    assert "Only an operator with the approver role can publish a real alert." in preview
    assert publish(editor, draft_url).status_code == 303
    assert not query(app, "SELECT 1 FROM notices WHERE source = 'admin'")
    buttons = publish_buttons(approver.get(draft_url).get_data(as_text=True))
    assert buttons == ["Approve and publish REAL alert to Shebekino district"]
    response = publish(approver, draft_url)
    assert response.status_code == 303
    notice_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert published == [[notice_id]]
    assert "Missile danger in Shebekino" in editor.get("/en/?area=shebekino").get_data(as_text=True)
    assert "Ракетная опасность в Шебекино" in editor.get("/ru/").get_data(as_text=True)
    api = editor.get("/api/notices.json?active=1").get_json()
    mine = [n for n in api["notices"] if n["id"] == notice_id][0]
    assert mine["status"] == "Actual" and mine["kind"] == "missile" and mine["areas"] == ["shebekino"]
    assert mine["texts"]["en"]["instruction"] == "Go to the nearest shelter now." and mine["active"]
    row = query(app, "SELECT d.state, u.username FROM notice_drafts d JOIN users u ON u.id = d.approved_by")[0]
    assert tuple(row) == ("published", "ap")
    actions = [r[0] for r in query(app, "SELECT action FROM audit_log ORDER BY id")]
    assert actions == ["login", "login", "draft.create", "notice.publish"]


def test_an_approver_cannot_approve_their_own_real_alert(app, desk):
    _, approver = desk
    draft_url = compose(approver, MISSILE)
    html = approver.get(draft_url).get_data(as_text=True)
    assert publish_buttons(html) == [] and "needs a second person" in html
    assert publish(approver, draft_url).status_code == 303
    assert not query(app, "SELECT 1 FROM notices WHERE source = 'admin'")


def test_configured_kinds_may_be_published_by_one_person(app, desk):
    app.config["ADMIN_ONE_PERSON_KINDS"] = ("water_outage",)
    editor, _ = desk
    draft_url = compose(editor, {**MISSILE, "kind": "water_outage", "headline_en": "No water until 18:00"})
    assert publish_buttons(editor.get(draft_url).get_data(as_text=True)) == [
        "Publish REAL alert to Shebekino district"]
    assert publish(editor, draft_url).status_code == 303


def test_exercise_is_published_by_one_person_with_a_button_that_says_exercise(app, desk):
    editor, _ = desk
    draft_url = compose(editor, {**MISSILE, "status": "Exercise", "areas": [], "whole_region": "y"})
    html = editor.get(draft_url).get_data(as_text=True)
    assert "mode--drill" in html and "mode--real" not in html
    assert publish_buttons(html) == ["Publish EXERCISE to the whole region (Belgorod oblast)"]
    assert publish(editor, draft_url).status_code == 303
    assert "Exercise — not a real alert" in editor.get("/en/").get_data(as_text=True)


def test_a_test_notice_shows_a_distinct_banner_on_every_public_page_where_it_appears(app, desk):
    editor, _ = desk
    draft_url = compose(editor, {**MISSILE, "status": "Test"})
    notice_id = int(publish(editor, draft_url).headers["Location"].rsplit("/", 1)[1])
    banner = 'class="drill-banner drill-banner--test"'
    for url in ("/en/", "/en/?area=shebekino", "/en/notices/", f"/en/notices/{notice_id}", "/ru/", "/uk/"):
        html = editor.get(url).get_data(as_text=True)
        assert html.count(banner) == 1, url
    assert "Test — not a real alert" in editor.get("/en/").get_data(as_text=True)
    assert banner not in editor.get("/en/?area=rovenki").get_data(as_text=True)   # not shown there
    assert banner not in editor.get("/en/checklists/").get_data(as_text=True)
    api = editor.get("/api/notices.json").get_json()
    assert [n["status"] for n in api["notices"] if n["id"] == notice_id] == ["Test"]
    feed = DefusedET.fromstring(editor.get("/feeds/en/notices.atom").get_data())
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")
              if e.findtext(f"{ATOM}id").endswith(f"/en/notices/{notice_id}")]
    assert len(titles) == 1 and titles[0].endswith("Test — not a real alert")
    assert "<status>Test</status>" in editor.get(f"/cap/{notice_id}.xml").get_data(as_text=True)


@pytest.mark.parametrize("change, message", [
    ({"headline_en": "", "headline_ru": "", "instruction_en": ""}, "Write the headline in at least one language."),
    ({"headline_en": "<script>alert(1)</script>"}, "Remove the HTML tags: write plain text only."),
    ({"headline_en": "x" * 301}, "Field cannot be longer than 300 characters."),
    ({"expires": "2001-01-01T10:00"}, "This time is in the past."),
    ({"areas": []}, "Choose at least one area or the whole region."),
    ({"areas": ["atlantis"]}, "not a valid choice"),
    ({"status": ""}, "This field is required."),
])
def test_bad_input_re_renders_the_form_with_a_message_and_saves_nothing(app, desk, change, message):
    editor, _ = desk
    response = post_form(editor, "/admin/notices/new", {**MISSILE, **change})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert 'value="Missile danger in Shebekino"' in html or "headline_en" in change
    assert not query(app, "SELECT 1 FROM notice_drafts")
    assert [r[0] for r in query(app, "SELECT action FROM audit_log")] == ["login", "login"]


def published_missile(editor, approver):
    """A real missile alert for Shebekino, published by two people; returns its id."""
    draft_url = compose(editor, MISSILE)
    return int(publish(approver, draft_url).headers["Location"].rsplit("/", 1)[1])


def follow_up(client, notice_id, what):
    """Press a one-click follow-up button on the admin notice page; returns the new draft's URL."""
    page = f"/admin/notices/{notice_id}"
    response = post_form(client, f"{page}/follow-up/{what}", {}, page=page)
    assert response.status_code == 303
    return response.headers["Location"]


def test_cancel_keeps_the_references_chain_and_ends_the_original(app, desk):
    editor, approver = desk
    original = published_missile(editor, approver)
    row = query(app, "SELECT sender, identifier, sent FROM notices WHERE id = ?", (original,))[0]
    draft_url = follow_up(editor, original, "cancel")
    html = approver.get(draft_url).get_data(as_text=True)
    assert "Cancelled: Missile danger in Shebekino" in html
    cancel_id = int(publish(approver, draft_url).headers["Location"].rsplit("/", 1)[1])
    cancel = query(app, "SELECT msg_type, refs, status FROM notices WHERE id = ?", (cancel_id,))[0]
    assert tuple(cancel) == ("Cancel", f"{row['sender']},{row['identifier']},{row['sent']}", "Actual")
    api = editor.get("/api/notices.json").get_json()["notices"]
    assert not [n for n in api if n["id"] == original][0]["active"]
    assert "Missile danger in Shebekino" not in editor.get("/en/?area=shebekino").get_data(as_text=True)


def test_update_then_all_clear_extend_the_chain(app, desk):
    editor, approver = desk
    original = published_missile(editor, approver)
    edit_url = follow_up(editor, original, "update")
    assert edit_url.endswith("/edit")
    form = editor.get(edit_url).get_data(as_text=True)
    assert 'value="Missile danger in Shebekino"' in form
    response = editor.post(edit_url, data={**MISSILE, "headline_en": "Missile danger continues",
                                           "csrf_token": csrf_token(form)})
    assert response.status_code == 302
    update_id = int(publish(approver, response.headers["Location"]).headers["Location"].rsplit("/", 1)[1])
    clear_url = follow_up(editor, update_id, "all_clear")
    clear_page = approver.get(clear_url).get_data(as_text=True)
    assert publish_buttons(clear_page) == ["Approve and publish the all-clear for Shebekino district"]
    assert "mode--clear" in clear_page and "mode--real" not in clear_page
    clear_id = int(publish(approver, clear_url).headers["Location"].rsplit("/", 1)[1])
    notices = {n["id"]: n for n in editor.get("/api/notices.json").get_json()["notices"]}
    assert notices[clear_id]["kind"] == "all_clear" and notices[clear_id]["areas"] == ["shebekino"]
    assert len(notices[clear_id]["references"].split()) == 2        # the original and the update
    assert not notices[original]["active"] and not notices[update_id]["active"]
    assert "All clear" in editor.get("/en/?area=shebekino").get_data(as_text=True)


def test_a_draft_is_published_only_once(app, desk):
    editor, approver = desk
    draft_url = compose(editor, MISSILE)
    token = csrf_token(approver.get(draft_url).get_data(as_text=True))
    for _twice in range(2):
        response = approver.post(draft_url + "/publish", data={"csrf_token": token, "version": "1"})
        assert response.status_code == 303
    assert query(app, "SELECT count(*) FROM notices WHERE source = 'admin'")[0][0] == 1

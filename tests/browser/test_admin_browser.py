"""The operator's desk in Chromium against a real `flask run`: compose, preview, publish, residents see it."""

import json
import urllib.request

import pytest

from tests.browser.conftest import start_server

pytestmark = pytest.mark.browser

PASSWORD = "a long operator password 42"


@pytest.fixture(scope="module")
def desk_server(tmp_path_factory):
    """Base URL of `flask run` on its own database, with an editor and an approver made by the CLI."""
    accounts = [(["users", "create", name, "--role", role], PASSWORD + "\n")
                for name, role in (("ed", "editor"), ("ap", "approver"))]
    running = start_server(tmp_path_factory.mktemp("desk"), commands=accounts)
    yield running.url
    running.stop()


@pytest.fixture
def operator(browser):
    """A function giving a fresh Russian-language browser profile logged in as an operator."""
    contexts = []

    def log_in(base, username):
        context = browser.new_context(viewport={"width": 1000, "height": 900}, locale="ru-RU")
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{base}/admin/notices/new")
        assert page.url.startswith(f"{base}/admin/login")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("form.admin-form button[type=submit]")
        assert page.url == f"{base}/admin/notices/new"       # back where the operator wanted to go
        cookie = [c for c in context.cookies() if c["name"] == "__Host-session"][0]
        assert cookie["secure"] and cookie["httpOnly"] and cookie["sameSite"] == "Lax"
        return page

    yield log_in
    for context in contexts:
        context.close()


def api_notices(base):
    """The public JSON list of notices."""
    with urllib.request.urlopen(f"{base}/api/notices.json") as response:
        return json.load(response)["notices"]


def test_an_editor_composes_previews_and_publishes_an_exercise_residents_see_it_marked(desk_server, operator,
                                                                                      browser):
    page = operator(desk_server, "ed")
    page.check("input[name=status][value=Exercise]")
    page.select_option("select[name=kind]", "drone")
    page.check("input[name=whole_region]")
    page.fill("input[name=headline_ru]", "Учебная тревога: атака БПЛА")
    page.fill("textarea[name=instruction_ru]", "Пройдите в укрытие, это учения.")
    page.click("form.compose button[type=submit]")
    assert "/admin/notices/drafts/" in page.url
    # The preview: unmistakably a drill, the public card and banner exactly as residents get them.
    assert page.locator(".mode--drill").is_visible() and page.locator(".mode--real").count() == 0
    preview = page.locator(".preview").first
    assert preview.locator(".drill-banner--exercise").is_visible()
    assert "Учебная тревога: атака БПЛА" in preview.inner_text()
    assert page.locator("button.publish--real").count() == 0
    page.click("button.publish--drill")
    assert "/admin/notices/" in page.url and "/drafts/" not in page.url
    resident = browser.new_context(locale="ru-RU").new_page()
    response = resident.goto(f"{desk_server}/ru/")
    assert "set-cookie" not in response.all_headers() and "csrf_token" not in resident.content()
    banner = resident.locator(".drill-banner--exercise")
    assert banner.count() == 1 and banner.is_visible()
    card = resident.locator("article.notice--drill", has_text="Учебная тревога: атака БПЛА")
    assert card.count() == 1 and card.is_visible()
    resident.context.close()
    mine = [n for n in api_notices(desk_server) if n["texts"].get("ru", {}).get("headline")
            == "Учебная тревога: атака БПЛА"]
    assert [(n["status"], n["active"]) for n in mine] == [("Exercise", True)]


def test_a_real_alert_waits_for_the_approver_then_reaches_residents(desk_server, operator):
    editor = operator(desk_server, "ed")
    editor.check("input[name=status][value=Actual]")
    editor.select_option("select[name=kind]", "missile")
    editor.check("input[name=areas][value=shebekino]")
    editor.fill("input[name=headline_ru]", "Ракетная опасность в Шебекино")
    editor.click("form.compose button[type=submit]")
    draft_url = editor.url
    assert editor.locator(".mode--real").is_visible()
    assert editor.locator("button.publish").count() == 0        # an editor cannot send a real alert
    approver = operator(desk_server, "ap")
    approver.goto(draft_url)
    button = approver.locator("button.publish--real")
    assert button.count() == 1 and "Шебекин" in button.inner_text()
    button.click()
    approver.goto(f"{desk_server}/ru/?area=shebekino")
    card = approver.locator("article.notice--missile", has_text="Ракетная опасность в Шебекино")
    assert card.count() == 1 and card.is_visible()
    assert "notice--drill" not in card.get_attribute("class")
    mine = [n for n in api_notices(desk_server) if n["kind"] == "missile" and n["areas"] == ["shebekino"]
            and n["texts"].get("ru", {}).get("headline") == "Ракетная опасность в Шебекино"]
    assert [(n["status"], n["active"]) for n in mine] == [("Actual", True)]

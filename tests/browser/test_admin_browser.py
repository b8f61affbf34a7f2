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
    # The drill's own card is labelled as one (never a banner over the page's real alerts).
    banner = resident.locator("article.notice--drill .drill-banner--exercise")
    assert banner.count() >= 1 and banner.first.is_visible()
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


@pytest.fixture(scope="module")
def on_duty_server(tmp_path_factory):
    """`flask run` in on-duty mode (one approver may publish alone), with one approver."""
    accounts = [(["users", "create", "night", "--role", "approver"], PASSWORD + "\n"),
                (["users", "create", "ed", "--role", "editor"], PASSWORD + "\n")]
    running = start_server(tmp_path_factory.mktemp("duty"), commands=accounts, ON_DUTY_SINGLE_APPROVER="true")
    yield running.url
    running.stop()


def test_a_new_draft_appears_on_the_approvers_desk_within_30_seconds_without_a_reload(desk_server, operator):
    approver = operator(desk_server, "ap")
    approver.goto(f"{desk_server}/admin/")
    approver.evaluate("window.deskNeverReloaded = true")
    assert approver.locator("[data-desk-live]").is_visible()          # the script runs
    editor = operator(desk_server, "ed")
    editor.check("input[name=status][value=Actual]")
    editor.select_option("select[name=kind]", "drone")
    editor.check("input[name=areas][value=valuyki]")
    editor.fill("input[name=headline_ru]", "Атака БПЛА на Валуйки")
    editor.click("form.compose button[type=submit]")
    waiting = approver.locator("[data-desk-drafts] li", has_text="Атака БПЛА на Валуйки")
    waiting.wait_for(timeout=30_000)
    assert approver.evaluate("window.deskNeverReloaded") is True      # the same page, not a reload
    assert waiting.locator("strong").inner_text()                      # its age
    assert approver.title().startswith("(")                           # the tab shows the count


def test_on_duty_one_approver_publishes_a_real_all_clear_after_typing_the_areas_name(on_duty_server, operator):
    night = operator(on_duty_server, "night")
    night.check("input[name=status][value=Actual]")
    night.select_option("select[name=kind]", "all_clear")
    night.check("input[name=areas][value=graivoron]")
    night.fill("input[name=headline_ru]", "Отбой опасности в Грайвороне")
    night.click("form.compose button[type=submit]")
    assert night.locator(".mode--clear").is_visible() and night.locator(".mode--real").count() == 0
    name = night.locator("[data-confirm-name]").inner_text()
    assert "Грайворон" in name
    night.fill("input[name=confirm_place]", "Белгород")                 # the wrong place: refused
    night.click("button.publish--clear")
    assert night.locator("#confirm_place-errors").is_visible()
    night.fill("input[name=confirm_place]", name)
    night.click("button.publish--clear")
    assert "/admin/notices/" in night.url and "/drafts/" not in night.url
    mine = [n for n in api_notices(on_duty_server) if n["kind"] == "all_clear" and n["areas"] == ["graivoron"]]
    assert [(n["status"], n["active"]) for n in mine] == [("Actual", True)]


@pytest.mark.parametrize("locale", ["ru-RU", "uk-UA", "ky-KG", "ar"])
def test_the_admin_pages_fit_a_360_px_phone(desk_server, browser, locale):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale=locale)
    page = context.new_page()
    page.goto(f"{desk_server}/admin/login")
    page.fill("input[name=username]", "ap")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.admin-form button[type=submit]")
    for path in ("/admin/", "/admin/notices/new", "/admin/account/totp", "/admin/shelters/import"):
        page.goto(f"{desk_server}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (locale, path, overflow)
        nav = page.locator("nav.sections")
        assert nav.evaluate("n => n.scrollWidth <= n.clientWidth"), (locale, path)
    context.close()

"""Web Push and live updates in Chromium: a push delivered through DevTools shows the right
notification, the "Alert me" button subscribes through the API, an open Now page updates itself."""

import json
import time
from datetime import datetime, timezone

import pytest

from preparedness import create_app
from preparedness.db import connect
from preparedness.push.payload import message
from tests.browser.conftest import run_flask, server_env, start_server
from tests.channel_pages import channel_page
from tools.push_endpoint import subscription

pytestmark = pytest.mark.browser

CONTROLLED = "() => navigator.serviceWorker.controller !== null"
NOTIFICATIONS = """async () => {
  const registration = await navigator.serviceWorker.ready;
  for (let i = 0; i < 50; i++) {
    const shown = await registration.getNotifications();
    if (shown.length) return shown.map((n) => ({title: n.title, body: n.body, tag: n.tag, url: n.data.url}));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return [];
}"""
# A push service is out of reach in a test: the browser's subscribe() answers as a real one would.
# Its state lives in localStorage, so it lasts across pages: whether this browser is subscribed, the
# endpoint the service gives it now ("fake-endpoint": the service renewed it), and whether a page
# unsubscribed it.
FAKE_PUSH_SERVICE = """(() => {
  const sub = %s;
  const now = () => {
    const endpoint = localStorage.getItem("fake-endpoint") || sub.endpoint;
    return {endpoint: endpoint, toJSON: () => ({...sub, endpoint: endpoint}),
            unsubscribe: async () => { localStorage.setItem("fake-unsubscribed", "1"); return true; }};
  };
  PushManager.prototype.subscribe = async function (options) {
    if (!(options.applicationServerKey instanceof Uint8Array) || options.applicationServerKey.length !== 65) {
      throw new Error("bad applicationServerKey");
    }
    localStorage.setItem("fake-subscribed", "1");
    return now();
  };
  PushManager.prototype.getSubscription = async function () {
    return localStorage.getItem("fake-subscribed") ? now() : null;
  };
})();"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server with a VAPID key, no notices, and open pages that check every second."""
    folder = tmp_path_factory.mktemp("push")
    running = start_server(folder, sample_data=False, commands=((["push", "keys"], None),),
                           LIVE_STATUS_INTERVAL="1")
    running.folder = folder
    yield running
    running.stop()


def notice_payload(folder, kind="missile", area="shebekino", lang="ru"):
    """The payload the sender writes for a notice, from the real message builder."""
    app = create_app({"TESTING": True, "SECRET_KEY": "x" * 20, "DATABASE": str(folder / "live.sqlite3")})
    with app.app_context():
        notice = {"id": 41, "kind": kind}
        return json.loads(message(notice, area, lang, app.extensions["region"])), app


def test_a_delivered_push_shows_kind_area_step_one_and_tag(server, browser):
    context = browser.new_context(locale="ru-RU")
    context.grant_permissions(["notifications"], origin=server.url)
    page = context.new_page()
    page.goto(f"{server.url}/ru/?area=shebekino")
    page.wait_for_function(CONTROLLED)
    cdp = context.new_cdp_session(page)
    registrations = []
    cdp.on("ServiceWorker.workerRegistrationUpdated", lambda e: registrations.extend(e["registrations"]))
    cdp.send("ServiceWorker.enable")
    deadline = time.monotonic() + 10
    while not registrations and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    payload, app = notice_payload(server.folder)
    cdp.send("ServiceWorker.deliverPushMessage", {"origin": server.url + "/",
             "registrationId": registrations[0]["registrationId"], "data": json.dumps(payload)})
    [shown] = page.evaluate(NOTIFICATIONS)
    area = app.extensions["region"].area("shebekino")
    assert shown["title"] == f"Ракетная опасность: {area.name('ru')}"
    assert shown["body"] == payload["body"] and shown["body"].startswith("«")
    assert shown["tag"] == "area-shebekino"
    assert shown["url"] == "/ru/notices/41"
    clear, _ = notice_payload(server.folder, kind="all_clear")
    cdp.send("ServiceWorker.deliverPushMessage", {"origin": server.url + "/",
             "registrationId": registrations[0]["registrationId"], "data": json.dumps(clear)})
    page.wait_for_timeout(300)
    shown = page.evaluate(NOTIFICATIONS)
    assert [n["tag"] for n in shown] == ["area-shebekino"]           # the all-clear replaced the threat
    assert shown[0]["title"].startswith("Отбой")
    context.close()


def test_alert_me_subscribes_and_stops_through_the_api(server, browser):
    context = browser.new_context(locale="ru-RU")
    context.grant_permissions(["notifications"], origin=server.url)
    sub = subscription(9, "https://fcm.googleapis.com")
    context.add_init_script(FAKE_PUSH_SERVICE % json.dumps(sub))
    page = context.new_page()
    page.goto(f"{server.url}/ru/?area=shebekino")
    page.wait_for_function(CONTROLLED)
    button = page.locator("[data-push-toggle]")
    assert button.is_visible()
    assert "iPhone" in page.locator(".push__note").inner_text()
    button.click()
    page.wait_for_function("() => document.querySelector('[data-push-toggle]').getAttribute('aria-pressed') === 'true'")
    db = connect(str(server.folder / "live.sqlite3"))
    row = db.execute("SELECT s.lang, group_concat(a.area) FROM push_subscriptions s JOIN "
                     "push_subscription_areas a ON a.subscription_id = s.id WHERE endpoint = ?",
                     (sub["endpoint"],)).fetchone()
    assert tuple(row) == ("ru", "shebekino")
    page.goto(f"{server.url}/ru/?area=belgorod")                      # a second area, same phone
    page.locator("[data-push-toggle]").click()
    page.wait_for_function("() => document.querySelector('[data-push-toggle]').getAttribute('aria-pressed') === 'true'")
    areas = db.execute("SELECT group_concat(area) FROM push_subscription_areas").fetchone()[0]
    assert sorted(areas.split(",")) == ["belgorod", "shebekino"]
    page.locator("[data-push-toggle]").click()                         # stop Belgorod, keep Shebekino
    page.wait_for_function("() => document.querySelector('[data-push-toggle]').getAttribute('aria-pressed') === 'false'")
    assert db.execute("SELECT group_concat(area) FROM push_subscription_areas").fetchone()[0] == "shebekino"
    db.close()
    context.close()


def test_an_open_now_page_shows_a_new_alert_without_a_reload(server, browser, tmp_path):
    page = browser.new_context(locale="ru-RU").new_page()
    page.goto(f"{server.url}/ru/?area=shebekino")
    page.evaluate("() => { window.notReloaded = true; }")
    assert page.locator(".notices").count() == 0
    assert "Ракетная опасность!" not in page.locator("main").inner_text()
    now = datetime.now(timezone.utc).replace(microsecond=0)
    post = tmp_path / "governor.html"
    post.write_bytes(channel_page("belgorod_gov", [(5, "Ракетная опасность! Шебекино. Пройдите в укрытие.",
                                                    now, False)]))
    done = run_flask(["notices", "import", str(post), "--format", "telegram-channel", "--source", "governor"],
                     server_env(server.folder))
    assert done.returncode == 0 and "imported 1" in done.stdout, done.stdout + done.stderr
    published = time.monotonic()
    page.wait_for_function("() => document.querySelector('main').innerText.includes('Ракетная опасность!')",
                           timeout=35000)
    assert time.monotonic() - published < 35
    assert page.evaluate("() => window.notReloaded") is True
    assert page.locator("[data-push-toggle]").count() == 1
    page.context.close()


DESK_BUTTON = "[data-desk-push] [data-push-toggle]"


@pytest.fixture(scope="module")
def desk_push_server(tmp_path_factory):
    """A server with a VAPID key and an approver account."""
    folder = tmp_path_factory.mktemp("desk-push")
    running = start_server(folder, sample_data=False, commands=(
        (["push", "keys"], None), (["users", "create", "ap", "--role", "approver"], "a long operator password 42\n")))
    running.folder = folder
    yield running
    running.stop()


def test_an_approver_turns_desk_alerts_on_and_off_without_ending_the_residents_alerts(desk_push_server, browser):
    base = desk_push_server.url
    context = browser.new_context(locale="ru-RU")
    context.grant_permissions(["notifications"], origin=base)
    sub = subscription(11, "https://fcm.googleapis.com")
    context.add_init_script(FAKE_PUSH_SERVICE % json.dumps(sub))
    page = context.new_page()
    page.goto(f"{base}/ru/?area=shebekino")                             # a resident's alerts first
    page.wait_for_function(CONTROLLED)
    page.locator("[data-push-toggle]").click()
    page.wait_for_function("() => document.querySelector('[data-push-toggle]').getAttribute('aria-pressed') === 'true'")
    page.goto(f"{base}/admin/login")
    page.fill("input[name=username]", "ap")
    page.fill("input[name=password]", "a long operator password 42")
    page.click("form.admin-form button[type=submit]")
    page.goto(f"{base}/admin/")
    button = page.locator(DESK_BUTTON)
    assert button.is_visible() and button.get_attribute("aria-pressed") == "false"
    button.click()
    page.wait_for_function(f"() => document.querySelector({DESK_BUTTON!r}).getAttribute('aria-pressed') === 'true'")
    db = connect(str(desk_push_server.folder / "live.sqlite3"))
    row = db.execute("SELECT u.username, s.lang FROM operator_push_subscriptions s JOIN users u ON "
                     "u.id = s.user_id WHERE s.endpoint = ?", (sub["endpoint"],)).fetchone()
    assert tuple(row) == ("ap", "ru")
    page.reload()
    assert page.locator(DESK_BUTTON).get_attribute("aria-pressed") == "true"        # remembered here
    page.locator(DESK_BUTTON).click()
    page.wait_for_function(f"() => document.querySelector({DESK_BUTTON!r}).getAttribute('aria-pressed') === 'false'")
    assert db.execute("SELECT count(*) FROM operator_push_subscriptions").fetchone()[0] == 0
    # The resident's alerts for Shebekino use the same browser subscription: it stays.
    assert page.evaluate("() => localStorage.getItem('fake-unsubscribed')") is None
    assert db.execute("SELECT count(*) FROM push_subscriptions WHERE endpoint = ?", (sub["endpoint"],)).fetchone()[0] == 1
    db.close()
    context.close()


def test_a_subscription_the_push_service_renewed_keeps_its_areas_at_the_next_visit(server, browser):
    context = browser.new_context(locale="ru-RU")
    context.grant_permissions(["notifications"], origin=server.url)
    sub = subscription(12, "https://fcm.googleapis.com")
    context.add_init_script(FAKE_PUSH_SERVICE % json.dumps(sub))
    page = context.new_page()
    page.goto(f"{server.url}/ru/?area=valuyki")
    page.wait_for_function(CONTROLLED)
    page.locator("[data-push-toggle]").click()
    page.wait_for_function("() => document.querySelector('[data-push-toggle]').getAttribute('aria-pressed') === 'true'")
    renewed = sub["endpoint"] + "-renewed"
    page.evaluate(f"() => localStorage.setItem('fake-endpoint', {renewed!r})")
    page.goto(f"{server.url}/ru/")                                       # the next visit, any page with the box
    page.wait_for_function(f"() => localStorage.getItem('push-endpoint') === {renewed!r}")
    db = connect(str(server.folder / "live.sqlite3"))
    rows = db.execute("SELECT s.endpoint, group_concat(a.area) FROM push_subscriptions s JOIN "
                      "push_subscription_areas a ON a.subscription_id = s.id WHERE s.endpoint IN (?, ?) "
                      "GROUP BY s.id", (sub["endpoint"], renewed)).fetchall()
    db.close()
    assert [tuple(r) for r in rows] == [(renewed, "valuyki")]
    context.close()

"""A page answers only to the query parameters it reads: anything else (a shared link's ?fbclid=,
?utm_source=, a client's random ?x=) is a cacheable 301 to the same page without it, so each page
stays one entry in nginx's cache during a spike."""

import pytest


@pytest.mark.parametrize("asked, canonical", [
    ("/ru/?area=belgorod&fbclid=IwAR0abc", "/ru/?area=belgorod"),
    ("/ru/?utm_source=tg&utm_medium=post", "/ru/"),
    ("/ru/?fbclid=x&area=valuyki", "/ru/?area=valuyki"),
    ("/ru/?area=valuyki&area=belgorod", "/ru/?area=valuyki"),             # the one the page reads
    ("/en/notices/?kind=missile&x=1", "/en/notices/?kind=missile"),
    ("/en/shelters/?q=%D0%9B%D0%B5%D0%BD%D0%B8%D0%BD%D0%B0+17&open=1&gclid=1",
     "/en/shelters/?q=%D0%9B%D0%B5%D0%BD%D0%B8%D0%BD%D0%B0+17&open=1"),
    ("/en/checklists/?area=nowhere", "/en/checklists/"),                  # not a place: not carried
    ("/en/checklists/missile?area=shebekino&ref=x", "/en/checklists/missile?area=shebekino"),
    ("/en/kit?adults=2&days=3", "/en/kit"),                               # never read from a URL
    ("/api/notices.json?active=1&r=5", "/api/notices.json?active=1"),
    ("/feeds/ru/notices.atom?area=belgorod", "/feeds/ru/notices.atom"),
    ("/ru/manifest.webmanifest?v=1", "/ru/manifest.webmanifest"),
])
def test_unknown_parameters_are_a_cacheable_redirect_to_the_page_without_them(client, asked, canonical):
    response = client.get(asked)
    assert response.status_code == 301
    assert response.headers["Location"] == canonical
    assert response.headers["Cache-Control"].startswith("public, max-age=")
    assert client.get(canonical).status_code == 200


@pytest.mark.parametrize("url", [
    "/ru/", "/ru/?area=belgorod", "/ru/?area=belgorod&live=3f2a", "/en/notices/?area=shebekino&kind=drone",
    "/en/shelters/?q=Lenina+17&open=1&accessible=1&area=belgorod", "/en/checklists/missile?area=shebekino",
    "/api/notices.json?area=belgorod&active=1&kind=drone", "/sw.js?lang=ru",
])
def test_links_the_site_makes_are_answered_directly(client, url):
    assert client.get(url).status_code == 200


def test_forms_and_other_methods_are_not_redirected(client):
    assert client.post("/en/kit?x=1", data={"adults": "2"}).status_code != 301
    assert client.get("/ru/?area=nowhere").status_code == 404             # an unknown area stays an error

"""No 500 from a hostile URL: reserved names in the query, ids past SQLite's range; and when a 500
does happen, the page is friendly, in the reader's language, with every security header."""

import pytest

SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
                    "X-Frame-Options", "Permissions-Policy", "Cross-Origin-Resource-Policy",
                    "Cross-Origin-Opener-Policy")
PAGES = ["/ru/", "/en/notices/", "/uk/notices/1", "/en/shelters/", "/en/shelters/1",
         "/en/shelters/1/report", "/ru/checklists/", "/ru/checklists/grab-bag",
         "/ru/checklists/grab-bag/print", "/ru/kit", "/ru/kit/sheet", "/ru/offline", "/api/notices.json",
         "/api/shelters.geojson", "/feeds/ru/notices.atom", "/cap/1.xml", "/sw.js"]
RESERVED = ["lang=zz", "lang=", "endpoint=static", "endpoint=", "slug=x", "notice_id=1",
            "shelter_id=9", "_method=POST", "_external=1", "_scheme=javascript", "_anchor=x",
            "values=1", "filename=../../etc/passwd", "lang=ru&lang=en", "area=%00", "q=%C0",
            "page=99999999999999999999999", "n=1e400"]


@pytest.mark.parametrize("query", RESERVED)
def test_reserved_names_never_give_a_500(client, query):
    for path in PAGES:
        url = path + ("&" if "?" in path else "?") + query
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)


@pytest.mark.parametrize("url", [
    "/en/notices/9223372036854775808", "/en/notices/99999999999999999999999999",
    "/en/shelters/18446744073709551616", "/en/shelters/18446744073709551616/report",
    "/cap/9223372036854775808.xml",
])
def test_ids_past_the_integer_range_are_not_found(client, url):
    assert client.get(url).status_code == 404


@pytest.fixture
def failing(app):
    """The app with a page that fails, served as in production (exceptions become 500 pages)."""
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/<lang:lang>/fails")
    def fails():
        raise RuntimeError("internal detail")

    return app


def test_a_500_page_is_friendly_in_the_readers_language_with_every_security_header(failing):
    response = failing.test_client().get("/uk/fails")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert 'lang="uk"' in body and "internal detail" not in body and "Traceback" not in body
    assert "Щось пішло не так" in body
    for name in SECURITY_HEADERS:
        assert name in response.headers, name


def test_a_500_page_keeps_its_headers_even_when_the_page_itself_fails(failing, monkeypatch):
    import preparedness.errors as errors

    def broken(*_args, **_kwargs):
        raise RuntimeError("the template is broken too")

    monkeypatch.setattr(errors, "render_template", broken)
    response = failing.test_client().get("/ru/fails")
    assert response.status_code == 500
    assert "Что-то пошло не так" in response.get_data(as_text=True)
    for name in SECURITY_HEADERS:
        assert name in response.headers, name


def test_404_and_405_carry_every_security_header(client):
    for response in (client.get("/ru/no-such-page"), client.post("/ru/")):
        assert response.status_code in (404, 405)
        for name in SECURITY_HEADERS:
            assert name in response.headers, name

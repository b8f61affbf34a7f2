"""A feed full of script tags, event handlers and javascript: links runs no script in our pages."""

import re

import pytest

from ingest_helpers import FIXTURE_NOW, imported, path

HOSTILE = ("urn:example:hostile:1", "urn:example:hostile:2")
OUR_SCRIPT = re.compile(r'<script src="/static/[^"]+" defer></script>')


@pytest.fixture
def hostile(app, runner):
    """The hostile feed imported by an operator (published at once), on the fixtures' morning."""
    app.config["NOW"] = FIXTURE_NOW
    result = runner.invoke(args=["notices", "import", path("feed_hostile.rss")])
    assert result.exit_code == 0 and "imported 2, updated 0, unchanged 0, rejected 0" in result.output
    return app


def assert_no_script(html):
    """No script element but our own files, no event handler, no javascript:/data: URL or frame."""
    assert "<script" not in OUR_SCRIPT.sub("", html)
    assert not re.search(r"<[^>]+\son\w+\s*=", html)
    assert not re.search(r"(href|src|action)\s*=\s*[\"']?\s*(javascript|data):", html, re.I)
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    for tag in ("<iframe", "<svg", "<style", "<img", "<button>OK"):
        assert tag not in main


def test_stored_text_is_plain_and_keeps_the_real_link(hostile):
    first = imported(hostile, HOSTILE[0])
    text = first["texts"]["ru"]
    assert first["kind"] == "missile" and first["areas"] == ["shebekino"]
    assert first["url"] is None and imported(hostile, HOSTILE[1])["url"] is None    # javascript: links
    assert "<" not in text["description"] and "onclick" not in text["description"]
    assert "список укрытий (https://shebekino.example/shelters)" in text["description"]
    assert "javascript" not in text["description"].lower()
    assert not first["source"].lower().startswith("javascript")
    assert first["sender"] == "Hostile feed"


def test_no_script_reaches_any_page(hostile, client):
    for identifier in HOSTILE:
        notice_id = imported(hostile, identifier)["id"]
        for lang in ("ru", "en"):
            page = client.get(f"/{lang}/notices/{notice_id}")
            assert page.status_code == 200
            assert_no_script(page.get_data(as_text=True))
    for url in ("/ru/notices/", "/en/notices/?area=shebekino", "/ru/?area=shebekino"):
        assert_no_script(client.get(url).get_data(as_text=True))


def test_the_kept_link_is_a_safe_link_on_the_notice_page(hostile, client):
    page = client.get(f"/ru/notices/{imported(hostile, HOSTILE[0])['id']}").get_data(as_text=True)
    assert re.search(r'<a href="https://shebekino\.example/shelters" rel="[^"]*noopener[^"]*">', page)
    assert "alert(" not in page.split('class="notice__description"', 1)[1].split("</div>", 1)[0]


def test_feeds_and_cap_carry_no_markup_from_the_import(hostile, client):
    atom = client.get("/feeds/ru/notices.atom").get_data(as_text=True)
    assert "<script" not in atom and "javascript:" not in atom.lower()
    cap = client.get(f"/cap/{imported(hostile, HOSTILE[0])['id']}.xml").get_data(as_text=True)
    assert "<script" not in cap and "&lt;script" not in cap and "javascript:" not in cap.lower()

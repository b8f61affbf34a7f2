"""`flask notices poll` against a local HTTP server: conditional GET, trusted flag, failures."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ingest_helpers import DATA, FIXTURE_NOW, imported, rows

ETAG = '"feed-v1"'
LAST_MODIFIED = "Sun, 01 Mar 2026 07:40:00 GMT"


class FeedHandler(BaseHTTPRequestHandler):
    """Serves the RSS fixture with validators; answers 304 when they match; 500 on /broken."""

    seen = []

    def do_GET(self):
        FeedHandler.seen.append((self.path, dict(self.headers)))
        if self.path == "/broken":
            self.send_error(500, "Server on fire")
            return
        if self.headers.get("If-None-Match") == ETAG:
            self.send_response(304)
            self.end_headers()
            return
        body = (DATA / ("telegram_result.json" if self.path == "/tg" else "feed.rss")).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", ETAG)
        self.send_header("Last-Modified", LAST_MODIFIED)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args):
        """Keep test output quiet."""


@pytest.fixture
def server():
    """A feed server on 127.0.0.1 in a thread; its base URL."""
    FeedHandler.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_poll_imports_then_asks_conditionally(app, runner, server):
    app.config["NOW"] = FIXTURE_NOW
    app.config["NOTICE_SOURCES"] = [{"name": "shebekino-rss", "url": f"{server}/feed", "format": "rss",
                                     "trusted": True}]
    first = runner.invoke(args=["notices", "poll"])
    assert first.exit_code == 0, first.output
    assert "shebekino-rss: imported 3, updated 0, unchanged 0, rejected 0" in first.output
    assert imported(app, "https://shebekino.example/news/101")["publication"] == "published"
    state = rows(app, "SELECT * FROM notice_sources WHERE name = 'shebekino-rss'")[0]
    assert (state["etag"], state["last_modified"]) == (ETAG, LAST_MODIFIED)

    second = runner.invoke(args=["notices", "poll"])
    assert second.exit_code == 0 and "shebekino-rss: not modified" in second.output
    headers = FeedHandler.seen[-1][1]
    assert headers["If-None-Match"] == ETAG and headers["If-Modified-Since"] == LAST_MODIFIED
    assert len(rows(app, "SELECT id FROM notices WHERE source = 'shebekino-rss'")) == 3


def test_untrusted_source_goes_to_review(app, runner, server):
    app.config["NOTICE_SOURCES"] = [{"name": "channel", "url": f"{server}/tg", "format": "telegram",
                                     "trusted": False}]
    result = runner.invoke(args=["notices", "poll"])
    assert "channel: imported 4" in result.output and "waiting for review: 4" in result.output
    assert {r["publication"] for r in rows(app, "SELECT publication FROM notices "
                                                "WHERE source = 'channel'")} == {"review"}


def test_a_failing_source_is_reported_and_the_others_still_polled(app, runner, server):
    app.config["NOTICE_SOURCES"] = [
        {"name": "down", "url": f"{server}/broken", "format": "rss", "trusted": True},
        {"name": "up", "url": f"{server}/feed", "format": "rss", "trusted": True}]
    result = runner.invoke(args=["notices", "poll"])
    assert result.exit_code == 1
    assert "down: not imported:" in result.stderr and "HTTP 500" in result.stderr
    assert "up: imported 3" in result.stdout
    state = rows(app, "SELECT etag, last_result FROM notice_sources WHERE name = 'down'")[0]
    assert state["etag"] is None and state["last_result"].startswith("error:")


def test_a_source_is_polled_again_only_when_its_interval_has_passed(app, runner, server):
    app.config["NOW"] = FIXTURE_NOW
    app.config["NOTICE_SOURCES"] = [{"name": "every-5", "url": f"{server}/feed", "format": "rss",
                                     "trusted": True, "interval": 5}]
    assert "every-5: imported 3" in runner.invoke(args=["notices", "poll"]).output
    asked = len(FeedHandler.seen)
    app.config["NOW"] = FIXTURE_NOW.replace(minute=14)
    soon = runner.invoke(args=["notices", "poll"])
    assert soon.exit_code == 0 and "every-5: not due yet (interval 5 min)" in soon.output
    assert len(FeedHandler.seen) == asked                                # no request was made
    assert "every-5: not modified" in runner.invoke(args=["notices", "poll", "--force"]).output
    app.config["NOW"] = FIXTURE_NOW.replace(minute=20)
    assert "every-5: not modified" in runner.invoke(args=["notices", "poll"]).output
    assert len(FeedHandler.seen) == asked + 2


def test_a_source_can_be_a_local_file(app, runner):
    app.config["NOW"] = FIXTURE_NOW
    app.config["NOTICE_SOURCES"] = [{"name": "export", "path": str(DATA / "telegram_result.json"),
                                     "format": "telegram", "trusted": False}]
    first = runner.invoke(args=["notices", "poll"])
    assert first.exit_code == 0 and "export: imported 4" in first.output
    assert "export: imported 0, updated 0, unchanged 4" in runner.invoke(args=["notices", "poll"]).output
    assert {r["publication"] for r in rows(app, "SELECT publication FROM notices "
                                                "WHERE source = 'export'")} == {"review"}

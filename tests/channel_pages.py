"""Channel preview pages for tests, built from the saved real markup in tests/data/channel/."""

from html import escape
from pathlib import Path

FIXTURES = Path(__file__).parent / "data" / "channel"
FULL_PAGE = "any2feed_full_topwar_official_2023-02-28.html"
POST_BLOCK = "tchan_test_parse_text_message_signed_not_edited.html"


def fixture(name):
    """The bytes of one saved page."""
    return (FIXTURES / name).read_bytes()


def post_block(channel, post_id, text, sent, edited=False):
    """The saved signed-post block with another id, time and text (line breaks as <br/>)."""
    block = fixture(POST_BLOCK).decode("utf-8")
    html = "<br/>".join(escape(line, quote=False) for line in text.split("\n"))
    block = (block.replace("tchantest/79", f"{channel}/{post_id}")
             .replace("2023-02-24T08:07:51+00:00", sent.isoformat(timespec="seconds"))
             .replace("Signed and not edited", html))
    if edited:
        block = block.replace(",&nbsp;<a class=", ",&nbsp;edited &nbsp;<a class=")
    return block


def channel_page(channel, posts):
    """A whole preview page of `channel`: posts are (id, text, sent datetime, edited) tuples."""
    full = fixture(FULL_PAGE).decode("utf-8")
    start = full.index('<div class="tgme_widget_message_wrap')
    end = full.index("</section>", start)
    blocks = "".join(post_block(channel, *post) for post in posts)
    return (full[:start] + blocks + full[end:]).replace("topwar_official", channel).encode("utf-8")


class ChannelServer:
    """A local t.me stand-in: /s/<channel> serves the posts in `pages[channel]`, with ETag and 304.

    `pages[channel]` is a list of (id, text, sent, edited) tuples the test changes between polls;
    `/s/slow` answers after `slow_seconds`, `/s/broken` answers 500.
    """

    def __init__(self):
        import threading
        from http.server import ThreadingHTTPServer
        self.pages, self.requests, self.slow_seconds = {}, [], 5.0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler())
        self.server.handle_error = lambda *args: None      # a client that gave up on /s/slow
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def handler(self):
        """The request handler class bound to this server's pages."""
        import hashlib
        import time
        from http.server import BaseHTTPRequestHandler
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                channel = self.path.split("?")[0].rsplit("/", 1)[-1]
                owner.requests.append((channel, self.headers.get("If-None-Match")))
                if channel == "slow":
                    time.sleep(owner.slow_seconds)
                if channel not in owner.pages:
                    self.send_error(500 if channel == "broken" else 404)
                    return
                body = channel_page(channel, owner.pages[channel])
                etag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler

    def stop(self):
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()

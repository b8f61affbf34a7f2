"""Rendered hot pages kept in memory, keyed by everything they depend on.

A page depends on its URL (language and area included), the minute it shows as "as of", and the
database's content. SQLite's PRAGMA data_version on a connection that never writes changes whenever
another connection commits, so a publication is visible on the next request, not after a timeout.
"""

import threading
from collections import OrderedDict
from functools import wraps

from flask import current_app, request

from .db import connect
from .i18n import to_minute, utcnow


class PageCache:
    """An LRU of rendered pages for one app, with one watching connection per thread."""

    def __init__(self, path, size=512):
        self.path, self.size = path, size
        self.pages = OrderedDict()
        self.local = threading.local()
        self.lock = threading.Lock()

    def data_version(self):
        """A number that changes whenever another connection commits to the database."""
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = connect(self.path)
        return conn.execute("PRAGMA data_version").fetchone()[0]

    def get_or_render(self, key, render):
        """The cached page for `key`, or render, keep and return it."""
        key = (*key, self.data_version())
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
                return page
        page = render()
        with self.lock:
            self.pages[key] = page
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)
        return page


def cached_page(view):
    """Serve a view's rendered HTML from the page cache while nothing it shows has changed."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        cache = current_app.extensions["page_cache"]
        key = (request.full_path, to_minute(utcnow()).isoformat())
        return cache.get_or_render(key, lambda: view(*args, **kwargs))

    return wrapper


def init_app(app):
    """One cache per app."""
    app.extensions["page_cache"] = PageCache(app.config["DATABASE"])

"""Installable, offline-capable site: web app manifest, service worker and offline page.

How it fits together:
- Every page registers /sw.js?lang=<its language> (scope /). The script is rendered per language with
  the lists it saves (precache.py says what, in which order, and what a slow link skips) and a version
  naming its caches; switching language registers the other language's script, which replaces this
  one quietly. Page bundles (/<lang>/offline/<name>.json) carry many pages in one download.
- static/js/app.js tells the worker, once the page is idle, which page is open, the chosen area and
  whether the link is slow or saving data; the worker then saves the rest when the link allows it.
- When the worker answers a navigation from its caches it marks the page (<body data-from-cache>);
  static/js/offline.js then shows "Offline — information as of HH:MM (N minutes ago)" and, once
  body[data-generated] is older than STALE_AFTER_MINUTES, replaces "no active alerts" with "status
  unknown". Every sentence is rendered by templates/pwa/_status.html, hidden, for gettext.
- offline.js also asks the worker to keep the shelter pages a page links to (the nearest ones on "Now")
  and keeps the last kit plan's query in localStorage, reopening that plan (offline: its saved copy).
"""

from . import precache, views


def init_app(app):
    """Register the routes and the built-in lists of URLs kept for offline use."""
    app.register_blueprint(views.bp)
    precache.init_app(app)

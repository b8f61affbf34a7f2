"""Static asset URLs that change when the file's content changes."""

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import current_app, url_for


@lru_cache(maxsize=64)
def _digest(path):
    """A short content hash of one file."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def asset_url(filename):
    """The URL of a static file with its content hash, so it can be cached for a year."""
    path = Path(current_app.static_folder) / filename
    return url_for("static", filename=filename, v=_digest(str(path)))


def init_app(app):
    """Make asset_url available to templates."""
    app.jinja_env.globals["asset_url"] = asset_url
